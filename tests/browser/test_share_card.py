"""The share card in Chromium: every page's og:image names a PNG the site itself serves, which
loads as a 1200 x 630 image, and reading the tags asks no other host for anything."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from conftest import SMALL

from .conftest import Site, build, foreign_requests, serve

PLACES = """\
places:
  - id: harbour
    name: Riverton harbour
    lat: "51.45"
    lon: "-2.60"
  - id: old-town
    name: Eastport old town
    lat: "51.50"
    lon: "-3.20"
    side: left
distances:
  - between: [harbour, old-town]
"""


@pytest.fixture(scope="module")
def unaddressed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The small story with a map and without site_url: the card's address is relative."""
    root = tmp_path_factory.mktemp("browser-card")
    content = root / "content"
    shutil.copytree(SMALL, content)
    story = content / "story.yml"
    text = story.read_text(encoding="utf-8")
    assert "site_url: https://example.org/bridge/\n" in text
    story.write_text(text.replace("site_url: https://example.org/bridge/\n", ""), encoding="utf-8")
    (content / "places.yml").write_text(PLACES, encoding="utf-8")
    yield from serve(build(content, root / "site"))


FETCH_IMAGE = """async (address) => {
  const response = await fetch(address);
  const blob = await response.blob();
  const bitmap = await createImageBitmap(blob);
  return {status: response.status, type: response.headers.get("content-type"), url: response.url,
          width: bitmap.width, height: bitmap.height};
}"""


def og_image(page: Page) -> str:
    tags = page.locator('meta[property="og:image"]')
    assert tags.count() == 1
    return tags.get_attribute("content") or ""


@pytest.mark.parametrize("path", ["/", "/timeline/", "/background/the-harbour/"])
def test_og_image_is_a_local_png_that_loads(page: Page, unaddressed_site: Site, path: str) -> None:
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(unaddressed_site.url(path))
    address = og_image(page)
    assert address and not address.startswith(("http:", "https:", "//")), address
    resolved = page.evaluate("a => new URL(a, document.baseURI).href", address)
    assert resolved == unaddressed_site.url("/assets/share-card.png")
    loaded = page.evaluate(FETCH_IMAGE, address)
    assert loaded == {"status": 200, "type": "image/png", "url": resolved, "width": 1200, "height": 630}
    assert page.locator('meta[name="twitter:card"]').get_attribute("content") == "summary_large_image"
    alt = page.locator('meta[property="og:image:alt"]').get_attribute("content")
    assert alt == "The harbour bridge dispute. Map: Riverton harbour, Eastport old town"
    assert foreign_requests(requested, unaddressed_site.base) == []


def test_with_a_site_url_og_image_is_absolute_and_names_the_file_the_site_serves(page: Page, small_site: Site) -> None:
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(small_site.url("/timeline/"))
    address = og_image(page)
    base = "https://example.org/bridge/"
    assert address == base + "assets/share-card.png"
    # the same file, on the site as served here
    loaded = page.evaluate(FETCH_IMAGE, small_site.url("/" + address.removeprefix(base)))
    assert (loaded["status"], loaded["type"], loaded["width"], loaded["height"]) == (200, "image/png", 1200, 630)
    assert foreign_requests(requested, small_site.base) == []  # the tag is never fetched by the page

