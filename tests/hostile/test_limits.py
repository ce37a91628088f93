"""The limits the generator enforces, each with its own message; LIMITS.md states the same numbers."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, SMALL, StoryTree, check_errors
from generator import load, models, yamlio

from .conftest import api_errors

STORY = (SMALL / "story.yml").read_text(encoding="utf-8")


def test_a_50_mb_file_is_refused_before_it_is_read(story: StoryTree) -> None:
    with open(story.root / "events.yml", "wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: the test writes no 50 MB
    assert check_errors(story.root) == [
        "content/events.yml:1:1: file is 50.0 MB, over the 20 MB limit",
        "  hint: split the content or remove what was pasted by mistake"]


def test_a_source_text_over_the_size_limit_is_refused_under_its_own_name(story: StoryTree) -> None:
    with open(story.root / "sources" / "minutes.txt", "ab") as f:
        f.truncate(yamlio.MAX_FILE_BYTES + 1)
    assert api_errors(story.root) == [
        "content/sources/minutes.txt:1:1: file is 20.0 MB, over the 20 MB limit",
        "  hint: split the content or remove what was pasted by mistake"]


def test_a_file_just_under_the_size_limit_is_read(story: StoryTree) -> None:
    filler = "# " + "x" * 1000 + "\n"
    text = STORY + filler * ((yamlio.MAX_FILE_BYTES - len(STORY) - 10) // len(filler))
    story.write("story.yml", text)
    assert len(text.encode()) <= yamlio.MAX_FILE_BYTES
    from generator.pipeline import check

    assert check(story.root).story.title == "The harbour bridge dispute"


@pytest.mark.parametrize("depth, accepted", [(yamlio.MAX_DEPTH, True), (yamlio.MAX_DEPTH + 1, False)])
def test_nesting_deeper_than_the_limit_is_refused_and_the_limit_itself_is_not(
        story: StoryTree, depth: int, accepted: bool) -> None:
    # the top-level list counts as the first level
    story.write("events.yml", "- " + "[" * (depth - 1) + "]" * (depth - 1) + "\n")
    errors = api_errors(story.root)
    deep = [f"content/events.yml:1:{1 + depth}: nesting is deeper than 12 levels",
            "  hint: content files need only a few levels; check the indentation"]
    if accepted:  # read, then refused by the model: an event is not a list
        assert "content/events.yml:1:3: event 1: expected fields (name: value), found a list" in errors
        assert not [e for e in errors if "nesting" in e]
    else:
        assert errors == deep


def test_a_file_with_more_values_than_the_limit_is_refused(story: StoryTree, monkeypatch: pytest.MonkeyPatch) -> None:
    # 2,000,000 values take seconds to parse; the same check with a limit of 120 shows the message
    monkeypatch.setattr(yamlio, "MAX_NODES", 120)
    story.write("events.yml", "- [" + ", ".join(["a"] * 150) + "]\n")
    assert api_errors(story.root) == ["content/events.yml:1:358: file has more than 120 values", "  hint: split the file"]


def test_a_collection_with_more_entries_than_the_limit_is_refused(story: StoryTree) -> None:
    story.write("glossary.yml", "- x\n" * (load.MAX_ENTRIES + 1))
    assert api_errors(story.root) == ["content/glossary.yml:1:1: file has 100,001 entries; the limit is 100,000",
                                      "  hint: split the story"]


def test_a_one_line_field_over_the_limit_is_refused_with_its_length(story: StoryTree) -> None:
    story.write("story.yml", STORY.replace("title: The harbour bridge dispute", "title: " + "x" * (models.MAX_LINE + 1)))
    assert api_errors(story.root) == ["content/story.yml:1:8: story: title is 501 characters long; the limit is 500",
                                      "  hint: shorten it; a longer text belongs in a text field such as summary"]


def test_a_one_line_field_at_the_limit_is_accepted(story: StoryTree) -> None:
    story.write("story.yml", STORY.replace("title: The harbour bridge dispute", "title: " + "x" * models.MAX_LINE))
    from generator.pipeline import check

    assert len(check(story.root).story.title) == 500


def test_too_many_open_questions_is_refused_with_the_count(story: StoryTree) -> None:
    story.write("story.yml", STORY.replace("questions:\n", "questions:\n" + "  - Why?\n" * (models.MAX_QUESTIONS - 1)))
    assert api_errors(story.root) == ["content/story.yml:11:3: story: questions has 101 items; the limit is 100",
                                      "  hint: keep the most important ones"]


def test_too_many_phases_is_refused_with_the_count(story: StoryTree) -> None:
    extra = "".join(f"  - id: phase-{i}\n    title: Phase {i}\n" for i in range(models.MAX_PHASES - 1))
    story.write("story.yml", STORY + extra)
    assert api_errors(story.root) == ["content/story.yml:14:3: story: phases has 51 items; the limit is 50",
                                      "  hint: keep the most important ones"]


def test_limits_md_states_every_limit_the_code_enforces() -> None:
    doc = (ROOT / "LIMITS.md").read_text(encoding="utf-8")
    rows = {m[1]: m[0].strip() for m in re.findall(r"^\| [^|]+ \| ([^|]+) \| [^|]*`(\w+)`", doc, re.M)}
    assert rows == {
        "MAX_FILE_BYTES": f"{yamlio.MAX_FILE_BYTES // 2**20} MB",
        "MAX_DEPTH": f"{yamlio.MAX_DEPTH} levels",
        "MAX_NODES": f"{yamlio.MAX_NODES:,}",
        "MAX_ITEMS": f"{models.MAX_ITEMS:,}",
        "MAX_LINE": f"{models.MAX_LINE}",
        "MAX_QUESTIONS": f"{models.MAX_QUESTIONS}",
        "MAX_PHASES": f"{models.MAX_PHASES}",
    }
    assert load.MAX_ENTRIES == models.MAX_ITEMS
