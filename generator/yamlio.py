"""Read content YAML as plain text values, remembering where every value stands.

Built on PyYAML's event stream, not its constructors: no tag is ever constructed
(so `!!python/object` cannot run anything), every scalar stays a string (`2025-11-07`
is not a date, `NO` is not false), aliases are refused (no "billion laughs"), and
nesting is followed with an explicit stack, so a deep file cannot exhaust recursion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import ContentError

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 12
MAX_NODES = 2_000_000

# Tags an editor may write explicitly (`!!str 2025`); anything else is refused.
_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}

YamlPath = tuple[str | int, ...]


@dataclass
class Document:
    """A loaded YAML file: plain data plus the (line, column) of every value, by path.

    Where each value stands is only asked when a problem is reported, and most builds report
    none, so the file is first read without noting it (a third of the reading at 2,000 events);
    the first question reads the same text again, noting every position."""

    file: str
    data: Any
    text: str = field(default="", compare=False, repr=False)
    # what the loader made of this very text (generator/load.py): with remember_documents, a file
    # saved unchanged is not validated again either
    made: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)
    _tables: tuple[dict[YamlPath, tuple[int, int]], dict[YamlPath, tuple[int, int]]] | None = field(
        default=None, compare=False, repr=False)

    @property
    def positions(self) -> dict[YamlPath, tuple[int, int]]:
        """The (line, column) of every value, by path."""
        return self._positions()[0]

    @property
    def key_positions(self) -> dict[YamlPath, tuple[int, int]]:
        """The (line, column) of every mapping key, by the path of its value."""
        return self._positions()[1]

    def _positions(self) -> tuple[dict[YamlPath, tuple[int, int]], dict[YamlPath, tuple[int, int]]]:
        if self._tables is None:
            self._tables = _compose(self.text, self.file, positions=True)._tables or ({}, {})
        return self._tables

    def where(self, path: YamlPath, key: bool = False) -> tuple[int, int]:
        """Position of the value at path, or of the nearest enclosing value we know."""
        table = self.key_positions if key else self.positions
        for cut in range(len(path), -1, -1):
            found = table.get(path[:cut]) or self.positions.get(path[:cut])
            if found:
                return found
        return (1, 1)


class _Problem(Exception):
    def __init__(self, mark: Any, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.line = mark.line + 1 if mark else 1
        self.column = mark.column + 1 if mark else 1
        self.message = message
        self.hint = hint


def read_text(path: Path, label: str) -> tuple[str | None, list[ContentError]]:
    """Read a file as UTF-8 text, with editor-friendly errors for size, binary and encoding."""
    if path.is_dir():
        return None, [ContentError(label, 1, 1, "", "this is a folder, not a file",
                                   "rename or remove the folder; content files are plain text files")]
    try:
        size = path.stat().st_size
    except OSError as exc:  # a broken link, a file without read permission...
        return None, [ContentError(label, 1, 1, "", f"the file cannot be read ({exc.strerror})",
                                   "check that the file exists and that you may read it")]
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        return None, [ContentError(label, 1, 1, "", f"file is {size / 1048576:.1f} MB, over the {limit} MB limit",
                                   "split the content or remove what was pasted by mistake")]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [ContentError(label, 1, 1, "", f"the file cannot be read ({exc.strerror})",
                                   "check that the file exists and that you may read it")]
    if b"\x00" in raw:
        return None, [ContentError(label, 1, 1, "", "file is binary, not text",
                                   "save it as plain UTF-8 text (a .yml file from a text editor)")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [ContentError(label, line, column, "", f"byte 0x{raw[exc.start]:02x} is not valid UTF-8 text",
                                   "save the file as UTF-8 (text pasted from a word processor may need retyping)")]
    return text, []


# While a live preview runs, the document each file gave last time: a save changes one file, and
# the others need not be read into values again (at 2,000 events, 0.4 s of every save). Keyed by
# label and compared on the whole text, so a document is only reused for the very same text.
_remembered: dict[str, tuple[str, Document]] | None = None


def remember_documents(on: bool = True) -> None:
    """Keep each file's last document for as long as this process runs (the live preview), or stop."""
    global _remembered
    _remembered = {} if on else None


def load_yaml(path: Path, label: str) -> tuple[Document | None, list[ContentError]]:
    """Load one content file. Returns the document, or None with the errors found."""
    text, errors = read_text(path, label)
    if text is None:
        return None, errors
    invisible = _invisible_character(text, label)
    if invisible:
        return None, [invisible]
    if _remembered is not None:
        last = _remembered.get(label)
        if last is not None and last[0] == text:
            return last[1], []
    try:
        doc = _compose(text, label, positions=False)
        if _remembered is not None:
            _remembered[label] = (text, doc)
        return doc, []
    except _Problem as p:
        return None, [ContentError(label, p.line, p.column, "", p.message, p.hint)]
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_error(exc, label, text)]
    except yaml.YAMLError as exc:  # anything the reader objects to that we did not foresee: still no traceback
        return None, [ContentError(label, 1, 1, "", f"YAML error: {exc}", "check the file in a text editor")]


# What YAML refuses in a file (control characters, lone surrogates), plus the line separators
# (U+0085, U+2028, U+2029) that YAML 1.1 treats as line breaks although editors' screens do not.
_UNSHOWABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _describe_char(ch: str) -> str:
    code = f"U+{ord(ch):04X}"
    if ch in "\x85\u2028\u2029":
        return f"an invisible line separator ({code})"
    if "\ud800" <= ch <= "\udfff":
        return f"half of a broken character pair ({code})"
    return f"an invisible control character ({code})"


def _invisible_character(text: str, label: str) -> ContentError | None:
    """The first character YAML cannot read or an editor cannot see, located as a text editor shows it."""
    found = _UNSHOWABLE.search(text)
    if not found:
        return None
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    return ContentError(label, line, column, "", f"the file contains {_describe_char(found.group())}",
                        "delete it (it usually comes with text pasted from a web page, PDF or terminal); "
                        "retype the characters around it if you cannot see it")


# A field's value that opens with a double quotation mark, and a line that starts a new field.
_OPENING_QUOTE = re.compile(r'^\s*(?:-\s+)?(?:[A-Za-z_][\w-]*:\s+)?(")')
_FIELD_LINE = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][\w-]*:(?:\s|$)")


def _unclosed_quote(text: str, before: int) -> tuple[int, int] | None:
    """Line and column of a double-quoted value, on a line before `before`, that is not closed
    on its line and runs into the next field: where an editor left a quotation mark open. YAML
    reads on to the next quotation mark and reports the muddle there, lines further down."""
    lines = text.split("\n")
    for n, line in enumerate(lines[:before - 1]):
        opening = _OPENING_QUOTE.match(line)
        if opening is None or _closes(line[opening.end():]):
            continue
        following = next((later for later in lines[n + 1:before] if later.strip() and not _COMMENT.match(later)), "")
        if _FIELD_LINE.match(following):  # blank lines and comments may come between
            return n + 1, opening.start(1) + 1
    return None


_COMMENT = re.compile(r"^\s*#")
# A line that reads as a field with its colon left out: "  title The vote", "- id council-vote".
_NO_COLON = re.compile(r"^(\s*(?:-\s+)?)[A-Za-z_][\w-]*\s+[^:#\s][^:]*$")


def _colon_left_out(text: str, before: int) -> tuple[int, int] | None:
    """Line and column of the last line above `before` (blank lines and comments aside) when it
    reads as a field whose colon was left out: YAML takes it for the start of a longer text and
    stumbles on the next field's colon instead."""
    lines = text.split("\n")
    if not 0 < before <= len(lines):
        return None
    field = _FIELD_LINE.match(lines[before - 1])
    for n in range(before - 2, -1, -1):
        line = lines[n]
        if not line.strip() or _COMMENT.match(line):
            continue
        found = _NO_COLON.match(line)
        # only a line whose name stands where the next field's does: not a long text's next line
        if found and field and len(found.group(1)) == len(field.group(0)) - len(field.group(0).lstrip(" -")):
            return n + 1, len(found.group(1)) + 1
        return None
    return None


def _closes(rest: str) -> bool:
    escaped = False
    for ch in rest:
        if ch == '"' and not escaped:
            return True
        escaped = ch == "\\" and not escaped
    return False


def _syntax_error(exc: yaml.MarkedYAMLError, label: str, text: str) -> ContentError:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (exc.problem or "").strip()
    hint = "check the indentation and quoting on this line and the one above it"
    opened = _unclosed_quote(text, line)
    if opened is not None:  # the quotation mark left open, not the line where YAML gave up
        line, column = opened
        return ContentError(label, line, column, "", "YAML syntax error: a quoted text is never closed",
                            "add the closing quotation mark, or remove the opening one")
    if "'\\t'" in problem or "\t" in problem:
        problem = "a tab character is used for indentation"
        hint = "YAML indentation must use spaces, not tabs"
    elif "end of stream" in problem and "quot" in (exc.context or ""):
        problem = "a quoted text is never closed"
        hint = "add the closing quotation mark, or remove the opening one"
        if exc.context_mark:  # point at the opening quotation mark, not at the end of the file
            line, column = exc.context_mark.line + 1, exc.context_mark.column + 1
    elif "could not find expected ':'" in problem or ("mapping values are not allowed" in problem
                                                       and _colon_left_out(text, line)):
        # where YAML started reading the field's name (or the line above the colon it tripped on)
        if "could not find" in problem and exc.context_mark:
            line, column = exc.context_mark.line + 1, exc.context_mark.column + 1
        else:
            line, column = _colon_left_out(text, line) or (line, column)
        problem = "a field's name is not followed by ':'"
        hint = "write the field's name, a colon and a space, then its value, e.g. title: The vote"
    elif "mapping values are not allowed" in problem:
        problem = "unexpected ':' (or wrong indentation)"
        hint = ('line this field up with the one above it; if the text itself contains ": ", '
                'put it in quotes, e.g. title: "Riverton: the vote"')
    elif "expected <block end>" in problem:
        problem = "this line is indented differently from the lines around it"
        hint = "line it up with the other items of the same list or entry (use spaces)"
    elif "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        closer = "]" if "']'" in problem else "}"
        if exc.context_mark:  # point at the opening bracket, not at the end of the file
            line, column = exc.context_mark.line + 1, exc.context_mark.column + 1
        problem = f"a list or group written on one line is not closed with '{closer}' or misses a comma"
        hint = f"separate items with commas and end with '{closer}', e.g. sources: [minutes, herald]"
    return ContentError(label, line, column, "", f"YAML syntax error: {problem}", hint)


# libyaml's parser (when PyYAML was built with it) reads a large file about ten times faster.
# It yields the same events and marks; any problem is re-read with the pure-Python parser,
# so every error an editor sees is worded exactly the same either way.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _compose(text: str, label: str, positions: bool) -> Document:
    if _FAST_LOADER is not None:
        try:
            return _compose_with(text, label, _FAST_LOADER, positions)
        except (_Problem, yaml.YAMLError):
            pass
    return _compose_with(text, label, yaml.SafeLoader, positions)


def _compose_with(text: str, label: str, loader: Any, noting: bool = True) -> Document:
    """The document; with noting, also where each value and key stands (Document.positions)."""
    doc = Document(label, None, text)
    positions: dict[YamlPath, tuple[int, int]] = {}
    key_positions: dict[YamlPath, tuple[int, int]] = {}
    if noting:
        doc._tables = (positions, key_positions)
    stack: list[tuple[Any, YamlPath, Any]] = []  # (container, path, pending mapping key)
    nodes = 0
    documents = 0
    # One pass per value of every file: event classes compared by identity (PyYAML has no
    # subclasses of them), the common cases first, and the parser's events read directly (not
    # through yaml.parse's generator); a story of 20,000 events has 1.5 million values.
    scalar, mapping, sequence = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    alias, document, stream_end = yaml.AliasEvent, yaml.DocumentStartEvent, yaml.StreamEndEvent
    unshowable = _UNSHOWABLE.search
    parser = loader(text)
    next_event = parser.get_event
    event: Any
    try:
        while True:
            event = next_event()
            kind = type(event)
            if kind is stream_end or event is None:
                break
            if kind is document:
                documents += 1
                if documents > 1:
                    raise _Problem(event.start_mark, "file holds more than one YAML document",
                                   "remove the extra '---' line")
                continue
            if kind is mapping_end or kind is sequence_end:
                container, path, _ = stack.pop()
                if not stack:
                    doc.data = container
                continue
            if kind is not scalar and kind is not mapping and kind is not sequence and kind is not alias:
                continue
            if kind is alias or event.anchor:
                raise _Problem(event.start_mark, "anchors and aliases (& and *) are not allowed",
                               "write the value out in full")
            nodes += 1
            if nodes > MAX_NODES:
                raise _Problem(event.start_mark, f"file has more than {MAX_NODES:,} values", "split the file")
            if event.tag is not None:
                _check_tag(event)
            mark = event.start_mark
            if kind is scalar:
                value: Any = event.value
                # only an escape inside double quotes ("\x1b") can make what the file's own
                # characters, checked before (load_yaml), cannot
                bad = event.style == '"' and unshowable(value)
                if bad:  # written as an escape ("\0", "\x1b", "\ud800") inside double quotes
                    raise _Problem(mark, f"the text contains {_describe_char(bad.group())}",
                                   "remove the escape sequence (a backslash followed by 0, x, u or U) that makes it")
            else:
                value = {} if kind is mapping else []
            if not stack:
                path = ()
                if noting:
                    positions[()] = (mark.line + 1, mark.column + 1)
            else:
                container, parent, key = stack[-1]
                if type(container) is dict:
                    if key is None:  # this value is a key: the next one is its value
                        if kind is not scalar:
                            raise _Problem(mark, "a key must be plain text", "write the field name followed by ':'")
                        if value in container:
                            raise _Problem(mark, f'duplicate key "{value}"',
                                           "each field may appear once per entry; remove or merge the repeated one")
                        if noting:
                            key_positions[parent + (value,)] = (mark.line + 1, mark.column + 1)
                        stack[-1] = (container, parent, value)
                        continue
                    container[key] = value
                    stack[-1] = (container, parent, None)
                    path = parent + (key,) if noting else ()
                else:
                    path = parent + (len(container),) if noting else ()
                    container.append(value)
                if noting:
                    positions[path] = (mark.line + 1, mark.column + 1)
            if kind is not scalar:
                if len(stack) >= MAX_DEPTH:
                    raise _Problem(mark, f"nesting is deeper than {MAX_DEPTH} levels",
                                   "content files need only a few levels; check the indentation")
                stack.append((value, path, None))
            elif not stack:
                doc.data = value
    finally:
        parser.dispose()
    return doc


def _check_tag(event: Any) -> None:
    tag = event.tag
    if tag and tag not in _PLAIN_TAGS and not (tag == "!" and isinstance(event, yaml.ScalarEvent)):
        shown = "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag
        raise _Problem(event.start_mark, f"the YAML tag '{shown}' is not allowed",
                       "remove the tag (the word starting with '!'); values are plain text")
