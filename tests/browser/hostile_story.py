"""A story whose every text field carries markup that would mark the page if it ever ran.

The static HTML escapes it; the danger is the theme's JavaScript, which copies text from the
page (tooltips from `title`, truncated labels, the header, search results, search highlighting)
back into the page with `innerHTML`. Each payload names its field, so a failure says which
field ran. Nothing here calls alert(): a payload that runs sets `data-ran` on the body, and
an iframe payload asks another host for a page, which the test records."""

from __future__ import annotations

import json
from pathlib import Path

FOREIGN_HOST = "evil.invalid"


def payload(field: str) -> str:
    """Markup that marks the page as soon as a browser parses it as HTML."""
    mark = f"document.body.setAttribute('data-ran','{field}')"
    return (f'<img src=x onerror="{mark}"> <svg><svg onload="{mark}"></svg></svg> '
            f'<iframe src="//{FOREIGN_HOST}/{field}"></iframe> &lt;img src=y onerror="{mark}"&gt; {field}')


def _y(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted string


def _rich(field: str) -> str:
    """A text field: the payload, a link that must not leave the site, and ordinary words."""
    # links the check refuses (//host, /\\/host) are not here: the check stops them before any page
    # is made (tests/hostile/test_check_catches_what_build_rejects.py); a javascript: link passes the
    # check and must reach the page as text
    return (f"Plain words about the bridge. {payload(field)} [run](javascript:document.body.remove) "
            f"[elsewhere](https://{FOREIGN_HOST}/{field}-link) and the toll rises.")


def write_browser_hostile_story(root: Path) -> None:
    """A small but complete story: every page kind, every short field hostile."""
    (root / "background").mkdir(parents=True, exist_ok=True)
    files = {
        "story.yml": f"""
title: {_y("Bridge " + payload("story-title"))}
dek: {_y(payload("story-dek"))}
summary: {_y(_rich("story-summary"))}
published: "2025-03-10"
questions:
  - {_y(_rich("story-question"))}
phases:
  - id: first
    title: {_y(payload("phase-title"))}
sides:
  - id: north
    label: {_y(payload("side-label"))}
    colour: "#2569d0"
topics:
  - id: tolls
    label: {_y(payload("topic-label"))}
""",
        "key_points.yml": f"""
- text: {_y(_rich("key-point"))}
  sources: [src-one]
  events: [ev-one]
  note: {_y(_rich("key-point-note"))}
  note_sources: [src-one]
""",
        "events.yml": f"""
- id: ev-one
  date: "2025-03-01"
  date_label: {_y(payload("event-date-label"))}
  title: {_y("Toll " + payload("event-title"))}
  summary: {_y(_rich("event-summary") + " The toll rises.")}
  actors: [actor-one, actor-two]
  sources: [src-one]
  tags: [tolls]
  place: {_y(payload("event-place"))}
  phase: first
  note: {_y(_rich("event-note"))}
  note_sources: [src-one]
- id: ev-two
  date: "2025-03-05"
  title: {_y(payload("event-two-title"))}
  summary: The toll rises again.
  actors: [actor-two]
  sources: [src-two]
  phase: first
""",
        "actors.yml": f"""
- id: actor-one
  name: {_y("Ana " + payload("actor-name"))}
  kind: person
  role: {_y(payload("actor-role"))}
  country: {_y(payload("actor-country"))}
  native: {_y(payload("actor-native"))}
  bio: {_y(_rich("actor-bio"))}
  aliases: [{_y(payload("actor-alias"))}]
  side: north
- id: actor-two
  name: {_y(payload("actor-two-name"))}
  kind: government
  role: {_y(payload("actor-two-role"))}
""",
        "sources.yml": f"""
- id: src-one
  title: {_y(payload("source-title"))}
  publisher: {_y(payload("source-publisher"))}
  url: "https://example.org/one"
  published: "2025-03-01"
  kind: article
- id: src-two
  title: {_y(payload("source-two-title"))}
  publisher: {_y(payload("source-two-publisher"))}
""",
        "quotes.yml": f"""
- id: quote-one
  speaker: actor-one
  text: {_y(_rich("quote-text"))}
  kind: paraphrase
  said_on: "2025-03-01"
  context: {_y(payload("quote-context"))}
  source: src-one
  via: {_y(payload("quote-via"))}
  event: ev-one
  note: {_y(_rich("quote-note"))}
  note_sources: [src-one]
""",
        "glossary.yml": f"""
- term: toll
  definition: {_y(_rich("term-definition"))}
  native: {_y(payload("term-native"))}
  aliases: [tolls]
  sources: [src-one]
- term: {_y("Span " + payload("term-name"))}
  id: span
  definition: {_y(payload("term-two-definition"))}
""",
        "updates.yml": f"""
- date: "2025-03-10"
  kind: correction
  text: {_y(_rich("update-text"))}
""",
        "background/history.yml": f"""
title: {_y("History " + payload("background-title"))}
summary: {_y(_rich("background-summary"))}
facts:
  - label: {_y(payload("fact-label"))}
    value: {_y(payload("fact-value"))}
sections:
  - heading: {_y(payload("section-heading"))}
    body: {_y(_rich("section-body"))}
    sources: [src-one]
    note: {_y(_rich("section-note"))}
    note_sources: [src-one]
related:
  events: [ev-one]
  actors: [actor-one]
  terms: [toll]
""",
        "places.yml": f"""
title: {_y(payload("map-title"))}
caption: {_y(_rich("map-caption"))}
places:
  - id: one
    name: {_y(payload("place-name"))}
    native: {_y(payload("place-native"))}
    lat: "24.47"
    lon: "123.0"
    label: {_y(payload("place-label"))}
  - id: two
    name: {_y(payload("place-two-name"))}
    lat: "25.0"
    lon: "121.5"
    side: left
distances:
  - between: [one, two]
    label: {_y(payload("distance-label"))}
""",
    }
    for name, text in files.items():
        (root / name).write_text(text.lstrip("\n"), encoding="utf-8")
