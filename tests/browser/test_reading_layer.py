"""What a reader meets first, in Chromium: what you need to know, the key exchange with the
original words and their translation, people grouped by side, and the key-moments strip."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .conftest import Site, new_page


def test_need_to_know_comes_first_and_each_bullet_links_to_its_evidence(page: Page, reader_site: Site) -> None:
    page.goto(reader_site.url("/"))
    box = page.locator(".need-to-know")
    expect(box.get_by_role("heading", name="What you need to know")).to_be_visible()
    expect(box.locator("li")).to_have_count(3)
    assert box.bounding_box()["y"] < page.locator("#key-points").bounding_box()["y"]  # type: ignore[index]
    box.get_by_role("link", name="Evidence").first.click()
    expect(page).to_have_url(reader_site.url("/timeline/#council-vote"))
    expect(page.locator("h3#council-vote")).to_be_in_viewport()


def test_the_key_exchange_gives_the_original_words_and_a_labelled_translation(page: Page,
                                                                           reader_site: Site) -> None:
    page.goto(reader_site.url("/"))
    panel = page.locator(".key-exchange")
    expect(panel.locator(".key-exchange__quote")).to_have_count(3)
    original = panel.locator('.quote-original[lang="fr"]')
    expect(original).to_have_text("“Le pont appartient aux deux villes.”")
    translation = panel.locator(".quote-translation")
    expect(translation).to_have_text(re.compile(r"^\s*Translation:\s*The bridge belongs to both towns\.\s*$"))
    assert "“" not in translation.inner_text(), "a translation is never shown in quotation marks"


def test_who_said_what_lists_speakers_by_side_with_principals_marked(page: Page, reader_site: Site) -> None:
    page.goto(reader_site.url("/who-said-what/"))
    headings = page.locator("article h2, article h3").all_inner_texts()
    order = [h.strip().rstrip("¶").strip() for h in headings]
    assert order.index("Riverton") < order.index("Dana Lee") < order.index("Eastport") < order.index(
        "Sam Diaz (サム・ディアス)"), order
    badge = page.locator("#said-mayor-lee ~ .speaker-role .side-badge").first
    expect(badge).to_have_text("DL")
    expect(badge).to_have_class(re.compile("side-badge--principal"))
    assert badge.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(37, 105, 208)"  # #2569d0


def test_the_timeline_filter_groups_people_by_side(page: Page, reader_site: Site) -> None:
    page.goto(reader_site.url("/timeline/"))
    groups = page.locator("#filter-actor optgroup")
    expect(groups).to_have_count(2)
    assert groups.evaluate_all("gs => gs.map(g => g.label)") == ["Riverton", "Eastport"]


def test_each_key_moment_on_the_strip_links_to_its_entry(page: Page, reader_site: Site) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(reader_site.url("/"))
    expect(page.locator(".key-strip circle")).to_have_count(2)
    expect(page.locator(".key-strip")).to_have_attribute("aria-hidden", "true")  # the list below carries it
    expect(page.locator(".key-strip a")).to_have_count(0)  # no link targets too small for a finger
    moments = page.locator(".key-moments li a")
    expect(moments).to_have_count(2)
    moments.nth(1).click()
    expect(page).to_have_url(reader_site.url("/timeline/#eastport-objects"))
    expect(page.locator("article.event--key h3#eastport-objects")).to_be_in_viewport()
    expect(page.locator("article.event--key")).to_have_count(2)
    assert errors == [], errors  # the theme's scripts and ours ran without an error


def test_the_reading_layer_fits_a_phone(reader_site: Site, browser) -> None:  # type: ignore[no-untyped-def]
    phone = new_page(browser, 360, 740)
    try:
        for path in ("/", "/who-said-what/", "/timeline/", "/people/", "/checking/"):
            phone.goto(reader_site.url(path))
            assert phone.evaluate("document.documentElement.scrollWidth") <= 360, path
    finally:
        phone.context.close()


def test_the_front_page_gives_a_reading_time_and_plain_share_links(page: Page, reader_site: Site) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(reader_site.url("/"))
    expect(page.locator(".explainer-dates")).to_contain_text("min read")
    share = page.locator(".share-links a")
    expect(share).to_have_count(5)
    expect(share.first).to_have_attribute("href", re.compile(r"^mailto:\?subject=The%20harbour%20bridge%20dispute"))
    share.nth(1).hover()
    page.wait_for_timeout(200)
    assert all(r.startswith(reader_site.base) for r in requests), "a share link is a link, not a script"
