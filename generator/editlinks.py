"""Edit links: every page names, in its front matter, the YAML file that produced it.

The path is relative to the content folder (`events.yml`, `background/security-laws-2015.yml`); the
theme (overrides/partials/actions.html) joins it to `extra.edit_base` in mkdocs.yml, the address
of that folder in the repository's web editor (https://github.com/OWNER/REPO/edit/main/content/),
for the page's "Edit this page" link; no edit_base, no link. MkDocs'
own edit_url would point at the generated Markdown, which editors must never edit, and Material
would call api.github.com from every reader's browser once repo_url is set; this needs neither,
and works the same under Zensical, which reads the front matter but runs no hooks.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from generator.registry import PAGES

# the collection page (and its parts, e.g. timeline/2025.md) -> the content file behind it
SOURCES = {"index": "story.yml", **{p.path.removesuffix(".md"): p.source for p in PAGES if p.source}}
# pages gathered from several files get no edit link: the checking page shows the notes of events,
# quotes, key points and background sections, each edited where its entry is
GATHERED = {p.path.removesuffix(".md") for p in PAGES if not p.source}
KEY = "edit_source"


def source_of(page: str) -> str | None:
    """The content file, relative to the content folder, that a docs page is made from."""
    path = PurePosixPath(page)
    if path.suffix != ".md":
        return None
    if path.parts[0] == "background" and len(path.parts) == 2:
        return f"background/{path.stem}.yml"
    name = SOURCES.get(path.parts[0].removesuffix(".md"))
    return name


def add_edit_sources(pages: dict[str, str]) -> dict[str, str]:
    """Pages with `edit_source: <file>` added to their front matter (pages without one are left as they are)."""
    out = {}
    for path, text in pages.items():
        source = source_of(path)
        if source and text.startswith("---\n") and f"\n{KEY}:" not in text.split("\n---\n", 1)[0]:
            text = f"---\n{KEY}: {source}\n{text[4:]}"
        out[path] = text
    return out
