"""Live preview: after a save that only rewrote an entry's text, render again only the pages
that show that entry.

A save usually changes one event's, quote's or person's wording. A page that shows an entry
names its id: its heading's anchor ({ #id }) or a link to it (timeline.md#id, people.md#id); the
front page (ALWAYS) is the exception and is always rendered. So after such an edit, the front
page and the pages whose last Markdown contains the entry's id are rendered again, and every
other page keeps its last Markdown. Anything else renders every page, as a build does:
- a change outside the entries below: story.yml, places.yml, a background page, the glossary
  (its tooltips are on every page), key points, updates;
- an entry added, removed, renamed or moved;
- a change to any other field, or a text field filled or emptied (a note appears on the checking
  page, a place on the map...): which pages show the entry may change;
- a different page plan (pages, titles, which part lists which entry);
- a template or a language table edited while the preview runs.

Sources are not here: a citation links to the source's own address, not to its id, so the pages
citing a source do not name it. Nor is a person's name: the sources page lists the quotes citing
a source as "speaker, context", linked by the quote's id only. tests/test_rerender.py edits every text field below of every
entry of the test stories and compares the pages with a full render.

Only the live preview uses this (the MkDocs hook, during `serve`); a build always renders all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import registry
from generator.plan import Page, SitePlan
from generator.story import StoryView

# Per kind of content: the fields whose rewording re-renders only the pages naming the entry.
TEXT_FIELDS: dict[str, frozenset[str]] = {
    "events": frozenset({"title", "summary", "note", "date_label", "place"}),
    "quotes": frozenset({"text", "context", "via", "note"}),
    "actors": frozenset({"role", "bio", "native", "native_language", "country"}),  # not the name: quotes are listed by speaker
}

# Rendered every time: the front page shows the key exchange's quotes (speaker, words, context)
# without linking each by its id, and it is small.
ALWAYS = frozenset({"index.md"})


@dataclass
class _Last:
    # kind -> id -> the entry, in file order. Entries are frozen models compared by their fields;
    # an entry of a file left unchanged is the very same model (generator/load.py), found equal at once.
    entries: dict[str, dict[str, Any]]
    rest: Any  # everything else the pages are made from, and the plan
    texts: dict[str, str]  # docs path -> the Markdown rendered for it


class Rerender:
    """What the last good render made, for one preview session."""

    def __init__(self) -> None:
        self.last: _Last | None = None
        self.rendered: list[str] = []  # the pages the last render made (the rest were kept)

    def render(self, view: StoryView, site: SitePlan,
               render_pages: Callable[[list[Page]], dict[str, str]]) -> dict[str, str]:
        """Every page's Markdown in the plan's order: render_pages(pages) for the pages this save
        can have changed, the last Markdown for the rest."""
        entries, rest = _entries(view), _rest(view, site)
        last, self.last = self.last, None  # a render that fails keeps nothing: the next one renders all
        chosen = site.pages if last is None else _changed_pages(last, entries, rest, site)
        rendered = render_pages(chosen)
        previous = last.texts if last is not None else {}
        texts = {p.path: rendered[p.path] if p.path in rendered else previous[p.path] for p in site.pages}
        self.last, self.rendered = _Last(entries, rest, texts), list(rendered)
        return texts


def _changed_pages(last: _Last, entries: dict[str, dict[str, Any]], rest: Any, site: SitePlan) -> list[Page]:
    """All pages, unless only entries' text changed since last time: then the front page and the
    pages naming a changed entry's id."""
    if rest != last.rest or any(list(entries[k]) != list(last.entries[k]) for k in entries):
        return site.pages
    changed: list[str] = []
    for kind, by_id in entries.items():
        for entry_id, entry in by_id.items():
            before = last.entries[kind][entry_id]
            if entry != before:
                if not _only_text(kind, before.model_dump(), entry.model_dump()):
                    return site.pages
                changed.append(entry_id)
    return [p for p in site.pages if p.path in ALWAYS or p.path not in last.texts
            or any(i in last.texts[p.path] for i in changed)]


def _only_text(kind: str, before: dict[str, Any], after: dict[str, Any]) -> bool:
    allowed = TEXT_FIELDS.get(kind, frozenset())
    for name in before.keys() | after.keys():
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        if name not in allowed or not (isinstance(old, str) and old and isinstance(new, str) and new):
            return False
    return True


def _entries(view: StoryView) -> dict[str, dict[str, Any]]:
    out = {}
    for kind in TEXT_FIELDS:
        key = registry.FILES[kind].key
        assert key is not None  # every kind in TEXT_FIELDS has ids
        out[kind] = {key(e): e for e in getattr(view.content, kind)}
    return out


def _rest(view: StoryView, site: SitePlan) -> Any:
    c = view.content
    other = [k.name for k in registry.KINDS if k.name not in TEXT_FIELDS]
    return ([(k, list(getattr(c, k))) for k in other], c.story, c.places, dict(c.background),
            [(p.path, p.template, p.title, p.description, p.part_of, p.explore) for p in site.pages],
            site.page_of, _templates())


def _templates() -> list[tuple[str, int, int]]:
    """The page templates and language tables as they are on disk (Jinja reloads an edited template)."""
    here = Path(__file__).parent
    return [(str(f), f.stat().st_mtime_ns, f.stat().st_size)
            for folder in (here / "templates", here / "locales") for f in sorted(folder.iterdir()) if f.is_file()]
