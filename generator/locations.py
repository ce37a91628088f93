"""Where each loaded entry stands in its file, for the errors found after loading."""

from __future__ import annotations

from typing import Any

from generator.yamlio import Document, YamlPath


class Locations:
    """The loader records each entry it makes (and its nested sections and phases) with the file
    and the path inside it; the cross-file checks ask where an entry, or one of its fields, is.

    Entries are models without a hash, so they are filed by identity. Each record keeps its
    entry alive, so an identity is never reused for another entry while the record exists."""

    def __init__(self) -> None:
        self._documents: dict[str, Document] = {}
        self._entries: dict[int, tuple[Any, str, YamlPath]] = {}

    def add_document(self, doc: Document) -> None:
        self._documents[doc.file] = doc

    def add(self, item: Any, file: str, path: YamlPath) -> None:
        self._entries[id(item)] = (item, file, path)

    def update(self, other: Locations) -> None:
        """Add the entries another Locations recorded (one file's, validated earlier)."""
        self._entries.update(other._entries)

    def locate(self, item: Any, *sub: str | int) -> tuple[str, int, int]:
        """File, line and column of a loaded entry, or of one of its fields."""
        _, file, path = self._entries[id(item)]
        line, column = self._documents[file].where(path + sub)
        return file, line, column
