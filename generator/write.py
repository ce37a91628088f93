"""Write rendered pages (text) and files (bytes: the share card) into the generated docs folder:
only changed bytes, stale files removed."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

MARKER = ".generated-by-story-generator"


@dataclass
class WriteReport:
    written: list[str]
    removed: list[str]
    unchanged: int

    def summary(self) -> str:
        return (f"{len(self.written)} page(s) written, {len(self.removed)} removed, "
                f"{self.unchanged} unchanged")


def write_pages(pages: Mapping[str, str], out: Path, files: Mapping[str, bytes] | None = None) -> WriteReport:
    """Make out/ hold exactly these pages (text, written as UTF-8) and files (bytes, as they are).
    Files whose bytes are the same are left alone, so watchers (mkdocs serve) only see real changes."""
    files = files or {}
    both = sorted(set(pages) & set(files))
    if both:
        raise ValueError(f"{both[0]} is both a page and a file")
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise FileExistsError(f"{out} exists and was not made by the generator; refusing to overwrite it")
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("This folder is generated from content/. Edits here are overwritten.\n")
    written, unchanged = [], 0
    everything = {**{rel: text.encode("utf-8") for rel, text in pages.items()}, **files}
    for rel, data in sorted(everything.items()):
        target = out / rel
        if target.is_file() and target.read_bytes() == data:
            unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        written.append(rel)
    removed = _prune(out, set(everything))
    return WriteReport(written, removed, unchanged)


def _prune(out: Path, keep: set[str]) -> list[str]:
    removed = []
    for path in sorted(out.rglob("*"), reverse=True):
        rel = path.relative_to(out).as_posix()
        if path.is_file() and rel != MARKER and rel not in keep:
            path.unlink()
            removed.append(rel)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return sorted(removed)
