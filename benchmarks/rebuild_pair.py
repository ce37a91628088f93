#!/usr/bin/env python3
"""Two checkouts' live-preview rebuilds, one after the other, save by save: a before/after figure
on a machine whose speed changes from minute to minute.

    .venv/bin/python benchmarks/rebuild_pair.py --before /tmp/before                 the real story
    .venv/bin/python benchmarks/rebuild_pair.py --before /tmp/before --events 2000   a synthetic story

(`git worktree add /tmp/before COMMIT` makes the older checkout.) Each checkout gets a process of
its own, which builds its own copy of the story as `mkdocs serve` does (the hook's serve mode,
generator/incremental.py), with its own code. Then, --saves times, each process in turn (the order
swapped every save) changes one event's title and rebuilds, with the cycle collector paused as
the server pauses it. Two saves measured a few seconds apart see the same machine, so the
difference of each pair is a fair figure even when the medians of separate runs are not.
Prints both medians (wall-clock and CPU time) and the median of the paired CPU differences.
Printed, never asserted; without the web server (benchmarks/preview.py measures that).
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, required=True, help="the other checkout (e.g. a git worktree)")
    parser.add_argument("--after", type=Path, default=HERE.parent.parent, help="default: this checkout")
    parser.add_argument("--events", type=int, default=0, help="a synthetic story of this many events")
    parser.add_argument("--saves", type=int, default=12)
    args = parser.parse_args(argv)
    roots = {"before": args.before.resolve(), "after": args.after.resolve()}
    workers = {name: subprocess.Popen([sys.executable, str(HERE), "--worker", str(root), str(args.events)],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
               for name, root in roots.items()}
    try:
        for worker in workers.values():
            if worker.stdout is None or worker.stdout.readline().strip() != "ready":
                raise SystemExit("a checkout could not build the story")
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in workers}
        for n in range(args.saves):
            for name in (list(workers) if n % 2 == 0 else list(reversed(workers))):
                worker = workers[name]
                assert worker.stdin is not None and worker.stdout is not None
                worker.stdin.write(f"{n}\n")
                worker.stdin.flush()
                wall, cpu = map(float, worker.stdout.readline().split())
                times[name].append((wall, cpu))
    finally:
        for worker in workers.values():
            if worker.stdin:
                worker.stdin.close()
            worker.wait()
    story = f"a synthetic story of {args.events} events" if args.events else "the real story (content/)"
    print(f"{story}: one event title changed per rebuild, {args.saves} rebuilds per checkout, in turns; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPU(s)")
    for name, root in roots.items():
        walls, cpus = [t[0] for t in times[name]], [t[1] for t in times[name]]
        print(f"  {name:6} {str(root):<40} median {statistics.median(walls):.3f} s wall, "
              f"{statistics.median(cpus):.3f} s CPU")
    diffs = [b[1] - a[1] for b, a in zip(times["before"], times["after"])]
    print(f"  CPU before minus after, save by save: median {statistics.median(diffs):+.3f} s "
          f"(from {min(diffs):+.3f} to {max(diffs):+.3f} s)")
    return 0


def worker(root: Path, events: int) -> None:
    """One checkout: build the story once, then rebuild after each title change asked on stdin."""
    sys.path[:0] = [str(root), str(root / "benchmarks")]
    os.chdir(root)
    work = Path(tempfile.mkdtemp(prefix="rebuild-pair-"))
    content = work / "content"
    if events:
        from synth import make_story

        make_story(events, content)
    else:
        shutil.copytree(root / "content", content)
    os.environ.update(STORY_CONTENT=str(content), STORY_DOCS_DIR=str(work / "docs"), STORY_PARALLEL="0",
                      NO_MKDOCS_2_WARNING="1")
    import logging

    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config
    from preview import middle_title

    import generator

    if not Path(generator.__file__).resolve().is_relative_to(root):
        raise SystemExit(f"{root}: imported the generator from {generator.__file__}")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)

    def config() -> object:
        c = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(work / "site"))
        c.site_url = "http://127.0.0.1:8000/"
        return c

    first = config()
    first.plugins.on_startup(command="serve", dirty=False)  # type: ignore[attr-defined]
    mkdocs_build.build(first, serve_url="http://127.0.0.1:8000/")  # type: ignore[arg-type]
    events_file = content / "events.yml"
    text = events_file.read_text(encoding="utf-8")
    match = middle_title(text)
    print("ready", flush=True)
    try:
        for line in sys.stdin:
            events_file.write_text(text[:match.start(2)] + f"Rebuild pair {line.strip()}" + text[match.end(2):],
                                   encoding="utf-8")
            gc.disable()  # as `mkdocs serve` runs a rebuild (generator/mkdocs_hook.py)
            wall, cpu = time.perf_counter(), time.process_time()
            mkdocs_build.build(config(), serve_url="http://127.0.0.1:8000/")  # type: ignore[arg-type]
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            gc.enable()
            gc.collect()  # between saves, as the server does once the page is served
            print(f"{wall:.4f} {cpu:.4f}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        worker(Path(sys.argv[2]), int(sys.argv[3]))
    else:
        raise SystemExit(main(sys.argv[1:]))
