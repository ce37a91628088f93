"""The reader's language (generator/locales): complete tables, every key used exists, dates and
counts in the story's locale, and a Japanese story rendered with Japanese labels."""

from __future__ import annotations

import re
import string
import typing
from pathlib import Path

import pytest
from babel import Locale

from conftest import FIXTURES, ROOT
from generator import locales, models
from generator.dates import display, month_heading, parse_date
from generator.pipeline import render

JAPANESE = FIXTURES / "japanese_story"
TABLES = {lang: locales.table(lang) for lang in locales.available()}
GENERATOR = ROOT / "generator"

# A lookup spelt out: t("key" / tr("key" / key("key" (generator/locales/__init__.py explains key()).
LITERAL = re.compile(r"""\b(?:t|tr|key)\(\s*["']([a-z0-9_]+(?:\.[a-z0-9_]+)+)["']\s*[,)]""")
# A lookup whose key ends in a value: tr("source.kind." ~ src.kind). Each prefix is listed here with
# the values it can end in, read from the models, so a new kind without a translation fails.
DYNAMIC = re.compile(r"""\btr\(\s*["']([^"']+\.)["']\s*~""")


def _literal_values(model: type, field: str) -> tuple[str, ...]:
    annotation = model.model_fields[field].annotation
    return tuple(a for arg in typing.get_args(annotation) or (annotation,) for a in (typing.get_args(arg) or [arg])
                 if isinstance(a, str))


DYNAMIC_VALUES = {
    "source.kind.": _literal_values(models.Source, "kind"),
    "update.kind.": _literal_values(models.Update, "kind"),
    "update.mark.": _literal_values(models.Update, "kind"),
}


def _sources() -> list[Path]:
    return sorted([*GENERATOR.rglob("*.py"), *(GENERATOR / "templates").glob("*.j2")])


def _used_keys() -> tuple[set[str], set[str]]:
    literal, dynamic = set(), set()
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        literal.update(LITERAL.findall(text))
        dynamic.update(DYNAMIC.findall(text))
    return literal, dynamic


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _texts(value: object) -> list[str]:
    return list(value.values()) if isinstance(value, dict) else [value]  # type: ignore[list-item]


def test_there_are_english_and_japanese_tables() -> None:
    assert {"en", "ja"} <= set(TABLES)


@pytest.mark.parametrize("lang", sorted(TABLES))
def test_every_table_has_the_same_keys_as_english(lang: str) -> None:
    missing = sorted(set(TABLES["en"]) - set(TABLES[lang]))
    extra = sorted(set(TABLES[lang]) - set(TABLES["en"]))
    assert not missing, f"{lang}.yml lacks {missing}"
    assert not extra, f"{lang}.yml has keys en.yml does not: {extra}"


# Where generator/dates.py offers more pieces than English uses: each language picks its own.
OFFERED = {"date.days_in_month": {"start", "end", "start_day", "end_day"},
           "date.range": {"start", "start_short", "end", "end_short"}}


@pytest.mark.parametrize("lang", sorted(TABLES))
def test_every_value_keeps_the_english_placeholders(lang: str) -> None:
    for key, value in TABLES[lang].items():
        wanted = set().union(*(_placeholders(t) for t in _texts(TABLES["en"][key])))
        for text in _texts(value):
            assert isinstance(text, str) and text.strip(), f"{lang}.yml {key}: empty"
            if key in OFFERED:
                assert _placeholders(text) <= OFFERED[key] and len(_placeholders(text)) == 2, f"{lang}.yml {key}"
            else:
                assert _placeholders(text) == wanted, f"{lang}.yml {key}: {text!r} should use {sorted(wanted)}"


@pytest.mark.parametrize("lang", sorted(TABLES))
def test_counted_values_have_exactly_the_languages_plural_forms(lang: str) -> None:
    rule = Locale.parse(TABLES[lang]["locale"]).plural_form
    forms = set(rule.tags) | {"other"}
    counted = {k: v for k, v in TABLES[lang].items() if isinstance(v, dict)}
    assert counted, "no counted values at all"
    for key, value in counted.items():
        assert set(value) == forms, f"{lang}.yml {key}: has {sorted(value)}, {lang} needs {sorted(forms)}"
        assert isinstance(TABLES["en"][key], dict), f"{key} is counted in {lang} but not in en"


def test_every_key_the_code_looks_up_is_in_the_tables() -> None:
    literal, dynamic = _used_keys()
    assert len(literal) > 80, "the scan found too few lookups: has the lookup pattern changed?"
    missing = sorted(k for k in literal if k not in TABLES["en"])
    assert not missing, f"looked up but not in en.yml: {missing}"
    assert dynamic == set(DYNAMIC_VALUES), f"new dynamic lookups: list their values in DYNAMIC_VALUES ({dynamic})"
    for prefix, values in DYNAMIC_VALUES.items():
        assert values
        absent = [prefix + v for v in values if prefix + v not in TABLES["en"]]
        assert not absent, f"no text for {absent}"


def test_every_key_in_the_tables_is_used() -> None:
    literal, _ = _used_keys()
    dynamic = {prefix + v for prefix, values in DYNAMIC_VALUES.items() for v in values}
    unused = sorted(set(TABLES["en"]) - literal - dynamic - {"locale"})
    assert not unused, f"keys no code looks up (remove them or use them): {unused}"


def test_the_missing_key_test_would_notice_a_missing_key(tmp_path: Path) -> None:
    # the scan reads a lookup the way the templates write it
    assert LITERAL.findall('{{ tr("filter.who") }} {{ t("x.y", count=2) }} key("page.a.title")') == \
        ["filter.who", "x.y", "page.a.title"]
    assert DYNAMIC.findall('{{ tr("update.kind." ~ u.kind) }}') == ["update.kind."]


@pytest.mark.parametrize(("text", "en", "ja"), [
    ("2025-11-07", "7 November 2025", "2025年11月7日"),
    ("2025-11", "November 2025", "2025年11月"),
    ("2025", "2025", "2025年"),
    ("2025-11-07~", "about 7 November 2025", "2025年11月7日頃"),
    ("2025-11?", "November 2025 (date uncertain)", "2025年11月（日付は不確か）"),
    ("2025-11-17/2025-11-22", "17–22 November 2025", "2025年11月17日～22日"),
    ("2025-10-30/2025-11-02", "30 October – 2 November 2025", "2025年10月30日～11月2日"),
    ("2024-12-30/2025-01-02", "30 December 2024 – 2 January 2025", "2024年12月30日～2025年1月2日"),
])
def test_dates_are_written_in_the_story_language(text: str, en: str, ja: str) -> None:
    assert display(parse_date(text)) == en
    assert display(parse_date(text), "ja") == ja


def test_month_headings_follow_the_language() -> None:
    assert month_heading(parse_date("2025-11-07"), "ja") == "2025年11月"
    assert month_heading(parse_date("2025-11-07"), "en") == "November 2025"


def test_counts_take_the_plural_form_and_grouping_of_the_language() -> None:
    en, ja = locales.strings("en"), locales.strings("ja")
    assert en.t("parts.events", count=1) == "1 event"
    assert en.t("parts.events", count=1234) == "1,234 events"
    assert ja.t("parts.events", count=1) == "出来事1件"
    assert ja.t("parts.events", count=1234) == "出来事1,234件"


def test_a_regional_tag_uses_its_language_and_an_unknown_one_english() -> None:
    assert locales.table_language("ja-JP") == "ja"
    assert locales.table_language("en-GB") == "en"
    assert locales.table_language("es") == "en"


def test_check_warns_about_a_language_without_a_table(story) -> None:  # type: ignore[no-untyped-def]
    from generator.pipeline import check

    story.replace("story.yml", "language: en", "language: es")
    content = check(story.root)
    warnings = [w.format() for w in content.warnings]
    assert any('no "es" translation' in w and "story.yml" in w for w in warnings), warnings


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render(JAPANESE)[1]


def test_the_japanese_story_has_japanese_labels_dates_and_titles(pages: dict[str, str]) -> None:
    index, timeline = pages["index.md"], pages["timeline.md"]
    assert "2025年11月10日公開" in index
    assert "## 要点 { #key-points }" in index
    assert "## この解説を読む { #explore }" in index
    assert "## 関係する場所 { #map }" in index
    assert 'aria-label="地図：函館, 青森"' in index
    assert "約110 km" in index
    assert "[**時系列**](timeline.md)" in index
    assert 'title: "時系列"' in timeline
    assert "2025年10月頃から2025年11月8日～9日までの出来事3件。" in timeline
    assert "## 2025年11月" in timeline
    assert '<time datetime="2025-11-07">2025年11月7日</time>' in timeline
    assert 'data-showing-all="全{total}件を表示しています。"' in timeline
    assert "<span class=\"quote-label\">要旨：</span>" in pages["who-said-what.md"]
    assert "「この橋を誇りに思います。」" in pages["who-said-what.md"]
    assert "**2025年11月12日 · 訂正**" in pages["updates.md"]
    assert "<title>港大橋をめぐる対立：更新と訂正</title>" in pages["feed.xml"]


def test_no_english_label_is_left_on_a_japanese_page(pages: dict[str, str]) -> None:
    """Every English value of the table that is a word or more of text is absent from the
    Japanese pages (labels such as "Sources" would show a lookup the templates missed)."""
    english = {text for value in TABLES["en"].values() for text in _texts(value)
               if re.search(r"[A-Za-z]{4,}", text) and not _placeholders(text) and "MMM" not in text}
    english |= {"Published", "Updated", "min read", "Timeline:", "Paraphrase", "Where it happened", "Who:"}
    text = re.sub(r"<[^>]*>", " ", "\n".join(t for name, t in pages.items() if name.endswith(".md")))
    left = sorted(e for e in english if re.search(r"(?<![\w-])" + re.escape(e) + r"(?![\w-])", text))
    assert not left, f"English labels on the Japanese pages: {left}"


def test_the_navigation_is_in_japanese() -> None:
    from generator.pipeline import check
    from generator.plan import nav as navigation, site_plan
    from generator.story import StoryView

    view = StoryView(check(JAPANESE))
    nav = navigation(site_plan(view).pages, view.story.language)
    assert nav[0] == {"解説": "index.md"}
    assert {"時系列": "timeline.md"} in nav


def test_reading_time_counts_characters_in_japanese_and_words_in_english() -> None:
    """Japanese has no spaces between words: counting spaces gave "1 min" for any Japanese page."""
    from generator.story import reading_minutes

    sentence = "高市首相は、台湾有事が日本の存立危機事態になりうると国会で答弁した。"  # 34 characters, 2 of them punctuation
    assert reading_minutes(sentence * 80) == 5  # 2,560 characters at 500 a minute
    assert reading_minutes("word " * 1100) == 5  # 1,100 words at 220 a minute
    assert reading_minutes(sentence * 40 + " " + "word " * 550) == 5  # a Japanese page quoting English
    assert reading_minutes("") == 1


def test_only_a_language_not_written_in_latin_letters_gets_unicode_anchors() -> None:
    from generator.site import unicode_headings

    assert unicode_headings("ja") and unicode_headings("ja-JP")
    assert not unicode_headings("en") and not unicode_headings("en-GB")  # English anchors stay as they were
