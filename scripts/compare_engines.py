"""Both engines, as a reader sees them: build a story with MkDocs + Material and with Zensical,
screenshot every page in Debian's Chromium at 360 and 1280 px, and write for each page and width
one image with the two side by side and a third panel marking the pixels that differ, plus the
share of differing pixels (printed, and in differences.csv).

    .venv/bin/python scripts/compare_engines.py                      # the real story (content/)
    .venv/bin/python scripts/compare_engines.py --content tests/fixtures/small_story --out /tmp/cmp
    .venv/bin/python scripts/compare_engines.py --full               # whole pages, not the first screen

Nothing is fetched from any other host: the sites are served on 127.0.0.1, and the images are
composed in the same browser (a canvas), so the script needs nothing beyond the test
dependencies. The pixel figure is a guide for a person looking at the images, not a test: the
layout the two engines must share is tested in tests/browser/test_engine_layout.py.
"""

from __future__ import annotations

import argparse
import base64
import csv
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
ENGINES = ("mkdocs", "zensical")
MARK = ".compare-engines"  # the output folder is replaced only when it holds this file
WIDTHS = (360, 1280)
HEIGHTS = {360: 740, 1280: 900}
MAX_HEIGHT = 6000  # a whole-page screenshot is cut here (a long timeline would make a huge image)
# Zensical reserves the scrollbar's place (scrollbar-gutter: stable); headless Chromium hides
# scrollbars but keeps that place, so Zensical's page would be 15 px narrower than Material's in the
# screenshots only (a reader's browser draws a scrollbar there with either engine, or overlays
# one on a phone). The screenshots are taken as with overlay scrollbars, for both engines.
NO_GUTTER = "html { scrollbar-gutter: auto !important }"

# Composed in the page: the two screenshots side by side and a panel of their differences (a pixel
# differs when any colour channel differs by more than `threshold`; it is drawn red on a faded copy).
COMPOSE = """async ([left, right, labels, threshold]) => {
  const load = (src) => new Promise((ok, fail) => { const i = new Image(); i.onload = () => ok(i); i.onerror = fail; i.src = src; });
  const [a, b] = await Promise.all([load(left), load(right)]);
  const w = Math.max(a.width, b.width), h = Math.max(a.height, b.height), gap = 16, top = 28;
  const pixels = (img) => { const c = new OffscreenCanvas(w, h), x = c.getContext('2d');
    x.fillStyle = '#fff'; x.fillRect(0, 0, w, h); x.drawImage(img, 0, 0); return x.getImageData(0, 0, w, h); };
  const pa = pixels(a), pb = pixels(b), diff = new ImageData(w, h);
  let differing = 0;
  for (let i = 0; i < pa.data.length; i += 4) {
    const d = Math.max(Math.abs(pa.data[i] - pb.data[i]), Math.abs(pa.data[i + 1] - pb.data[i + 1]),
                       Math.abs(pa.data[i + 2] - pb.data[i + 2]));
    if (d > threshold) { differing++; diff.data.set([220, 0, 0, 255], i); }
    else { const g = 235 + (pa.data[i] + pa.data[i + 1] + pa.data[i + 2]) / 3 / 16; diff.data.set([g, g, g, 255], i); }
  }
  const out = document.createElement('canvas');
  out.width = 3 * w + 2 * gap; out.height = h + top;
  const x = out.getContext('2d');
  x.fillStyle = '#888'; x.fillRect(0, 0, out.width, out.height);
  x.putImageData(pa, 0, top); x.putImageData(pb, w + gap, top); x.putImageData(diff, 2 * (w + gap), top);
  x.fillStyle = '#000'; x.font = '16px sans-serif';
  labels.forEach((label, n) => x.fillText(label, n * (w + gap) + 4, 20));
  return [out.toDataURL('image/png'), differing / (w * h), a.height, b.height];
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def build(content: Path, site: Path, engine: str) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(content), "--site",
                             str(site), "--engine", engine], cwd=ROOT, env=env, capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        sys.exit(f"the {engine} build failed:\n{result.stdout}{result.stderr}")


def pages(site: Path) -> list[str]:
    return sorted("/" if p.parent == site else f"/{p.parent.relative_to(site).as_posix()}/"
                  for p in site.rglob("index.html"))


def slug(path: str) -> str:
    return path.strip("/").replace("/", "--") or "front"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="content folder (default: content/)")
    parser.add_argument("--out", type=Path, default=ROOT / ".cache" / "compare-engines",
                        help="where the sites, images and differences.csv go (a folder this script made is replaced)")
    parser.add_argument("--full", action="store_true", help=f"whole pages (cut at {MAX_HEIGHT} px), not the first screen")
    parser.add_argument("--threshold", type=int, default=24, help="colour difference a pixel may have and count as the same")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        sys.exit(f"this script needs Chromium at {CHROMIUM} (apt-get install chromium)")
    out = args.out.resolve()
    if out.exists() and any(out.iterdir()):
        if not (out / MARK).exists():
            sys.exit(f"{out} is not empty and was not made by this script: give an empty or new folder")
        shutil.rmtree(out)
    (out / "images").mkdir(parents=True)
    (out / MARK).write_text("made by scripts/compare_engines.py; replaced on the next run\n", encoding="utf-8")
    for engine in ENGINES:
        build(args.content.resolve(), out / engine, engine)
    paths = sorted(set(pages(out / "mkdocs")) | set(pages(out / "zensical")))
    rows = []
    with sync_playwright() as p, serve(out / "mkdocs") as left, serve(out / "zensical") as right:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        composer = browser.new_page()
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": HEIGHTS[width]})
            page = context.new_page()
            for path in paths:
                shots = []
                for base in (left, right):
                    page.goto(base + path, wait_until="networkidle")
                    page.add_style_tag(content=NO_GUTTER)
                    page.wait_for_timeout(150)  # the theme's scripts settle (instant loading, sticky header)
                    height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT)
                    clip = {"x": 0, "y": 0, "width": width, "height": height if args.full else HEIGHTS[width]}
                    shot = page.screenshot(full_page=args.full, clip=clip)
                    shots.append("data:image/png;base64," + base64.b64encode(shot).decode())
                labels = [f"MkDocs + Material {path} {width}px", f"Zensical {path}", "differences (red)"]
                image, share, h_left, h_right = composer.evaluate(COMPOSE, [*shots, labels, args.threshold])
                name = f"{slug(path)}-{width}.png"
                (out / "images" / name).write_bytes(base64.b64decode(image.split(",", 1)[1]))
                rows.append({"page": path, "width": width, "differing_pixels_percent": f"{100 * share:.1f}",
                             "height_mkdocs": h_left, "height_zensical": h_right, "image": f"images/{name}"})
                print(f"{path:40} {width:5} px  {100 * share:5.1f} % of pixels differ  images/{name}")
            context.close()
        browser.close()
    with (out / "differences.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    worst = max(rows, key=lambda r: float(r["differing_pixels_percent"]))
    print(f"{len(rows)} images in {out / 'images'}; most different: {worst['page']} at {worst['width']} px "
          f"({worst['differing_pixels_percent']} %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
