"""Check a built site for broken internal links and anchors: `python -m generator linkcheck site/`.

Every href/src in every HTML page that points inside the site must reach a file, and every
#fragment must name an id (or a name) on the page it points to. External links are not fetched
(the check runs offline, in CI, in a second): links under --base-url count as internal.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.site import folder_url

LINK_ATTRS = {"href", "src"}
IGNORED_SCHEMES = {"http", "https", "mailto", "tel", "data", "javascript", "ftp"}


@dataclass(frozen=True)
class BrokenLink:
    page: str  # site path of the page holding the link
    target: str  # the link as written
    reason: str

    def format(self) -> str:
        return f"{self.page}: {self.target}: {self.reason}"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)
            elif name in LINK_ATTRS and tag != "base":
                self.links.append(value)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    page.close()
    return page


def _resolve(site: Path, page_rel: str, url: str, base_url: str) -> tuple[str, str] | None:
    """(site path of the target file, fragment), or None for links we do not check."""
    if base_url and url.startswith(base_url):
        url = "/" + url[len(base_url):]
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//"):
        return None
    path = unquote(parts.path)
    if not path:
        return page_rel, unquote(parts.fragment)
    base_path = urlsplit(base_url).path or "/"
    if path.startswith("/") and path.startswith(base_path):  # root-relative, as in 404.html
        path = "/" + path[len(base_path):]
    here = posixpath.dirname(page_rel)
    joined = posixpath.normpath(path.lstrip("/") if path.startswith("/") else posixpath.join(here, path))
    if joined in (".", ""):
        joined = ""
    if path.endswith("/") or (site / joined).is_dir():
        joined = posixpath.join(joined, "index.html") if joined else "index.html"
    return joined, unquote(parts.fragment)


def check_site(site: Path, base_url: str = "", skip: frozenset[str] = frozenset()) -> tuple[int, list[BrokenLink]]:
    """(number of links checked, broken links) for every HTML page under site (but not in the
    top-level folders named in skip)."""
    base_url = folder_url(base_url)
    pages = {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*.html"))
             if p.relative_to(site).parts[0] not in skip}
    parsed = {rel: _parse(path) for rel, path in pages.items()}
    broken: list[BrokenLink] = []
    checked = 0
    for rel, page in parsed.items():
        for url in page.links:
            target = _resolve(site, rel, url, base_url)
            if target is None:
                continue
            checked += 1
            path, fragment = target
            if path.startswith("../") or not (site / path).is_file():
                broken.append(BrokenLink(rel, url, "no such file in the site"))
            elif fragment and path in parsed and fragment not in parsed[path].ids:
                broken.append(BrokenLink(rel, url, f'no element with id "{fragment}" on {path}'))
    return checked, broken


def site_base_url(site: Path) -> str:
    """The address the site was built for: the first <loc> of its sitemap, or '' without one."""
    sitemap = site / "sitemap.xml"
    text = sitemap.read_text(encoding="utf-8") if sitemap.is_file() else ""
    start = text.find("<loc>")
    loc = text[start + 5:text.find("</loc>", start)].strip() if start >= 0 else ""
    return loc if loc.startswith(("http://", "https://")) else ""


def main(site: Path, base_url: str | None = None) -> int:
    if not (site / "index.html").is_file():
        print(f"{site} holds no built site (no index.html); build it first", flush=True)
        return 2
    stories = _stories_in(site)
    checked, broken = check_site(site, site_base_url(site) if base_url is None else base_url, frozenset(stories))
    for name in stories:  # each story of a `build-all` site is a site of its own, with its own address
        more, wrong = check_site(site / name, site_base_url(site / name))
        checked += more
        broken += [BrokenLink(f"{name}/{b.page}", b.target, b.reason) for b in wrong]
    for link in broken:
        print(link.format())
    pages = sum(1 for _ in site.rglob("*.html"))
    print(f"{checked} internal links in {pages} pages checked: {len(broken)} broken")
    return 1 if broken else 0


def _stories_in(site: Path) -> list[str]:
    """The stories `build-all` put in site/NAME/ (each a finished site, with the generator's marker)."""
    from generator.folders import SITE_MARKER

    return sorted(p.name for p in site.iterdir() if p.is_dir() and (p / SITE_MARKER).is_file())


def html_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def compare_pages(site: Path, other: Path) -> int:
    """Two builds of the same pages (e.g. by MkDocs and by Zensical) must hold the same HTML pages."""
    ours, theirs = html_pages(site), html_pages(other)
    for name in sorted(ours - theirs):
        print(f"only in {site}: {name}")
    for name in sorted(theirs - ours):
        print(f"only in {other}: {name}")
    same = ours == theirs and bool(ours)
    print(f"{len(ours)} pages in {site}, {len(theirs)} in {other}: {'the same' if same else 'different'}")
    return 0 if same else 1
