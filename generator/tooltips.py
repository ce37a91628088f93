"""Glossary tooltips: the Markdown abbreviation lines a page needs, for the terms it contains."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from generator.story import StoryView
from generator.text import one_line, plain, rich

_WORD = re.compile(r"[^\W_]+")  # runs of letters and digits: "_" and "*" may be emphasis around a term

# For runs(): every ASCII byte that is not a letter or digit becomes a space; the bytes of other
# characters (in UTF-8, all of them 0x80 or above) are left for the second step.
_ASCII_TO_SPACE = bytes(b if b >= 0x80 or chr(b).isalnum() else 0x20 for b in range(256))
# ... and for a page whose characters beyond ASCII are none of them letters or digits (dashes,
# quotation marks, the middle dot: most pages in a language written in Latin letters), every
# byte of them too
_ALL_TO_SPACE = bytes(b if b < 0x80 and chr(b).isalnum() else 0x20 for b in range(256))
_ASCII = bytes(range(0x80))


def runs(text: str) -> list[str]:
    """_WORD.findall(text), the same list, in C calls over the page's bytes instead of the regular
    expression's step per character (a third of the tooltip scan of a large story): ASCII that is
    no letter or digit becomes a space, then each other character that is none either (a curly
    quotation mark, a dash, a no-break space); a UTF-8 character's bytes are only ever found at
    that character, so replacing them leaves every other character whole. A page with no letter
    or digit beyond ASCII has all its other bytes made spaces at once."""
    try:
        encoded = text.encode()
    except UnicodeEncodeError:  # half of a surrogate pair: never in a checked story, still no error
        return _WORD.findall(text)
    others = set(encoded.translate(None, _ASCII).decode())  # the page's characters beyond ASCII
    blanks = [ch for ch in others if not _WORD.match(ch)]
    if len(blanks) == len(others):  # none is a letter or digit: one pass blanks them all
        return encoded.translate(_ALL_TO_SPACE).decode().split()
    data = encoded.translate(_ASCII_TO_SPACE)
    for ch in blanks:
        data = data.replace(ch.encode(), b" ")
    return data.decode().split()


@dataclass(frozen=True)
class Definition:
    line: str  # *[form]: tooltip
    words: frozenset[str]  # the form's letter-digit runs: each must be on the page for the form to be
    needles: tuple[str, ...]  # the form as a page's Markdown may spell it: as typed, or escaped
    pairs: tuple[frozenset[tuple[str, str]], ...]  # per needle: its consecutive runs, adjacent on the page too


def definitions(view: StoryView) -> list[Definition]:
    """Markdown abbreviation lines: every glossary term gets a tooltip wherever it occurs."""
    found = []
    for _, term in view.terms:
        tip = plain(term.definition, 600).replace("\n", " ")  # the whole definition, for all but long ones
        forms = [term.term, term.term.lower(), term.term[:1].upper() + term.term[1:], *term.aliases]
        # one line each: a line break typed in a term ("Tolls\n<script>...") would start a raw-HTML line
        for form in dict.fromkeys(" ".join(f.split()) for f in forms):
            if form and "]" not in form and "\\" not in form:
                needles = tuple(sorted({" ".join(v.split()) for v in (form, one_line(form), rich(form))}))
                pairs = tuple(_pairs(_WORD.findall(n)) for n in needles)
                found.append(Definition(f"*[{form}]: {tip}", frozenset(_WORD.findall(form)), needles, pairs))
    return found


def by_word(abbrs: list[Definition]) -> dict[str, list[tuple[int, Definition]]]:
    """Each definition filed under the longest (likely rarest) of its words, numbered in order;
    a page then looks only at the definitions filed under the words it contains."""
    index: dict[str, list[tuple[int, Definition]]] = {}
    for number, abbr in enumerate(abbrs):
        index.setdefault(max(abbr.words, key=lambda w: (len(w), w), default=""), []).append((number, abbr))
    return index


def lines_for(text: str, abbrs: dict[str, list[tuple[int, Definition]]]) -> str:
    """The definitions of the terms this page contains, one block each.

    A definition only matters where its term occurs, so a page carries only those: with every
    definition on every page, a large story's pages carried hundreds of unused lines, and
    Python-Markdown's abbr extension (one regex alternative per definition, tried on every text
    node; each definition line split off a block that every block processor re-scans) grew
    with pages x terms, and quadratically with the terms on one page. The HTML is the same."""
    page_runs = runs(text)
    words = set(page_runs)
    candidates = [c for word in words.intersection(abbrs) for c in abbrs[word]] + abbrs.get("", [])
    present = [abbr for _, abbr in sorted(candidates, key=lambda c: c[0]) if abbr.words <= words]
    if not present:
        return ""
    # the page's consecutive runs, as far as the terms found on it need them: tested in one pass
    # of C code, without making the set of every pair of a large page
    needed = frozenset().union(*(p for abbr in present for p in abbr.pairs))
    pairs = needed.intersection(zip(page_runs, itertools.islice(page_runs, 1, None))) if needed else needed
    flat = _Flat(text)
    lines = [abbr.line for abbr in present
             if any(p <= pairs and flat.contains(n) for n, p in zip(abbr.needles, abbr.pairs))]
    return ("\n" + "\n\n".join(lines) + "\n") if lines else ""


class _Flat:
    """Whether a form is on the page with its spaces as one space each (a term may wrap onto the
    next line). A form is written with single spaces between non-spaces, so where it stands in
    the page as it is, it stands in the flattened page too: the page is flattened (a copy of
    it) only for a form not found as it is."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.flat: str | None = None

    def contains(self, needle: str) -> bool:
        if needle in self.text:
            return True
        if self.flat is None:
            self.flat = " ".join(self.text.split())
        return needle in self.flat


def _pairs(runs: list[str]) -> frozenset[tuple[str, str]]:
    return frozenset(zip(runs, runs[1:]))
