"""The share card: assets/share-card.png, the picture a shared link to the story shows
(og:image and twitter:card summary_large_image in overrides/main.html).

A 1200 x 630 PNG drawn at build time with Pillow: the story's title and dek on the left, and on
the right the locator map's land, places and distances, from the same projection and GSHHG
coastlines as generator/map.py (drawn here as polygons, not by rasterising the SVG). Offline:
the font ships in generator/fonts/ (Noto Sans, cut to Latin, Greek and Cyrillic; see its README).
Deterministic: the same story gives the same bytes, and the PNG carries no timestamp or text.

Text the font cannot draw is never drawn as empty boxes ("tofu"). Every character is checked:
- a title it cannot draw (Japanese, Arabic, emoji...): no title and no dek; the map fills the
  whole card, with the site's host name (from site_url) when it can be drawn;
- a dek it cannot draw under a title it can: the title alone;
- a place label it cannot draw: the place's dot alone.
The alt text (og:image:alt) says what the card does show."""

from __future__ import annotations

import functools
import io
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from PIL import Image, ImageDraw, ImageFont

from generator import map as locator
from generator import models
from generator.text import inert

if TYPE_CHECKING:
    from generator.story import StoryView

PATH = "assets/share-card.png"  # in the docs folder, and so in the site
WIDTH, HEIGHT = 1200, 630  # the size Open Graph consumers ask for (1.91:1)
MAP_WIDTH = 500  # the map panel on the right
MARGIN = 64
SS = 3  # the map is drawn three times larger, then reduced: Pillow's polygons have no anti-aliasing
TITLE_SIZES = (64, 58, 52, 46, 40)  # the largest whose lines fit is used
TITLE_LINES = 4
DEK_SIZE = 27
FONTS = Path(__file__).parent / "fonts"

# The site's light colours (overrides/assets/stylesheets/explainer.css)
PAPER, INK, MUTED, ACCENT = (255, 255, 255), (27, 31, 39), (74, 82, 97), (163, 33, 26)
SEA, LAND, COAST, NAVY = (238, 243, 248), (228, 225, 214), (176, 170, 150), (29, 42, 68)


@functools.lru_cache(maxsize=16)
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """The bundled font. Pillow's basic layout (no HarfBuzz), so every machine draws the same pixels."""
    name = "NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf"
    return ImageFont.truetype(str(FONTS / name), size, layout_engine=ImageFont.Layout.BASIC)


def _glyph(ch: str) -> tuple[tuple[int, int], bytes]:
    mask = font(40).getmask(ch)
    return mask.size, bytes(mask)


@functools.lru_cache(maxsize=4096)
def has_glyph(ch: str) -> bool:
    """Whether the font draws ch as itself, not as its 'missing glyph' box (both weights hold the
    same characters)."""
    return ch == " " or _glyph(ch) != _glyph("\ue000")  # a private-use character: never in the font


def clean(text: str) -> str:
    """Composed characters (e + combining acute -> é), one plain space between words, and no
    invisible format characters (joiners, soft hyphens, direction marks), which draw nothing."""
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def drawable(text: str) -> bool:
    return bool(text) and all(has_glyph(c) for c in set(text))


def wrap(text: str, face: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Greedy word wrap; a word wider than the line is cut where it must be."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if face.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while face.getlength(word) > width:
            cut = next((i for i in range(len(word) - 1, 0, -1) if face.getlength(word[:i]) <= width), 1)
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def clamp(lines: list[str], count: int, face: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """At most `count` lines; when text was left out, the last one ends in an ellipsis."""
    if len(lines) <= count:
        return lines
    if count <= 0:
        return []
    last = lines[count - 1]
    while last and face.getlength(last + "…") > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    return [*lines[: count - 1], last.rstrip(" ,;:.-–—") + "…"]


def _title_lines(title: str, width: float) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    for size in TITLE_SIZES:
        lines = wrap(title, font(size, bold=True), width)
        if len(lines) <= TITLE_LINES:
            return font(size, bold=True), lines
    face = font(TITLE_SIZES[-1], bold=True)
    return face, clamp(wrap(title, face, width), TITLE_LINES, face, width)


# --- the map -------------------------------------------------------------------------------------


def _dashed(draw: ImageDraw.ImageDraw, a: locator.Point, b: locator.Point, dash: float, width: int) -> None:
    length = max(((b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2) ** 0.5, 1e-9)
    steps = int(length // dash)
    for i in range(0, steps + 1, 2):
        t0, t1 = i * dash / length, min((i + 1) * dash / length, 1.0)
        draw.line([(a[0] + t0 * (b[0] - a[0]), a[1] + t0 * (b[1] - a[1])),
                   (a[0] + t1 * (b[0] - a[0]), a[1] + t1 * (b[1] - a[1]))], fill=NAVY, width=width)


def draw_map(places: models.Places, width: int, height: int) -> Image.Image:
    """The overview map of all the places, filling width x height: the area generator/map.py
    frames for them, widened to the panel's shape, with land, the close-up's outline, distances
    and dots, and the labels the font can draw."""
    base = locator.frame_for(places.places)
    mid_lon = base.west + base.width / (2 * base.kx * base.scale)
    mid_lat = base.north - base.height / (2 * base.scale)
    scale = base.scale * min(width / base.width, height / base.height) * SS
    w, h = width * SS, height * SS
    frame = locator.Frame(mid_lon - w / (2 * base.kx * scale), mid_lat + h / (2 * scale), scale, base.kx, w, h)
    image = Image.new("RGB", (w, h), SEA)
    draw = ImageDraw.Draw(image)
    box = (round(frame.south, 3), round(frame.north, 3), round(frame.west, 3), round(frame.east, 3))
    for outline in locator.land_polygons(*box):
        lonlat = locator._beyond_box_runs_dropped(outline, frame)
        pts = locator._simplify([frame.xy(lon, lat) for lon, lat in lonlat], SS)
        pts = locator._clip(pts, w, h) if len(pts) >= 3 else []
        if len(pts) >= 3:
            # fill, then the coast as a wide line: polygon(outline=, width=) draws through a mask
            # the size of the image for every polygon (0.3 s for the real story's 358)
            draw.polygon(pts, fill=LAND)
            draw.line([*pts, pts[0]], fill=COAST, width=SS)
    by_id = {p.id: p for p in places.places}
    quiet = set(places.close_up)
    if quiet:
        inset = locator.frame_for([p for p in places.places if p.id in quiet])
        (x1, y1), (x2, y2) = frame.xy(inset.west, inset.north), frame.xy(inset.east, inset.south)
        draw.rectangle([x1, y1, x2, y2], outline=MUTED, width=SS)
    for dist in places.distances:
        if any(pid in quiet for pid in dist.between):  # inside the close-up's outline, as on the page's map
            continue
        a, b = (frame.xy(float(by_id[i].lon), float(by_id[i].lat)) for i in dist.between)
        _dashed(draw, a, b, 6 * SS, 2 * SS)
    for p in places.places:
        if p.kind in locator.AREA_KINDS:  # countries, regions and seas are names without a dot
            continue
        x, y = frame.xy(float(p.lon), float(p.lat))
        r = (4 if p.id in quiet else 7) * SS
        draw.ellipse([x - r, y - r, x + r, y + r], fill=ACCENT, outline=PAPER, width=SS)
    image = image.reduce(SS)
    _labels(ImageDraw.Draw(image), places, frame, quiet)
    return image


_LABEL_ANCHOR = {"right": ("lm", 12, 0), "left": ("rm", -12, 0), "above": ("md", 0, -12), "below": ("ma", 0, 12)}
_OPPOSITE = {"right": "left", "left": "right", "above": "below", "below": "above"}


def _labels(draw: ImageDraw.ImageDraw, places: models.Places, frame: locator.Frame, quiet: set[str]) -> None:
    face = font(21, bold=True)
    width, height = frame.width / SS, frame.height / SS
    drawn: list[tuple[float, float, float, float]] = []
    for p in places.places:
        label = clean(p.label or p.name)
        if p.id in quiet or not drawable(label):
            continue
        x, y = (c / SS for c in frame.xy(float(p.lon), float(p.lat)))
        if p.kind in locator.AREA_KINDS:  # a name centred on its point, or a line above or below it
            spots = [(x, y + dy, "mm") for dy in (0, -24, 24)]
            style: dict[str, Any] = {"font": font(20), "fill": MUTED}
        else:  # on the side places.yml asks for, else on the opposite side
            spots = [(x + dx, y + dy, anchor) for anchor, dx, dy in (_LABEL_ANCHOR[s] for s in (p.side, _OPPOSITE[p.side]))]
            style = {"font": face, "fill": INK, "stroke_width": 3, "stroke_fill": PAPER}
        # the first spot inside the panel and clear of the labels already drawn; a label that fits
        # nowhere is left out (a dot stays)
        for sx, sy, anchor in spots:
            box = draw.textbbox((sx, sy), label, font=style["font"], anchor=anchor,
                                stroke_width=style.get("stroke_width", 0))
            inside = box[0] >= 6 and box[1] >= 6 and box[2] <= width - 6 and box[3] <= height - 6
            if inside and not any(_overlap(box, other) for other in drawn):
                draw.text((sx, sy), label, anchor=anchor, **style)
                drawn.append(box)
                break


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# --- the card ------------------------------------------------------------------------------------


def host(site_url: str | None) -> str:
    return (urlsplit(site_url).hostname or "") if site_url else ""


def _plan(story: models.Story, places: models.Places | None) -> dict[str, Any]:
    """What the card shows: only text the font can draw."""
    title, dek, site = clean(story.title), clean(story.dek), clean(host(story.site_url))
    show_title = drawable(title)
    return {"title": title if show_title else "", "dek": dek if show_title and drawable(dek) else "",
            "host": site if drawable(site) else "", "places": places}


def card_png(view: StoryView) -> bytes:
    plan = _plan(view.story, view.content.places)
    places = plan["places"].model_dump_json() if plan["places"] else ""
    return _draw(plan["title"], plan["dek"], plan["host"], places)


@functools.lru_cache(maxsize=4)
def _draw(title: str, dek: str, site: str, places_json: str) -> bytes:
    """The PNG; kept for the next rebuild of `mkdocs serve` while nothing on it changed."""
    places = models.Places.model_validate_json(places_json) if places_json else None
    card = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(card)
    if not title:
        if places:
            card.paste(draw_map(places, WIDTH, HEIGHT), (0, 0))
        else:
            draw.rectangle([0, 0, WIDTH, HEIGHT], fill=NAVY)
        draw.rectangle([0, 0, WIDTH, 10], fill=ACCENT)
        if site:
            face = font(28, bold=True)
            left, top, right, bottom = draw.textbbox((MARGIN, HEIGHT - MARGIN), site, font=face, anchor="ls")
            draw.rectangle([left - 16, top - 12, right + 16, bottom + 12], fill=PAPER)
            draw.text((MARGIN, HEIGHT - MARGIN), site, font=face, anchor="ls", fill=INK)
        return _png(card)
    width = WIDTH - (MAP_WIDTH if places else 0) - 48 - MARGIN
    if places:
        card.paste(draw_map(places, MAP_WIDTH, HEIGHT), (WIDTH - MAP_WIDTH, 0))
        bottom = HEIGHT - (MARGIN + 40 if site else MARGIN)
    else:  # no map: a band along the bottom holds the site's name
        band = 92
        draw.rectangle([0, HEIGHT - band, WIDTH, HEIGHT], fill=NAVY)
        bottom = HEIGHT - band - 40
    face, lines = _title_lines(title, width)
    step = round(face.size * 1.18)
    dek_face, dek_step = font(DEK_SIZE), round(DEK_SIZE * 1.4)
    top = 84
    room = int((bottom - top - step * len(lines) - 22) // dek_step)
    dek_lines = clamp(wrap(dek, dek_face, width), room, dek_face, width) if dek else []
    used = step * len(lines) + (22 + dek_step * len(dek_lines) if dek_lines else 0)
    y = float(top + max(0, (bottom - top - used) // 2))  # a short title and dek sit in the middle
    draw.rectangle([MARGIN, y - 32, MARGIN + 72, y - 24], fill=ACCENT)
    for line in lines:
        draw.text((MARGIN, y), line, font=face, fill=INK)
        y += step
    y += 22
    for line in dek_lines:
        draw.text((MARGIN, y), line, font=dek_face, fill=MUTED)
        y += dek_step
    if site:
        colour = NAVY if places else PAPER
        draw.text((MARGIN, HEIGHT - MARGIN + 8 if places else HEIGHT - 36), site, font=font(24, bold=True),
                  anchor="ls", fill=colour)
    return _png(card)


def _png(image: Image.Image) -> bytes:
    """PNG bytes with nothing in them but the pixels: no time, no text chunks, no dpi."""
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=6)  # optimize=True: 3x the time for 1% smaller
    return out.getvalue()


def alt_text(view: StoryView) -> str:
    """og:image:alt: what the card shows, in words, in the story's language (generator/locales)."""
    plan = _plan(view.story, view.content.places)
    parts = [plan["title"]] if plan["title"] else []
    places = plan["places"]
    if places:  # as the page's map says it: the places with a dot, then the names of areas
        parts.append(locator.alt_text(places, language=view.story.language))
    if not parts:
        parts.append(plan["host"] or clean(view.story.title))
    text = ". ".join(parts)
    return text if len(text) <= 420 else text[:419].rsplit(" ", 1)[0] + "…"  # X's limit for alt text


def card_files(view: StoryView) -> dict[str, bytes]:
    """{path in the docs folder: bytes}: what generator/write.py writes beside the pages."""
    return {PATH: card_png(view)}


def share_card(view: StoryView) -> dict[str, Any]:
    """What overrides/main.html needs for its og:image tags (config.extra.share_card)."""
    return {"path": PATH, "width": WIDTH, "height": HEIGHT, "type": "image/png", "alt": inert(alt_text(view))}
