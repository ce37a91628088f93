"""Full strict builds: the real story, a minimal story, another story, and a broken one."""

from __future__ import annotations

import hashlib
import html
import re
import json
from pathlib import Path

import pytest

from conftest import MINIMAL, ROOT, SMALL, StoryTree, run_cli


def snapshot(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("small") / "site"
    result = run_cli("build", "--content", SMALL, "--site", site)
    assert result.returncode == 0, result.stderr
    return site


def test_real_story_builds_strictly(tmp_path: Path) -> None:
    result = run_cli("build", "--site", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "timeline" / "index.html").is_file()
    # no placeholder address: the not-found page finds its styles when the site is served at a root
    missing = (tmp_path / "site" / "404.html").read_text(encoding="utf-8")
    assert 'href="/assets/stylesheets/explainer.css"' in missing and "example.github.io" not in missing
    # no site_url: every page's og:image is relative to the page and names the card in the site
    site = tmp_path / "site"
    for page in ("index.html", "timeline/index.html", "who-said-what/index.html"):
        image = meta(site / page, "og:image")
        assert not image.startswith(("/", "http")) and (site / page).parent.joinpath(image).resolve() == \
            (site / "assets" / "share-card.png").resolve(), (page, image)
    assert (site / "assets" / "share-card.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_minimal_story_builds_with_only_the_front_page(tmp_path: Path) -> None:
    result = run_cli("build", "--content", MINIMAL, "--site", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "A minimal story" in html
    assert not (tmp_path / "site" / "timeline").exists()
    assert 'href="timeline/"' not in html


def test_another_story_builds_with_every_page(small_site: Path) -> None:
    for page in ("", "timeline/", "who-said-what/", "people/", "background/the-harbour/", "glossary/",
                 "sources/", "updates/"):
        assert (small_site / page / "index.html").is_file(), page
    assert "The harbour bridge dispute" in (small_site / "index.html").read_text(encoding="utf-8")


def meta(page: Path, name: str) -> str:
    """The content of the page's <meta property|name="name">."""
    found = re.findall(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)"', page.read_text(encoding="utf-8"))
    assert len(found) == 1, (page, name, found)
    return html.unescape(found[0])


def test_the_share_card_is_in_the_site_and_every_page_names_it(small_site: Path) -> None:
    card = small_site / "assets" / "share-card.png"
    assert card.read_bytes()[16:24] == bytes.fromhex("000004b000000276")  # PNG header: 1200 x 630
    for page in ("index.html", "timeline/index.html", "background/the-harbour/index.html"):
        # site_url is set: the absolute address Open Graph asks for, of the file the site holds
        assert meta(small_site / page, "og:image") == "https://example.org/bridge/assets/share-card.png"
        assert meta(small_site / page, "og:image:width") == "1200" and meta(small_site / page, "og:image:height") == "630"
        assert meta(small_site / page, "og:image:alt") == "The harbour bridge dispute"
        assert meta(small_site / page, "twitter:card") == "summary_large_image"


def test_every_entry_has_its_stable_anchor(small_site: Path) -> None:
    def page(name: str) -> str:
        return (small_site / name / "index.html").read_text(encoding="utf-8")

    for anchor in ("council-vote", "eastport-objects", "earlier-talks"):
        assert f'id="{anchor}"' in page("timeline")
    for anchor in ("lee-proud", "diaz-breach"):
        assert f'id="{anchor}"' in page("who-said-what")
    for anchor in ("mayor-lee", "mayor-diaz", "riverton-council"):
        assert f'id="{anchor}"' in page("people")
    assert 'id="ferry-agreement"' in page("glossary")
    assert 'id="council-minutes"' in page("sources")


def test_cross_links_join_events_people_quotes_and_sources(small_site: Path) -> None:
    timeline = (small_site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert 'href="../people/#mayor-lee"' in timeline
    assert 'href="https://example.org/minutes"' in timeline  # a citation opens the original
    assert 'href="../sources/#eastport-statement"' in timeline  # or, offline only, its entry on the Sources page
    assert 'href="../who-said-what/#lee-proud"' in timeline
    people = (small_site / "people" / "index.html").read_text(encoding="utf-8")
    assert 'href="../timeline/#council-vote"' in people and 'href="../who-said-what/#lee-proud"' in people


def test_search_index_finds_an_event_by_a_word_from_its_summary(small_site: Path) -> None:
    index = json.loads((small_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    hits = [d["location"] for d in index["docs"] if "breach of trust" in d["text"]]
    assert "timeline/#eastport-objects" in hits


def test_source_texts_are_never_published(small_site: Path) -> None:
    assert not any(p.suffix == ".txt" for p in small_site.rglob("*"))
    assert not any("The meeting closed at nine" in p.read_text(errors="ignore")
                   for p in small_site.rglob("*") if p.is_file() and p.suffix in (".html", ".json"))


def test_broken_content_lists_errors_and_leaves_the_old_site_untouched(story: StoryTree, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run_cli("build", "--content", story.root, "--site", site).returncode == 0
    before = snapshot(site)
    story.write("events.yml", (story.root / "events.yml").read_text().replace("id: earlier-talks", "id: Bad Id"))
    story.write("quotes.yml", (story.root / "quotes.yml").read_text().replace("kind: paraphrase", "kind: x"))
    result = run_cli("build", "--content", story.root, "--site", site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert 'content/events.yml:18:7: event "Bad Id": id "Bad Id" is not a valid id' in result.stderr
    assert 'content/quotes.yml:12:9: quote "diaz-breach": kind "x" is not one of' in result.stderr
    assert "2 problems found; nothing was built." in result.stderr
    assert snapshot(site) == before


def test_plain_mkdocs_build_runs_the_generator_through_the_hook(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "STORY_CONTENT": str(SMALL), "STORY_DOCS_DIR": str(tmp_path / "docs"),
           "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "docs" / "timeline.md").is_file()
    assert re.search(r"generator: \d+ page\(s\) written", result.stderr)
