"""A source whose link is a reprint (an agency's story on a partner's site) can name the public
original in `reprint_of`: both are linked wherever the source is cited, and the reprint says it
is one. The original's address is checked like every other link."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, StoryTree, check_errors, check_in_process
from generator.pipeline import render

REPRINT = "https://example.org/herald/wire/bridge-vote"
ORIGINAL = "https://example.net/wire/bridge-vote"
ORIGINAL_LINK = f"([original<span class=\"visually-hidden\"> at Northwind Wire</span>]({ORIGINAL}))"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render(FIXTURES / "reader_story")[1]


def test_the_sources_page_marks_the_reprint_and_links_the_original(pages: dict[str, str]) -> None:
    entry = pages["sources.md"].split("{ #eastport-wire-copy }")[1].split("\n### ")[0]
    assert f"Reprint: <{REPRINT}>" in entry
    assert f"Original, Northwind Wire: <{ORIGINAL}>\n{{: .source-url .source-original" in entry
    other = pages["sources.md"].split("{ #council-minutes }")[1]
    assert "Reprint:" not in other and "Original," not in other


def test_a_citation_of_a_reprint_says_so_and_links_the_original_beside_it(pages: dict[str, str]) -> None:
    cite = next(line for line in pages["timeline.md"].splitlines() if REPRINT in line)
    assert (f"[Northwind Wire \\(via Eastport Herald\\), 5 March 2026<span class=\"visually-hidden\"> — Eastport "
            f"mayor says the bridge vote broke the agreement, a reprint</span>]({REPRINT}) {ORIGINAL_LINK}") in cite
    # the other source in the same citation is not a reprint and gets neither mark
    assert "responds to the bridge vote</span>](sources.md#eastport-statement), [Northwind" in cite


def test_the_key_exchange_names_a_reprinted_source_as_one(pages: dict[str, str]) -> None:
    line = next(line for line in pages["index.md"].splitlines() if REPRINT in line)
    assert line.startswith(f"Source: [Northwind Wire \\(via Eastport Herald\\)<span class=\"visually-hidden\"> — "
                           f"a reprint</span>]({REPRINT}) {ORIGINAL_LINK} · ")
    assert "Source: [Riverton council](https://example.org/minutes)\n" in pages["index.md"]


def test_the_original_is_published_in_the_story_export(pages: dict[str, str]) -> None:
    import json

    sources = {s["id"]: s for s in json.loads(pages["story.json"])["sources"]}
    assert sources["eastport-wire-copy"]["reprint_of"] == {"publisher": "Northwind Wire", "url": ORIGINAL}
    assert sources["council-minutes"]["reprint_of"] is None


def _with_original(story: StoryTree, url: str, publisher: str = "Northwind Wire") -> None:
    lines = [f"  publisher: {publisher}\n" if publisher else "", f"  url: {url}\n" if url else ""]
    story.replace("sources.yml", "  kind: document\n", "  kind: document\n  reprint_of:\n  " + "  ".join(lines))


def test_an_original_that_is_not_a_web_address_is_reported_at_its_line(story: StoryTree) -> None:
    _with_original(story, "www.example.net/wire")
    assert check_errors(story.root) == [
        'content/sources.yml:9:10: source "council-minutes": reprint_of.url "www.example.net/wire" is not a web '
        "address",
        "  hint: copy the address from the browser: it starts with https:// (or http://)"]


def test_an_original_with_another_scheme_is_never_made_a_link(story: StoryTree) -> None:
    _with_original(story, "javascript:alert(1)")
    assert 'reprint_of.url "javascript:alert(1)" is not a web address' in check_errors(story.root)[0]


def test_an_original_without_its_publisher_is_reported(story: StoryTree) -> None:
    _with_original(story, "https://example.net/wire", publisher="")
    assert check_errors(story.root) == [
        'content/sources.yml:8:7: source "council-minutes": required field "publisher" is missing',
        "  hint: add a line  publisher: ...  to this entry"]


def test_an_http_original_is_a_warning_at_its_line(story: StoryTree) -> None:
    _with_original(story, "http://example.net/wire")
    result = check_in_process(story.root)
    assert result.returncode == 0, result.stderr
    assert ('content/sources.yml:9:10: warning: source "council-minutes": reprint_of.url starts with http://, '
            "not https://") in result.stderr


def test_the_fixture_with_a_reprint_is_valid(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(FIXTURES / "reader_story", root)
    result = check_in_process(root)
    assert result.returncode == 0, result.stderr
