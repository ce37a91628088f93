"""A cited reprint, in Chromium: its link's accessible name says it is a reprint, and the
original beside it is a second link that names its publisher."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .conftest import Site

REPRINT = "https://example.org/herald/wire/bridge-vote"
ORIGINAL = "https://example.net/wire/bridge-vote"


def test_a_cited_reprint_is_named_as_one_and_its_original_is_linked(page: Page, reader_site: Site) -> None:
    page.goto(reader_site.url("/timeline/"))
    cite = page.locator("#eastport-objects ~ .cite, #eastport-objects ~ p .cite").first
    reprint = cite.get_by_role("link", name="Northwind Wire (via Eastport Herald), 5 March 2026 — Eastport mayor "
                                            "says the bridge vote broke the agreement, a reprint", exact=True)
    expect(reprint).to_have_attribute("href", REPRINT)
    original = cite.get_by_role("link", name="original at Northwind Wire", exact=True)
    expect(original).to_have_attribute("href", ORIGINAL)
    expect(original).to_have_text("original at Northwind Wire")  # the publisher is heard, not shown
    expect(original).to_be_visible()
    # the source cited beside it is not a reprint
    expect(cite.get_by_role("link", name="Eastport Herald, about March 2026 — Eastport responds to the bridge vote",
                            exact=True)).to_have_attribute("href", re.compile(r"/sources/#eastport-statement$"))


def test_the_key_exchange_and_the_sources_page_link_both(page: Page, reader_site: Site) -> None:
    page.goto(reader_site.url("/"))
    meta = page.locator(".key-exchange .quote-meta").filter(has_text="Northwind Wire")
    expect(meta.get_by_role("link", name="Northwind Wire (via Eastport Herald) — a reprint", exact=True)) \
        .to_have_attribute("href", REPRINT)
    expect(meta.get_by_role("link", name="original at Northwind Wire", exact=True)).to_have_attribute("href", ORIGINAL)
    page.goto(reader_site.url("/sources/#eastport-wire-copy"))
    expect(page.locator(".source-url").filter(has_text="Reprint:").get_by_role("link")).to_have_attribute("href",
                                                                                                       REPRINT)
    expect(page.locator(".source-original").get_by_role("link")).to_have_attribute("href", ORIGINAL)
