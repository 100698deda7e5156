"""Entries recorded while the diary is damaged: kept in a side file, merged in later, never dropped.

A damaged diary is never written (:func:`~cramp_coach.storage.database.check_file`), but
Cramp now and the player must still record what happens. :func:`open_side_store` gives
them a :class:`~cramp_coach.storage.diary_store.DiaryStore` on ``diary-while-damaged.sqlite3``
in the same folder: a small diary of its own, same schema, so they need no special case.

The side file is held with an exclusive lock for as long as it is open: nothing else
can read it half-written, and :func:`merge_side_file` (run when the diary opens healthy,
and by the repair) skips a side file that is still in use rather than emptying it under
its writer. Merging is by row uid, so a merge killed half-way and run again adds each
row once; the side file is deleted only after the diary has committed its rows.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from cramp_coach.storage.database import (
    StorageError,
    StorageProblem,
    open_database,
    read_only_connection,
    translate_errors,
)
from cramp_coach.storage.diary_store import DiaryStore, Entry

log = logging.getLogger(__name__)

_SIDE_NAME = "{stem}-while-damaged{suffix}"


def side_file(diary: Path) -> Path:
    """Where entries go while ``diary`` is damaged: ``diary-while-damaged.sqlite3`` beside it."""
    return diary.with_name(_SIDE_NAME.format(stem=diary.stem, suffix=diary.suffix))


def open_side_store(diary: Path) -> DiaryStore:
    """The side file's store, created if needed and locked until its connection closes.

    Raises:
        StorageError: the side file cannot be opened either (full disk, read-only folder…).
    """
    return DiaryStore(open_database(side_file(diary), exclusive=True))


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


@contextmanager
def claimed_side_file(diary: Path) -> Iterator[list[tuple[str | None, Entry]]]:
    """The side file's entries, locked while the block runs, and the file deleted if the block succeeds.

    Yields no entries when there is no side file, when it is in use (the app still
    writing to it: it is merged later) or when it cannot be read (it is then left as it is).
    """
    side = side_file(diary)
    if not side.exists():
        yield []
        return
    try:
        connection = open_database(side, busy_timeout=0.0, exclusive=True)
    except StorageError as error:
        if error.problem is not StorageProblem.LOCKED:
            log.warning("entries kept while the diary was damaged cannot be read yet: %s", error)
        yield []
        return
    try:
        rows: list[tuple[str | None, Entry]] = list(DiaryStore(connection).export_entries())
        yield rows
    finally:
        connection.close()
    # Reached only when the block succeeded: the entries are committed in the diary.
    _remove(side)


def merge_side_file(store: DiaryStore, diary: Path) -> int:
    """Add the side file's entries to ``store`` (the healthy diary) and delete it; return how many were new.

    A side file in use or unreadable is left for a later merge (0 is returned). Rows go
    in by uid in one transaction, so a merge killed half-way and run again adds each once.
    """
    with claimed_side_file(diary) as rows:
        if not rows:
            return 0
        result = store.import_entries(rows)
    return result.episodes_added + result.sessions_added


def pending_entries(diary: Path) -> int | None:
    """How many entries wait in the side file (0 when there is none); ``None`` when it is in use or unreadable."""
    side = side_file(diary)
    if not side.exists():
        return 0
    try:
        with translate_errors(side), closing(read_only_connection(side, busy_timeout=0.0)) as connection:
            row = connection.execute(
                "SELECT (SELECT count(*) FROM cramp_episodes) + (SELECT count(*) FROM routine_sessions)"
            ).fetchone()
    except (StorageError, OSError, sqlite3.Error):
        return None
    return int(row[0])
