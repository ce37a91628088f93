"""`python -m generator new DIR`: a new story that checks and builds at once, in a folder of its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from generator.scaffold import schema_path

SCHEMA_LINE = re.compile(r"# yaml-language-server: \$schema=(\S+)\n")


def new_story(folder: Path, *options: str) -> Path:
    result = run_cli("new", folder, *options)
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


def written(folder: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_a_new_story_checks_and_builds_strictly_at_once_with_the_title_given(tmp_path: Path) -> None:
    story = new_story(tmp_path / "my-story", "--title", "Millbrook's library: the Saturday vote")
    result = run_cli("check", "--content", story)
    assert result.returncode == 0, result.stderr
    assert "1 event, 1 quote, 1 actor, 1 source, 1 key point, 1 term, 1 update, 1 background page" \
           in result.stdout  # counted in words, one of each
    assert result.stderr == ""  # not even a warning

    result = run_cli("build", "--content", story, "--site", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    front = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Millbrook&#39;s library: the Saturday vote" in front or "Millbrook's library: the Saturday vote" in front
    assert '<html lang="en"' in front
    assert 'aria-label="Map: Millbrook, Eastford"' in front  # places.yml draws the map
    assert (tmp_path / "site" / "background" / "the-library" / "index.html").is_file()


def test_language_ja_gives_a_japanese_page(tmp_path: Path) -> None:
    story = new_story(tmp_path / "ja-story", "--language", "ja", "--title", "町の図書館")
    assert 'language: "ja"' in (story / "story.yml").read_text(encoding="utf-8")
    result = run_cli("build", "--content", story, "--site", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    front = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ja"' in front
    assert "町の図書館" in front


def test_every_file_starts_with_its_schema_line_pointing_at_the_repositorys_schemas(tmp_path: Path) -> None:
    story = new_story(tmp_path / "story")
    files = sorted(story.rglob("*.yml"))
    assert {p.relative_to(story).as_posix() for p in files} == {
        "story.yml", "events.yml", "quotes.yml", "actors.yml", "sources.yml", "glossary.yml", "places.yml",
        "updates.yml", "key_points.yml", "background/the-library.yml"}
    for path in files:
        text = path.read_text(encoding="utf-8")
        match = SCHEMA_LINE.match(text)
        assert match, f"{path} does not start with its $schema line"
        kind = "background" if path.parent.name == "background" else path.stem
        target = (path.parent / match.group(1)).resolve()
        assert target == (ROOT / "schemas" / f"{kind}.schema.json").resolve()
        assert text.count("\n#") >= 3, f"{path} has no comments teaching its fields"
    assert "Working title: change me in story.yml" in (story / "story.yml").read_text(encoding="utf-8")
    assert (story / "sources" / "council-minutes.txt").is_file()


def test_inside_the_repository_the_schema_path_is_relative_like_the_story_files_own() -> None:
    assert schema_path(ROOT / "content" / "events.yml") == "../schemas"
    assert schema_path(ROOT / "stories" / "my-story" / "events.yml") == "../../schemas"
    assert schema_path(ROOT / "stories" / "my-story" / "background" / "the-library.yml") == "../../../schemas"


def test_it_prints_what_it_wrote_and_the_next_commands(tmp_path: Path) -> None:
    result = run_cli("new", tmp_path / "story")
    assert result.returncode == 0
    assert str(tmp_path / "story" / "events.yml") in result.stdout
    assert f"python3 tasks.py check --content {tmp_path / 'story'}" in result.stdout
    assert f"python3 tasks.py serve --content {tmp_path / 'story'}" in result.stdout
    assert f"python3 tasks.py build --content {tmp_path / 'story'} --site site.story" in result.stdout


def test_a_story_in_stories_is_named_as_the_guide_names_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from generator import scaffold

    monkeypatch.setattr(scaffold, "ROOT", tmp_path)
    folder = tmp_path / "stories" / "library-vote"
    folder.mkdir(parents=True)
    scaffold._report(folder, [])
    out = capsys.readouterr().out
    for command in ("check library-vote", "serve library-vote", "build library-vote"):
        assert f"python3 tasks.py {command}" in out, out
    assert "--content" not in out


def test_an_existing_empty_folder_is_fine(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    new_story(tmp_path / "empty")
    assert run_cli("check", "--content", tmp_path / "empty").returncode == 0


@pytest.mark.parametrize("leftover", ["notes.txt", ".hidden", "story.yml"])
def test_it_refuses_a_folder_that_is_not_empty_and_leaves_it_byte_for_byte_unchanged(
        tmp_path: Path, leftover: str) -> None:
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / leftover).write_bytes(b"the editor's own words\n")
    (folder / "background").mkdir()
    before = written(folder)
    result = run_cli("new", folder)
    assert result.returncode == 2
    assert "not empty" in result.stderr and "nothing was written" in result.stderr
    assert written(folder) == before
    assert set(folder.rglob("*")) == {folder / "background", folder / leftover}


def test_it_refuses_a_file_and_a_bad_language_without_writing_anything(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x")
    result = run_cli("new", tmp_path / "a-file")
    assert result.returncode == 2 and "is a file" in result.stderr
    assert (tmp_path / "a-file").read_text() == "x"

    result = run_cli("new", tmp_path / "story", "--language", "English please")
    assert result.returncode == 2
    assert 'is not a language tag' in result.stderr
    assert not (tmp_path / "story").exists()

    result = run_cli("new", tmp_path / "story", "--title", "   ")
    assert result.returncode == 2 and "--title" in result.stderr
    assert not (tmp_path / "story").exists()


def test_the_example_is_neutral(tmp_path: Path) -> None:
    story = new_story(tmp_path / "story")
    for path, data in written(story).items():
        text = data.decode("utf-8")
        for word in ("Takaichi", "Taiwan", "Japan", "China"):
            assert word.lower() not in text.lower(), f"{path.name} mentions {word}"
