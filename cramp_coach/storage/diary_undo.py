"""Deleting a diary entry with an undo: the whole row is kept, and put back with its id and uid.

A deletion is committed at once, so a crash during the undo bar's seconds leaves the
deletion the user asked for; :meth:`DiaryUndo.restore` re-inserts the complete row (a
new id only if the old one was reused meanwhile).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cramp_coach.storage.database import transaction, translate_errors
from cramp_coach.storage.diary_connection import DiaryConnection
from cramp_coach.storage.diary_rows import EPISODE_ROW, SESSION_ROW, Entry, Table, episode_from_row, session_from_row


@dataclass(frozen=True, slots=True)
class DeletedEntry:
    """A deleted row, complete, so :meth:`DiaryStore.restore` can put it back as it was.

    Attributes:
        table: ``"cramp_episodes"`` or ``"routine_sessions"``.
        row: every column's value, in the order of ``EPISODE_ROW`` / ``SESSION_ROW``.
        entry: the deleted episode or session, for the undo bar's words.
    """

    table: Table
    row: tuple[object, ...]
    entry: Entry


class DiaryUndo(DiaryConnection):
    """Delete and restore (part of :class:`~cramp_coach.storage.diary_store.DiaryStore`)."""

    def delete_episode(self, episode_id: int) -> DeletedEntry:
        """Delete an episode; the returned value undoes it through :meth:`restore`."""
        return self._delete("cramp_episodes", EPISODE_ROW, episode_id, episode_from_row)

    def delete_session(self, session_id: int) -> DeletedEntry:
        """Delete a routine session; the returned value undoes it through :meth:`restore`."""
        return self._delete("routine_sessions", SESSION_ROW, session_id, session_from_row)

    def restore(self, deleted: DeletedEntry) -> int:
        """Put a deleted row back, with its id (and so its place in the list) unless that id was reused."""
        columns = EPISODE_ROW if deleted.table == "cramp_episodes" else SESSION_ROW
        row = list(deleted.row)
        with translate_errors(self.path), transaction(self._connection):
            taken = self._connection.execute(f"SELECT 1 FROM {deleted.table} WHERE id = ?", (row[0],)).fetchone()
            if taken:
                row[0] = None  # a new row took the id meanwhile: let SQLite pick another
            marks = ", ".join("?" * len(row))
            cursor = self._connection.execute(f"INSERT INTO {deleted.table} ({columns}) VALUES ({marks})", row)
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _delete(self, table: Table, columns: str, row_id: int, build: Callable[[Any], Entry]) -> DeletedEntry:
        with translate_errors(self.path), transaction(self._connection):
            row = self._connection.execute(f"SELECT {columns} FROM {table} WHERE id = ?", (row_id,)).fetchone()
            if row is None:
                raise LookupError(f"no row {row_id} in {table}")
            self._connection.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
        return DeletedEntry(table, tuple(row), build(row))
