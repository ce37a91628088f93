"""The locator map: places from content/places.yml, real GSHHG coastlines, escaped labels."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, StoryTree, check_errors
from generator import map as locator
from generator import models

PLACES = """
title: Where it happened
places:
  - id: yonaguni
    name: Yonaguni
    lat: "24.467"
    lon: "123.004"
  - id: taiwan
    name: Taiwan <b>coast</b>
    lat: "24.750"
    lon: "121.850"
distances:
  - between: [yonaguni, taiwan]
"""


def places(**changes: object) -> models.Places:
    base = {"places": [{"id": "yonaguni", "name": "Yonaguni", "lat": "24.467", "lon": "123.004"},
                       {"id": "taiwan", "name": "Taiwan <b>coast</b>", "lat": "24.750", "lon": "121.850"}],
            "distances": [{"between": ["yonaguni", "taiwan"]}]}
    return models.Places.model_validate({**base, **changes})


def test_great_circle_distance_from_yonaguni_to_taiwan_is_about_110_km() -> None:
    p = places()
    km = locator.great_circle_km(p.places[0], p.places[1])
    assert 110 < km < 125
    assert locator.distance_label(p.distances[0], p) == "about 120 km"


def test_map_draws_real_coastline_around_the_places() -> None:
    svg = locator.svg(places())
    path = re.search(r'<path class="land" d="([^"]*)"', svg)
    assert path is not None
    assert path.group(1).count("M") >= 2  # Taiwan and Yonaguni at least, from the data
    assert len(re.findall(r"-?\d+ -?\d+", path.group(1))) > 40  # an outline of many points, not a box


def test_labels_are_escaped_and_the_svg_has_an_accessible_name() -> None:
    svg = locator.svg(places())
    assert "<b>" not in svg and "Taiwan &lt;\u2060b&gt;coast&lt;\u2060/b&gt;" in svg  # escaped, and inert
    assert 'role="img" aria-label="Map: Yonaguni, Taiwan &lt;' in svg
    assert 'aria-label="拡大地図：Yonaguni, Taiwan &lt;' in locator.svg(places(), close_up=True, language="ja")


def test_another_story_gets_its_own_map() -> None:
    europe = places(places=[{"id": "paris", "name": "Paris", "lat": "48.86", "lon": "2.35"},
                            {"id": "berlin", "name": "Berlin", "lat": "52.52", "lon": "13.40"}], distances=[])
    assert locator.land_path(locator.frame_for(list(europe.places))) != \
        locator.land_path(locator.frame_for(list(places().places)))


def test_unknown_place_in_a_distance_is_reported_with_a_hint(story: StoryTree) -> None:
    story.write("places.yml", PLACES.replace("between: [yonaguni, taiwan]", "between: [yonaguni, taiwon]"))
    errors = check_errors(story.root)
    assert any('place "taiwon" is not in places.yml' in e for e in errors), errors
    assert any('did you mean "taiwan"?' in e for e in errors), errors


def test_latitude_out_of_range_is_reported_naming_the_place(story: StoryTree) -> None:
    story.write("places.yml", PLACES.replace('lat: "24.467"', 'lat: "124.467"'))
    errors = check_errors(story.root)
    assert any(': place "yonaguni": lat 124.467 is outside -90 to 90 (latitude)' in e for e in errors), errors


def test_a_number_with_an_underscore_is_not_read_as_another_number(story: StoryTree) -> None:
    story.write("places.yml", PLACES.replace('lat: "24.467"', 'lat: "24_467"'))
    errors = check_errors(story.root)
    assert any(': place "yonaguni": lat "24_467" is not a number in decimal degrees' in e for e in errors), errors


def test_front_page_shows_the_map_and_its_text_alternative(story: StoryTree) -> None:
    from generator.pipeline import render

    story.write("places.yml", PLACES)
    pages = render(story.root)[1]
    assert '<figure class="locator-map">' in pages["index.md"]
    assert "**On the map:** Yonaguni; Taiwan " in pages["index.md"]
    assert "Yonaguni to Taiwan " in pages["index.md"] and "about 120 km" in pages["index.md"]


def _frame() -> locator.Frame:
    return locator.frame_for(places().places)


def test_a_drawn_coastline_is_kept_and_read_back_the_same(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("STORY_CACHE_DIR", str(tmp_path))
    drawn = locator.land_path(_frame())
    assert drawn.startswith("M") and len(list((tmp_path / "maps").glob("land-*"))) == 1

    def no_drawing(frame: locator.Frame) -> str:
        raise AssertionError("drew the coastline again instead of reading the cache")

    monkeypatch.setattr(locator, "_draw_land", no_drawing)
    assert locator.land_path(_frame()) == drawn


def test_the_cache_gives_the_same_map_as_drawing_it(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("STORY_CACHE_DIR", "off")
    uncached = locator.svg(places())
    monkeypatch.setenv("STORY_CACHE_DIR", str(tmp_path))
    assert locator.svg(places()) == uncached  # drawn and stored
    assert locator.svg(places()) == uncached  # read back


def test_moving_a_place_draws_a_new_coastline(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("STORY_CACHE_DIR", str(tmp_path))
    locator.land_path(_frame())
    moved = places(places=[{"id": "yonaguni", "name": "Yonaguni", "lat": "24.467", "lon": "123.004"},
                           {"id": "senkaku", "name": "Senkaku", "lat": "25.744", "lon": "123.474"}])
    locator.land_path(locator.frame_for(moved.places))
    assert len(list((tmp_path / "maps").glob("land-*"))) == 2


def test_a_damaged_cache_file_is_drawn_again_and_replaced(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("STORY_CACHE_DIR", str(tmp_path))
    drawn = locator.land_path(_frame())
    (cached,) = (tmp_path / "maps").glob("land-*")
    cached.write_text(cached.read_text()[:-40])  # cut short, as a full disk might leave it
    assert locator.land_path(_frame()) == drawn
    assert cached.read_text().endswith(drawn)
    cached.write_bytes(b"\xff\xfe not text")
    assert locator.land_path(_frame()) == drawn


def test_an_unwritable_cache_folder_still_gives_the_map(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("STORY_CACHE_DIR", str(blocker / "cache"))
    assert locator.land_path(_frame()).startswith("M")


# --- kinds, the frame, labels -------------------------------------------------------------------

def story_places(folder: Path) -> models.Places:
    from generator.load import load_content

    content, _, errors = load_content(folder)
    assert not errors and content.places is not None
    return content.places


REAL = ROOT / "content"
READER = FIXTURES / "reader_story"


def labels_of(svg: str) -> list[tuple[float, float, str, str, str]]:
    """(x, y, anchor, class, text) of every label in the SVG."""
    found = re.findall(r'<text(?: class="([^"]*)")? x="(-?\d+)" y="(-?\d+)"(?: text-anchor="(\w+)")?>([^<]*)</text>', svg)
    return [(float(x), float(y), anchor or "start", cls, html.unescape(text)) for cls, x, y, anchor, text in found]


def label_boxes(svg: str) -> list[tuple[str, locator.Box]]:
    out = []
    for x, y, anchor, cls, text in labels_of(svg):
        bold = 'class="distance"' in svg.split(f">{html.escape(text, quote=True)}</text>")[0].rsplit("<g", 1)[-1]
        width = locator.text_width(text, bold=bold, caps="country" in cls or "region" in cls)
        out.append((text, locator._box(x, y, anchor, width)))
    return out


def size(svg: str) -> tuple[int, int]:
    w, h = re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).groups()  # type: ignore[union-attr]
    return int(w), int(h)


def test_countries_and_seas_are_names_without_a_dot_and_places_keep_theirs() -> None:
    p = places(places=[{"id": "yonaguni", "name": "Yonaguni", "lat": "24.467", "lon": "123.004", "kind": "island"},
                       {"id": "taiwan", "name": "Taiwan", "lat": "24.750", "lon": "121.850"},
                       {"id": "sea", "name": "East China Sea", "lat": "25.300", "lon": "122.800", "kind": "sea"},
                       {"id": "land", "name": "Taiwan island", "label": "Taiwan", "lat": "23.6", "lon": "120.95",
                        "kind": "region"}])
    svg = locator.svg(p)
    assert svg.count("<circle") == 2  # the island and the default kind; none for the sea or the region
    assert '<text class="area sea"' in svg and ">East China Sea</text>" in svg
    assert '<text class="area region"' in svg
    assert locator.alt_text(p) == "Map: Yonaguni, Taiwan; also named: East China Sea, Taiwan"


def test_an_unknown_kind_is_refused_with_the_choices(story: StoryTree) -> None:
    story.write("places.yml", PLACES.replace('lon: "123.004"', 'lon: "123.004"\n    kind: ocean'))
    errors = check_errors(story.root)
    assert any("kind" in e and "sea" in e and "country" in e for e in errors), errors


@pytest.mark.parametrize("folder", [REAL, READER], ids=["real story", "reader fixture"])
def test_the_frame_holds_every_place_with_a_margin(folder: Path) -> None:
    pl = story_places(folder)
    for ids in (None, list(pl.close_up) or None):
        chosen = [p for p in pl.places if ids is None or p.id in ids]
        frame = locator.frame_for(chosen)
        for p in chosen:
            x, y = frame.xy(float(p.lon), float(p.lat))
            assert 0.1 * frame.width < x < 0.9 * frame.width and 0.1 * frame.height < y < 0.9 * frame.height, p.id


def test_the_whole_island_under_a_dot_is_in_the_frame() -> None:
    """The dot marks Taiwan's northeast coast; the map shows the island down to its southern tip
    (about 21.9 N) and its west coast (about 120.0 E), though no place is there."""
    frame = locator.frame_for(places().places)
    assert frame.south < 21.85 and frame.west < 120.0
    assert frame.north > 24.75 and frame.east > 123.004


def test_a_continent_under_a_dot_is_not_drawn_whole() -> None:
    cities = [{"id": "beijing", "name": "Beijing", "lat": "39.904", "lon": "116.407"},
              {"id": "shanghai", "name": "Shanghai", "lat": "31.230", "lon": "121.474"}]
    frame = locator.frame_for(places(places=cities, distances=[]).places)
    assert 100 < frame.west < 116 and frame.east < 130 and frame.north < 45


def test_a_name_without_a_dot_does_not_pull_in_land() -> None:
    sea = places(places=[{"id": "sea", "name": "Sea", "lat": "24.000", "lon": "121.000", "kind": "sea"},
                         {"id": "yonaguni", "name": "Yonaguni", "lat": "24.467", "lon": "123.004"}], distances=[])
    frame = locator.frame_for(sea.places)  # the sea's point is on Taiwan: Taiwan is not made whole
    assert frame.north < 25.3


@pytest.mark.parametrize("folder", [REAL, READER], ids=["real story", "reader fixture"])
def test_every_label_lies_inside_the_map_and_none_covers_another(folder: Path) -> None:
    pl = story_places(folder)
    maps = [locator.svg(pl)] + ([locator.svg(pl, list(pl.close_up))] if pl.close_up else [])
    for svg in maps:
        width, height = size(svg)
        boxes = label_boxes(svg)
        assert len(boxes) == len(labels_of(svg)) >= 3
        for text, (left, top, right, bottom) in boxes:
            assert 0 <= left and right <= width and 0 <= top and bottom <= height, (text, left, top, right, bottom)
        for i, (a, box_a) in enumerate(boxes):
            for b, box_b in boxes[i + 1:]:
                assert locator._overlap(box_a, box_b) == 0, (a, b)


def test_a_label_at_the_edge_moves_inside_the_map() -> None:
    """Ishigaki, labelled on the right at the map's east edge, was cut off: it now fits."""
    edge = places(places=[{"id": "taiwan", "name": "Taiwan", "lat": "24.750", "lon": "121.850"},
                          {"id": "far", "name": "A very long name for a place", "lat": "24.406",
                           "lon": "124.175", "side": "right"},
                          {"id": "sea", "name": "Sea with an even longer name than that", "lat": "25.5",
                           "lon": "124.5", "kind": "sea"}], distances=[])
    svg = locator.svg(edge)
    width, height = size(svg)
    for text, (left, top, right, bottom) in label_boxes(svg):
        assert 0 <= left and right <= width and 0 <= top and bottom <= height, text
    far = next(lab for lab in labels_of(svg) if lab[4].startswith("A very"))
    assert far[2] == "end"  # moved to the left of its dot


def test_labels_are_big_enough_for_a_phone() -> None:
    """Text is drawn at the svg's font-size: 12 CSS px or more once the map is scaled to the 328 px
    column of a 360 px phone (the browser test measures it on a page)."""
    svg = locator.svg(places())
    font = float(re.search(r'<svg [^>]*font-size="(\d+)"', svg).group(1))  # type: ignore[union-attr]
    assert font * 328 / size(svg)[0] >= 12


# --- background pages ------------------------------------------------------------------------

HARBOUR_MAP = "map:\n  places: [yonaguni, taiwan]\nsections:\n"


def test_a_background_page_can_ask_for_a_map_of_some_places(story: StoryTree) -> None:
    from generator.pipeline import render

    story.write("places.yml", PLACES.replace("distances:", """  - id: sea
    name: East China Sea
    lat: "25.500"
    lon: "123.000"
    kind: sea
distances:"""))
    story.replace("background/the-harbour.yml", "sections:\n", HARBOUR_MAP)
    page = render(story.root)[1]["background/the-harbour.md"]
    assert "## Map { #map }" in page and '<figure class="locator-map">' in page
    assert page.count("<svg") == 1 and "East China Sea" not in page  # only the places asked for
    assert "**On the map:** Yonaguni; Taiwan " in page and "Yonaguni to Taiwan " in page


def test_a_background_page_without_places_gets_the_front_page_map(story: StoryTree) -> None:
    from generator.pipeline import render

    story.write("places.yml", PLACES + "close_up: [yonaguni, taiwan]\n")
    story.replace("background/the-harbour.yml", "sections:\n", "map:\n  title: Where it is\nsections:\n")
    pages = render(story.root)[1]
    assert "## Where it is { #map }" in pages["background/the-harbour.md"]
    assert pages["background/the-harbour.md"].count("<svg") == 2  # the map and its close-up
    assert 'aria-label="Close-up map: Yonaguni, Taiwan' in pages["background/the-harbour.md"]


def test_a_background_page_without_a_map_field_has_no_map(story: StoryTree) -> None:
    from generator.pipeline import render

    story.write("places.yml", PLACES)
    assert "<svg" not in render(story.root)[1]["background/the-harbour.md"]


def test_an_unknown_place_on_a_background_map_is_reported_with_its_line_and_a_hint(story: StoryTree) -> None:
    story.write("places.yml", PLACES)
    story.replace("background/the-harbour.yml", "sections:\n", "map:\n  places: [yonaguni, taiwon]\nsections:\n")
    errors = check_errors(story.root)
    assert any(e.startswith("content/background/the-harbour.yml:7:")
               and 'background "the-harbour" map: place "taiwon" is not in places.yml' in e for e in errors), errors
    assert any('did you mean "taiwan"?' in e for e in errors), errors


def test_a_background_map_without_places_yml_is_reported(story: StoryTree) -> None:
    story.replace("background/the-harbour.yml", "sections:\n", HARBOUR_MAP)
    errors = check_errors(story.root)
    assert any("the-harbour.yml:7:" in e and "asks for a map, but the story has no places.yml" in e
               for e in errors), errors


def test_the_text_alternative_names_the_areas_too(story: StoryTree) -> None:
    from generator.pipeline import render

    story.write("places.yml", PLACES.replace("distances:", """  - id: sea
    name: East China Sea
    native: 東シナ海
    lat: "25.500"
    lon: "123.000"
    kind: sea
distances:"""))
    index = render(story.root)[1]["index.md"]
    assert "**On the map:** Yonaguni; Taiwan " in index and ". **Also named:** East China Sea (<span lang=\"ja\">東シナ海</span>).\n" in index
    assert 'aria-label="Map: Yonaguni, Taiwan' in index and "also named: East China Sea" in index
