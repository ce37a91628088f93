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

from conftest import ROOT, run_cli
from generator import models
from generator.guide import BEGIN, END, field_tables, update_guide
from generator.pipeline import render
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
    assert run_cli("guide", "--check").returncode == 0


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
    result = run_cli("guide", "--check", "--file", stale)
    assert result.returncode == 1
    assert "field tables are out of date" in result.stdout
    assert run_cli("guide", "--file", stale).returncode == 0
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
    result = run_cli("check", "--content", content, cwd=content.parent)
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
    result = run_cli("check", "--content", content, cwd=content.parent)
    assert result.returncode == 1
    assert result.stderr == example("mistake").replace("<line>", str(line))
