"""Issue 11: an editor's save never stalls `check`, and its hints stay helpful.

Each hostile input of benchmarks/timebombs.py has a test here that the message is right and that
the work done is bounded (counted, never timed)."""

from __future__ import annotations

import difflib
import random
from typing import Any

import pytest

from conftest import content_errors as errors_of, StoryTree, check_errors
from generator import checks
from generator.errors import ContentErrors
from generator.pipeline import check

WORDS = ("agreement border budget cabinet ceasefire coalition committee court crisis delegation deputy envoy "
         "harbour hearing island leader market meeting minister navy party patrol peace police port press "
         "region report security statement strait summit tariff trade treaty union vessel visit vote").split()
PARAPHRASE = ("; fix the words to match the source (only if the source reports what was said without quoting it, "
              "mark it kind: paraphrase)")






class CountingMatcher(difflib.SequenceMatcher):  # type: ignore[type-arg]
    """difflib's SequenceMatcher, counting the comparisons it makes."""

    longest_matches = 0

    def find_longest_match(self, *args: Any, **kwargs: Any) -> Any:
        CountingMatcher.longest_matches += 1
        return super().find_longest_match(*args, **kwargs)


def _long_quote(story: StoryTree, words: int) -> tuple[list[str], str]:
    """A written quote of `words` words, in the source text but for the middle word."""
    r = random.Random(11)
    said = [r.choice(WORDS) for _ in range(words)]
    around = [" ".join(r.choice(WORDS) for _ in range(words)) for _ in range(2)]
    story.write("sources/minutes.txt", f"Minutes. {around[0]}. The mayor wrote: {' '.join(said)}. {around[1]}.\n")
    quoted = list(said)
    quoted[words // 2] = "bridge"
    story.replace("quotes.yml", '"We are proud of this bridge."\n  kind: direct',
         f'"{" ".join(quoted)}."\n  kind: written')
    return said, quoted[words // 2]


def test_a_long_quote_with_one_word_changed_names_the_closest_passage(story: StoryTree) -> None:
    said, _ = _long_quote(story, 800)
    assert errors_of(story) == [
        'content/quotes.yml:3:9: quote "lee-proud": written quote is not found word for word in source '
        f'"council-minutes"\n  hint: closest passage in the source: "{" ".join(said)}."; first difference: the '
        f'quote has "bridge" where the source has "{said[400]}"' + PARAPHRASE]


def test_the_closest_passage_of_a_long_quote_takes_a_bounded_number_of_comparisons(
        story: StoryTree, monkeypatch: pytest.MonkeyPatch) -> None:
    # Before: a window of the quote's length compared at every start and end near the best one,
    # (2 x 200 + 1)^2 word-level comparisons for 800 words, each one hundreds of longest matches.
    _long_quote(story, 800)
    monkeypatch.setattr(checks.difflib, "SequenceMatcher", CountingMatcher)
    CountingMatcher.longest_matches = 0
    with pytest.raises(ContentErrors):
        check(story.root)
    # one alignment of the quote with the text near it, one for the first difference
    assert 0 < CountingMatcher.longest_matches < 50  # 6 when written


def test_a_quote_with_its_first_word_changed_shows_that_word_in_the_passage() -> None:
    text = " ".join(WORDS * 3)
    quote = (WORDS * 3)[5:65]  # longer than checks.SHORT_QUOTE
    wanted = " ".join(["bridge", *quote[1:]])
    passage = checks.closest_passage(wanted, text)
    assert passage == " ".join(quote)
    assert checks.first_difference(wanted, passage) == f'first difference: the quote has "bridge" where the ' \
                                                       f'source has "{quote[0]}"'


def test_a_quote_unlike_anything_in_its_source_has_no_closest_passage() -> None:
    assert checks.closest_passage(" ".join(f"w{i}" for i in range(100)), " ".join(WORDS * 20)) == ""


def _misspelt_citations(story: StoryTree, count: int) -> list[str]:
    """`count` sources and `count` events, each citing its source with one letter left out."""
    sources, events, cited = [], [], []
    for i in range(count):
        sid = f"outlet-2025-11-{1 + i % 28:02d}-{WORDS[i % len(WORDS)]}-{WORDS[i * 7 % len(WORDS)]}-{i}"
        wrong = sid.replace("outlet", "outet")
        cited.append(wrong)
        sources.append(f"- id: {sid}\n  title: Report {i}\n  publisher: Outlet\n  kind: article\n")
        events.append(f'- id: event-{i}\n  date: "2026-03-03"\n  title: Event {i}\n  summary: Event {i}.\n'
                      f"  sources: [{wrong}]\n")
    with open(story.root / "sources.yml", "a", encoding="utf-8") as f:
        f.write("".join(sources))
    with open(story.root / "events.yml", "a", encoding="utf-8") as f:
        f.write("".join(events))
    return cited


def test_many_misspelt_citations_each_get_a_hint_with_bounded_work(
        story: StoryTree, monkeypatch: pytest.MonkeyPatch) -> None:
    cited = _misspelt_citations(story, 500)
    compared: list[tuple[str, str]] = []
    real = checks.difflib.SequenceMatcher

    class Counting(real):  # type: ignore[misc, valid-type]
        def set_seq1(self, a: Any) -> None:
            compared.append(a)
            super().set_seq1(a)

    monkeypatch.setattr(checks.difflib, "SequenceMatcher", Counting)
    errors = errors_of(story)
    assert len(errors) == 500
    assert errors[0] == (f'content/events.yml:29:13: event "event-0": sources "{cited[0]}" is not in sources.yml\n'
                         f'  hint: did you mean "{cited[0].replace("outet", "outlet")}"?')
    assert all(f'did you mean "{c.replace("outet", "outlet")}"?' in e for c, e in zip(cited, errors))
    # each miss is compared with a handful of ids, not with all 500
    assert len(compared) < 10 * 500


def test_an_unknown_source_with_no_close_id_says_to_add_it(story: StoryTree) -> None:
    # "council-report" shares "council-" with "council-minutes" (difflib's ratio 0.62), but is another source
    story.replace("quotes.yml", "source: council-minutes", "source: council-report")
    assert errors_of(story) == [
        'content/quotes.yml:7:11: quote "lee-proud": source "council-report" is not in sources.yml\n'
        "  hint: add it to sources.yml or fix the spelling"]


def test_an_unknown_id_that_shortens_a_real_one_still_gets_a_hint(story: StoryTree) -> None:
    story.replace("quotes.yml", "source: council-minutes", "source: minutes")
    assert errors_of(story) == [
        'content/quotes.yml:7:11: quote "lee-proud": source "minutes" is not in sources.yml\n'
        '  hint: did you mean "council-minutes"?']


def test_a_lookalike_id_is_reported_once_naming_the_differing_character(story: StoryTree) -> None:
    # the event's own id has a Cyrillic о; three references spell it with a Latin o
    story.replace("events.yml", "id: council-vote", "id: council-v\u043ete")
    assert check_errors(story.root) == [
        'content/events.yml:1:7: event "council-v\u043ete": id "council-v\u043ete" is not a valid id: it has "\u043e", '
        'U+043E CYRILLIC SMALL LETTER O, which looks like "o"',
        '  hint: ids use lowercase letters, digits and single hyphens, e.g. "council-vote"']


def test_a_reference_with_a_lookalike_letter_names_it(story: StoryTree) -> None:
    story.replace("key_points.yml", "events: [council-vote]", "events: [council-v0te]")
    assert errors_of(story) == [
        'content/key_points.yml:3:12: key point 1: events "council-v0te" is not in events.yml\n'
        '  hint: did you mean "council-vote"? (yours has "0", U+0030 DIGIT ZERO, where that has "o")']


def test_a_reference_in_another_script_names_the_character(story: StoryTree) -> None:
    story.replace("key_points.yml", "events: [council-vote]", "events: [council-v\u043ete]")
    assert errors_of(story) == [
        'content/key_points.yml:3:12: key point 1: events "council-v\u043ete" is not a valid id: it has "\u043e", '
        'U+043E CYRILLIC SMALL LETTER O, which looks like "o"\n'
        '  hint: ids use lowercase letters, digits and single hyphens, e.g. "council-vote"']


def test_a_misspelt_place_still_gets_a_hint() -> None:
    index = checks.IdIndex(["yonaguni", "taiwan", "ishigaki"])
    assert index.closest("taiwon") == "taiwan"
    assert index.closest("okinawa") is None
    assert checks.did_you_mean("y0naguni", index.closest("y0naguni")) == \
        'did you mean "yonaguni"? (yours has "0", U+0030 DIGIT ZERO, where that has "o")'
