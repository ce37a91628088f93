"""Editor latency: what an editor waits for, each in a fresh Python process, imports included.

    python benchmarks/latency.py [--runs 5] [--events 2000]

Prints the median and the slowest of:
- `python -m generator check` on the real story (content/): the command run after every save;
- `python -m generator render` of a synthetic story of N events (benchmarks/synth.py) into a new
  folder, in one process (STORY_PARALLEL=0), imports included: what an editor waits for, and
  the generator's share of a preview rebuild;
- the same render called from Python (`pipeline.render`), which also pays for freeing the
  story's objects when the process ends (the command skips that: generator/__main__.py).

The package's bytecode is compiled first, as Python does on a first run (a machine that sets
PYTHONDONTWRITEBYTECODE, as this sandbox does, would otherwise compile the generator on every
run); `--no-bytecode` measures without it.

Targets from issue 12: check under 0.5 s, rendering 2,000 events under 2 s. Run it on a quiet
machine; the figures are printed, never asserted. In brackets, the median CPU time (user + system)
of the same runs, which other work on a shared machine disturbs less than wall-clock time.
`--repo DIR` measures another checkout (e.g. a worktree of main, for a before/after figure).
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
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

RENDER = "from pathlib import Path; import sys; from generator.pipeline import render; render(Path(sys.argv[1]))"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str] | Callable[[], list[str]], runs: int, root: Path = ROOT,
          env: dict[str, str] | None = None) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of each run (cmd: a command, or a function giving each run's);
    `python -c` and `-m` find the generator in cwd."""
    env = dict(os.environ, STORY_PARALLEL="0", **(env or {}))
    times, cpu = [], []
    for _ in range(runs):
        argv = cmd() if callable(cmd) else cmd
        start, cpu_start = time.perf_counter(), _children_cpu()
        subprocess.run(argv, cwd=root, env=env, check=True, capture_output=True)
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
    parser.add_argument("--no-bytecode", action="store_true", help="compile the generator on every run")
    args = parser.parse_args(argv)
    root = args.repo.resolve()
    from synth import make_story

    env = {}
    if args.no_bytecode:  # an empty bytecode folder, never written to: every run compiles
        env = {"PYTHONPYCACHEPREFIX": tempfile.mkdtemp(prefix="no-bytecode-"), "PYTHONDONTWRITEBYTECODE": "1"}
    else:
        subprocess.run([sys.executable, "-m", "compileall", "-q", "generator"], cwd=root, check=True,
                       capture_output=True, env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"})
    print(f"{root}; load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; "
          f"bytecode {'not kept' if args.no_bytecode else 'compiled first'}")
    report("check, real story", timed([sys.executable, "-m", "generator", "check", "--content", "content"],
                                      args.runs, root, env))
    report("python startup alone (for comparison)", timed([sys.executable, "-c", "pass"], args.runs, root, env))
    with tempfile.TemporaryDirectory() as tmp:
        story = make_story(args.events, Path(tmp) / "content")
        outs = (Path(tmp) / f"docs{n}" for n in itertools.count())
        report(f"render {args.events:,} events, one process",
               timed(lambda: [sys.executable, "-m", "generator", "render", "--content", str(story), "--out",
                              str(next(outs))], args.runs, root, env))
        report("  the same through pipeline.render()",
               timed([sys.executable, "-c", RENDER, str(story)], args.runs, root, env))
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
