"""Browser fixtures: build a story once, serve it on 127.0.0.1, drive Debian's Chromium.

Playwright's own browser download is never used: the tests fail (not skip) without
/usr/bin/chromium, as CI must notice a missing browser."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from conftest import ROOT, SMALL, run_cli

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@dataclass
class Site:
    """A built site served over HTTP on a free local port."""

    root: Path
    base: str
    requests: list[str] = field(default_factory=list)

    def url(self, path: str = "/") -> str:
        return self.base + path

    def pages(self) -> list[str]:
        """Every HTML page of the site, as URL paths (/, /timeline/, ...)."""
        out = []
        for html in sorted(self.root.rglob("index.html")):
            rel = html.parent.relative_to(self.root).as_posix()
            out.append("/" if rel == "." else f"/{rel}/")
        return out


def serve(root: Path) -> Iterator[Site]:
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(root, f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()


def build(content: Path, site: Path) -> Path:
    result = run_cli("build", "--content", content, "--site", site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The small story with collections split into parts of at most 3 entries, as a long story's are."""
    site = tmp_path_factory.mktemp("browser-split") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "STORY_PART_SIZE": "3"}
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(SMALL), "--site", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    yield from serve(site)


@pytest.fixture(scope="session")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    yield from serve(build(SMALL, tmp_path_factory.mktemp("browser-small") / "site"))


@pytest.fixture(scope="session")
def reader_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The small story with every reader feature: sides, key moments, need-to-know, key exchange."""
    from conftest import FIXTURES

    yield from serve(build(FIXTURES / "reader_story", tmp_path_factory.mktemp("browser-reader") / "site"))


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The real story in content/, when it validates (it is written concurrently)."""
    check = run_cli("check", "--content", ROOT / "content")
    if check.returncode != 0:
        pytest.skip("content/ does not validate yet:\n" + check.stderr[-2000:])
    yield from serve(build(ROOT / "content", tmp_path_factory.mktemp("browser-real") / "site"))


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    assert Path(CHROMIUM).exists(), f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)"
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def new_page(browser: Browser, width: int = 1280, height: int = 900, scheme: str = "light") -> Page:
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)  # type: ignore[arg-type]
    return context.new_page()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    pg = new_page(browser)
    yield pg
    pg.context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    pg = new_page(browser, 360, 740)
    yield pg
    pg.context.close()


def foreign_requests(urls: list[str], base: str) -> list[str]:
    """Requests to any host other than the site's own (data: and blob: URLs stay in the page)."""
    own = urlsplit(base).netloc
    return [u for u in urls if urlsplit(u).scheme not in ("data", "blob", "about") and urlsplit(u).netloc != own]
