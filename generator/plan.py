"""The site plan: which pages a story needs, in what order, which part page lists each entry of
a long collection, and the navigation over them. Worked out once per build from the story's view,
and handed to the renderer, the exports and the engines: nothing hangs it on the view."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator import listings, registry
from generator.locales import strings
from generator.parts import PART_SIZE, Part, locations, split_story
from generator.story import StoryView
from generator.text import plain


@dataclass(frozen=True)
class Page:
    path: str  # relative to the docs folder, e.g. "timeline.md"
    template: str
    title: str
    description: str
    extra: dict[str, Any] = field(default_factory=dict)
    part_of: str = ""  # for a part of a long collection: the collection's page; parts stay out of the nav
    explore: bool = False  # offered under "Explore the story" on the front page


@dataclass(frozen=True)
class SitePlan:
    pages: list[Page]  # in the order of the navigation; part pages follow their collection's page
    parts: dict[str, list[Part]]  # collection page -> its parts, for collections too long for one page
    page_of: dict[str, dict[str, str]]  # collection page -> anchor (an entry's id) -> the part listing it

    def where(self, page: str, anchor: str = "") -> str:
        """The docs path that shows anchor: the collection page itself, or the part holding it."""
        return self.page_of.get(page, {}).get(anchor, page)


def site_plan(view: StoryView, part_size: int = PART_SIZE) -> SitePlan:
    """The plan for this story, with collections split into parts of about part_size entries."""
    parts = split_story(view, part_size)
    return SitePlan(_pages(view, parts), parts, locations(parts))


def _pages(view: StoryView, parts: dict[str, list[Part]]) -> list[Page]:
    """The pages this story needs, in the registry's order; a page with nothing to show is left out."""
    pages = [Page("index.md", "index.md.j2", view.story.title, plain(view.story.dek, 200))]
    t = strings(view.story.language).t  # page titles and descriptions: registry keys
    for n, kind in enumerate(registry.PAGES):
        if n == registry.BEFORE_BACKGROUND:
            pages += [Page(f"background/{slug}.md", "background.md.j2", bg.title, plain(bg.summary, 200),
                           {"slug": slug, "bg": bg}, explore=True) for slug, bg in sorted(view.content.background.items())]
        if not kind.has(view):
            continue
        title, description = t(kind.title), t(kind.description)
        pages += (_collection(view, kind, title, description, parts.get(kind.path)) if kind.split
                  else [Page(kind.path, kind.template, title, description, explore=kind.explore)])
    return pages


def _collection(view: StoryView, kind: registry.PageKind, title: str, description: str,
                parts: list[Part] | None) -> list[Page]:
    """A collection's page; for a long one, an index page and its parts (see generator/parts.py)."""
    path = kind.path
    if not parts:
        return [Page(path, kind.template, title, description,
                     listings.listing(view, path, listings.entries(view, path)), explore=kind.explore)]
    pages = [Page(path, kind.index_template, title, description, listings.index(view, path, parts),
                  explore=kind.explore)]
    for i, part in enumerate(parts):
        extra = listings.listing(view, path, list(part.items), part)
        extra.update(collection=title, prev=parts[i - 1] if i else None,
                     next=parts[i + 1] if i + 1 < len(parts) else None)
        pages.append(Page(part.path, kind.template, f"{title}: {part.title}", f"{title}: {part.title}. {description}",
                          extra, part_of=path))
    return pages


def nav(pages: list[Page], language: str = "en") -> list[Any]:
    """Navigation for mkdocs.yml: top pages, background pages in one section."""
    t = strings(language).t
    entries: list[Any] = []
    pages = [p for p in pages if not p.part_of]
    background = [{p.title: p.path} for p in pages if p.path.startswith("background/")]
    for p in pages:
        if p.path.startswith("background/"):
            if background:
                entries.append({t("nav.background"): background})
                background = []
            continue
        entries.append({t("nav.home") if p.path == "index.md" else p.title: p.path})
    return entries
