"""Errors found in user-editable files, located to the character."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem in one file, reported like a compiler error.

    Attributes:
        file: the path as the user gave it (or as it was found).
        line: 1-based line, 0 when the problem concerns the whole file.
        column: 1-based column, 0 when the problem concerns the whole file.
        field: the dotted path of the offending field, e.g. ``steps[2].dose.hold_seconds``;
            empty for file-level problems.
        message: what was expected and what was found.
    """

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"

    def as_dict(self) -> dict[str, str | int]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
        }


class CrampCoachError(Exception):
    """Base class for errors the app reports to the user rather than crashing on."""
