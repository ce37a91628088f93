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
from playwright.sync_api import Browser, Locator, Page, Playwright, sync_playwright

from conftest import ROOT, SMALL, run_cli

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


# Every reader test runs against both engines (generator/engines.py), and passes with both: no
# case is skipped. Where Zensical looks different by design, LIMITS.md ("Two engines") says so.
ENGINES = ("mkdocs", "zensical")


@dataclass
class Site:
    """A built site served over HTTP on a free local port."""

    root: Path
    base: str
    engine: str = "mkdocs"
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


def serve(root: Path, engine: str = "mkdocs") -> Iterator[Site]:
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(root, f"http://127.0.0.1:{server.server_address[1]}", engine)
    finally:
        server.shutdown()
        server.server_close()


def build(content: Path, site: Path, engine: str = "mkdocs", **env: str) -> Path:
    """Build a content folder into site with one engine (env: extra environment settings)."""
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(content), "--site",
                             str(site), "--engine", engine], cwd=ROOT, capture_output=True, text=True, timeout=900,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return site


_BUILT: dict[tuple[str, str], Path] = {}


def built(factory: pytest.TempPathFactory, name: str, content: Path, engine: str, **env: str) -> Path:
    """A site built once per test session for each story and engine, however often its fixture is set up."""
    if (name, engine) not in _BUILT:
        _BUILT[name, engine] = build(content, factory.mktemp(f"browser-{name}-{engine}") / "site", engine, **env)
    return _BUILT[name, engine]


@pytest.fixture(scope="session", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """The engine the site fixtures below are built with: each test runs once per engine."""
    return str(request.param)


@pytest.fixture(scope="session")
def split_site(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The small story with collections split into parts of at most 3 entries, as a long story's are."""
    yield from serve(built(tmp_path_factory, "split", SMALL, engine, STORY_PART_SIZE="3"), engine)


@pytest.fixture(scope="session")
def small_site(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    yield from serve(built(tmp_path_factory, "small", SMALL, engine), engine)


@pytest.fixture(scope="session")
def reader_site(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The small story with every reader feature: sides, key moments, need-to-know, key exchange."""
    from conftest import FIXTURES

    yield from serve(built(tmp_path_factory, "reader", FIXTURES / "reader_story", engine), engine)


@pytest.fixture(scope="session")
def real_site(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The real story in content/. It must validate: a story that does not fails these tests (a
    skipped test would count as passed)."""
    check = run_cli("check", "--content", ROOT / "content")
    assert check.returncode == 0, "content/ does not validate:\n" + check.stderr[-2000:]
    yield from serve(built(tmp_path_factory, "real", ROOT / "content", engine), engine)


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


# Search, as a reader uses it with either engine. Material's form is in the page; Zensical's
# dialog opens from a button and lives in a shadow root (Playwright's CSS reaches into open ones).
MATERIAL_RESULT = ".md-search-result__item"
ZENSICAL_RESULT = "[role=listbox] > li"
SEARCH_INDEX = {"mkdocs": "search/search_index.json", "zensical": "search.json"}


def open_search(page: Page) -> Locator:
    """The search box, opened as a reader opens it with either engine, at any width."""
    zensical = page.locator(".md-search__button")
    box = page.locator("dialog input[role=combobox]" if zensical.count() else ".md-search__input")
    if zensical.count() and zensical.first.is_visible():
        zensical.first.click()
    elif not box.is_visible():  # on a phone, search opens from the header button
        page.locator('label.md-header__button[for="__search"]').click()
    return box


def search_results(page: Page) -> Locator:
    """Each search result (its title, where it is, and the words found)."""
    return page.locator(f"{MATERIAL_RESULT}, {ZENSICAL_RESULT}")


def search_status(page: Page, site: Site) -> Locator:
    """The line that says how many results there are, or that there are none."""
    return page.locator(".md-search-result__meta" if site.engine == "mkdocs" else "dialog [role=status]")
