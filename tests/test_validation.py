"""Every rule of the content model, with the exact message an editor reads."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SMALL, content_errors as errors_of, StoryTree, check_errors, check_in_process, cli_in_process, run_cli
from generator.pipeline import check






def test_the_fixture_story_is_valid(story: StoryTree) -> None:
    assert check(story.root).story.title == "The harbour bridge dispute"


def test_missing_story_file_is_reported(story: StoryTree) -> None:
    story.remove("story.yml")
    assert errors_of(story) == ["content/story.yml:1:1: story.yml is missing\n"
                                "  hint: every story needs content/story.yml with at least title, dek, summary "
                                "and published"]


def test_missing_required_field_is_reported_at_the_entry(story: StoryTree) -> None:
    story.replace("events.yml", "  title: Eastport objects\n", "")
    assert errors_of(story) == ['content/events.yml:10:3: event "eastport-objects": required field "title" is missing'
                                "\n  hint: add a line  title: ...  to this entry"]


def test_unknown_field_suggests_the_right_one_and_is_reported_once(story: StoryTree) -> None:
    story.replace("events.yml", "  summary: The council", "  sumary: The council")
    assert errors_of(story) == ['content/events.yml:4:3: event "council-vote": unknown field "sumary"\n'
                                '  hint: did you mean "summary"?']


def test_unknown_field_without_a_close_match_lists_the_allowed_fields(story: StoryTree) -> None:
    story.replace("updates.yml", "  kind: update\n", "  kind: update\n  author: me\n")
    assert errors_of(story) == ['content/updates.yml:3:3: update 1 (2026-03-10): unknown field "author"\n'
                                "  hint: fields allowed here: date, kind, text, events"]


def test_id_that_is_not_a_slug_is_reported(story: StoryTree) -> None:
    story.replace("events.yml", "id: earlier-talks", "id: Earlier Talks")
    assert errors_of(story) == ['content/events.yml:18:7: event "Earlier Talks": id "Earlier Talks" is not a valid id'
                                '\n  hint: ids use lowercase letters, digits and single hyphens, '
                                'e.g. "earlier-talks"']


def test_duplicate_id_names_the_first_use(story: StoryTree) -> None:
    story.replace("events.yml", "id: earlier-talks", "id: council-vote")
    assert errors_of(story) == ['content/events.yml:18:7: event "council-vote": id "council-vote" is used more than '
                                "once\n  hint: first used at content/events.yml:1; ids must be unique"]


def test_unknown_reference_suggests_the_closest_id(story: StoryTree) -> None:
    story.replace("quotes.yml", "speaker: mayor-lee", "speaker: mayor-le")
    assert errors_of(story) == ['content/quotes.yml:2:12: quote "lee-proud": speaker "mayor-le" is not in actors.yml\n'
                                '  hint: did you mean "mayor-lee"?']


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("events.yml", "actors: [mayor-diaz]", "actors: [nobody]",
         'content/events.yml:14:12: event "eastport-objects": actors "nobody" is not in actors.yml'),
        ("events.yml", "sources: [eastport-statement]", "sources: [nowhere]",
         'content/events.yml:15:13: event "eastport-objects": sources "nowhere" is not in sources.yml'),
        ("events.yml", "phase: the-reaction", "phase: later",
         'content/events.yml:17:10: event "eastport-objects": phase "later" is not in story.yml (phases)'),
        ("quotes.yml", "event: eastport-objects", "event: nothing",
         'content/quotes.yml:17:10: quote "diaz-breach": event "nothing" is not in events.yml'),
        ("quotes.yml", "source: eastport-statement", "source: nowhere",
         'content/quotes.yml:15:11: quote "diaz-breach": source "nowhere" is not in sources.yml'),
        ("key_points.yml", "events: [council-vote]", "events: [nothing]",
         "content/key_points.yml:3:12: key point 1: events \"nothing\" is not in events.yml"),
        ("key_points.yml", "note_sources: [council-minutes]", "note_sources: [nowhere]",
         "content/key_points.yml:7:18: key point 2: note_sources \"nowhere\" is not in sources.yml"),
        ("glossary.yml", "sources: [council-minutes]", "sources: [nowhere]",
         'content/glossary.yml:3:13: term "Harbour bridge": sources "nowhere" is not in sources.yml'),
        ("background/the-harbour.yml", "terms: [ferry-agreement]", "terms: [ferry]",
         'content/background/the-harbour.yml:16:11: background "the-harbour": related terms "ferry" is not in '
         "glossary.yml"),
    ],
)
def test_every_kind_of_reference_must_resolve(story: StoryTree, file: str, old: str, new: str,
                                              expected: str) -> None:
    story.replace(file, old, new)
    assert [e.splitlines()[0] for e in errors_of(story)] == [expected]


def test_reference_to_an_entry_with_its_own_error_is_not_reported_twice(story: StoryTree) -> None:
    story.replace("events.yml", "  summary: The council voted", "  summary: ''\n  x: The council voted")
    lines = [e.splitlines()[0] for e in errors_of(story)]
    assert lines == ['content/events.yml:4:12: event "council-vote": summary is empty',
                     'content/events.yml:5:3: event "council-vote": unknown field "x"']


def test_broken_sources_file_does_not_cascade_into_every_citation(story: StoryTree) -> None:
    story.replace("sources.yml", "  kind: document\n", "  kind: document\n  kind: article\n")
    assert [e.splitlines()[0] for e in errors_of(story)] == ['content/sources.yml:7:3: duplicate key "kind"']


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"2026-03-07/2026-03-05"', 'date "2026-03-07/2026-03-05" ends before it starts'),
        ("soon", 'date "soon" is not a valid date'),
    ],
)
def test_bad_event_dates_are_reported_with_the_format_hint(story: StoryTree, value: str, message: str) -> None:
    story.replace("events.yml", 'date: "2026-03-05/2026-03-07"', f"date: {value}")
    assert errors_of(story) == [f'content/events.yml:11:9: event "eastport-objects": {message}\n'
                                "  hint: use YYYY, YYYY-MM or YYYY-MM-DD, add ~ for about or ? for uncertain, "
                                "and start/end for a range (2025-11-24/2025-11-26)"]


def test_a_day_missing_from_the_calendar_is_named_as_such(story: StoryTree) -> None:
    story.replace("events.yml", 'date: "2026-03-05/2026-03-07"', 'date: "2026-02-30"')
    assert errors_of(story) == ['content/events.yml:11:9: event "eastport-objects": date "2026-02-30" is not a '
                                "valid date: February 2026 has 28 days\n"
                                "  hint: check the month and the day against a calendar"]


def test_a_typo_and_a_wrong_reference_in_one_entry_are_reported_together(story: StoryTree) -> None:
    # The entry fails validation (unknown field), yet its speaker is checked in the same run:
    # an editor should not have to fix one mistake to be told about the next.
    story.replace("quotes.yml", "speaker: mayor-diaz", "speaker: mayor-dias")
    story.replace("quotes.yml", "  context: in a statement\n", "  contxt: in a statement\n")
    assert [e.splitlines()[0] for e in errors_of(story)] == [
        'content/quotes.yml:10:12: quote "diaz-breach": speaker "mayor-dias" is not in actors.yml',
        'content/quotes.yml:14:3: quote "diaz-breach": unknown field "contxt"']


def test_a_faulty_entry_leaves_out_only_what_cannot_be_read(story: StoryTree) -> None:
    # A required field in error: the entry is not guessed at, and nothing cascades from it.
    story.replace("quotes.yml", "speaker: mayor-diaz", "speaker: mayor-dias")
    story.replace("quotes.yml", "  kind: paraphrase\n", "  kind: rumour\n")
    assert [e.splitlines()[0] for e in errors_of(story)] == [
        'content/quotes.yml:12:9: quote "diaz-breach": kind "rumour" is not one of: direct, paraphrase, written']


def test_published_must_be_a_full_date(story: StoryTree) -> None:
    story.replace("story.yml", 'published: "2026-03-10"', 'published: "2026-03"')
    assert errors_of(story) == ['content/story.yml:7:12: story: published "2026-03" must be a full date like '
                                "2025-11-27\n  hint: write year, month and day: YYYY-MM-DD"]


def test_wrong_kind_value_suggests_the_allowed_one(story: StoryTree) -> None:
    story.replace("quotes.yml", "kind: paraphrase", "kind: paraphrased")
    assert errors_of(story) == ['content/quotes.yml:12:9: quote "diaz-breach": kind "paraphrased" is not one of: '
                                'direct, paraphrase, written\n  hint: did you mean "paraphrase"?']


def test_text_where_a_list_is_expected_is_reported(story: StoryTree) -> None:
    story.replace("events.yml", "tags: [diplomacy]", "tags: diplomacy")
    assert errors_of(story) == ['content/events.yml:16:9: event "eastport-objects": tags should be a list, found the '
                                'text "diplomacy"\n  hint: write each item on its own line starting with "- ", '
                                "or as [a, b]"]


def test_whitespace_only_text_counts_as_empty(story: StoryTree) -> None:
    story.replace("story.yml", "dek: A city council", "dek: '   '\nx_dek: A city council")
    assert [e.splitlines()[0] for e in errors_of(story)][0] == "content/story.yml:2:6: story: dek is empty"


def test_event_without_sources_is_refused(story: StoryTree) -> None:
    story.replace("events.yml", "sources: [eastport-statement]", "sources: []")
    assert errors_of(story) == ['content/events.yml:15:12: event "eastport-objects": sources needs at least one item\n'
                                "  hint: add at least one id, e.g. [my-source]"]


def test_direct_quote_not_in_its_source_names_the_closest_passage(story: StoryTree) -> None:
    story.replace("quotes.yml", '"We are proud of this bridge."', '"We are very proud of the bridge."')
    assert errors_of(story) == [
        'content/quotes.yml:3:9: quote "lee-proud": direct quote is not found word for word in source '
        '"council-minutes"\n  hint: closest passage in the source: \"We are proud of this bridge.\"; first '
        'difference: the quote adds "very"; fix the words to match the source (only if the source reports what '
        "was said without quoting it, mark it kind: paraphrase)"]


def test_a_contraction_the_source_spells_out_is_named_with_the_whole_sentence_shown(story: StoryTree) -> None:
    """The passage shown keeps the words that differ: a shorter passage that left out "We did not"
    scored closer, and the hint then read "the quote adds \"We didn't\"" after a cut sentence."""
    story.replace("sources/minutes.txt", "We are proud of this bridge.",
                  "We did not want this fight, but the council left us no choice.")
    story.replace("quotes.yml", '"We are proud of this bridge."',
                  "\"We didn't want this fight, but the council left us no choice.\"")
    assert errors_of(story) == [
        'content/quotes.yml:3:9: quote "lee-proud": direct quote is not found word for word in source '
        '"council-minutes"\n  hint: closest passage in the source: "We did not want this fight, but the council '
        'left us no choice."; first difference: the quote has "didn\'t" where the source has "did not"; fix the '
        "words to match the source (only if the source reports what was said without quoting it, mark it kind: "
        "paraphrase)"]


def test_quote_check_ignores_spacing_and_line_breaks(story: StoryTree) -> None:
    story.replace("quotes.yml", '"We are proud of this bridge."', "\"We  are proud\n    of this bridge.\"")
    check(story.root)


@pytest.mark.parametrize("in_source, in_quote", [
    ("We\u2019re proud of \u201cthe people\u2019s bridge\u201d \u2014 all of us.",
     "We're proud of \\\"the people's bridge\\\" - all of us."),
    ("We're proud of \"the people's bridge\" - all of us.",
     "We\u2019re proud of \u201cthe people\u2019s bridge\u201d \u2013 all of us."),
])
def test_quote_check_ignores_curly_or_straight_quotes_and_the_kind_of_dash(story: StoryTree, in_source: str,
                                                                          in_quote: str) -> None:
    """Typed on a keyboard or pasted from the article, apostrophes, quotation marks and dashes match."""
    story.replace("sources/minutes.txt", "We are proud of this bridge.", in_source)
    story.replace("quotes.yml", '"We are proud of this bridge."', f'"{in_quote}"')
    check(story.root)


def test_quote_comparison_makes_every_quotation_mark_dash_and_space_uniform() -> None:
    from generator.ids import normalise

    assert normalise("\u2018a\u2019 \u201ab\u201b \u2032c`") == "'a' 'b' 'c'"
    # NFKC comes first: a double prime is two primes, each then an apostrophe
    assert normalise("\u201ce\u201d \u201ef\u201f \u2033g \u00abh\u00bb") == '"e" "f" \'\'g "h"'
    assert normalise("i\u2010j\u2011k\u2012l\u2013m\u2014n\u2015o\u2212p") == "i-j-k-l-m-n-o-p"
    assert normalise("  q\u00a0\u3000r\n\ts\u2028t ") == "q r s t"
    assert normalise("\uff21\ufb01") == "Afi"  # NFKC: full-width letters and ligatures as typed


def test_quote_check_tells_capitals_apart(story: StoryTree) -> None:
    """Word for word means letter for letter: a quote the source does not capitalise so is refused."""
    story.replace("quotes.yml", '"We are proud of this bridge."', '"We are proud of this Bridge."')
    assert errors_of(story) == [
        'content/quotes.yml:3:9: quote "lee-proud": direct quote is not found word for word in source '
        '"council-minutes"\n  hint: closest passage in the source: \"We are proud of this bridge.\"; first '
        'difference: the quote has "Bridge." where the source has "bridge.\"" (capital letters); fix the words to match '
        "the source (only if the source reports what was said without quoting it, mark it kind: paraphrase)"]


def test_paraphrase_is_not_checked_word_for_word(story: StoryTree) -> None:
    story.replace("quotes.yml", "kind: direct", "kind: paraphrase")
    story.replace("quotes.yml", '"We are proud of this bridge."', "Lee said she was proud.")
    check(story.root)


def test_source_text_outside_the_content_folder_is_refused(story: StoryTree) -> None:
    story.replace("sources.yml", "text: sources/minutes.txt", "text: ../../etc/passwd")
    assert errors_of(story) == ['content/sources.yml:7:9: source "council-minutes": text "../../etc/passwd" points '
                                "outside the content folder\n  hint: keep source texts inside content/, "
                                "e.g. text: sources/article.txt"]


def test_every_error_is_listed_not_just_the_first(story: StoryTree) -> None:
    story.replace("quotes.yml", "kind: paraphrase", "kind: paraphrased")
    story.replace("events.yml", "id: earlier-talks", "id: Earlier")
    story.replace("glossary.yml", "definition: The proposed", "definiton: The proposed")
    assert len(errors_of(story)) == 3


def test_cli_check_prints_errors_on_stderr_and_exits_1(story: StoryTree) -> None:
    story.replace("quotes.yml", "kind: paraphrase", "kind: paraphrased")
    lines = check_errors(story.root)
    assert lines == ['content/quotes.yml:12:9: quote "diaz-breach": kind "paraphrased" is not one of: direct, '
                     'paraphrase, written', '  hint: did you mean "paraphrase"?']


def test_cli_check_passes_on_valid_content_with_a_summary(story: StoryTree) -> None:
    result = run_cli("check", "--content", story.root)
    assert result.returncode == 0
    assert "is valid: 3 events, 2 quotes, 3 actors, 2 sources" in result.stdout


def test_cli_check_and_render_lose_no_output_when_they_end_at_once(story: StoryTree, tmp_path: Path) -> None:
    """`check` and `render` end with os._exit, without freeing the story's memory
    (generator/__main__.py). Through a pipe, where output is buffered (PYTHONUNBUFFERED unset),
    every line they print must still arrive, with the exit code, and every page they report
    must be on disk."""
    def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
        return subprocess.run([sys.executable, "-m", "generator", *map(str, args)], cwd=story.root.parent,
                              env=env, capture_output=True, text=True, timeout=300)

    events = story.root / "events.yml"
    events.write_text(events.read_text(encoding="utf-8").replace('date: "', 'date: "x'), encoding="utf-8")
    failed = cli("check", "--content", story.root)
    assert failed.returncode == 1
    assert failed.stderr == check_in_process(story.root).stderr  # the same lines as the function gives
    assert failed.stderr.splitlines()[-1] == "3 problems found; nothing was built."
    rendered = cli("render", "--content", SMALL, "--out", tmp_path / "docs")
    assert rendered.returncode == 0, rendered.stderr
    written = int(rendered.stdout.rsplit(": ", 1)[1].split()[0])
    assert written == sum(1 for p in (tmp_path / "docs").rglob("*") if p.is_file() and not p.name.startswith("."))


def test_cli_usage_error_exits_2() -> None:
    assert run_cli("frobnicate").returncode == 2


def test_minimal_story_needs_only_story_yml(minimal: StoryTree) -> None:
    assert check(minimal.root).events == []


@pytest.mark.parametrize("model, fields", [
    ("Event", {"id": "council-vote", "date": "2025-11-07", "title": "Vote", "summary": "The council voted."}),
    ("KeyPoint", {"text": "The council voted."}),
    ("Section", {"heading": "The vote", "body": "The council voted."}),
])
def test_every_event_key_point_and_background_section_must_cite_a_source(model: str, fields: dict[str, str]) -> None:
    """The rule that every claim cites its sources is the models' own: no entry without one loads."""
    from pydantic import ValidationError

    from generator import models

    cls = getattr(models, model)
    for sources in ([], None):
        with pytest.raises(ValidationError) as refused:
            cls.model_validate({**fields, **({"sources": sources} if sources is not None else {})})
        assert [e["loc"] for e in refused.value.errors()] == [("sources",)]
    assert cls.model_validate({**fields, "sources": ["council-minutes"]}).sources == ["council-minutes"]


def test_an_actors_native_name_written_under_its_old_name_still_loads_with_a_warning_to_rename_it(
        story: StoryTree) -> None:
    """One name for the native-script field everywhere (native); a story written before keeps
    building, and its editor is told, at the line, what to rename."""
    story.replace("actors.yml", "  native: サム・ディアス", "  native_name: サム・ディアス")
    content = check(story.root)
    assert {a.id: a.native for a in content.actors}["mayor-diaz"] == "サム・ディアス"
    assert [w.format() for w in content.warnings] == [
        'content/actors.yml:11:3: warning: actor "mayor-diaz": "native_name" is the old name of "native"\n'
        "  hint: rename it native: the same field is called native everywhere; the old name will stop working"]
    result = cli_in_process("check", "--content", story.root, cwd=story.root.parent)
    assert result.returncode == 0 and '"native_name" is the old name of "native"' in result.stdout + result.stderr


def test_an_actor_with_both_the_old_and_the_new_native_field_is_an_error(story: StoryTree) -> None:
    story.replace("actors.yml", "  native: サム・ディアス", "  native: サム・ディアス\n  native_name: サム")
    assert errors_of(story) == ['content/actors.yml:12:3: actor "mayor-diaz": unknown field "native_name"\n'
                                '  hint: did you mean "native"?']


def test_the_preview_validates_a_file_saved_unchanged_once_and_still_reports_all_it_found(
        story: StoryTree, monkeypatch: pytest.MonkeyPatch) -> None:
    """During `serve` (yamlio.remember_documents) the entries of a file whose text is unchanged are
    not validated again; every load still reports its errors and warnings at the same lines, and
    the cross-file checks still find where its entries stand."""
    from generator import load, yamlio
    from generator.checks import check_content

    story.replace("actors.yml", "  native: サム・ディアス", "  native_name: サム・ディアス")  # a warning
    story.replace("updates.yml", "  kind: update\n", "  kind: update\n  author: me\n")  # an entry's error
    story.replace("quotes.yml", "speaker: mayor-lee", "speaker: mayor-le")  # a cross-file error, located

    def loaded() -> tuple[list[str], list[str], list[object]]:
        content, locations, errors = load.load_content(story.root)
        errors += check_content(content, locations)
        return ([e.format() for e in errors], [w.format() for w in content.warnings],
                [content.events, content.quotes, content.actors, content.updates])

    validated: list[str] = []
    real = load._validate
    monkeypatch.setattr(load, "_validate", lambda reading, doc, *rest, **kw: (
        validated.append(doc.file), real(reading, doc, *rest, **kw))[1])
    fresh = loaded()  # as a build loads: every file read and validated afresh
    assert len(fresh[0]) == 2 and len(fresh[1]) == 1
    yamlio.remember_documents(True)
    try:
        assert loaded() == fresh
        validated.clear()
        assert loaded() == fresh
        assert not {"content/actors.yml", "content/quotes.yml", "content/updates.yml",
                    "content/events.yml"} & set(validated)
        story.replace("events.yml", "  title: Eastport objects\n", "  title: Eastport objects again\n")
        validated.clear()
        again = loaded()
        assert again[:2] == fresh[:2] and "Eastport objects again" in {e.title for e in again[2][0]}
        assert "content/events.yml" in validated and "content/quotes.yml" not in validated
    finally:
        yamlio.remember_documents(False)


def test_a_topic_no_event_or_quote_uses_is_a_warning_at_its_line(story: StoryTree) -> None:
    """story.yml names topics for readers; a name for a tag nothing has is most often a typo."""
    story.replace("story.yml", "phases:", "topics:\n  - id: vote\n    label: The vote\n  - id: trafic\n"
                  "    label: Traffic\nphases:")
    content = check(story.root)
    assert [w.format() for w in content.warnings] == [
        'content/story.yml:16:9: warning: topic "trafic": no event or quote has the tag "trafic"\n'
        "  hint: check the spelling here and in the events' tags, or remove the topic"]


def test_a_topic_named_twice_is_an_error(story: StoryTree) -> None:
    story.replace("story.yml", "phases:", "topics:\n  - id: vote\n    label: The vote\n  - id: vote\n"
                  "    label: Votes\nphases:")
    assert errors_of(story) == ['content/story.yml:16:9: topic "vote": id "vote" is used more than once\n'
                                "  hint: first used at content/story.yml:14; ids must be unique"]


def test_a_side_named_twice_is_an_error(story: StoryTree) -> None:
    story.replace("story.yml", "phases:", 'sides:\n  - id: north\n    label: North\n    colour: "#2569d0"\n'
                  '  - id: north\n    label: Northerners\n    colour: "#d02525"\nphases:')
    assert errors_of(story) == ['content/story.yml:17:9: side "north": id "north" is used more than once\n'
                                "  hint: first used at content/story.yml:14; ids must be unique"]


def test_an_update_dated_before_the_story_was_published_is_a_warning(story: StoryTree) -> None:
    story.replace("updates.yml", 'date: "2026-03-12"', 'date: "2025-03-12"')
    content = check(story.root)
    assert [w.format() for w in content.warnings] == [
        'content/updates.yml:4:9: warning: update 2 (2025-03-12): dated before the story was first published '
        "(2026-03-10, story.yml)\n"
        "  hint: check this date and `published` in story.yml; an update comes on or after it"]


def test_a_topic_spelt_unlike_the_tag_suggests_the_tag(story: StoryTree) -> None:
    story.replace("story.yml", "phases:", "topics:\n  - id: infrastucture\n    label: Roads\nphases:")
    assert [w.format() for w in check(story.root).warnings] == [
        'content/story.yml:14:9: warning: topic "infrastucture": no event or quote has the tag "infrastucture"\n'
        '  hint: did you mean "infrastructure", the tag the events use?']


def test_the_same_glossary_term_twice_says_so_and_how_to_keep_both(story: StoryTree) -> None:
    """A term's id comes from its words unless it has one: the editor never wrote "an id"."""
    text = (story.root / "glossary.yml").read_text(encoding="utf-8")
    story.write("glossary.yml", text + "- term: Harbour bridge\n  definition: The bridge again.\n")
    lines = text.count("\n")
    assert errors_of(story) == [
        f'content/glossary.yml:{lines + 1}:9: term "harbour-bridge": term "Harbour bridge" is in the glossary twice'
        f"\n  hint: first at content/glossary.yml:{text.splitlines().index('- term: Harbour bridge') + 1}; merge the "
        "two entries, or give this one an id of its own (id: harbour-bridge-2)"]


def test_a_quote_with_both_said_in_and_original_is_refused(story: StoryTree) -> None:
    story.replace("quotes.yml", "  kind: direct\n", "  kind: direct\n  said_in: fr\n"
                  "  original: {text: We are proud of this bridge., language: fr}\n")
    assert 'content/quotes.yml:5:12: quote "lee-proud": has both said_in and original\n  hint: keep original (the ' \
           "words as said, with their language) and remove said_in" in errors_of(story)


def test_an_update_links_the_events_it_concerns_and_each_must_exist(story: StoryTree) -> None:
    from generator.pipeline import render

    pages = render(story.root)[1]  # the small story's correction concerns council-vote
    updates = pages["updates.md"]
    assert '<span class="cite" markdown>Timeline: [Riverton council approves the bridge](timeline.md#council-vote)' \
           '</span>' in updates
    # the event says it was corrected, and links to the correction's own entry
    assert '<div class="update update-correction" id="update-2026-03-12-1" markdown>' in updates
    assert "[Corrected 12 March 2026](updates.md#update-2026-03-12-1){ .update-mark }" in pages["timeline.md"]
    story.replace("updates.yml", "events: [council-vote]", "events: [council-vot]")
    assert errors_of(story) == ['content/updates.yml:7:12: update 2 (2026-03-12): events "council-vot" is not in '
                                'events.yml\n  hint: did you mean "council-vote"?']
