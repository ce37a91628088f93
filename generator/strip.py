"""The key-moments strip: the story's key events on a date axis, numbered and coloured by side.

Drawn here as inline SVG, at build time, from the events an editor marks `key: true`. The SVG is
for the eye only (aria-hidden); the numbered list the templates print under it carries the same
moments as links, for everyone and for screen readers. The circles are not links themselves:
on a phone they would be targets far smaller than a finger, and the theme's scripts fail on
SVG links (Material's instant navigation sets `href`, which an SVG link only has a getter for)."""

from __future__ import annotations

import datetime
import html
from dataclasses import dataclass

from generator.text import inert

WIDTH, HEIGHT, MARGIN = 720, 120, 28
ROWS, GAP = 3, 26  # rows of circles above the axis; the least distance between two circles in a row
AXIS = 64  # the axis's height in the drawing; rows of circles stand 24 apart above it


@dataclass(frozen=True)
class Moment:
    number: int
    day: datetime.date
    label: str  # "7 Nov"
    title: str
    colour: str


def _x(day: datetime.date, first: datetime.date, last: datetime.date) -> float:
    span = max((last - first).days, 1)
    return MARGIN + (WIDTH - 2 * MARGIN) * (day - first).days / span


def svg(moments: list[Moment]) -> str:
    """The strip for these moments (in date order); '' for none."""
    if not moments:
        return ""
    first, last = moments[0].day, moments[-1].day
    e = lambda text: html.escape(inert(text), quote=True)  # noqa: E731 - one short escaper
    parts = [f'<svg class="key-strip" viewBox="0 0 {WIDTH} {HEIGHT}" aria-hidden="true" focusable="false" '
             f'xmlns="http://www.w3.org/2000/svg">',
             f'<line class="key-strip__axis" x1="{MARGIN}" y1="{AXIS}" x2="{WIDTH - MARGIN}" y2="{AXIS}"/>']
    last_x = [-100.0] * ROWS  # the rightmost circle in each row
    stems: list[str] = []
    circles: list[str] = []
    for m in moments:
        x = _x(m.day, first, last)
        # moments a day or two apart: the next one goes up a row, so no two circles overlap; with
        # every row taken near it, the row whose last circle is farthest away
        row = next((r for r in range(ROWS) if x - last_x[r] >= GAP), min(range(ROWS), key=lambda r: last_x[r]))
        last_x[row] = x
        y = AXIS - 24 * row
        stems.append(f'<line class="key-strip__stem" x1="{x:.0f}" y1="{AXIS}" x2="{x:.0f}" y2="{y:.0f}"/>')
        circles.append(f'<circle cx="{x:.0f}" cy="{y:.0f}" r="11" fill="{e(m.colour)}"/>'
                       f'<text class="key-strip__number" x="{x:.0f}" y="{y + 4:.0f}">{m.number}</text>')
    parts += stems + circles  # every stem behind every circle: one up a row passes the circle below it
    for m in (moments[0], moments[-1]) if len(moments) > 1 else (moments[0],):
        anchor = "start" if m is moments[0] else "end"
        x = MARGIN if m is moments[0] else WIDTH - MARGIN
        parts.append(f'<text class="key-strip__date" x="{x}" y="{HEIGHT - 14}" text-anchor="{anchor}">'
                     f"{e(m.label)}</text>")
    parts.append("</svg>")
    return "".join(parts)
