"""Errors written for editors: where, which entry, what is wrong, and a hint."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in the content, located as precisely as we can."""

    file: str
    line: int
    column: int
    entry: str
    message: str
    hint: str = ""
    level: str = "error"  # or "warning": reported, but the story still builds

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" + (": warning" if self.level == "warning" else "")
        head = f"{where}: {self.entry}: {self.message}" if self.entry else f"{where}: {self.message}"
        return f"{head}\n  hint: {self.hint}" if self.hint else head

    def github(self) -> str:
        """The error as a GitHub Actions annotation."""
        text = self.format().replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        # a property value also escapes ':' and ',' (actions/toolkit escapeProperty)
        file = self.file.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A")
        return f"::{self.level} file={file.replace(',', '%2C')},line={self.line},col={self.column}::{text}"


class ContentErrors(Exception):
    """Raised when content has problems; carries every one of them."""

    def __init__(self, errors: list[ContentError]) -> None:
        super().__init__(f"{len(errors)} content error(s)")
        self.errors = sorted(set(errors))
