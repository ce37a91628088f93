"""`build --site` and `render --out` replace only folders the generator made.

A slip such as `--site content` or `--site .` used to delete the story or the whole repository.
Now each refuses, with exit 2 and a message, before anything is touched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, SMALL, run_cli

from .conftest import snapshot


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A newsroom's repository in miniature: settings, history, the story, code and notes."""
    root = tmp_path / "newsroom" / "repo"
    root.mkdir(parents=True)
    # a config that really builds (theme and hook from this repository), so a wrong target would be hit
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("- generator/mkdocs_hook.py", f"- {ROOT / 'generator' / 'mkdocs_hook.py'}")
    (root / "mkdocs.yml").write_text(config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}"))
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    shutil.copytree(SMALL, root / "content")
    (root / "generator").mkdir()
    (root / "generator" / "code.py").write_text("print('the code')\n")
    (root / "notes").mkdir()
    (root / "notes" / "draft.txt").write_text("an editor's notes\n")
    (root / "other-repo").mkdir()
    (root / "other-repo" / ".git").mkdir()
    (root / "settings").mkdir()
    (root / "settings" / "mkdocs.yml").write_text("site_name: x\n")
    (root / "story-copy").mkdir()
    (root / "story-copy" / "story.yml").write_text("title: x\n")
    (root / "a-file.txt").write_text("text\n")
    return root


REFUSED = {
    "content": "holds the story's content",
    "content/background": "holds the story's content",
    ".": "holds the project",
    "..": "holds the project",
    "../..": "holds the project",
    "notes": "not empty and was not made by the generator",
    "generator": "not empty and was not made by the generator",
    "other-repo": "holds .git",
    "settings": "holds mkdocs.yml",
    "story-copy": "holds story.yml",
    "a-file.txt": "is a file, not a folder",
    ".git/site": "inside the repository's history",
}


def _build(project: Path, site: str):  # noqa: ANN202 - a CompletedProcess
    return run_cli("build", "--content", project / "content", "--config", project / "mkdocs.yml",
                   "--site", project / site)


@pytest.mark.parametrize("site", sorted(REFUSED))
def test_build_refuses_a_folder_it_did_not_make_and_touches_nothing(project: Path, site: str) -> None:
    before = snapshot(project.parent)
    result = _build(project, site)
    assert result.returncode == 2, result.stdout + result.stderr
    assert REFUSED[site] in result.stderr and "nothing was touched" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project.parent) == before


@pytest.mark.parametrize("site", sorted(REFUSED))
def test_build_all_refuses_a_folder_it_did_not_make_and_touches_nothing(project: Path, site: str) -> None:
    before = snapshot(project.parent)
    result = run_cli("build-all", "--config", project / "mkdocs.yml", "--site", project / site, cwd=project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert REFUSED[site] in result.stderr and "nothing was touched" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project.parent) == before


@pytest.mark.parametrize("out", ["content", ".", "notes", "settings"])
def test_render_refuses_a_folder_it_did_not_make_and_touches_nothing(project: Path, out: str) -> None:
    before = snapshot(project.parent)
    result = run_cli("render", "--content", project / "content", "--out", project / out, cwd=project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "nothing was touched" in result.stderr
    assert snapshot(project.parent) == before


def test_build_fills_an_empty_folder_marks_it_and_replaces_it_next_time(tmp_path: Path) -> None:
    site = tmp_path / "empty"
    site.mkdir()
    first = run_cli("build", "--content", SMALL, "--site", site)
    assert first.returncode == 0, first.stderr
    assert (site / ".story-explainer-site").is_file()
    (site / "stale.html").write_text("from an old build")
    second = run_cli("build", "--content", SMALL, "--site", site)
    assert second.returncode == 0, second.stderr
    assert not (site / "stale.html").exists()


def test_build_replaces_a_site_an_earlier_version_built_without_the_marker(tmp_path: Path) -> None:
    old = tmp_path / "site"
    old.mkdir()
    for name in ("index.html", "story.json", "story.schema.json"):
        (old / name).write_text("{}")
    result = run_cli("build", "--content", SMALL, "--site", old)
    assert result.returncode == 0, result.stderr
    assert (old / ".story-explainer-site").is_file()
