"""Property-based: whatever bytes or values end up in a content file, the generator answers with
content errors (each located in a content file) or with rendered pages. No other exception, ever.
The number of examples is bounded so the normal suite stays fast; raise FUZZ_EXAMPLES to dig."""

from __future__ import annotations

import re

import functools
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, SMALL
from generator import models
from generator.errors import ContentErrors
from generator.pipeline import check, render
from generator.text import one_line, rich, inert

from .html_audit import dangerous_urls, event_handlers, read_html



def fuzz(examples: int) -> settings:
    """Bounded and repeatable in the normal suite; FUZZ_EXAMPLES=5000 digs deeper."""
    return settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", examples)), deadline=None, database=None,
                    derandomize=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


FILES = ["story.yml", "events.yml", "quotes.yml", "actors.yml", "sources.yml", "glossary.yml", "updates.yml",
         "key_points.yml", "background/the-harbour.yml"]
# Characters that mean something to YAML, Markdown, HTML or Jinja, plus some that editors paste.
SPECIAL = list(":-?[]{},#&*!|>'\"%@`\t\n\r \\/<>=~^$()_+.;") + ["{{", "}}", "{%", "%}", "---", "...", "- ", ": ",
                                                                   "\u200b", "\u202e", "\u2028", "\x85", "\ufeff",
                                                                   "\x00", "\x1b", "é", "高市", "🇯🇵",
                                                                   "<script>", "<img src=x onerror=alert(1)>",
                                                                   "[x](javascript:alert(1))", "<!--", "\n\n"]
TEXT = st.lists(st.sampled_from(SPECIAL) | st.text(max_size=4), max_size=20).map("".join)
# The same, limited to what the loader lets through: text that reaches the renderer.
EDITOR_CHARS = st.characters(exclude_categories=("Cc", "Cs"), exclude_characters="\x85\u2028\u2029") | \
    st.sampled_from(list("\n\t"))  # what the loader lets through
EDITOR_TEXT = st.lists(st.sampled_from([t for t in SPECIAL if not any(c in t for c in "\x00\x1b\x85\u2028")])
                       | st.text(alphabet=EDITOR_CHARS, max_size=4), max_size=25).map("".join)


def outcome(files: dict[str, bytes]) -> str:
    """Write files over a copy of the small story; check and (when valid) render it. The property."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "content"
        shutil.copytree(SMALL, root)
        for name, data in files.items():
            (root / name).write_bytes(data)
        try:
            _, pages = render(root)  # loads and checks first, as every build does
        except ContentErrors as exc:
            assert exc.errors, "ContentErrors without errors"
            for err in exc.errors:
                assert err.file.startswith("content/") or err.file == "content", err
                assert err.line >= 1 and err.column >= 1 and err.message, err
                assert "Traceback" not in err.format()
            return "errors"
        assert "index.md" in pages
        assert check(root).story is not None
        for path, text in pages.items():
            if path.endswith(".md"):
                assert_markdown_is_inert(path, text)
        return "pages"


FORBIDDEN = {"script", "img", "iframe", "object", "embed", "svg", "style", "link", "meta", "form", "input", "button",
             "textarea", "select", "video", "audio", "source", "base", "math", "template", "frame", "frameset"}


def assert_markdown_is_inert(path: str, text: str) -> None:
    """A rendered page, through Markdown as the site engine sees it: nothing in it can run."""
    page = _markdown_page(text)
    made = {tag for tag, _ in page.tags} & FORBIDDEN - _templates_own_tags()
    assert not made, (path, made)
    assert event_handlers(page) == [] and dangerous_urls(page) == [], path


def _markdown_page(text: str) -> Any:
    if text.startswith("---\n"):
        text = text.split("\n---\n", 1)[-1]  # front matter is read by the engine, not rendered
    MD.reset()
    return read_html(MD.convert(text))


@functools.cache
def _templates_own_tags() -> frozenset[str]:
    """Tags the templates write themselves (the timeline's filter form, say), from the clean story."""
    _, pages = render(SMALL)
    return frozenset(t for path, text in pages.items() if path.endswith(".md") for t, _ in _markdown_page(text).tags)


def test_the_fuzz_harness_tells_errors_from_pages() -> None:
    assert outcome({}) == "pages"
    assert outcome({"events.yml": b"- [unclosed"}) == "errors"
    assert outcome({"story.yml": (SMALL / "story.yml").read_bytes().replace(b"dispute", b"<script>{{ 7*7 }}")}) == "pages"


@fuzz(150)
@given(name=st.sampled_from(FILES), data=st.binary(max_size=300))
def test_any_bytes_in_any_content_file_give_errors_or_pages(name: str, data: bytes) -> None:
    outcome({name: data})


@fuzz(150)
@given(name=st.sampled_from(FILES), text=st.lists(TEXT, max_size=12).map("".join))
def test_any_text_made_of_yaml_and_markup_characters_gives_errors_or_pages(name: str, text: str) -> None:
    outcome({name: text.encode("utf-8", "surrogatepass")})


@st.composite
def mutated_fixture(draw: st.DrawFn) -> tuple[str, bytes]:
    """A real content file with a few random edits: what a half-finished edit looks like."""
    name = draw(st.sampled_from(FILES))
    text = (SMALL / name).read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "duplicate-line", "cut"]))
        if kind == "insert":
            text = text[:at] + draw(TEXT) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)):]
        elif kind == "duplicate-line":
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end < 0 else end + 1
            text = text[:end] + text[start:end] + text[end:]
        else:
            text = text[:at]
    return name, text.encode("utf-8", "surrogatepass")


@fuzz(60)
@given(edit=mutated_fixture())
def test_a_real_file_with_random_edits_gives_errors_or_pages(edit: tuple[str, bytes]) -> None:
    outcome({edit[0]: edit[1]})


# Any YAML value an editor could produce (everything is read as text, so scalars are strings).
VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
                      lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
                      max_leaves=8)


def dump(value: Any) -> bytes:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False).encode("utf-8", "surrogatepass")


@fuzz(60)
@given(field=st.sampled_from(sorted(models.Event.model_fields) + ["unknown", "sumary"]), value=VALUES,
       index=st.integers(0, 2))
def test_any_value_in_any_event_field_gives_errors_or_pages(field: str, value: Any, index: int) -> None:
    events = yaml.safe_load((SMALL / "events.yml").read_text(encoding="utf-8"))
    events[index][field] = value
    outcome({"events.yml": dump(events)})


@fuzz(40)
@given(field=st.sampled_from(sorted(models.Story.model_fields)), value=VALUES)
def test_any_value_in_any_story_field_gives_errors_or_pages(field: str, value: Any) -> None:
    story = yaml.safe_load((SMALL / "story.yml").read_text(encoding="utf-8"))
    story[field] = value
    outcome({"story.yml": dump(story)})


TEXT_FIELDS = {
    "story.yml": ["title", "dek", "summary"],
    "events.yml": ["title", "summary", "place", "date_label", "note"],
    "quotes.yml": ["context", "via", "note"],
    "actors.yml": ["name", "role", "country", "native", "bio"],
    "glossary.yml": ["term", "definition", "native"],
    "updates.yml": ["text"],
}


@fuzz(40)
@given(name=st.sampled_from(sorted(TEXT_FIELDS)), data=st.data())
def test_any_text_in_any_text_field_renders_or_is_refused(name: str, data: st.DataObject) -> None:
    """Valid shapes, arbitrary text: the renderer itself meets every character sequence."""
    field = data.draw(st.sampled_from(TEXT_FIELDS[name]))
    text = data.draw(st.lists(EDITOR_TEXT, min_size=1, max_size=10).map("".join))
    doc = yaml.safe_load((SMALL / name).read_text(encoding="utf-8"))
    target = doc if isinstance(doc, dict) else doc[0]
    target[field] = text
    outcome({name: dump(doc)})


# The Markdown step on its own, with the extensions mkdocs.yml enables: for any text at all, a
# one-line field becomes exactly that text and no element; a text field becomes paragraphs with
# at most emphasis and web links.
def _markdown() -> Any:
    import markdown

    cfg = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, configs = [], {}
    for entry in cfg.get("markdown_extensions", []):
        name = entry if isinstance(entry, str) else next(iter(entry))
        names.append(name)
        if isinstance(entry, dict) and entry[name]:
            configs[name] = entry[name]
    return markdown.Markdown(extensions=names, extension_configs=configs)


MD = _markdown()
_ISOLATES = str.maketrans("", "", "\u2068\u2069")


@fuzz(300)
@given(text=EDITOR_TEXT)
def test_a_one_line_field_is_exactly_its_text_after_markdown(text: str) -> None:
    MD.reset()
    page = read_html(MD.convert(str(one_line(text))))
    assert {tag for tag, _ in page.tags} <= {"p"}
    shown = " ".join(page.text.split()).translate(_ISOLATES)
    assert shown == " ".join(inert(text).split()).translate(_ISOLATES)
    # and the text stays text however often a script parses it again: no "<" or "&" that could start markup
    assert not re.search(r"<[A-Za-z/!?]|&[A-Za-z#]", shown)


@fuzz(300)
@given(text=EDITOR_TEXT)
def test_a_text_field_gives_only_paragraphs_emphasis_and_safe_links_after_markdown(text: str) -> None:
    MD.reset()
    page = read_html(MD.convert(str(rich(text))))
    assert {tag for tag, _ in page.tags} <= {"p", "em", "strong", "a"}
    for tag, attrs in page.tags:
        assert set(attrs) <= ({"href"} if tag == "a" else set()), (tag, attrs)
        href = "".join((attrs.get("href") or "").split()).lower()
        assert not href.startswith(("javascript:", "data:", "vbscript:")), href


ONE_LINE_FIELDS = [("story.yml", "title"), ("story.yml", "dek"), ("events.yml", "title"), ("events.yml", "place"),
                   ("events.yml", "date_label"), ("actors.yml", "name"), ("actors.yml", "role"),
                   ("actors.yml", "native"), ("actors.yml", "aliases"), ("glossary.yml", "term"),
                   ("glossary.yml", "native"), ("glossary.yml", "aliases"), ("quotes.yml", "context"),
                   ("quotes.yml", "via"), ("sources.yml", "title"), ("sources.yml", "publisher")]
MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "# Heading",
          "| a | b |", "```", "---", "<!--", "[x](javascript:alert(1))", "*[x]: <script>alert(1)</script>",
          "{: onclick=alert(1) }", "<a href='javascript:alert(1)'>x</a>"]


@fuzz(60)
@given(where=st.sampled_from(ONE_LINE_FIELDS), before=EDITOR_TEXT, attack=st.sampled_from(MARKUP), after=EDITOR_TEXT,
       breaks=st.sampled_from(["\n", "\n\n", "\r\n", "\t"]))
def test_line_breaks_and_markup_in_any_one_line_field_render_inert(
        where: tuple[str, str], before: str, attack: str, after: str, breaks: str) -> None:
    name, field = where
    doc = yaml.safe_load((SMALL / name).read_text(encoding="utf-8"))
    target = doc if isinstance(doc, dict) else doc[0]
    value = "Term" + before + breaks + attack + breaks + after
    target[field] = [value] if field == "aliases" else value
    outcome({name: dump(doc)})
