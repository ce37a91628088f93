"""Many stories in one repository (generator/stories.py): which folders are stories, the folders
each gets, story names in tasks.py, the hook's story selection, and the escaped index page."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import MINIMAL, ROOT, SMALL

from generator.stories import DEFAULT, Story, StoryError, all_stories, find, story_at


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(SMALL, tmp_path / "content")
    for name in ("second", "a-third"):
        shutil.copytree(MINIMAL, tmp_path / "stories" / name)
    (tmp_path / "stories" / "notes").mkdir()  # no story.yml: not a story
    return tmp_path


def test_the_stories_are_content_then_every_stories_folder_with_a_story_yml(repo: Path) -> None:
    assert all_stories(repo) == [Story("content", Path("content")), Story("a-third", Path("stories/a-third")),
                                 Story("second", Path("stories/second"))]
    shutil.rmtree(repo / "content")
    assert [s.name for s in all_stories(repo)] == ["a-third", "second"]


def test_each_story_has_folders_of_its_own(repo: Path) -> None:
    default, second = find(DEFAULT, repo), find("second", repo)
    assert (default.docs, default.site) == (Path("generated_docs/content"), Path("site"))  # site/ as before
    assert (second.docs, second.site) == (Path("generated_docs/second"), Path("site.second"))
    assert story_at(repo / "stories" / "second", repo) == second
    assert story_at(repo / "content", repo) == default
    one, other = story_at(repo / "a" / "draft", repo), story_at(repo / "b" / "draft", repo)
    assert one.name.startswith("draft-") and other.name.startswith("draft-") and one.name != other.name
    assert len({one.docs, other.docs, default.docs, second.docs}) == 4


def test_a_story_name_that_is_not_a_web_address_or_is_taken_is_refused_with_a_hint(repo: Path) -> None:
    shutil.copytree(MINIMAL, repo / "stories" / "My Story")
    with pytest.raises(StoryError, match=r"stories/My Story/: .* e\.g\. stories/my-story/"):
        all_stories(repo)
    shutil.rmtree(repo / "stories" / "My Story")
    shutil.copytree(MINIMAL, repo / "stories" / "content")
    with pytest.raises(StoryError, match="the name of the default story"):
        all_stories(repo)


def test_an_unknown_name_lists_the_stories_and_suggests_the_closest(repo: Path) -> None:
    with pytest.raises(StoryError, match=r'no story named "secnod": did you mean "second"\? the stories are '
                                         r"content, a-third, second"):
        find("secnod", repo)


def _tasks() -> object:
    spec = importlib.util.spec_from_file_location("tasks_under_test", ROOT / "tasks.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_tasks_py_turns_a_story_name_into_its_content_folder(capsys: pytest.CaptureFixture[str]) -> None:
    tasks = _tasks()
    option = tasks.story_option  # type: ignore[attr-defined]
    assert option("build", ["content", "--site", "x"]) == ["--content", "content", "--site", "x"]
    assert option("check", ["--format", "github"]) == ["--format", "github"]  # no name: the default story
    assert option("serve", ["content", "-a", "127.0.0.1:8001"]) == ["--content", "content", "-a", "127.0.0.1:8001"]
    assert option("linkcheck", ["site"]) == ["site"]  # not a story's name: a site folder, as before
    assert option("linkcheck", ["content"]) == ["--content", "content"]
    assert option("new", ["stories/x"]) == ["stories/x"]
    # the name may come after the options, as the guide's `check --as-of DAY` invites
    assert option("check", ["--as-of", "2027-01-15", "content"]) == ["--content", "content", "--as-of", "2027-01-15"]
    assert option("build", ["--site", "out", "content", "--engine", "mkdocs"]) == [
        "--content", "content", "--site", "out", "--engine", "mkdocs"]
    assert option("check", ["--as-of", "2027-01-15"]) == ["--as-of", "2027-01-15"]  # the value is no story name
    with pytest.raises(SystemExit) as info:
        option("build", ["no-such-story"])
    assert info.value.code == 2
    assert 'no story named "no-such-story"' in capsys.readouterr().err


def hook_config(root: Path) -> SimpleNamespace:
    return SimpleNamespace(config_file_path=str(root / "mkdocs.yml"), docs_dir=str(root / "generated_docs"),
                           watch=[str(root / "generator"), str(root / "overrides")])


class Server:
    def __init__(self) -> None:
        self.unwatched: list[str] = []

    def unwatch(self, path: str) -> None:
        self.unwatched.append(path)


def test_serve_watches_the_story_being_served_and_renders_into_its_own_folder(repo: Path, monkeypatch) -> None:
    from generator import mkdocs_hook

    monkeypatch.delenv("STORY_DOCS_DIR", raising=False)
    monkeypatch.setenv("STORY_CONTENT", str(repo / "stories" / "second"))
    config = hook_config(repo)
    assert mkdocs_hook.story_folders(config) == (repo / "stories" / "second", repo / "generated_docs" / "second")
    mkdocs_hook.on_serve(Server(), config)
    assert str((repo / "stories" / "second").resolve()) in config.watch
    assert not any(Path(w).name == "content" for w in config.watch)

    monkeypatch.delenv("STORY_CONTENT")  # plain `mkdocs serve`: the default story
    config = hook_config(repo)
    assert mkdocs_hook.story_folders(config) == (repo / "content", repo / "generated_docs" / "content")
    mkdocs_hook.on_serve(Server(), config)
    assert str((repo / "content").resolve()) in config.watch and len(config.watch) == 3


def test_the_real_config_watches_the_code_and_the_story_but_not_always_content(monkeypatch) -> None:
    """mkdocs.yml as MkDocs loads it, then the hook: the served story is watched, content/ only when served."""
    from mkdocs.config import load_config

    from generator import mkdocs_hook

    monkeypatch.setenv("STORY_CONTENT", str(SMALL))
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert sorted(Path(w).name for w in config.watch) == ["generator", "overrides"]
    mkdocs_hook.on_serve(Server(), config)
    assert str(SMALL.resolve()) in config.watch
    assert str((ROOT / "content").resolve()) not in config.watch


def test_the_index_page_shows_editors_text_as_text_and_asks_no_other_host() -> None:
    from generator.newsroom import Entry, page

    hostile = Entry("bad", '<img src=x onerror="alert(1)">&amp; <script>alert(2)</script>',
                    "A dek with <b>bold</b> & \"quotes\"", "ja", "2026-02-03")
    html = page([hostile, Entry("plain", "Plain title", "Plain dek", "en-GB", "2026-01-05")], title="<i>News</i>")
    assert "<img" not in html and "<script" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;\u2060img src=x onerror=&#34;alert(1)&#34;&gt;" in html  # shown as typed, inert
    assert '<html lang="en">' in html
    assert '<h2 id="story-bad" lang="ja"><a href="bad/" hreflang="ja">' in html
    assert '<time datetime="2026-02-03">3 February 2026</time> · Japanese' in html
    assert "English (United Kingdom)" in html
    assert "http" not in html.replace("http-equiv", "") and "<script" not in html and "<link" not in html
    assert html.count("<li>") == 2 and html.index("bad/") < html.index("plain/")  # order as given


def test_the_index_page_speaks_its_own_language() -> None:
    """The index page's labels and dates come from the locale tables, like the stories' pages."""
    from generator.newsroom import Entry, page

    stories = [Entry("takaichi", "高市首相の答弁", "台湾有事をめぐる発言", "ja", "2026-11-21"),
               Entry("bridge", "The bridge", "A vote", "en", "2026-03-10")]
    html = page(stories, language="ja")
    assert '<html lang="ja">' in html and "<title>解説</title>" in html
    assert "解説2本。更新の新しい順。" in html
    assert '更新 <time datetime="2026-11-21">2026年11月21日</time> · 日本語' in html
    assert "Updated" not in html and "explainers" not in html
    english = page(stories[1:])
    assert "1 explainer, the most recently updated first." in english and "<title>Explainers</title>" in english
    assert "No explainer has been published yet." in page([])
    assert page([], language="xx").startswith('<!doctype html>\n<html lang="en">')  # no table: English


def test_python_dash_m_generator_without_the_projects_packages_says_what_to_run() -> None:
    """An editor who types `python -m generator check` with the system's Python (no Babel, no
    Jinja) gets the command to use instead, not a traceback."""
    blocked = ("import runpy, sys; sys.modules['babel'] = None; sys.argv = ['generator', 'check'];"
               "runpy.run_module('generator', run_name='__main__')")
    result = subprocess.run([sys.executable, "-c", blocked], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "the package 'babel' is not installed" in result.stderr
    assert ".venv/bin/python -m generator" in result.stderr
