"""JSON Schemas for editors: generated from the models, committed, and checked by an independent validator."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SMALL, StoryTree, run_cli
from pydantic import ValidationError

from generator import models
from generator.schema import FILES, stale_schemas

SCHEMAS = ROOT / "schemas"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def validate(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema (python-jsonschema + ruamel.yaml): shares no code with our loader or models."""
    return subprocess.run([str(CHECK_JSONSCHEMA), "--schemafile", str(SCHEMAS / f"{schema}.schema.json"),
                           *map(str, files)], capture_output=True, text=True, timeout=120, check=False)


def content_files(root: Path) -> list[tuple[str, Path]]:
    found = [(p.stem, p) for p in sorted(root.glob("*.yml"))]
    found += [("background", p) for p in sorted((root / "background").glob("*.yml"))]
    return found


def test_committed_schemas_are_up_to_date_with_the_models() -> None:
    assert stale_schemas(SCHEMAS) == [], "run  python -m generator schema  and commit schemas/"
    result = run_cli("schema", "--check")
    assert result.returncode == 0, result.stderr


def test_schema_check_names_a_stale_schema(tmp_path: Path) -> None:
    shutil.copytree(SCHEMAS, tmp_path / "schemas")
    (tmp_path / "schemas" / "events.schema.json").write_text("{}\n")
    result = run_cli("schema", "--check", "--out", tmp_path / "schemas")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'schemas' / 'events.schema.json'} is out of date: run  python -m generator schema"]


def test_schema_command_writes_one_schema_per_content_file(tmp_path: Path) -> None:
    result = run_cli("schema", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(f"{s}.schema.json" for s in FILES)
    again = run_cli("schema", "--out", tmp_path / "out")
    assert "0 written" in again.stdout


@pytest.mark.parametrize("root", [ROOT / "content", SMALL], ids=["real-story", "small-fixture"])
def test_content_validates_against_the_committed_schemas(root: Path) -> None:
    files = content_files(root)
    assert files
    for stem, path in files:
        assert (SCHEMAS / f"{stem}.schema.json").is_file(), (
            f"{path.name} has no schema: add it to FILES in generator/schema.py, then run "
            "python -m generator schema  and  python -m generator guide")
        result = validate(stem, path)
        assert result.returncode == 0, f"{path}: {result.stdout}{result.stderr}"


def schema_line(stem: str) -> str:
    """The first line every content file starts with."""
    prefix = "../../" if stem == "background" else "../"
    return f"# yaml-language-server: $schema={prefix}schemas/{stem}.schema.json"


def test_every_real_content_file_starts_with_its_schema_line() -> None:
    for stem, path in content_files(ROOT / "content"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == schema_line(stem), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target == (SCHEMAS / f"{stem}.schema.json").resolve()


def test_schema_underlines_a_misspelt_field_and_a_missing_one(story: StoryTree) -> None:
    bad = story.write("events.yml", """
        - id: council-vote
          date: "2026-03-03"
          title: Riverton council approves the bridge
          sumary: The council voted 5 to 4 for the harbour bridge.
          sources: [council-minutes]
        """)
    result = validate("events", bad)
    assert result.returncode == 1
    assert "'sumary' was unexpected" in result.stdout
    assert "'summary' is a required property" in result.stdout


@pytest.mark.parametrize("field,value", [("id", "Council Vote"), ("date", "3 March 2026"), ("kind", "quoted")])
def test_schema_rejects_what_the_model_rejects(story: StoryTree, field: str, value: str) -> None:
    entry = {"id": "lee-proud", "speaker": "mayor-lee", "text": "We are proud.", "kind": "direct",
             "said_on": "2026-03-03", "context": "told the council", "source": "council-minutes"}
    entry[field if field != "date" else "said_on"] = value
    lines = "\n".join(f"  {k}: {v!r}" if i else f"- {k}: {v!r}" for i, (k, v) in enumerate(entry.items()))
    bad = story.write("quotes.yml", lines + "\n")
    with pytest.raises(ValidationError):
        models.Quote.model_validate(entry)
    assert validate("quotes", bad).returncode == 1


@pytest.mark.parametrize("text", ["2025", "2025-11", "2025-11-07", "2025-11~", "2025-11-07?", "2025%",
                                  "2025-11-24/2025-11-26", "2025-11~/2025-12", "-0044-03-15"])
def test_schema_date_pattern_accepts_every_date_the_model_accepts(text: str) -> None:
    models.Event.model_validate({"id": "e", "date": text, "title": "t", "summary": "s", "sources": ["s"]})
    assert re.match(models.EDTF_PATTERN, text)
