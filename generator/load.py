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
    # (file label, path in the document) -> position, for errors found after loading
    docs: dict[str, Document] = field(default_factory=dict)
    # ids written in each collection, valid entries or not: references to an entry that has
    # its own error are not reported twice; a collection whose file failed to load is skipped
    written_ids: dict[str, set[str]] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)
    paths: dict[int, tuple[str, tuple[str | int, ...]]] = field(default_factory=dict)
    docs_loaded: dict[str, Document] = field(default_factory=dict)
    warnings: list[ContentError] = field(default_factory=list)  # reported; the story still builds

    def locate(self, item: object, *sub: str | int) -> tuple[str, int, int]:
        """File, line and column of a loaded item (or of one of its fields)."""
        label, path = self.paths[id(item)]
        line, column = self.docs[label].where(path + sub)
        return label, line, column


def load_content(root: Path) -> tuple[Content, list[ContentError]]:
    content = Content(root)
    errors: list[ContentError] = []
    story_path = root / "story.yml"
    if not story_path.is_file():
        label = _label(root, story_path)
        return content, [ContentError(label, 1, 1, "", "story.yml is missing",
                                      f"every story needs {label} with at least title, dek, summary and published")]
    if _refused(root, story_path, errors):
        return content, errors
    content.story = _load_single(content, story_path, models.Story, "story", errors)
    for name, kind in registry.FILES.items():
        path = root / f"{name}.yml"
        if path.is_file() or path.is_symlink():
            if _refused(root, path, errors):
                content.unreadable.add(name)
                continue
            before = len(errors)
            setattr(content, name, _load_list(content, path, kind.model, kind.noun, errors))
            if name not in content.docs_loaded:
                content.unreadable.add(name)
            elif len(errors) > before:
                content.written_ids[name] = _written_ids(content.docs_loaded[name].data, name)
    for path in _background_files(root, errors):
        item = _load_single(content, path, models.Background, f'background "{path.stem}"', errors)
        if item is not None:
            content.background[path.stem] = item
    places_path = root / "places.yml"
    if (places_path.is_file() or places_path.is_symlink()) and not _refused(root, places_path, errors):
        content.places = _load_single(content, places_path, models.Places, "places", errors)
    bg_dir = root / "background"
    for path in _listing(root) + (_listing(bg_dir) if bg_dir.is_dir() else []):
        if path.suffix == ".yaml":
            errors.append(ContentError(_label(root, path), 1, 1, "", "content files must end in .yml, not .yaml",
                                       f"rename it to {path.stem}.yml"))
    return content, errors


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


def _read(content: Content, path: Path, errors: list[ContentError]) -> Document | None:
    label = _label(content.root, path)
    doc, found = load_yaml(path, label)
    errors.extend(found)
    if doc is not None:
        content.docs[label] = doc
        if doc.data is None:
            errors.append(ContentError(label, 1, 1, "", "file is empty",
                                       "write the content, or delete the file if this story does not need it"))
            return None
    return doc


def _load_single(content: Content, path: Path, model: type[models.Model], noun: str,
                 errors: list[ContentError]) -> Any:
    doc = _read(content, path, errors)
    if doc is None:
        return None
    if not isinstance(doc.data, dict):
        errors.append(ContentError(doc.file, *doc.where(()), noun, "expected fields (name: value) at the top level",
                                   "start the file with a line like  title: ..."))
        return None
    return _validate(content, doc, (), doc.data, model, noun, errors)


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


def _load_list(content: Content, path: Path, model: type[models.Model], noun: str,
               errors: list[ContentError]) -> list[Any]:
    doc = _read(content, path, errors)
    if doc is None:
        return []
    if not isinstance(doc.data, list):
        errors.append(ContentError(doc.file, *doc.where(()), "", f"expected a list of {noun} entries",
                                   'start each entry with "- ", e.g.  - id: my-entry'))
        return []
    if len(doc.data) > MAX_ENTRIES:
        errors.append(ContentError(doc.file, 1, 1, "", f"file has {len(doc.data):,} entries; "
                                   f"the limit is {MAX_ENTRIES:,}", "split the story"))
        return []
    items = []
    for index, raw in enumerate(doc.data):
        item = _validate(content, doc, (index,), raw, model, _entry_name(noun, index, raw), errors, as_meant=True)
        if item is not None:
            items.append(item)
    content.docs_loaded[path.stem] = doc
    return items


def _entry_name(noun: str, index: int, raw: Any) -> str:
    if isinstance(raw, dict):
        for key in ("id", "term", "title", "heading"):
            if isinstance(raw.get(key), str) and raw[key].strip():
                return f'{noun} "{raw[key].strip()[:60]}"'
        if isinstance(raw.get("date"), str):
            return f"{noun} {index + 1} ({raw['date']})"
    return f"{noun} {index + 1}"


def _validate(content: Content, doc: Document, path: tuple[str | int, ...], raw: Any,
              model: type[models.Model], name: str, errors: list[ContentError], as_meant: bool = False) -> Any:
    """The entry as a model, or None after adding its errors. With as_meant (entries of a list
    file), a faulty entry is kept as its editor meant it, for the cross-file checks (_as_meant).
    A whole-file model (story.yml, a background page) is not: other files' entries refer to
    what it defines, and a part left out would show up as their errors."""
    if not isinstance(raw, dict):
        errors.append(ContentError(doc.file, *doc.where(path), name, f"expected fields (name: value), found {_kind(raw)}",
                                   "each entry is a group of lines like  title: ...  under a  - "))
        return None
    item: Any
    try:
        item = model.model_validate(raw)
    except ValidationError as exc:
        found = [_translate(doc, path, raw, model, name, e) for e in exc.errors()]
        # a misspelt field ("sumary") is one mistake: drop the matching "summary is missing"
        typos = {e.hint for e in found if e.message.startswith("unknown field")}
        errors.extend(e for e in found if not (e.message.startswith("required field")
                                               and f'did you mean {e.message.split()[2]}?' in typos))
        item = _as_meant(model, raw, exc.errors()) if as_meant else None
        if item is None:
            return None
    content.paths[id(item)] = (doc.file, path)
    _register_children(content, doc.file, path, item)
    return item


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


def _register_children(content: Content, label: str, path: tuple[str | int, ...], item: Any) -> None:
    """Remember where nested items (background sections, phases) stand, for later checks."""
    for name in ("sections", "phases"):
        for index, child in enumerate(getattr(item, name, []) or []):
            content.paths[id(child)] = (label, path + (name, index))


def _kind(value: Any) -> str:
    return "a list" if isinstance(value, list) else "fields" if isinstance(value, dict) else f'the text "{value}"'


def _translate(doc: Document, base: tuple[str | int, ...], raw: Any, model: type[models.Model],
               name: str, err: Any) -> ContentError:
    loc = tuple(err["loc"])
    name, inner = _nested_entry(name, raw, loc)
    field_name = ".".join(str(p) for p in inner if isinstance(p, str)) or "entry"
    message, hint = describe(err, field_name, _fields_at(model, loc), doc, base + loc)
    key = err["type"] in ("extra_forbidden",)
    where = doc.where(base + loc, key=key) if err["type"] != "missing" else doc.where(base + loc[:-1])
    return ContentError(doc.file, *where, name, message, hint)


# Lists of entries inside a file (places.yml's places, a background page's sections): an error in
# one names that entry, e.g. place "harbour": lat ..., not places: places.lat ...
_NESTED_NOUN = {"places": "place", "distances": "distance", "sections": "section", "facts": "fact",
                "phases": "phase"}


def _nested_entry(name: str, raw: Any, loc: tuple[Any, ...]) -> tuple[str, tuple[Any, ...]]:
    """The entry an error is in, and the error's location inside it."""
    for i in range(len(loc) - 1, 0, -1):
        if isinstance(loc[i], int) and loc[i - 1] in _NESTED_NOUN:
            item: Any = raw
            for part in loc[: i + 1]:
                item = item[part] if isinstance(item, (dict, list)) else None
            inner = _entry_name(_NESTED_NOUN[loc[i - 1]], loc[i], item)
            return (inner if name in ("places", "story") else f"{name} {inner}"), loc[i + 1:]
    return name, loc


def _fields_at(model: type[models.Model], loc: tuple[Any, ...]) -> list[str]:
    """Field names of the model that holds the last part of loc (for 'did you mean')."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part)
        current = _inner_model(info.annotation) if info else None
    return list(current.model_fields) if current else []


def _inner_model(annotation: Any) -> Any:
    for arg in (annotation, *getattr(annotation, "__args__", ())):
        if isinstance(arg, type) and issubclass(arg, models.Model):
            return arg
    return None


def describe(err: Any, field_name: str, fields: list[str], doc: Document,
             loc: tuple[str | int, ...]) -> tuple[str, str]:
    kind, ctx = err["type"], err.get("ctx", {})
    last = str(loc[-1]) if loc else field_name
    if kind == "missing":
        return f'required field "{last}" is missing', f"add a line  {last}: ...  to this entry"
    if kind == "extra_forbidden":
        guess = difflib.get_close_matches(last, fields, n=1, cutoff=0.6)
        hint = f'did you mean "{guess[0]}"?' if guess else f"fields allowed here: {', '.join(fields)}"
        return f'unknown field "{last}"', hint
    if kind == "list_type":
        return (f'{field_name} should be a list, found {_kind(err["input"])}',
                'write each item on its own line starting with "- ", or as [a, b]')
    if kind in ("string_type",):
        return (f'{field_name} should be text, found {_kind(err["input"])}',
                'if the text contains ": " or starts with a special character, put it in quotes')
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f'{field_name} should be fields (name: value), found {_kind(err["input"])}', ""
    if kind == "literal_error":
        allowed = [a.strip("'") for a in str(ctx.get("expected", "")).replace(" or ", ", ").split(", ")]
        if not isinstance(err["input"], str):
            return (f'{field_name} should be one of: {", ".join(allowed)}, found {_kind(err["input"])}',
                    f"write just one of them, e.g. {last}: {allowed[0]}")
        guess = difflib.get_close_matches(str(err["input"]), allowed, n=1, cutoff=0.5)
        hint = f'did you mean "{guess[0]}"?' if guess else ""
        return f'{field_name} "{err["input"]}" is not one of: {", ".join(allowed)}', hint
    if kind == "too_short":
        return f"{field_name} needs at least one item", "add at least one id, e.g. [my-source]"
    if kind in ("too_long", "string_too_long") and isinstance(err["input"], str):
        return (f"{field_name} is {len(err['input']):,} characters long; the limit is {ctx.get('max_length'):,}",
                "shorten it; a longer text belongs in a text field such as summary")
    if kind == "too_long":
        limit, actual = ctx.get("max_length"), ctx.get("actual_length") or len(err["input"])
        return f"{field_name} has {actual:,} items; the limit is {limit:,}", "keep the most important ones"
    return _value_error(str(ctx.get("error", err.get("msg", ""))), field_name)


def _value_error(text: str, field_name: str) -> tuple[str, str]:
    if text == "is empty":
        return f"{field_name} is empty", "write the text, or remove the field if it is optional"
    if "is not a valid id" in text:
        return (f"{field_name} {text}",
                'ids use lowercase letters, digits and single hyphens, e.g. "council-vote"')
    if "must be a full date" in text:
        return f"{field_name} {text}", "write year, month and day: YYYY-MM-DD"
    if "which is not a web address" in text:
        return (f"{field_name} {text}", "write the whole address, starting with https:// "
                "(https://www.example.org/page), or [text](#anchor) for a place on the same page")
    if text.endswith("is not a web address"):
        return f"{field_name} {text}", "copy the address from the browser: it starts with https:// (or http://)"
    if "decimal degrees" in text or "is outside -" in text:
        return f"{field_name} {text}", "write decimal degrees with a point, north and east positive: 24.47"
    if text.endswith("is not a language tag"):
        return f"{field_name} {text}", "write a BCP 47 language tag such as en, ja or zh-Hant"
    if "is not a valid date: " in text:
        return f"{field_name} {text}", "check the month and the day against a calendar"
    if "date" in text or "EDTF" in text or "starts" in text:
        return (f"{field_name} {text}",
                "use YYYY, YYYY-MM or YYYY-MM-DD, add ~ for about or ? for uncertain, "
                "and start/end for a range (2025-11-24/2025-11-26)")
    return f"{field_name}: {text}", ""
