"""Shared fixtures: throwaway content trees and the generator's command line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from textwrap import dedent

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SMALL = FIXTURES / "small_story"
MINIMAL = FIXTURES / "minimal_story"

# Drawn map coastlines are cached between builds (generator/map.py); the tests keep theirs in a
# folder of their own, never the user's cache, and start it empty.
if "STORY_CACHE_DIR" not in os.environ:
    import tempfile

    os.environ["STORY_CACHE_DIR"] = tempfile.mkdtemp(prefix="story-test-cache-")


class StoryTree:
    """A content folder in tmp_path, copied from a fixture and edited per test."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def write_bytes(self, name: str, data: bytes) -> Path:
        path = self.root / name
        path.write_bytes(data)
        return path

    def remove(self, name: str) -> None:
        (self.root / name).unlink()

    def replace(self, name: str, old: str, new: str) -> None:
        """Change the first `old` in a file to `new` (the fixture must still contain `old`)."""
        path = self.root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture changed: {old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def content_errors(story: StoryTree) -> list[str]:
    """Formatted errors from the Python API (the command line prints the same lines)."""
    from generator.errors import ContentErrors
    from generator.pipeline import check

    with pytest.raises(ContentErrors) as info:
        check(story.root)
    return [e.format() for e in info.value.errors]


@pytest.fixture
def story(tmp_path: Path) -> StoryTree:
    """A copy of the small fixture story, named content/ so errors read content/FILE.yml."""
    root = tmp_path / "content"
    shutil.copytree(SMALL, root)
    return StoryTree(root)


@pytest.fixture
def minimal(tmp_path: Path) -> StoryTree:
    root = tmp_path / "content"
    shutil.copytree(MINIMAL, root)
    return StoryTree(root)


def run_cli(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run `python -m generator ...` as an editor or CI would."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def check_errors(root: Path) -> list[str]:
    """The error lines `check` prints for a content folder (hints included), run from the folder
    above it as an editor would. In this process: the command is the same function, and the
    everyday test loop does not pay for starting Python hundreds of times."""
    result = check_in_process(root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr.splitlines()[:-1]


def check_in_process(root: Path, *more: str) -> subprocess.CompletedProcess[str]:
    """`check` on a content folder, run from the folder above it, in this process."""
    return cli_in_process("check", "--content", root, *more, cwd=root.parent)


def cli_in_process(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """What `python -m generator ...` (run_cli) gives, from the same function in this process: the
    everyday loop does not pay 0.3-0.5 s of Python start-up and imports per command. A traceback
    is printed to stderr with exit code 99, so a test that forbids one still sees it. The real
    entry point keeps its own tests (run_cli in test_validation.py, and every build test)."""
    import contextlib
    import io

    from generator import cli

    out, err = io.StringIO(), io.StringIO()
    here = Path.cwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main([str(a) for a in args])
            except SystemExit as exc:  # argparse: a usage error
                code = exc.code if isinstance(exc.code, int) else 1
            except Exception:  # noqa: BLE001 - an editor would see a traceback: make the test see it too
                import traceback

                traceback.print_exc(file=err)
                code = 99
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess(["generator", *map(str, args)], code, out.getvalue(), err.getvalue())


# Markers for the everyday loop (`python3 tasks.py test --fast` skips browser, build and slow);
# CI runs everything. A module is marked here, in one place, by what most of its tests do.
BUILD_MODULES = {"test_build", "test_engines", "test_reproducible", "test_edit_links", "test_linkcheck",
                 "test_exports", "test_story_content", "test_scale", "test_live_preview", "test_workflow",
                 "test_atomic_build", "test_build_targets", "test_text_is_literal", "test_golden", "test_new_story",
                 "test_many_stories"}
SLOW_MODULES = {"test_fuzz", "test_schemas", "test_limits"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        path = Path(str(item.fspath))
        if "browser" in path.parts:
            item.add_marker(pytest.mark.browser)
        elif path.stem in BUILD_MODULES:
            item.add_marker(pytest.mark.build)
        elif path.stem in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
