"""Render the story into Markdown pages: a pure function of the validated story."""

from __future__ import annotations

import datetime
import functools
import multiprocessing
import os
import re
import threading
import urllib.parse
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import jinja2

import json

from generator import listings, registry
from generator.dates import display, iso_day, month_heading, parse_date
from generator.story import StoryView, initials
from generator.text import Md, attr, one_line, plain, rich


@dataclass(frozen=True)
class Page:
    path: str  # relative to the docs folder, e.g. "timeline.md"
    template: str
    title: str
    description: str
    extra: dict[str, Any] = field(default_factory=dict)
    part_of: str = ""  # for a part of a long collection: the collection's page; parts stay out of the nav


def plan(view: StoryView) -> list[Page]:
    """The pages this story needs, in the registry's order; a page with nothing to show is left out."""
    pages = [Page("index.md", "index.md.j2", view.story.title, plain(view.story.dek, 200))]
    for n, kind in enumerate(registry.PAGES):
        if n == registry.BEFORE_BACKGROUND:
            pages += [Page(f"background/{slug}.md", "background.md.j2", bg.title, plain(bg.summary, 200),
                           {"slug": slug, "bg": bg}) for slug, bg in sorted(view.c.background.items())]
        if not kind.has(view):
            continue
        pages += (_collection(view, kind.path, kind.template, kind.title, kind.description) if kind.split
                  else [Page(kind.path, kind.template, kind.title, kind.description)])
    return pages


def _collection(view: StoryView, path: str, template: str, title: str, description: str) -> list[Page]:
    """A collection's page; for a long one, an index page and its parts (see generator/parts.py)."""
    parts = view.parts.get(path)
    if not parts:
        return [Page(path, template, title, description, listings.listing(view, path, listings.everything(view, path)))]
    pages = [Page(path, "parts.md.j2", title, description, listings.index(view, path, parts))]
    for i, part in enumerate(parts):
        extra = listings.listing(view, path, list(part.items), part)
        extra.update(collection=title, prev=parts[i - 1] if i else None,
                     next=parts[i + 1] if i + 1 < len(parts) else None)
        pages.append(Page(part.path, template, f"{title}: {part.title}", f"{title}: {part.title}. {description}",
                          extra, part_of=path))
    return pages


def nav(pages: list[Page]) -> list[Any]:
    """Navigation for mkdocs.yml: top pages, background pages in one section."""
    entries: list[Any] = []
    pages = [p for p in pages if not p.part_of]
    background = [{p.title: p.path} for p in pages if p.path.startswith("background/")]
    for p in pages:
        if p.path.startswith("background/"):
            if background:
                entries.append({"Background": background})
                background = []
            continue
        entries.append({"The explainer" if p.path == "index.md" else p.title: p.path})
    return entries


def _finalize(value: Any) -> Any:
    """Every value a template prints is escaped unless a filter or macro made it (Markup)."""
    if hasattr(value, "__html__"):
        return value
    if value is None:
        return ""
    return one_line(value)


@jinja2.pass_context
def _url(ctx: Any, target: str, anchor: str = "") -> Md:
    """Relative link from the page being rendered to target (a docs path), with an anchor."""
    rel = _relative(ctx["page"].path, ctx["v"].where(target, anchor))
    return Md(rel + (f"#{anchor}" if anchor else ""))


def _relative(page: str, target: str) -> str:
    """posixpath.relpath for our docs paths (relative, normalised), without the two calls to
    os.getcwd() relpath makes: a large story makes hundreds of thousands of links."""
    if target == page:
        return ""
    here, there = page.split("/")[:-1], target.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def _safe_url(value: str) -> Md:
    """A source URL written out as an autolink; only http(s) URLs reach here (checked earlier)."""
    if not value.lower().startswith(("http://", "https://")):
        return one_line(value)
    # percent-encoded: characters Markdown would read inside an autolink (a backtick starts code)
    return Md("".join(c if c.isascii() and c not in ' <>"`\\' else f"%{ord(c):02X}" if c.isascii() else c
                      for c in value))


@jinja2.pass_context
def _key_strip(ctx: Any) -> Md:
    """The key-moments strip (generator/strip.py) of the story's key events."""
    from generator import strip
    from generator.dates import MONTHS

    view = ctx["v"]
    moments = []
    for number, ev in enumerate(view.key_moments, 1):
        y, m, d = view.dates[ev.date].start.first
        moments.append(strip.Moment(number, datetime.date(y, m, d), f"{d} {MONTHS[m - 1][:3]} {y}", ev.title,
                                    view.event_colour(ev) or strip.NEUTRAL))
    return Md(strip.svg(moments))


def _link_url(value: str) -> Md:
    """A source URL as a Markdown link target: the same percent-encoding, and no parentheses."""
    return Md(str(_safe_url(value)).replace("(", "%28").replace(")", "%29"))


def _locator_map(places: Any, ids: list[str] | None = None, title: str = "Map") -> Md:
    """Inline SVG map (generator/map.py); its text is HTML-escaped there."""
    from generator import map as locator

    return Md(locator.svg(places, list(ids) if ids else None, title))


def _map_distances(places: Any, ids: list[str] | None = None) -> list[tuple[str, str, str]]:
    from generator import map as locator

    by_id = {p.id: p for p in places.places}
    return [(by_id[d.between[0]].name, by_id[d.between[1]].name, locator.distance_label(d, places))
            for d in places.distances if not ids or set(d.between) <= set(ids)]


@functools.lru_cache(maxsize=65536)
def _date_text(d: str) -> Md:
    # the same few thousand dates are printed again and again (cited sources, quotes, events)
    return one_line(display(parse_date(d)))


@functools.lru_cache(maxsize=65536)
def _iso_text(d: str) -> Md:
    return Md(iso_day(parse_date(d)))


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        # compiled templates kept in the user's temp folder (keyed by each template's text):
        # compiling them was a fifth of the generator's time on every build of the real story
        bytecode_cache=jinja2.FileSystemBytecodeCache(),
        undefined=jinja2.StrictUndefined,
        autoescape=True,  # with _finalize: values are escaped for Markdown, not HTML
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        rich=rich, plain=plain, attr=lambda v: Md(attr(v)), lit=one_line,
        date=_date_text, month=lambda d: one_line(month_heading(parse_date(d))),
    )
    env.filters.update(
        yamlstr=lambda v: Md(json.dumps(str(v), ensure_ascii=False)),
        iso=_iso_text,
        safeurl=_safe_url,
        linkurl=_link_url,
        urlquote=lambda v: Md(urllib.parse.quote(str(v), safe="")),
    )
    env.globals.update(url=_url, locator_map=_locator_map, map_distances=_map_distances, initials=initials,
                       key_strip=_key_strip)
    return env


# Compiled templates are kept between renders (mkdocs serve, the benchmark); Jinja still
# reloads a template whose file changed.
_shared_environment = functools.lru_cache(maxsize=1)(environment)


def render_pages(view: StoryView, env: jinja2.Environment | None = None) -> dict[str, str]:
    """{docs path: Markdown} for every page of the story."""
    env = env or _shared_environment()
    pages = plan(view)
    top = [p for p in pages if not p.part_of]
    abbrs = _by_word(_abbreviations(view))

    def render_some(chosen: list[Page]) -> dict[str, str]:
        out = {}
        for page in chosen:
            template = env.get_template(page.template)
            text = template.render(v=view, s=view.story, page=page, pages=top, **page.extra)
            out[page.path] = text.rstrip("\n") + "\n" + _abbreviation_lines(text, abbrs)
        return out

    if len(pages) < PARALLEL_FROM_PAGES or not _may_fork():
        return render_some(pages)
    # Pages are independent: a forked copy of this process renders every other one while this
    # one renders the rest (a story split into hundreds of pages renders in about 60% of the time
    # on two cores). The copy shares the story in memory; only its pages' text comes back.
    global _FORKED_WORK
    _FORKED_WORK = functools.partial(render_some, pages[1::2])
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
            theirs = pool.submit(_run_forked_work)
            mine = render_some(pages[0::2])
            done = theirs.result()
    finally:
        _FORKED_WORK = None
    both = {**mine, **done}
    return {page.path: both[page.path] for page in pages}  # in the plan's order, as rendered alone


PARALLEL_FROM_PAGES = 40  # fewer pages render faster than a process starts (the real story has 14)
_FORKED_WORK: Any = None


def _run_forked_work() -> dict[str, str]:
    return dict(_FORKED_WORK())


def _may_fork() -> bool:
    """Two cores or more, a platform that forks, STORY_PARALLEL not 0, and no other thread
    running: `mkdocs serve` runs a web server and a file watcher in threads, and forking a
    process with threads can deadlock the copy, so the live preview renders in one process."""
    if os.environ.get("STORY_PARALLEL", "1") == "0" or threading.active_count() > 1:
        return False
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores >= 2 and "fork" in multiprocessing.get_all_start_methods()


_WORD = re.compile(r"[^\W_]+")  # runs of letters and digits: "_" and "*" may be emphasis around a term


@dataclass(frozen=True)
class _Abbr:
    line: str  # *[form]: tooltip
    words: frozenset[str]  # the form's letter-digit runs: each must be on the page for the form to be
    needles: tuple[str, ...]  # the form as a page's Markdown may spell it: as typed, or escaped
    pairs: tuple[frozenset[tuple[str, str]], ...]  # per needle: its consecutive runs, adjacent on the page too


def _abbreviations(view: StoryView) -> list[_Abbr]:
    """Markdown abbreviation lines: every glossary term gets a tooltip wherever it occurs."""
    found = []
    for _, term in view.terms:
        tip = plain(term.definition, 600).replace("\n", " ")  # the whole definition, for all but long ones
        forms = [term.term, term.term.lower(), term.term[:1].upper() + term.term[1:], *term.aliases]
        # one line each: a line break typed in a term ("Tolls\n<script>...") would start a raw-HTML line
        for form in dict.fromkeys(" ".join(f.split()) for f in forms):
            if form and "]" not in form and "\\" not in form:
                needles = tuple(sorted({" ".join(v.split()) for v in (form, one_line(form), rich(form))}))
                pairs = tuple(_pairs(_WORD.findall(n)) for n in needles)
                found.append(_Abbr(f"*[{form}]: {tip}", frozenset(_WORD.findall(form)), needles, pairs))
    return found


def _by_word(abbrs: list[_Abbr]) -> dict[str, list[tuple[int, _Abbr]]]:
    """Each definition filed under the longest (likely rarest) of its words, numbered in order;
    a page then looks only at the definitions filed under the words it contains."""
    index: dict[str, list[tuple[int, _Abbr]]] = {}
    for number, abbr in enumerate(abbrs):
        index.setdefault(max(abbr.words, key=lambda w: (len(w), w), default=""), []).append((number, abbr))
    return index


def _abbreviation_lines(text: str, abbrs: dict[str, list[tuple[int, _Abbr]]]) -> str:
    """The definitions of the terms this page contains, one block each.

    A definition only matters where its term occurs, so a page carries only those: with every
    definition on every page, a large story's pages carried hundreds of unused lines, and
    Python-Markdown's abbr extension (one regex alternative per definition, tried on every text
    node; each definition line split off a block that every block processor re-scans) grew
    with pages x terms, and quadratically with the terms on one page. The HTML is the same."""
    runs = _WORD.findall(text)
    words = set(runs)
    candidates = [c for word in words.intersection(abbrs) for c in abbrs[word]] + abbrs.get("", [])
    pairs: frozenset[tuple[str, str]] = frozenset()
    flat = ""
    lines = []
    for _, abbr in sorted(candidates, key=lambda c: c[0]):
        if abbr.words <= words:
            if not flat:
                flat, pairs = " ".join(text.split()), _pairs(runs)
            if any(p <= pairs and n in flat for n, p in zip(abbr.needles, abbr.pairs)):
                lines.append(abbr.line)
    return ("\n" + "\n\n".join(lines) + "\n") if lines else ""


def _pairs(runs: list[str]) -> frozenset[tuple[str, str]]:
    return frozenset(zip(runs, runs[1:]))
