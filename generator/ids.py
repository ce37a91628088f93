"""Text helpers at the bottom of the package: ids, anchors and the text quotes are compared as.
Imports nothing from the generator, so every layer may use it."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_RE = re.compile(SLUG)

_QUOTES = str.maketrans({c: "'" for c in "‘’‚‛′`´"} | {c: '"' for c in "“”„‟″«»"}
                        | {c: "-" for c in "‐‑‒–—―−"})
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text as compared for quote checks: quotes, dashes and whitespace made uniform."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACE.sub(" ", text).strip()


def slugify(text: str, default: str = "term") -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", text).lower()).strip("-")
    return slug or default


def term_id(term: Any) -> str:
    """A glossary entry's anchor: its id, or the slug of its term."""
    return str(term.id) if term.id else slugify(term.term)
