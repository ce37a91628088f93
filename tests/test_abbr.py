"""Glossary tooltips: generator/abbr.py marks them in one pass per text and makes the same HTML as
Python-Markdown's abbr extension, which was quadratic in the terms one text repeats (issue 11)."""

from __future__ import annotations

import types

import markdown
import pytest

from conftest import ROOT, SMALL
from generator.pipeline import render

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "pymdownx.details", "pymdownx.escapeall", "toc"]
PAGES = {path: text for path, text in render(SMALL)[1].items() if path.endswith(".md")}

TRICKY = [
    "A Harbour bridge, *the Harbour bridge* and **a Harbour bridge**: Harbour bridge.\n\n*[Harbour bridge]: A bridge.",
    "Harbour bridge\n\n*[Harbour bridge]: At the very start and end: Harbour bridge",
    "EU and UN, EUUN, EU-UN, `EU in code`, [EU](https://example.org/EU) EU.\n\n*[EU]: Union\n*[UN]: Nations",
    "- EU in a list, *EU* then EU\n- and UN\n\n> EU quoted *UN* EU\n\n*[EU]: Union\n*[UN]: Nations",
    "An abbreviation with no title: HTML, and one with: CSS.\n\n*[HTML]:\n*[CSS]: Style sheets",
    "Longest first: Ferry agreement and Ferry.\n\n*[Ferry]: A boat\n*[Ferry agreement]: A deal",
]


def html(text: str, abbr: str) -> str:
    return markdown.markdown(text, extensions=[abbr, *EXTENSIONS])


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_page_of_the_fixture_story_gets_the_same_html_as_with_python_markdowns_abbr(name: str) -> None:
    assert html(PAGES[name], "generator.abbr") == html(PAGES[name], "abbr")


@pytest.mark.parametrize("text", TRICKY)
def test_terms_in_tails_lists_quotes_code_and_links_get_the_same_html(text: str) -> None:
    assert html(text, "generator.abbr") == html(text, "abbr")


def test_a_summary_repeating_a_term_thousands_of_times_gets_the_same_html() -> None:
    text = "The harbour bridge, *the harbour bridge* and more. " * 3000 + "\n\n*[harbour bridge]: A bridge.\n"
    ours = html(text, "generator.abbr")
    assert ours == html(text, "abbr")
    assert ours.count('<abbr title="A bridge.">harbour bridge</abbr>') == 6000


def test_the_mkdocs_hook_puts_the_linear_extension_in_place_of_abbr() -> None:
    from generator import mkdocs_hook

    assert "\nmarkdown_extensions:\n  - abbr\n" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = types.SimpleNamespace(markdown_extensions=["abbr", "toc"], mdx_configs={"toc": {"toc_depth": 2}})
    config = mkdocs_hook.on_config(config)
    assert config.markdown_extensions == ["generator.abbr", "toc"]
    assert config.mdx_configs == {"toc": {"toc_depth": 2}, "generator.abbr": {"first_only": True}}


def test_plain_text_drops_emphasis_marks_and_keeps_lone_stars() -> None:
    from generator.text import plain

    assert plain("A *b* and **c d** and _e_ x*y and 2 * 3 * 4") == "A b and c d and e x*y and 2 * 3 * 4"
    # thousands of unmatched stars: each search stops at the next star (was quadratic: 60 s for 120 KB)
    assert plain("*a " * 40_000, limit=10**9) == " ".join(["*a"] * 40_000)


def test_the_site_marks_a_terms_first_use_only_and_never_in_headings_links_or_cards() -> None:
    import markdown

    text = ("# The toll\n\nThe toll rose. Tolls rise again.\n\n[the toll](https://example.org)\n\n"
            '<div class="grid cards" markdown>\n\n- toll card\n\n</div>\n\nA toll.\n\n'
            "*[toll]: A fee.\n*[Tolls]: A fee.\n")
    out = markdown.markdown(text, extensions=["md_in_html", "generator.abbr"],
                            extension_configs={"generator.abbr": {"first_only": True}})
    assert out.count("<abbr") == 1, out
    assert '<p>The <abbr title="A fee.">toll</abbr> rose. Tolls rise again.</p>' in out
    assert "<h1>The toll</h1>" in out


def test_a_glossary_entry_gives_no_tooltip_for_its_own_term_in_its_own_entry_or_after_it() -> None:
    """The heading of a glossary entry (class defines-term) counts as its term's first use: its
    definition and "Also:" line do not repeat in a tooltip what the reader is reading, and a later
    entry names it plainly (it is explained above); a term explained further down still gets one."""
    import markdown

    text = ("## Diet { #diet .defines-term }\n\nThe Diet is the parliament; its Budget Committee meets daily.\n\n"
            "Also: National Diet\n\n## Budget Committee { #budget .defines-term }\n\nA committee of the Diet.\n\n"
            "## Yonaguni { #yonaguni }\n\nAn island; the Diet debated it.\n\n"
            "*[Diet]: The parliament.\n*[National Diet]: The parliament.\n*[Budget Committee]: A committee.\n")
    out = markdown.markdown(text, extensions=["attr_list", "generator.abbr"],
                            extension_configs={"generator.abbr": {"first_only": True}})
    assert '<h2 class="defines-term" id="diet">Diet</h2>' in out
    assert out.count("<abbr") == 1, out  # Budget Committee, named before its own entry
    assert 'its <abbr title="A committee.">Budget Committee</abbr> meets' in out
    assert "<p>Also: National Diet</p>" in out and "<p>A committee of the Diet.</p>" in out


GLOSSARY = [types.SimpleNamespace(term="Diet", definition="The parliament.", aliases=[]),
            types.SimpleNamespace(term="Self-Defense Forces", definition="The military.", aliases=["SDF"]),
            types.SimpleNamespace(term="U.S.", definition="United States.", aliases=[])]
USES = {
    "The Diet's vote.": ["Diet"],
    "Dietary rules, a DietX and a diet2.": [],  # only inside longer words: no tooltip, no definition
    "The Self-Defense\nForces and the SDF.": ["SDF", "Self-Defense Forces"],  # a term broken over two lines
    "Two SDFs, SDF_x.": ["SDF"],
    "U.S.A only.": ["U.S."],  # a term ending in "." is not a word at that end: the extension marks it here
    "Self Defense Forces, XSelf-Defense Forces.": [],  # its words are on the page, the term only run into one
    "**Diet** and *Self-Defense Forces*.": ["Diet", "Self-Defense Forces"],
}


@pytest.mark.parametrize("text", sorted(USES))
def test_a_page_carries_the_definitions_of_the_terms_it_uses_and_makes_the_html_all_of_them_would(text: str) -> None:
    """generator/tooltips.lines_for gives each page the definitions of the terms it contains (it may
    carry one it does not use, never leave out one it uses): the tooltips are the same as with
    every definition on the page."""
    from generator import tooltips

    found = tooltips.definitions(types.SimpleNamespace(terms=[(None, t) for t in GLOSSARY]))
    lines = tooltips.lines_for(text, tooltips.by_word(found))
    assert set(USES[text]) <= {line[2:].split("]")[0] for line in lines.split("\n") if line}
    assert html(text + "\n" + lines, "generator.abbr") == html(text + "\n\n" + "\n".join(d.line for d in found),
                                                               "generator.abbr")


# Letters, digits and what separates them, from several scripts, with the characters runs()
# treats specially: "_", ASCII punctuation, no-break and other Unicode spaces, line separators,
# curly quotation marks and dashes, combining marks (not letters to Python), a character beyond
# the Basic Multilingual Plane and half of a surrogate pair.
_RUN_CHARS = ("aZ09_*-'.,:;!?()[]{}<>#|\\/\"\t\n \x00\x1c\x85\xa0\u2028\u3000\u2009"
              "éßøÆ\u0301\u0308“”‘’—–…·¶§αβΩжЖ日本語の高市台灣한국어١٢٣אב\U0001F600\U00020000\ud800")
# ... and with no letter or digit beyond ASCII, as on most pages of a story in English (runs()
# blanks every other byte at once there)
_LATIN_PAGE_CHARS = "aZ09_*-'.,:;!?()[]{}<>#|\\/\"\t\n \x00\x1c\x85\xa0\u2028\u3000\u2009\u0301“”‘’—–…·¶§\U0001F600"


@pytest.mark.parametrize("chars", [_RUN_CHARS, _LATIN_PAGE_CHARS], ids=["scripts", "latin-page"])
@pytest.mark.parametrize("seed", range(20))
def test_the_page_scan_finds_the_same_runs_of_letters_and_digits_as_the_regular_expression(seed: int,
                                                                                           chars: str) -> None:
    """generator/tooltips.runs (C calls over the page's bytes) gives exactly _WORD.findall's list,
    order and repeats included, on random texts mixing scripts, spaces and punctuation."""
    import random

    from generator import tooltips

    rng = random.Random(seed)
    for _ in range(200):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 80)))
        assert tooltips.runs(text) == tooltips._WORD.findall(text), repr(text)
