"""A story of thousands of events: long collections split into parts, links still resolve,
pages stay light, and re-rendering after one edit rewrites only the pages that changed.

Timings live in benchmarks/run.py, never here. These tests use small synthetic stories
(benchmarks/synth.py) with a lowered part size, so splitting happens at test scale.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SMALL
from generator import dates, yamlio
from generator.parts import PART_SIZE
from generator.pipeline import check, render, render_to
from generator.plan import nav, site_plan
from generator.story import StoryView

sys.path.insert(0, str(ROOT / "benchmarks"))
from synth import make_story  # noqa: E402

SPLIT = ("timeline.md", "who-said-what.md", "people.md", "sources.md", "checking.md")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_story(100, tmp_path_factory.mktemp("synthetic") / "content")


def _parts(pages: dict[str, str], page: str) -> list[str]:
    return sorted(p for p in pages if p.startswith(page.removesuffix(".md") + "/") and p.endswith(".md"))


def _weight(view: StoryView) -> int:
    return sum(1 + len(view.quotes_by_event.get(e.id, ())) for e in view.timeline)


def test_stories_below_the_part_size_keep_one_page_per_collection(synthetic: Path) -> None:
    for content in (SMALL, ROOT / "content", synthetic):
        view, pages = render(content)
        assert site_plan(view).parts == {}
        assert not [p for p in pages if any(p.startswith(c.removesuffix(".md") + "/") for c in SPLIT)]
    assert PART_SIZE > _weight(StoryView(check(synthetic)))


def test_the_timeline_splits_exactly_when_it_outgrows_the_part_size(synthetic: Path) -> None:
    weight = _weight(StoryView(check(synthetic)))
    assert _parts(render(synthetic, part_size=weight)[1], "timeline.md") == []
    view, pages = render(synthetic, part_size=weight - 1)
    assert _parts(pages, "timeline.md")
    assert "timeline.md" in pages  # the index of the parts keeps the collection's address


def test_split_collections_list_every_entry_once_and_link_their_parts(synthetic: Path) -> None:
    view, pages = render(synthetic, part_size=20)
    content = view.content
    anchors = {"timeline.md": [e.id for e in content.events], "who-said-what.md": [q.id for q in content.quotes],
               "people.md": [a.id for a in content.actors], "sources.md": [s.id for s in content.sources]}
    for page, ids in anchors.items():
        parts = _parts(pages, page)
        assert len(parts) > 1, page
        shown = [m for p in parts for m in re.findall(r'(?:\{ #|id=")([a-z0-9-]+)', pages[p])]
        assert sorted(i for i in shown if i in set(ids)) == sorted(ids), page
        for part in parts:  # the index links every part, each part says where it belongs
            assert f"]({part})" in pages[page]
            assert f"]({Path(page).name})" in pages[part].replace("../", "")
        for anchor in ids:
            assert f"#{anchor}" not in pages[page]


def test_the_navigation_lists_only_the_top_pages(synthetic: Path) -> None:
    view = StoryView(check(synthetic))
    assert site_plan(view, 20).parts  # the collections are split
    listed = str(nav(site_plan(view, 20).pages, view.story.language))
    assert "timeline.md" in listed and "people.md" in listed
    assert not re.search(r"(timeline|who-said-what|people|sources)/", listed)


@pytest.fixture(scope="module")
def split_site(synthetic: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic story built strictly, with parts of at most 15 entries."""
    site = tmp_path_factory.mktemp("split") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "STORY_PART_SIZE": "15"}
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(synthetic),
                             "--site", str(site)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return site


def test_every_link_in_a_split_site_resolves(split_site: Path) -> None:
    assert (split_site / "timeline" / "2016-01" / "index.html").is_file()
    result = subprocess.run([sys.executable, "-m", "generator", "linkcheck", str(split_site)], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 broken" in result.stdout


def test_cross_links_point_at_the_part_that_holds_the_entry(split_site: Path, synthetic: Path) -> None:
    view = StoryView(check(synthetic))
    site = site_plan(view, 15)
    people = (split_site / "people" / "index.html").read_text(encoding="utf-8")
    assert "person-" in people
    ev = view.timeline[len(view.timeline) // 2]
    part = site.where("timeline.md", ev.id).removesuffix(".md")
    html = (split_site / part / "index.html").read_text(encoding="utf-8")
    assert f'id="{ev.id}"' in html
    actor = site.where("people.md", ev.actors[0]).removesuffix(".md")
    html = (split_site / actor / "index.html").read_text(encoding="utf-8")
    assert f'href="../../{part}/#{ev.id}"' in html


def test_each_split_index_maps_every_old_anchor_to_the_part_that_shows_it(split_site: Path, synthetic: Path) -> None:
    content = check(synthetic)
    ids = {"timeline": [e.id for e in content.events], "who-said-what": [q.id for q in content.quotes],
           "people": [a.id for a in content.actors], "sources": [s.id for s in content.sources],
           "checking": [n.anchor for n in StoryView(content).checked]}
    assert ids["checking"]  # the synthetic story has accuracy notes, so its checking page splits too
    for collection, anchors in ids.items():
        index = (split_site / collection / "index.html").read_text(encoding="utf-8")
        assert 'data-anchors="anchors.json"' in index, collection
        moved = json.loads((split_site / collection / "anchors.json").read_text(encoding="utf-8"))
        assert set(anchors) <= set(moved), collection
        for anchor in anchors[:: max(1, len(anchors) // 25)]:  # a spread of them, each found where it says
            html = (split_site / collection / moved[anchor] / "index.html").read_text(encoding="utf-8")
            assert f'id="{anchor}"' in html, (collection, anchor, moved[anchor])


def test_no_page_of_a_split_site_is_heavy_and_parts_stay_out_of_the_nav(split_site: Path) -> None:
    pages = list(split_site.rglob("*.html"))
    assert len(pages) > 40
    heaviest = max(pages, key=lambda p: p.stat().st_size)
    assert heaviest.stat().st_size < 150_000, heaviest
    home = (split_site / "index.html").read_text(encoding="utf-8")
    nav_links = re.findall(r'class="md-nav__link[^"]*"[^>]*href="([^"]+)"|href="([^"]+)"[^>]*class="md-nav__link',
                           home)
    assert nav_links
    assert not [h for pair in nav_links for h in pair if re.search(r"(timeline|people|sources)/[^/#]+/", h)]


def test_editing_one_event_rewrites_only_the_pages_that_show_it(synthetic: Path, tmp_path: Path) -> None:
    out = tmp_path / "docs"
    _, before = render(synthetic, part_size=20)
    render_to(synthetic, out, part_size=20)
    events = synthetic / "events.yml"
    text = events.read_text(encoding="utf-8")
    view = StoryView(check(synthetic))
    old = view.timeline[len(view.timeline) // 2].title
    try:
        events.write_text(text.replace(f'title: "{old}"', f'title: "{old} (edited)"', 1), encoding="utf-8")
        _, report = render_to(synthetic, out, part_size=20)
    finally:
        events.write_text(text, encoding="utf-8")
    showing = sorted(p for p, page in before.items() if old in page)
    assert report.written == showing
    assert len(showing) < len(before) // 4
    # every other page is left alone, and so is the share card (assets/share-card.png): its title did not change
    assert report.removed == [] and report.unchanged == len(before) - len(showing) + 1
    assert any(p.startswith("timeline/") for p in showing) and "timeline.md" not in showing


def test_plain_dates_parse_exactly_as_the_edtf_package_parses_them(monkeypatch: pytest.MonkeyPatch) -> None:
    forms = [y + m + d + q for y in ("2025", "1999", "0000") for m in ("", "-01", "-02", "-12", "-13", "-00")
             for d in ([""] if not m else ["", "-01", "-29", "-31", "-00"]) for q in ("", "~", "?", "%")]
    forms += [f"{a}/{b}" for a in forms[::7] for b in forms[::11]]
    fast = {f: dates._fast_parse(f) for f in forms}
    assert sum(1 for v in fast.values() if v) > 100
    monkeypatch.setattr(dates, "_fast_parse", lambda text: None)
    for form, quick in fast.items():
        if quick is not None:
            assert dates.parse_date.__wrapped__(form) == quick, form


def test_libyaml_and_the_python_reader_see_the_same_values_at_the_same_places(synthetic: Path) -> None:
    for path in [*sorted((ROOT / "content").glob("*.yml")), *sorted(synthetic.glob("*.yml"))]:
        text = path.read_text(encoding="utf-8")
        fast = yamlio._compose_with(text, path.name, yaml.CSafeLoader)
        slow = yamlio._compose_with(text, path.name, yaml.SafeLoader)
        assert (fast.data, fast.positions, fast.key_positions) == (slow.data, slow.positions, slow.key_positions)


_FORK_CHECK = """
import os, sys
from pathlib import Path
from generator import speed
from generator.pipeline import render
os.environ["STORY_PARALLEL"] = "0"
view, alone = render(Path(sys.argv[1]), part_size=20)
assert len(alone) >= speed.PARALLEL_FROM
os.environ["STORY_PARALLEL"] = "1"
assert speed.may_fork(), "the project's machine and CI have two cores and fork"
forked = []
import concurrent.futures  # speed imports its pool from here when it forks
real_pool = concurrent.futures.ProcessPoolExecutor
concurrent.futures.ProcessPoolExecutor = lambda *a, **k: forked.append(1) or real_pool(*a, **k)
view, parallel = render(Path(sys.argv[1]), part_size=20)
assert forked, "rendered in one process"
assert parallel == alone and list(parallel) == list(alone), "different pages"
print("two processes, same", len(parallel), "pages")
"""


def test_a_story_of_many_pages_renders_in_two_processes_to_the_same_text(synthetic: Path) -> None:
    # In a fresh interpreter: this test session runs web servers in threads (browser tests),
    # and the generator rightly never forks a process with other threads running.
    result = subprocess.run([sys.executable, "-c", _FORK_CHECK, str(synthetic)], cwd=ROOT, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("two processes, same")


def test_pages_render_in_one_process_while_other_threads_run(synthetic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """mkdocs serve runs a web server and a file watcher in threads: forking then could hang."""
    import concurrent.futures
    import threading

    from generator import speed

    def no_fork(*args: object, **kwargs: object) -> None:
        raise AssertionError("forked while another thread was running")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_fork)  # where speed takes it from
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not speed.may_fork()
        assert len(render(synthetic, part_size=20)[1]) >= speed.PARALLEL_FROM
    finally:
        stop.set()
        other.join()


def test_a_long_checking_page_keeps_the_misattributed_quotes_and_lists_its_notes_in_parts() -> None:
    """The checking page of a story with many notes (here the real story, with a small part size)
    keeps its introduction and misattributed quotes, and lists parts by the part of the story the
    notes are about; each note is on one part, and the story's checked marks link to that part."""
    view, pages = render(ROOT / "content", part_size=4)
    site = site_plan(view, 4)
    index = pages["checking.md"]
    assert view.misattributed and "{ #misattributed }" in index
    parts = _parts(pages, "checking.md")
    assert len(parts) >= 2 and 'data-anchors="anchors.json"' in index
    # each heading over a list of parts has an id of its own ("Key points" would take the front page's)
    assert all(re.search(r"\{ #notes-[a-z-]+ \}$", h) for h in re.findall(r"^### .*$", index, re.M))
    for part in parts:
        assert f"](checking/{part.removeprefix('checking/')})" in index
        assert "{ #misattributed }" not in pages[part]
    for note in view.checked:
        (holding,) = [p for p in parts if f"{{ #{note.anchor} }}" in pages[p]]
        assert site.where("checking.md", note.anchor) == holding
        assert "{ #" + note.anchor + " }" not in index
    ev = next(e for e in view.timeline if e.note)
    where = site.where("timeline.md", ev.id)
    assert f"checking/{site.where('checking.md', view.note_anchor(ev)).removeprefix('checking/')}#" \
           f"{view.note_anchor(ev)}" in pages[where]
