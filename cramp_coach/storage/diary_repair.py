"""Repairing a damaged diary: every readable row into a new diary, the damaged file kept beside it.

:func:`repair_diary` never writes to the damaged file. It reads it through a read-only
connection (:func:`~cramp_coach.storage.database.read_only_connection`, which also reads
committed transactions still in its WAL) and *salvages* each table in several ways,
because one damaged page stops a plain ``SELECT`` at that page:

1. a scan in rowid order and one in reverse, each kept up to the first error;
2. the rowids listed by each of the table's indexes (their pages are separate, so they
   often survive when table pages do not), forwards and backwards;
3. a lookup of every rowid from 1 to a little past the largest seen, one at a time, so
   a damaged page costs only the rows on it.

Each row read is checked by building the domain value from it; a row that reads but
makes no sense (a damaged cell) counts as lost, not saved. The rows then go into a new
diary (same uids, so an export taken before the damage still imports without
duplicates), together with the entries recorded in the side file meanwhile
(:mod:`~cramp_coach.storage.diary_side_file`). Then:

- the damaged file is copied to ``diary-damaged-<UTC time>.sqlite3`` (its ``-wal`` too);
- the new diary replaces ``diary.sqlite3`` in one rename, so at every moment the folder
  holds either the damaged diary or the repaired one, never neither.

"Lost" is what the damaged file shows existed (its row count, or rowids its indexes
list) but could not be read; rows on a page that lost even its index entries cannot be
counted, so it is a lower bound, and the report says so.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from cramp_coach.domain.diary_bounds import check_entry
from cramp_coach.domain.wording import plural
from cramp_coach.storage.database import (
    StorageError,
    StorageProblem,
    check_file,
    open_database,
    read_only_connection,
    translate_errors,
    translate_os_errors,
)
from cramp_coach.storage.diary_rows import (
    EPISODE_COLUMNS,
    SESSION_COLUMNS,
    Entry,
    episode_from_row,
    session_from_row,
)
from cramp_coach.storage.diary_side_file import claimed_side_file, merge_side_file, side_file
from cramp_coach.storage.diary_store import DiaryStore

#: Rowids probed one by one beyond the largest one seen (rows at the end of a damaged table).
PROBE_MARGIN = 1000
#: Never probe more rowids than this per table (a damaged file could claim any rowid).
MAX_PROBES = 2_000_000


@dataclass(frozen=True, slots=True)
class TableSalvage:
    """What was read from one table of the damaged diary.

    Attributes:
        saved: rows read and understood, as ``(uid, entry)``.
        lost: rows known to exist that could not be read or made no sense (at least this many).
    """

    saved: tuple[tuple[str | None, Entry], ...]
    lost: int


@dataclass(frozen=True, slots=True)
class RepairReport:
    """What :func:`repair_diary` did.

    Attributes:
        diary: the diary file (repaired, or found healthy).
        damaged_copy: where the damaged file was kept; ``None`` when nothing needed repairing.
        cramps_saved, routines_saved: rows salvaged into the new diary.
        cramps_lost, routines_lost: rows that existed but could not be read (at least).
        pending_merged: entries recorded in the side file while the diary was damaged, now in it.
        missing: there was no diary (and nothing waiting in a side file): nothing was created.
    """

    diary: Path
    damaged_copy: Path | None
    cramps_saved: int = 0
    routines_saved: int = 0
    cramps_lost: int = 0
    routines_lost: int = 0
    pending_merged: int = 0
    missing: bool = False

    @property
    def repaired(self) -> bool:
        return self.damaged_copy is not None

    def summary(self) -> str:
        """The report in a few plain sentences, for the command line and the app."""
        merged = (
            f" {plural(self.pending_merged, 'entry', 'entries')} recorded while it was damaged "
            f"{'was' if self.pending_merged == 1 else 'were'} added."
            if self.pending_merged
            else ""
        )
        if self.missing:
            return f"There is no diary yet at {self.diary}; nothing needed repairing."
        if not self.repaired:
            return f"The diary {self.diary} is healthy; nothing needed repairing.{merged}"
        lost = self.cramps_lost + self.routines_lost
        lost_text = (
            f" {plural(self.cramps_lost, 'cramp')} and {plural(self.routines_lost, 'routine session')} "
            "could not be read and are lost."
            if lost
            else " No entry known to the damaged file was lost."
        )
        return (
            f"Repaired the diary {self.diary}: saved {plural(self.cramps_saved, 'cramp')} and "
            f"{plural(self.routines_saved, 'routine session')}.{lost_text}{merged} "
            f"The damaged file is kept as {self.damaged_copy}."
        )


def _rows(connection: sqlite3.Connection, sql: str, parameters: tuple[object, ...] = ()) -> Iterator[Any]:
    """The rows ``sql`` returns up to the first error (a damaged page), then nothing more."""
    try:
        yield from connection.execute(sql, parameters)
    except sqlite3.DatabaseError:
        return


def _has_column(connection: sqlite3.Connection, table: str, column: str) -> bool:
    try:
        connection.execute(f"SELECT {column} FROM {table} LIMIT 0")
    except sqlite3.OperationalError:
        return False  # an older diary (before migration 3), or a damaged schema
    return True


def salvage_table(
    connection: sqlite3.Connection, table: str, columns: str, build: Callable[[Any], Entry]
) -> TableSalvage:
    """Every readable row of ``table`` (see the module docstring for how)."""
    uid_column = "uid" if _has_column(connection, table, "uid") else "NULL"
    select = f"SELECT rowid, {columns}, {uid_column} FROM {table}"
    found: dict[int, Any] = {}
    known: set[int] = set()
    for order in ("ASC", "DESC"):
        for row in _rows(connection, f"{select} ORDER BY rowid {order}"):
            found[int(row[0])] = row
    indexes = [
        str(name)
        for (name,) in _rows(
            connection, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", (table,)
        )
    ]
    for index in indexes:
        for order in ("ASC", "DESC"):
            # Only rowids: SQLite answers from the index's own pages.
            known.update(
                int(row[0])
                for row in _rows(connection, f'SELECT rowid FROM {table} INDEXED BY "{index}" ORDER BY rowid {order}')
            )
    counted = next((int(row[0]) for row in _rows(connection, f"SELECT count(*) FROM {table}")), 0)
    highest = max([*found, *known, 0])
    for rowid in range(1, min(highest + PROBE_MARGIN, MAX_PROBES) + 1):
        if rowid not in found:
            for row in _rows(connection, f"{select} WHERE rowid = ?", (rowid,)):
                found[rowid] = row
    saved: list[tuple[str | None, Entry]] = []
    saved_rowids: set[int] = set()
    for rowid in sorted(found):
        row = found[rowid]
        try:
            entry = build(row[1:-1])
            check_entry(entry)  # e.g. a 1e308 duration written before the limits existed
        except (ValueError, TypeError, KeyError, OverflowError):
            continue  # a damaged cell: it read, but it is not an entry
        uid = row[-1] if isinstance(row[-1], str) and row[-1] else None
        saved.append((uid, entry))
        saved_rowids.add(rowid)
    # The indexes' rowids are the best witness (a "row" read from a damaged page under a
    # rowid no index knows is debris, not a lost entry); count(*) walks the damaged tree
    # itself and can miscount, so it is only used when no index could be read.
    existed = len(known | saved_rowids) if known else max(counted, len(found))
    return TableSalvage(tuple(saved), max(0, existed - len(saved)))


def salvage(path: Path) -> tuple[TableSalvage, TableSalvage]:
    """Read what can be read from the diary at ``path``: (cramp episodes, routine sessions). Never writes."""
    with translate_errors(path), closing(read_only_connection(path)) as connection:
        episodes = salvage_table(connection, "cramp_episodes", EPISODE_COLUMNS, episode_from_row)
        sessions = salvage_table(connection, "routine_sessions", SESSION_COLUMNS, session_from_row)
    return episodes, sessions


def damaged_copy_path(diary: Path, now: datetime | None = None) -> Path:
    """A free name beside ``diary`` for its damaged file: ``diary-damaged-20260302T031000Z.sqlite3``."""
    stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    candidate = diary.with_name(f"{diary.stem}-damaged-{stamp}{diary.suffix}")
    counter = 2
    while candidate.exists():
        candidate = diary.with_name(f"{diary.stem}-damaged-{stamp}-{counter}{diary.suffix}")
        counter += 1
    return candidate


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder; its renames are durable enough for this
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def repair_diary(diary: Path, *, now: datetime | None = None) -> RepairReport:
    """Repair the diary at ``diary`` if it is damaged; merge entries kept in the side file either way.

    Raises:
        StorageError: the diary is unusable for another reason (newer version, locked, not
            a diary…), or the new diary cannot be written (full disk, read-only folder).
            Nothing has changed then: the damaged file is still in place.
    """
    diary = Path(diary)
    if not diary.exists():
        if not side_file(diary).exists():
            return RepairReport(diary, None, missing=True)  # a repair never creates a diary for nothing
        with closing(open_database(diary)) as connection:  # merging needs somewhere to go
            merged = merge_side_file(DiaryStore(connection), diary)
        return RepairReport(diary, None, pending_merged=merged)
    try:
        check_file(diary)
    except StorageError as error:
        if error.problem is not StorageProblem.CORRUPT:
            raise
    else:
        with closing(open_database(diary)) as connection:
            merged = merge_side_file(DiaryStore(connection), diary)
        return RepairReport(diary, None, pending_merged=merged)

    try:
        episodes, sessions = salvage(diary)
    except StorageError:  # not even the schema can be read: a new, empty diary
        episodes = sessions = TableSalvage((), 0)
    fresh = diary.with_name(diary.name + ".repairing")
    _remove_database(fresh)  # left by a repair that was killed
    kept = damaged_copy_path(diary, now)
    with translate_os_errors(diary), claimed_side_file(diary) as pending:
        try:
            with closing(open_database(fresh)) as connection:
                store = DiaryStore(connection)
                store.import_entries([*episodes.saved, *sessions.saved])
                added = store.import_entries(pending)
            # The copy first, the swap second: the folder always holds the diary, damaged or repaired.
            shutil.copyfile(diary, kept)
            os.chmod(kept, 0o600)
            for suffix in ("-wal", "-shm"):
                beside = diary.with_name(diary.name + suffix)
                if beside.exists():
                    shutil.copyfile(beside, kept.with_name(kept.name + suffix))
                    beside.unlink()  # it belongs to the damaged file, never to the new one
            os.replace(fresh, diary)
            _fsync_folder(diary.parent)
        except BaseException:
            _remove_database(fresh)
            raise
    return RepairReport(
        diary,
        kept,
        cramps_saved=len(episodes.saved),
        routines_saved=len(sessions.saved),
        cramps_lost=episodes.lost,
        routines_lost=sessions.lost,
        pending_merged=added.episodes_added + added.sessions_added,
    )
