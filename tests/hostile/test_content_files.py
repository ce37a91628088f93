"""Only files inside the content folder are published, and background file names become
addresses, so they follow the id rules; files editors' programs leave behind are ignored."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import StoryTree, check_errors, cli_in_process


def _link(link: Path, target: Path) -> None:
    os.symlink(target, link)


def test_a_background_file_linked_from_outside_the_content_folder_is_refused(story: StoryTree,
                                                                            tmp_path: Path) -> None:
    secret = tmp_path / "secret.yml"
    secret.write_text((story.root / "background" / "the-harbour.yml").read_text())
    _link(story.root / "background" / "secret.yml", secret)
    assert check_errors(story.root) == [
        "content/background/secret.yml:1:1: this file is a link to somewhere outside the content folder",
        "  hint: replace the link with a real file inside the content folder",
    ]


def test_a_background_folder_linked_from_outside_is_refused(story: StoryTree, tmp_path: Path) -> None:
    (story.root / "background").rename(tmp_path / "elsewhere")
    _link(story.root / "background", tmp_path / "elsewhere")
    assert check_errors(story.root)[0] == (
        "content/background:1:1: this folder is a link to somewhere outside the content folder")


def test_a_background_file_linked_to_a_private_source_text_is_refused(story: StoryTree) -> None:
    _link(story.root / "background" / "leak.yml", Path("..") / "sources" / "minutes.txt")
    assert check_errors(story.root)[0] == (
        "content/background/leak.yml:1:1: this file is a link into the sources folder, whose texts are never published")


def test_a_collection_file_linked_from_outside_is_refused_without_cascading_errors(story: StoryTree,
                                                                                 tmp_path: Path) -> None:
    (story.root / "sources.yml").rename(tmp_path / "sources.yml")
    _link(story.root / "sources.yml", tmp_path / "sources.yml")
    errors = check_errors(story.root)
    assert errors == ["content/sources.yml:1:1: this file is a link to somewhere outside the content folder",
                      "  hint: replace the link with a real file inside the content folder"]


@pytest.mark.parametrize(("name", "suggestion"), [("..yml", "page-name"), (".draft.yml", "draft"),
                                                  ("Evil Name.yml", "evil-name"), ('a"b.yml', "a-b")])
def test_a_background_file_name_that_cannot_be_an_address_is_reported(story: StoryTree, name: str,
                                                                      suggestion: str) -> None:
    (story.root / "background" / name).write_text((story.root / "background" / "the-harbour.yml").read_text())
    assert check_errors(story.root) == [
        f'content/background/{name}:1:1: the file name "{name}" cannot become a web address',
        f"  hint: rename it {suggestion}.yml: lowercase letters, digits and hyphens; the page will be "
        f"/background/{suggestion}/ (to keep a draft unpublished, move it out of the content folder)",
    ]


def test_files_editors_programs_leave_behind_are_ignored(story: StoryTree) -> None:
    bg = story.root / "background"
    _link(bg / ".#harbour.yml", Path("editor@host.1234"))  # Emacs' lock: a link to nowhere
    (bg / "harbour.yml~").write_text("title: [backup")
    (bg / ".harbour.yml.swp").write_bytes(b"\x00vim swap")
    (bg / "~$harbour.yml").write_bytes(b"\x00office lock")
    (story.root / ".#events.yml").write_text("not yaml: [")
    result = cli_in_process("check", "--content", story.root)
    assert result.returncode == 0, result.stderr
