"""Two stories in one repository build side by side without touching each other's files; build-all
puts every story under site/NAME/ with an index page; --content works for check, build, linkcheck."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from conftest import MINIMAL, ROOT, SMALL, run_cli

HOSTILE_TITLE = '<img src=x onerror="alert(1)"> Second story'


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    """A repository with the default story (content/) and stories/second/, built with this
    repository's theme and hook."""
    root = tmp_path / "repo"
    root.mkdir()
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("- generator/mkdocs_hook.py", f"- {ROOT / 'generator' / 'mkdocs_hook.py'}")
    config = config.replace("\n  - generator\n  - overrides\n", f"\n  - {ROOT / 'generator'}\n  - {ROOT / 'overrides'}\n")
    (root / "mkdocs.yml").write_text(config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}"))
    (root / "generated_docs").mkdir()
    shutil.copytree(SMALL, root / "content")
    second = root / "stories" / "second"
    shutil.copytree(MINIMAL, second)
    story = (second / "story.yml").read_text(encoding="utf-8").replace("title: A minimal story",
                                                                        f"title: '{HOSTILE_TITLE}'")
    story += ("language: ja\nsite_url: https://news.example.org/explainers/second/\n"
              "edit_base: https://github.com/news/explainers/edit/main/stories/second/\n")
    (second / "story.yml").write_text(story, encoding="utf-8")
    return root


def hashes(*folders: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in folders for p in sorted(folder.rglob("*")) if p.is_file()}


def cli(root: Path, *args: str | Path):  # noqa: ANN201 - a CompletedProcess
    result = run_cli(*args, "--config", root / "mkdocs.yml", cwd=root) if args[0] in ("build", "build-all") \
        else run_cli(*args, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_two_stories_build_side_by_side_without_touching_each_others_files(newsroom: Path) -> None:
    cli(newsroom, "build")  # the default story, into site/ as before
    cli(newsroom, "render")  # and its preview pages, into generated_docs/content/
    first = hashes(newsroom / "site", newsroom / "generated_docs" / "content")
    assert any(name.endswith("site/timeline/index.html") for name in first)
    assert any(name.endswith("generated_docs/content/timeline.md") for name in first)

    built = cli(newsroom, "build", "--content", "stories/second")
    cli(newsroom, "render", "--content", "stories/second")
    assert "into site.second" in built.stdout
    assert hashes(newsroom / "site", newsroom / "generated_docs" / "content") == first
    assert (newsroom / "site.second" / "index.html").is_file()
    assert (newsroom / "generated_docs" / "second" / "index.md").is_file()

    second = hashes(newsroom / "site.second", newsroom / "generated_docs" / "second")
    cli(newsroom, "build")  # and the other way round
    cli(newsroom, "render")
    assert hashes(newsroom / "site.second", newsroom / "generated_docs" / "second") == second

    front = (newsroom / "site.second" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ja"' in front
    assert 'href="https://github.com/news/explainers/edit/main/stories/second/story.yml"' in front  # its edit_base
    assert '<link rel="canonical" href="https://news.example.org/explainers/second/">' in front  # its site_url
    assert "<img src=x" not in front


def test_check_build_and_linkcheck_take_the_story_with_content(newsroom: Path) -> None:
    checked = cli(newsroom, "check", "--content", "stories/second")
    assert checked.stdout.startswith("stories/second is valid: 0 events")
    cli(newsroom, "build", "--content", "stories/second")
    linked = cli(newsroom, "linkcheck", "--content", "stories/second")
    assert "in 2 pages checked: 0 broken" in linked.stdout  # site.second: its front page and 404 page
    page = newsroom / "site.second" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", '<a href="nowhere/">x</a></body>'))
    broken = run_cli("linkcheck", "--content", "stories/second", cwd=newsroom)
    assert broken.returncode == 1 and "index.html: nowhere/: no such file in the site" in broken.stdout
    assert not (newsroom / "site").exists()  # the default story's site was never made

    (newsroom / "stories" / "second" / "story.yml").write_text("title: x\n", encoding="utf-8")
    failed = run_cli("check", "--content", "stories/second", cwd=newsroom)
    assert failed.returncode == 1 and "stories/second/story.yml:1:1: " in failed.stderr


def test_build_all_puts_every_story_under_its_name_with_an_index_page(newsroom: Path) -> None:
    result = cli(newsroom, "build-all")
    assert "Built 2 stories into site (content/, second/ and index.html)" in result.stdout
    site = newsroom / "site"
    assert (site / "content" / "timeline" / "index.html").is_file()
    assert (site / "second" / "index.html").is_file()
    index = (site / "index.html").read_text(encoding="utf-8")
    assert index.index('href="content/"') < index.index('href="second/"')  # updated 12 March, then 5 January 2026
    assert "The harbour bridge dispute" in index and "A city council vote on a new bridge split two towns." in index
    assert '<time datetime="2026-03-12">12 March 2026</time> · English' in index
    assert '<a href="second/" hreflang="ja">&lt;\u2060img src=x onerror=&#34;alert(1)&#34;&gt; Second story</a>' \
        in index
    assert "Japanese" in index and "<img" not in index
    assert cli(newsroom, "linkcheck", "site").stdout.endswith("checked: 0 broken\n")

    before = hashes(site)  # a failing story leaves the whole site as it was
    events = newsroom / "content" / "events.yml"
    events.write_text(events.read_text(encoding="utf-8") + "- id: Bad Id\n", encoding="utf-8")
    failed = run_cli("build-all", "--config", newsroom / "mkdocs.yml", cwd=newsroom)
    assert failed.returncode == 1 and "content/events.yml:" in failed.stderr and "nothing was built" in failed.stderr
    assert hashes(site) == before
