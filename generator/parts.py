"""Long collections split into part pages, so that no page grows without bound.

A story of a few hundred entries keeps one page per collection (/timeline/, /people/...),
exactly as before. Past PART_SIZE (counted in entries, an entry weighing more when it lists
more), a collection page becomes an index of parts, each a page of its own that is left out
of the navigation (every page embeds the whole navigation, so listing thousands of parts
there would make the site grow with the square of its pages):

- timeline: by year (timeline/2025.md), a year too long by month (timeline/2025-11.md);
- who said what: by the initial of the speaker's name (who-said-what/t.md);
- people: by kind, then initial (people/person-t.md);
- sources: by the initial of the publisher (sources/r.md);
- the checking page's notes: by the part of the story they are about (checking/timeline.md).

A group still too long is cut into numbered parts (timeline/2025-11-part-2.md) between
speakers, people or sources, never through one unless it alone is too long. Part paths
depend only on the entries' dates and names, so a part keeps its address as the story grows
until it is itself split.
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from generator import locales
from generator.dates import StoryDate, month_heading
from generator.site import page_url


class StoryView(Protocol):
    """What splitting needs of the story's indexed view (generator/story.py builds it, and calls
    split_story: this module does not import it, so the import graph has no cycle)."""

    @property
    def content(self) -> Any: ...

    @property
    def dates(self) -> dict[str, StoryDate]: ...

    @property
    def actors(self) -> dict[str, Any]: ...

    @property
    def cited_by(self) -> dict[str, list[tuple[str, str, str]]]: ...

    @property
    def events_by_actor(self) -> dict[str, list[Any]]: ...

    @property
    def people(self) -> list[tuple[str, list[Any]]]: ...

    @property
    def quotes_by_event(self) -> dict[str, list[Any]]: ...

    @property
    def quotes_by_speaker(self) -> dict[str, list[Any]]: ...

    @property
    def speakers(self) -> list[Any]: ...

    @property
    def timeline(self) -> list[Any]: ...

    @property
    def checked(self) -> list[Any]: ...


PART_SIZE = 300


def part_size() -> int:
    """Entries per page before a collection is split: PART_SIZE, or STORY_PART_SIZE (tests use a
    small one to build split sites from small stories)."""
    return int(os.environ.get("STORY_PART_SIZE") or PART_SIZE)


# Headings for each kind of actor: keys in the reader's language tables (generator/locales)
KIND_HEADINGS = {"person": locales.key("people.kind.person"), "government": locales.key("people.kind.government"),
                 "organization": locales.key("people.kind.organization"), "media": locales.key("people.kind.media")}

Key = Callable[[Any], tuple[str, str]]  # item -> (slug, title) of its group at one level


@dataclass(frozen=True)
class Part:
    page: str  # the collection page it belongs to: "timeline.md"
    slug: str  # "2025-11"
    title: str  # "November 2025"
    items: tuple[Any, ...]  # the entries listed on it, in the order shown

    @property
    def path(self) -> str:
        return f"{self.page.removesuffix('.md')}/{self.slug}.md"


@functools.lru_cache(maxsize=65536)  # sorting and grouping ask again and again for the same names
def initial(name: str) -> tuple[str, str]:
    """Group of a name by its first letter, accents folded: ("t", "T"); digits and other scripts: ("other", "#")."""
    for ch in unicodedata.normalize("NFKD", name):
        if ch.isascii() and ch.isalpha():
            return ch.lower(), ch.upper()
        if ch.isalnum():
            break
    return "other", "#"


def split_story(view: StoryView, limit: int) -> dict[str, list[Part]]:
    """Collection page -> its parts; collections that fit on one page are left out."""
    by_event, by_speaker = view.quotes_by_event, view.quotes_by_speaker
    events_of, cited = view.events_by_actor, view.cited_by
    actors = view.actors
    language = view.content.story.language
    t = locales.strings(language).t

    def year(ev: Any) -> tuple[str, str]:
        return str(view.dates[ev.date].start.year), str(view.dates[ev.date].start.year)

    def month(ev: Any) -> tuple[str, str]:
        start = view.dates[ev.date].start
        if start.month is None:
            return str(start.year), str(start.year)
        return f"{start.year}-{start.month:02d}", month_heading(view.dates[ev.date], language)

    def kind(a: Any) -> tuple[str, str]:
        return a.kind, t(KIND_HEADINGS[a.kind])

    def kind_initial(a: Any) -> tuple[str, str]:
        slug, letter = initial(a.name)
        return f"{a.kind}-{slug}", f"{t(KIND_HEADINGS[a.kind])}, {letter}"

    def speaker_initial(q: Any) -> tuple[str, str]:
        return initial(actors[q.speaker].name)

    def publisher_initial(s: Any) -> tuple[str, str]:
        return initial(s.publisher)

    def checked_area(n: Any) -> tuple[str, str]:
        slug, title = note_area(n)
        return slug, t(title)

    quotes = [q for a in view.speakers for q in by_speaker[a.id]]
    people = [a for _, group in view.people for a in group]
    splits = {
        "timeline.md": _split(view.timeline, [year, month], lambda e: e.id,
                              lambda e: 1 + len(by_event.get(e.id, ())), limit),
        "who-said-what.md": _split(quotes, [speaker_initial], lambda q: q.speaker, lambda q: 1, limit,
                                   lambda q: (speaker_initial(q)[1], actors[q.speaker].name.lower(), q.speaker)),
        "people.md": _split(people, [kind, kind_initial], lambda a: a.id,
                            lambda a: 1 + (len(by_speaker.get(a.id, ())) + len(events_of.get(a.id, ()))) / 4, limit,
                            lambda a: (list(KIND_HEADINGS).index(a.kind), initial(a.name)[1], a.name.lower())),
        "sources.md": _split(sorted(view.content.sources, key=lambda s: s.publisher.lower()), [publisher_initial],
                             lambda s: s.id, lambda s: 1 + len(cited.get(s.id, ())) / 4, limit,
                             lambda s: (initial(s.publisher)[1], s.publisher.lower())),
        # a note with its citations and links weighs about twice an event (bytes of HTML)
        "checking.md": _split(view.checked, [checked_area], lambda n: n.anchor, lambda n: NOTE_WEIGHT, limit),
    }
    return {page: [Part(page, slug, title, tuple(items)) for slug, title, items in found]
            for page, found in splits.items() if found}


NamedGroups = list[tuple[str, str, list[Any]]]  # (slug, title, entries) of each part

# The checking page's notes, by the page of the story they are about (a background page's
# notes go under "background"), in the order the checking page lists them.
NOTE_AREAS = {"index.md": ("key-points", locales.key("index.key_points")),
              "timeline.md": ("timeline", locales.key("page.timeline.title")),
              "who-said-what.md": ("quotes", locales.key("page.quotes.title")),
              "background": ("background", locales.key("nav.background"))}
NOTE_WEIGHT = 2


def note_area(note: Any) -> tuple[str, str]:
    """The part of the story an accuracy note is about: ("quotes", key of "Who said what")."""
    return NOTE_AREAS.get(note.page, NOTE_AREAS["background"])


def _split(items: Sequence[Any], levels: list[Key], unit: Callable[[Any], str], weight: Callable[[Any], float],
           limit: int, order: Callable[[Any], Any] | None = None) -> NamedGroups:
    weights = {id(i): weight(i) for i in items}  # asked for at every level: work each out once
    if sum(weights.values()) <= limit:
        return []
    ordered = sorted(items, key=order) if order else list(items)
    return _divide(ordered, levels, unit, lambda i: weights[id(i)], limit, ("", ""))


def _divide(items: list[Any], levels: list[Key], unit: Callable[[Any], str], weight: Callable[[Any], float],
            limit: int, name: tuple[str, str]) -> NamedGroups:
    if name[0] and sum(weight(i) for i in items) <= limit:
        return [(*name, items)]
    if not levels:
        return _chunks(items, unit, weight, limit, name)
    found: NamedGroups = []
    for key, group in itertools.groupby(items, levels[0]):
        found += _divide(list(group), levels[1:], unit, weight, limit, key)
    return found


def _chunks(items: list[Any], unit: Callable[[Any], str], weight: Callable[[Any], float], limit: int,
            name: tuple[str, str]) -> NamedGroups:
    """Cut a group too long for one page between units (a speaker's quotes stay together)."""
    chunks: list[list[Any]] = []
    current: list[Any] = []
    filled = 0.0
    for _, group in itertools.groupby(items, unit):
        members = list(group)
        size = sum(weight(i) for i in members)
        if current and filled + size > limit:
            chunks.append(current)
            current, filled = [], 0.0
        for item in members:  # a unit longer than a page on its own is cut through
            if current and filled + weight(item) > limit:
                chunks.append(current)
                current, filled = [], 0.0
            current.append(item)
            filled += weight(item)
    chunks.append(current)
    slug, title = name
    return [(slug if k == 1 else f"{slug}-part-{k}", f"{title} ({k} of {len(chunks)})", chunk)
            for k, chunk in enumerate(chunks, 1)]


def locations(parts: dict[str, list[Part]]) -> dict[str, dict[str, str]]:
    """Collection page -> anchor -> the part page that holds it."""
    out: dict[str, dict[str, str]] = {}
    for page, found in parts.items():
        where = out.setdefault(page, {})
        for part in found:
            for item in part.items:
                if page == "who-said-what.md":
                    where.setdefault(f"said-{item.speaker}", part.path)
                where[item.anchor if page == "checking.md" else item.id] = part.path
    return out


ANCHORS = "anchors.json"


def anchor_files(page_of: dict[str, dict[str, str]]) -> dict[str, str]:
    """For each collection split into parts, `<collection>/anchors.json`: anchor -> the address of
    the part that shows it, relative to the collection's index page.

    A link made before the story grew past one page (/timeline/#event-id) lands on the index of
    parts, which no longer holds the anchor; the index's script looks the anchor up here and
    goes on to the part. A file of its own, fetched only then: at 20,000 events it is about 1 MB,
    which no reader should carry on every visit."""
    files = {}
    for page, where in page_of.items():
        if where:
            prefix = page_url(page)
            data = {anchor: page_url(path).removeprefix(prefix) for anchor, path in where.items()}
            files[f"{page.removesuffix('.md')}/{ANCHORS}"] = json.dumps(data, ensure_ascii=False,
                                                                       separators=(",", ":")) + "\n"
    return files
