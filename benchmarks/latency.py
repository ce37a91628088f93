"""Editor latency: what an editor waits for, each in a fresh Python process, imports included.

    python benchmarks/latency.py [--runs 5] [--events 2000]

Prints the median and the slowest of:
- `python -m generator check` on the real story (content/): the command run after every save;
- rendering a synthetic story of N events (benchmarks/synth.py) to Markdown in one process
  (STORY_PARALLEL=0), imports included: the generator's share of a preview rebuild.

Targets from issue 12: check under 0.5 s, rendering 2,000 events under 2 s. Run it on a quiet
machine; the figures are printed, never asserted. In brackets, the median CPU time (user + system)
of the same runs, which other work on a shared machine disturbs less than wall-clock time.
`--repo DIR` measures another checkout (e.g. a worktree of main, for a before/after figure).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

RENDER = "from pathlib import Path; import sys; from generator.pipeline import render; render(Path(sys.argv[1]))"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], runs: int, root: Path = ROOT) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of each run; `python -c` and `-m` find the generator in cwd."""
    env = dict(os.environ, STORY_PARALLEL="0")
    times, cpu = [], []
    for _ in range(runs):
        start, cpu_start = time.perf_counter(), _children_cpu()
        subprocess.run(cmd, cwd=root, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
        cpu.append(_children_cpu() - cpu_start)
    return times, cpu


def report(name: str, measured: tuple[list[float], list[float]]) -> None:
    times, cpu = measured
    print(f"{name:<44} median {statistics.median(times):6.2f} s   slowest {max(times):6.2f} s   "
          f"(CPU {statistics.median(cpu):.2f} s)   ({len(times)} runs)")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--repo", type=Path, default=ROOT, help="the checkout to measure (default: this one)")
    args = parser.parse_args(argv)
    root = args.repo.resolve()
    from synth import make_story

    print(f"{root}; load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    report("check, real story", timed([sys.executable, "-m", "generator", "check", "--content", "content"],
                                      args.runs, root))
    report("python startup alone (for comparison)", timed([sys.executable, "-c", "pass"], args.runs, root))
    with tempfile.TemporaryDirectory() as tmp:
        story = make_story(args.events, Path(tmp) / "content")
        report(f"render {args.events:,} events, one process",
               timed([sys.executable, "-c", RENDER, str(story)], args.runs, root))
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
