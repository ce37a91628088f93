"""Issue 15: far down the timeline, on a phone and on a desktop, the reader still sees how many
events the filter shows and can get back to the filters in one tap."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import Site, new_page
from .test_reader import covered_by


@pytest.mark.parametrize(("width", "height"), [(360, 640), (1280, 480)])
def test_the_count_stays_in_view_far_down_and_leads_back_to_the_filters(browser: Browser, small_site: Site,
                                                                        width: int, height: int) -> None:
    page = new_page(browser, width, height)
    page.goto(small_site.url("/timeline/"))
    page.locator("#filter-actor").select_option("mayor-diaz")
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    form = page.locator("form.timeline-filter")
    expect(form).not_to_be_in_viewport()  # far enough down that the filters themselves are gone
    count = page.locator(".timeline-filter__count")
    expect(count).to_be_in_viewport(ratio=1)
    expect(count).to_have_text("Showing 2 of 3 events.")
    expect(page.locator("article.event:visible")).to_have_count(2)
    assert covered_by(page, ".timeline-filter__count") == "", "the count is hidden under another element"
    top = page.evaluate("document.querySelector('.timeline-filter__count').getBoundingClientRect().top")
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert header - 4 <= top < header + 60, (top, header)  # just under the header, not floating mid-page

    page.get_by_role("button", name="Filters").click()
    expect(form).to_be_in_viewport()
    expect(page.locator("#filter-actor")).to_be_focused()
    assert covered_by(page, "#filter-actor") == "", "the filter is hidden under the header or the bar"
    page.get_by_role("button", name="Show all").click()
    expect(count).to_have_text("Showing all 3 events.")
    page.context.close()


def test_the_bar_is_not_shown_without_javascript(browser: Browser, small_site: Site) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(small_site.url("/timeline/"))
    expect(page.locator(".timeline-bar")).to_be_hidden()
    expect(page.locator("article.event:visible")).to_have_count(3)
    context.close()


@pytest.mark.parametrize(("width", "height"), [(360, 640), (1280, 480)])
def test_a_link_to_a_month_shows_its_heading_below_the_header_and_the_bar(browser: Browser, real_site: Site,
                                                                         width: int, height: int) -> None:
    """The timeline's table of contents and shared links lead to months (#november-2025): the
    heading must not land under the sticky header, count bar or phase marker."""
    page = new_page(browser, width, height)
    page.goto(real_site.url("/timeline/#november-2025"))
    heading = page.locator("h2#november-2025")
    expect(heading).to_be_in_viewport()
    page.wait_for_timeout(300)  # the theme scrolls to the anchor once its script has run
    assert covered_by(page, "h2#november-2025") == "", "the month heading is hidden under a sticky element"
    page.context.close()


@pytest.mark.parametrize(("width", "height"), [(360, 640), (1280, 480)])
def test_back_to_top_is_not_hidden_behind_the_bar(browser: Browser, real_site: Site, width: int, height: int) -> None:
    """The theme's "Back to top" button shows when the reader scrolls up; on the timeline it must be
    clear of the count bar and the phase markers that stick at the top."""
    page = new_page(browser, width, height)
    page.goto(real_site.url("/timeline/"))
    # down as a reader scrolls, a little at a time: in one jump of 4,000 px the entries passed over
    # are never laid out (content-visibility), and scrolling back up onto them resizes them, and
    # the browser's scroll anchoring then moves the page down a little, which the theme takes for
    # scrolling down and hides the button
    for _ in range(10):
        page.mouse.wheel(0, 400)
        page.wait_for_timeout(60)
    _settle_scroll(page)  # a scroll still running down would hide the button again after it showed
    page.mouse.wheel(0, -300)
    _settle_scroll(page)
    button = page.locator(".md-top")
    expect(button).to_be_visible()
    page.wait_for_timeout(300)  # its transition
    assert covered_by(page, ".md-top") == "", "the button is hidden under another element"
    top, bar = (page.evaluate(f"document.querySelector('{s}').getBoundingClientRect().{edge}")
                for s, edge in ((".md-top", "top"), (".timeline-bar", "bottom")))
    assert top > bar, (top, bar)
    page.context.close()


def _settle_scroll(page: Page) -> None:
    """Wait until the page has stopped scrolling (a wheel scrolls smoothly, over several frames)."""
    page.wait_for_function("""() => new Promise(done => { const y = scrollY;
        setTimeout(() => done(scrollY === y), 200); })""")
