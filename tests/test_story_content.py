"""The published story keeps the newsroom's promises: every quotation from the two source
articles is on /who-said-what/, no paraphrase appears in quotation marks, and what the
fact sheet says the articles got wrong is marked, not repeated."""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser

import pytest

from conftest import ROOT, run_cli
from generator.checks import normalise
from generator.pipeline import check

CONTENT = ROOT / "content"

# Every quotation printed in the two articles (source texts in content/sources/).
ARTICLE_QUOTES = {
    "article-asia-daily": [
        "The United States relationship with China is very good, and that is also very good for Japan, "
        "who is our dear and close ally.",
        "China and the United States share a common responsibility to jointly safeguard the post war "
        "international order and oppose any attempts or actions to revive militarism.",
        "President Trump told me that he and I are extremely good friends and that I should call him any time.",
        "Taiwan's return to China is a key part of our vision for the world order.",
        "It is the best result, as it means we are not part of the deal.",
    ],
    "article-unnamed-outlet": ["existential threat"],
}
# Quotations the fact sheet (section D) says the articles mis-render: never shown as direct words.
MISRENDERED = {
    "Taiwan's return to China is a key part of our vision for the world order.",  # D03
    "It is the best result, as it means we are not part of the deal.",  # D12
    "existential threat",  # D24: a translation, not her words
}


@pytest.fixture(scope="module")
def story():  # type: ignore[no-untyped-def]
    return check(CONTENT)


@pytest.fixture(scope="module")
def who_said_what(tmp_path_factory: pytest.TempPathFactory) -> str:
    site = tmp_path_factory.mktemp("real") / "site"
    result = run_cli("build", "--site", site)
    assert result.returncode == 0, result.stderr
    return (site / "who-said-what" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("source", "words"), [(s, w) for s, ws in ARTICLE_QUOTES.items() for w in ws])
def test_every_article_quotation_is_recorded_with_its_source(story, source: str, words: str) -> None:  # type: ignore[no-untyped-def]
    matches = [q for q in story.quotes if q.source == source and normalise(words) in normalise(q.text)]
    assert matches, f"no quote in quotes.yml records {words!r} from {source}"
    if words in MISRENDERED:
        assert all(q.kind == "paraphrase" and q.note for q in matches)


class QuoteBlocks(HTMLParser):
    """Collects the visible text of each quote block on /who-said-what/, by quote kind."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[tuple[str, str]] = []
        self._depth = 0
        self._kind = ""
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self._depth:
            self._depth += tag == "div"
        elif tag == "div" and "quote" in classes:
            self._depth, self._kind, self._text = 1, next(c for c in classes if c.startswith("quote-")), []

    def handle_endtag(self, tag: str) -> None:
        if self._depth and tag == "div":
            self._depth -= 1
            if not self._depth:
                self.blocks.append((self._kind, "".join(self._text)))

    def handle_data(self, data: str) -> None:
        if self._depth:
            self._text.append(data)


def test_every_article_quotation_is_on_who_said_what(who_said_what: str) -> None:
    page = normalise(" ".join(_texts(who_said_what)))
    for words in (w for ws in ARTICLE_QUOTES.values() for w in ws):
        assert normalise(words) in page, words


def _texts(html: str) -> list[str]:
    parser = QuoteBlocks()
    parser.feed(html)
    return [text for _, text in parser.blocks]


def test_no_paraphrase_is_shown_in_quotation_marks(story, who_said_what: str) -> None:  # type: ignore[no-untyped-def]
    parser = QuoteBlocks()
    parser.feed(who_said_what)
    paraphrases = [text for kind, text in parser.blocks if kind == "quote-paraphrase"]
    assert len(paraphrases) == sum(q.kind == "paraphrase" for q in story.quotes)
    for text in paraphrases:
        assert "Paraphrase:" in text
        for q in story.quotes:
            if q.kind == "paraphrase" and normalise(q.text) in normalise(text):
                assert f"“{normalise(q.text)}" not in text and f"\"{normalise(q.text)}" not in normalise(text)


def test_direct_quotes_are_in_quotation_marks(story, who_said_what: str) -> None:  # type: ignore[no-untyped-def]
    page = normalise(" ".join(_texts(who_said_what)))
    for q in story.quotes:
        if q.kind in ("direct", "written"):
            assert f'"{normalise(q.text)}"' in page, q.id


def test_every_event_key_point_and_background_section_cites_a_source(story) -> None:  # type: ignore[no-untyped-def]
    assert all(e.sources for e in story.events)
    assert all(k.sources for k in story.key_points)
    assert all(s.sources for bg in story.background.values() for s in bg.sections)


def test_story_is_big_enough_to_exercise_every_page_kind(story) -> None:  # type: ignore[no-untyped-def]
    assert len(story.events) >= 30 and len(story.glossary) >= 15 and len(story.key_points) == 8
    assert {"security-laws-2015", "us-japan-security-treaty"} <= set(story.background)
    assert all(s.text is None or (CONTENT / s.text).is_file() for s in story.sources)


# SHA-256 of the two articles as received (shared/sources/ in the newsroom's workspace). Kept
# here so the check runs in any clone: quotes are verified against these exact bytes.
ARTICLE_SHA256 = {
    "000_7854eedd7e1aee4e.txt": "d4a16f15a2a9d8a473c67b3447b377ef31f8e77eb3ee84fb6e1429dafb6235b8",
    "003_e14dcb20543d913d.txt": "05d9b70dcbe6a42c957b6a61b6c8b8c17b2a0aa1599e46f7a652d48405949f10",
}


def test_source_article_texts_are_the_files_as_received() -> None:
    for name, digest in ARTICLE_SHA256.items():
        assert hashlib.sha256((CONTENT / "sources" / name).read_bytes()).hexdigest() == digest, name
