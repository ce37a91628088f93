"""What a reader does on the built site, in Debian's Chromium: search, permalinks, the
timeline filter, the palette toggle, glossary tooltips, phones, and no third parties.
Each test runs with both engines (the site fixtures are built with MkDocs and with Zensical)."""

from __future__ import annotations

import re
import urllib.parse

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import (SEARCH_INDEX, Site, foreign_requests, new_page, open_search, search_results, search_status)


def search(page: Page, site: Site, query: str) -> None:
    page.goto(site.url("/"))
    box = open_search(page)
    box.fill(query)
    box.press("End")  # Material searches on key presses; fill() alone types no key


def toggle(page: Page, title: str) -> None:
    """Click the palette toggle the reader sees (Material shows one label per scheme)."""
    page.locator(f'form[data-md-component="palette"] label[title="{title}"]').click()


def results(page: Page):  # noqa: ANN201 - a Playwright locator
    return search_results(page)


@pytest.mark.parametrize(("query", "expected"), [
    ("Eastport objects", "Eastport objects"),            # an event
    ("proud", "We are proud of this bridge"),            # a quote
    ("Dana Lee", "Dana Lee"),                            # a person
    ("ferry agreement", "Ferry agreement"),              # a glossary term
    ("サム・ディアス", "サム・ディアス"),                    # a native-script name
])
def test_search_finds_events_quotes_people_terms_and_native_names(page: Page, small_site: Site, query: str,
                                                                   expected: str) -> None:
    search(page, small_site, query)
    expect(results(page).filter(has_text=expected).first).to_be_visible()


def test_search_finds_nothing_for_words_not_in_the_story(page: Page, small_site: Site) -> None:
    search(page, small_site, "zeppelin")
    expect(search_status(page, small_site)).to_contain_text(
        "No matching documents" if small_site.engine == "mkdocs" else "No results")
    expect(results(page)).to_have_count(0)


def test_a_timeline_permalink_shows_that_event(page: Page, small_site: Site) -> None:
    page.goto(small_site.url("/timeline/#eastport-objects"))
    heading = page.locator("h3#eastport-objects")
    expect(heading).to_be_in_viewport()
    expect(page.locator("article.event", has=heading)).to_contain_text("breach of trust")
    expect(heading.locator("a.headerlink")).to_be_visible()
    assert covered_by(page, "h3#eastport-objects") == "", "the event's heading is hidden under another element"


def covered_by(page: Page, selector: str) -> str:
    """What covers the middle of an element's first line ('' when the reader sees the element itself)."""
    return page.evaluate("""(sel) => {
        const el = document.querySelector(sel);
        const r = el.getClientRects()[0];
        const top = document.elementFromPoint(r.left + Math.min(r.width / 2, 40), r.top + r.height / 2);
        return el.contains(top) ? "" : (top ? top.outerHTML.slice(0, 80) : "nothing");
    }""", selector)


def test_a_timeline_permalink_on_a_phone_is_not_hidden_under_the_sticky_phase(phone: Page, small_site: Site) -> None:
    phone.goto(small_site.url("/timeline/#eastport-objects"))
    expect(phone.locator("h3#eastport-objects")).to_be_in_viewport()
    assert covered_by(phone, "h3#eastport-objects") == ""


def test_every_event_has_a_visible_permalink(page: Page, small_site: Site) -> None:
    page.goto(small_site.url("/timeline/"))
    events = page.locator("article.event")
    expect(events).to_have_count(3)
    for i in range(3):
        link = events.nth(i).locator("h3 a.headerlink")
        expect(link).to_be_visible()
        expect(link).to_have_css("opacity", "1")
        assert (link.get_attribute("href") or "").endswith("#" + (events.nth(i).locator("h3").get_attribute("id") or "-"))


def test_permalinks_are_named_after_their_heading_and_carry_no_tooltip(page: Page, small_site: Site) -> None:
    """Permalinks have no title (a Material tooltip each slowed startup); explainer.js names them."""
    page.goto(small_site.url("/timeline/"))
    heading = page.locator("article.event h3").first
    link = heading.locator("a.headerlink")
    expect(link).to_have_attribute("aria-label", re.compile(r"\S"))
    expected = heading.evaluate(
        "h => Array.from(h.childNodes).filter(n => !(n.classList && n.classList.contains('headerlink')))"
        ".map(n => n.textContent).join('').replace(/\\s+/g, ' ').trim()")
    assert expected and link.get_attribute("aria-label") == expected
    assert link.get_attribute("title") is None
    expect(link).to_have_accessible_name(expected)


def test_filtering_by_actor_hides_other_events_and_reset_restores_them(page: Page, small_site: Site) -> None:
    page.goto(small_site.url("/timeline/"))
    events = page.locator("article.event")
    page.locator("#filter-actor").select_option("mayor-diaz")
    expect(page.locator("article.event:visible")).to_have_count(2)
    expect(page.locator("article.event", has=page.locator("#council-vote"))).to_be_hidden()
    expect(page.locator(".timeline-filter__count")).to_have_text("Showing 2 of 3 events.")
    page.get_by_role("button", name="Show all").click()
    expect(page.locator("article.event:visible")).to_have_count(3)
    expect(events.filter(has=page.locator("#council-vote"))).to_be_visible()


def test_filtering_by_tag_hides_month_headings_left_empty(page: Page, small_site: Site) -> None:
    page.goto(small_site.url("/timeline/"))
    page.locator("#filter-tag").select_option("diplomacy")
    expect(page.locator("article.event:visible")).to_have_count(1)
    expect(page.locator("h2", has_text="February 2026")).to_be_hidden()
    expect(page.locator("h2", has_text="March 2026")).to_be_visible()


def test_a_choice_no_event_matches_says_so_and_offers_to_show_all(page: Page, small_site: Site) -> None:
    page.goto(small_site.url("/timeline/"))
    expect(page.locator("#filter-tag option[value=vote]")).to_have_text("vote (1)")  # topics show counts
    empty = page.locator(".timeline-empty")
    expect(empty).to_be_hidden()
    page.locator("#filter-actor").select_option("mayor-diaz")
    page.locator("#filter-tag").select_option("vote")
    expect(page.locator("article.event:visible")).to_have_count(0)
    expect(empty).to_be_visible()
    expect(empty).to_contain_text("No event has both the person and the topic chosen.")
    empty.get_by_role("button", name="Show all").click()
    expect(page.locator("article.event:visible")).to_have_count(3)
    expect(empty).to_be_hidden()


def test_topics_carry_the_names_story_yml_gives_them_in_its_order(page: Page, reader_site: Site) -> None:
    """story.yml's `topics` name the events' tags for readers; a tag without a name is shown as
    written, after the named ones. The filter still filters by the tag."""
    page.goto(reader_site.url("/timeline/"))
    options = page.locator("#filter-tag option")
    expect(options).to_have_text(["All topics", "The vote (1)", "Roads & bridges (1)", "diplomacy (1)"])
    vote = page.locator("article.event", has=page.locator("#council-vote"))
    expect(vote.locator(".event-tag")).to_have_text(["The vote", "Roads & bridges"])
    page.locator("#filter-tag").select_option(label="Roads & bridges (1)")
    expect(page.locator("article.event:visible")).to_have_count(1)
    expect(vote).to_be_visible()


def test_a_link_to_an_event_the_filter_in_the_address_hides_shows_it(browser: Browser, small_site: Site) -> None:
    page = new_page(browser, 360, 480)  # small enough that the event is below the fold
    page.goto(small_site.url("/timeline/?tag=diplomacy#council-vote"))
    expect(page.locator("article.event:visible")).to_have_count(3)
    expect(page.locator("#council-vote")).to_be_in_viewport()
    page.context.close()


def test_timeline_lists_every_event_without_javascript(browser: Browser, small_site: Site) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(small_site.url("/timeline/"))
    expect(page.locator("article.event:visible")).to_have_count(3)
    expect(page.locator("form.timeline-filter")).to_be_hidden()
    context.close()


def test_timeline_shows_dates_at_their_precision_and_phases(page: Page, small_site: Site) -> None:
    page.goto(small_site.url("/timeline/"))
    expect(page.locator("#eastport-objects ~ .event-meta time")).to_have_text("5–7 March 2026")
    expect(page.locator("#earlier-talks ~ .event-meta time")).to_have_text("Early February 2026")
    expect(page.locator(".phase")).to_have_count(2)
    expect(page.locator(".phase").first).to_contain_text("The vote")


def test_palette_toggle_switches_scheme_and_persists(page: Page, small_site: Site) -> None:
    page.goto(small_site.url("/"))
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    toggle(page, "Switch to dark mode")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.goto(small_site.url("/timeline/"))
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.reload()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    toggle(page, "Switch to light mode")
    expect(body).to_have_attribute("data-md-color-scheme", "default")


def test_glossary_term_shows_its_definition_as_a_tooltip(page: Page, small_site: Site) -> None:
    page.goto(small_site.url("/timeline/"))
    term = page.locator("abbr", has_text="harbour bridge").first
    expect(term).to_have_attribute("title", "The proposed road bridge across Riverton harbour.")
    term.hover()
    expect(page.locator(".md-tooltip2").filter(has_text="The proposed road bridge")).to_be_visible()


def test_a_definition_in_a_tooltip_is_printed_at_a_reading_size_on_a_phone(phone: Page, small_site: Site) -> None:
    """The theme's tooltip text is 10 px and bold, made for a word or two; a definition runs to
    several lines and is set at 13 px or more, in the regular weight."""
    phone.goto(small_site.url("/timeline/"))
    phone.locator("abbr", has_text="harbour bridge").first.hover()
    inner = phone.locator(".md-tooltip2--active .md-tooltip2__inner")
    expect(inner).to_contain_text("The proposed road bridge")
    size, weight = inner.evaluate("e => [parseFloat(getComputedStyle(e).fontSize), getComputedStyle(e).fontWeight]")
    assert size >= 13 and int(weight) < 600, (size, weight)


def test_who_said_what_labels_paraphrases_without_quotation_marks(page: Page, small_site: Site) -> None:
    page.goto(small_site.url("/who-said-what/"))
    paraphrase = page.locator("#diaz-breach blockquote")
    expect(paraphrase).to_contain_text("Paraphrase:")
    assert "“" not in paraphrase.inner_text() and '"' not in paraphrase.inner_text()
    expect(page.locator("#lee-proud blockquote")).to_have_text("“We are proud of this bridge.”")
    expect(page.locator("#diaz-breach a.checked-mark")).to_be_visible()  # the note is one click away


def test_no_page_is_wider_than_a_phone(phone: Page, small_site: Site) -> None:
    for path in small_site.pages():
        phone.goto(small_site.url(path))
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} scrolls sideways at 360 px ({width} px wide)"


def test_front_page_carries_share_tags_and_news_article_data(page: Page, small_site: Site) -> None:
    page.goto(small_site.url("/"))
    expect(page.locator('meta[property="og:title"]')).to_have_attribute("content", "The harbour bridge dispute")
    expect(page.locator('meta[name="twitter:card"]')).to_have_attribute("content", "summary_large_image")  # the share card
    expect(page.locator('link[rel="canonical"]')).to_have_attribute("href", "https://example.org/bridge/")
    data = page.evaluate("JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)")
    assert data["@type"] == "NewsArticle"
    assert data["datePublished"] == "2026-03-10"
    assert data["dateModified"] >= data["datePublished"]


def visit_everything(page: Page, site: Site, query: str) -> list[str]:
    """Open every page (light and dark), search, and return every URL the browser asked for."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    for path in site.pages():
        page.goto(site.url(path))
        page.wait_for_load_state("networkidle")
    toggle(page, "Switch to dark mode")
    search(page, site, query)
    expect(results(page).first).to_be_visible()
    page.wait_for_load_state("networkidle")
    return seen


def test_no_page_requests_a_third_party_host(page: Page, small_site: Site) -> None:
    seen = visit_everything(page, small_site, "bridge")
    assert len(seen) > len(small_site.pages())  # pages, styles, scripts and the search index were recorded
    assert any(u.endswith(SEARCH_INDEX[small_site.engine]) for u in seen)
    assert foreign_requests(seen, small_site.base) == []


def test_the_third_party_check_catches_a_foreign_request() -> None:
    urls = ["http://127.0.0.1:9/", "data:image/png;base64,xx", "https://fonts.googleapis.com/css"]
    assert foreign_requests(urls, "http://127.0.0.1:9") == ["https://fonts.googleapis.com/css"]


# The real story, when content/ validates.

@pytest.mark.parametrize(("query", "expected"), [
    ("高市早苗", "高市早苗"),
    ("Takaichi", "Takaichi"),
])
def test_real_story_search_finds_native_and_latin_names(page: Page, real_site: Site, query: str,
                                                        expected: str) -> None:
    search(page, real_site, query)
    expect(results(page).filter(has_text=expected).first).to_be_visible()


def test_real_story_requests_no_third_party_host(page: Page, real_site: Site) -> None:
    seen = visit_everything(page, real_site, "Taiwan")
    assert foreign_requests(seen, real_site.base) == []


def test_real_story_pages_fit_a_phone_in_dark_mode(browser: Browser, real_site: Site) -> None:
    phone = new_page(browser, 360, 740, "dark")
    for path in real_site.pages():
        phone.goto(real_site.url(path))
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} scrolls sideways at 360 px ({width} px wide)"
    phone.context.close()


def test_real_story_front_page_has_a_locator_map_with_a_text_alternative(page: Page, real_site: Site) -> None:
    page.goto(real_site.url("/"))
    maps = page.locator("figure.locator-map svg[role=img]")
    expect(maps.first).to_be_visible()
    assert "Yonaguni" in (maps.last.get_attribute("aria-label") or "")
    expect(page.locator(".map-text").first).to_contain_text("Yonaguni (与那国島)")
    expect(page.locator(".map-text").last).to_contain_text("Yonaguni to Taiwan")
    expect(page.locator(".map-text").last).to_contain_text("about 110 km")


def after_content(page: Page, selector: str) -> str:
    return page.evaluate("(sel) => getComputedStyle(document.querySelector(sel), '::after').content", selector)


def test_printing_writes_out_addresses_of_links_that_leave_the_site(page: Page, small_site: Site) -> None:
    page.goto(small_site.url("/"))
    page.emulate_media(media="print")
    assert after_content(page, 'a[href="https://example.org/region"]') == '" (https://example.org/region)"'
    assert after_content(page, "article a[href*='timeline']") in ("none", "normal")
    expect(page.locator(".md-header")).to_be_hidden()


def test_an_old_link_into_a_split_timeline_goes_on_to_the_part_that_shows_the_event(page: Page,
                                                                                    split_site: Site) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(split_site.url("/timeline/#eastport-objects"))  # made when the timeline was one page
    expect(page).to_have_url(split_site.url("/timeline/2026-03-part-2/#eastport-objects"))
    expect(page.locator("#eastport-objects")).to_be_in_viewport()
    assert split_site.url("/timeline/anchors.json") in requests
    assert not foreign_requests(requests, split_site.base)


def test_an_index_of_parts_stays_put_for_an_anchor_no_part_has(page: Page, split_site: Site) -> None:
    page.goto(split_site.url("/people/#no-such-person"))
    page.wait_for_load_state("networkidle")
    expect(page).to_have_url(split_site.url("/people/#no-such-person"))
    expect(page.locator("h1")).to_contain_text("People")


def test_an_index_of_parts_fetches_no_anchor_map_without_an_anchor(page: Page, split_site: Site) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(split_site.url("/timeline/"))
    page.wait_for_load_state("networkidle")
    assert not [u for u in requests if u.endswith("anchors.json")]


def test_a_checked_mark_leads_to_its_note_on_the_checking_page(page: Page, small_site: Site) -> None:
    page.goto(small_site.url("/who-said-what/"))
    mark = page.locator("#diaz-breach a.checked-mark")
    expect(mark).to_be_visible()
    expect(page.locator("#diaz-breach .admonition")).to_have_count(0)  # the note itself is not in the story
    mark.click()
    expect(page).to_have_url(small_site.url("/checking/#check-quote-diaz-breach"))
    note = page.locator("h3#check-quote-diaz-breach")
    expect(note).to_be_in_viewport()
    expect(note).to_contain_text("Sam Diaz")
    page.get_by_role("link", name="Back to the story").last.click()
    expect(page).to_have_url(small_site.url("/who-said-what/#diaz-breach"))


def test_a_long_checking_page_sends_a_checked_mark_and_an_old_link_to_the_part_with_the_note(
        page: Page, split_site: Site) -> None:
    """Split into parts, the checking page lists them; a checked mark goes straight to the part
    holding its note, and a link made when the page was one (/checking/#note) goes on to it."""
    page.goto(split_site.url("/who-said-what/"))
    page.locator("#diaz-breach a.checked-mark").click()
    expect(page).to_have_url(split_site.url("/checking/quotes/#check-quote-diaz-breach"))
    expect(page.locator("h3#check-quote-diaz-breach")).to_be_in_viewport()
    page.goto(split_site.url("/checking/"))
    listed = page.locator(".md-content li a", has_text="Who said what")  # the index lists its parts
    expect(listed).to_have_attribute("href", re.compile(r"(^|/)quotes/$"))
    page.goto(split_site.url("/checking/#check-quote-diaz-breach"))  # made when the page was one
    expect(page).to_have_url(split_site.url("/checking/quotes/#check-quote-diaz-breach"))
    expect(page.locator("h3#check-quote-diaz-breach")).to_be_in_viewport()


def test_a_citation_opens_the_original_and_names_outlet_title_and_date(page: Page, small_site: Site) -> None:
    page.goto(small_site.url("/timeline/"))
    link = page.get_by_role("link", name="Riverton council, 4 March 2026 — Minutes of the council meeting, 3 March 2026")
    expect(link.first).to_have_attribute("href", "https://example.org/minutes")
    # a source with no public address still leads somewhere: its entry on the Sources page
    offline = page.get_by_role("link", name="Eastport Herald, about March 2026 — Eastport responds to the bridge vote")
    expect(offline.first).to_have_attribute("href", re.compile(r"/sources/#eastport-statement$"))


def test_glossary_tooltips_mark_each_terms_first_use_only_and_no_heading(page: Page, real_site: Site) -> None:
    for path in ("/", "/timeline/", "/who-said-what/"):
        page.goto(real_site.url(path))
        titles = page.locator("article abbr").evaluate_all("els => els.map(e => e.title || e.dataset.title || '')")
        assert titles and len(titles) == len(set(titles)), (path, titles)
        expect(page.locator("article :is(h1, h2, h3, h4) abbr")).to_have_count(0)
        expect(page.locator(".grid.cards abbr")).to_have_count(0)


@pytest.mark.parametrize(("engine", "name", "anchor"), [
    ("mkdocs", "Xi", "xi-jinping"),
    ("mkdocs", "Kihara", "minoru-kihara"),
    ("zensical", "Kihara", "minoru-kihara"),
], indirect=["engine"])
def test_searching_a_name_ranks_the_profile_above_the_sources_page(page: Page, real_site: Site, engine: str,
                                                                   name: str, anchor: str) -> None:
    search(page, real_site, name)
    first = results(page).first
    if engine == "mkdocs":
        expect(first).to_contain_text("People")
        expect(first.locator(f'a[href*="people/"][href$="#{anchor}"]')).to_have_count(1)
    else:  # Zensical ranks by its own rules (LIMITS.md): the person's profile or their quotes come first
        expect(first.locator(f'a[href*="people/"][href$="#{anchor}"], '
                             f'a[href*="who-said-what/"][href$="#said-{anchor}"]')).to_have_count(1)
    titles = [t.split("\n")[0] for t in results(page).all_inner_texts()]
    assert "Sources" not in titles[:2], titles


@pytest.mark.parametrize("engine", ["zensical"], indirect=True)
def test_zensical_search_for_a_short_name_lists_the_profile_and_not_the_sources_page_first(page: Page,
                                                                                          real_site: Site) -> None:
    """Zensical's own difference (LIMITS.md, Two engines): it matches the start of words as the
    reader types, so "Xi" ranks Xinhua (also on People) first. What must hold still holds: the
    profile is among the results, and the Sources page does not come first."""
    search(page, real_site, "Xi")
    expect(results(page).first).to_be_visible()
    expect(results(page).locator('a[href*="people/"][href$="#xi-jinping"]').first).to_be_attached()
    titles = [t.split("\n")[0] for t in results(page).all_inner_texts()]
    assert "Sources" not in titles[:2], titles


def test_the_printed_timeline_is_compact_and_carries_the_title_on_every_page(page: Page, real_site: Site) -> None:
    page.goto(real_site.url("/timeline/"))
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 3 <= pages <= 13, f"the timeline prints on {pages} A4 pages (budget: about 12; it was 31)"
    style = page.locator('style[media="print"]').first.inner_text()
    assert "@top-left" in style and "Takaichi" in style
    expect(page.locator(".timeline-filter")).to_be_hidden()


def test_the_not_found_page_says_so_and_leads_to_the_explainer(page: Page, small_site: Site) -> None:
    """The page a server shows for an address the site does not have (404.html)."""
    page.goto(small_site.url("/404.html"))
    expect(page.locator("article h1")).to_have_text("Page not found")
    home = page.get_by_role("link", name="Go to the explainer").get_attribute("href") or ""
    # from any address, the story's front page at the address it is published at (story.yml's site_url)
    assert urllib.parse.urljoin("https://example.org/bridge/gone/page/", home).rstrip(".") == "https://example.org/bridge/"


def test_back_to_the_story_from_a_note_lands_on_the_entry_it_is_about(browser: Browser, real_site: Site) -> None:
    """From the checking page, each note's "Back to the story" leads to the key point or background
    section the note is about (an anchor that is on the page), not to the top of the page.
    Whether the browser then shows it is the browser's part: under heavy load, once in CI, a
    section below a map was out of view (LIMITS.md)."""
    page = new_page(browser, 1280, 720)
    page.goto(real_site.url("/checking/"))
    backs = page.get_by_role("link", name="Back to the story")
    targets = sorted({href for href in (backs.nth(i).get_attribute("href") or "" for i in range(backs.count()))
                      if "background/" in href or "#key-point-" in href})
    assert any("background/" in t for t in targets) and any("#key-point-" in t for t in targets), targets
    for href in targets:
        assert "#" in href, href  # a place on the page, not its top
        page.goto(urllib.parse.urljoin(real_site.url("/checking/"), href))
        anchor = href.split("#", 1)[1]
        expect(page.locator(f"[id='{anchor}']")).to_have_count(1)
    page.context.close()


def test_a_glossary_term_shows_its_definition_to_the_keyboard_and_to_a_tap(browser: Browser, real_site: Site) -> None:
    """The theme shows a term's definition on hover; the first marked use of each term on a page
    can also be reached with Tab, or tapped on a phone, and shows the same tooltip. A term
    marked again later (Zensical marks every use) is not a second tab stop."""
    page = new_page(browser)
    page.goto(real_site.url("/"))
    terms = page.evaluate("""() => [...document.querySelectorAll('.md-content abbr')]
        .filter(a => !a.closest('a')).map(a => [a.textContent.trim().toLowerCase(), a.getAttribute('tabindex')])""")
    # the definitions as written in the page (the theme takes a title away once it shows it)
    definitions = dict(page.evaluate("""() => [...document.querySelectorAll('.md-content abbr[title]')]
        .map(a => [a.textContent.trim().toLowerCase(), a.getAttribute('title')])"""))
    assert len(terms) >= 5
    focusable = [t for t, tabindex in terms if tabindex == "0"]
    assert sorted(focusable) == sorted({t for t, _ in terms})  # one tab stop per term
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.tagName") == "ABBR":
            break
    else:
        raise AssertionError("Tab never reached a glossary term")
    definition = definitions[page.evaluate("() => document.activeElement.textContent.trim().toLowerCase()")]
    expect(page.locator(".md-tooltip2--active")).to_contain_text(definition[:40])
    phone = browser.new_page(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    phone.goto(real_site.url("/"))
    term = phone.locator(".md-content abbr[tabindex='0']").first
    definition = definitions[term.text_content().strip().lower()]
    term.scroll_into_view_if_needed()
    term.tap()
    expect(phone.locator(".md-tooltip2--active")).to_contain_text(definition[:40])
    phone.close()


def _tab_to(page: Page, is_target: str, presses: int = 40) -> list[str]:
    """Press Tab until the JavaScript predicate holds for the focused element; what was focused
    on the way, each as 'visible' or 'hidden'."""
    seen = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("""() => { const r = document.activeElement.getBoundingClientRect();
            return r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth && r.bottom > 0
                && r.top < innerHeight ? 'visible' : 'hidden' }"""))
        if page.evaluate(is_target):
            return seen
    raise AssertionError(f"Tab never reached it: {seen}")


def test_at_phone_width_the_menu_is_a_keyboard_button_and_a_closed_menu_is_out_of_the_tab_order(
        browser: Browser, small_site: Site) -> None:
    page = new_page(browser, 360, 740)
    page.goto(small_site.url("/"))
    menu = "() => document.activeElement.matches('.md-header button.ex-menu')"
    _tab_to(page, menu, 5)
    assert page.evaluate("() => document.activeElement.getAttribute('aria-expanded')") == "false"
    # the closed drawer's links are not tab stops: Tab goes from the header to the page
    _tab_to(page, "() => !!document.activeElement.closest('.md-content')", 6)
    assert page.locator(".md-sidebar--primary").get_attribute("inert") == ""
    page.locator(".md-header .ex-menu").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#__drawer")).to_be_checked()
    assert page.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')")  # focus moved into it
    assert page.locator(".md-sidebar--primary").get_attribute("inert") is None
    expect(page.locator(".md-sidebar--primary .md-nav__link", has_text="Timeline").first).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#__drawer")).not_to_be_checked()
    assert page.evaluate(menu)  # back on the menu button
    page.locator(".md-header .ex-menu").click()  # and it opens by a tap or click as the theme's did
    expect(page.locator("#__drawer")).to_be_checked()
    expect(page.locator(".md-header label[for='__drawer']")).to_be_hidden()  # no second menu icon


def _press_and_settle(page: Page, key: str) -> None:
    """Press a key and wait out the theme's transitions (its drawer, search and overlay slide or
    fade for 250 ms), so that what the reader sees is judged, not a frame of an animation."""
    page.keyboard.press(key)
    page.wait_for_timeout(400)


# Whether the reader can see the focused element: on screen, not hidden, and not covered or
# clipped (what the page shows at its middle is the element itself or something inside it).
_FOCUS_SHOWN = """() => { const e = document.activeElement;
    const shown = x => { const b = x.getBoundingClientRect(), s = getComputedStyle(x);
        if (!(b.width > 0 && b.height > 0 && b.right > 0 && b.left < innerWidth && b.bottom > 0
              && b.top < innerHeight && s.visibility === 'visible')) return false;
        const top = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
        return !!top && (top === x || x.contains(top)); };
    // the theme's palette switch is a zero-size radio button whose label shows the focus ring
    return shown(e) || (e.matches('input.md-option') && !!e.nextElementSibling && shown(e.nextElementSibling)); }"""


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("query", ["", "bridge"])
def test_tab_from_the_search_box_goes_on_to_something_the_reader_can_see(browser: Browser, small_site: Site,
                                                                         width: int, query: str) -> None:
    """The theme closes its search when Tab leaves the box. The focus then goes on to the page,
    never onto the closed results (a scrolling box without height on a wide screen, sliding away
    on a phone), with the box empty or holding a query. Every stop on the way is visible."""
    page = new_page(browser, width, 740)
    page.goto(small_site.url("/timeline/"))
    seen = _tab_to_search(page, small_site)
    if query and small_site.engine == "mkdocs":
        page.keyboard.type(query)
        expect(results(page).first).to_be_visible()
    for _ in range(3):
        _press_and_settle(page, "Tab")
        seen.append(page.evaluate(_FOCUS_SHOWN))
    assert all(seen), f"a Tab stop the reader cannot see: {seen}"
    assert not page.evaluate("() => !!document.activeElement.closest('.md-search__output')")
    page.context.close()


def _tab_to_search(page: Page, site: Site) -> list[str]:
    """Press Tab until the search control has the focus (Material: its box; Zensical: its
    button, or below 60em the header's search icon); whether each stop on the way was visible."""
    control = ".md-search__button, .md-header label[for='__search']" if site.engine == "zensical" \
        else ".md-search__input"
    seen = []
    for _ in range(8):
        _press_and_settle(page, "Tab")
        seen.append(page.evaluate(_FOCUS_SHOWN))
        if page.evaluate(f"() => document.activeElement.matches({control!r})"):
            return seen
    raise AssertionError(f"Tab never reached the search control {control}")


def test_on_a_phone_the_keyboard_reaches_search_and_finds_a_result(browser: Browser, small_site: Site) -> None:
    """Below 60em Zensical opens search from an icon in the header that was a bare <label>,
    out of the keyboard's reach; explainer.js makes it a button. With either engine a keyboard
    user reaches search with Tab, opens it with Enter, and types a query that finds results."""
    page = new_page(browser, 360, 740)
    page.goto(small_site.url("/timeline/"))
    assert all(_tab_to_search(page, small_site))
    if small_site.engine == "zensical":
        assert page.evaluate("() => document.activeElement.getAttribute('role')") == "button"
        page.keyboard.press("Enter")
    page.keyboard.type("bridge")
    expect(results(page).first).to_be_visible()
    page.context.close()


def test_tab_through_the_phone_menu_stops_only_on_links_the_reader_can_see(browser: Browser,
                                                                          small_site: Site) -> None:
    """In the phone's drawer, a section's own panel (the page's contents, Background's pages)
    waits off to the side until opened. Its links were tab stops all the same: Tab slid the
    drawer to an empty panel. Every stop while the focus is in the drawer is visible now."""
    page = new_page(browser, 360, 740)
    page.goto(small_site.url("/glossary/"))
    page.locator(".md-header .ex-menu").click()
    stops = []
    for _ in range(30):
        _press_and_settle(page, "Tab")
        if not page.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')"):
            break
        stops.append((page.evaluate("() => document.activeElement.textContent.trim()"), page.evaluate(_FOCUS_SHOWN)))
    assert len(stops) >= 5, stops  # the drawer's pages were reached
    assert all(shown for _, shown in stops), f"hidden stops in the drawer: {[t for t, s in stops if not s]}"
    # Tab past its last link closed it: the focus went on to the page, where the reader sees it
    expect(page.locator("#__drawer")).not_to_be_checked()
    page.wait_for_timeout(400)
    assert page.evaluate(_FOCUS_SHOWN), page.evaluate("() => document.activeElement.outerHTML.slice(0, 80)")
    page.context.close()


def _contrast(fg: str, bg: str) -> float:
    """WCAG contrast ratio of two computed CSS colours (rgb()/rgba(), opaque)."""
    def luminance(css: str) -> float:
        channels = [float(v) / 255 for v in css[css.index("(") + 1:css.index(")")].split(",")[:3]]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_timeline_filters_show_all_button_stays_readable_when_focused_or_hovered(browser: Browser,
                                                                                  small_site: Site,
                                                                                  scheme: str) -> None:
    """The theme fills a focused or hovered button with its accent colour; the button's own text
    colour (the link blue) stayed, at about 1:1 on the red. Its text must keep 4.5:1."""
    page = new_page(browser, 1280, 900, scheme)
    page.goto(small_site.url("/timeline/"))
    button = page.locator(".timeline-filter button[type=reset]")
    for state in ("focus", "hover"):
        getattr(button, state)()
        page.wait_for_timeout(300)  # the theme's colour transition (125 ms)
        fg, bg = button.evaluate("b => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]")
        assert _contrast(fg, bg) >= 4.5, (state, fg, bg)
        page.mouse.move(0, 0)
        page.locator("body").focus()
    page.context.close()


@pytest.mark.parametrize(("width", "height"), [(360, 740), (1280, 800)])
def test_shift_tab_up_the_timeline_never_leaves_the_focus_under_the_sticky_bars(browser: Browser, real_site: Site,
                                                                                width: int, height: int) -> None:
    """The header, the count bar and a phase marker stick at the top of the timeline. Going back
    up with Shift+Tab, the browser scrolled each link only as far as the window's edge: under
    them (11 and 16 of 40 stops at these sizes). The window's scroll padding keeps them clear."""
    page = new_page(browser, width, height)
    page.goto(real_site.url("/timeline/"))
    page.locator("article.event").nth(25).locator("a").last.focus()
    covered = []
    for _ in range(40):
        page.keyboard.press("Shift+Tab")
        page.wait_for_timeout(60)
        where = page.evaluate("""() => { const e = document.activeElement, r = e.getClientRects()[0];
            const top = document.elementFromPoint(r.left + Math.min(r.width / 2, 8), r.top + r.height / 2);
            return top === e || e.contains(top) ? "" : (e.textContent || "").trim().slice(0, 40); }""")
        if where:
            covered.append(where)
    assert covered == [], f"focused links under the sticky bars: {covered}"
    page.context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_every_badges_letters_fit_inside_it(browser: Browser, real_site: Site, width: int) -> None:
    """Badges are two letters in a circle, or three (initials two actors share, told apart) in a
    pill as wide as its letters: none spills out of its shape (MND did, in a circle)."""
    page = new_page(browser, width, 900)
    for path in ("/who-said-what/", "/people/"):
        page.goto(real_site.url(path))
        spilt = page.evaluate("""() => [...document.querySelectorAll('.side-badge')]
            .filter(b => b.scrollWidth > b.clientWidth + 0.5).map(b => b.textContent)""")
        assert spilt == [], (path, spilt)
        assert page.locator(".side-badge--three").count() > 0  # the real story has such badges
    page.context.close()
