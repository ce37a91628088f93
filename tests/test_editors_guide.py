"""The editors' guide (EDITORS.md): its field tables come from the models, and its walkthrough works.

The walkthrough test does what a new editor does with the guide: add the guide's example event
and quote to a copy of the real story, check it, see them rendered, then make the guide's
deliberate mistake and get exactly the error the guide shows, on the right line.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SMALL, cli_in_process

from generator import models
from generator.errors import ContentErrors
from generator.guide import BEGIN, END, field_tables, update_guide
from generator.pipeline import check, render
from generator.schema import FILES

GUIDE = ROOT / "EDITORS.md"


def example(name: str) -> str:
    """The fenced block that follows `<!-- example: name -->` in the guide."""
    match = re.search(rf"<!-- example: {name} -->\n```\w*\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)
    assert match, f"the guide has no example called {name}"
    return match.group(1)


def test_field_tables_in_the_guide_match_the_models() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert update_guide(text) == text, "run  python -m generator guide  and commit EDITORS.md"
    assert cli_in_process("guide", "--check").returncode == 0


def test_every_field_of_every_model_has_a_row_with_its_description() -> None:
    tables = field_tables()
    seen: list[type[models.Model]] = []
    todo = [model for model, _ in FILES.values()]
    while todo:
        model = todo.pop()
        seen.append(model)
        for name, info in model.model_fields.items():
            assert info.description, f"{model.__name__}.{name} has no description for editors"
            assert f"| `{name}` |" in tables
            assert " ".join(info.description.split()).replace("|", "\\|") in tables
            nested = [a for a in (info.annotation, *getattr(info.annotation, "__args__", ()))
                      if isinstance(a, type) and issubclass(a, models.Model) and a not in seen]
            todo += nested


def test_a_stale_guide_is_reported(tmp_path: Path) -> None:
    stale = tmp_path / "EDITORS.md"
    stale.write_text(GUIDE.read_text(encoding="utf-8").replace("| `via` |", "| `by_way_of` |"), encoding="utf-8")
    result = cli_in_process("guide", "--check", "--file", stale)
    assert result.returncode == 1
    assert "field tables are out of date" in result.stdout
    assert cli_in_process("guide", "--file", stale).returncode == 0
    assert stale.read_text(encoding="utf-8") == GUIDE.read_text(encoding="utf-8")


def test_the_generated_section_sits_between_its_markers() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert text.count(BEGIN) == 1 and text.count(END) == 1
    assert text.index(BEGIN) < text.index("### `events.yml`") < text.index(END)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(ROOT / "content", root)
    return root


def append(path: Path, entry: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + entry, encoding="utf-8")


def test_the_guides_example_event_and_quote_build_and_its_mistake_is_reported_on_its_line(content: Path) -> None:
    append(content / "events.yml", example("event"))
    append(content / "quotes.yml", example("quote"))
    result = cli_in_process("check", "--content", content, cwd=content.parent)
    assert result.returncode == 0, result.stderr
    pages = render(content)[1]
    assert "takaichi-meets-apec-leaders" in pages["timeline.md"]
    assert "Takaichi met leaders at the APEC summit" in pages["timeline.md"]
    assert "xi-apec-remark" in pages["who-said-what.md"]

    quotes = content / "quotes.yml"
    quotes.write_text(quotes.read_text(encoding="utf-8").replace(
        "- id: xi-apec-remark\n  speaker: xi-jinping", "- id: xi-apec-remark\n  speaker: xi-jinpin"), encoding="utf-8")
    line = next(i for i, text in enumerate(quotes.read_text(encoding="utf-8").splitlines(), 1)
                if text == "  speaker: xi-jinpin")
    result = cli_in_process("check", "--content", content, cwd=content.parent)
    assert result.returncode == 1
    assert result.stderr == example("mistake").replace("<line>", str(line))


# Each example message in the guide's error table, and the mistake that produces it in the small story:
# (file, text to replace, replacement); a callable for whole-file mistakes.
MISTAKES: dict[str, object] = {
    "YAML syntax error: unexpected ':' (or wrong indentation)":
        ("events.yml", "title: Riverton council approves the bridge", "title: Riverton council: approves"),
    "YAML syntax error: a tab character is used for indentation":
        ("events.yml", "  title: Riverton council approves the bridge", "\ttitle: Riverton council approves the bridge"),
    "YAML syntax error: a field's name is not followed by ':'":
        ("events.yml", "  title: Riverton council approves the bridge", "  title Riverton council approves the bridge"),
    "YAML syntax error: a quoted text is never closed":
        ("events.yml", "  title: Riverton council approves the bridge", '  title: "Riverton council approves the bridge'),
    'duplicate key "place"': ("events.yml", "  place: Riverton town hall", "  place: Riverton town hall\n  place: Hall"),
    'unknown field "sumary"': ("events.yml", "  summary: The two mayors", "  sumary: The two mayors"),
    'required field "summary" is missing': ("events.yml", "  summary: The two mayors met to discuss traffic.\n", ""),
    'id "Earlier Talks" is not a valid id': ("events.yml", "- id: earlier-talks", "- id: Earlier Talks"),
    'date "3 March 2026" is not a valid date': ("events.yml", 'date: "2026-03-03"', 'date: "3 March 2026"'),
    'date "2026-02-30" is not a valid date: February 2026 has 28 days':
        ("events.yml", 'date: "2026-03-03"', 'date: "2026-02-30"'),
    'date "2026-03" must be a full date like 2025-11-27': ("updates.yml", 'date: "2026-03-10"', 'date: "2026-03"'),
    'date "2026-03-07/2026-03-05" ends before it starts':
        ("events.yml", '"2026-03-05/2026-03-07"', '"2026-03-07/2026-03-05"'),
    'kind "quoted" is not one of: direct, paraphrase, written': ("quotes.yml", "kind: direct", "kind: quoted"),
    "sources needs at least one item": ("events.yml", "sources: [eastport-statement]", "sources: []"),
    "place is empty": ("events.yml", "place: Riverton town hall", 'place: ""'),
    "title is 600 characters long; the limit is 500": ("events.yml", "title: Eastport objects", "title: " + "x" * 600),
    'speaker "mayor-dias" is not in actors.yml': ("quotes.yml", "speaker: mayor-diaz", "speaker: mayor-dias"),
    'id "council-vote" is used more than once': ("events.yml", "- id: earlier-talks", "- id: council-vote"),
    'direct quote is not found word for word in source "council-minutes"':
        ("quotes.yml", "We are proud of this bridge.", "We are so proud of this bridge."),
    'repeats quote "lee-proud": same speaker, same words, same day':
        ("quotes.yml", "- id: diaz-breach", "- id: lee-proud-again\n  speaker: mayor-lee\n"
         '  text: "We are proud of this bridge."\n  kind: direct\n  said_on: "2026-03-03"\n'
         "  context: again\n  source: council-minutes\n- id: diaz-breach"),
    'text file "sources/minutes2.txt" does not exist': ("sources.yml", "minutes.txt", "minutes2.txt"),
    "file is empty": lambda root: (root / "glossary.yml").write_text("# nothing yet\n"),
    "expected a list of term entries": lambda root: (root / "glossary.yml").write_text("term: x\n"),
    "content files must end in .yml, not .yaml": lambda root: (root / "updates.yml").rename(root / "updates.yaml"),
    "byte 0xe9 is not valid UTF-8 text":
        lambda root: (root / "glossary.yml").write_bytes((root / "glossary.yml").read_bytes() + b"\n# caf\xe9\n"),
    "file is binary, not text": lambda root: (root / "glossary.yml").write_bytes(b"\x00\x01"),
    'summary has a link to "www.example.org/x", which is not a web address':
        ("events.yml", "summary: The council voted", "summary: See [the vote](www.example.org/x). The council voted"),
    'date "2027-03-03" is after today (2026-12-01)': ("events.yml", 'date: "2026-03-03"', 'date: "2027-03-03"'),
    'the file name "Evil Name.yml" cannot become a web address':
        lambda root: (root / "background" / "the-harbour.yml").rename(root / "background" / "Evil Name.yml"),
    "this file is a link to somewhere outside the content folder":
        lambda root: ((root.parent / "elsewhere.yml").write_text("title: x\n"),
                      (root / "background" / "elsewhere.yml").symlink_to(root.parent / "elsewhere.yml")),
    "anchors and aliases (& and *) are not allowed": ("events.yml", "tags: [diplomacy]", "tags: &t [diplomacy]"),
    "the YAML tag '!!python/object:os.system' is not allowed":
        ("events.yml", "place: Riverton town hall", "place: !!python/object:os.system x"),
}


def documented_messages() -> list[str]:
    section = GUIDE.read_text(encoding="utf-8").split("## What each error message means")[1].split("\n## ")[0]
    return [re.match(r"\| `(.+?)` \|", row).group(1)  # type: ignore[union-attr]
            for row in section.splitlines() if row.startswith("| `")]


def test_every_documented_error_message_has_a_mistake_that_produces_it() -> None:
    assert documented_messages() == list(MISTAKES)


@pytest.mark.parametrize("message", list(MISTAKES))
def test_the_guides_error_message_is_what_the_check_prints(tmp_path: Path, message: str,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "content"
    shutil.copytree(SMALL, root)
    mistake = MISTAKES[message]
    if callable(mistake):
        mistake(root)
    else:
        name, old, new = mistake  # type: ignore[misc]
        path = root / name
        assert old in path.read_text(encoding="utf-8")
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    monkeypatch.setenv("STORY_AS_OF", "2026-12-01")  # the day the guide's example was written
    with pytest.raises(ContentErrors) as raised:
        check(root)
    printed = [err.format() for err in raised.value.errors]
    assert any(f": {message}\n" in line + "\n" for line in printed), printed


def test_the_guides_walkthroughs_for_people_sources_terms_places_and_background_pages_build(content: Path) -> None:
    """Every file has a walkthrough; each example, added where the guide says, checks and shows up."""
    append(content / "actors.yml", example("actor"))
    append(content / "sources.yml", example("source"))
    append(content / "glossary.yml", example("term"))
    places = content / "places.yml"
    places.write_text(places.read_text(encoding="utf-8").replace("places:\n", "places:\n" + example("place"), 1),
                      encoding="utf-8")
    (content / "background" / "japan-china-treaty.yml").write_text(example("background"), encoding="utf-8")
    result = cli_in_process("check", "--content", content, cwd=content.parent)
    assert result.returncode == 0, result.stderr
    pages = render(content)[1]
    assert "Japan Coast Guard" in pages["people.md"] and "海上保安庁" in pages["people.md"]
    assert "mofa-1978-japan-china-peace-treaty" in pages["sources.md"]
    assert "{ #east-china-sea .defines-term }" in pages["glossary.md"]
    assert "Miyako Island" in pages["index.md"]
    assert "Japan and China's 1978 treaty" in pages["background/japan-china-treaty.md"]
    assert "https://www.mofa.go.jp/region/asia-paci/china/treaty78.html" in pages["background/japan-china-treaty.md"]
