"""Read built HTML with the standard library's parser and list what could execute."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc", "background"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass
class Page:
    """What a browser would build from one HTML file, reduced to what the tests look at."""

    path: Path
    tags: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)  # src (or "inline:<first 60 chars>") of every <script>
    text: str = ""  # visible text: everything outside <script>, <style> and comments
    headings: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    def count(self, tag: str) -> int:
        return sum(1 for t, _ in self.tags if t == tag)


class _Reader(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.hidden = 0  # inside script/style
        self.heading: list[str] | None = None
        self.script_attrs: dict[str, str | None] | None = None
        self.chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.page.tags.append((tag, a))
        if tag in ("script", "style"):
            self.hidden += 1
            self.script_attrs = a if tag == "script" else None
            if tag == "script" and a.get("src"):
                self.page.scripts.append(str(a["src"]))
        if tag in _HEADINGS:
            self.heading = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.hidden:
            self.hidden -= 1
        if tag in _HEADINGS and self.heading is not None:
            self.page.headings.append("".join(self.heading).strip())
            self.heading = None

    def handle_data(self, data: str) -> None:
        if self.hidden:
            if self.script_attrs is not None and not self.script_attrs.get("src"):
                self.page.scripts.append(f"inline:{' '.join(data.split())[:60]}")
                self.script_attrs = None
            return
        self.chunks.append(data)
        if self.heading is not None:
            self.heading.append(data)

    def handle_comment(self, data: str) -> None:
        self.page.comments.append(data)


def read_page(path: Path) -> Page:
    page = Page(path)
    reader = _Reader(page)
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    page.text = "".join(reader.chunks)
    return page


def read_site(site: Path) -> dict[str, Page]:
    """Every HTML page of a built site, by path relative to the site."""
    return {p.relative_to(site).as_posix(): read_page(p) for p in sorted(site.rglob("*.html"))}


def event_handlers(page: Page) -> list[str]:
    """Every on* attribute anywhere in the page, as tag[attr=value]."""
    return [f"{t}[{k}={v!r}]" for t, attrs in page.tags for k, v in attrs.items() if k.lower().startswith("on")]


def dangerous_urls(page: Page) -> list[str]:
    """Every URL attribute that would run code or smuggle a document (javascript:, data:, vbscript:)."""
    found = []
    for tag, attrs in page.tags:
        for k, v in attrs.items():
            if k.lower() in _URL_ATTRS and v is not None:
                squashed = "".join(v.split()).lower()
                if squashed.startswith(("javascript:", "data:", "vbscript:")):
                    found.append(f"{tag}[{k}={v!r}]")
    return found


def read_html(html: str) -> Page:
    """Like read_page, for a fragment of HTML in memory."""
    page = Page(Path("<fragment>"))
    reader = _Reader(page)
    reader.feed(html)
    reader.close()
    page.text = "".join(reader.chunks)
    return page
