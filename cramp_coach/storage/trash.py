"""Deleted routine files go to ``<routines folder>/.trash/``, from where Undo brings them back.

Not the desktop's trash: the storage layer stays Qt-free and tests never touch the real
one. A trashed file's name starts with the moment it was deleted, so files older than
:data:`TRASH_KEEP_DAYS` can be removed when something else is deleted; anything else in
the folder is left alone.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path

from cramp_coach.storage.atomic import discard, move_no_clobber
from cramp_coach.storage.file_errors import LibraryError, os_message

TRASH_FOLDER = ".trash"
#: Deleted files older than this are removed from the trash when something else is deleted.
TRASH_KEEP_DAYS = 30
_STAMP = "%Y%m%dT%H%M%S%f"


@dataclass(frozen=True, slots=True)
class DeletedFile:
    """A file moved to the trash, and where it came from (for Undo)."""

    original: Path
    trashed: Path


def move_to_trash(folder: Path, path: Path, now: datetime.datetime) -> DeletedFile:
    """Move ``path`` into ``folder``'s trash, stamped with ``now``; prune old ones.

    Raises:
        LibraryError: the file could not be moved; it is where it was.
    """
    trash = folder / TRASH_FOLDER
    trashed = trash / f"{now.strftime(_STAMP)}-{path.name}"
    try:
        trash.mkdir(exist_ok=True)
        os.replace(path, trashed)
    except OSError as error:
        raise LibraryError(os_message("delete", path, error)) from error
    prune(trash, now)
    return DeletedFile(path, trashed)


def restore(deleted: DeletedFile, routine_id: str) -> None:
    """Put a trashed file back where it was.

    Raises:
        IdClashError: a new file with the same name was made meanwhile.
    """
    move_no_clobber(deleted.trashed, deleted.original, routine_id)


def prune(trash: Path, now: datetime.datetime) -> None:
    """Remove our trashed files older than :data:`TRASH_KEEP_DAYS` (best effort)."""
    cutoff = now - datetime.timedelta(days=TRASH_KEEP_DAYS)
    for item in trash.iterdir():
        stamp = item.name.split("-", 1)[0]
        try:
            when = datetime.datetime.strptime(stamp, _STAMP).replace(tzinfo=datetime.timezone.utc)
        except ValueError:
            continue  # not one of ours: leave it alone
        if when < cutoff:
            discard(item)
