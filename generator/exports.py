"""Data for other tools: /story.json (with its JSON Schema), /timeline.json (TimelineJS3), /feed.xml (Atom).

Pure functions of the validated story, like the pages: same story, same bytes. Nothing
here reads the clock; every date comes from the content.
"""

from __future__ import annotations

import functools
import html
import json
import re
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any, Literal

import markdown  # type: ignore[import-untyped]
from feedgen.feed import FeedGenerator
from pydantic import BaseModel, ConfigDict, Field

from generator import models
from generator.dates import Point, StoryDate, display, iso_day, parse_date
from generator.locales import key, strings
from generator.site import folder_url, page_url
from generator.story import StoryView
from generator.text import plain, rich

STORY_SCHEMA = "story.schema.json"
# The layout's version goes up when a field changes name or meaning (2: actors' native_name became
# native, as in the glossary and places); fields added alongside keep it.
FORMAT: Literal["story-explainer/2"] = "story-explainer/2"


class StoryExport(BaseModel):
    """/story.json: the whole validated story, as the generator sees it after checking."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["story-explainer/2"] = Field(description="Version of this file's layout.")
    last_updated: str = Field(description="The story's latest update date (or its publication date).")
    story: models.Story
    key_points: list[models.KeyPoint]
    events: list[models.Event] = Field(description="Timeline events, oldest first.")
    quotes: list[models.Quote]
    actors: list[models.Actor]
    sources: list[models.Source] = Field(description="Sources; local text paths are never published.")
    glossary: list[models.Term] = Field(description="Glossary terms; every term carries its anchor id.")
    updates: list[models.Update] = Field(description="Updates and corrections, newest first.")
    background: dict[str, models.Background] = Field(description="Background pages by slug.")


# A docs page and an entry's anchor -> the docs page that shows the entry (generator/plan.py's
# SitePlan.where: the part page of a split collection).
Where = Callable[[str, str], str]


def export_files(view: StoryView, where: Where) -> dict[str, str]:
    """{path in the docs folder: text} for every data export."""
    return {
        "story.json": story_json(view),
        STORY_SCHEMA: _schema_text(),
        "timeline.json": _json(timeline(view, where)),
        "feed.xml": feed_xml(view),
    }


def _json(data: Any, indent: int | None = None) -> str:
    """Data files are written compact: with an indent, json falls back from its C encoder to
    pure Python. The small schema stays indented for people reading it."""
    return json.dumps(data, indent=indent, ensure_ascii=False, separators=None if indent else (",", ":")) + "\n"


def base_url(view: StoryView) -> str:
    """The site's address ending in '/', or '' when story.yml gives none."""
    url = view.story.site_url
    return folder_url(url)


# --- story.json ------------------------------------------------------------------------------


@functools.cache
def _schema_text() -> str:
    """The schema depends on the models only: made once per process (a tenth of a second that
    every live-preview rebuild paid)."""
    return _json(story_schema(), indent=2)


def story_schema() -> dict[str, Any]:
    schema = StoryExport.model_json_schema(mode="serialization")
    schema["properties"]["$schema"] = {"type": "string", "description": "Address of this schema."}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def story_export(view: StoryView) -> StoryExport:
    """The whole validated story as /story.json holds it."""
    c = view.content
    return StoryExport(
        format=FORMAT, last_updated=view.last_updated, story=view.story, key_points=c.key_points,
        events=view.timeline, quotes=sorted(c.quotes, key=view.quote_key), actors=c.actors, sources=c.sources,
        glossary=[t.model_copy(update={"id": tid}) for tid, t in view.terms],
        updates=view.updates, background=dict(sorted(c.background.items())),
    )


def story_json(view: StoryView) -> str:
    # pydantic writes the JSON itself (model_dump, then json.dumps, took three times as long):
    # compact, UTF-8 as typed, the same bytes as _json gives (tests/hostile/test_text_is_literal.py
    # compares them)
    body = story_export(view).model_dump_json(exclude=PRIVATE)
    return '{"$schema":' + json.dumps(STORY_SCHEMA) + "," + body[1:] + "\n"


PRIVATE = {"sources": {"__all__": {"text"}}}  # local text paths are never published


# --- timeline.json (Knight Lab TimelineJS3) --------------------------------------------------
# Format: https://timeline.knightlab.com/docs/json-format.html ; text fields may hold HTML, so
# everything editors wrote is escaped, and only their safe *emphasis* and [links](https://...) kept.


_MARKDOWN = markdown.Markdown(extensions=["pymdownx.escapeall"])


# After `rich`, a paragraph holding none of these, once its backslash escapes and the entities
# `rich` writes are taken out, is plain text for Markdown: no emphasis, link, code, tag or other
# entity; `rich` has already flattened each paragraph onto one line and guarded any line start
# that could read as a list, heading or rule (with a backslash).
_MARKUP_CHARS = frozenset("\\&*_[]<>`")
_ESCAPE = re.compile(r"\\(.)")
_OUR_ENTITIES = re.compile(r"&(?:amp|lt|gt|quot);")


def _plain_paragraph(p: str) -> str | None:
    """What Python-Markdown makes of one plain paragraph: each escaped character as itself, our
    entities as they are; None for anything else (a test compares the two on generated text)."""
    if not p.isprintable():  # control characters are Markdown's own placeholders
        return None
    if "\\" in p:
        if any(ch in '&<>"' for ch in _ESCAPE.findall(p)):
            return None
        rest = _ESCAPE.sub("", p)
    else:
        rest = p
    if "&" in rest:
        rest = _OUR_ENTITIES.sub("", rest)
    if not _MARKUP_CHARS.isdisjoint(rest):
        return None
    return _ESCAPE.sub(r"\1", p) if "\\" in p else p


@functools.lru_cache(maxsize=65536)
def to_html(text: str) -> str:
    """An editor's Markdown text field as HTML: the same escaping rules as the pages. Kept per
    text: during the live preview a save changes one event, and timeline.json converts them all
    (0.2 s per save at 2,000 events)."""
    md = str(rich(text))
    if not md:
        return ""
    # Python-Markdown would wrap each plain paragraph in <p> and only undo its escapes; skipping
    # it for such text (most summaries: an apostrophe or a bracket is escaped) halves the cost of
    # timeline.json.
    plain = [_plain_paragraph(p) for p in md.split("\n\n")]
    if None not in plain:
        return "\n".join(f"<p>{p}</p>" for p in plain)
    # One converter, reset between texts: building one is costly, and timeline.json converts
    # every event.
    return _MARKDOWN.reset().convert(md)


def _date(p: Point) -> dict[str, int]:
    """A TimelineJS date object at the precision written: no invented month or day."""
    out = {"year": p.year}
    if p.month:
        out["month"] = p.month
    if p.day:
        out["day"] = p.day
    return out


def _needs_display_date(d: StoryDate) -> bool:
    """Approximate or uncertain dates, and spans TimelineJS would shorten: it drops an end date whose
    fields start with the start date's (2025/2025-11 would show as just 2025)."""
    if any(p.approximate or p.uncertain for p in (d.start, d.end) if p):
        return True
    start, end = _date(d.start), _date(d.end) if d.end else None
    return end is not None and all(end.get(k) == v for k, v in start.items())


def _slide(view: StoryView, ev: models.Event, where: Where) -> dict[str, Any]:
    d = view.dates[ev.date]
    text = to_html(ev.summary)
    base = base_url(view)
    if base:
        page = page_url(where("timeline.md", ev.id))
        link = html.escape(view.t("feed.sources_and_context"), quote=False)
        text += f'<p><a href="{html.escape(base)}{page}#{ev.id}">{link}</a></p>'
    slide: dict[str, Any] = {"unique_id": ev.id, "start_date": _date(d.start)}
    if d.end and _date(d.end) != _date(d.start):
        slide["end_date"] = _date(d.end)
    slide["text"] = {"headline": html.escape(ev.title, quote=False), "text": text}
    if ev.tags:
        slide["group"] = html.escape(view.topic(ev.tags[0]), quote=False)  # its name for readers
    if ev.date_label or _needs_display_date(d):
        slide["display_date"] = ev.date_label or display(d, strings(view.story.language).language)
    return slide


def _eras(view: StoryView) -> list[dict[str, Any]]:
    """One era per story phase, spanning the events in it. A phase whose events all fall on one
    date gets no era: TimelineJS drops an end date equal to the start, then rejects the whole
    timeline ("All eras must have start and end dates"); found by loading timeline.json in it."""
    eras = []
    for phase in view.story.phases:
        dates = [view.dates[e.date] for e in view.timeline if e.phase == phase.id]
        if not dates:
            continue
        first = _date(min(dates, key=lambda d: d.start.first).start)
        last = max(dates, key=lambda d: (d.end or d.start).last)
        end = _date(last.end or last.start)
        if end != first:
            eras.append({"start_date": first, "end_date": end,
                         "text": {"headline": html.escape(phase.title, quote=False)}})
    return eras


def timeline(view: StoryView, where: Where) -> dict[str, Any]:
    s = view.story
    data: dict[str, Any] = {
        "title": {"text": {"headline": html.escape(s.title, quote=False),
                           "text": f"<p>{html.escape(s.dek, quote=False)}</p>"}},
        "events": [_slide(view, ev, where) for ev in view.timeline],
        "scale": "human",
    }
    eras = _eras(view)
    if eras:
        data["eras"] = eras
    return data


# --- feed.xml (Atom, RFC 4287) ---------------------------------------------------------------


_UPDATE_KINDS = {"update": key("update.kind.update"), "correction": key("update.kind.correction"),
                 "clarification": key("update.kind.clarification")}


def _stamp(day: str) -> str:
    return f"{iso_day(parse_date(day))}T00:00:00Z"


def _feed_id(view: StoryView) -> str:
    """Permanent id: the site address, or (without one) a UUID derived from the story itself."""
    base = base_url(view)
    if base:
        return base
    return uuid.uuid5(uuid.NAMESPACE_URL, f"story-explainer:{view.story.published}:{view.story.title}").urn


def feed_xml(view: StoryView) -> str:
    """Updates and corrections as an Atom feed. Without a site_url, links are relative to
    the feed's own address (/feed.xml), which Atom allows."""
    s, base = view.story, base_url(view)
    fg = FeedGenerator()
    fg.id(_feed_id(view))
    t, language = view.t, strings(s.language).language
    fg.title(t("feed.title", title=s.title))
    fg.subtitle(plain(s.dek, 500))
    fg.author({"name": t("feed.author")})
    fg.link(href=f"{base}feed.xml", rel="self", type="application/atom+xml")
    fg.link(href=base or "./", rel="alternate", type="text/html")
    fg.language(s.language)
    fg.updated(_stamp(view.last_updated))
    fg.generator(generator="story-explainer")
    # Entries are numbered per day from the oldest, so adding an update never renames an old
    # entry; the number is also the update's anchor on the updates page, which the entry links.
    for anchor, u in reversed(view.update_entries):
        entry = fg.add_entry(order="prepend")
        entry.id(f"{_feed_id(view)}#{anchor}")
        kind = t(_UPDATE_KINDS[u.kind])
        entry.title(t("feed.entry", kind=kind, date=display(parse_date(u.date), language)))
        entry.updated(_stamp(u.date))
        entry.published(_stamp(u.date))
        entry.link(href=f"{base}updates/#{anchor}", rel="alternate", type="text/html")
        entry.category(term=u.kind, label=kind)
        entry.content(to_html(u.text), type="html")
    return fg.atom_str(pretty=True).decode("utf-8")


def source_date_epoch(view: StoryView) -> int:
    """The build's timestamp for reproducible builds: midnight UTC of the story's last update, so
    a rebuild without a content change produces the same bytes (sitemap dates, gzip headers)."""
    return int(datetime.fromisoformat(f"{iso_day(parse_date(view.last_updated))}T00:00:00+00:00").timestamp())
