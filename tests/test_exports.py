"""Data for other tools: /story.json (with its schema), /timeline.json (TimelineJS3) and /feed.xml (Atom)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from conftest import MINIMAL, ROOT, SMALL, StoryTree, run_cli
from lxml import etree

from generator.exports import _MARKDOWN, _plain_paragraph, to_html
from generator.pipeline import render
from generator.text import rich

TIMELINEJS3 = json.loads((Path(__file__).parent / "formats" / "timelinejs3.schema.json").read_text())
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def exports(root: Path) -> dict[str, str]:
    _, pages = render(root)
    return pages


def check_schema_valid(schema: dict, data: object) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


@pytest.mark.parametrize("root", [ROOT / "content", SMALL, MINIMAL], ids=["real", "small", "minimal"])
def test_story_json_validates_against_its_published_schema(root: Path) -> None:
    pages = exports(root)
    data = json.loads(pages["story.json"])
    assert data["$schema"] == "story.schema.json"
    check_schema_valid(json.loads(pages["story.schema.json"]), data)


def test_story_json_holds_the_whole_story_in_reading_order() -> None:
    data = json.loads(exports(SMALL)["story.json"])
    assert data["story"]["title"] == "The harbour bridge dispute"
    assert data["last_updated"] == "2026-03-12"
    assert [e["id"] for e in data["events"]] == ["earlier-talks", "council-vote", "eastport-objects"]
    assert [u["date"] for u in data["updates"]] == ["2026-03-12", "2026-03-10"]
    assert {q["id"] for q in data["quotes"]} == {"lee-proud", "diaz-breach"}
    assert list(data["background"]) == ["the-harbour"]
    assert all(t["id"] for t in data["glossary"])


def test_story_json_never_publishes_local_source_text_paths() -> None:
    data = json.loads(exports(SMALL)["story.json"])
    assert data["sources"]
    assert all("text" not in s for s in data["sources"])
    assert "minutes.txt" not in exports(SMALL)["story.json"]


@pytest.mark.parametrize("root", [ROOT / "content", SMALL, MINIMAL], ids=["real", "small", "minimal"])
def test_timeline_json_follows_the_documented_timelinejs3_format(root: Path) -> None:
    data = json.loads(exports(root)["timeline.json"])
    check_schema_valid(TIMELINEJS3, data)
    # TimelineJS3's own checks (TimelineConfig._processDates and validate): an end date equal to
    # the start is dropped, and an era left without one makes the whole timeline invalid.
    for era in data.get("eras", []):
        assert era["end_date"] != era["start_date"], era
    for slide in data["events"]:
        assert slide.get("end_date") != slide["start_date"], slide


def test_timeline_json_keeps_each_dates_true_precision() -> None:
    slides = {s["unique_id"]: s for s in json.loads(exports(SMALL)["timeline.json"])["events"]}
    assert slides["council-vote"]["start_date"] == {"year": 2026, "month": 3, "day": 3}
    assert "end_date" not in slides["council-vote"]
    assert "display_date" not in slides["council-vote"]
    assert slides["eastport-objects"]["start_date"] == {"year": 2026, "month": 3, "day": 5}
    assert slides["eastport-objects"]["end_date"] == {"year": 2026, "month": 3, "day": 7}
    # "2026-02~": month precision only, and approximate, so its label is shown as written
    assert slides["earlier-talks"]["start_date"] == {"year": 2026, "month": 2}
    assert slides["earlier-talks"]["display_date"] == "Early February 2026"


def test_timeline_json_says_about_for_an_approximate_date_without_a_label(story: StoryTree) -> None:
    events = story.root / "events.yml"
    events.write_text(events.read_text().replace("  date_label: Early February 2026\n", ""))
    slides = {s["unique_id"]: s for s in json.loads(exports(story.root)["timeline.json"])["events"]}
    assert slides["earlier-talks"]["display_date"] == "about February 2026"
    assert slides["earlier-talks"]["start_date"] == {"year": 2026, "month": 2}


def test_timeline_json_headline_text_group_and_eras() -> None:
    data = json.loads(exports(SMALL)["timeline.json"])
    slides = {s["unique_id"]: s for s in data["events"]}
    vote = slides["council-vote"]
    assert vote["text"]["headline"] == "Riverton council approves the bridge"
    assert vote["text"]["text"].startswith("<p>The council voted 5 to 4 for the harbour bridge.</p>")
    assert 'href="https://example.org/bridge/timeline/#council-vote"' in vote["text"]["text"]
    assert vote["group"] == "vote"
    assert "group" not in slides["earlier-talks"]
    assert data["title"]["text"]["headline"] == "The harbour bridge dispute"
    # "The vote" is one day: TimelineJS would drop its end date and reject the timeline, so no era
    assert [e["text"]["headline"] for e in data["eras"]] == ["The reaction"]
    assert data["eras"][0]["start_date"] == {"year": 2026, "month": 3, "day": 5}
    assert data["eras"][0]["end_date"] == {"year": 2026, "month": 3, "day": 7}


def test_timeline_json_escapes_html_an_editor_typed(story: StoryTree) -> None:
    events = story.root / "events.yml"
    events.write_text(events.read_text().replace("title: Eastport objects", 'title: "Eastport <b>objects</b>"')
                      .replace("called the vote", "called <script>alert(1)</script> the vote"))
    text = exports(story.root)["timeline.json"]
    assert "<script>" not in text and "<b>" not in text
    assert "Eastport &lt;b&gt;objects&lt;/b&gt;" in text


def parse_feed(text: str) -> etree._Element:
    root = etree.fromstring(text.encode("utf-8"))
    assert root.tag == f"{ATOM}feed"
    return root


def assert_valid_atom(feed: etree._Element) -> None:
    """The RFC 4287 rules a feed reader depends on (sections 4.1.1-4.1.2, 3.3, 4.2.6)."""
    def one(el: etree._Element, name: str) -> etree._Element:
        found = el.findall(f"{ATOM}{name}")
        assert len(found) == 1, f"{el.tag} must have exactly one {name}"
        return found[0]

    for name in ("id", "title", "updated"):
        assert one(feed, name).text
    assert feed.findall(f"{ATOM}author") or all(e.findall(f"{ATOM}author") for e in feed.findall(f"{ATOM}entry"))
    assert urlsplit(one(feed, "id").text).scheme, "atom:id must be an absolute IRI"
    assert [link.get("rel") for link in feed.findall(f"{ATOM}link")].count("self") == 1
    ids = []
    for entry in feed.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert one(entry, name).text
        ids.append(one(entry, "id").text)
        assert urlsplit(ids[-1]).scheme
        content = one(entry, "content")
        assert content.get("type") == "html" and content.text
        for date in entry.findall(f"{ATOM}updated") + entry.findall(f"{ATOM}published"):
            assert RFC3339.match(date.text), date.text
    assert RFC3339.match(one(feed, "updated").text)
    assert len(ids) == len(set(ids)), "entry ids must be unique"


def test_feed_is_valid_atom_with_an_entry_per_update_newest_first() -> None:
    feed = parse_feed(exports(SMALL)["feed.xml"])
    assert_valid_atom(feed)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Correction, 12 March 2026", "Update, 10 March 2026"]
    assert entries[0].find(f"{ATOM}category").get("term") == "correction"
    assert entries[0].findtext(f"{ATOM}content") == "<p>The vote was 5 to 4, not 6 to 3.</p>"
    assert feed.findtext(f"{ATOM}updated") == "2026-03-12T00:00:00+00:00"
    assert feed.findtext(f"{ATOM}id") == "https://example.org/bridge/"
    self_link = next(link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self")
    assert self_link.get("href") == "https://example.org/bridge/feed.xml"


def test_feed_without_a_site_url_uses_relative_links_and_a_stable_urn(minimal: StoryTree) -> None:
    minimal.write("updates.yml", """
        - date: "2026-01-06"
          kind: clarification
          text: Added *context*.
        """)
    first = exports(minimal.root)["feed.xml"]
    feed = parse_feed(first)
    assert_valid_atom(feed)
    assert feed.findtext(f"{ATOM}id").startswith("urn:uuid:")
    hrefs = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert hrefs == {"self": "feed.xml", "alternate": "./"}
    assert exports(minimal.root)["feed.xml"] == first


def test_adding_an_update_keeps_the_ids_of_older_entries(story: StoryTree) -> None:
    def entry_ids() -> list[str]:
        return [e.findtext(f"{ATOM}id") for e in parse_feed(exports(story.root)["feed.xml"]).findall(f"{ATOM}entry")]

    before = entry_ids()
    updates = story.root / "updates.yml"
    updates.write_text(updates.read_text() + '- date: "2026-03-12"\n  kind: update\n  text: More.\n')
    after = entry_ids()
    assert len(after) == len(set(after)) == 3
    assert set(before) < set(after)


def test_built_site_serves_the_exports_and_every_page_links_the_feed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = run_cli("build", "--content", SMALL, "--site", site)
    assert result.returncode == 0, result.stderr
    for name in ("story.json", "story.schema.json", "timeline.json", "feed.xml"):
        assert (site / name).read_text(encoding="utf-8") == exports(SMALL)[name]
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 8
    for html_page in pages:
        head = html_page.read_text(encoding="utf-8").split("</head>")[0]
        assert re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="[^"]*feed\.xml">',
                         head), html_page


def test_timeline_json_labels_a_span_timelinejs_would_shorten(story: StoryTree) -> None:
    events = story.root / "events.yml"
    events.write_text(events.read_text().replace('date: "2026-03-05/2026-03-07"', 'date: "2026/2026-03"'))
    slides = {s["unique_id"]: s for s in json.loads(exports(story.root)["timeline.json"])["events"]}
    assert slides["eastport-objects"]["start_date"] == {"year": 2026}
    assert slides["eastport-objects"]["end_date"] == {"year": 2026, "month": 3}
    assert slides["eastport-objects"]["display_date"] == "2026 – March 2026"


# Text an editor might type into a summary: words, punctuation that is not markup, some that is,
# runs of spaces and line breaks, and paragraphs. The fast path in `to_html` must give exactly
# what Python-Markdown gives, whichever path a text takes.
_PROSE = st.lists(st.sampled_from(["Tokyo", "said", "1.", "2025", "-", "--", "*", "_", "#", ">", "=", "+", "\"",
                                   "'", "(", ")", ",", ".", ":", ";", "!", "?", "%", "&", "<b>", "`", "\\",
                                   "[a](https://example.org)", "  ", " ", "\n", "\n\n", "\t", "高市", "é", "—", "’"])
                  | st.text(max_size=3), max_size=25).map("".join)


@given(_PROSE)
@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", 400)), deadline=None, database=None, derandomize=True)
def test_to_html_gives_what_markdown_gives_for_any_text(text: str) -> None:
    assert to_html(text) == _MARKDOWN.reset().convert(str(rich(text)))


def test_to_html_takes_the_fast_path_only_for_plain_text() -> None:
    assert to_html("Takaichi spoke in the Diet.\n\nChina objected.") == (
        "<p>Takaichi spoke in the Diet.</p>\n<p>China objected.</p>")
    assert to_html("She said *no*.") == "<p>She said <em>no</em>.</p>"
    assert to_html("") == ""
    # escapes and the entities `rich` writes stay on the fast path; markup does not
    assert _plain_paragraph(str(rich("It's 5% (not 6%) & \"rising\" <7"))) == (
        "It's 5% (not 6%) &amp; &quot;rising&quot; &lt;7")
    assert _plain_paragraph(str(rich("She said *no*."))) is None
    assert _plain_paragraph(str(rich("[a](https://example.org)"))) is None
    assert _plain_paragraph(str(rich("Tab\there"))) is not None  # rich makes it a space
