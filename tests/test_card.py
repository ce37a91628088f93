"""The share card (generator/card.py): a 1200 x 630 PNG of the title, dek and locator map, drawn
offline, the same bytes every time, and never with boxes for characters its font lacks."""

from __future__ import annotations

import io
import struct
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageStat

from conftest import StoryTree
from generator import card, models
from generator.locales import strings
from generator.write import write_pages

PLACES = {"places": [{"id": "yonaguni", "name": "Yonaguni", "lat": "24.467", "lon": "123.004", "side": "below"},
                     {"id": "taiwan", "name": "Taiwan", "lat": "24.750", "lon": "121.850", "side": "left"},
                     {"id": "tokyo", "name": "Tokyo", "lat": "35.676", "lon": "139.650"}],
          "distances": [{"between": ["yonaguni", "taiwan"]}]}


def view(title: str = "The harbour bridge dispute", dek: str = "A city council vote on a new bridge split two towns.",
         site_url: str | None = "https://example.org/bridge/", places: dict[str, Any] | None = PLACES,
         language: str = "en") -> Any:
    """What the card reads of a StoryView: the story and its places."""
    story = models.Story.model_validate({"title": title, "dek": dek, "summary": "S.", "published": "2026-03-10",
                                         "site_url": site_url, "language": language})
    return SimpleNamespace(story=story, content=SimpleNamespace(places=models.Places.model_validate(places)
                                                          if places else None))


def picture(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def dark_pixels(image: Image.Image, box: tuple[int, int, int, int]) -> int:
    """Pixels in box at least as dark as text ink (the map's sea and land are far lighter)."""
    grey = image.crop(box).convert("L")
    return sum(grey.histogram()[:90])


TEXT_COLUMN = (0, 0, card.WIDTH - card.MAP_WIDTH, card.HEIGHT)


def test_the_card_is_a_1200_by_630_rgb_png_with_a_picture_on_it() -> None:
    image = picture(card.card_png(view()))
    assert image.format == "PNG" and image.size == (1200, 630) and image.mode == "RGB"
    stddev = ImageStat.Stat(image.convert("L")).stddev[0]
    assert stddev > 20, stddev  # not one flat colour
    # the map panel on the right holds land and sea, not only white
    assert len(image.crop((700, 0, 1200, 630)).getcolors(1 << 20) or []) > 50


def test_the_title_is_drawn() -> None:
    with_title = picture(card.card_png(view()))
    other_title = picture(card.card_png(view(title="A quite different headline")))
    assert ImageChops.difference(with_title, other_title).getbbox() is not None
    assert dark_pixels(with_title, TEXT_COLUMN) > 2000


def test_a_title_the_font_cannot_draw_gives_the_map_and_the_site_name_without_boxes() -> None:
    japanese = view(title="高市首相の台湾答弁", dek="中国が反発した。")
    data = card.card_png(japanese)
    # nothing of the title or dek is on it: the same picture as a story with no text at all
    assert data == card._draw("", "", "example.org", card._plan(japanese.story, japanese.content.places)["places"]
                              .model_dump_json())
    assert data != card.card_png(view())
    image = picture(data)
    assert image.size == (1200, 630) and ImageStat.Stat(image.convert("L")).stddev[0] > 10
    assert card.alt_text(japanese) == "Map: Yonaguni, Taiwan, Tokyo"
    in_japanese = view(title="高市首相の台湾答弁", language="ja")
    assert card.alt_text(in_japanese) == strings("ja").t("map.alt", places="Yonaguni, Taiwan, Tokyo")
    assert card.alt_text(in_japanese) != card.alt_text(japanese)  # the story's language, not English


def test_one_character_the_font_lacks_drops_the_whole_title_not_that_character() -> None:
    mixed = view(title="Takaichi (高市) and Taiwan")
    assert card.card_png(mixed) == card.card_png(view(title="高市"))
    assert "Takaichi" not in card.alt_text(mixed)


def test_without_a_map_or_a_drawable_title_the_card_still_shows_the_site() -> None:
    image = picture(card.card_png(view(title="高市首相", places=None)))
    assert ImageStat.Stat(image.convert("L")).stddev[0] > 10
    assert card.alt_text(view(title="高市首相", places=None)) == "example.org"


def test_a_dek_the_font_cannot_draw_is_left_out_and_the_title_kept() -> None:
    assert card.card_png(view(dek="中国が反発した。")) == card._draw(
        "The harbour bridge dispute", "", "example.org", models.Places.model_validate(PLACES).model_dump_json())


def test_glyph_coverage() -> None:
    assert all(card.has_glyph(c) for c in "Aé–—€ÅØŁœẞ“”‘’…ΩЖș")
    assert not any(card.has_glyph(c) for c in "日本台😀ب\u0301")
    assert card.drawable(card.clean("Cafe\u0301 – 2026"))  # composed to é
    assert card.clean("a\u00adb\u200dc  d\u3000e") == "abc d e"  # invisible format characters, any space


def test_long_titles_shrink_then_wrap_to_four_lines_and_end_in_an_ellipsis() -> None:
    width = 588
    face, lines = card._title_lines("Short title", width)
    assert face.size == card.TITLE_SIZES[0] and lines == ["Short title"]
    long = " ".join(["Parliament"] * 45)  # 494 characters: near the 500 a title may have
    face, lines = card._title_lines(long, width)
    assert face.size == card.TITLE_SIZES[-1] and len(lines) == card.TITLE_LINES
    assert lines[-1].endswith("…") and all(face.getlength(line) <= width for line in lines)
    one_word = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung"
    lines = card.wrap(one_word, face, 300)
    assert "".join(lines) == one_word and len(lines) > 1 and all(face.getlength(x) <= 300 for x in lines)
    picture(card.card_png(view(title=long, dek=long)))  # draws


def test_the_png_is_the_same_bytes_every_time_and_carries_no_timestamp_or_text() -> None:
    first = card.card_png(view())
    card._draw.cache_clear()
    card.font.cache_clear()
    assert card.card_png(view()) == first
    chunks, at = [], 8
    while at < len(first):
        length, kind = struct.unpack(">I4s", first[at:at + 8])
        chunks.append(kind.decode())
        at += 12 + length
    assert set(chunks) == {"IHDR", "IDAT", "IEND"}, chunks


def test_the_card_is_written_beside_the_pages_and_removed_when_gone(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    png = card.card_png(view())
    report = write_pages({"index.md": "a\n"}, out, card.card_files(view()))
    assert (out / card.PATH).read_bytes() == png and report.written == ["assets/share-card.png", "index.md"]
    again = write_pages({"index.md": "a\n"}, out, {card.PATH: png})
    assert again.written == [] and again.unchanged == 2
    gone = write_pages({"index.md": "a\n"}, out)
    assert gone.removed == [card.PATH] and not (out / "assets").exists()
    with pytest.raises(ValueError, match="both a page and a file"):
        write_pages({"x.png": "a"}, out, {"x.png": b"a"})


def test_render_writes_the_card_of_the_story_and_the_theme_gets_its_tags(story: StoryTree, tmp_path: Path) -> None:
    from generator.pipeline import render_to

    view_, report = render_to(story.root, tmp_path / "docs")
    assert card.PATH in report.written
    written = picture((tmp_path / "docs" / card.PATH).read_bytes())
    assert written.size == (1200, 630)
    meta = card.share_card(view_)
    assert meta == {"path": "assets/share-card.png", "width": 1200, "height": 630, "type": "image/png",
                    "alt": "The harbour bridge dispute"}


def accent_pixels(image: Image.Image) -> int:
    """Pixels of the dots' red (no other part of the map is red)."""
    return sum(1 for r, g, b in image.crop((card.WIDTH - card.MAP_WIDTH, 0, card.WIDTH, card.HEIGHT)).get_flattened_data()
               if r > 140 and g < 80 and b < 80)


def test_countries_and_seas_are_names_without_a_dot_as_on_the_pages_map() -> None:
    with_sea = {**PLACES, "places": [*PLACES["places"], {"id": "east-china-sea", "name": "East China Sea",
                                                        "kind": "sea", "lat": "29.0", "lon": "125.0"}]}
    plain_card = picture(card.card_png(view(places=PLACES)))
    sea_card = picture(card.card_png(view(places=with_sea)))
    assert accent_pixels(sea_card) == accent_pixels(plain_card) > 0  # the sea adds no dot
    assert ImageChops.difference(sea_card, plain_card).getbbox() is not None  # but its name is drawn
