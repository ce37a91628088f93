#!/usr/bin/env python3
"""Where a live-preview save's time goes: one `mkdocs serve` rebuild, phase by phase.

    .venv/bin/python benchmarks/rebuild_phases.py                  the real story (content/)
    .venv/bin/python benchmarks/rebuild_phases.py --events 2000    a synthetic story (benchmarks/synth.py)

Builds a copy of the story as `mkdocs serve` does (the hook's serve mode, generator/incremental.py),
then, --saves times, changes one event's title in events.yml and rebuilds, timing each phase with
a clock around MkDocs' and the generator's functions (no profiler, so the figures are the real
ones): the generator (check, then the whole render_site), the Markdown conversion of each page
that changed, the theme, the search plugin's indexing; wall-clock and CPU time of each. Without
the web server and the watcher, so a figure here is the rebuild alone; benchmarks/preview.py
measures save-to-reloaded-page. Printed, never asserted. The generator renders in one process here, as in `serve` (STORY_PARALLEL=0).
"""

from __future__ import annotations

import argparse
import collections
import functools
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from preview import middle_title  # noqa: E402  (the same title line benchmarks/preview.py edits)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--events", type=int, default=0, help="a synthetic story of this many events instead")
    parser.add_argument("--saves", type=int, default=5)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="rebuild-phases-"))
    content = work / "content"
    if args.events:
        from synth import make_story

        make_story(args.events, content)
    else:
        shutil.copytree(args.content.resolve(), content)
    os.environ.update(STORY_CONTENT=str(content), STORY_DOCS_DIR=str(work / "docs"), STORY_PARALLEL="0",
                      NO_MKDOCS_2_WARNING="1")
    os.chdir(ROOT)

    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.structure.pages import Page

    import generator.pipeline as pipeline
    from material.plugins.search.plugin import SearchIndex

    times: collections.Counter[str] = collections.Counter()
    cpu_times: collections.Counter[str] = collections.Counter()

    def clock(owner: Any, name: str, label: str, per_page: bool = False) -> None:
        original = getattr(owner, name)

        @functools.wraps(original)
        def timed(*a: Any, **k: Any) -> Any:
            start, start_cpu = time.perf_counter(), time.process_time()
            try:
                return original(*a, **k)
            finally:
                took, took_cpu = time.perf_counter() - start, time.process_time() - start_cpu
                times[label] += took
                cpu_times[label] += took_cpu
                if per_page and took > 0.005:
                    times[f"  convert {a[0].file.src_uri}"] += took
                    cpu_times[f"  convert {a[0].file.src_uri}"] += took_cpu

        setattr(owner, name, timed)

    clock(pipeline, "check", "generator: load and check")
    clock(pipeline, "render_site", "generator: everything (check, render, exports, write)")
    clock(Page, "render", "MkDocs: Markdown conversion", per_page=True)
    clock(mkdocs_build, "_build_page", "MkDocs: theme, search indexing and write")
    clock(SearchIndex, "add_entry_from_context", "MkDocs: search indexing (part of the line above)")

    def config() -> Any:
        c = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(work / "site"))
        c.site_url = "http://127.0.0.1:8000/"
        return c

    first = config()
    first.plugins.on_startup(command="serve", dirty=False)  # the hook's serve mode
    mkdocs_build.build(first, serve_url=first.site_url)
    events = content / "events.yml"
    text = events.read_text(encoding="utf-8")
    match = middle_title(text)
    totals: list[float] = []
    cpu: list[float] = []
    phases: dict[str, list[float]] = collections.defaultdict(list)
    phases_cpu: dict[str, list[float]] = collections.defaultdict(list)
    for n in range(args.saves):
        events.write_text(text[:match.start(2)] + f"Rebuild phases {n}" + text[match.end(2):], encoding="utf-8")
        times.clear()
        cpu_times.clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        mkdocs_build.build(config(), serve_url="http://127.0.0.1:8000/")
        totals.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        for label, seconds in times.items():
            phases[label].append(seconds)
            phases_cpu[label].append(cpu_times[label])
    story = f"a synthetic story of {args.events} events" if args.events else str(args.content)
    print(f"\n{story}: one event title changed per rebuild, {args.saves} rebuilds, medians; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPU(s)")
    print(f"{'':<58} {'wall':>8} {'CPU':>8}  (CPU time: less disturbed by other work)")
    print(f"{'whole rebuild':<58} {statistics.median(totals):6.3f} s {statistics.median(cpu):6.3f} s")
    for label in sorted(phases, key=lambda k: (k.startswith("  "), k)):
        print(f"{label:<58} {statistics.median(phases[label]):6.3f} s {statistics.median(phases_cpu[label]):6.3f} s")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
