"""A story whose every text field carries something hostile an editor might paste.

Used by the text tests: the build must succeed, every string must reach the reader as text,
and nothing in it may become an element or attribute that runs."""

from __future__ import annotations

import json
from pathlib import Path

SCRIPT = "<script>alert('xss-script')</script>"
IMG = "<img src=x onerror=alert('xss-img')>"
JS_LINK = "[click me](javascript:alert('xss-link'))"
DATA_LINK = "[open](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"
RAW_LINK = "<a href=\"javascript:alert('xss-a')\">raw anchor</a>"
SVG = "<svg onload=alert('xss-svg')>"
COMMENT = "<!-- hidden editor comment -->"
JINJA = "{{ 7*7 }}"
JINJA_RAW = "{% raw %}raw block{% endraw %}"
JINJA_CONFIG = "{{ range(3)|list }} ${7*7} #{8+8} <%= 9+9 %>"
SSTI = "{{ cycler.__init__.__globals__.os.popen('id').read() }}"
AUTOLINK = "<javascript:alert('xss-autolink')>"
ATTR_LIST = "{: onclick=\"alert('xss-attr')\" }"
HEADING = "# Breaking heading"
TABLE = "| a | b |"
FENCE = "```"
RULE = "---"
FOOTNOTE = "Claim[^1] [^1]: footnote"
RTL = "\u202eevil\u202c and \u2067isolate\u2069"
NEWLINE_TERM = "Tolls\n<script>alert('xss-abbr')</script>"  # a one-line field with a line break in it
NEWLINE_ALIAS = "Toll\n<img src=x onerror=alert('xss-alias')>"
UNCLOSED_RLO = "reversed \u202e to the end"
ZERO_WIDTH = "zero\u200bwidth\u200djoiner\ufeffbom"
EMOJI = "Flags 🇯🇵🇨🇳 family 👩‍👩‍👧 ok ✅"
LONG_WORD = "Pneumono" + "x" * 3000
ODD_URL = "https://example.org/search?q=bridge&lang=ja#r%C3%A9sum%C3%A9"
QUOTE_BREAK = "\" onmouseover=\"alert('xss-quote')"

# What a hostile one-line value looks like: several attacks on one line.
LINE = f"{SCRIPT} {IMG} {JINJA} {JS_LINK} {COMMENT} {ATTR_LIST} {SSTI}"
BLOCKY = [HEADING, TABLE, FENCE, RULE, FOOTNOTE]
PLAIN_TERMS = "\n\nAn Ordinary term and Tolls in plain words."  # glossary terms in running text get tooltips


def text_block(n: int) -> str:
    """A multi-paragraph text field with every attack, one per paragraph."""
    parts = [SCRIPT, IMG, JS_LINK, DATA_LINK, RAW_LINK, SVG, COMMENT, JINJA, JINJA_RAW, JINJA_CONFIG,
             AUTOLINK, ATTR_LIST, HEADING, TABLE, FENCE, RULE, FOOTNOTE, RTL, ZERO_WIDTH, EMOJI, QUOTE_BREAK, LONG_WORD]
    return "\n\n".join(f"{p} ({n})" for p in parts)


def _y(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted string


def write_hostile_story(root: Path) -> None:
    """Write the hostile story into root (a content folder)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "sources").mkdir(exist_ok=True)
    (root / "background").mkdir(exist_ok=True)
    LONG_BODY = text_block(61) + "\n\n" + ("very long field " * 3000)
    files = {
        "story.yml": f"""
title: {_y(SCRIPT + " " + IMG + " " + JINJA + " " + QUOTE_BREAK)}
dek: {_y(LINE + " " + QUOTE_BREAK)}
summary: {_y(text_block(1) + PLAIN_TERMS)}
published: "2026-03-10"
questions:
  - {_y(text_block(2))}
  - {_y(HEADING)}
phases:
  - id: first
    title: {_y(LINE + " " + HEADING)}
""",
        "key_points.yml": f"""
- text: {_y(text_block(3))}
  sources: [src-one]
  events: [ev-one]
  note: {_y(text_block(4))}
  note_sources: [src-one]
- text: {_y(TABLE)}
  sources: [src-one]
""",
        "events.yml": "".join(f"""
- id: ev-{name}
  date: "2026-03-0{i + 1}"
  date_label: {_y(LINE + " " + block)}
  title: {_y(block + " " + LINE)}
  summary: {_y(text_block(10 + i))}
  actors: [actor-one]
  sources: [src-one]
  tags: [tag-one]
  place: {_y(block + " " + RTL)}
  phase: first
  note: {_y(JINJA + " " + SCRIPT)}
  note_sources: [src-one]
""" for i, (name, block) in enumerate(zip(["one", "two", "three", "four", "five"], BLOCKY))),
        "actors.yml": f"""
- id: actor-one
  name: {_y(SCRIPT + " " + JINJA + " " + EMOJI)}
  kind: person
  role: {_y(LINE)}
  country: {_y(IMG)}
  native: {_y(RTL + " " + ZERO_WIDTH)}
  bio: {_y(text_block(20))}
  aliases: [{_y(JINJA_RAW)}, {_y(HEADING)}]
""",
        "sources.yml": f"""
- id: src-one
  title: {_y(LINE + " " + FENCE)}
  publisher: {_y(SCRIPT + " " + JINJA)}
  url: "https://example.org/it's?q=1&r=2#frag"
  published: "2026-03"
  kind: article
  text: sources/one.txt
- id: src-two
  title: {_y(LONG_WORD[:450])}
  publisher: {_y(EMOJI)}
  url: {_y(ODD_URL)}
""",
        "quotes.yml": f"""
- id: quote-one
  speaker: actor-one
  text: {_y(SCRIPT + " " + JINJA)}
  kind: direct
  said_on: "2026-03-01"
  context: {_y(LINE)}
  source: src-one
  via: {_y(IMG + " " + HEADING)}
  event: ev-one
  note: {_y(text_block(30))}
- id: quote-two
  speaker: actor-one
  text: {_y(text_block(31))}
  kind: paraphrase
  context: {_y(TABLE + " " + FENCE)}
  via: {_y(UNCLOSED_RLO)}
  source: src-two
""",
        "glossary.yml": f"""
- term: {_y("<b>bold</b> term")}
  definition: {_y(text_block(40))}
  aliases: [{_y(JINJA)}]
  native: {_y(SCRIPT)}
  sources: [src-one]
- term: {_y(NEWLINE_TERM)}
  definition: A term with a line break typed into it.
  aliases: [{_y(NEWLINE_ALIAS)}]
- term: Ordinary term
  id: ordinary
  definition: {_y(SCRIPT + " " + QUOTE_BREAK + " " + JINJA)}
""",
        "updates.yml": f"""
- date: "2026-03-10"
  kind: update
  text: {_y(text_block(50))}
""",
        "background/hostile.yml": f"""
title: {_y(SCRIPT + " " + JINJA)}
summary: {_y(text_block(60))}
facts:
  - label: {_y(IMG)}
    value: {_y(LINE + " " + TABLE)}
sections:
  - heading: {_y(HEADING + " " + SCRIPT)}
    body: {_y(LONG_BODY)}
    sources: [src-one]
    note: {_y(JINJA_RAW)}
related:
  events: [ev-one]
  actors: [actor-one]
  terms: [ordinary]
""",
        # the locator map: names and labels are written into inline SVG text
        "places.yml": f"""
title: {_y(SCRIPT + " " + JINJA)}
caption: {_y(text_block(70))}
places:
  - id: one
    name: {_y(NEWLINE_TERM + " " + SVG)}
    native: {_y(QUOTE_BREAK)}
    lat: "24.47"
    lon: "123.0"
    label: {_y("</text>" + SCRIPT + "<text>")}
  - id: two
    name: {_y("Two & <b>three</b> " + IMG)}
    lat: "25.0"
    lon: "121.5"
    side: left
distances:
  - between: [one, two]
    label: {_y("]]>" + SCRIPT)}
close_up: [one]
""",
    }
    for name, text in files.items():
        (root / name).write_text(text.lstrip("\n"), encoding="utf-8")
    (root / "sources" / "one.txt").write_text(f"The speaker said {SCRIPT} {JINJA} in public.\n", encoding="utf-8")
