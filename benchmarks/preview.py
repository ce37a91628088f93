#!/usr/bin/env python3
"""Live preview latency: from saving a YAML file to the open page showing the change.

    python3 tasks.py bench-preview                      the real story, 10 saves
    .venv/bin/python benchmarks/preview.py --content tests/fixtures/small_story --saves 20

Starts `mkdocs serve` on a copy of the content (benchmarks/out/preview/), then, one save at a
time, does what an editor and their open browser tab do: the tab long-polls the server's
live-reload address with its page's build number, as MkDocs' script does; the editor changes
one event's title in events.yml; when the server answers with a newer build, the tab reloads the
page. Printed per save: seconds from the file being written to the reloaded page holding the
new title. Then the median and the slowest. Nothing is asserted: the issue's target is 2 s.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from generator.site import page_url  # noqa: E402  (the address MkDocs gives a docs page)
OUT = ROOT / "benchmarks" / "out" / "preview"
TITLE = re.compile(r"^(\s+title: )(.+)$", re.MULTILINE)


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, timeout: float = 120) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return str(response.read().decode("utf-8"))


def _page_with_event(base: str, docs: Path, title: str) -> str:
    """The address of the timeline page showing this title (a part page once a story is split)."""
    for md in sorted(docs.rglob("*.md")):
        rel = md.relative_to(docs).as_posix()
        if rel.startswith("timeline") and title in md.read_text(encoding="utf-8"):
            return base + page_url(rel)
    raise SystemExit(f"no timeline page shows {title!r}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="story to serve (default: content/)")
    parser.add_argument("--saves", type=int, default=10, help="how many saves to time (default: %(default)s)")
    parser.add_argument("--dirty", action="store_true", help="serve with --dirty: rebuild only the pages that changed")
    args = parser.parse_args(argv)

    shutil.rmtree(OUT, ignore_errors=True)
    content, docs = OUT / "content", OUT / "docs"
    shutil.copytree(args.content.resolve(), content)
    events = content / "events.yml"
    port = _port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "STORY_CONTENT": str(content), "STORY_DOCS_DIR": str(docs)}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(ROOT / "mkdocs.yml"),
                               "-a", f"127.0.0.1:{port}", "-w", str(content), *(["--dirty", "--no-strict"] if args.dirty else [])],
                              cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(server.stdout or []), daemon=True).start()
    try:
        started = time.monotonic()
        while True:
            if server.poll() is not None or time.monotonic() - started > 180:
                raise SystemExit("mkdocs serve did not start:\n" + "".join(log))
            try:
                _get(base, timeout=5)
                break
            except OSError:
                time.sleep(0.1)
        text = events.read_text(encoding="utf-8")
        match = list(TITLE.finditer(text))[len(TITLE.findall(text)) // 2]
        old = match.group(2)
        page = _page_with_event(base, docs, old.strip("\"'"))
        seconds = []
        for i in range(1, args.saves + 1):
            html = _get(page)
            epoch, request = re.search(r"livereload\((\d+), (\d+)\);", html).groups()  # type: ignore[union-attr]
            new = f"Preview check {i} of the timeline"
            done = threading.Event()

            def tab(epoch: str = epoch, request: str = request, new: str = new, done: threading.Event = done) -> None:
                while not done.is_set():
                    answer = _get(f"{base}livereload/{epoch}/{request}")
                    if int(answer) > int(epoch):
                        epoch = answer
                        if new in _get(page):
                            done.set()

            threading.Thread(target=tab, daemon=True).start()
            time.sleep(0.3)  # the tab is waiting, as it would be
            saved = time.monotonic()
            events.write_text(text[:match.start(2)] + new + text[match.end(2):], encoding="utf-8")
            if not done.wait(120):
                raise SystemExit(f"the page never showed save {i}:\n" + "".join(log[-30:]))
            seconds.append(time.monotonic() - saved)
            print(f"save {i}: {seconds[-1]:.2f} s", flush=True)
            time.sleep(0.7)  # let the poller settle, as between an editor's saves
        built = [float(m) for line in log for m in re.findall(r"built in ([\d.]+) seconds", line)]
        load = os.getloadavg()[1]
        print(f"\nlive preview of {args.content}: {len(seconds)} saves, median {statistics.median(seconds):.2f} s, "
              f"slowest {max(seconds):.2f} s, fastest {min(seconds):.2f} s (target: 2 s)")
        if built:
            print(f"MkDocs rebuild alone: median {statistics.median(built[1:] or built):.2f} s")
        print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPU(s), load average over the last 5 minutes "
              f"{load:.1f}; command: benchmarks/preview.py {' '.join(argv)}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
