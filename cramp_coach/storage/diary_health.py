"""Is the diary sound? The small API the app, its diary screen and the command line share.

- :func:`check_diary` reads the diary without writing a byte (read-only connection,
  ``PRAGMA integrity_check``: about 7 ms on a ten-year diary) and says whether it is
  healthy, missing, damaged (repairable) or unusable for another reason, with the
  message to show and how many entries wait in the side file.
- :func:`open_diary` is how the app and the diary commands open it. A healthy diary
  first takes in the entries recorded while it was damaged
  (:mod:`~cramp_coach.storage.diary_side_file`). A damaged one is left untouched, and the
  store returned writes to the side file instead, so Cramp now and the player keep
  recording without knowing the difference.
- :func:`repair_diary` (from :mod:`~cramp_coach.storage.diary_repair`) salvages a damaged
  diary into a new one and keeps the damaged file beside it; its
  :class:`~cramp_coach.storage.diary_repair.RepairReport` says how many rows of each kind
  were saved and lost.

Nothing here imports Qt; the app calls these after its first frame.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from cramp_coach.storage.database import StorageError, StorageProblem, check_file, open_database
from cramp_coach.storage.diary_repair import RepairReport, repair_diary
from cramp_coach.storage.diary_side_file import merge_side_file, open_side_store, pending_entries, side_file
from cramp_coach.storage.diary_store import DiaryStore

__all__ = [
    "DiaryHealth",
    "DiaryState",
    "OpenedDiary",
    "RepairReport",
    "check_diary",
    "open_diary",
    "repair_diary",
    "side_file",
]


class DiaryState(Enum):
    """What :func:`check_diary` found."""

    HEALTHY = "healthy"
    MISSING = "missing"  # no diary yet: it is created when the first entry is saved
    DAMAGED = "damaged"  # readable in parts at best: repair it
    UNUSABLE = "unusable"  # newer version, not a diary, locked, unreadable folder…: repair cannot help


@dataclass(frozen=True, slots=True)
class DiaryHealth:
    """The diary's state, for the app's notice and Repair button and for ``cramp-coach diary``.

    Attributes:
        path: the diary file.
        state: see :class:`DiaryState`.
        message: what to tell the user ("" when healthy or missing): the StorageError's own words.
        problem: the storage problem behind ``DAMAGED``/``UNUSABLE``, else ``None``.
        pending: entries recorded in the side file while the diary was damaged, waiting to be
            merged; ``None`` when the side file is in use (the app is writing to it) or unreadable.
    """

    path: Path
    state: DiaryState
    message: str = ""
    problem: StorageProblem | None = None
    pending: int | None = 0

    @property
    def needs_repair(self) -> bool:
        """True when :func:`repair_diary` would help (offer the Repair button)."""
        return self.state is DiaryState.DAMAGED


def _health(path: Path, error: StorageError | None) -> DiaryHealth:
    pending = pending_entries(path)
    if error is None:
        return DiaryHealth(path, DiaryState.HEALTHY, pending=pending)
    state = DiaryState.DAMAGED if error.problem is StorageProblem.CORRUPT else DiaryState.UNUSABLE
    return DiaryHealth(path, state, str(error), error.problem, pending)


def check_diary(path: Path) -> DiaryHealth:
    """Check the diary at ``path`` without writing anything."""
    path = Path(path)
    if not path.exists():
        return DiaryHealth(path, DiaryState.MISSING, pending=pending_entries(path))
    try:
        check_file(path)
    except StorageError as error:
        return _health(path, error)
    return _health(path, None)


@dataclass(frozen=True, slots=True)
class OpenedDiary:
    """What :func:`open_diary` opened.

    Attributes:
        store: where new entries go: the diary, or the side file while the diary is damaged;
            ``None`` when neither can be written (the message says why).
        health: the diary's own state (``DAMAGED`` while ``store`` is the side file).
        merged: side-file entries added to the diary by this open.
        connection: the store's connection (the caller closes it, like any diary connection).
    """

    store: DiaryStore | None
    health: DiaryHealth
    merged: int = 0
    connection: sqlite3.Connection | None = None

    @property
    def is_side_file(self) -> bool:
        """True when new entries are kept aside because the diary is damaged."""
        return self.store is not None and self.health.state is not DiaryState.HEALTHY


def open_diary(path: Path) -> OpenedDiary:
    """Open the diary for writing, or, while it is damaged, the side file; never raises StorageError."""
    path = Path(path)
    try:
        connection = open_database(path)
    except StorageError as error:
        health = _health(path, error)
        if error.problem is not StorageProblem.CORRUPT:
            return OpenedDiary(None, health)
        try:
            side = open_side_store(path)
        except StorageError:
            return OpenedDiary(None, health)  # the message already says the diary cannot be used
        return OpenedDiary(side, health, connection=side.connection)
    store = DiaryStore(connection)
    try:
        merged = merge_side_file(store, path)
    except StorageError as error:  # the diary failed while merging (full disk…): the side file is kept
        connection.close()
        return OpenedDiary(None, _health(path, error))
    return OpenedDiary(store, DiaryHealth(path, DiaryState.HEALTHY, pending=pending_entries(path)), merged, connection)
