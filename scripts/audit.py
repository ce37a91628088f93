#!/usr/bin/env python3
"""Audit the built site as a reader's browser sees it, served from 127.0.0.1.

    npm ci                                   # once: installs the pinned lighthouse and axe-core
    .venv/bin/python scripts/audit.py        # builds content/ and prints the table
    .venv/bin/python scripts/audit.py --content tests/fixtures/small_story
    .venv/bin/python scripts/audit.py --site site     # audit an existing build

Prints, and checks against the budgets of issue 4:
- Lighthouse (npm `lighthouse`, Debian's Chromium, mobile defaults) on /, /timeline/, /who-said-what/:
  performance >= 95, accessibility, best practices and SEO 100;
- axe-core on every page, in light and in dark mode: zero violations;
- every page at 360 px: no sideways scrolling; no request to another host;
- front page transfer (before compression, search index excluded) under 350 KB.
Exit status 1 when a budget is missed.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LH_PAGES = ["/", "/timeline/", "/who-said-what/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
BUDGET = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
FRONT_PAGE_BYTES = 350_000
METRICS = {"FCP": "first-contentful-paint", "LCP": "largest-contentful-paint", "TBT": "total-blocking-time",
           "CLS": "cumulative-layout-shift", "SI": "speed-index"}
SEARCH_INDEX = "search/search_index.json"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def pages_of(site: Path) -> list[str]:
    return ["/" if p.parent == site else f"/{p.parent.relative_to(site).as_posix()}/"
            for p in sorted(site.rglob("index.html"))]


def build(content: Path, out: Path) -> Path:
    site = out / "site"
    cmd = [sys.executable, "-m", "generator", "build", "--content", str(content), "--site", str(site)]
    subprocess.run(cmd, cwd=ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return site


def lighthouse(url: str, out: Path) -> dict[str, int]:
    report = out / f"lighthouse{urlsplit(url).path.replace('/', '-').rstrip('-') or '-front'}.json"
    cmd = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
           f"--only-categories={','.join(CATEGORIES)}",
           f"--chrome-flags={' '.join(['--headless=new', *FLAGS])}"]
    subprocess.run(cmd, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    data = json.loads(report.read_text(encoding="utf-8"))
    scores = {c: round((data["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
    failing = [f"{a['id']} ({a['score']})" for a in data["audits"].values()
               if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") == "binary"]
    if failing:
        print(f"  {urlsplit(url).path}: failing audits: {', '.join(sorted(failing))}")
    metrics = [f"{m} {data['audits'][key].get('displayValue', '?')}" for m, key in METRICS.items()]
    scores["metrics"] = ", ".join(metrics)  # type: ignore[assignment]
    return scores


def browser_checks(base: str, paths: list[str]) -> dict[str, object]:
    from playwright.sync_api import sync_playwright

    axe_source = AXE.read_text(encoding="utf-8")
    violations: dict[str, list[str]] = {}
    overflow: dict[str, int] = {}
    foreign: set[str] = set()
    own = urlsplit(base).netloc
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for scheme in ("light", "dark"):
            context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
            page = context.new_page()
            page.on("request", lambda r: foreign.add(r.url) if urlsplit(r.url).netloc not in (own, "") else None)
            for path in paths:
                page.goto(base + path, wait_until="networkidle")
                scheme_shown = page.evaluate("document.body.dataset.mdColorScheme")
                if scheme_shown != {"light": "default", "dark": "slate"}[scheme]:
                    violations.setdefault(f"{path} ({scheme})", []).append(f"page showed scheme {scheme_shown}")
                page.add_script_tag(content=axe_source)
                result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
                for v in result["violations"]:
                    where = [", ".join(n["target"]) if isinstance(n["target"][0], str) else str(n["target"])
                             for n in v["nodes"]][:3]
                    violations.setdefault(f"{path} ({scheme})", []).append(f"{v['id']}: {'; '.join(where)}")
            context.close()
        phone = browser.new_page(viewport={"width": 360, "height": 740})
        for path in paths:
            phone.goto(base + path, wait_until="networkidle")
            width = phone.evaluate("document.documentElement.scrollWidth")
            if width > 360:
                overflow[path] = width
        weight = front_page_bytes(browser, base)
        browser.close()
    return {"violations": violations, "overflow": overflow, "foreign": sorted(foreign), "weight": weight}


def front_page_bytes(browser: object, base: str) -> dict[str, int]:
    """Bytes of every response the front page loads (uncompressed: the test server sends no gzip)."""
    page = browser.new_page(viewport={"width": 360, "height": 740})  # type: ignore[attr-defined]
    sizes: dict[str, int] = {}

    def record(response: object) -> None:
        url = response.url  # type: ignore[attr-defined]
        if SEARCH_INDEX in url:
            return
        try:
            sizes[url] = len(response.body())  # type: ignore[attr-defined]
        except Exception:  # redirects and aborted requests carry no body
            sizes[url] = 0

    page.on("response", record)
    page.goto(base + "/", wait_until="networkidle")
    page.close()
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--site", type=Path, help="audit this built site instead of building one")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--reports", type=Path, help="keep the Lighthouse JSON reports in this folder")
    args = parser.parse_args(argv)
    for tool in (LIGHTHOUSE, AXE):
        if not tool.exists():
            sys.exit(f"{tool.relative_to(ROOT)} is missing: run  npm ci  in {ROOT}")
    with tempfile.TemporaryDirectory(prefix="audit-") as tmp:
        site = args.site.resolve() if args.site else build(args.content.resolve(), Path(tmp))
        server, base = serve(site)
        try:
            reports = args.reports or Path(tmp)
            reports.mkdir(parents=True, exist_ok=True)
            return report(site, base, reports, args.skip_lighthouse)
        finally:
            server.shutdown()


def report(site: Path, base: str, tmp: Path, skip_lighthouse: bool) -> int:
    ok = True
    paths = pages_of(site)
    if not skip_lighthouse:
        print(f"{'Lighthouse':<18}" + "".join(f"{c:>16}" for c in CATEGORIES))
        for path in LH_PAGES:
            scores = lighthouse(base + path, tmp)
            ok &= all(scores[c] >= BUDGET[c] for c in CATEGORIES)
            print(f"{path:<18}" + "".join(f"{scores[c]:>16}" for c in CATEGORIES) + f"   {scores['metrics']}")
    checks = browser_checks(base, paths)
    violations: dict[str, list[str]] = checks["violations"]  # type: ignore[assignment]
    count = sum(len(v) for v in violations.values())
    print(f"\naxe-core {json.loads((AXE.parent / 'package.json').read_text())['version']}: "
          f"{count} violation(s) on {len(paths)} pages x light/dark")
    for where, items in sorted(violations.items()):
        for item in items:
            print(f"  {where}: {item}")
    weight: dict[str, int] = checks["weight"]  # type: ignore[assignment]
    total = sum(weight.values())
    print(f"\nFront page: {total:,} bytes in {len(weight)} requests (search index excluded; budget "
          f"{FRONT_PAGE_BYTES:,})")
    for url, size in sorted(weight.items(), key=lambda kv: -kv[1])[:6]:
        print(f"  {size:>9,}  {urlsplit(url).path}")
    overflow: dict[str, int] = checks["overflow"]  # type: ignore[assignment]
    print(f"\n360 px: {'no page scrolls sideways' if not overflow else overflow}")
    foreign: list[str] = checks["foreign"]  # type: ignore[assignment]
    print(f"Requests to other hosts: {len(foreign)}" + "".join(f"\n  {u}" for u in foreign))
    ok &= count == 0 and total < FRONT_PAGE_BYTES and not overflow and not foreign
    print("\nAll budgets met." if ok else "\nSome budgets were missed.")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
