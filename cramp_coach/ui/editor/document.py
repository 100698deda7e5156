"""The routine file being edited, without Qt: its text, what checking found, and saving.

The screen keeps one :class:`EditorDocument` and mirrors its text widget into it
(:meth:`EditorDocument.set_text`). Everything that decides lives here: whether there are
unsaved changes, whether the file may be edited, what the outline shows while the text
has problems, where a save goes (the routine or its draft), and whether a change on disk
is our own save. So it is tested without a QApplication
(``tests/unit/ui/test_editor_document.py``).

Checking and writing are the storage layer's (:class:`RoutineLibrary`); this class only
remembers the results.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cramp_coach.domain.routine import Routine
from cramp_coach.storage.routine_library import (
    CheckResult,
    LibraryEntry,
    LibraryError,
    RoutineLibrary,
    TextFile,
    file_id,
    is_draft_file,
    read_text,
)


class ReadOnlyError(LibraryError):
    """The open file is a built-in or ``--routines`` file: it can only be duplicated."""


@dataclass(frozen=True, slots=True)
class Saved:
    """Where a save went.

    Attributes:
        path: the file written.
        draft: it was kept as a draft (``<id>.draft.yaml``), never loaded.
        replaced: it replaced the file that was open (whose old text is now the ``.bak``).
    """

    path: Path
    draft: bool
    replaced: bool


@dataclass(frozen=True, slots=True)
class OutlineSource:
    """What the outline shows: the last check, or the last one without problems.

    Attributes:
        result: the check result to draw, or ``None`` when there is nothing to draw.
        stale: ``result`` is an older version, because the current text has problems.
        checked: the text has been checked at least once since it was opened.
    """

    result: CheckResult | None
    stale: bool
    checked: bool


class EditorDocument:
    """One open routine, exercise-library or protocol file (or none).

    Args:
        library: checks and writes the files, and knows which folder each is in.
    """

    def __init__(self, library: RoutineLibrary) -> None:
        self._library = library
        self._path: Path | None = None
        self._file = TextFile("")
        self._disk_text = ""
        self._text = ""
        self._result: CheckResult | None = None
        self._last_good: CheckResult | None = None

    # -- what is open ---------------------------------------------------------------

    @property
    def path(self) -> Path | None:
        """The open file, or ``None``."""
        return self._path

    @property
    def text(self) -> str:
        """The text as edited (``\\n`` line ends)."""
        return self._text

    @property
    def entry(self) -> LibraryEntry | None:
        """The library's entry for the open file (its folder, kind and title)."""
        return self._library.entry(self._path) if self._path is not None else None

    @property
    def editable(self) -> bool:
        """Only files in the user's own folder are edited; the others are duplicated."""
        entry = self.entry
        return entry is not None and entry.editable

    @property
    def is_draft(self) -> bool:
        return self._path is not None and is_draft_file(self._path)

    @property
    def dirty(self) -> bool:
        """Whether the text differs from the file on disk."""
        return self._path is not None and self._text != self._disk_text

    @property
    def result(self) -> CheckResult | None:
        """What the last check found (``None`` before the first check, or with no file)."""
        return self._result

    @property
    def routine(self) -> Routine | None:
        """The routine the text describes, when the last check found no problems."""
        result = self._result
        return result.routine if result is not None and result.ok else None

    @property
    def outline(self) -> OutlineSource:
        """The outline keeps the last version without problems while the text has some."""
        result = self._result
        shown = result if result is not None and result.ok else self._last_good
        return OutlineSource(shown, shown is not None and shown is not result, result is not None)

    # -- opening and editing ----------------------------------------------------------

    def open(self, path: Path) -> None:
        """Read ``path`` and make it the open file.

        Raises:
            LibraryError: it cannot be read (nothing changes then).
        """
        self.load(path, read_text(path))

    def load(self, path: Path | None, file: TextFile) -> None:
        """Make ``file`` (already read from ``path``) the open file; results are forgotten."""
        self._path = path
        self._file = file
        self._disk_text = file.text
        self._text = file.text
        self._result = None
        self._last_good = None

    def close(self) -> None:
        self.load(None, TextFile(""))

    def set_text(self, text: str) -> None:
        """The text as it is now in the editor (checked at the next :meth:`check`)."""
        self._text = text

    def check(self) -> CheckResult | None:
        """Check the text as if saved at its path; ``None`` when no file is open."""
        if self._path is None:
            self._result = None
            return None
        result = self._library.check(self._text, self._path)
        self._result = result
        if result.ok:
            self._last_good = result
        return result

    # -- saving -----------------------------------------------------------------------

    def _require_editable(self) -> Path:
        path = self._path
        if path is None or not self.editable:
            raise ReadOnlyError("Built-in files are read-only: duplicate this one to edit it.")
        return path

    def save(self) -> Saved:
        """Save the text as the routine ``<id>.yaml`` (atomically, keeping a ``.bak``).

        Saving a draft without problems makes it the routine and removes the draft.

        Raises:
            ReadOnlyError: the file is not in the user's folder.
            InvalidFileError: the text has problems; nothing was written.
            LibraryError: the file could not be written; the old one is intact.
        """
        path = self._require_editable()
        target = self._library.save(file_id(path), self._text, file=self._file, replaces_draft=is_draft_file(path))
        return self._written(target, draft=False)

    def save_draft(self) -> Saved:
        """Keep the text as ``<id>.draft.yaml``: never loaded, the saved routine untouched.

        Raises:
            ReadOnlyError: the file is not in the user's folder.
            LibraryError: the draft could not be written.
        """
        path = self._require_editable()
        return self._written(self._library.save_draft(file_id(path), self._text, file=self._file), draft=True)

    def _written(self, target: Path, *, draft: bool) -> Saved:
        replaced = target == self._path
        self._path = target
        self._disk_text = self._text
        return Saved(target, draft, replaced)

    def moved(self, path: Path) -> None:
        """The open file was renamed to ``path`` (its text and state go with it)."""
        self._path = path

    # -- the file on disk ---------------------------------------------------------------

    def is_disk_text(self, file: TextFile) -> bool:
        """Whether ``file`` is what was last read or written here (our own save, or a touch)."""
        return file.text == self._disk_text

    def adopt_disk_version(self) -> None:
        """Keep the edited text, and take what is on disk now as the base to save over."""
        if self._path is not None and self._path.exists():
            self._disk_text = read_text(self._path).text

    def newer_draft(self) -> Path | None:
        """The draft of this routine, when one exists beside the routine that is open."""
        if self._path is None or is_draft_file(self._path) or not self.editable:
            return None
        draft = self._library.user_path(file_id(self._path), draft=True)
        return draft if draft.exists() else None

    def resolve_asset(self, relative: str) -> Path | None:
        """A picture named by the text, next to the file first (as the loader does)."""
        base = self._path.parent if self._path is not None else None
        return self._library.resolve_asset(relative, base)
