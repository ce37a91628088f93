"""Turn editors' text into Markdown that shows exactly what they typed.

Two kinds of field:
- one-line fields (titles, names, roles) are shown literally: nothing in them is markup;
- text fields (summary, body, text, definition) may use *emphasis* and [links](https://...);
  every other piece of Markdown or HTML in them is shown as typed, never executed.

Every exit also makes the text inert (`inert`): escaped once is not enough, because the theme's
JavaScript copies text from the page back into it with `innerHTML` (tooltips, truncated labels,
search highlights), which decodes `&lt;img ...&gt;` into a real tag.

Escaping works with `pymdownx.escapeall`, which lets any character be backslash-escaped.
Hyphens and letters are never escaped, so glossary tooltips still find terms like
"survival-threatening situation".
"""

from __future__ import annotations

import functools
import re

from markupsafe import Markup

# Characters that can start Markdown, HTML or extension syntax anywhere in a line.
_ALWAYS = set("\\`[]{}|#!~^=:+<>&\"'$%@")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_LINK = re.compile(r"\[([^\[\]\n]{1,500})\]\(([^()\s<>\"']{1,2000})\)")
MARKDOWN_LINK = _LINK
# Where an editor's link may point: a web address, an e-mail address or an anchor on the same page.
# A site path (/timeline/) breaks when the site is published under a folder, a relative one
# depends on the page it lands on, and a backslash can turn "/\/host" into "//host".
LINK_TARGET = re.compile(r"^(https?://[^\\]+|mailto:[^\\]+|#[^\\/]+)$", re.IGNORECASE)
_LIST_START = re.compile(r"^(\s*)(\d+)([.)])(\s)")
_TAG_OR_ENTITY = re.compile(r"([<&])(?=[A-Za-z/!?#])")
WORD_JOINER = "\u2060"
_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069]")  # bidi overrides: shown isolated, never reorder the page


def inert(text: str) -> str:
    """Text that no number of HTML parses turns into markup: an invisible word joiner (U+2060)
    follows every "<" that could open a tag and every "&" that could start an entity. A parser
    reads "<" followed by anything but a letter, "/", "!" or "?" as the character itself, so the
    reader sees what the editor typed, and the theme's innerHTML finds nothing to run."""
    if "<" not in text and "&" not in text:
        return text
    return _TAG_OR_ENTITY.sub("\\1" + WORD_JOINER, text)


# Text that is already safe Markdown (the output of a filter or a template macro).
Md = Markup


def _escape_char(ch: str, keep: str = "") -> str:
    if ch in keep:
        return ch
    if ch in _ENTITIES:
        return _ENTITIES[ch]
    if ch in _ALWAYS or ch in "*_()":
        return "\\" + ch
    return ch


@functools.lru_cache(maxsize=8)
def _table(keep: str) -> dict[int, str]:
    """_escape_char as a str.translate table (one C call per text instead of one Python call per
    character, which was the largest cost of rendering a story of thousands of events)."""
    return {ord(c): _escape_char(c, keep) for c in {*_ALWAYS, *"*_()", *_ENTITIES} if _escape_char(c, keep) != c}


# Every character _escape may change, whatever it keeps (all ASCII): an ASCII text holding none of
# them (most names, titles and sentences) is returned as it is, found in two C calls.
_ASCII_MARKUP = bytes(sorted(_table("")))


def _escape(text: str, keep: str = "") -> str:
    if text.isascii():
        raw = text.encode()
        if len(raw.translate(None, _ASCII_MARKUP)) == len(raw):
            return text
    return _escape_all(text, keep)


def _escape_all(text: str, keep: str = "") -> str:
    text = inert(text)  # before the entities below, which must stay entities
    text = _INVISIBLE.sub(lambda m: f"&#x{ord(m.group()):x};", text)
    table = _table(keep)
    if "&#x" not in text:
        return text.translate(table)
    # Entities produced above must survive: escape everything else, skipping our own entities.
    out = []
    for part in re.split(r"(&#x[0-9a-f]+;)", text):
        out.append(part if part.startswith("&#x") else part.translate(table))
    # An override the editor never closed (U+202E pasted alone) would reverse the rest of the
    # line the page puts after the field, e.g. "· Source: ...": first-strong isolate ... pop
    # isolate around the field ends every override opened inside it (Unicode bidi rule X6a).
    return "&#x2068;" + "".join(out) + "&#x2069;"


def _guard_start(line: str) -> str:
    """Stop a line being read as a list, rule, quote or heading."""
    match = _LIST_START.match(line)
    if match:
        return f"{match.group(1)}{match.group(2)}\\{match.group(3)}{line[match.end(3):]}"
    stripped = line.lstrip()
    if stripped[:1] in ("-", "*", "+", "_") and (len(stripped) < 2 or stripped[1] in " \t*-_"):
        return line[: len(line) - len(stripped)] + "\\" + stripped
    return line


def one_line(text: object) -> Md:
    """Literal text on one line: every markup character escaped."""
    if type(text) is str and len(text) <= 120:  # names, publishers, contexts: printed again and again
        return _short_line(text)
    flat = " ".join(str(text).split())
    return Md(_guard_start(_escape(flat)))


@functools.lru_cache(maxsize=65536)
def _short_line(text: str) -> Md:
    return Md(_guard_start(_escape(" ".join(text.split()))))


def _safe_link(match: re.Match[str]) -> str:
    label, url = match.group(1), match.group(2)
    if not LINK_TARGET.match(url):
        return _escape(match.group(0))
    return f"[{_escape(label, keep='*_')}]({url.replace('&', '&amp;').replace('`', '%60')})"


def _paragraph(text: str) -> str:
    flat = " ".join(text.split())
    pieces, last = [], 0
    for match in _LINK.finditer(flat):
        pieces.append(_escape(flat[last:match.start()], keep="*_"))
        pieces.append(_safe_link(match))
        last = match.end()
    pieces.append(_escape(flat[last:], keep="*_"))
    return _guard_start("".join(pieces))


def rich(text: object, indent: int = 0) -> Md:
    """Paragraphs with *emphasis* and safe [links](https://...); nothing else is markup."""
    return _rich(str(text), indent)


@functools.lru_cache(maxsize=65536)
def _rich(text: str, indent: int) -> Md:
    # a summary is made rich on its page, on the pages that quote it and for timeline.json: of
    # 8,000 calls at 2,000 events, 3,100 repeat a text
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    joiner = "\n\n" + " " * indent
    return Md(joiner.join(_paragraph(p) for p in paragraphs))


# *emphasis*, **strong** and their _ forms. The inside may not hold its own delimiter, so a search
# from an unmatched "*" stops at the next "*": linear in the text (".*?" was quadratic).
_EMPHASIS = re.compile(r"\*\*(?=\S)([^*]+?)(?<=\S)\*\*|__(?=\S)([^_]+?)(?<=\S)__"
                       r"|\*(?=\S)([^*]+?)(?<=\S)\*|_(?=\S)([^_]+?)(?<=\S)_")


def plain(text: object, limit: int = 300) -> str:
    """Text without Markdown, for tooltips, meta descriptions and feeds."""
    flat = _LINK.sub(lambda m: m.group(1), " ".join(str(text).split()))
    flat = inert(_EMPHASIS.sub(lambda m: next(g for g in m.groups() if g is not None), flat))
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"


def attr(text: object) -> str:
    """A value for an HTML attribute we write ourselves (data-* filters)."""
    return inert(str(text)).translate(_ENTITY_TABLE)


_ENTITY_TABLE = {ord(c): entity for c, entity in _ENTITIES.items()}
