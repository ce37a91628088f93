"""The Jinja2 environment the page templates run in: escaping for Markdown, links, dates, maps."""

from __future__ import annotations

import datetime
import functools
import json
import types
import urllib.parse
from typing import Any

import jinja2
import jinja2.compiler
import jinja2.runtime
from markupsafe import Markup

from generator.dates import display, iso_day, month_heading, parse_date, short_day
from generator.locales import strings
from generator.text import Md, attr, one_line, plain, rich


def _finalize(value: Any) -> str:
    """Every value a template prints is escaped unless a filter or macro made it (Markup). Always
    a str, already escaped: _Generator prints it as it is."""
    if hasattr(value, "__html__"):
        return value if isinstance(value, str) else Markup(value.__html__())
    if value is None:
        return ""
    return one_line(value)


# The Jinja2 version whose code generator _Generator was checked against (a test in
# tests/hostile/test_text_is_literal.py fails when the installed one differs, so that an upgrade
# is checked again).
CHECKED_JINJA = "3.1.6"


class _Generator(jinja2.compiler.CodeGenerator):
    """Jinja compiles `{{ value }}` with autoescape to `escape(environment.finalize(value))`. Our
    finalize already returns escaped text, so MarkupSafe's escape only copied it into a new
    Markup: about a fifth of the templates' time on a large story. This prints finalize's result
    as it is; the pages are the same, byte for byte.

    It overrides one private method of Jinja's documented code_generator_class, and is used
    only with the version it was checked against (CHECKED_JINJA); any other version compiles
    the usual way."""

    def _output_child_pre(self, node: Any, frame: Any, finalize: Any) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile and finalize.src is not None:
            self.write("(" + finalize.src)  # _output_child_post closes both
        else:
            super()._output_child_pre(node, frame, finalize)


# The mark jinja2.pass_context leaves on a function (its value is private to Jinja).
_TAKES_CONTEXT = getattr(jinja2.pass_context(lambda: None), "jinja_pass_arg")
# Callables whose __call__ never carries a pass_* mark of its own, so only the callable's own
# mark (if any) decides how Jinja calls it.
_PLAIN_CALLABLES = frozenset({types.FunctionType, types.MethodType, types.BuiltinFunctionType, jinja2.runtime.Macro})


class _Context(jinja2.runtime.Context):
    """Jinja's template context (Environment.context_class), with a shorter way through
    `call`, which every `{{ f(...) }}` in a template goes through: a view's method, tr, url,
    cite, a macro. For a function, method, built-in or macro that takes no context, or takes it
    with no loop or block variables to add, it calls it as Jinja's Context.call would, without
    first looking for marks on the callable and on its __call__ and copying the arguments:
    about a seventh of the templates' time on a large story. Anything else (a callable object,
    pass_environment, pass_eval_context, a context with loop variables) takes Jinja's own way.

    Used only with the Jinja2 version it was checked against (CHECKED_JINJA), like _Generator; a
    test renders the same calls both ways."""

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja's own signature)
        if type(__obj) not in _PLAIN_CALLABLES:
            return super().call(__obj, *args, **kwargs)
        loop_vars = kwargs.pop("_loop_vars", None)
        block_vars = kwargs.pop("_block_vars", None)
        mark = getattr(__obj, "jinja_pass_arg", None)
        if mark is not None:
            if mark is not _TAKES_CONTEXT or loop_vars or block_vars:
                return super().call(__obj, *args, _loop_vars=loop_vars, _block_vars=block_vars, **kwargs)
            args = (__self, *args)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined("value was undefined because a callable raised a StopIteration exception")


@jinja2.pass_context
def _url(ctx: Any, target: str, anchor: str = "") -> Md:
    """Relative link from the page being rendered to target (a docs path), with an anchor."""
    rel = _relative(ctx["page"].path, ctx["site"].where(target, anchor))
    return Md(rel + (f"#{anchor}" if anchor else ""))


@functools.lru_cache(maxsize=65536)
def _relative(page: str, target: str) -> str:
    """posixpath.relpath for our docs paths (relative, normalised), without the two calls to
    os.getcwd() relpath makes: a large story makes hundreds of thousands of links, most of them
    from a page to the same few others, so each pair is worked out once."""
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
    return Md(value.translate(_URL_ESCAPES))


_URL_ESCAPES = {ord(c): f"%{ord(c):02X}" for c in ' <>"`\\'}


@jinja2.pass_context
def _key_strip(ctx: Any) -> Md:
    """The key-moments strip (generator/strip.py) of the story's key events."""
    from generator import strip

    view = ctx["view"]
    moments = []
    for number, ev in enumerate(view.key_moments, 1):
        y, m, d = view.dates[ev.date].start.first
        moments.append(strip.Moment(number, datetime.date(y, m, d), short_day(y, m, d, ctx["lang"]), ev.title,
                                    view.event_colour(ev)))
    return Md(strip.svg(moments))


def _link_url(value: str) -> Md:
    """A source URL as a Markdown link target: the same percent-encoding, and no parentheses."""
    return Md(str(_safe_url(value)).replace("(", "%28").replace(")", "%29"))


@jinja2.pass_context
def _locator_map(ctx: Any, places: Any, ids: list[str] | None = None, close_up: bool = False) -> Md:
    """Inline SVG map (generator/map.py); its text is HTML-escaped there."""
    from generator import map as locator

    return Md(locator.svg(places, list(ids) if ids else None, close_up, ctx["lang"]))


@jinja2.pass_context
def _map_distances(ctx: Any, places: Any, ids: list[str] | None = None) -> list[tuple[str, str, str]]:
    from generator import map as locator

    by_id = {p.id: p for p in places.places}
    return [(by_id[d.between[0]].name, by_id[d.between[1]].name, locator.distance_label(d, places, ctx["lang"]))
            for d in places.distances if not ids or set(d.between) <= set(ids)]


@functools.lru_cache(maxsize=65536)
def _date_text(d: str, language: str = "en") -> Md:
    # the same few thousand dates are printed again and again (cited sources, quotes, events)
    return one_line(display(parse_date(d), language))


# The two most called pieces of the pages (every event, quote and glossary term cites its
# sources), written here rather than as template macros: a Jinja macro call costs more than the
# text it makes. Same output as the macros they replaced (the golden pages check it).


@jinja2.pass_context
def _cite(ctx: Any, ids: list[str], label: Any = None) -> Md:
    """Citations: each source online opens the original (link text: outlet, date and, for screen
    readers, the title); otherwise the source's entry on the Sources page."""
    if not ids:
        return Md("")
    tr, sources = ctx["tr"], ctx["view"].sources
    links = tr("punct.comma").join(_source_link(ctx, sources[sid]) for sid in ids)
    return Md(f'<span class="cite" markdown>{_finalize(label or tr("cite.sources"))}{tr("punct.colon")}'
              f"{links}</span>")


@jinja2.pass_context
def _source_link(ctx: Any, src: Any, dated: bool = True, titled: bool = True) -> Md:
    """A link to a source: the source online, else its entry on the Sources page. Screen readers
    also hear its title and, for a reprint (reprint_of), that it is one; a public original gets
    a link too."""
    tr = ctx["tr"]
    out = ["[", _finalize(src.publisher)]
    if dated and src.published:
        out += [tr("punct.comma"), _date_text(src.published, ctx["lang"])]
    reprint_of = src.reprint_of
    if titled or reprint_of:
        out.append('<span class="visually-hidden">')
        if titled:
            out += [" — ", _finalize(src.title)]
        if reprint_of:
            out += [tr("punct.comma") if titled else " — ", tr("cite.a_reprint")]
        out.append("</span>")
    out += ["](", _link_url(src.url) if src.url else _url(ctx, "sources.md", src.id), ")"]
    if reprint_of:
        out += [" ([", tr("cite.original"), '<span class="visually-hidden"> ',
                tr("cite.original_at", publisher=reprint_of.publisher), "</span>](", _link_url(reprint_of.url), "))"]
    return Md("".join(out))


@jinja2.pass_context
def _actor_links(ctx: Any, ids: list[str]) -> Md:
    """Links to people's profiles, by name, separated by the language's comma."""
    tr, actors = ctx["tr"], ctx["view"].actors
    return Md(str(tr("punct.comma")).join(f"[{_finalize(actors[aid].name)}]({_url(ctx, 'people.md', aid)})" for aid in ids))


@jinja2.pass_context
def _note(ctx: Any, item: Any) -> Md:
    """The mark of an item's accuracy note, a paragraph of its own (nothing without a note)."""
    return Md(_note_mark(ctx, item) + "\n\n") if item.note else Md("")


@jinja2.pass_context
def _note_mark(ctx: Any, item: Any) -> Md:
    """A link to the item's note on the checking page."""
    tr = ctx["tr"]
    return Md(f'[{tr("note.checked_mark")}]({_url(ctx, "checking.md", ctx["view"].note_anchor(item))})'
              "{ .checked-mark }")


@jinja2.pass_context
def _when(ctx: Any, date: str, label: str | None = None) -> Md:
    """A date as a <time> element: its ISO day for machines, and for readers the editor's label
    or the date in words (each event and dated quote has one)."""
    shown = _finalize(label) if label else _date_text(date, ctx["lang"])
    return Md(f'<time datetime="{_iso_text(date)}">{shown}</time>')


@jinja2.pass_context
def _language_name(ctx: Any, code: str) -> str:
    """A language's name in the reader's language (Babel's table): ja -> "Japanese", "日本語"."""
    return _babel_names(ctx["lang"], "languages").get(code.split("-")[0].lower(), code)


@functools.lru_cache(maxsize=16)
def _babel_names(language: str, table: str) -> dict[str, str]:
    """One of Babel's tables of names in a language: "languages" (ja) or "territories" (GB)."""
    from babel import Locale

    return dict(getattr(Locale.parse(language), table))


@jinja2.pass_context
def _native(ctx: Any, entry: Any) -> Md:
    """An entry's name in its own script, marked with its language when the view knows it."""
    text = one_line(entry.native)
    lang = ctx["view"].native_language(entry)
    return Md(f'<span lang="{attr(lang)}">{text}</span>') if lang else text


@jinja2.pass_context
def _actor_country(ctx: Any, actor: Any) -> str:
    """An actor's country as readers read it: an ISO code (JP) as the country's name in their
    language (Babel's table), a name as written; nothing when the actor's side already says it."""
    value = (actor.country or "").strip()
    if len(value) == 2 and value.isascii() and value.isalpha() and value.isupper():
        value = _babel_names(ctx["lang"], "territories").get(value, value)
    side = ctx["view"].side_of(actor)
    return "" if side is not None and side.label == value else value


@functools.lru_cache(maxsize=65536)
def _month_text(d: str, language: str = "en") -> Md:
    # every event on the timeline asks for its month heading (Babel formats it: slow)
    return one_line(month_heading(parse_date(d), language))


@functools.lru_cache(maxsize=8)
def lookup(language: str) -> Any:
    """Templates' tr("key", ...): the table's text is trusted Markdown; values filled into it are
    escaped like everything else a template prints, unless a filter or macro made them (Md)."""
    tr = strings(language)
    fixed: dict[str, Md] = {}  # texts without values ("punct.comma"), asked for thousands of times

    def t(key: str, count: int | None = None, **values: Any) -> Md:
        if count is None and not values:
            text = fixed.get(key)
            if text is None:
                text = fixed[key] = Md(tr.t(key))
            return text
        return Md(tr.t(key, count, **{k: v if hasattr(v, "__html__") or isinstance(v, int) else _finalize(v)
                                      for k, v in values.items()}))
    return t


@functools.lru_cache(maxsize=65536)
def _iso_text(d: str) -> Md:
    return Md(iso_day(parse_date(d)))


def environment() -> jinja2.Environment:
    fast = jinja2.__version__ == CHECKED_JINJA
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        # compiled templates kept in the user's temp folder (keyed by each template's text),
        # so a build does not compile them again; each code generator has its own files
        bytecode_cache=jinja2.FileSystemBytecodeCache(
            pattern=f"__jinja2_explainer_{'printed' if fast else 'escaped'}_%s.cache"),
        undefined=jinja2.StrictUndefined,
        autoescape=True,  # with _finalize: values are escaped for Markdown, not HTML
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    if fast:
        env.code_generator_class = _Generator
        env.context_class = _Context
    env.filters.update(
        rich=rich, plain=plain, attr=lambda v: Md(attr(v)), lit=one_line,
        # a phrase written to follow a comma ("at a news conference") that starts a line here
        first_capital=lambda v: one_line(str(v)[:1].upper() + str(v)[1:]),
        opening=lambda v: one_line(plain(v, 80)),  # a text's first words, without its Markdown
        date=jinja2.pass_context(lambda ctx, d: _date_text(d, ctx["lang"])),
        month=jinja2.pass_context(lambda ctx, d: _month_text(d, ctx["lang"])),
    )
    env.filters.update(
        yamlstr=lambda v: Md(json.dumps(str(v), ensure_ascii=False)),
        iso=_iso_text,
        safeurl=_safe_url,
        linkurl=_link_url,
        urlquote=lambda v: Md(urllib.parse.quote(str(v), safe="")),
    )
    env.globals.update(url=_url, when=_when, language_name=_language_name, actor_country=_actor_country, native=_native, cite=_cite, source_link=_source_link,
                       actor_links=_actor_links, note=_note, note_mark=_note_mark, locator_map=_locator_map, map_distances=_map_distances,
                       key_strip=_key_strip)
    return env


# Compiled templates are kept between renders (mkdocs serve, the benchmark); Jinja still
# reloads a template whose file changed.
shared_environment = functools.lru_cache(maxsize=1)(environment)
