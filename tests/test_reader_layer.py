"""The reading layer's content fields: sides with readable colours, principals, key moments,
need-to-know bullets, the key exchange and quotes given in their original language. Each is
checked like any other field: a wrong reference or colour is reported at its line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, StoryTree, check_errors
from generator.checks import contrast, side_contrast_problem
from generator.pipeline import render

READER = FIXTURES / "reader_story"


@pytest.fixture
def reader(tmp_path: Path) -> StoryTree:
    root = tmp_path / "content"
    shutil.copytree(READER, root)
    return StoryTree(root)




def test_a_side_colour_too_light_for_white_badge_text_is_reported(reader: StoryTree) -> None:
    reader.replace("story.yml", 'colour: "#d02525"', 'colour: "#ffcc00"')
    errors = check_errors(reader.root)
    assert errors[0].endswith(': side "eastport": colour #ffcc00 is too light: white text on it has a contrast '
                              "of 1.5:1, under 4.5:1")


def test_a_side_colour_too_dark_for_the_dark_theme_is_reported(reader: StoryTree) -> None:
    reader.replace("story.yml", 'colour: "#d02525"', 'colour: "#000080"')
    assert "is too dark for the dark theme" in check_errors(reader.root)[0]


def test_the_suggested_colours_pass_both_themes() -> None:
    for colour in ("#2569d0", "#d02525", "#167e27", "#a32fda"):
        assert side_contrast_problem(colour) == "", colour
    assert round(contrast("#ffffff", "#000000"), 1) == 21.0


def test_an_actor_naming_an_unknown_side_is_reported(reader: StoryTree) -> None:
    reader.replace("actors.yml", "side: eastport", "side: eastpor")
    errors = check_errors(reader.root)
    assert errors[0].endswith(': actor "mayor-diaz": side "eastpor" is not in story.yml (sides)')
    assert errors[1] == '  hint: did you mean "eastport"?'


def test_a_key_exchange_or_bullet_naming_a_missing_entry_is_reported(reader: StoryTree) -> None:
    reader.replace("story.yml", "key_exchange: [lee-proud,", "key_exchange: [lee-prod,")
    reader.replace("story.yml", "event: eastport-objects", "event: eastport-object")
    errors = "\n".join(check_errors(reader.root))
    assert 'story: key_exchange "lee-prod" is not in quotes.yml' in errors
    assert 'need-to-know bullet 2: event "eastport-object" is not in events.yml' in errors


def test_a_translated_quote_is_checked_in_its_original_words(reader: StoryTree) -> None:
    reader.replace("quotes.yml", "Le pont appartient aux deux villes.", "Le pont appartient à la ville.")
    errors = check_errors(reader.root)
    assert 'quote "lee-proud-original": direct quote is not found word for word in source "council-minutes"' \
        in errors[0]
    assert "quotes.yml:23:11:" in errors[0]  # the line of the original's text, not of the translation


def test_the_english_of_a_translated_quote_is_not_checked_against_the_source(reader: StoryTree) -> None:
    reader.replace("quotes.yml", "The bridge belongs to both towns.", "The bridge is both towns' bridge.")
    render(reader.root)  # no error: the translation is ours


def test_a_misattributed_quote_is_on_the_checking_page_and_not_under_the_speaker(story: StoryTree) -> None:
    story.replace("quotes.yml", "  note: The statement itself was not published in full.\n",
             "  note: The statement itself was not published in full.\n  misattributed: true\n")
    pages = render(story.root)[1]
    assert "The mayor said the vote broke their agreement." not in pages["who-said-what.md"]
    assert "## Words misquoted or wrongly attributed { #misattributed }" in pages["checking.md"]
    assert "The mayor said the vote broke their agreement." in pages["checking.md"]


def test_the_checking_page_names_the_texts_quotes_are_compared_with(story: StoryTree) -> None:
    """A reader meets the articles the notes correct before the notes: every source whose text
    the story keeps, with a link to its entry, and whether it has a public link."""
    story.replace("sources.yml", "  url: https://example.org/minutes\n", "")
    checking = render(story.root)[1]["checking.md"]
    compared = checking.split("## What the quotes were checked against { #compared }")[1].split("\n## ")[0]
    assert ("- [Riverton council](sources.md#council-minutes): Minutes of the council meeting, 3 March 2026, "
            "4 March 2026 (no public link; we keep a copy)") in compared
    assert "Eastport" not in compared  # a source without a kept text is not among them
    assert checking.index("{ #compared }") < checking.index("{ #notes }")


def test_who_said_what_and_people_are_grouped_by_side_in_story_order(reader: StoryTree) -> None:
    pages = render(reader.root)[1]
    quotes = pages["who-said-what.md"]
    assert quotes.index("## Riverton") < quotes.index("### Dana Lee") < quotes.index("## Eastport") \
        < quotes.index("### Sam Diaz")
    people = pages["people.md"]
    assert people.index("## Riverton") < people.index("### Dana Lee") < people.index("### Riverton council") \
        < people.index("## Eastport")


def test_events_of_the_same_day_keep_the_order_of_events_yml(story) -> None:  # type: ignore[no-untyped-def]
    """The editor decides what came first on a day (a call, then the post about it), not the ids."""
    from generator.pipeline import check
    from generator.story import StoryView

    story.replace("events.yml", 'date: "2026-02~"', 'date: "2026-03-05/2026-03-07"')  # earlier-talks, after it
    ids = [e.id for e in StoryView(check(story.root)).timeline]
    assert ids.index("eastport-objects") == ids.index("earlier-talks") - 1


@pytest.mark.parametrize("text, label", [
    ("The vote passed. Then the mayor spoke.", "The vote passed. Then the mayor spoke."),
    ("The council voted five to four for the bridge. Then the mayor of Eastport, who had fought it for "
     "a year, spoke.", "The council voted five to four for the bridge."),
    ("Mr. Lee said the council had voted for the bridge, and that Eastport had been told of the vote before "
     "it was held.", "Mr. Lee said the council had voted for the bridge…"),
    ("One of the sources cited by Reuters said Trump made no specific demands of her, and the Journal "
     "reported that he did not ask her to take back her words.",
     "One of the sources cited by Reuters said Trump made no specific demands of her…"),
    ("A single clause that runs on and on without any comma at all until it is far longer than a heading "
     "should ever be", "A single clause that runs on and on without any comma at all until it is far longer than…"),
    ("高市首相は衆議院予算委員会で答弁し、台湾有事が存立危機事態になり得ると述べた。" * 3 + "中国は撤回を求めた。",
     "高市首相は衆議院予算委員会で答弁し、台湾有事が存立危機事態になり得ると述べた。"),
])
def test_a_note_heading_is_a_first_sentence_or_clause_not_words_cut_anywhere(text: str, label: str) -> None:
    from generator.story import plain_label

    assert plain_label(text) == label


def test_quotes_of_the_same_day_keep_the_order_of_quotes_yml(story) -> None:  # type: ignore[no-untyped-def]
    from generator.pipeline import check
    from generator.story import StoryView

    # lee-proud comes first in the file, diaz-breach (two days later) second: give them one day
    story.replace("quotes.yml", 'said_on: "2026-03-05"', 'said_on: "2026-03-03"')
    view = StoryView(check(story.root))
    order = [q.id for q in sorted(view.content.quotes, key=view.quote_key)]
    assert order.index("lee-proud") < order.index("diaz-breach")


def test_a_quote_the_source_translated_says_from_which_language(story: StoryTree) -> None:
    """Words said in Japanese, printed in English by the source: in quotation marks (they are the
    source's words), and labelled as a translation, in the reader's language."""
    story.replace("quotes.yml", "  kind: direct\n", "  kind: direct\n  said_in: ja\n")
    pages = render(story.root)[1]
    assert ('“We are proud of this bridge.” <span class="quote-label">Translated from Japanese</span>'
            in pages["who-said-what.md"])
    story.replace("story.yml", "language: en", "language: ja")
    assert "日本語から翻訳" in render(story.root)[1]["who-said-what.md"]


def test_an_actors_country_code_is_shown_as_the_countrys_name_unless_the_side_says_it(reader: StoryTree) -> None:
    people = render(reader.root)[1]["people.md"]
    assert "**Mayor of Riverton** · United Kingdom" in people and "· GB" not in people
    reader.replace("story.yml", "language: en", "language: ja")
    assert "**Mayor of Riverton** · イギリス" in render(reader.root)[1]["people.md"]
    reader.replace("actors.yml", "country: GB", "country: Riverton")  # the same as the side's label
    assert "**Mayor of Riverton**\n" in render(reader.root)[1]["people.md"]


def test_the_glossary_shows_aliases_that_are_other_names_not_other_spellings(story: StoryTree) -> None:
    story.replace("glossary.yml", "- term: Harbour bridge\n", "- term: Harbour bridge\n"
                  "  aliases: [harbour-bridge, HARBOUR  BRIDGE, The crossing, the-crossing]\n")
    glossary = render(story.root)[1]["glossary.md"]
    assert "Also: The crossing\n{: .term-aliases }" in glossary  # the spellings still find the term's tooltip


def test_a_native_name_carries_its_language(story: StoryTree) -> None:
    """Japanese, Chinese and Korean draw the characters they share differently, and a browser
    picks the shapes by the lang attribute; screen readers pick their voice by it too. A native
    name carries its language: as given, else from its script, else from the person's country."""
    pages = render(story.root)[1]
    assert '### Sam Diaz (<span lang="ja">サム・ディアス</span>) { #mayor-diaz }' in pages["people.md"]  # kana
    assert '(<span lang="ja">サム・ディアス</span>)' in pages["who-said-what.md"]
    story.replace("actors.yml", "native: サム・ディアス", "native: 山田花子")  # Chinese characters alone
    assert "(山田花子) { #mayor-diaz }" in render(story.root)[1]["people.md"]  # no country: not guessed
    for country, lang in (("JP", "ja"), ("CN", "zh-Hans"), ("TW", "zh-Hant"), ("KR", "ko")):
        story.replace("actors.yml", "native: 山田花子", f"native: 山田花子\n  country: {country}")
        assert f'(<span lang="{lang}">山田花子</span>)' in render(story.root)[1]["people.md"], country
        story.replace("actors.yml", f"native: 山田花子\n  country: {country}", "native: 山田花子")
    story.replace("actors.yml", "native: 山田花子", "native: 김민수")  # hangul
    assert '(<span lang="ko">김민수</span>)' in render(story.root)[1]["people.md"]
    story.replace("glossary.yml", "- term: Harbour bridge\n",
                  "- term: Harbour bridge\n  native: 港大橋\n  native_language: zh-Hant\n")
    assert '## Harbour bridge (<span lang="zh-Hant">港大橋</span>)' in render(story.root)[1]["glossary.md"]
    story.replace("story.yml", "language: en", "language: ko")  # the page's own language: nothing to mark
    assert "(김민수) { #mayor-diaz }" in render(story.root)[1]["people.md"]


def test_a_native_language_without_a_native_name_is_reported(story: StoryTree) -> None:
    story.replace("glossary.yml", "- term: Harbour bridge\n", "- term: Harbour bridge\n  native_language: ja\n")
    story.replace("actors.yml", "  native: サム・ディアス\n", "  native_language: not a language\n")
    assert check_errors(story.root) == [
        'content/actors.yml:11:20: actor "mayor-diaz": native_language "not a language" is not a language tag',
        "  hint: write a BCP 47 language tag such as en, ja or zh-Hant",
        'content/glossary.yml:2:20: term "Harbour bridge": has native_language but no native',
        "  hint: add native (the name in its own script) or remove native_language"]


def test_actors_whose_initials_are_the_same_get_badges_that_tell_them_apart() -> None:
    """Badges are initials, unless two actors' are the same: then the capitalised words' initials
    (MFA, MND) or the first word (XI, XUE), whichever separates them; the rest keep theirs."""
    import types

    from generator.story import StoryView

    names = {"xi": "Xi Jinping", "xue": "Xue Jian", "mfa": "Ministry of Foreign Affairs of China",
             "mnd": "Ministry of National Defense of China", "takaichi": "Sanae Takaichi"}
    actors = [types.SimpleNamespace(id=i, name=n) for i, n in names.items()]
    view = StoryView.__new__(StoryView)
    view.content = types.SimpleNamespace(actors=actors)
    assert view.badge_letters == {"xi": "XI", "xue": "XUE", "mfa": "MFA", "mnd": "MND", "takaichi": "ST"}


def test_the_checking_page_opens_with_the_newsrooms_own_account_of_what_was_checked(reader: StoryTree) -> None:
    """story.yml's checking_intro, an editor's text, follows the checking page's standard
    introduction (escaped like every other text: its Markdown emphasis kept, no HTML)."""
    reader.replace("story.yml", "title: The harbour", 'checking_intro: "This began as a check of *two* articles <b>x</b>."\ntitle: The harbour')
    page = render(reader.root)[1]["checking.md"]
    intro = page.index("{: .checking-intro }")
    assert page.index("This began as a check of *two* articles &lt;") > intro
    assert "<b>" not in page
