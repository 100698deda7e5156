"""The connection every part of the diary store works through, and the few queries they share."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from cramp_coach.domain.clock import SystemWallClock, WallClock
from cramp_coach.storage.database import database_file, transaction, translate_errors
from cramp_coach.storage.diary_rows import limit_value, range_clause


class DiaryConnection:
    """A connection from :func:`~cramp_coach.storage.database.open_database`, and a wall clock.

    The base of :class:`~cramp_coach.storage.diary_store.DiaryStore`'s parts; it does not
    own the connection: whoever opened it closes it.

    Attributes:
        path: the database file, named in error messages (``None`` for an in-memory diary).
    """

    def __init__(self, connection: sqlite3.Connection, *, wall_clock: WallClock | None = None) -> None:
        """Wrap ``connection``; ``wall_clock`` stamps progress updates (the system clock by default)."""
        self._connection = connection
        self._wall_clock: WallClock = wall_clock if wall_clock is not None else SystemWallClock()
        with translate_errors(None):
            self.path = database_file(connection)

    @property
    def connection(self) -> sqlite3.Connection:
        """The connection the store writes through (its opener closes it)."""
        return self._connection

    def _one(self, table: str, columns: str, row_id: int, missing: str) -> Any:
        # table and columns are diary_rows.py's constants, never user input
        with translate_errors(self.path):
            row = self._connection.execute(f"SELECT {columns} FROM {table} WHERE id = ?", (row_id,)).fetchone()
        if row is None:
            raise LookupError(missing)
        return row

    def _newest_first(
        self, table: str, columns: str, limit: int | None, since: datetime | None, until: datetime | None
    ) -> list[Any]:
        where, parameters = range_clause(since, until)
        with translate_errors(self.path):
            return self._connection.execute(
                f"SELECT {columns} FROM {table}{where} ORDER BY started_at DESC, id DESC LIMIT ?",
                (*parameters, limit_value(limit)),
            ).fetchall()

    def _update(self, sql: str, parameters: tuple[object, ...], missing: str) -> None:
        with translate_errors(self.path), transaction(self._connection):
            cursor = self._connection.execute(sql, parameters)
        if cursor.rowcount == 0:
            raise LookupError(missing)

    def _rows(self, table: str, columns: str, ids: Sequence[int]) -> list[Any]:
        if not ids:
            return []
        marks = ", ".join("?" * len(ids))
        return self._connection.execute(f"SELECT {columns} FROM {table} WHERE id IN ({marks})", ids).fetchall()
