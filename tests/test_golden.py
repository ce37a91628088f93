"""The rendered Markdown of the fixture stories, compared with reviewed golden files: the small
story, and the reader story (the same story with every reader feature: byline, sides and
principals, need-to-know bullets, the key exchange with a translated quote, key moments).

After an intended change to templates or rendering, regenerate and review the diff:

    UPDATE_GOLDEN=1 python3 tasks.py test tests/test_golden.py
    git diff tests/golden/
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import FIXTURES, SMALL
from generator.pipeline import render

GOLDEN = Path(__file__).resolve().parent / "golden"
STORIES = {"small_story": SMALL, "reader_story": FIXTURES / "reader_story"}
PAGES = {story: render(folder)[1] for story, folder in STORIES.items()}


@pytest.mark.parametrize(("story", "name"), [(story, name) for story, pages in PAGES.items() for name in sorted(pages)])
def test_rendered_page_matches_golden_file(story: str, name: str) -> None:
    golden = GOLDEN / story / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(PAGES[story][name], encoding="utf-8")
    assert golden.is_file(), f"no golden file for {name}: run UPDATE_GOLDEN=1 python3 tasks.py test tests/test_golden.py"
    assert PAGES[story][name] == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("story", sorted(STORIES))
def test_no_golden_file_is_left_over_from_a_removed_page(story: str) -> None:
    on_disk = {p.relative_to(GOLDEN / story).as_posix() for p in (GOLDEN / story).rglob("*") if p.is_file()}
    assert on_disk == set(PAGES[story])


def test_rendering_is_a_pure_function_of_the_story() -> None:
    assert render(SMALL)[1] == PAGES["small_story"]
