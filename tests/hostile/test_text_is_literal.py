"""Whatever an editor pastes into a text field reaches the reader as text: the build succeeds,
the words are visible exactly as typed, and nothing in them becomes an element or attribute
that runs. One build of a story whose every field is hostile; the built HTML is parsed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from . import hostile_content as H
from .html_audit import Page, dangerous_urls, event_handlers, read_site

ATTACKS = {
    "script tag": H.SCRIPT,
    "img onerror": H.IMG,
    "javascript: Markdown link": H.JS_LINK,
    "data: Markdown link": H.DATA_LINK,
    "raw anchor with javascript: href": H.RAW_LINK,
    "svg onload": H.SVG,
    "HTML comment": H.COMMENT,
    "Jinja expression": H.JINJA,
    "Jinja raw block": H.JINJA_RAW,
    "other template syntaxes": H.JINJA_CONFIG,
    "Jinja sandbox escape": H.SSTI,
    "javascript: autolink": H.AUTOLINK,
    "attribute list": H.ATTR_LIST,
    "Markdown heading": H.HEADING,
    "table pipe": H.TABLE,
    "code fence": H.FENCE,
    "horizontal rule": H.RULE,
    "footnote syntax": H.FOOTNOTE,
    "right-to-left overrides": H.RTL,
    "zero-width characters": H.ZERO_WIDTH,
    "emoji": H.EMOJI,
    "very long word": H.LONG_WORD,
    "attribute-closing quote": H.QUOTE_BREAK,
}


@pytest.fixture(scope="module")
def pages(hostile_site: Path) -> dict[str, Page]:
    return read_site(hostile_site)


@pytest.fixture(scope="module")
def clean_pages(good_site: Path) -> dict[str, Page]:
    return read_site(good_site)


def visible(page: Page) -> str:
    """What the reader sees: the invisible word joiner that keeps a typed "<" inert is not shown."""
    return " ".join(page.text.replace("\u2060", "").split())


@pytest.mark.parametrize("name", ATTACKS)
def test_pasted_text_is_shown_to_the_reader_exactly_as_typed(pages: dict[str, Page], name: str) -> None:
    shown_on = [path for path, page in pages.items() if ATTACKS[name] in visible(page)]
    # on the home page (story, key points) and on the page of each collection that carries it
    assert "index.html" in shown_on or name in ("Jinja sandbox escape",), shown_on
    assert len(shown_on) >= 3, shown_on


def test_hostile_one_line_fields_are_shown_whole_on_their_pages(pages: dict[str, Page]) -> None:
    # titles, roles, contexts, labels: the full line of attacks, in one piece
    for path in ("people/index.html", "who-said-what/index.html", "timeline/index.html", "sources/index.html"):
        assert H.LINE in visible(pages[path]), path


def test_no_script_runs_except_the_themes_own(pages: dict[str, Page], clean_pages: dict[str, Page]) -> None:
    theme_srcs = {src.rsplit("/", 1)[-1] for page in clean_pages.values() for src in page.scripts
                  if not src.startswith("inline:")}
    most_inline = max(sum(s.startswith("inline:") for s in p.scripts) for p in clean_pages.values())
    for path, page in pages.items():
        srcs = {s.rsplit("/", 1)[-1] for s in page.scripts if not s.startswith("inline:")}
        assert srcs <= theme_srcs, (path, srcs - theme_srcs)
        inline = [s for s in page.scripts if s.startswith("inline:")]
        assert len(inline) <= most_inline, (path, inline)
        assert not [s for s in page.scripts if "alert" in s or "xss" in s], path
        assert page.count("script") == len(page.scripts), path


def test_no_element_carries_an_event_handler_attribute(pages: dict[str, Page]) -> None:
    assert {path: event_handlers(page) for path, page in pages.items() if event_handlers(page)} == {}


def test_no_link_or_source_uses_javascript_or_data_urls(pages: dict[str, Page]) -> None:
    assert {path: dangerous_urls(page) for path, page in pages.items() if dangerous_urls(page)} == {}


def test_pasted_tags_create_no_elements(pages: dict[str, Page]) -> None:
    for path, page in pages.items():
        made = {tag: page.count(tag) for tag in ("img", "iframe", "object", "embed", "b", "a[javascript]")}
        made["svg with onload"] = sum(1 for t, a in page.tags if t == "svg" and "onload" in a)
        assert made == {"img": 0, "iframe": 0, "object": 0, "embed": 0, "b": 0, "a[javascript]": 0,
                        "svg with onload": 0}, path
        weird = {t for t, _ in page.tags if not re.fullmatch(r"[a-z][a-z0-9-]*", t)}
        assert weird == set(), (path, weird)


def test_html_comments_typed_by_editors_stay_visible_not_hidden(pages: dict[str, Page]) -> None:
    for path, page in pages.items():
        assert not [c for c in page.comments if "hidden editor comment" in c], path


def test_template_syntax_is_printed_literally_never_evaluated(pages: dict[str, Page]) -> None:
    everything = " ".join(visible(p) for p in pages.values())
    assert everything.count("{{ 7*7 }}") >= 20
    assert not re.search(r"\b49\b", everything)
    assert "[0, 1, 2]" not in everything and "uid=" not in everything and not re.search(r"\b(16|18)\b", everything)
    assert "{% raw %}raw block{% endraw %}" in everything


def test_markdown_typed_into_one_line_fields_creates_no_headings_tables_or_code(pages: dict[str, Page]) -> None:
    for path, page in pages.items():
        assert (page.count("table"), page.count("pre"), page.count("hr"), page.count("sup")) == (0, 0, 0, 0), path
        assert page.count("h1") == 1, path
        # the only heading mentioning the pasted heading is one whose text still shows the "#"
        for heading in page.headings:
            if "Breaking heading" in heading:
                assert "# Breaking heading" in heading, (path, heading)


def test_each_event_title_is_one_heading_however_much_markdown_it_holds(pages: dict[str, Page]) -> None:
    timeline = pages["timeline/index.html"]
    titles = [h for h in timeline.headings if H.LINE in " ".join(h.replace("\u2060", "").split())]
    assert len(titles) == 5
    for block in H.BLOCKY:
        assert [t for t in titles if " ".join(t.replace("\u2060", "").split()).startswith(block)], block


def test_titles_handed_to_the_theme_are_escaped_in_header_nav_and_browser_tab(pages: dict[str, Page]) -> None:
    # MkDocs renders themes without autoescape: the story title (site name), page titles and the
    # navigation reach every page raw unless the generator hands them over escaped.
    # Here the story title appears as text in the header and the navigation of every page.
    for path, page in pages.items():
        assert visible(page).count(H.SCRIPT) >= 2, path


def test_the_built_site_keeps_the_text_of_the_long_field_whole(pages: dict[str, Page]) -> None:
    body = visible(pages["background/hostile/index.html"])
    assert body.count("very long field") == 3000


def test_a_right_to_left_override_left_open_cannot_reverse_what_the_page_prints_after_it(
        pages: dict[str, Page]) -> None:
    # first-strong isolate ... pop isolate around the field ends the override with the field
    assert "\u2068" + H.UNCLOSED_RLO + "\u2069 · Source:" in visible(pages["who-said-what/index.html"])


def test_the_machine_readable_exports_carry_the_hostile_text_as_data(hostile_site: Path) -> None:
    import json
    import xml.etree.ElementTree as ET

    story = json.loads((hostile_site / "story.json").read_text(encoding="utf-8"))
    assert H.SCRIPT in json.dumps(story, ensure_ascii=False)
    ET.parse(hostile_site / "feed.xml")  # well-formed whatever the text
    json.loads((hostile_site / "timeline.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def zensical_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Page]:
    """The hostile story built with the second engine, which runs no hooks."""
    from conftest import run_cli

    base = tmp_path_factory.mktemp("hostile-zensical")
    H.write_hostile_story(base / "content")
    result = run_cli("build", "--engine", "zensical", "--content", base / "content", "--site", base / "site")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return read_site(base / "site")


def test_with_zensical_too_no_pasted_script_handler_or_url_runs(zensical_pages: dict[str, Page]) -> None:
    for path, page in zensical_pages.items():
        assert not [s for s in page.scripts if "alert" in s or "xss" in s], path
        assert event_handlers(page) == [] and dangerous_urls(page) == [], path
        assert (page.count("img"), page.count("b"), page.count("iframe")) == (0, 0, 0), path
        assert visible(page).count(H.SCRIPT) >= 2, path  # the title, shown as text in header and nav


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
@pytest.mark.parametrize("language", ["en-GB", "xx"])
def test_a_language_the_theme_has_no_translation_for_builds_with_english_labels(
        tmp_path: Path, engine: str, language: str) -> None:
    import shutil

    from conftest import SMALL, run_cli

    shutil.copytree(SMALL, tmp_path / "content")
    story = tmp_path / "content" / "story.yml"
    story.write_text(story.read_text(encoding="utf-8").replace("language: en", f"language: {language}"),
                     encoding="utf-8")
    result = run_cli("build", "--engine", engine, "--content", tmp_path / "content", "--site", tmp_path / "site")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert '<html lang="en"' in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_a_line_break_typed_into_a_glossary_term_cannot_start_a_line_of_raw_html(pages: dict[str, Page]) -> None:
    glossary = pages["glossary/index.html"]
    assert " ".join(H.NEWLINE_TERM.split()) in visible(glossary)
    assert " ".join(H.NEWLINE_ALIAS.split()) in visible(glossary)
    # the tooltip (abbreviation) machinery still works for the term, as text (at its first use on a
    # page outside headings, so somewhere on the site rather than under the glossary's own heading)
    assert any(tag == "abbr" for page in pages.values() for tag, _ in page.tags)


def test_the_search_index_holds_the_hostile_text_only_as_escaped_html(hostile_site: Path) -> None:
    # the theme's search shows titles and text snippets from this index as HTML
    import json

    from .html_audit import read_html

    docs = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert len(docs) > 10
    found = 0
    for doc in docs:
        for key in ("title", "text"):
            page = read_html(doc.get(key, ""))
            assert not {t for t, _ in page.tags} & {"script", "img", "svg", "iframe", "b"}, (doc["location"], key)
            assert event_handlers(page) == [] and dangerous_urls(page) == [], (doc["location"], key)
            found += H.SCRIPT in page.text.replace("\u2060", "")
    assert found >= 10


def test_place_names_and_labels_are_text_inside_the_locator_map(pages: dict[str, Page]) -> None:
    home = pages["index.html"]
    assert home.count("figure") >= 1 and home.count("text") >= 2  # the map was drawn
    assert "</text>" + H.SCRIPT + "<text>" in visible(home)  # a label trying to leave its SVG <text>
    assert "]]>" + H.SCRIPT in visible(home)  # a distance label trying to end a CDATA section
    assert "Two & <b>three</b> " + H.IMG in visible(home)


def test_story_json_has_the_bytes_json_dumps_would_give(tmp_path: Path) -> None:
    """story.json is written by pydantic's own JSON serializer; every hostile text (quotes,
    backslashes, line breaks, control characters, bidi marks, emoji, Japanese) must come out
    byte for byte as Python's json module writes it, with the same escapes."""
    import json

    from generator.exports import PRIVATE, STORY_SCHEMA, story_export, story_json
    from generator.pipeline import check
    from generator.story import StoryView

    H.write_hostile_story(tmp_path / "content")
    root = Path(__file__).resolve().parents[2]
    for content in (tmp_path / "content", root / "tests/fixtures/japanese_story", root / "content"):
        view = StoryView(check(content))
        data = {"$schema": STORY_SCHEMA, **story_export(view).model_dump(mode="json", exclude=PRIVATE)}
        expected = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
        assert story_json(view) == expected, content


def test_templates_print_values_escaped_without_a_second_escape() -> None:
    """templating._Generator prints the result of the environment's finalize (which escapes) as
    it is, instead of passing it through MarkupSafe's escape as well. It overrides a private
    method of Jinja's code generator, so it is only used with the Jinja it was checked against:
    when the pinned Jinja2 changes, this fails until _Generator is checked again."""
    import jinja2
    from markupsafe import Markup

    from generator import templating

    assert jinja2.__version__ == templating.CHECKED_JINJA, (
        f"Jinja2 is now {jinja2.__version__}: compare CodeGenerator._output_child_pre with "
        "templating._Generator, then update CHECKED_JINJA")
    env = templating.environment()
    code = env.compile("{{ value }}", raw=True)
    assert "environment.finalize(" in code and "escape(" not in code
    template = env.from_string("{{ value }}|{{ value|lit }}|{{ markup }}|{{ html }}|{{ nothing }}")

    class Html:  # an object that is not text but knows its HTML, as MarkupSafe allows
        def __html__(self) -> str:
            return "<b>made</b>"

    out = template.render(value=H.SCRIPT + " *x* [a](javascript:b)", markup=Markup("<i>ok</i>"),
                          html=Html(), nothing=None)
    first, lit, markup, html, none = out.split("|")
    assert "<script>" not in first and first == lit
    assert (markup, html, none) == ("<i>ok</i>", "<b>made</b>", "")


def test_templates_call_functions_as_jinja_does() -> None:
    """templating._Context takes a shorter way through Context.call for plain functions, methods,
    built-ins and macros. Every kind of call a template can make gives what Jinja's own Context
    gives: a context-taking function in and out of loops (with a loop variable it must see), an
    environment-taking one, a callable object whose __call__ takes the context, keyword
    arguments, a macro with a default, a built-in method and a function that raises
    StopIteration."""
    import jinja2
    import jinja2.runtime

    from generator import templating

    assert jinja2.__version__ == templating.CHECKED_JINJA, (
        f"Jinja2 is now {jinja2.__version__}: compare Context.call with templating._Context.call, "
        "then update CHECKED_JINJA")

    @jinja2.pass_context
    def seen(ctx: Any, name: str, suffix: str = "") -> str:
        return f"{name}={ctx.get(name)}{suffix}"

    @jinja2.pass_environment
    def env_name(env: Any) -> str:
        return type(env).__name__

    class Caller:
        @jinja2.pass_context
        def __call__(self, ctx: Any) -> str:
            return f"caller:{ctx.get('outer')}"

    class Shelf:
        def get(self, key: str) -> str:
            return key.upper()

    def stops() -> str:
        raise StopIteration

    source = """{% macro m(a, b="d") %}[{{ a }}{{ b }}]{% endmacro -%}
{{ seen("outer") }} {{ seen("outer", suffix="!") }} {{ env_name() }} {{ obj() }} {{ m(1) }} {{ m(1, b=2) }}
{{ shelf.get("k") }} {{ table.get("x", "none") }} {{ stops() is undefined }}
{% for i in [1, 2] %}{% set inner = i * 10 %}{{ seen("inner") }} {{ seen("i") }} {{ m(i) }} {{ obj() }};{% endfor %}
{% set ns = namespace(n=0) %}{% for i in [1, 2] %}{% set ns.n = ns.n + i %}{{ seen("outer") }}{% endfor %} {{ ns.n }}"""
    values = dict(seen=seen, env_name=env_name, obj=Caller(), shelf=Shelf(), table={}, stops=stops, outer="o")
    ours = templating.environment()
    assert ours.context_class is templating._Context
    theirs = templating.environment()
    theirs.context_class = jinja2.runtime.Context
    expected = theirs.from_string(source).render(**values)
    assert r"inner\=10" in expected and r"caller\:o" in expected  # the cases that take Jinja's own way
    assert ours.from_string(source).render(**values) == expected


@pytest.mark.parametrize("keep", ["", "*_"])
def test_escaping_skips_only_text_with_nothing_to_escape(keep: str) -> None:
    """text._escape returns an ASCII text holding no markup character as it is, without the long
    way (_escape_all); on any text, of any script, the two give the same."""
    import random

    from generator import text

    pool = "aZ09 .,;?-/\t" + "\\`[]{}|#!~^=:+<>&\"'$%@*_()" + "é“”—\u202e\u2060日本"
    rng = random.Random(7)
    texts = ["Takaichi spoke in the Diet on 7 November 2025.", "", "  ", "a*b", "R&D", "<b>", "1. list"]
    texts += ["".join(rng.choice(pool) for _ in range(rng.randint(0, 30))) for _ in range(5000)]
    for value in texts:
        assert text._escape(value, keep) == text._escape_all(value, keep), repr(value)


def test_escaping_plain_ascii_text_takes_the_short_way(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import text

    def long_way(value: str, keep: str = "") -> str:
        raise AssertionError(f"took the long way: {value!r}")

    monkeypatch.setattr(text, "_escape_all", long_way)
    assert text._escape("Takaichi spoke in the Diet on 7 November 2025.") == "Takaichi spoke in the Diet on 7 November 2025."
    with pytest.raises(AssertionError):
        text._escape("It's")
