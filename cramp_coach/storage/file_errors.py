"""Errors raised when routine files cannot be written, renamed, deleted, imported or exported.

Every message is complete for the user and names the file; the editor shows it as it
is and the command line prints it after the command's name.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cramp_coach.domain.errors import CrampCoachError, Issue


class LibraryError(CrampCoachError):
    """A routine file could not be written, renamed, deleted or restored.

    ``str(error)`` is a complete message for the user, naming the file.
    """


class BundleError(LibraryError):
    """A bundle cannot be read, is unsafe, or cannot be written; ``str()`` is for the user."""


class IdClashError(LibraryError):
    """The id (file name) is already taken.

    Attributes:
        routine_id: the id that clashes.
        path: the file that already has it.
    """

    def __init__(self, routine_id: str, path: Path) -> None:
        self.routine_id = routine_id
        self.path = path
        super().__init__(f"'{routine_id}' is already used by {path}; choose another id")


class InvalidFileError(LibraryError):
    """Text that does not validate cannot be saved as an active routine file.

    Attributes:
        issues: every problem found, compiler-style.
    """

    def __init__(self, issues: Sequence[Issue]) -> None:
        self.issues = tuple(issues)
        count = len(self.issues)
        super().__init__(
            f"{count} problem{'s' if count != 1 else ''} to fix before this file can be used "
            "(it can be kept as a draft meanwhile)"
        )


def os_message(action: str, path: Path, error: OSError) -> str:
    """``Could not save /x/y.yaml: Permission denied`` (the reason without Python's noise)."""
    reason = error.strerror or str(error)
    return f"Could not {action} {path}: {reason}"
