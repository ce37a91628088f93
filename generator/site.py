"""Addresses, and what a site engine is told about the story, decided once for both engines:
pages' addresses, the site's address, the theme's language and the navigation's titles.
generator/mkdocs_hook.py (MkDocs) and generator/engines.py (Zensical) apply it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any


def folder_url(url: str | None) -> str:
    """An address that names a folder ends in exactly one slash ('' for none)."""
    return url.rstrip("/") + "/" if url else ""


def theme_language(theme_dirs: list[Path], tag: str) -> str:
    """The theme's translation closest to the story's language tag (en-GB -> en): the theme has no
    file for most valid tags, and a missing one stops either engine with an error."""
    for candidate in dict.fromkeys([tag, tag.split("-")[0].lower()]):
        if any((Path(d) / "partials" / "languages" / f"{candidate}.html").is_file() for d in theme_dirs):
            return candidate
    return "en"


def search_language(theme_dirs: list[Path], tag: str) -> str:
    """The search index's language: the story's (ja-JP -> ja) where the theme ships its lunr
    language support (assets/javascripts/lunr/min/lunr.<lang>.min.js, with tinyseg.js for
    Japanese word segmentation), copied into the site with the theme, so search never asks
    another host; English otherwise."""
    base = tag.split("-")[0].lower()
    lunr = Path("assets") / "javascripts" / "lunr" / "min" / f"lunr.{base}.min.js"
    if base != "en" and any((Path(d) / lunr).is_file() for d in theme_dirs):
        return base
    return "en"


# Headings' anchors. Python-Markdown's toc extension names an anchor after a heading's ASCII
# letters only, so every heading of a Japanese page without an id of its own (the months of the
# timeline, the groups of people) became "#_1", "#_2"... A story in a language not written in
# Latin letters gets Unicode anchors instead ("#2025年11月"), from pymdownx.slugs (installed with
# Material), in the form Zensical's config also reads. English anchors stay as they are.
UNICODE_SLUGIFY: dict[str, Any] = {"object": "pymdownx.slugs.slugify", "kwds": {"case": "lower"}}


def unicode_headings(language: str) -> bool:
    """Whether headings in this language lose their letters in an ASCII anchor: judged on the
    month name the timeline puts in a heading, written in the language."""
    from markdown.extensions.toc import slugify  # type: ignore[import-untyped]

    from generator.dates import month_heading, parse_date

    return not re.search("[a-z]", slugify(month_heading(parse_date("2025-11"), language), "-"))


def heading_anchor(heading: str, language: str) -> str:
    """The anchor the engine gives a heading written without one of its own (a background page's
    sections): toc's slug of its text, or the Unicode one for a language the hook gives those."""
    if unicode_headings(language):
        from pymdownx.slugs import slugify  # type: ignore[import-untyped]

        return str(slugify(case="lower")(heading, "-"))
    from markdown.extensions.toc import slugify as ascii_slugify  # type: ignore[import-untyped]

    return str(ascii_slugify(heading, "-"))


def not_found(t: Callable[[str], str]) -> dict[str, str]:
    """The words of the theme's "page not found" page (overrides/404.html), in the story's language."""
    return {"title": t("notfound.title"), "text": t("notfound.text"), "home": t("notfound.home"),
            "search": t("notfound.search")}


def css_string(text: str) -> str:
    """text as a quoted CSS string made of letters, digits and hex escapes only, so that it means
    the same whatever escaping a theme applies when it prints it (HTML, then CSS)."""
    return '"' + "".join(c if c.isascii() and c.isalnum() else f"\\{ord(c):x} " for c in text) + '"'


def nav_titles(entries: list[Any], title: Callable[[str], str]) -> list[Any]:
    """The navigation with each title made safe the way an engine needs (the pages unchanged)."""
    return [{title(k): nav_titles(v, title) if isinstance(v, list) else str(v) for k, v in e.items()}
            if isinstance(e, dict) else e for e in entries]


def page_url(path: str) -> str:
    """The address MkDocs gives a docs path (use_directory_urls): timeline/2025.md -> timeline/2025/."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"
