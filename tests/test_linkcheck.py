"""No broken links: every internal link and #anchor in the built HTML resolves."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest
from conftest import FIXTURES, ROOT, SMALL, run_cli

from generator.linkcheck import check_site


def page(site: Path, rel: str, body: str) -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><body>{dedent(body)}</body></html>", encoding="utf-8")


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    page(site, "index.html", '<h1 id="top">Home</h1><a href="timeline/#council-vote">vote</a>'
                             '<a href="https://example.com/elsewhere#nowhere">out</a><a href="#top">up</a>')
    page(site, "timeline/index.html", '<h2 id="council-vote">Vote</h2><a href="../">home</a>'
                                      '<img src="../assets/logo.png"><a href="../feed.xml">feed</a>')
    (site / "assets").mkdir()
    (site / "assets" / "logo.png").write_bytes(b"png")
    (site / "feed.xml").write_text("<feed/>")
    return site


def test_a_site_whose_links_all_resolve_passes(tiny: Path) -> None:
    checked, broken = check_site(tiny)
    assert broken == []
    assert checked == 5  # the external link is not counted


def test_a_missing_page_and_a_missing_anchor_are_reported(tiny: Path) -> None:
    page(tiny, "people/index.html", '<a href="../timeline/#council-vot">typo</a><a href="../quotes/">gone</a>'
                                    '<a href="#nobody">self</a>')
    _, broken = check_site(tiny)
    assert [b.format() for b in broken] == [
        'people/index.html: ../timeline/#council-vot: no element with id "council-vot" on timeline/index.html',
        "people/index.html: ../quotes/: no such file in the site",
        'people/index.html: #nobody: no element with id "nobody" on people/index.html',
    ]


def test_links_under_the_site_address_are_checked_as_internal(tiny: Path) -> None:
    page(tiny, "404.html", '<a href="/explainer/timeline/">ok</a><a href="https://example.org/explainer/gone/">x</a>')
    _, broken = check_site(tiny, "https://example.org/explainer/")
    assert [b.target for b in broken] == ["https://example.org/explainer/gone/"]


def test_links_may_not_climb_out_of_the_site(tiny: Path) -> None:
    page(tiny, "timeline/x.html", '<a href="../../outside.html">out</a>')
    (tiny.parent / "outside.html").write_text("<html></html>")
    _, broken = check_site(tiny)
    assert [b.target for b in broken] == ["../../outside.html"]


@pytest.mark.parametrize("content,part_size", [(ROOT / "content", ""), (SMALL, ""), (FIXTURES / "split_story", "3")],
                         ids=["real", "small", "split"])
def test_built_sites_have_no_broken_internal_links(tmp_path: Path, content: Path, part_size: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The split story's parts link each other, and the index pages link their parts."""
    monkeypatch.setenv("STORY_PART_SIZE", part_size)
    site = tmp_path / "site"
    assert run_cli("build", "--content", content, "--site", site).returncode == 0
    result = run_cli("linkcheck", site)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith(": 0 broken")
    assert int(result.stdout.split()[0]) > 100


def test_linkcheck_fails_on_a_broken_link_in_a_built_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run_cli("build", "--content", SMALL, "--site", site).returncode == 0
    timeline = site / "timeline" / "index.html"
    timeline.write_text(timeline.read_text(encoding="utf-8").replace('id="council-vote"', 'id="renamed"'))
    result = run_cli("linkcheck", site)
    assert result.returncode == 1
    assert 'no element with id "council-vote" on timeline/index.html' in result.stdout

