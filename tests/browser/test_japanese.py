"""A story written in Japanese (tests/fixtures/japanese_story), built and read in Chromium: the
generator's labels and dates are Japanese, the page says lang="ja", and search segments Japanese
text (Material's lunr.ja with TinySegmenter, shipped in the site) without asking another host."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from conftest import FIXTURES

from .conftest import Site, built, foreign_requests, serve
from .test_reader import results, search


@pytest.fixture(scope="module")
def japanese_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    yield from serve(built(tmp_path_factory, "japanese", FIXTURES / "japanese_story", "mkdocs"))


@pytest.fixture(scope="session")
def japanese_any_engine(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    yield from serve(built(tmp_path_factory, "japanese", FIXTURES / "japanese_story", engine), engine)


def test_japanese_headings_have_anchors_named_after_their_words(page: Page, japanese_any_engine: Site) -> None:
    """Python-Markdown's own anchors keep ASCII letters only: every heading without an id of its
    own was "#_1", "#_2"... on a Japanese page."""
    page.goto(japanese_any_engine.url("/timeline/"))
    month = page.locator("h2", has_text="2025年11月")
    expect(month).to_have_attribute("id", "2025年11月")
    ids = page.locator("h1[id], h2[id], h3[id]").evaluate_all("els => els.map(e => e.id)")
    assert ids and not [i for i in ids if i.startswith("_")], ids
    link = month.locator("a.headerlink")
    href = link.get_attribute("href") or ""
    assert page.evaluate("h => decodeURIComponent(new URL(h, location.href).hash)", href) == "#2025年11月"
    page.goto(japanese_any_engine.url("/people/"))
    page.locator("h2", has_text="政府").locator("a.headerlink").click()
    assert page.evaluate("decodeURIComponent(location.hash)") == "#政府"
    expect(page.locator("h2", has_text="政府")).to_be_in_viewport()


def test_the_page_is_japanese_with_translated_labels_and_dates(page: Page, japanese_site: Site) -> None:
    page.goto(japanese_site.url("/"))
    assert page.locator("html").get_attribute("lang") == "ja"
    expect(page.locator(".explainer-dates")).to_contain_text("2025年11月10日公開")
    expect(page.locator("h2#explore")).to_contain_text("この解説を読む")
    expect(page.locator("h2#map")).to_contain_text("関係する場所")
    expect(page.locator(".locator-map svg[role=img]").first).to_have_attribute("aria-label", "地図：函館, 青森")
    page.goto(japanese_site.url("/timeline/"))
    expect(page.locator("h1")).to_contain_text("時系列")
    expect(page.locator('time[datetime="2025-11-07"]').first).to_have_text("2025年11月7日")
    expect(page.locator(".timeline-filter label[for=filter-actor]")).to_have_text("人物")
    expect(page.locator("#filter-tag option[value=vote]")).to_have_text("議決 (1)")  # topics named in story.yml
    expect(page.locator("article.event .event-tag").first).to_have_text("議決")
    expect(page.locator(".timeline-filter__count")).to_have_text("全3件を表示しています。")
    page.select_option("#filter-actor", "mayor-sato")
    expect(page.locator(".timeline-filter__count")).to_have_text("3件中2件を表示しています。")


def test_search_finds_a_word_inside_a_japanese_sentence(page: Page, japanese_any_engine: Site) -> None:
    # 通行料 (toll) sits in the middle of one event's summary, with no space around it:
    # 東浦町の町長は、議決が両町の協定に反すると述べ、橋の通行料の負担に強く反対した。
    # MkDocs' Material segments Japanese with lunr.ja and TinySegmenter (shipped in the site);
    # Zensical's own search matches inside words.
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    search(page, japanese_any_engine, "通行料")
    hit = results(page).filter(has_text="通行料").first
    expect(hit).to_be_visible()
    assert "timeline" in (hit.locator("a").first.get_attribute("href") or hit.get_attribute("href") or "")
    page.wait_for_load_state("networkidle")
    if japanese_any_engine.engine == "mkdocs":
        assert any("lunr.ja.min.js" in u for u in seen) and any("tinyseg.js" in u for u in seen), seen
    assert foreign_requests(seen, japanese_any_engine.base) == []


def test_search_finds_nothing_for_a_word_not_in_the_story(page: Page, japanese_site: Site) -> None:
    search(page, japanese_site, "飛行船")
    expect(page.locator(".md-search-result__meta")).to_contain_text("何も見つかりませんでした")
    expect(results(page)).to_have_count(0)


def test_no_japanese_page_requests_another_host(page: Page, japanese_site: Site) -> None:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    for path in japanese_site.pages():
        page.goto(japanese_site.url(path))
        page.wait_for_load_state("networkidle")
    assert len(seen) > len(japanese_site.pages())
    assert foreign_requests(seen, japanese_site.base) == []


def test_the_not_found_page_is_in_japanese(page: Page, japanese_site: Site) -> None:
    page.goto(japanese_site.url("/404.html"))
    expect(page.locator("article h1")).to_have_text("ページが見つかりません")
    expect(page.get_by_role("link", name="解説のトップへ")).to_be_visible()
