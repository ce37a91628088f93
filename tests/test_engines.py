"""Two engines: the generated pages build with MkDocs + Material and with Zensical 0.0.73 (strict),
and both give the same pages. Switching is one setting: --engine, or STORY_ENGINE in the environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SMALL, run_cli


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("engines")
    for engine in ("mkdocs", "zensical"):
        result = run_cli("build", "--content", SMALL, "--site", out / engine, "--engine", engine)
        assert result.returncode == 0, result.stderr + result.stdout
        assert f"with {engine} in" in result.stdout
    return out / "mkdocs", out / "zensical"


def test_zensical_builds_the_same_pages_as_mkdocs(both: tuple[Path, Path]) -> None:
    mkdocs_site, zensical_site = both
    assert len(pages(mkdocs_site)) >= 9
    assert pages(zensical_site) == pages(mkdocs_site)
    for name in ("story.json", "timeline.json", "feed.xml"):
        assert (zensical_site / name).read_bytes() == (mkdocs_site / name).read_bytes()


def test_zensical_site_has_the_storys_title_navigation_and_no_broken_links(both: tuple[Path, Path]) -> None:
    _, site = both
    html = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert "<title>Timeline · The harbour bridge dispute</title>" in html
    assert 'href="../who-said-what/"' in html and 'href="../background/the-harbour/"' in html
    result = run_cli("linkcheck", site)
    assert result.returncode == 0, result.stdout


def test_zensical_leaves_no_private_config_or_work_folder_behind(both: tuple[Path, Path]) -> None:
    assert not list(ROOT.glob(".zensical-*.yml"))
    assert not list((ROOT / ".cache").glob("story-zensical-*"))


def test_the_engine_is_switched_by_one_environment_setting(tmp_path: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "STORY_ENGINE": "zensical"}
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(SMALL),
                             "--site", str(tmp_path / "site")], cwd=ROOT, env=env, capture_output=True, text=True,
                            check=False, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "with zensical in" in result.stdout


def test_a_failed_zensical_build_leaves_the_old_site_alone(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old")
    (site / ".story-explainer-site").write_text("")  # a site the generator built
    broken = tmp_path / "broken.yml"
    broken.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8") + "\nnot_a_setting_zensical_knows: [\n")
    result = run_cli("build", "--content", SMALL, "--site", site, "--engine", "zensical", "--config", broken)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{broken} could not be read" in result.stderr
    assert "The zensical build failed; the site at" in result.stderr
    assert (site / "index.html").read_text() == "old"


def test_compare_pages_passes_for_the_two_engines_and_names_a_missing_page(both: tuple[Path, Path]) -> None:
    mkdocs_site, zensical_site = both
    same = run_cli("compare-pages", mkdocs_site, zensical_site)
    assert same.returncode == 0, same.stdout
    assert same.stdout.strip().endswith("the same")
    (zensical_site / "glossary" / "index.html").rename(zensical_site / "glossary" / "moved.html")
    try:
        different = run_cli("compare-pages", mkdocs_site, zensical_site)
    finally:
        (zensical_site / "glossary" / "moved.html").rename(zensical_site / "glossary" / "index.html")
    assert different.returncode == 1
    assert f"only in {mkdocs_site}: glossary/index.html" in different.stdout
    assert f"only in {zensical_site}: glossary/moved.html" in different.stdout


def test_the_real_story_has_the_same_pages_in_both_engines(tmp_path: Path) -> None:
    for engine in ("mkdocs", "zensical"):
        result = run_cli("build", "--site", tmp_path / engine, "--engine", engine)
        assert result.returncode == 0, result.stderr + result.stdout
    result = run_cli("compare-pages", tmp_path / "mkdocs", tmp_path / "zensical")
    assert result.returncode == 0, result.stdout
    assert len(pages(tmp_path / "zensical")) >= 10


def test_zensical_front_page_is_the_front_page_in_title_share_tags_and_article_data(both: tuple[Path, Path]) -> None:
    """Zensical 0.0.73 leaves page.is_homepage unset; overrides/main.html knows the front page by its address."""
    for site in both:
        front = (site / "index.html").read_text(encoding="utf-8")
        assert "<title>The harbour bridge dispute</title>" in front, site
        assert '<meta property="og:type" content="article">' in front, site
        assert '"@type": "NewsArticle"' in front, site
        timeline = (site / "timeline" / "index.html").read_text(encoding="utf-8")
        assert '<meta property="og:type" content="website">' in timeline and "NewsArticle" not in timeline, site


def test_zensical_marks_a_glossary_terms_first_use_only_as_mkdocs_does(both: tuple[Path, Path]) -> None:
    """Zensical runs no hooks: engines.py puts generator.abbr (first use only) in place of abbr itself."""
    for page in ("index.html", "timeline/index.html", "who-said-what/index.html"):
        counts = [(site / page).read_text(encoding="utf-8").count("<abbr") for site in both]
        assert counts[0] == counts[1], (page, counts)
    timeline = (both[1] / "timeline" / "index.html").read_text(encoding="utf-8")
    assert timeline.count('<abbr title="The proposed road bridge across Riverton harbour.">') == 1
