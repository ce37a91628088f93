"""The locator map: places from content/places.yml, real GSHHG coastlines, escaped labels."""

from __future__ import annotations

import re

from conftest import StoryTree, check_errors
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
    svg = locator.svg(places(), title='Map of "here"')
    assert "<b>" not in svg and "Taiwan &lt;\u2060b&gt;coast&lt;\u2060/b&gt;" in svg  # escaped, and inert
    assert 'role="img" aria-label="Map of &quot;here&quot;"' in svg


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
    assert drawn.startswith("M") and len(list((tmp_path / "maps").iterdir())) == 1

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
                           {"id": "taiwan", "name": "Taiwan", "lat": "25.100", "lon": "121.500"}])
    locator.land_path(locator.frame_for(moved.places))
    assert len(list((tmp_path / "maps").iterdir())) == 2


def test_a_damaged_cache_file_is_drawn_again_and_replaced(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("STORY_CACHE_DIR", str(tmp_path))
    drawn = locator.land_path(_frame())
    (cached,) = (tmp_path / "maps").iterdir()
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
