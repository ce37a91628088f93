"""Text helpers at the bottom of the package: ids, anchors and the text quotes are compared as.
Imports nothing from the generator, so every layer may use it."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_RE = re.compile(SLUG)

_QUOTES = [(c, "'") for c in "‘’‚‛′`´"] + [(c, '"') for c in "“”„‟″«»"] + [(c, "-") for c in "‐‑‒–—―−"]


def normalise(text: str) -> str:
    """Text as compared for quote checks: quotes, dashes and whitespace made uniform."""
    text = unicodedata.normalize("NFKC", text)
    # one replace per mark the text holds: str.translate looks up every character of a source's
    # text in a table, and a source text can run to tens of thousands of characters
    for mark, plain in _QUOTES:
        if mark in text:
            text = text.replace(mark, plain)
    return " ".join(text.split())


def slugify(text: str, default: str = "term") -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", text).lower()).strip("-")
    return slug or default


def term_id(term: Any) -> str:
    """A glossary entry's anchor: its id, or the slug of its term."""
    return str(term.id) if term.id else slugify(term.term)


# Characters that look like a letter or digit of an id but are another one: an id typed or pasted
# in another script ("council-vоte" with a Cyrillic о) reads the same as the real one.
_LOOKALIKES = {
    **dict(zip("аеорсухіјѕԁһӏԛԝ", "aeopcyxijsdhlqw")),  # Cyrillic
    **dict(zip("οαικνρυχϲ", "oaikvpuxc")),  # Greek
    "ı": "i", "ℓ": "l", "0": "o", "1": "l",
}


def _looks_like(ch: str) -> str:
    if ch in _LOOKALIKES:
        return _LOOKALIKES[ch]
    folded = unicodedata.normalize("NFKC", ch)  # fullwidth ｏ, mathematical 𝗈 ...
    return _LOOKALIKES.get(folded, folded) if len(folded) == 1 else ch


def lookalike_key(text: str) -> str:
    """text with every look-alike character replaced by the one it looks like."""
    return "".join(_looks_like(c) for c in text)


def char_name(ch: str) -> str:
    """"о", U+043E CYRILLIC SMALL LETTER O"""
    return f'"{ch}", U+{ord(ch):04X} {unicodedata.name(ch, "(unnamed character)")}'


def lookalike_difference(yours: str, theirs: str) -> str:
    """How two ids that look alike differ, character by character, e.g. 'yours has "о", U+043E
    CYRILLIC SMALL LETTER O, where that has "o"'; "" if they do not look alike."""
    if yours == theirs or len(yours) != len(theirs) or lookalike_key(yours) != lookalike_key(theirs):
        return ""
    pairs = dict.fromkeys((a, b) for a, b in zip(yours, theirs) if a != b)
    return "yours has " + ", and ".join(f'{char_name(a)}, where that has "{b}"' for a, b in pairs)


def lookalike_note(text: str) -> str:
    """For an id that is not valid: the characters in it that only look like letters or digits of
    an id, e.g. ': it has "о", U+043E CYRILLIC SMALL LETTER O, which looks like "o"'; or ""."""
    odd = dict.fromkeys(c for c in text if not c.isascii() and re.fullmatch("[a-z0-9]", _looks_like(c)))
    if not odd:
        return ""
    return ": it has " + ", and ".join(f'{char_name(c)}, which looks like "{_looks_like(c)}"' for c in odd)
