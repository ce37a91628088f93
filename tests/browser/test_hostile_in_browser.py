"""Text from YAML never runs, even after the theme's JavaScript copies it around the page.

Escaping the static HTML is not enough: Material (and Zensical) put tooltips, truncated
labels, search results and search highlights into the page with `innerHTML`, which parses
the text again. This suite builds a story whose every field is hostile (hostile_story.py),
with each engine, and does what readers do on every page at a desktop and a phone width:
load it, scroll, hover and focus everything that has a tooltip, search, and arrive from a
search result with its words highlighted. Nothing may run, and no other host may be asked
for anything."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from conftest import ROOT

from .conftest import ENGINES, Site, foreign_requests, new_page, open_search, search_results, serve
from .hostile_story import FOREIGN_HOST, write_browser_hostile_story

# Every element the theme may give a tooltip or re-render: titled elements (content.tooltips),
# glossary abbreviations, truncated labels (nav, table of contents, header), and links.
TOOLTIP_HOSTS = "[title], abbr, .md-ellipsis, .md-header__topic, .md-nav__link, .md-tooltip2, a"


@pytest.fixture(scope="module", params=ENGINES)
def hostile_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    base = tmp_path_factory.mktemp(f"hostile-{request.param}")
    content = base / "content"
    write_browser_hostile_story(content)
    site = base / "site"
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(content), "--site",
                             str(site), "--engine", request.param], cwd=ROOT, capture_output=True, text=True,
                            timeout=900, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    yield from serve(site, request.param)


def _watch(page: Page, requests: list[str]) -> None:
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: (requests.append(f"dialog:{d.message}"), d.dismiss()))  # type: ignore[func-returns-value]
    page.on("pageerror", lambda e: requests.append(f"pageerror:{e}"))  # the theme's scripts must keep running


def _ran(page: Page) -> str | None:
    return page.evaluate("() => document.body && document.body.getAttribute('data-ran')")  # type: ignore[no-any-return]


def _exercise(page: Page) -> int:
    """Scroll (the header swaps in the page title), then hover and focus every tooltip host.
    Returns how many elements were hovered, so the test can prove it did the work."""
    page.mouse.wheel(0, 4000)
    page.wait_for_timeout(100)
    page.mouse.wheel(0, -8000)
    hosts = page.locator(TOOLTIP_HOSTS)
    hovered = 0
    for i in range(hosts.count()):
        host = hosts.nth(i)
        if not host.is_visible():
            continue
        try:
            host.hover(timeout=1500, force=True)
            hovered += 1
        except Exception:  # noqa: BLE001 - an element covered or gone after navigation: focus it instead
            pass
        host.evaluate("el => { el.focus && el.focus(); el.dispatchEvent(new FocusEvent('focusin', {bubbles: true})) }")
    page.wait_for_timeout(300)  # tooltips appear after a short delay
    return hovered


@pytest.mark.parametrize("width", [1280, 360])
def test_no_field_runs_on_any_page_when_hovered_focused_or_scrolled(browser: Browser, hostile_site: Site,
                                                                    width: int) -> None:
    page = new_page(browser, width, 800)
    requests: list[str] = []
    _watch(page, requests)
    hovered = 0
    try:
        for path in hostile_site.pages():
            page.goto(hostile_site.url(path), wait_until="networkidle")
            assert page.locator("script[src*='bundle']").count() == 1, "the theme's JavaScript is not on the page"
            page.wait_for_function("() => typeof window.document$ === 'object'")  # the theme's script has run
            hovered += _exercise(page)
            assert _ran(page) is None, f"{path} at {width} px ran the payload of field {_ran(page)!r}"
    finally:
        page.context.close()
    assert hovered > 50, f"only {hovered} elements were hovered: the test did not exercise the tooltips"
    assert foreign_requests(requests, hostile_site.base) == []
    assert not [r for r in requests if r.startswith(("dialog:", "pageerror:"))]


def test_the_theme_does_show_tooltips_for_the_hostile_terms(browser: Browser, hostile_site: Site) -> None:
    """The test above hovers what the theme really turns into tooltips (else it could pass idly)."""
    page = new_page(browser, 1280, 800)
    try:
        page.goto(hostile_site.url("/timeline/"), wait_until="networkidle")
        abbr = page.locator("article abbr").first
        abbr.hover()
        tip = page.locator(".md-tooltip2, [role=tooltip]").first
        tip.wait_for(state="visible", timeout=3000)
        shown = tip.inner_text().replace("\u2060", "")  # the invisible word joiner that keeps "<" inert
        assert "Plain words about the bridge" in shown
        assert "<img src=x onerror=" in shown, "the tooltip shows the typed markup as text"
        assert _ran(page) is None
    finally:
        page.context.close()


@pytest.mark.parametrize("width", [1280, 360])
def test_searching_for_a_payload_and_following_a_result_runs_nothing(browser: Browser, hostile_site: Site,
                                                                    width: int) -> None:
    page = new_page(browser, width, 800)
    requests: list[str] = []
    _watch(page, requests)
    try:
        page.goto(hostile_site.url("/"), wait_until="networkidle")
        box = open_search(page)
        for query in ["<img src=x onerror=", "onerror", "toll", "iframe evil"]:
            box.fill(query)
            box.press("End")
            page.wait_for_timeout(400)
            assert _ran(page) is None, f"searching {query!r} ran the payload of {_ran(page)!r}"
        box.fill("toll")
        box.press("End")
        first = search_results(page).locator("a").first
        first.wait_for(state="visible", timeout=5000)
        first.hover()
        first.click()
        page.wait_for_load_state("networkidle")
        # arriving from search highlights the query's words on the page (search.highlight)
        for word in ["toll", "img", "onerror", "document", "iframe", "src"]:
            page.goto(hostile_site.url(f"/timeline/?h={word}"), wait_until="networkidle")
            page.wait_for_timeout(300)
            assert _ran(page) is None, f"highlighting {word!r} ran the payload of {_ran(page)!r}"
    finally:
        page.context.close()
    assert foreign_requests(requests, hostile_site.base) == []
    assert not [r for r in requests if r.startswith(("dialog:", "pageerror:"))]


def test_the_payload_does_mark_the_page_when_parsed_as_html(browser: Browser, hostile_site: Site) -> None:
    """The detector works: the same payload, put through innerHTML, is caught."""
    from .hostile_story import payload

    page = new_page(browser, 800, 600)
    requests: list[str] = []
    _watch(page, requests)
    try:
        page.goto(hostile_site.url("/"), wait_until="networkidle")
        page.evaluate("(html) => { document.querySelector('article').innerHTML = html }", payload("probe"))
        page.wait_for_timeout(300)
        assert _ran(page) == "probe"
    finally:
        page.context.close()
    assert any(FOREIGN_HOST in r for r in requests)
