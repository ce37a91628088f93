"""The docs folder holds exactly the rendered pages; unchanged files are not touched."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import cli_in_process
from generator.write import MARKER, write_pages


def test_only_changed_pages_are_written_and_stale_pages_removed(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    first = write_pages({"index.md": "a\n", "timeline.md": "b\n", "background/x.md": "c\n"}, out)
    assert sorted(first.written) == ["background/x.md", "index.md", "timeline.md"]
    stamp = (out / "index.md").stat().st_mtime_ns
    second = write_pages({"index.md": "a\n", "timeline.md": "B\n"}, out)
    assert (second.written, second.removed, second.unchanged) == (["timeline.md"], ["background/x.md"], 1)
    assert (out / "index.md").stat().st_mtime_ns == stamp
    assert not (out / "background").exists()
    assert second.summary() == "1 page(s) written, 1 removed, 1 unchanged"


def test_a_folder_the_generator_did_not_make_is_never_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    out.mkdir()
    (out / "notes.md").write_text("mine")
    with pytest.raises(FileExistsError):
        write_pages({"index.md": "a\n"}, out)
    assert (out / "notes.md").read_text() == "mine" and not (out / MARKER).exists()


def test_render_command_reports_what_it_wrote(story, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "docs"
    first = cli_in_process("render", "--content", story.root, "--out", out)
    assert first.returncode == 0 and "0 removed, 0 unchanged" in first.stdout
    again = cli_in_process("render", "--content", story.root, "--out", out)
    assert again.returncode == 0 and "0 page(s) written, 0 removed" in again.stdout
