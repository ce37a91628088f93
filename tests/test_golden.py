"""The rendered Markdown of the fixture story, compared with reviewed golden files.

After an intended change to templates or rendering, regenerate and review the diff:

    UPDATE_GOLDEN=1 python3 tasks.py test tests/test_golden.py
    git diff tests/golden/
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import SMALL
from generator.pipeline import render

GOLDEN = Path(__file__).resolve().parent / "golden" / "small_story"
PAGES = render(SMALL)[1]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_rendered_page_matches_golden_file(name: str) -> None:
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(PAGES[name], encoding="utf-8")
    assert golden.is_file(), f"no golden file for {name}: run UPDATE_GOLDEN=1 python3 tasks.py test tests/test_golden.py"
    assert PAGES[name] == golden.read_text(encoding="utf-8")


def test_no_golden_file_is_left_over_from_a_removed_page() -> None:
    on_disk = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert on_disk == set(PAGES)


def test_rendering_is_a_pure_function_of_the_story() -> None:
    assert render(SMALL)[1] == PAGES
