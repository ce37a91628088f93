"""Pydantic's validation errors in an editor's words: what is wrong, where, and how to fix it."""

from __future__ import annotations

import difflib
from typing import Any

from generator import models
from generator.errors import ContentError
from generator.ids import slugify
from generator.yamlio import Document


def entry_name(noun: str, index: int, raw: Any) -> str:
    if isinstance(raw, dict):
        for key in ("id", "term", "title", "heading"):
            if isinstance(raw.get(key), str) and raw[key].strip():
                return f'{noun} "{raw[key].strip()[:60]}"'
        if isinstance(raw.get("date"), str):
            return f"{noun} {index + 1} ({raw['date']})"
    return f"{noun} {index + 1}"


def kind_of(value: Any) -> str:
    return "a list" if isinstance(value, list) else "fields" if isinstance(value, dict) else f'the text "{value}"'


def translate(doc: Document, base: tuple[str | int, ...], raw: Any, model: type[models.Model],
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
            inner = entry_name(_NESTED_NOUN[loc[i - 1]], loc[i], item)
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
        return (f'{field_name} should be a list, found {kind_of(err["input"])}',
                'write each item on its own line starting with "- ", or as [a, b]')
    if kind in ("string_type",):
        return (f'{field_name} should be text, found {kind_of(err["input"])}',
                'if the text contains ": " or starts with a special character, put it in quotes')
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f'{field_name} should be fields (name: value), found {kind_of(err["input"])}', ""
    if kind == "literal_error":
        allowed = [a.strip("'") for a in str(ctx.get("expected", "")).replace(" or ", ", ").split(", ")]
        if not isinstance(err["input"], str):
            return (f'{field_name} should be one of: {", ".join(allowed)}, found {kind_of(err["input"])}',
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
        # the example is the id the value would be ("Sam Patel" -> "sam-patel"): often the one meant
        typed = text.split('" is not a valid id', 1)[0].removeprefix('"')
        example = (typed.isascii() and slugify(typed, "")) or "council-vote"  # not from look-alike letters
        return (f"{field_name} {text}", f'ids use lowercase letters, digits and single hyphens, e.g. "{example}"')
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
