"""The only module that imports mkdocs: runs the generator before every (re)build.

Listed under `hooks:` in mkdocs.yml, so plain `mkdocs build` and `mkdocs serve` work. The story is
content/ unless STORY_CONTENT names another folder (`python -m generator serve --content DIR` sets
it); its pages go to its own generated_docs/NAME/ (generator/stories.py), and serve rebuilds when
an editor saves a file in that story's folder."""

from __future__ import annotations

import functools
import logging
import os
import signal
import sys
import threading
import types
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import escape
from mkdocs.exceptions import Abort

from generator.card import share_card
from generator.errors import ContentErrors
from generator.incremental import Pages
from generator.parts import part_size
from generator.pipeline import render_site
from generator.rerender import Rerender
from generator.speed import collector_paused
from generator.site import (UNICODE_SLUGIFY, css_string, folder_url, nav_titles, not_found, search_language,
                            theme_language, unicode_headings)
from generator.stories import DEFAULT, story_at
from generator.text import inert
from generator.yamlio import remember_documents

log = logging.getLogger("mkdocs.hooks.generator")


class HtmlText(str):
    """Editor text handed to the theme. MkDocs renders themes without autoescape and Material
    prints titles raw (header, nav, footer), so a title like <img onerror=...> would run; and the
    theme's JavaScript puts truncated titles through innerHTML again, so it is made inert too.
    Printed raw it is escaped; `|e` escapes it once (not twice); `|tojson` sees the real text."""

    __slots__ = ()

    def __str__(self) -> str:
        return str(escape(inert(str.__str__(self))))

    def __html__(self) -> str:
        return str(self)


def on_config(config: Any, **_: Any) -> Any:
    """Glossary tooltips are marked by generator/abbr.py, in time linear in the page, instead of
    Python-Markdown's abbr extension (quadratic in the terms one text repeats), and only at a
    term's first use on a page, outside headings, links and cards (every use was underlined)."""
    config.markdown_extensions = ["generator.abbr" if e == "abbr" else e for e in config.markdown_extensions]
    if "abbr" in config.mdx_configs:
        config.mdx_configs["generator.abbr"] = config.mdx_configs.pop("abbr")
    if "generator.abbr" in config.markdown_extensions:  # a term's first use on a page only, never in headings
        config.mdx_configs.setdefault("generator.abbr", {}).setdefault("first_only", True)
    return config


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any, **_: Any) -> str:
    """Front matter (title, description) comes from editors' text: make the theme escape it."""
    for key, value in list(page.meta.items()):
        if isinstance(value, str):
            page.meta[key] = HtmlText(value)
    return _kept_markdown(markdown, page, config, files)


# What must outlive one build of `mkdocs serve`. MkDocs 1.6 loads a hook file once per process
# (Hooks._load_hook is cached) and reuses it for every rebuild, so a module global lasts the
# session; tests/test_live_preview.py fails if a MkDocs version starts loading it afresh.
_SERVE = types.SimpleNamespace(serving=False, last_good=None, bytecode=None, rerender=None)


def on_startup(command: str, **_: Any) -> None:
    _SERVE.serving = command == "serve"
    _SERVE.last_good = None
    _SERVE.pages = Pages() if _SERVE.serving and not os.environ.get("STORY_PREVIEW_FULL") else None  # incremental.py
    remember_documents(_SERVE.pages is not None)  # a file a save left alone is not read into values again
    _SERVE.rerender = Rerender() if _SERVE.pages is not None else None  # after a text edit, only the pages showing it
    if _SERVE.serving:
        _stop_cleanly_on_signals()


def _stop_cleanly_on_signals() -> None:
    """`mkdocs serve` removes its temporary site when Ctrl-C stops it; stopped by a signal (a
    closed terminal, a process manager, a test) it left the folder behind, and the preview's
    folder may be in memory (/dev/shm, generator/cli.py). SIGTERM and SIGHUP now stop it as
    Ctrl-C does, unless something already handles them."""
    if threading.current_thread() is not threading.main_thread():
        return
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) == signal.SIG_DFL:
            signal.signal(number, _as_ctrl_c)


def _as_ctrl_c(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


# How long `mkdocs serve` waits after a change for more changes before it rebuilds: MkDocs 1.6
# waits until 0.1 s pass without one (`build_delay`, an attribute of its server with no setting).
# Its watcher polls (POLL_SECONDS), so the changes one save makes arrive together in one poll;
# the wait only delayed every save by 0.1 s.
BUILD_DELAY_SECONDS = 0.0
# How often `mkdocs serve` looks for saved files. MkDocs 1.6 polls every 0.5 s and offers no
# setting; every 0.1 s costs a few stat() calls on a few dozen files. With the kept bytecode below,
# save-to-reload on the real story went from a median 1.09 s to 0.83 s (benchmarks/preview.py).
POLL_SECONDS = 0.1
# `_timeout` is private to watchdog: set only on the major versions it was tested with (the pinned
# one is in requirements/runtime.lock); any other keeps watchdog's own interval.
WATCHDOG_TESTED = range(2, 8)


def _watchdog_major() -> int:
    try:
        from watchdog.version import VERSION_MAJOR
    except ImportError:
        return 0
    return int(VERSION_MAJOR)


def story_folders(config: Any) -> tuple[Path, Path]:
    """(content, generated pages) of the story this build is for. `python -m generator build` names a
    private pages folder (STORY_DOCS_DIR) so parallel builds never collide; otherwise each story
    has its own folder under generated_docs/, so previewing one never prunes another's pages."""
    root = Path(config.config_file_path).parent
    content = Path(os.environ.get("STORY_CONTENT") or root / DEFAULT)
    docs = os.environ.get("STORY_DOCS_DIR")
    return content, Path(docs) if docs else root / story_at(content, root).docs


def on_serve(server: Any, config: Any, **_: Any) -> Any:
    """Watch the story being served: MkDocs adds mkdocs.yml's `watch:` (generator, overrides)
    after this hook, and the story's own folder is added to that list here.

    Stop watching the generated pages: this hook writes them during each build, so watching them
    started a second, useless rebuild after every save (and held page requests until it ended).

    Rebuild as soon as a change is seen (BUILD_DELAY_SECONDS), then poll more often. The watchdog
    observer is not running yet; its emitters (one per watched folder) and the observer itself,
    for the folders mkdocs.yml's `watch:` adds after this hook, read their interval from
    `_timeout`, on the watchdog versions in WATCHDOG_TESTED only; on those, polling also pauses
    while a rebuild runs. So does Python's cycle collector (_undisturbed)."""
    content = str(story_folders(config)[0].resolve())
    if content not in config.watch:
        config.watch.append(content)
    server.unwatch(config.docs_dir)
    if isinstance(getattr(server, "build_delay", None), (int, float)):
        server.build_delay = BUILD_DELAY_SECONDS
    observer = getattr(server, "observer", None)
    tested = _watchdog_major() in WATCHDOG_TESTED
    if tested:
        for part in [observer, *getattr(observer, "emitters", ())]:
            if hasattr(part, "_timeout"):
                part._timeout = POLL_SECONDS
    if callable(getattr(server, "builder", None)):
        server.builder = _undisturbed(server.builder, observer if tested and hasattr(observer, "emitters") else None)
    return server


def _undisturbed(builder: Any, observer: Any) -> Any:
    """The server's rebuild, with the watcher's polling (when observer is given) and Python's
    cycle collector paused while it runs.

    Each poll stats every watched file, and each stat hands Python's interpreter lock to the
    watcher thread and back: polled every 0.1 s during a rebuild, that slowed the rebuild itself
    by a sixth (save to reloaded page at 2,000 events, median 4.11 s before, 3.49 s paused; the
    real story 1.02-1.08 s before, 0.88-0.91 s paused; benchmarks/preview.py). Nothing is
    lost: the first poll after the rebuild compares the files with the last poll before it, so
    a save made during a rebuild starts the next one.

    The cycle collector walked the server's whole memory (every page kept from the last build)
    about 80 times per save at 2,000 events, 0.25 s in all. Paused, it resumes COLLECT_AFTER
    seconds after the rebuild, once the reloaded page has been served: its first collection walks
    everything the rebuild made (0.06 to 0.28 s at 2,000 events), and the editor was waiting for
    that page. A rebuild starting before then keeps it paused. Memory is still freed as it always
    is (generator/speed.py); only reference cycles wait for the collector."""
    building = threading.Event()

    def rebuild() -> None:
        for emitter in list(observer.emitters) if observer is not None else ():
            _pausable(emitter, building)  # all watched by now: MkDocs adds them before serving
        building.set()
        try:
            with collector_paused(resume_after=COLLECT_AFTER):
                builder()
        finally:
            building.clear()

    return rebuild


COLLECT_AFTER = 0.5  # seconds from the end of a rebuild to the cycle collector's resumption


def _pausable(emitter: Any, building: threading.Event) -> None:
    if getattr(emitter, "_story_pausable", False) or not hasattr(emitter, "stopped_event"):
        return
    poll = emitter.queue_events

    def queue_events(timeout: float) -> None:
        if building.is_set():  # wait as a poll would, without looking at the files
            emitter.stopped_event.wait(timeout)
            return
        poll(timeout)

    emitter.queue_events = queue_events
    emitter._story_pausable = True


class KeptBytecode(jinja2.BytecodeCache):
    """Compiled theme templates, kept for the whole `mkdocs serve` session: MkDocs makes a fresh
    Jinja environment for every rebuild and compiled Material's 40-odd templates each time (a
    third of a rebuild). Jinja checks each template's source checksum before using its code, so a
    changed override is compiled again."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


def on_env(env: Any, config: Any = None, files: Any = None, **_: Any) -> Any:
    if getattr(_SERVE, "serving", False):
        if getattr(_SERVE, "bytecode", None) is None:
            _SERVE.bytecode = KeptBytecode()
        env.bytecode_cache = _SERVE.bytecode
    return _kept_env(env, config, files)


def _last_good_or_abort(exc: ContentErrors) -> tuple[Any, Path]:
    """Build: stop with every error. Serve: an Abort would leave mkdocs 1.6 waiting for a good build
    with every page request hanging, so print every error and rebuild the last good pages instead
    (printed, not logged: strict mode turns a logged warning into an abort)."""
    listing = "\n".join(err.format() for err in exc.errors)
    last_good = getattr(_SERVE, "last_good", None) if getattr(_SERVE, "serving", False) else None
    if last_good is None:
        raise Abort(f"the content has {len(exc.errors)} problem(s); nothing was built:\n{listing}") from None
    print(f"\nERROR - the content has {len(exc.errors)} problem(s); the preview keeps the last good version:\n"
          f"{listing}\nFix the problem(s) and save again. Until then the preview serves the last good version "
          "(the lines below rebuild it).\n", file=sys.stderr, flush=True)
    return last_good


def on_pre_build(config: Any, **_: Any) -> None:
    content, docs = story_folders(config)
    try:
        rendered = render_site(content, docs, part_size(), _rerender())
    except ContentErrors as exc:
        rendered, docs = _last_good_or_abort(exc)
    else:
        log.info("generator: %s", rendered.report.summary())
        if (rerender := _rerender()) is not None and len(rerender.rendered) < len(rendered.site.pages):
            log.info("generator: rendered %d of %d page(s) again: the rest show nothing the save changed",
                     len(rerender.rendered), len(rendered.site.pages))
        if getattr(_SERVE, "serving", False):
            _SERVE.last_good = (rendered, docs)
    view = rendered.view
    config.docs_dir = str(docs)
    _kept_start(config)
    story = view.story
    config.site_name = HtmlText(story.title)
    config.site_description = HtmlText(story.dek)
    if story.site_url:
        config.site_url = folder_url(story.site_url)
    if story.edit_base:  # per story; else mkdocs.yml's extra.edit_base
        config.extra["edit_base"] = folder_url(story.edit_base)
    config.nav = nav_titles(rendered.navigation(), HtmlText)
    config.extra["print_title"] = css_string(story.title)  # overrides/main.html: on every printed page
    config.extra["share_card"] = share_card(view)  # overrides/main.html: og:image, written by render_to
    config.extra["not_found"] = not_found(view.t)  # overrides/404.html
    language = theme_language([Path(d) for d in config.theme.dirs], story.language)
    if language != story.language:
        log.info("generator: the theme has no %r translation; its labels are shown in %r", story.language, language)
    config.theme["language"] = language
    if unicode_headings(story.language):  # "#2025年11月", not "#_1" (generator/site.py)
        config.mdx_configs.setdefault("toc", {})["slugify"] = _unicode_slugify()
    search = config.plugins.get("material/search") or config.plugins.get("search")
    search_lang = search_language([Path(d) for d in config.theme.dirs], story.language)
    if search is not None and search_lang != "en":  # Material copied its config into the index it fills
        search.config.lang = [search_lang]
        index = getattr(search, "search_index", None)
        if index is not None:
            index.config["lang"] = [search_lang]


@functools.cache
def _unicode_slugify() -> Any:
    """One function for the whole process: the preview compares Markdown settings between builds."""
    from pymdownx.slugs import slugify

    return slugify(**UNICODE_SLUGIFY["kwds"])


# Serve rebuilds redo only the pages whose generated Markdown changed (generator/incremental.py);
# the search index is still written whole. `mkdocs build` never keeps anything.


def _rerender() -> Rerender | None:
    return getattr(_SERVE, "rerender", None) if getattr(_SERVE, "serving", False) else None


def _kept() -> Pages | None:
    return getattr(_SERVE, "pages", None) if getattr(_SERVE, "serving", False) else None


def _kept_start(config: Any) -> None:
    if (pages := _kept()) is not None:
        pages.start(config)


def _kept_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    pages = _kept()
    return markdown if pages is None else pages.markdown(markdown, page, config, files)


def on_page_content(html: str, page: Any, files: Any, **_: Any) -> str:
    pages = _kept()
    return html if pages is None else pages.content(html, page, files)


def on_nav(nav: Any, **_: Any) -> Any:
    _SERVE.nav = nav
    return nav


def _kept_env(env: Any, config: Any, files: Any) -> Any:
    pages = _kept()
    if pages is None or config is None or files is None:
        return env
    docs = [f.page for f in files.documentation_pages() if f.page is not None]
    return pages.env(env, config, getattr(_SERVE, "nav", None), docs)


def on_post_page(output: str, page: Any, **_: Any) -> str:
    pages = _kept()
    return output if pages is None else pages.output(output, page)


def on_post_build(**_: Any) -> None:
    if (pages := _kept()) is not None:
        log.info("generator: %s", pages.finish())
