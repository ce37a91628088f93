"""The live preview's partial render (generator/rerender.py) gives the pages a full render gives.

Every text field it trusts, of every entry of the test stories (a sample of the real story), is
reworded in its YAML file as an editor would; the pages from the partial render must equal a
full render's, byte for byte. Then the file is put back, and that is compared too.
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, ROOT, SMALL

from generator.errors import ContentErrors
from generator.pipeline import _render
from generator import rerender as rerender_module
from generator.rerender import TEXT_FIELDS, Rerender

STORIES = {"small": (SMALL, 300), "small split into parts of 3": (SMALL, 3),
           "reader": (FIXTURES / "reader_story", 300), "japanese": (FIXTURES / "japanese_story", 300),
           "split": (FIXTURES / "split_story", 300)}


def _cases(root: Path) -> list[tuple[str, int, str]]:
    """(kind, entry index, field) for every text field with a value."""
    cases = []
    for kind, fields in TEXT_FIELDS.items():
        path = root / f"{kind}.yml"
        if not path.is_file():
            continue
        for n, entry in enumerate(yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or []):
            cases += [(kind, n, f) for f in sorted(fields) if isinstance(entry.get(f), str) and entry[f].strip()]
    return cases


def _rewrite(path: Path, n: int, field: str, value: Any = None) -> str:
    """Reword one field of entry n (the file is written back whole); returns the file as it was."""
    before = path.read_text(encoding="utf-8")
    data = yaml.load(before, Loader=yaml.BaseLoader)
    data[n][field] = value if value is not None else data[n][field].rstrip() + " Reworded"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return before


def _compare(root: Path, part_size: int, cases: list[tuple[str, int, str]]) -> tuple[int, int]:
    """Runs the cases; returns (cases compared, cases where fewer pages than all were rendered)."""
    rerender = Rerender()
    _render(root, part_size, rerender)
    compared = partial = 0
    for kind, n, field in cases:
        path = root / f"{kind}.yml"
        before = _rewrite(path, n, field)
        try:
            full = _render(root, part_size)[2]
        except ContentErrors:  # a reworded direct quote no longer matches its source: not a text edit to test
            path.write_text(before, encoding="utf-8")
            continue
        pages = _render(root, part_size, rerender)[2]
        assert pages == full, f"{kind}[{n}].{field}: {[p for p in full if pages.get(p) != full[p]]}"
        compared += 1
        partial += len(rerender.rendered) < len([p for p in full if p.endswith(".md")])
        path.write_text(before, encoding="utf-8")
        assert _render(root, part_size, rerender)[2] == _render(root, part_size)[2], f"{kind}[{n}].{field} put back"
    return compared, partial


# The small story in the everyday loop; the others (8 s together) with the slow tests.
@pytest.mark.parametrize("name", [n if n == "small" else pytest.param(n, marks=pytest.mark.slow) for n in STORIES])
def test_rewording_any_trusted_field_gives_the_pages_of_a_full_render(name: str, tmp_path: Path) -> None:
    source, part_size = STORIES[name]
    root = tmp_path / "content"
    shutil.copytree(source, root)
    cases = _cases(root)
    compared, partial = _compare(root, part_size, cases)
    assert compared >= len(cases) // 2 > 0
    assert partial > 0  # the fast path was taken, so the comparison tested it


@pytest.mark.slow
def test_rewording_the_real_story_gives_the_pages_of_a_full_render(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(ROOT / "content", root)
    cases = random.Random(14).sample(_cases(root), 40)
    compared, partial = _compare(root, 300, cases)
    assert compared >= 20 and partial > 0


def test_anything_but_a_trusted_text_edit_renders_every_page(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(SMALL, root)
    rerender = Rerender()
    every = [p for p in _render(root, 300, rerender)[2] if p.endswith(".md")]

    def rendered_after(kind: str, field: str, value: Any) -> list[str]:
        _rewrite(root / f"{kind}.yml", 0, field, value)
        _render(root, 300, rerender)
        return rerender.rendered

    assert rendered_after("events", "title", "A new title") != every  # a text edit: only the pages naming it
    assert rendered_after("events", "tags", []) == every  # not a text field
    assert rendered_after("sources", "title", "A new headline") == every  # citations do not name the source's id
    story = root / "story.yml"
    story.write_text(story.read_text(encoding="utf-8").replace("title:", "title: New", 1), encoding="utf-8")
    _render(root, 300, rerender)
    assert rerender.rendered == every
    template = Path(rerender_module.__file__).parent / "templates" / "glossary.md.j2"
    os.utime(template, ns=(template.stat().st_atime_ns, template.stat().st_mtime_ns + 1))  # as an edit would
    try:
        _render(root, 300, rerender)
        assert rerender.rendered == every  # an edited template: every page again
    finally:
        os.utime(template, ns=(template.stat().st_atime_ns, template.stat().st_mtime_ns - 1))
