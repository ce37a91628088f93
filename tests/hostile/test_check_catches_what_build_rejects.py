"""`check` reports, at the YAML line and in an editor's words, everything the build would
reject or publish wrongly: links the site cannot follow, dates in the future, http:// sources,
and it names files so that GitHub can attach the annotation to them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import SMALL, StoryTree, check_errors, cli_in_process
from generator.templating import _safe_url
from generator.text import rich




@pytest.mark.parametrize("target", ["www.example.com/x", "/\\/evil.example/x", "/timeline/", "../people/",
                                    "//evil.example/x", "https:\\\\evil.example"])
def test_a_link_the_site_cannot_follow_is_reported_at_its_yaml_line(story: StoryTree, target: str) -> None:
    story.replace("events.yml", "summary: The council voted", f"summary: See [the vote]({target}). The council voted")
    errors = check_errors(story.root)
    assert errors[0] == (f'content/events.yml:4:12: event "council-vote": summary has a link to "{target}", '
                         "which is not a web address")
    assert errors[1].startswith("  hint: write the whole address, starting with https://")
    assert not any(".md" in line for line in errors), "no message may name a generated file"


def test_web_mail_and_same_page_links_pass(story: StoryTree) -> None:
    story.replace("events.yml", "summary: The council voted",
             "summary: See [minutes](https://example.org/m), [mail](mailto:desk@example.org) and [below](#eastport). "
             "The council voted")
    assert cli_in_process("check", "--content", story.root).returncode == 0


def test_a_protocol_relative_link_never_reaches_the_page() -> None:
    for text in ["[m](/\\/host/x)", "[m](//host/x)", "[m](\\\\host/x)"]:
        assert 'href="' not in rich(text) and "](" not in str(rich(text)).replace("\\](", ""), text


def test_a_source_url_keeps_its_backticks() -> None:
    assert str(_safe_url("https://example.org/a`b`c")) == "https://example.org/a%60b%60c"


@pytest.mark.parametrize(("name", "old", "new", "entry", "field"), [
    ("events.yml", 'date: "2026-03-03"', 'date: "2027-03-03"', 'event "council-vote"', 'date "2027-03-03"'),
    ("quotes.yml", 'said_on: "2026-03-03"', 'said_on: "2027-03"', 'quote "lee-proud"', 'said_on "2027-03"'),
    ("updates.yml", 'date: "2026-03-10"', 'date: "2027-01-10"', "update 1", 'date "2027-01-10"'),
    ("story.yml", 'published: "2026-03-10"', 'published: "2027-03-10"', "story", 'published "2027-03-10"'),
    ("sources.yml", 'published: "2026-03-04"', 'published: "2031"', 'source "council-minutes"', 'published "2031"'),
])
def test_a_date_after_today_is_reported(story: StoryTree, monkeypatch: pytest.MonkeyPatch, name: str, old: str,
                                        new: str, entry: str, field: str) -> None:
    monkeypatch.setenv("STORY_AS_OF", "2026-12-01")
    story.replace(name, old, new)
    errors = [line for line in check_errors(story.root) if "after today" in line]
    assert len(errors) == 1 and f": {entry}: {field} is after today (2026-12-01)" in errors[0], errors


def test_a_story_prepared_ahead_is_checked_as_of_its_publication_day(story: StoryTree) -> None:
    story.replace("updates.yml", 'date: "2026-03-10"', 'date: "2031-01-10"')
    assert cli_in_process("check", "--content", story.root).returncode == 1
    assert cli_in_process("check", "--content", story.root, "--as-of", "2031-01-10").returncode == 0


def test_an_http_source_is_a_warning_and_the_story_still_checks(story: StoryTree) -> None:
    story.replace("sources.yml", "url: https://example.org/minutes", "url: http://example.org/minutes")
    result = cli_in_process("check", "--content", story.root, cwd=story.root.parent)
    assert result.returncode == 0, result.stderr
    assert ('content/sources.yml:4:8: warning: source "council-minutes": url starts with http://, not https://'
            in result.stderr)
    github = cli_in_process("check", "--content", story.root, "--format", "github", cwd=story.root.parent)
    assert "::warning file=content/sources.yml,line=4,col=8::" in github.stdout


def test_messages_and_annotations_name_the_file_from_the_repository_root(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    content = repo / "stories" / "bridge" / "content"
    shutil.copytree(SMALL, content)
    minutes = content / "quotes.yml"
    minutes.write_text(minutes.read_text(encoding="utf-8").replace("speaker: mayor-diaz", "speaker: mayor-dias"))
    env_cwd = repo
    result = cli_in_process("check", "--content", "stories/bridge/content", "--format", "github", cwd=env_cwd)
    assert "::error file=stories/bridge/content/quotes.yml,line=" in result.stdout, result.stdout
    text = cli_in_process("check", "--content", os.fspath(content), cwd=env_cwd)
    assert text.stderr.startswith("stories/bridge/content/quotes.yml:"), text.stderr


def test_a_quote_dated_far_from_its_event_is_a_warning(story: StoryTree) -> None:
    story.replace("quotes.yml", 'said_on: "2026-03-03"', 'said_on: "2026-09-03"')
    result = cli_in_process("check", "--content", story.root, cwd=story.root.parent)
    assert result.returncode == 0, result.stderr
    assert ('content/quotes.yml:5:12: warning: quote "lee-proud": said_on "2026-09-03" is 184 days from its event '
            '"council-vote" (2026-03-03)') in result.stderr


def test_a_quote_a_day_after_its_event_is_not_a_warning(story: StoryTree) -> None:
    story.replace("quotes.yml", 'said_on: "2026-03-03"', 'said_on: "2026-03-04"')
    assert "warning" not in cli_in_process("check", "--content", story.root).stderr
