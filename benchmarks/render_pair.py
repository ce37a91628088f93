#!/usr/bin/env python3
"""Two checkouts' `python -m generator render` of the same synthetic story, in turns: a
before/after figure for issue 12's "2,000 events in one process" on a machine whose speed changes
from minute to minute.

    .venv/bin/python benchmarks/render_pair.py --before /tmp/before                 2,000 events
    .venv/bin/python benchmarks/render_pair.py --before /tmp/before --events 500 --runs 5

(`git worktree add /tmp/before COMMIT` makes the older checkout.) Each run is a fresh process,
imports included, in one process (STORY_PARALLEL=0), into a new folder; the two checkouts take
turns, the order swapped every round, so each pair sees the same machine. Both checkouts' bytecode
is compiled first, as Python does on a first run. Prints both medians (wall-clock and CPU time)
and the median of the paired CPU differences. Printed, never asserted.
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, required=True, help="the other checkout (e.g. a git worktree)")
    parser.add_argument("--after", type=Path, default=HERE.parent.parent, help="default: this checkout")
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=9, help="renders per checkout")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE.parent))
    from synth import make_story

    checkouts = {"before": args.before.resolve(), "after": args.after.resolve()}
    env = dict(os.environ, STORY_PARALLEL="0")
    compile_env = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for root in checkouts.values():
        subprocess.run([sys.executable, "-m", "compileall", "-q", "generator"], cwd=root, env=compile_env,
                       check=True, capture_output=True)
    wall: dict[str, list[float]] = {name: [] for name in checkouts}
    cpu: dict[str, list[float]] = {name: [] for name in checkouts}
    with tempfile.TemporaryDirectory() as tmp:
        story = make_story(args.events, Path(tmp) / "content")
        outs = (Path(tmp) / f"docs{n}" for n in itertools.count())
        print(f"{args.events:,} events; load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
        for round_ in range(args.runs):
            order = list(checkouts) if round_ % 2 == 0 else list(reversed(checkouts))
            for name in order:
                # run from the checkout's folder: `-m generator` imports that checkout's package
                started, cpu_before = time.perf_counter(), _children_cpu()
                subprocess.run([sys.executable, "-m", "generator", "render", "--content", str(story), "--out",
                                str(next(outs))], cwd=checkouts[name], env=env, check=True, capture_output=True)
                wall[name].append(time.perf_counter() - started)
                cpu[name].append(_children_cpu() - cpu_before)
    for name, root in checkouts.items():
        print(f"{name:<7} {root}: median {statistics.median(wall[name]):.2f} s (fastest {min(wall[name]):.2f} s), "
              f"CPU median {statistics.median(cpu[name]):.2f} s")
    saved = [b - a for b, a in zip(cpu["before"], cpu["after"])]
    print(f"CPU saved, pair by pair: median {statistics.median(saved):+.2f} s "
          f"({statistics.median(cpu['after']) / statistics.median(cpu['before']):.0%} of before)")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
