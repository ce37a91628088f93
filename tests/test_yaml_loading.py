"""The YAML reader keeps every value as text and knows where each value stands."""

from __future__ import annotations

from pathlib import Path

from generator.yamlio import load_yaml


def load(tmp_path: Path, text: str):
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    return load_yaml(path, "content/x.yml")


def test_dates_and_booleans_stay_text(tmp_path: Path) -> None:
    doc, errors = load(tmp_path, "date: 2025-11-07\ncountry: NO\nyes: on\ncount: 12\nempty:\n")
    assert errors == []
    assert doc.data == {"date": "2025-11-07", "country": "NO", "yes": "on", "count": "12", "empty": ""}


def test_positions_of_values_and_keys_are_recorded(tmp_path: Path) -> None:
    doc, _ = load(tmp_path, "- id: a\n  title: First\n- id: b\n  tags: [x, y]\n")
    assert doc.positions[(1, "tags", 1)] == (4, 13)
    assert doc.key_positions[(0, "title")] == (2, 3)
    assert doc.where((1, "missing")) == (3, 3)


def test_duplicate_key_is_an_error_with_position(tmp_path: Path) -> None:
    _, errors = load(tmp_path, "title: a\ntitle: b\n")
    assert [e.format() for e in errors] == [
        'content/x.yml:2:1: duplicate key "title"\n'
        "  hint: each field may appear once per entry; remove or merge the repeated one"
    ]


def test_python_tag_is_refused_not_constructed(tmp_path: Path) -> None:
    _, errors = load(tmp_path, "x: !!python/object/apply:os.system ['echo hacked']\n")
    assert errors[0].message == "the YAML tag '!!python/object/apply:os.system' is not allowed"


def test_aliases_are_refused(tmp_path: Path) -> None:
    _, errors = load(tmp_path, "a: &x hello\nb: *x\n")
    assert (errors[0].line, errors[0].message) == (1, "anchors and aliases (& and *) are not allowed")


def test_the_preview_reuses_a_files_document_only_while_its_text_is_the_same(tmp_path: Path) -> None:
    from generator import yamlio

    yamlio.remember_documents(True)
    try:
        first, _ = load(tmp_path, "- id: a\n  title: First\n")
        assert load(tmp_path, "- id: a\n  title: First\n")[0] is first
        changed, _ = load(tmp_path, "- id: a\n  title: Second\n")
        assert changed is not first and changed.data == [{"id": "a", "title": "Second"}]
        broken, errors = load(tmp_path, "- id: a\n  title: [\n")
        assert broken is None and errors  # a mistake is reported on every load, never remembered
        again, _ = load(tmp_path, "- id: a\n  title: Second\n")
        assert again is changed
    finally:
        yamlio.remember_documents(False)
    assert load(tmp_path, "- id: a\n  title: Second\n")[0] is not changed  # a build reads every file afresh


def test_a_file_is_first_read_without_positions_and_read_again_for_the_first_question(tmp_path: Path) -> None:
    """Positions are only asked when a problem is reported: the first reading keeps none (at
    2,000 events a third of the reading), and the first question reads the same text again."""
    doc, _ = load(tmp_path, "- id: a\n  title: First\n")
    assert doc._tables is None
    assert doc.where((0, "title")) == (2, 10) and doc.key_positions[(0, "title")] == (2, 3)
    assert doc._tables is not None
