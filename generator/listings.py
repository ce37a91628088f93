"""What a collection page (timeline, who said what, people, sources, the checking page's notes)
or one of its parts lists.

The templates print what they are given: a whole collection for a story that fits on one
page, one part (generator/parts.py) for a long one. Everything here is worked out once per
page, in Python, so a template never loops over the whole story to print one part of it.
"""

from __future__ import annotations

import itertools
from typing import Any

from generator.locales import key, strings
from generator.parts import KIND_HEADINGS, Part, note_area
from generator.story import StoryView

# How an index of parts counts its entries and names their order (keys in generator/locales)
NOUNS = {"timeline.md": (key("parts.events"), key("parts.order.events")),
         "who-said-what.md": (key("parts.quotes"), key("parts.order.quotes")),
         "people.md": (key("parts.entries"), key("parts.order.entries")),
         "sources.md": (key("parts.sources"), key("parts.order.sources")),
         "checking.md": (key("parts.notes"), key("parts.order.notes"))}


def entries(view: StoryView, page: str) -> list[Any]:
    """All entries of a collection, in the order its single page shows them."""
    if page == "timeline.md":
        return view.timeline
    if page == "who-said-what.md":
        return [q for a in view.speakers for q in view.quotes_by_speaker[a.id]]
    if page == "people.md":
        return [a for _, group in view.people for a in group]
    if page == "checking.md":
        return view.checked
    return list(view.content.sources)


def listing(view: StoryView, page: str, items: list[Any], part: Part | None = None) -> dict[str, Any]:
    """Template variables for a collection page showing items (all of them, or one part's)."""
    out: dict[str, Any] = {"part": part}
    if page == "timeline.md":
        counts: dict[str, int] = {}
        tags: dict[str, int] = {}
        for ev in items:
            for a in ev.actors:
                counts[a] = counts.get(a, 0) + 1
            for t in ev.tags:
                tags[t] = tags.get(t, 0) + 1
        actors = sorted((view.actors[a] for a in counts), key=lambda a: a.name.lower())
        out.update(events=items, filter_actors=[(a, counts[a.id]) for a in actors],
                   filter_tags=[(t, view.topic(t), tags[t]) for t in view.in_topic_order(list(tags))],
                   filter_sides=[])
        if view.sides:
            out["filter_sides"] = [(label, [(a, counts[a.id]) for a in group])
                                   for label, group in view.by_side(actors)]
    elif page == "who-said-what.md":
        speakers = [(view.actors[sid], list(qs)) for sid, qs in itertools.groupby(items, lambda q: q.speaker)]
        quotes = dict((a.id, qs) for a, qs in speakers)
        if view.sides and part is None:  # one page: by side, principals first (parts stay by initial)
            out["sections"] = [(label, [(a, quotes[a.id]) for a in group])
                               for label, group in view.by_side([a for a, _ in speakers])]
        else:
            out["sections"] = [("", speakers)]
    elif page == "people.md":
        if view.sides and part is None:
            out["groups"] = view.by_side(items)
        else:
            t = strings(view.story.language).t
            out["groups"] = [(t(KIND_HEADINGS[kind]), list(group)) for kind, group in itertools.groupby(items, lambda a: a.kind)]
    elif page == "checking.md":
        out["notes"] = items
    else:
        out["publishers"] = publishers(view, items)
    return out


def publishers(view: StoryView, items: list[Any]) -> list[tuple[int, str, list[tuple[Any, list[Any]]]]]:
    """Sources under one heading per publisher (A to Z, ignoring case; in content order within one):
    [(heading number, publisher, [(source, what cites it)])]."""
    groups: list[tuple[int, str, list[tuple[Any, list[Any]]]]] = []
    for src in sorted(items, key=lambda s: s.publisher.lower()):
        if not groups or groups[-1][1] != src.publisher:
            groups.append((len(groups) + 1, src.publisher, []))
        groups[-1][2].append((src, view.cited_by.get(src.id, [])))
    return groups


def index(view: StoryView, page: str, parts: list[Part]) -> dict[str, Any]:
    """Template variables for the index page of a collection split into parts."""
    noun, order = NOUNS[page]
    t = strings(view.story.language).t
    total = sum(len(p.items) for p in parts)
    sections: list[tuple[str, list[tuple[Part, str]]]] = []
    for part in parts:
        heading = _heading(view, page, part)
        if not sections or sections[-1][0] != heading:
            sections.append((heading, []))
        n = len(part.items)
        sections[-1][1].append((part, t(noun, count=n)))
    timeline = page == "timeline.md"
    return {"part": None, "count": t(noun, count=total), "order": t(order), "sections": sections, "parts": len(parts),
            "first": view.timeline[0] if timeline else None, "last": view.timeline[-1] if timeline else None}


def _heading(view: StoryView, page: str, part: Part) -> str:
    if page == "timeline.md":
        return str(view.dates[part.items[0].date].start.year)
    if page == "people.md":
        return strings(view.story.language).t(KIND_HEADINGS[part.items[0].kind])
    if page == "checking.md":  # the part of the story the notes are about
        return strings(view.story.language).t(note_area(part.items[0])[1])
    return ""
