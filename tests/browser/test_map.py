"""The locator map in Chromium, at 360 px (a phone) and 1280 px: as wide as the column, every
label at least 12 CSS px and inside its map, and on a background page that asks for it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from .conftest import Site, new_page

# For each map on the page: its box, the column's width, and each label's text, font size in CSS
# px (the font size in SVG units, times the map's drawn width over its viewBox width) and box.
MEASURE = """() => [...document.querySelectorAll('figure.locator-map svg')].map(svg => {
  const r = svg.getBoundingClientRect();
  const scale = r.width / svg.viewBox.baseVal.width;
  const column = svg.closest('article').getBoundingClientRect();
  return {
    box: [r.left, r.top, r.right, r.bottom], column: column.width,
    figure: svg.closest('figure').getBoundingClientRect().width,
    labels: [...svg.querySelectorAll('text')].map(t => {
      const b = t.getBoundingClientRect();
      return {text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale,
              height: b.height, box: [b.left, b.top, b.right, b.bottom], cls: t.getAttribute('class') || ''};
    }),
  };
})"""


def measure(browser: Browser, url: str, width: int) -> list[dict]:  # type: ignore[type-arg]
    page: Page = new_page(browser, width, 900)
    try:
        page.goto(url)
        page.locator("figure.locator-map svg").first.scroll_into_view_if_needed()
        return page.evaluate(MEASURE)
    finally:
        page.context.close()


def check_maps(maps: list[dict], width: int) -> None:  # type: ignore[type-arg]
    assert maps, "no map on the page"
    for m in maps:
        left, top, right, bottom = m["box"]
        assert m["figure"] >= m["column"] - 1, f"the map's figure is {m['figure']} px in a {m['column']} px column"
        assert len(m["labels"]) >= 3
        for label in m["labels"]:
            assert label["px"] >= 12, f"{label['text']!r} is {label['px']:.1f} px at {width} px"
            assert label["height"] >= 12, f"{label['text']!r} box is {label['height']:.1f} px tall"
            x1, y1, x2, y2 = label["box"]
            assert left <= x1 and x2 <= right and top <= y1 and y2 <= bottom, \
                f"{label['text']!r} {label['box']} leaves its map {m['box']} at {width} px"


def overlaps(maps: list[dict]) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    found = []
    for m in maps:
        boxes = [(lab["text"], lab["box"]) for lab in m["labels"]]
        for i, (a, (al, at, ar, ab)) in enumerate(boxes):
            for b, (bl, bt, br, bb) in boxes[i + 1:]:
                if min(ar, br) - max(al, bl) > 1 and min(ab, bb) - max(at, bt) > 1:
                    found.append((a, b))
    return found


@pytest.mark.parametrize("width", [360, 1280])
def test_the_map_fills_the_column_with_labels_of_12_px_inside_it(browser: Browser, reader_site: Site,
                                                                  width: int) -> None:
    maps = measure(browser, reader_site.url("/"), width)
    check_maps(maps, width)
    assert maps[0]["box"][2] - maps[0]["box"][0] >= maps[0]["column"] - 2  # one map: the column's width
    assert {lab["cls"] for lab in maps[0]["labels"]} >= {"area sea", "area region", ""}
    assert overlaps(maps) == []


@pytest.mark.parametrize("width", [360, 1280])
def test_a_background_page_that_asks_for_a_map_shows_it(browser: Browser, reader_site: Site, width: int) -> None:
    maps = measure(browser, reader_site.url("/background/the-harbour/"), width)
    check_maps(maps, width)
    assert [lab["text"] for lab in maps[0]["labels"] if lab["cls"] != ""] == ["The Strait"]  # only its places


def test_a_background_page_without_map_has_none(page: Page, small_site: Site) -> None:
    page.goto(small_site.url("/background/the-harbour/"))
    assert page.locator("figure.locator-map").count() == 0


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", ["/", "/background/taiwan-and-the-southwest-islands/"])
def test_real_story_maps_keep_every_label_inside_and_readable(browser: Browser, real_site: Site, path: str,
                                                              width: int) -> None:
    maps = measure(browser, real_site.url(path), width)
    check_maps(maps, width)
    assert overlaps(maps) == []
    texts = [lab["text"] for m in maps for lab in m["labels"]]
    assert {"Japan", "China", "East China Sea", "Ishigaki", "Taiwan"} <= set(texts)
