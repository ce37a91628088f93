#!/usr/bin/env python3
"""Hostile inputs that used to stall `check` or the render (issue 11: "an editor's save must never
stall the check or the preview"). Each case builds a copy of the small test story in a temporary
folder, changes one thing, and times the step it stalled, in a fresh process (so a case still
running after --timeout is stopped and reported as such):

- quote N words: a written quote of N words copied from its source text with one word changed;
  `check` then looks for the closest passage in the source (was cubic in the quote's length);
- summary N MB: an event summary of N MB that repeats the glossary's terms; times the whole
  `python -m generator build`, whose MkDocs run marks every glossary term with its tooltip
  (Python-Markdown's abbr extension was quadratic in the terms one text repeats);
- citations N: N sources and N events, each event citing its source misspelt; `check` looks for
  a "did you mean" for every miss (compared each miss with every id).

    .venv/bin/python benchmarks/timebombs.py                       all cases
    .venv/bin/python benchmarks/timebombs.py --quote 400 --summary 4 --citations 3000 --timeout 120
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "fixtures" / "small_story"
sys.path.insert(0, str(ROOT))

WORDS = ("agreement alliance ambassador border budget cabinet ceasefire coalition committee conference court "
         "crisis delegation deputy diplomat dispute economy election embassy envoy exports fleet harbour hearing "
         "island justice leader market meeting minister ministry navy negotiation parliament party patrol peace "
         "police policy port president press protest railway region report security shipping statement strait "
         "summit tariff territory trade treaty troops union vessel visit vote warning witness").split()


def _story(folder: Path) -> Path:
    content = folder / "content"
    shutil.copytree(SMALL, content)
    return content


def build_quote(folder: Path, words: int) -> Path:
    """A written quote of `words` words, found in the source text but for one word."""
    content, r = _story(folder), random.Random(11)
    said = [r.choice(WORDS) for _ in range(words)]
    before = " ".join(r.choice(WORDS) for _ in range(words))
    after = " ".join(r.choice(WORDS) for _ in range(words))
    (content / "sources" / "minutes.txt").write_text(
        f"Minutes. {before}. The mayor wrote: “{' '.join(said).capitalize()}.” {after}.\n", encoding="utf-8")
    said[words // 2] = "bridge"  # not in WORDS: one word changed in the middle
    quotes = (content / "quotes.yml").read_text(encoding="utf-8")
    quotes = quotes.replace('text: "We are proud of this bridge."\n  kind: direct',
                            f'text: "{" ".join(said).capitalize()}."\n  kind: written')
    (content / "quotes.yml").write_text(quotes, encoding="utf-8")
    return content


def build_summary(folder: Path, megabytes: float) -> Path:
    """An event summary of `megabytes` MB that names the glossary's terms again and again."""
    content, r = _story(folder), random.Random(11)
    phrases = ["the Harbour bridge", "the 1990 agreement", "the ferry agreement", "harbour bridge"]
    parts, size = [], 0
    while size < megabytes * 1_000_000:
        sentence = f"{r.choice(WORDS).capitalize()} {r.choice(WORDS)} on {r.choice(phrases)} and {r.choice(WORDS)}."
        parts.append(sentence)
        size += len(sentence) + 1
    events = (content / "events.yml").read_text(encoding="utf-8")
    events = events.replace("  summary: The council voted 5 to 4 for the harbour bridge.",
                            "  summary: " + json.dumps(" ".join(parts)))
    (content / "events.yml").write_text(events, encoding="utf-8")
    return content


def build_citations(folder: Path, count: int) -> Path:
    """`count` sources with ids like real ones, and `count` events each citing its own source with
    one letter left out."""
    content, r = _story(folder), random.Random(11)
    outlets = ["jiji", "kyodo", "yomiuri", "reuters", "afp", "livedoor", "japan-times", "xinhua"]
    sources, events = [], []
    for i in range(count):
        words = "-".join(r.sample(WORDS, 2))
        sid = f"{r.choice(outlets)}-2025-{1 + i % 12:02d}-{1 + i % 28:02d}-{words}-{i}"
        sources.append(f"- id: {sid}\n  title: Report {i}\n  publisher: Outlet\n  kind: article\n")
        cut = r.randrange(len(sid) - len(str(i)) - 1)  # drop one letter, never from the number
        while sid[cut] == "-":
            cut += 1
        events.append(f"- id: event-{i}\n  date: \"2026-03-03\"\n  title: Event {i}\n  summary: Event {i}.\n"
                      f"  sources: [{sid[:cut] + sid[cut + 1:]}]\n")
    with open(content / "sources.yml", "a", encoding="utf-8") as f:
        f.write("".join(sources))
    with open(content / "events.yml", "a", encoding="utf-8") as f:
        f.write("".join(events))
    return content


def _run(case: str, size: float) -> None:
    """In the child process: build the case, time the step, print seconds and what it reported."""
    from generator.errors import ContentErrors
    from generator.pipeline import check

    with tempfile.TemporaryDirectory(prefix="timebomb-") as tmp:
        if case == "quote":
            content = build_quote(Path(tmp), int(size))
        elif case == "summary":
            content = build_summary(Path(tmp), size)
        else:
            content = build_citations(Path(tmp), int(size))
        started = time.perf_counter()
        if case == "summary":  # the stall was in MkDocs (the preview), so: the whole build
            built = subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(content),
                                    "--site", str(Path(tmp) / "site")], cwd=ROOT, capture_output=True, text=True)
            found = built.stdout.strip().splitlines()[-1] if built.returncode == 0 else built.stderr[-300:]
        else:
            try:
                check(content)
                found = "no problems"
            except ContentErrors as exc:
                found = f"{len(exc.errors)} problem(s); first hint: {exc.errors[0].hint[:150]}"
        print(json.dumps({"seconds": time.perf_counter() - started, "found": found}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quote", default="400,800", help="quote lengths in words (comma-separated)")
    parser.add_argument("--summary", default="4,18", help="summary sizes in MB (comma-separated)")
    parser.add_argument("--citations", default="3000", help="numbers of misspelt citations (comma-separated)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a case is stopped")
    parser.add_argument("--run", nargs=2, help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    if args.run:
        _run(args.run[0], float(args.run[1]))
        return
    cases = [("quote", args.quote, "words"), ("summary", args.summary, "MB"), ("citations", args.citations, "")]
    for case, sizes, unit in cases:
        for size in filter(None, sizes.split(",")):
            name = f"{case} {size}{' ' + unit if unit else ''}"
            # a session of its own, so that a case stopped at the timeout takes the build it started with it
            child = subprocess.Popen([sys.executable, __file__, "--run", case, size], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, start_new_session=True)
            try:
                out, err = child.communicate(timeout=args.timeout)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
                child.communicate()
                print(f"{name:<18} > {args.timeout:.0f} s (stopped)", flush=True)
                continue
            if child.returncode:
                print(f"{name:<18} failed: {err.strip().splitlines()[-1:]}", flush=True)
                continue
            result = json.loads(out.strip().splitlines()[-1])
            print(f"{name:<18} {result['seconds']:8.2f} s   {result['found']}", flush=True)


if __name__ == "__main__":
    main()
