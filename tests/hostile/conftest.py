"""Fixtures for the hostile-input suite: content trees to break, and built sites to inspect.

Sites are built once per session (a build takes seconds); error cases are cheap because a
build with content errors stops before the site engine runs."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from conftest import SMALL, run_cli
from generator.errors import ContentErrors
from generator.pipeline import check, render

from .hostile_content import write_hostile_story


def snapshot(site: Path) -> dict[str, str]:
    """Every file under site, by relative path, with the SHA-256 of its bytes (and every folder)."""
    out = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        out[rel] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "<dir>"
    return out


def api_errors(root: Path) -> list[str]:
    """The lines an editor would read for this content folder, through the Python API.
    Fails the test if the content is accepted or anything but ContentErrors is raised."""
    try:
        check(root)
    except ContentErrors as exc:
        return "\n".join(e.format() for e in exc.errors).splitlines()
    raise AssertionError(f"{root} was accepted, but errors were expected")


def renders(root: Path) -> dict[str, str]:
    """The rendered pages of a folder that must be valid."""
    _, pages = render(root)
    return pages


def build(content: Path, site: Path):
    result = run_cli("build", "--content", content, "--site", site)
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture(scope="session")
def good_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture story, built once: the "last good site" error cases must not touch."""
    base = tmp_path_factory.mktemp("good")
    content = base / "content"
    shutil.copytree(SMALL, content)
    site = base / "site"
    result = build(content, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile story (every text field carries markup, scripts, template syntax...), built once."""
    base = tmp_path_factory.mktemp("hostile")
    content = base / "content"
    write_hostile_story(content)
    site = base / "site"
    result = build(content, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site
