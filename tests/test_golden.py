"""The rendered Markdown of the fixture stories, compared with reviewed golden files: the small
story; the reader story (the same story with every reader feature: byline, sides and
principals, need-to-know bullets, the key exchange with a translated quote, key moments); and
the split story, rendered at three entries a page so that every collection is split into parts
(timeline by year, by month and into numbered parts; quotes by the speaker's initial; people by
kind and initial; sources by the publisher's initial), with the anchors.json files that send
old links on to the right part.

Each story is rendered once per test run (a module-scoped fixture), and only when a test of this
module runs: collecting the module lists the golden files, it does not render.

After an intended change to templates or rendering, regenerate and review the diff:

    UPDATE_GOLDEN=1 python3 tasks.py test tests/test_golden.py
    git diff tests/golden/
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURES, SMALL
from generator.parts import PART_SIZE
from generator.pipeline import render

GOLDEN = Path(__file__).resolve().parent / "golden"
# story -> (content folder, entries per page before a collection is split)
STORIES = {"small_story": (SMALL, PART_SIZE), "reader_story": (FIXTURES / "reader_story", PART_SIZE),
           "split_story": (FIXTURES / "split_story", 3)}
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
HOW_TO_UPDATE = "run UPDATE_GOLDEN=1 python3 tasks.py test tests/test_golden.py and review git diff tests/golden/"


def golden_files(story: str) -> list[str]:
    return sorted(p.relative_to(GOLDEN / story).as_posix() for p in (GOLDEN / story).rglob("*") if p.is_file())


Rendered = Callable[[str], dict[str, str]]


@pytest.fixture(scope="module")
def rendered() -> Rendered:
    """The pages of a story, rendered the first time a test asks for them."""
    cache: dict[str, dict[str, str]] = {}

    def pages(story: str) -> dict[str, str]:
        if story not in cache:
            folder, part_size = STORIES[story]
            cache[story] = render(folder, part_size)[1]
        return cache[story]

    return pages


@pytest.mark.parametrize("story", sorted(STORIES))
def test_every_page_has_a_golden_file_and_no_golden_file_is_left_over(story: str, rendered: Rendered) -> None:
    pages = rendered(story)
    if UPDATE:
        for name in set(golden_files(story)) - set(pages):
            (GOLDEN / story / name).unlink()
        for name, text in pages.items():
            (GOLDEN / story / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / story / name).write_text(text, encoding="utf-8")
    assert set(golden_files(story)) == set(pages), HOW_TO_UPDATE


@pytest.mark.parametrize(("story", "name"), [(story, name) for story in sorted(STORIES) for name in golden_files(story)])
def test_rendered_page_matches_golden_file(story: str, name: str, rendered: Rendered) -> None:
    pages = rendered(story)
    assert name in pages, f"{story} no longer renders {name}: {HOW_TO_UPDATE}"
    assert pages[name] == (GOLDEN / story / name).read_text(encoding="utf-8")


def test_the_split_story_is_split_in_every_way_a_collection_can_be(rendered: Rendered) -> None:
    """The golden files above cover each kind of part (if the fixture stopped splitting, they would
    only be compared with themselves)."""
    pages = rendered("split_story")
    for name in ("timeline/2025.md", "timeline/2026-02.md", "timeline/2026-03.md", "timeline/2026-03-part-2.md",
                 "who-said-what/d.md", "people/person-d.md", "sources/e.md", "sources/r-part-2.md"):
        assert name in pages, name
    for collection in ("timeline", "who-said-what", "people", "sources"):
        assert f"{collection}/anchors.json" in pages, collection
    assert not any("/" in name and name.endswith(".md") and not name.startswith("background/")
                   for name in rendered("small_story")), "the small story is not split at the usual part size"


def test_rendering_is_a_pure_function_of_the_story(rendered: Rendered) -> None:
    """A second render of the same story, on purpose: the same pages, byte for byte."""
    assert render(SMALL)[1] == rendered("small_story")
