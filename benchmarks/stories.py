#!/usr/bin/env python3
"""How the time of `build-all` grows with the number of stories (issue 14).

    python benchmarks/stories.py                 1, 10 and 50 copies of tests/fixtures/minimal_story
    python benchmarks/stories.py --counts 1,5    other counts

Each run makes a repository in a temporary folder (this repository's mkdocs.yml, theme and hook;
N copies of the small story as stories/story-NN/; no content/), then times
`python -m generator build-all` there in a fresh interpreter, as an editor runs it. Prints one
line per count: wall-clock seconds, seconds per story, and the machine's load (wall-clock time on
a busy machine is inflated). Nothing is asserted: the figures go to benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "tests" / "fixtures" / "minimal_story"


def repository(folder: Path, copies: int) -> Path:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("- generator/mkdocs_hook.py", f"- {ROOT / 'generator' / 'mkdocs_hook.py'}")
    config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    config = config.replace("\n  - generator\n  - overrides\n", f"\n  - {ROOT / 'generator'}\n  - {ROOT / 'overrides'}\n")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    (folder / "generated_docs").mkdir()
    for n in range(1, copies + 1):
        target = folder / "stories" / f"story-{n:02d}"
        shutil.copytree(STORY, target)
        story = target / "story.yml"
        story.write_text(story.read_text(encoding="utf-8").replace("title: A minimal story",
                                                                   f"title: A minimal story, copy {n}"))
    return folder


def build_all(folder: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "generator", "build-all", "--config", str(folder / "mkdocs.yml")],
                            cwd=folder, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"build-all failed in {folder}:\n{result.stdout}{result.stderr}")
    return seconds


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", default="1,10,50", help="numbers of stories, comma-separated (default 1,10,50)")
    args = parser.parse_args(argv)
    counts = [int(c) for c in args.counts.split(",")]
    print(f"Python {platform.python_version()}, {os.cpu_count()} CPU(s); command: benchmarks/stories.py "
          f"{' '.join(argv)}".rstrip(), flush=True)
    print("| stories | build-all s | s per story | load average (1 min) before |")
    print("|---|---|---|---|")
    for count in counts:
        with tempfile.TemporaryDirectory(prefix="story-bench-") as tmp:
            load = os.getloadavg()[0]
            seconds = build_all(repository(Path(tmp), count))
            print(f"| {count} | {seconds:.1f} | {seconds / count:.2f} | {load:.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
