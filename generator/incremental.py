"""`mkdocs serve` rebuilds that redo only the pages whose generated Markdown changed.

MkDocs rebuilds the whole site on every save: it converts every page's Markdown, renders every
page through the theme and re-indexes every page for search, although one saved event changes a
handful of the generated pages (generator/write.py rewrites only files whose bytes changed). During
`serve` the MkDocs hook keeps, for each page, what the last good build made of it, and reuses it
while what it was made from is unchanged:

- the converted HTML body, table of contents and anchors: reused while the page's Markdown, front
  matter, address, the Markdown settings and the list of pages with their addresses are the same
  (links between pages are resolved against that list);
- the finished page (theme and all): reused while, in addition, the navigation, every page's title
  and address, the site settings and the theme's override templates are the same;
- the page's search entries: reused with the body. The search index is still written whole, from
  every page's entries, on every rebuild: search never loses a page.

A page whose Markdown changed goes through MkDocs as usual. Only what a build that ended without
a warning made is kept, so a page whose links were wrong is converted (and warned about) again.
`mkdocs build` never uses any of this: a published site is always built whole.

No MkDocs import here: the hook hands over MkDocs' page, file and config objects.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KEPT_TEMPLATE = "generator-kept-page.html"  # an empty template for pages whose finished HTML is reused


def _digest(*parts: object) -> str:
    """One key for the parts, each told apart by its length. Text (a page's Markdown: 19 MB in all
    at 2,000 events, on every save) is hashed as it is; anything else as its repr."""
    h = hashlib.blake2b(digest_size=32)
    for part in parts:
        data = (part if isinstance(part, str) else repr(part)).encode("utf-8", "surrogatepass")
        h.update(b"s" if isinstance(part, str) else b"r")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


@dataclass
class Kept:
    """What one good build made of one page."""

    body_key: str
    content: str
    toc: Any
    title_from_render: str | None
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None  # {linked page's src_uri: {anchor: original link}}
    search: list[dict[str, Any]] | None = None
    page_key: str | None = None
    output: str | None = None


@dataclass
class _Build:
    files_key: str | None = None
    site_key: str | None = None
    made: dict[str, Kept] = field(default_factory=dict)   # this build's pages, kept if it ends well
    converted: list[str] = field(default_factory=list)    # pages whose Markdown was converted
    themed: list[str] = field(default_factory=list)       # pages rendered through the theme
    indexed: list[str] = field(default_factory=list)      # pages parsed for search
    pages: int = 0
    by_src: dict[str, Any] | None = None  # this build's files by src_uri


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class Pages:
    """Kept for one `mkdocs serve` session; one instance, driven by the hook's events."""

    def __init__(self) -> None:
        self.kept: dict[str, Kept] = {}
        self.build = _Build()
        self.last = _Build()  # the last finished build, for the log line and the tests
        self._warnings = _Warnings()
        self._listed: dict[tuple[str, str, str], list[str]] = {}

    # --- one build -------------------------------------------------------------------------

    def start(self, config: Any) -> None:
        """on_pre_build: a new build begins. Wraps the search plugin's indexing of a page."""
        self.build = _Build()
        logging.getLogger("mkdocs").removeHandler(self._warnings)
        self._warnings = _Warnings()
        logging.getLogger("mkdocs").addHandler(self._warnings)
        self._list_templates_once(config)
        index = _search_index(config)
        if index is not None and not getattr(index.add_entry_from_context, "_kept", False):
            index.add_entry_from_context = self._indexer(index, index.add_entry_from_context)

    def _list_templates_once(self, config: Any) -> None:
        """MkDocs lists and filters every theme file (Material's ~1,000) on each build to find
        the static ones; the list is kept while the override folder's files are the same."""
        theme = config.theme
        original = theme.get_env
        key = _digest([str(d) for d in theme.dirs], _theme_key(config))

        def get_env() -> Any:
            env = original()
            listing = env.list_templates

            def list_templates(extensions: Any = None, filter_func: Any = None) -> list[str]:
                which = (key, repr(extensions), getattr(filter_func, "__qualname__", repr(filter_func)))
                if which not in self._listed:
                    self._listed[which] = listing(extensions, filter_func)
                return list(self._listed[which])

            env.list_templates = list_templates
            return env

        theme.get_env = get_env

    def markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        """on_page_markdown: an unchanged page gets empty Markdown (nothing to convert); its kept
        HTML is put back in `content`."""
        if self.build.files_key is None:
            self.build.files_key = _digest(config.markdown_extensions, config.mdx_configs,
                                           sorted((f.src_uri, f.url) for f in files))
        key = _digest(self.build.files_key, page.file.src_uri, page.file.url, sorted(page.meta.items()),
                      markdown)
        self.build.pages += 1
        kept = self.kept.get(page.file.src_uri)
        page._story_body_key = key
        page._story_kept = kept if kept is not None and kept.body_key == key else None
        if page._story_kept is not None:
            page.render = functools.partial(_kept_body, page, page._story_kept)
            return ""
        self.build.converted.append(page.file.src_uri)
        return markdown

    def content(self, html: str, page: Any, files: Any) -> str:
        """on_page_content: put back the kept body, or keep the new one."""
        kept: Kept | None = getattr(page, "_story_kept", None)
        if kept is None:
            links = getattr(page, "links_to_anchors", None)
            self.build.made[page.file.src_uri] = Kept(
                page._story_body_key, html, page.toc, getattr(page, "_title_from_render", None),
                set(page.present_anchor_ids or ()),
                {f.src_uri: dict(v) for f, v in links.items()} if links is not None else None)
            return html
        page.toc = kept.toc
        page._title_from_render = kept.title_from_render
        page.present_anchor_ids = set(kept.anchors or ())
        if kept.links is not None:
            by_src = self._files_by_src(files)
            page.links_to_anchors = {by_src[src]: dict(v) for src, v in kept.links.items() if src in by_src}
        self.build.made[page.file.src_uri] = Kept(kept.body_key, kept.content, kept.toc, kept.title_from_render,
                                                  kept.anchors, kept.links, kept.search)
        return kept.content

    def _files_by_src(self, files: Any) -> dict[str, Any]:
        """This build's files by src_uri, looked up once per build: Files.get_file_from_path
        normalises the path on every call (18,000 calls, 0.2 s, per save at 2,000 events)."""
        if self.build.by_src is None:
            self.build.by_src = {f.src_uri: f for f in files}
        return self.build.by_src

    def env(self, env: Any, config: Any, nav: Any, pages: Iterable[Any]) -> Any:
        """on_env: every page is read, so the site-wide key is known; a page whose body and site
        are unchanged gets the empty template, and its kept finished HTML in on_post_page."""
        import jinja2

        pages = list(pages)
        self.build.site_key = _digest(_nav_key(getattr(nav, "items", [])),
                                      sorted((p.file.src_uri, p.url, str(p.title)) for p in pages),
                                      _config_key(config), _theme_key(config))
        if not isinstance(env.loader, jinja2.ChoiceLoader) or KEPT_TEMPLATE not in env.loader.list_templates():
            env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({KEPT_TEMPLATE: ""}), env.loader])
        for page in pages:
            kept: Kept | None = getattr(page, "_story_kept", None)
            page._story_page_key = _digest(page._story_body_key, self.build.site_key) if hasattr(
                page, "_story_body_key") else None
            if kept is not None and kept.output is not None and kept.page_key == page._story_page_key:
                page.meta["template"] = KEPT_TEMPLATE
                if kept.search is not None:  # nothing reads the body again: the search plugin
                    page.content = ""  # would still scan it for attributes to strip (0.2 s per save at 2,000 events)
        return env

    def output(self, html: str, page: Any) -> str:
        """on_post_page: hand back the kept finished HTML, or keep the new one."""
        made = self.build.made.get(page.file.src_uri)
        kept: Kept | None = getattr(page, "_story_kept", None)
        if page.meta.get("template") == KEPT_TEMPLATE and kept is not None and kept.output is not None:
            if made is not None:
                made.page_key, made.output = kept.page_key, kept.output
            return kept.output
        self.build.themed.append(page.file.src_uri)
        if made is not None:
            made.page_key, made.output = getattr(page, "_story_page_key", None), html
        return html

    def finish(self) -> str:
        """on_post_build: keep this build's pages if it ended without a warning (MkDocs counts
        warnings after this event and, in strict mode, fails the build)."""
        logging.getLogger("mkdocs").removeHandler(self._warnings)
        if self._warnings.count:
            self.kept = {}
        else:
            self.kept = self.build.made
        self.last = self.build
        b = self.build
        return (f"preview: {len(b.converted)} of {b.pages} page(s) converted, {len(b.themed)} themed, "
                f"{len(b.indexed)} indexed for search; the rest kept from the last build")

    def _indexer(self, index: Any, original: Callable[[Any], None]) -> Callable[[Any], None]:
        def add_entry_from_context(page: Any) -> None:
            made = self.build.made.get(page.file.src_uri)
            kept: Kept | None = getattr(page, "_story_kept", None)
            if kept is not None and kept.search is not None:
                index.entries.extend(dict(e) for e in kept.search)
                if made is not None:
                    made.search = kept.search
                return
            before = len(index.entries)
            original(page)
            self.build.indexed.append(page.file.src_uri)
            if made is not None:
                made.search = [dict(e) for e in index.entries[before:]]

        add_entry_from_context._kept = True  # type: ignore[attr-defined]
        return add_entry_from_context


def _kept_body(page: Any, kept: Kept, config: Any, files: Any) -> None:
    """A kept page's Page.render: the body from the last build. MkDocs' own would make a Markdown
    converter with every extension to convert nothing (0.15 s per save at 2,000 events); the
    rest of what render sets is put back by Pages.content (on_page_content)."""
    page.content = kept.content


def _search_index(config: Any) -> Any:
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name) if hasattr(config.plugins, "get") else None
        index = getattr(plugin, "search_index", None)
        if index is not None and hasattr(index, "entries") and hasattr(index, "add_entry_from_context"):
            return index
    return None


def _nav_key(items: Iterable[Any]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        out.append((type(item).__name__, str(getattr(item, "title", "")), getattr(item, "url", None),
                    _nav_key(getattr(item, "children", None) or [])))
    return out


_CONFIG_KEYS = ("site_name", "site_url", "site_description", "site_author", "copyright", "repo_url", "repo_name",
                "edit_uri", "extra", "extra_css", "extra_javascript", "use_directory_urls", "markdown_extensions",
                "mdx_configs", "nav")


def _config_key(config: Any) -> list[Any]:
    theme = config.theme
    theme_vars = sorted((k, repr(theme[k])) for k in theme) if hasattr(theme, "__iter__") else repr(theme)
    return [(k, repr(config.get(k))) for k in _CONFIG_KEYS] + [("theme", theme_vars)]


def _theme_key(config: Any) -> list[Any]:
    """The override templates and assets (edited while serving: mkdocs.yml watches overrides/)."""
    custom = getattr(config.theme, "custom_dir", None)
    if not custom:
        return []
    out = []
    for path in sorted(Path(custom).rglob("*")):
        if path.is_file():
            st = path.stat()
            out.append((os.fspath(path), st.st_mtime_ns, st.st_size))
    return out
