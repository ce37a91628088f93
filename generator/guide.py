"""The field tables of the editors' guide (EDITORS.md), generated from the models' own descriptions.

`python -m generator guide` rewrites the part of EDITORS.md between the markers; a test fails
when the guide and the models drift apart, so the guide never documents a field that does not
exist or misses one that does.
"""

from __future__ import annotations

import re
import typing
from pathlib import Path
from typing import Any

from pydantic.fields import FieldInfo

from generator import models
from generator.schema import FILES, content_file

BEGIN = "<!-- BEGIN FIELD TABLES: generated from generator/models.py by `python -m generator guide`; edit there -->"
END = "<!-- END FIELD TABLES -->"
GUIDE = Path("EDITORS.md")


def _nested(info: FieldInfo) -> type[models.Model] | None:
    for arg in (info.annotation, *typing.get_args(info.annotation)):
        if isinstance(arg, type) and issubclass(arg, models.Model):
            return arg
    return None


_PATTERNS = {models.SLUG: "id", models.EDTF_PATTERN: "date", models.FULL_DATE_PATTERN: "full date"}


def _scalar(prop: dict[str, Any]) -> str:
    options = [o for o in prop.get("anyOf", [prop]) if o.get("type") != "null"]
    prop = options[0] if options else prop
    if "enum" in prop:
        return "one of: " + ", ".join(f"`{v}`" for v in prop["enum"])
    if prop.get("type") == "array":
        return "list of " + _plural(_scalar(prop.get("items", {})))
    if "$ref" in prop:
        return prop["$ref"].rsplit("/", 1)[-1]
    return _PATTERNS.get(prop.get("pattern", ""), "text")


def _plural(kind: str) -> str:
    return {"id": "ids", "text": "texts", "date": "dates"}.get(kind, kind)


def _kind(model: type[models.Model], name: str) -> str:
    """What an editor types, read from the same JSON Schema their editor uses."""
    return _scalar(model.model_json_schema()["properties"][name])


def _required(info: FieldInfo) -> str:
    return "yes" if info.is_required() else "no"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def table(model: type[models.Model]) -> str:
    rows = ["| field | required | kind | what it means |", "|---|---|---|---|"]
    for name, info in model.model_fields.items():
        rows.append(f"| `{name}` | {_required(info)} | {_cell(_kind(model, name))} | {_cell(info.description or '')} |")
    return "\n".join(rows)


def _children(model: type[models.Model]) -> list[tuple[str, type[models.Model]]]:
    return [(name, m) for name, info in model.model_fields.items() if (m := _nested(info)) is not None]


def field_tables() -> str:
    """Markdown: one section per content file, with a table for it and for each nested part."""
    out: list[str] = []
    for stem, (model, is_list) in FILES.items():
        out.append(f"### `{content_file(stem)}`\n")
        doc = (model.__doc__ or "").split(":", 1)[-1].strip()
        shape = "A list of entries, each with these fields." if is_list else "Fields at the top of the file."
        out.append(f"{doc[:1].upper()}{doc[1:]} {shape}\n")
        out.append(table(model) + "\n")
        for name, child in _children(model):
            about = f" {_cell(child.__doc__)}" if child.__doc__ else ""
            out.append(f"Inside `{name}`:{about}\n")
            out.append(table(child) + "\n")
    return "\n".join(out).rstrip("\n") + "\n"


def update_guide(text: str) -> str:
    """The guide text with its generated section replaced by the current tables."""
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.DOTALL)
    if not pattern.search(text):
        raise ValueError(f"the guide has no generated section: add the two lines\n{BEGIN}\n{END}")
    return pattern.sub(lambda _: f"{BEGIN}\n\n{field_tables()}\n{END}", text, count=1)


def main(path: Path, check_only: bool) -> int:
    current = path.read_text(encoding="utf-8")
    wanted = update_guide(current)
    if current == wanted:
        print(f"{path}: field tables are up to date")
        return 0
    if check_only:
        print(f"{path}: field tables are out of date: run  python -m generator guide")
        return 1
    path.write_text(wanted, encoding="utf-8")
    print(f"{path}: field tables updated")
    return 0



