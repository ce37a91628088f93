#!/usr/bin/env python3
"""Scale benchmark: how long check, render and build take, and how heavy the pages are.

    python3 tasks.py bench                         the whole table (real story, 200, 2,000, 20,000 events)
    .venv/bin/python benchmarks/run.py --sizes 200,2000 --runs 3 --no-real    a quick run

For the real story (content/) and synthetic stories of each size (benchmarks/synth.py), it
times `check` and `render` in-process (median of --runs, after imports, each render into an
empty folder), then the full `python -m generator build` as an editor runs it (median of
--build-runs; a fresh interpreter each time), and reads the built site for page sizes.
Peak memory is the largest resident set of the process doing the work (for the build: the
CLI and the MkDocs process it starts), from getrusage(RUSAGE_CHILDREN) in a wrapper process.
Finally one event is edited and `render` runs again into the same folder: "re-render" says
how many pages it rewrote. Work files go to benchmarks/out/ (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _worker(content: Path, out: Path, runs: int) -> None:
    """Runs in its own process: time check and render, then re-render after a one-event edit."""
    from generator.pipeline import check, render_to

    checks, renders, cpu = [], [], []
    # The first render starts with an empty map cache (generator/map.py keeps drawn coastlines
    # between builds), as on a fresh machine; it is reported on its own, the median of the others.
    shutil.rmtree(os.environ["STORY_CACHE_DIR"], ignore_errors=True)
    for _ in range(runs):
        _cold()
        started = time.perf_counter()
        check(content)
        checks.append(time.perf_counter() - started)
    for i in range(runs + 1):
        target = out / f"docs-{i}"
        shutil.rmtree(target, ignore_errors=True)
        _cold()
        started, started_cpu = time.perf_counter(), _cpu()
        _, report = render_to(content, target)
        renders.append(time.perf_counter() - started)
        cpu.append(_cpu() - started_cpu)
    edited = out / "edited-content"
    shutil.rmtree(edited, ignore_errors=True)
    shutil.copytree(content, edited)
    title = _edit_one_event(edited / "events.yml")
    _, again = render_to(edited, out / f"docs-{runs}")
    print(json.dumps({"check": statistics.median(checks), "render": statistics.median(renders[1:]),
                      "render_cpu": statistics.median(cpu[1:]), "first_render": renders[0],
                      "pages": len(report.written), "edited": title, "rewritten": sorted(again.written),
                      "removed": again.removed}))


def _cpu() -> float:
    """CPU seconds of this process and of the processes it has waited for (a large story's pages
    render in two processes: generator/render.py)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _cold() -> None:
    """Forget what earlier runs cached (parsed dates, escaped names, compiled templates), so that
    every run costs what a fresh `python -m generator render` does, less the imports."""
    for name, module in list(sys.modules.items()):
        if name == "generator" or name.startswith("generator."):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def _edit_one_event(path: Path) -> str:
    """Change the title of an event in the middle of events.yml (one written on a single line)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    titles = [i for i, line in enumerate(lines) if re.match(r"^\s+title: ", line)
              and i + 1 < len(lines) and re.match(r"^(\s+[a-z_]+:|-|\s*$)", lines[i + 1])]
    i = titles[len(titles) // 2]
    indent, value = lines[i].split("title: ", 1)
    value = value.strip()
    title = json.loads(value) if value.startswith('"') else value.strip("'")
    lines[i] = f"{indent}title: {json.dumps(title + ' (edited)', ensure_ascii=False)}\n"
    path.write_text("".join(lines), encoding="utf-8")
    return title


def _peak(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int, str]:
    """Wall time, peak RSS (bytes) of cmd and its children, and its stdout."""
    wrapper = ("import json, resource, subprocess, sys, time\n"
               "t = time.perf_counter(); r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
               "dt = time.perf_counter() - t\n"
               "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024\n"
               "sys.stderr.write(r.stderr if r.returncode else '')\n"
               "print(json.dumps({'rc': r.returncode, 'time': dt, 'rss': rss, 'out': r.stdout}))\n")
    result = subprocess.run([sys.executable, "-c", wrapper, *cmd], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "STORY_CACHE_DIR": str(OUT / "cache"),
                                 **(env or {})})
    data = json.loads(result.stdout)
    if data["rc"] != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{result.stderr}")
    return data["time"], data["rss"], data["out"]


def _site_sizes(site: Path) -> dict[str, object]:
    html = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    index = site / "search" / "search_index.json"
    return {"html_pages": len(html), "largest": max(html), "site_bytes": sum(p.stat().st_size for p in
                                                                            site.rglob("*") if p.is_file()),
            "search_index": index.stat().st_size if index.exists() else 0}


def measure(name: str, content: Path, runs: int, build_runs: int) -> dict[str, object]:
    work = OUT / name
    work.mkdir(parents=True, exist_ok=True)
    print(f"[{name}] check and render, {runs} run(s)...", flush=True)
    _, gen_rss, out = _peak([sys.executable, str(Path(__file__).resolve()), "--worker", str(content),
                             str(work), str(runs)])
    row: dict[str, object] = {"name": name, **json.loads(out), "gen_rss": gen_rss}
    builds, rss = [float("nan")], 0
    if build_runs:
        builds = []
    for i in range(build_runs):
        print(f"[{name}] build {i + 1}/{build_runs}...", flush=True)
        dt, peak, _ = _peak([sys.executable, "-m", "generator", "build", "--content", str(content),
                             "--site", str(work / "site")])
        builds.append(dt)
        rss = max(rss, peak)
    row.update(build=statistics.median(builds), build_rss=rss)
    if build_runs:
        row.update(_site_sizes(work / "site"))
    return row


def _counts(content: Path) -> str:
    from generator.pipeline import check

    c = check(content)
    return f"{len(c.events):,} / {len(c.quotes):,} / {len(c.actors):,} / {len(c.sources):,}"


def table(rows: list[dict[str, object]]) -> str:
    head = ("| story | events / quotes / actors / sources | check s | render s (CPU s) | first render s "
            "| build s | render ÷ build (first) "
            "| build peak RSS | render peak RSS | HTML pages | largest page | site | search index "
            "| re-render after 1 edit |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    mb = 1024 * 1024
    for r in rows:
        built = "largest" in r
        size, page = r["largest"] if built else (0, "")  # type: ignore[misc]
        lines.append(
            f"| {r['name']} | {r['counts']} | {r['check']:.2f} | {r['render']:.2f} ({r['render_cpu']:.2f}) "
            f"| {r['first_render']:.2f} | {r['build']:.1f} | {100 * r['render'] / r['build']:.1f} % "
            f"({100 * r['first_render'] / r['build']:.1f} %) | {r['build_rss'] / mb:.0f} MB "
            f"| {r['gen_rss'] / mb:.0f} MB | {r.get('html_pages', 0):,} | {size / 1024:.0f} KB ({page}) "
            f"| {r.get('site_bytes', 0) / mb:.1f} MB | {r.get('search_index', 0) / mb:.1f} MB "
            f"| {len(r['rewritten'])} of {r['pages']} pages |")  # type: ignore
    by_name = {r["name"]: r for r in rows}
    small, large = by_name.get("synthetic 2,000"), by_name.get("synthetic 20,000")
    if small and large:
        lines.append("")
        ratio = {key: large[key] / small[key] for key in ("check", "render", "render_cpu")}  # type: ignore
        lines.append(f"Growth from 2,000 to 20,000 events: check {ratio['check']:.1f}x, render (which includes "
                     f"check) {ratio['render']:.1f}x wall-clock, {ratio['render_cpu']:.1f}x CPU.")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--worker"]:
        _worker(Path(argv[1]), Path(argv[2]), int(argv[3]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="200,2000,20000",
                        help="synthetic story sizes in events (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=5, help="timed check/render runs per story (median)")
    parser.add_argument("--build-runs", type=int, default=3,
                        help="builds per story (median); 1 above 10,000 events")
    parser.add_argument("--no-real", action="store_true", help="skip the real story in content/")
    parser.add_argument("--no-build", action="store_true", help="time check and render only")
    args = parser.parse_args(argv)
    from synth import make_story

    stories: list[tuple[str, Path, int]] = []
    if not args.no_real:
        stories.append(("real story", ROOT / "content", args.build_runs))
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        content = OUT / f"synthetic-{size}" / "content"
        shutil.rmtree(content, ignore_errors=True)
        make_story(size, content)
        stories.append((f"synthetic {size:,}", content, args.build_runs if size <= 10_000 else 1))
    if args.no_build:
        stories = [(name, content, 0) for name, content, _ in stories]
    rows = []
    for name, content, build_runs in stories:
        row = measure(name.replace(" ", "-").replace(",", ""), content, args.runs, build_runs)
        row.update(name=name, counts=_counts(content))
        rows.append(row)
        print(f"[{name}] re-render after editing one event rewrote: {', '.join(row['rewritten'])}", flush=True)
    print()
    load = os.getloadavg()[1]  # other work on the machine inflates wall-clock times; CPU times less so
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPU(s), load average over the last 5 minutes "
          f"{load:.1f}; command: benchmarks/run.py {' '.join(argv)}")
    print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
