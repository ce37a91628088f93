"""Both engines lay every page out the same way, as a reader sees it: the same header, a search
control that is styled and sits in the header on one line, the same content column and title.

Pixels are not compared (fonts, icons and Zensical's own search button differ by design; the
pictures are made by scripts/compare_engines.py for a person to look at): a few measurements of
the layout are, on every page of the small story, at a phone's and a desktop's width. This test
catches Zensical's header showing Material's search form unstyled (a bare input, its icons
stacked below it, "Initializing search" as visible text), and its search button standing
12rem from the header's end (overrides/assets/stylesheets/zensical.css)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser

from conftest import SMALL

from .conftest import ENGINES, Site, built, new_page, serve

# As in scripts/compare_engines.py: Zensical reserves the scrollbar's place, which headless
# Chromium keeps empty; measured as with overlay scrollbars, the two columns line up exactly.
NO_GUTTER = "html { scrollbar-gutter: auto !important }"

MEASURE = """() => {
  const box = (el) => { const r = el.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height}; };
  const shown = (el) => !!el && el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})
                        && el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0;
  const header = document.querySelector('.md-header');
  // what a reader sees of search before opening it: Material's form, Zensical's button, or the
  // icon button of either on a phone
  const control = ['.md-search__form', '.md-search__button', 'label.md-header__button[for="__search"]']
    .map((s) => document.querySelector(s)).find(shown);
  const style = control ? getComputedStyle(control) : null;
  const h1 = document.querySelector('.md-content h1');
  return {
    header: box(header),
    headerBackground: getComputedStyle(header).backgroundColor,
    control: control ? {...box(control), cls: control.className, background: style.backgroundColor,
                        border: parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth),
                        radius: parseFloat(style.borderTopLeftRadius)} : null,
    // everything visible in the search control (icons, the field, its labels)
    parts: control ? [...control.querySelectorAll('*')].filter(shown).map((e) => ({tag: e.tagName, ...box(e)})) : [],
    content: box(document.querySelector('.md-content')),
    h1: h1 ? box(h1) : null,
    // the texts a reader can see (on screen, not transparent, not covered), by the words they contain
    loadingShown: [...document.querySelectorAll('body *')].filter((el) =>
      [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.includes('Initializing search'))
      && shown(el) && (() => { const r = el.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
        return x >= 0 && y >= 0 && x < innerWidth && y < innerHeight && el.contains(document.elementFromPoint(x, y)); })()
    ).map((el) => el.outerHTML.slice(0, 120)),
    scrollWidth: document.documentElement.scrollWidth,
  };
}"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Site]]:
    """The small story built with each engine, both served at once."""
    servers = {engine: serve(built(tmp_path_factory, "small", SMALL, engine), engine) for engine in ENGINES}
    try:
        yield {engine: next(server) for engine, server in servers.items()}
    finally:
        for server in servers.values():
            server.close()


def measure(browser: Browser, sites: dict[str, Site], width: int) -> dict[str, dict[str, dict[str, Any]]]:
    """For each page of the story, each engine's measurements at this width."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    page = new_page(browser, width, 800)
    try:
        for path in sites["mkdocs"].pages():
            for engine, site in sites.items():
                page.goto(site.url(path), wait_until="networkidle")
                page.add_style_tag(content=NO_GUTTER)
                out.setdefault(path, {})[engine] = page.evaluate(MEASURE)
    finally:
        page.context.close()
    return out


def check_search_control(m: dict[str, Any], where: str, width: int) -> None:
    """The search control is in the header, on one line, and (where it is a field) styled."""
    control, header = m["control"], m["header"]
    assert control, f"{where}: no search control is visible in the header"
    assert header["y"] <= control["y"] and control["y"] + control["h"] <= header["y"] + header["h"] + 0.5, \
        f"{where}: the search control ({control}) does not fit in the header ({header})"
    for part in m["parts"]:
        assert control["y"] - 0.5 <= part["y"] and part["y"] + part["h"] <= control["y"] + control["h"] + 0.5, \
            f"{where}: a {part['tag']} of the search control is stacked outside it ({part} in {control})"
    if width >= 1220:  # the header shows a search field, not only its icon
        assert control["w"] >= 150, f"{where}: the search field is {control['w']} px wide"
        styled = control["background"] not in ("rgba(0, 0, 0, 0)", "transparent", m["headerBackground"])
        assert styled or control["border"] > 0, f"{where}: the search field has no background or border: {control}"
    assert not m["loadingShown"], f"{where}: the search's loading message is shown as text: {m['loadingShown']}"


@pytest.mark.parametrize("width", [360, 1280])
def test_both_engines_lay_out_every_page_alike(browser: Browser, sites: dict[str, Site], width: int) -> None:
    measured = measure(browser, sites, width)
    assert len(measured) >= 9, "the small story has fewer pages than expected"
    for path, engines in measured.items():
        for engine, m in engines.items():
            check_search_control(m, f"{engine} {path} at {width} px", width)
            assert m["scrollWidth"] <= width, f"{engine} {path} scrolls sideways at {width} px"
            assert m["h1"], f"{engine} {path} has no title"
        material, zensical = engines["mkdocs"], engines["zensical"]
        where = f"{path} at {width} px: MkDocs {{}} vs Zensical {{}}"
        assert abs(material["header"]["h"] - zensical["header"]["h"]) <= 1, \
            where.format(material["header"], zensical["header"])
        assert abs(material["control"]["h"] - zensical["control"]["h"]) <= 4, \
            where.format(material["control"], zensical["control"])
        right = [m["control"]["x"] + m["control"]["w"] for m in (material, zensical)]  # at the header's end
        assert abs(right[0] - right[1]) <= 16, where.format(material["control"], zensical["control"])
        assert abs(material["content"]["w"] - zensical["content"]["w"]) <= 4, \
            where.format(material["content"], zensical["content"])
        assert abs(material["h1"]["x"] - zensical["h1"]["x"]) <= 4, where.format(material["h1"], zensical["h1"])
        assert abs(material["h1"]["y"] - zensical["h1"]["y"]) <= 8, where.format(material["h1"], zensical["h1"])
