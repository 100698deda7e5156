"""Reading and writing the diary: routine sessions and cramp episodes.

Every write commits at once, so what the app has been told survives a crash:

- a routine session is recorded ``IN_PROGRESS`` when it starts, its progress after each
  phase (:meth:`DiaryStore.update_session_progress`), and its outcome when it ends; a
  session left ``IN_PROGRESS`` by a crash is closed as ``INTERRUPTED`` on the next start
  (:meth:`DiaryStore.close_interrupted_sessions`);
- a cramp episode is recorded the moment "Cramp now" is pressed
  (:meth:`DiaryStore.start_episode`), its duration and outcome when the steps end
  (:meth:`DiaryStore.finish_episode`), and the optional log screen's answers if the user
  fills it in (:meth:`DiaryStore.log_episode`, which sets ``logged``).

The diary screen adds to that: episodes logged the next morning
(:meth:`DiaryStore.add_episode`), edited (:meth:`DiaryStore.update_episode`) and deleted
with an undo (:meth:`DiaryStore.delete_episode` returns a :class:`DeletedEntry` that
:meth:`DiaryStore.restore` puts back, same id and uid). Summaries are SQL over the
``started_at`` indexes: :meth:`DiaryStore.night_tallies` groups a range by *night*
(noon to noon, local time, as :func:`~cramp_coach.domain.diary.night_of` defines it,
via SQLite's ``'localtime'`` modifier) and the pure
:mod:`~cramp_coach.domain.insights` does the rest.

Every row has a random ``uid`` (migration 3), kept through export and import, so
importing the app's own CSV twice adds nothing the second time.

Timestamps are stored as ISO-8601 UTC text with microseconds, always the same width, so
text order is time order. SQL is parameterised throughout. Failures caused by the
environment raise :class:`~cramp_coach.storage.database.StorageError`; bad arguments
(a naive datetime, pain 11, an unknown id) are bugs and raise ``ValueError`` or
``LookupError``.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any, Literal

from cramp_coach.domain.clock import SystemWallClock, WallClock
from cramp_coach.domain.diary import (
    CrampEpisode,
    Leg,
    RoutineSession,
    SessionStatus,
    night_bounds,
    require_utc,
)
from cramp_coach.domain.diary_bounds import (
    AFTER_LATEST,
    EARLIEST,
    MAX_NAME_CHARS,
    MAX_NOTE_CHARS,
    check_count,
    check_entry,
    check_pain,
    check_seconds,
    check_text,
    check_time,
    clamp_seconds,
)
from cramp_coach.domain.protocol import CrampLocation
from cramp_coach.storage.database import database_file, transaction, translate_errors

if TYPE_CHECKING:
    from cramp_coach.domain.insights import NightTally

_SESSION_COLUMNS = (
    "id, routine_id, routine_title, started_at, ended_at, status, phases_done, phases_total, seconds_done"
)
_EPISODE_COLUMNS = "id, started_at, duration_seconds, leg, location, pain, note, eased, logged"
# Every stored column, for deleting with an undo and for export/import.
_SESSION_ROW = _SESSION_COLUMNS + ", last_seen_at, uid"
_EPISODE_ROW = _EPISODE_COLUMNS + ", uid"
# SQLite's date() of a stored UTC timestamp, moved to local time and back by the night's
# 12-hour offset: the night the row belongs to (see cramp_coach.domain.diary.night_of).
_NIGHT = "date(started_at, 'localtime', '-12 hours')"

Entry = CrampEpisode | RoutineSession
_Table = Literal["cramp_episodes", "routine_sessions"]


def new_uid() -> str:
    """A fresh row uid: 32 random lowercase hex digits, like the ones migration 3 gave existing rows.

    ``os.urandom`` rather than :mod:`uuid`: the diary opens before the first frame, and
    importing ``uuid`` (which imports ``platform``) costs about 10 ms there.
    """
    return os.urandom(16).hex()


@dataclass(frozen=True, slots=True)
class DeletedEntry:
    """A deleted row, complete, so :meth:`DiaryStore.restore` can put it back as it was.

    Attributes:
        table: ``"cramp_episodes"`` or ``"routine_sessions"``.
        row: every column's value, in the order of ``_EPISODE_ROW`` / ``_SESSION_ROW``.
        entry: the deleted episode or session, for the undo bar's words.
    """

    table: _Table
    row: tuple[object, ...]
    entry: Entry


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What :meth:`DiaryStore.import_entries` did.

    Attributes:
        episodes_added: new cramp episodes.
        sessions_added: new routine sessions.
        already_there: rows the diary already held (same uid, or same time and kind when the row had no uid).
    """

    episodes_added: int
    sessions_added: int
    already_there: int


def to_db_time(when: datetime, name: str = "timestamp") -> str:
    """``when`` as fixed-width ISO-8601 UTC text, e.g. ``2024-01-15T22:30:00.000000+00:00``."""
    return require_utc(when, name).isoformat(timespec="microseconds")


def from_db_time(text: str) -> datetime:
    """The inverse of :func:`to_db_time` (a naive value, from a hand-edited file, is read as UTC)."""
    when = datetime.fromisoformat(text)
    return when.replace(tzinfo=timezone.utc) if when.tzinfo is None else when.astimezone(timezone.utc)


def _stored_time(when: datetime, name: str) -> str:
    """``when`` as stored text, refused (``ValueError``) outside the diary's years (domain/diary_bounds.py)."""
    return to_db_time(check_time(when, name), name)


def _optional_bool(value: Any) -> bool | None:
    return None if value is None else bool(value)


def _session(row: Any) -> RoutineSession:
    return RoutineSession(
        id=int(row[0]),
        routine_id=str(row[1]),
        routine_title=str(row[2]),
        started_at=from_db_time(row[3]),
        ended_at=None if row[4] is None else from_db_time(row[4]),
        status=SessionStatus(row[5]),
        phases_done=int(row[6]),
        phases_total=int(row[7]),
        seconds_done=float(row[8]),
    )


def _episode(row: Any) -> CrampEpisode:
    return CrampEpisode(
        id=int(row[0]),
        started_at=from_db_time(row[1]),
        duration_seconds=None if row[2] is None else float(row[2]),
        leg=None if row[3] is None else Leg(row[3]),
        location=None if row[4] is None else CrampLocation(row[4]),
        pain=None if row[5] is None else int(row[5]),
        note=str(row[6]),
        eased=_optional_bool(row[7]),
        logged=bool(row[8]),
    )


def _episode_fields(
    started_at: datetime,
    leg: Leg | None,
    location: CrampLocation | None,
    pain: int | None,
    duration_seconds: float | None,
    note: str,
) -> tuple[object, ...]:
    if pain is not None:
        check_pain(pain)
    if duration_seconds is not None:
        check_seconds(duration_seconds, "duration_seconds")
    check_text(note, "note", MAX_NOTE_CHARS)
    return (
        _stored_time(started_at, "started_at"),
        None if leg is None else leg.value,
        None if location is None else location.value,
        pain,
        duration_seconds,
        note,
    )


def _limit(limit: int | None) -> int:
    if limit is not None and limit < 0:
        raise ValueError(f"limit must not be negative, got {limit!r}")
    return -1 if limit is None else limit  # SQLite reads LIMIT -1 as "no limit"


def _range_clause(since: datetime | None, until: datetime | None) -> tuple[str, list[str]]:
    conditions: list[str] = []
    parameters: list[str] = []
    # A range reaching past the diary's years asks for everything on that side: clamp it.
    if since is not None:
        conditions.append("started_at >= ?")
        parameters.append(to_db_time(min(max(require_utc(since, "since"), EARLIEST), AFTER_LATEST), "since"))
    if until is not None:
        conditions.append("started_at < ?")
        parameters.append(to_db_time(min(max(require_utc(until, "until"), EARLIEST), AFTER_LATEST), "until"))
    return (" WHERE " + " AND ".join(conditions) if conditions else ""), parameters


class DiaryStore:
    """The diary's sessions and episodes, on a connection from :func:`~cramp_coach.storage.database.open_database`.

    The store does not own the connection: whoever opened it closes it.

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

    # --- routine sessions ------------------------------------------------------------

    def start_session(self, routine_id: str, title: str, started_at: datetime, phases_total: int) -> int:
        """Record a routine that has just started (``IN_PROGRESS``) and return its id."""
        if not routine_id:
            raise ValueError("routine_id must not be empty")
        check_text(routine_id, "routine_id", MAX_NAME_CHARS)
        check_text(title, "title", MAX_NAME_CHARS)
        check_count(phases_total, "phases_total")
        started = _stored_time(started_at, "started_at")
        with translate_errors(self.path), transaction(self._connection):
            cursor = self._connection.execute(
                "INSERT INTO routine_sessions (routine_id, routine_title, started_at, last_seen_at, status,"
                " phases_done, phases_total, seconds_done, uid) VALUES (?, ?, ?, ?, ?, 0, ?, 0, ?)",
                (routine_id, title, started, started, SessionStatus.IN_PROGRESS.value, phases_total, new_uid()),
            )
        assert cursor.lastrowid is not None  # an INSERT into a rowid table always sets it
        return cursor.lastrowid

    def update_session_progress(self, session_id: int, phases_done: int, seconds_done: float) -> None:
        """Record progress through a running session; cheap enough to call after every phase.

        The wall clock's time is kept as the session's last sign of life, which becomes
        its ``ended_at`` if the app dies before finishing it. ``seconds_done`` is measured
        by the app, so it is kept within 0–24 h rather than refused.
        """
        check_count(phases_done, "phases_done")
        now = _stored_time(self._wall_clock.now(), "wall clock")
        self._update(
            "UPDATE routine_sessions SET phases_done = ?, seconds_done = ?, last_seen_at = ?"
            " WHERE id = ? AND status = ?",
            (
                phases_done,
                clamp_seconds(seconds_done, "seconds_done"),
                now,
                session_id,
                SessionStatus.IN_PROGRESS.value,
            ),
            f"no routine session {session_id} in progress",
        )

    def finish_session(
        self,
        session_id: int,
        ended_at: datetime,
        status: SessionStatus,
        phases_done: int,
        seconds_done: float,
    ) -> None:
        """Record how a session ended: ``COMPLETED`` or ``STOPPED`` (or ``INTERRUPTED``).

        ``seconds_done`` is measured by the app, so it is kept within 0–24 h rather than refused.
        """
        if not status.is_finished:
            raise ValueError(f"finish_session needs a finished status, got {status}")
        check_count(phases_done, "phases_done")
        ended = _stored_time(ended_at, "ended_at")
        self._update(
            "UPDATE routine_sessions"
            " SET ended_at = ?, last_seen_at = ?, status = ?, phases_done = ?, seconds_done = ?"
            " WHERE id = ?",
            (ended, ended, status.value, phases_done, clamp_seconds(seconds_done, "seconds_done"), session_id),
            f"no routine session {session_id}",
        )

    def close_interrupted_sessions(self, now: datetime) -> int:
        """Mark sessions left ``IN_PROGRESS`` by an earlier run as ``INTERRUPTED``; return how many.

        Call once at start-up, before any new session starts. Each one's ``ended_at`` is
        its last recorded sign of life (start or latest progress), never later than ``now``.
        """
        cap = to_db_time(now, "now")
        with translate_errors(self.path), transaction(self._connection):
            cursor = self._connection.execute(
                "UPDATE routine_sessions SET status = ?, ended_at = min(last_seen_at, ?) WHERE status = ?",
                (SessionStatus.INTERRUPTED.value, cap, SessionStatus.IN_PROGRESS.value),
            )
        return cursor.rowcount

    def _one(self, table: str, columns: str, row_id: int, missing: str) -> Any:
        # table and columns are this module's constants, never user input
        with translate_errors(self.path):
            row = self._connection.execute(f"SELECT {columns} FROM {table} WHERE id = ?", (row_id,)).fetchone()
        if row is None:
            raise LookupError(missing)
        return row

    def _newest_first(
        self, table: str, columns: str, limit: int | None, since: datetime | None, until: datetime | None
    ) -> list[Any]:
        where, parameters = _range_clause(since, until)
        with translate_errors(self.path):
            return self._connection.execute(
                f"SELECT {columns} FROM {table}{where} ORDER BY started_at DESC, id DESC LIMIT ?",
                (*parameters, _limit(limit)),
            ).fetchall()

    def session(self, session_id: int) -> RoutineSession:
        """One session by id (``LookupError`` if there is none)."""
        return _session(self._one("routine_sessions", _SESSION_COLUMNS, session_id, f"no routine session {session_id}"))

    def sessions(
        self, limit: int | None = None, *, since: datetime | None = None, until: datetime | None = None
    ) -> list[RoutineSession]:
        """Sessions started in ``[since, until)`` (all by default), newest first, at most ``limit``."""
        return [_session(row) for row in self._newest_first("routine_sessions", _SESSION_COLUMNS, limit, since, until)]

    # --- cramp episodes --------------------------------------------------------------

    def start_episode(self, started_at: datetime) -> int:
        """Record a cramp the moment "Cramp now" is pressed (``logged`` false) and return its id."""
        started = _stored_time(started_at, "started_at")
        with translate_errors(self.path), transaction(self._connection):
            cursor = self._connection.execute(
                "INSERT INTO cramp_episodes (started_at, uid) VALUES (?, ?)", (started, new_uid())
            )
        assert cursor.lastrowid is not None  # an INSERT into a rowid table always sets it
        return cursor.lastrowid

    def finish_episode(self, episode_id: int, *, duration_seconds: float, eased: bool | None) -> None:
        """Record how long the cramp lasted and whether it eased, when the first-aid steps end.

        The duration is measured by the app, so it is kept within 0–24 h rather than refused
        (a flow left open for two days must not fail at its end).
        """
        self._update(
            "UPDATE cramp_episodes SET duration_seconds = ?, eased = ? WHERE id = ?",
            (clamp_seconds(duration_seconds, "duration_seconds"), eased, episode_id),
            f"no cramp episode {episode_id}",
        )

    def note_episode_location(self, episode_id: int, location: CrampLocation) -> None:
        """Record where the cramp is as soon as Cramp now is told (not ``logged``: the log page may follow)."""
        self._update(
            "UPDATE cramp_episodes SET location = ? WHERE id = ?",
            (location.value, episode_id),
            f"no cramp episode {episode_id}",
        )

    def log_episode(
        self,
        episode_id: int,
        *,
        leg: Leg | None,
        location: CrampLocation | None,
        pain: int | None,
        note: str = "",
        duration_seconds: float | None = None,
    ) -> None:
        """Save the optional log screen's answers and mark the episode ``logged``.

        ``duration_seconds``, when given, replaces the measured duration (the user's own
        "how long" wins: the cramp may have started before the app was opened).
        """
        if pain is not None:
            check_pain(pain)
        if duration_seconds is not None:
            check_seconds(duration_seconds, "duration_seconds")
        check_text(note, "note", MAX_NOTE_CHARS)
        self._update(
            "UPDATE cramp_episodes SET leg = ?, location = ?, pain = ?, note = ?,"
            " duration_seconds = coalesce(?, duration_seconds), logged = 1 WHERE id = ?",
            (
                None if leg is None else leg.value,
                None if location is None else location.value,
                pain,
                note,
                duration_seconds,
                episode_id,
            ),
            f"no cramp episode {episode_id}",
        )

    def episode(self, episode_id: int) -> CrampEpisode:
        """One episode by id (``LookupError`` if there is none)."""
        return _episode(self._one("cramp_episodes", _EPISODE_COLUMNS, episode_id, f"no cramp episode {episode_id}"))

    def episodes(
        self, limit: int | None = None, *, since: datetime | None = None, until: datetime | None = None
    ) -> list[CrampEpisode]:
        """Episodes started in ``[since, until)`` (all by default), newest first, at most ``limit``."""
        return [_episode(row) for row in self._newest_first("cramp_episodes", _EPISODE_COLUMNS, limit, since, until)]

    def add_episode(
        self,
        started_at: datetime,
        *,
        leg: Leg | None,
        location: CrampLocation | None,
        pain: int | None,
        duration_seconds: float | None,
        note: str = "",
    ) -> int:
        """Record a cramp logged afterwards (the diary's "Log a cramp"); it is ``logged`` at once."""
        values = _episode_fields(started_at, leg, location, pain, duration_seconds, note)
        with translate_errors(self.path), transaction(self._connection):
            cursor = self._connection.execute(
                "INSERT INTO cramp_episodes (started_at, leg, location, pain, duration_seconds, note, logged, uid)"
                " VALUES (?, ?, ?, ?, ?, ?, 1, ?)",
                (*values, new_uid()),
            )
        assert cursor.lastrowid is not None  # an INSERT into a rowid table always sets it
        return cursor.lastrowid

    def update_episode(
        self,
        episode_id: int,
        *,
        started_at: datetime,
        leg: Leg | None,
        location: CrampLocation | None,
        pain: int | None,
        duration_seconds: float | None,
        note: str = "",
    ) -> None:
        """Replace what the user can edit about an episode; it becomes ``logged``."""
        values = _episode_fields(started_at, leg, location, pain, duration_seconds, note)
        self._update(
            "UPDATE cramp_episodes SET started_at = ?, leg = ?, location = ?, pain = ?, duration_seconds = ?,"
            " note = ?, logged = 1 WHERE id = ?",
            (*values, episode_id),
            f"no cramp episode {episode_id}",
        )

    # --- deleting, with an undo ------------------------------------------------------

    def delete_episode(self, episode_id: int) -> DeletedEntry:
        """Delete an episode; the returned value undoes it through :meth:`restore`."""
        return self._delete("cramp_episodes", _EPISODE_ROW, episode_id, _episode)

    def delete_session(self, session_id: int) -> DeletedEntry:
        """Delete a routine session; the returned value undoes it through :meth:`restore`."""
        return self._delete("routine_sessions", _SESSION_ROW, session_id, _session)

    def restore(self, deleted: DeletedEntry) -> int:
        """Put a deleted row back, with its id (and so its place in the list) unless that id was reused."""
        columns = _EPISODE_ROW if deleted.table == "cramp_episodes" else _SESSION_ROW
        row = list(deleted.row)
        with translate_errors(self.path), transaction(self._connection):
            taken = self._connection.execute(f"SELECT 1 FROM {deleted.table} WHERE id = ?", (row[0],)).fetchone()
            if taken:
                row[0] = None  # a new row took the id meanwhile: let SQLite pick another
            marks = ", ".join("?" * len(row))
            cursor = self._connection.execute(f"INSERT INTO {deleted.table} ({columns}) VALUES ({marks})", row)
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _delete(self, table: _Table, columns: str, row_id: int, build: Callable[[Any], Entry]) -> DeletedEntry:
        with translate_errors(self.path), transaction(self._connection):
            row = self._connection.execute(f"SELECT {columns} FROM {table} WHERE id = ?", (row_id,)).fetchone()
            if row is None:
                raise LookupError(f"no row {row_id} in {table}")
            self._connection.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
        return DeletedEntry(table, tuple(row), build(row))

    # --- the diary screen's list -----------------------------------------------------

    def entry_count(self) -> int:
        """Episodes plus sessions."""
        with translate_errors(self.path):
            row = self._connection.execute(
                "SELECT (SELECT count(*) FROM cramp_episodes) + (SELECT count(*) FROM routine_sessions)"
            ).fetchone()
        return int(row[0])

    def entries(self, limit: int, offset: int = 0) -> list[Entry]:
        """Episodes and sessions together, newest first: the page ``[offset, offset + limit)``."""
        if limit < 0 or offset < 0:
            raise ValueError(f"limit and offset must not be negative, got {limit!r}, {offset!r}")
        with translate_errors(self.path):
            # Both halves walk their started_at index backwards; only the page's ids come back.
            keys = self._connection.execute(
                "SELECT kind, id FROM ("
                " SELECT 'e' AS kind, id, started_at FROM cramp_episodes"
                " UNION ALL SELECT 's' AS kind, id, started_at FROM routine_sessions"
                ") ORDER BY started_at DESC, kind, id DESC LIMIT ? OFFSET ?",
                (limit, offset),
            ).fetchall()
            episodes = self._rows("cramp_episodes", _EPISODE_COLUMNS, [i for kind, i in keys if kind == "e"])
            sessions = self._rows("routine_sessions", _SESSION_COLUMNS, [i for kind, i in keys if kind == "s"])
        found: dict[tuple[str, int], Entry] = {("e", int(row[0])): _episode(row) for row in episodes}
        found.update({("s", int(row[0])): _session(row) for row in sessions})
        return [found[(kind, int(row_id))] for kind, row_id in keys]

    def _rows(self, table: str, columns: str, ids: Sequence[int]) -> list[Any]:
        if not ids:
            return []
        marks = ", ".join("?" * len(ids))
        return self._connection.execute(f"SELECT {columns} FROM {table} WHERE id IN ({marks})", ids).fetchall()

    # --- summaries -------------------------------------------------------------------

    def night_tallies(self, first: date | None = None, last: date | None = None) -> list[NightTally]:
        """Per-night counts for the nights ``first``–``last`` (all by default), oldest first.

        Only nights with an entry are returned; :class:`~cramp_coach.domain.insights.DiaryHistory`
        fills the rest with zeros. Two grouped queries, each over a ``started_at`` index range.
        """
        where, parameters = self._night_range(first, last)
        with translate_errors(self.path):
            cramps = self._connection.execute(
                f"SELECT {_NIGHT} AS night, count(*), count(pain), coalesce(sum(pain), 0), max(pain)"
                f" FROM cramp_episodes{where} GROUP BY night",
                parameters,
            ).fetchall()
            routines = self._connection.execute(
                f"SELECT {_NIGHT} AS night, sum(status = 'completed'), count(*) FROM routine_sessions{where}"
                " GROUP BY night",
                parameters,
            ).fetchall()
        from cramp_coach.domain.insights import NightTally  # not needed to open the diary at start-up

        counts: dict[str, list[Any]] = {row[0]: [*row[1:], 0, 0] for row in cramps}
        for night, completed, started in routines:
            counts.setdefault(night, [0, 0, 0, None, 0, 0])[4:] = [completed, started]
        return [
            NightTally(date.fromisoformat(night), int(c), int(r), int(s), None if m is None else int(m), int(d), int(n))
            for night, (c, r, s, m, d, n) in sorted(counts.items())
        ]

    @staticmethod
    def _night_range(first: date | None, last: date | None) -> tuple[str, list[str]]:
        if first is None and last is None:
            return "", []
        since = night_bounds(first, first)[0] if first is not None else None
        until = night_bounds(last, last)[1] if last is not None else None
        return _range_clause(since, until)

    # --- export and import -----------------------------------------------------------

    def export_entries(self) -> Iterator[tuple[str, Entry]]:
        """Every episode and session with its uid, oldest first (episodes before sessions at the same time)."""
        with translate_errors(self.path):
            episodes = self._connection.execute(
                f"SELECT {_EPISODE_COLUMNS}, uid FROM cramp_episodes ORDER BY started_at, id"
            ).fetchall()
            sessions = self._connection.execute(
                f"SELECT {_SESSION_COLUMNS}, uid FROM routine_sessions ORDER BY started_at, id"
            ).fetchall()
        rows: list[tuple[str, Entry]] = [(str(row[-1]), _episode(row)) for row in episodes]
        rows += [(str(row[-1]), _session(row)) for row in sessions]
        rows.sort(key=lambda item: (item[1].started_at, isinstance(item[1], RoutineSession)))
        yield from rows

    def import_entries(self, rows: Sequence[tuple[str | None, Entry]]) -> ImportResult:
        """Add the rows the diary does not hold yet, all in one transaction (all or nothing).

        A row is already held when its uid is in the diary; a row without a uid (from a
        hand-made file) when the diary has the same kind of entry starting at the same
        moment, counted so two such rows in the file and one in the diary add one. Every
        entry must keep the diary's limits (``domain/diary_bounds.py``; ``ValueError``
        otherwise, before anything is written).
        """
        for _uid, entry in rows:
            check_entry(entry)
        added = {"e": 0, "s": 0}
        skipped = 0
        with translate_errors(self.path), transaction(self._connection):
            unmatched: dict[tuple[str, str], int] = {}
            for uid, entry in rows:
                kind, table = ("e", "cramp_episodes") if isinstance(entry, CrampEpisode) else ("s", "routine_sessions")
                started = to_db_time(entry.started_at, "started_at")
                if uid:
                    held = self._connection.execute(f"SELECT 1 FROM {table} WHERE uid = ?", (uid,)).fetchone()
                else:
                    key = (kind, started)
                    if key not in unmatched:
                        unmatched[key] = self._connection.execute(
                            f"SELECT count(*) FROM {table} WHERE started_at = ?", (started,)
                        ).fetchone()[0]
                    held = unmatched[key] > 0
                    unmatched[key] -= 1
                if held:
                    skipped += 1
                    continue
                if isinstance(entry, CrampEpisode):
                    self._insert_episode(uid or new_uid(), entry)
                else:
                    self._insert_session(uid or new_uid(), entry)
                added[kind] += 1
        return ImportResult(episodes_added=added["e"], sessions_added=added["s"], already_there=skipped)

    def _insert_episode(self, uid: str, episode: CrampEpisode) -> None:
        self._connection.execute(
            "INSERT INTO cramp_episodes (started_at, duration_seconds, leg, location, pain, note, eased, logged, uid)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                to_db_time(episode.started_at, "started_at"),
                episode.duration_seconds,
                None if episode.leg is None else episode.leg.value,
                None if episode.location is None else episode.location.value,
                episode.pain,
                episode.note,
                episode.eased,
                episode.logged,
                uid,
            ),
        )

    def _insert_session(self, uid: str, session: RoutineSession) -> None:
        ended = None if session.ended_at is None else to_db_time(session.ended_at, "ended_at")
        started = to_db_time(session.started_at, "started_at")
        self._connection.execute(
            "INSERT INTO routine_sessions (routine_id, routine_title, started_at, ended_at, last_seen_at, status,"
            " phases_done, phases_total, seconds_done, uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                session.routine_id,
                session.routine_title,
                started,
                ended,
                ended or started,
                session.status.value,
                session.phases_done,
                session.phases_total,
                session.seconds_done,
                uid,
            ),
        )

    # --- helpers ---------------------------------------------------------------------

    def _update(self, sql: str, parameters: tuple[object, ...], missing: str) -> None:
        with translate_errors(self.path), transaction(self._connection):
            cursor = self._connection.execute(sql, parameters)
        if cursor.rowcount == 0:
            raise LookupError(missing)


# For the repair (storage/diary_repair.py), which reads rows from a damaged file one by one.
EPISODE_COLUMNS = _EPISODE_COLUMNS
SESSION_COLUMNS = _SESSION_COLUMNS
episode_from_row = _episode
session_from_row = _session
