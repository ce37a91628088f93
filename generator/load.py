"""Load every content file into models, turning each problem into an editor's error."""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator import models, registry
from generator.errors import ContentError
from generator.ids import SLUG_RE, slugify
from generator.locations import Locations
from generator import messages
from generator.yamlio import Document, load_yaml

MAX_ENTRIES = models.MAX_ITEMS  # entries in one collection file


@dataclass
class Content:
    """Everything an editor wrote, validated file by file (cross-file rules come later)."""

    root: Path
    story: models.Story | None = None
    key_points: list[models.KeyPoint] = field(default_factory=list)
    events: list[models.Event] = field(default_factory=list)
    quotes: list[models.Quote] = field(default_factory=list)
    actors: list[models.Actor] = field(default_factory=list)
    sources: list[models.Source] = field(default_factory=list)
    glossary: list[models.Term] = field(default_factory=list)
    updates: list[models.Update] = field(default_factory=list)
    background: dict[str, models.Background] = field(default_factory=dict)
    places: models.Places | None = None
    # ids written in each collection, valid entries or not: references to an entry that has
    # its own error are not reported twice; a collection whose file failed to load is skipped
    written_ids: dict[str, set[str]] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)
    warnings: list[ContentError] = field(default_factory=list)  # reported; the story still builds


@dataclass
class _Reading:
    """What loading keeps beside the content: where it reads from, and where each entry stood."""

    root: Path
    locations: Locations = field(default_factory=Locations)
    warnings: list[ContentError] = field(default_factory=list)


def load_content(root: Path) -> tuple[Content, Locations, list[ContentError]]:
    """The story as written, where each entry stands (for the cross-file checks' errors), and
    every problem found file by file."""
    content = Content(root)
    reading = _Reading(root)
    errors: list[ContentError] = []
    story_path = root / "story.yml"
    if not story_path.is_file():
        label = _label(root, story_path)
        return content, reading.locations, [ContentError(label, 1, 1, "", "story.yml is missing",
                                      f"every story needs {label} with at least title, dek, summary and published")]
    if _refused(root, story_path, errors):
        return content, reading.locations, errors
    content.story = _load_single(reading, story_path, models.Story, "story", errors)
    for name, kind in registry.FILES.items():
        path = root / f"{name}.yml"
        if path.is_file() or path.is_symlink():
            if _refused(root, path, errors):
                content.unreadable.add(name)
                continue
            before = len(errors)
            items, doc = _load_list(reading, path, kind.model, kind.noun, errors)
            setattr(content, name, items)
            if doc is None:
                content.unreadable.add(name)
            elif len(errors) > before:
                content.written_ids[name] = _written_ids(doc.data, name)
    for path in _background_files(root, errors):
        item = _load_single(reading, path, models.Background, f'background "{path.stem}"', errors)
        if item is not None:
            content.background[path.stem] = item
    places_path = root / "places.yml"
    if (places_path.is_file() or places_path.is_symlink()) and not _refused(root, places_path, errors):
        content.places = _load_single(reading, places_path, models.Places, "places", errors)
    bg_dir = root / "background"
    for path in _listing(root) + (_listing(bg_dir) if bg_dir.is_dir() else []):
        if path.suffix == ".yaml":
            errors.append(ContentError(_label(root, path), 1, 1, "", "content files must end in .yml, not .yaml",
                                       f"rename it to {path.stem}.yml"))
    content.warnings += reading.warnings
    return content, reading.locations, errors


# Files editors' programs leave beside the one being edited (Emacs' .#x.yml lock links, Office's
# ~$x.yml, macOS' ._x.yml, backups ending in ~): never content, never an error.
_EDITOR_LEFTOVER = re.compile(r"^(\.#|~\$|\._)|(~|\.sw[a-p]|\.tmp|#)$")


def _listing(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if not _EDITOR_LEFTOVER.search(p.name))


def _background_files(root: Path, errors: list[ContentError]) -> list[Path]:
    """background/*.yml whose names can become web addresses (/background/NAME/)."""
    bg_dir = root / "background"
    if not bg_dir.is_dir() or _refused(root, bg_dir, errors):
        return []
    found = []
    for path in _listing(bg_dir):
        if path.suffix != ".yml" or _refused(root, path, errors):
            continue
        if not SLUG_RE.match(path.stem):
            suggestion = slugify(path.stem, default="page-name")
            errors.append(ContentError(_label(root, path), 1, 1, "",
                                       f'the file name "{path.name}" cannot become a web address',
                                       f"rename it {suggestion}.yml: lowercase letters, digits and hyphens; the page "
                                       f"will be /background/{suggestion}/ (to keep a draft unpublished, move it out "
                                       "of the content folder)"))
            continue
        found.append(path)
    return found


def _refused(root: Path, path: Path, errors: list[ContentError]) -> bool:
    """A content file or folder that is a link to somewhere it may not be read from: outside the
    content folder (it would publish any file on the machine), or into sources/, whose texts
    only verify quotes and are never published."""
    real, top = path.resolve(), root.resolve()
    private = top / "sources"
    if real != top and top not in real.parents:
        why = "is a link to somewhere outside the content folder"
    elif real == private or private in real.parents:
        why = "is a link into the sources folder, whose texts are never published"
    else:
        return False
    kind = "folder" if path.is_dir() else "file"
    errors.append(ContentError(_label(root, path), 1, 1, "", f"this {kind} {why}",
                               f"replace the link with a real {kind} inside the content folder"))
    return True


def _label(root: Path, path: Path) -> str:
    """The path an editor (and GitHub's annotations) recognise: relative to the current folder,
    which is the repository's root in CI (stories/bridge/content/events.yml); for a story kept
    elsewhere, its folder's name and the file (content/events.yml)."""
    try:
        return Path(os.path.relpath(root.absolute() / path.relative_to(root))).as_posix() \
            if root.absolute().is_relative_to(Path.cwd()) else str(Path(root.name) / path.relative_to(root))
    except ValueError:
        return str(path)


label = _label


def _read(reading: _Reading, path: Path, errors: list[ContentError]) -> Document | None:
    label = _label(reading.root, path)
    doc, found = load_yaml(path, label)
    errors.extend(found)
    if doc is not None:
        reading.locations.add_document(doc)
        if doc.data is None:
            errors.append(ContentError(label, 1, 1, "", "file is empty",
                                       "write the content, or delete the file if this story does not need it"))
            return None
    return doc


def _load_single(reading: _Reading, path: Path, model: type[models.Model], noun: str,
                 errors: list[ContentError]) -> Any:
    doc = _read(reading, path, errors)
    if doc is None:
        return None
    if not isinstance(doc.data, dict):
        errors.append(ContentError(doc.file, *doc.where(()), noun, "expected fields (name: value) at the top level",
                                   "start the file with a line like  title: ..."))
        return None
    return _validate(reading, doc, (), doc.data, model, noun, errors)


def _written_ids(data: list[Any], name: str) -> set[str]:

    ids = set()
    for raw in data:
        if isinstance(raw, dict):
            value = raw.get("id") or (slugify(raw["term"]) if name == "glossary" and isinstance(raw.get("term"), str)
                                      else None)
            if isinstance(value, str):
                ids.add(value.strip())
                if value.strip():  # "Council Vote" has its own error; references to council-vote wait for it
                    ids.add(slugify(value))
    return ids


def _load_list(reading: _Reading, path: Path, model: type[models.Model], noun: str,
               errors: list[ContentError]) -> tuple[list[Any], Document | None]:
    """The file's valid entries, and the file as read (None when it could not be read as a list)."""
    doc = _read(reading, path, errors)
    if doc is None:
        return [], None
    if not isinstance(doc.data, list):
        errors.append(ContentError(doc.file, *doc.where(()), "", f"expected a list of {noun} entries",
                                   'start each entry with "- ", e.g.  - id: my-entry'))
        return [], None
    if len(doc.data) > MAX_ENTRIES:
        errors.append(ContentError(doc.file, 1, 1, "", f"file has {len(doc.data):,} entries; "
                                   f"the limit is {MAX_ENTRIES:,}", "split the story"))
        return [], None
    made = doc.made.get(model)
    if made is None:  # entries are models made from the text alone: the same text makes the same ones
        made = doc.made[model] = _Made([], [], _Reading(reading.root))
        for index, raw in enumerate(doc.data):
            item = _validate(made.reading, doc, (index,), raw, model, messages.entry_name(noun, index, raw),
                             made.errors, as_meant=True)
            if item is not None:
                made.items.append(item)
    errors += made.errors
    reading.warnings += made.reading.warnings
    reading.locations.update(made.reading.locations)
    return list(made.items), doc


@dataclass
class _Made:
    """What validating one list file gave: its entries, errors, warnings and where each entry stands."""

    items: list[Any]
    errors: list[ContentError]
    reading: _Reading


def _validate(reading: _Reading, doc: Document, path: tuple[str | int, ...], raw: Any,
              model: type[models.Model], name: str, errors: list[ContentError], as_meant: bool = False) -> Any:
    """The entry as a model, or None after adding its errors. With as_meant (entries of a list
    file), a faulty entry is kept as its editor meant it, for the cross-file checks (_as_meant).
    A whole-file model (story.yml, a background page) is not: other files' entries refer to
    what it defines, and a part left out would show up as their errors."""
    if not isinstance(raw, dict):
        errors.append(ContentError(doc.file, *doc.where(path), name, f"expected fields (name: value), found {messages.kind_of(raw)}",
                                   "each entry is a group of lines like  title: ...  under a  - "))
        return None
    raw = _renamed_fields(reading, doc, path, raw, model, name)
    item: Any
    try:
        item = model.model_validate(raw)
    except ValidationError as exc:
        found = [messages.translate(doc, path, raw, model, name, e) for e in exc.errors()]
        # a misspelt field ("sumary") is one mistake: drop the matching "summary is missing"
        typos = {e.hint for e in found if e.message.startswith("unknown field")}
        errors.extend(e for e in found if not (e.message.startswith("required field")
                                               and f'did you mean {e.message.split()[2]}?' in typos))
        item = _as_meant(model, raw, exc.errors()) if as_meant else None
        if item is None:
            return None
    reading.locations.add(item, doc.file, path)
    _register_children(reading, doc.file, path, item)
    return item


def _renamed_fields(reading: _Reading, doc: Document, path: tuple[str | int, ...], raw: dict[str, Any],
                    model: type[models.Model], name: str) -> dict[str, Any]:
    """The entry with each field written under its old name read under its new one (when the new
    one is not also written), and a warning asking the editor to rename it."""
    old_names = [old for old in model.renamed if old in raw and model.renamed[old] not in raw]
    if not old_names:
        return raw
    raw = dict(raw)
    for old in old_names:
        new = model.renamed[old]
        raw[new] = raw.pop(old)
        reading.warnings.append(ContentError(
            doc.file, *doc.where(path + (old,), key=True), name, f'"{old}" is the old name of "{new}"',
            f"rename it {new}: the same field is called {new} everywhere; the old name will stop working",
            level="warning"))
    return raw


def _as_meant(model: type[models.Model], raw: dict[str, Any], problems: list[Any]) -> Any:
    """The entry as its editor most likely meant it, or None: a misspelt field under the name it
    resembles ("sumary" as "summary"), any other unknown field and any faulty optional field left
    out. The entry's own errors are already listed and the build stops; the entry as meant still
    takes part in the cross-file checks, so a wrong speaker in the same entry is reported in the
    same run, not only after the typo is fixed. None when a required field is faulty."""
    fields = model.model_fields
    meant = dict(raw)
    unknown = [p["loc"][0] for p in problems if p["type"] == "extra_forbidden" and len(p["loc"]) == 1]
    for key in unknown:
        value = meant.pop(key, None)
        guess = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.6)
        if guess and guess[0] not in raw:
            meant[guess[0]] = value
    for problem in problems:
        loc = problem["loc"]
        key = loc[0] if loc and isinstance(loc[0], str) else None
        if key in unknown or (problem["type"] == "missing" and key in meant):
            continue
        if key in fields and not fields[key].is_required():
            meant.pop(key, None)
        else:
            return None
    try:
        return model.model_validate(meant)
    except ValidationError:
        return None


def _register_children(reading: _Reading, label: str, path: tuple[str | int, ...], item: Any) -> None:
    """Remember where nested items (background sections, phases) stand, for later checks."""
    for name in _child_lists(type(item)):
        for index, child in enumerate(getattr(item, name) or []):
            reading.locations.add(child, label, path + (name, index))


def _child_lists(model: type[Any]) -> tuple[str, ...]:
    """The model's fields that hold nested items, asked once per model (not per entry: pydantic's
    model_fields is worked out again on each access)."""
    found = _CHILD_LISTS.get(model)
    if found is None:
        found = _CHILD_LISTS[model] = tuple(name for name in ("sections", "phases", "sides", "topics")
                                            if name in model.model_fields)
    return found


_CHILD_LISTS: dict[type[Any], tuple[str, ...]] = {}


