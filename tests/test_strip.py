"""The key-moments strip (generator/strip.py): moments close together never hide one another."""

from __future__ import annotations

import datetime
import re

from generator import strip


def _moments(days: list[int]) -> list[strip.Moment]:
    return [strip.Moment(n, datetime.date(2025, 11, d), f"{d} Nov", f"Moment {n}", "#1d4ed8")
            for n, d in enumerate(days, 1)]


def _circles(drawing: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', drawing)]


def test_three_moments_on_the_same_day_get_circles_that_do_not_overlap() -> None:
    drawing = strip.svg(_moments([1, 20, 26, 26, 26]))
    circles = _circles(drawing)
    assert len(circles) == 5
    for i, (x1, y1) in enumerate(circles):
        for x2, y2 in circles[i + 1:]:
            assert (x1 - x2) ** 2 + (y1 - y2) ** 2 >= (2 * 11) ** 2, (circles, (x1, y1), (x2, y2))


def test_every_stem_is_drawn_before_any_circle_so_none_crosses_a_number() -> None:
    drawing = strip.svg(_moments([1, 26, 26]))
    assert drawing.rindex('class="key-strip__stem"') < drawing.index("<circle")
