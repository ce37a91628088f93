"""JSON Schemas for every content file, generated from the models the generator validates with.

Editors' editors (VS Code with the YAML extension, JetBrains, Zed...) read the
`# yaml-language-server: $schema=...` line at the top of each content file and use
these schemas to autocomplete fields and underline mistakes while typing. The
schemas are committed in `schemas/`; `python -m generator schema` rewrites them and
a test fails when they are stale.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from generator import models
from generator import registry

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = Path("schemas")

# content file stem -> (model, is the file a list of entries)
FILES: dict[str, tuple[type[models.Model], bool]] = {
    "story": (models.Story, False),
    **{name: (kind.model, True) for name, kind in registry.FILES.items()},
    "background": (models.Background, False),
    "places": (models.Places, False),
}


def content_file(stem: str) -> str:
    """The content file a schema describes, as editors know it."""
    return "background/<slug>.yml" if stem == "background" else f"{stem}.yml"


def schema_for(stem: str) -> dict[str, Any]:
    """The JSON Schema of one content file."""
    model, is_list = FILES[stem]
    if is_list:
        body = TypeAdapter(list[model]).json_schema()  # type: ignore[valid-type]
        body["maxItems"] = models.MAX_ITEMS
    else:
        body = model.model_json_schema()
    head = {
        "$schema": DRAFT,
        "title": content_file(stem),
        "description": (model.__doc__ or "").strip(),
    }
    return {**head, **{k: v for k, v in body.items() if k not in ("title", "description")}}


def dump(schema: dict[str, Any]) -> str:
    """Stable text: sorted keys, so regenerating an unchanged schema changes no byte."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def rendered() -> dict[str, str]:
    """{file name: schema text} for every content file."""
    return {f"{stem}.schema.json": dump(schema_for(stem)) for stem in FILES}


def write_schemas(folder: Path) -> list[str]:
    """Write every schema into folder; returns the names whose bytes changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in rendered().items():
        target = folder / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            changed.append(name)
    return changed


def stale_schemas(folder: Path) -> list[str]:
    """Names of schemas in folder that are missing or differ from the models."""
    return [name for name, text in rendered().items()
            if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text]

