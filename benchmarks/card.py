#!/usr/bin/env python3
"""How long the share card (assets/share-card.png, generator/card.py) takes to draw.

    .venv/bin/python benchmarks/card.py                       the real story, 5 runs
    .venv/bin/python benchmarks/card.py --content tests/fixtures/small_story --runs 10

Printed: the first card in a fresh interpreter (it reads the GSHHG coastline file and finds the
land in the map's area, which later builds in the same process, as under `mkdocs serve`, keep),
then the median and slowest of the next runs, each drawn anew (the drawn card is kept between
rebuilds too, so a preview rebuild whose title, dek and places did not change costs nothing),
with the CPU time beside each, which other work on the machine disturbs less; and the PNG's size.
Nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from generator import card
    from generator.pipeline import check
    from generator.story import StoryView

    view = StoryView(check(args.content))
    times: list[tuple[float, float]] = []
    for _ in range(args.runs + 1):
        card._draw.cache_clear()  # draw it, not read the kept card back
        wall, cpu = time.perf_counter(), time.process_time()
        png = card.card_png(view)
        times.append((time.perf_counter() - wall, time.process_time() - cpu))
    first, rest = times[0], times[1:]
    print(f"share card for {args.content}: {len(png) / 1024:.0f} KB PNG, 1200 x 630")
    print(f"  first card (reads the coastlines): {first[0]:.3f} s (CPU {first[1]:.3f} s)")
    if rest:
        print(f"  next {len(rest)}: median {statistics.median(t[0] for t in rest):.3f} s "
              f"(CPU {statistics.median(t[1] for t in rest):.3f} s), slowest {max(t[0] for t in rest):.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
