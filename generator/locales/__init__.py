"""The reader's language: every string the generator puts on a page comes from one table per
language, generator/locales/<language>.yml, chosen by story.yml `language`.

    strings("ja").t("page.timeline.title")              -> "時系列"
    strings("en").t("timeline.intro", count=3, ...)     -> "3 events, from ..."

A table maps keys to text with {name} placeholders; a text that depends on a number is a mapping
of CLDR plural categories (`one`, `other`...), chosen by Babel's plural rules for the table's
locale. Numbers are written with the locale's digit grouping. A language without a table is
shown in English (`check` warns: see generator/checks.py); a regional tag uses its language's
table (en-GB -> en). Content is never translated: it stays in the language the editor wrote.

Every lookup in the code is written `t("key"...)` with the key spelt out, or, for a key chosen
in one place and looked up in another, marked `key("...")` where it is written (as gettext's
N_ marks a message), so tests/test_locales.py finds every key used and fails when one is
missing from any table.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml
from babel import Locale
from babel.numbers import format_decimal

FOLDER = Path(__file__).resolve().parent
DEFAULT = "en"
PLURAL_CATEGORIES = frozenset({"zero", "one", "two", "few", "many", "other"})


def key(name: str) -> str:
    """Marks a table key written here and looked up elsewhere (registry titles, listings nouns)."""
    return name


def available() -> list[str]:
    """The languages with a table: ["en", "ja"]."""
    return sorted(p.stem for p in FOLDER.glob("*.yml"))


def table_language(tag: str) -> str:
    """The table for a BCP 47 tag: its own, else its language's (en-GB -> en), else English."""
    tag = (tag or DEFAULT).strip().replace("_", "-").lower()
    have = available()
    for candidate in (tag, tag.split("-")[0]):
        if candidate in have:
            return candidate
    return DEFAULT


@functools.lru_cache(maxsize=None)
def table(language: str) -> dict[str, Any]:
    """One language's table, read once per process."""
    with open(FOLDER / f"{language}.yml", encoding="utf-8") as f:
        # libyaml's reader where PyYAML has it: the same table, read about seven times faster
        data = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, dict):
        raise ValueError(f"{language}.yml: not a table of keys")
    return data


class Strings:
    """The lookups for one language."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.table = table(language)
        self.locale = Locale.parse(self.table["locale"])
        self._numbers: dict[int, str] = {}  # the same counts again and again: Babel's formatting is slow

    def t(self, key: str, count: int | None = None, **values: Any) -> str:
        """The text for key, its {placeholders} filled in; `count` picks the plural form and
        fills {count}. Integers are written with the locale's grouping (1,234)."""
        text = self.table[key]
        if isinstance(text, dict):
            if count is None:
                raise KeyError(f"{key} depends on a number: pass count=")
            text = text.get(self.locale.plural_form(count), text["other"])
        if count is not None:
            values["count"] = count
        if not values:
            return text
        return text.format(**{k: self.number(v) if isinstance(v, int) and not isinstance(v, bool) else v
                              for k, v in values.items()})

    def number(self, n: int) -> str:
        text = self._numbers.get(n)
        if text is None:
            text = self._numbers[n] = format_decimal(n, locale=self.locale)
        return text


@functools.lru_cache(maxsize=None)
def strings(tag: str = DEFAULT) -> Strings:
    """The strings for a story's language tag (see table_language)."""
    return Strings(table_language(tag))
