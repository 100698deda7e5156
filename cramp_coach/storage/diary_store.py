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

Timestamps are stored as ISO-8601 UTC text with microseconds, always the same width, so
text order is time order. SQL is parameterised throughout. Failures caused by the
environment raise :class:`~cramp_coach.storage.database.StorageError`; bad arguments
(a naive datetime, pain 11, an unknown id) are bugs and raise ``ValueError`` or
``LookupError``.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from typing import Any

from cramp_coach.domain.clock import SystemWallClock, WallClock
from cramp_coach.domain.diary import MAX_PAIN, CrampEpisode, Leg, RoutineSession, SessionStatus, require_utc
from cramp_coach.domain.protocol import CrampLocation
from cramp_coach.storage.database import database_file, transaction, translate_errors

_SESSION_COLUMNS = (
    "id, routine_id, routine_title, started_at, ended_at, status, phases_done, phases_total, seconds_done"
)
_EPISODE_COLUMNS = "id, started_at, duration_seconds, leg, location, pain, note, eased, logged"


def to_db_time(when: datetime, name: str = "timestamp") -> str:
    """``when`` as fixed-width ISO-8601 UTC text, e.g. ``2024-01-15T22:30:00.000000+00:00``."""
    return require_utc(when, name).isoformat(timespec="microseconds")


def from_db_time(text: str) -> datetime:
    """The inverse of :func:`to_db_time` (a naive value, from a hand-edited file, is read as UTC)."""
    when = datetime.fromisoformat(text)
    return when.replace(tzinfo=timezone.utc) if when.tzinfo is None else when.astimezone(timezone.utc)


def _check_non_negative(value: float, name: str) -> None:
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value!r}")


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


def _limit(limit: int | None) -> int:
    if limit is not None and limit < 0:
        raise ValueError(f"limit must not be negative, got {limit!r}")
    return -1 if limit is None else limit  # SQLite reads LIMIT -1 as "no limit"


def _range_clause(since: datetime | None, until: datetime | None) -> tuple[str, list[str]]:
    conditions: list[str] = []
    parameters: list[str] = []
    if since is not None:
        conditions.append("started_at >= ?")
        parameters.append(to_db_time(since, "since"))
    if until is not None:
        conditions.append("started_at < ?")
        parameters.append(to_db_time(until, "until"))
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

    # --- routine sessions ------------------------------------------------------------

    def start_session(self, routine_id: str, title: str, started_at: datetime, phases_total: int) -> int:
        """Record a routine that has just started (``IN_PROGRESS``) and return its id."""
        if not routine_id:
            raise ValueError("routine_id must not be empty")
        _check_non_negative(phases_total, "phases_total")
        started = to_db_time(started_at, "started_at")
        with translate_errors(self.path), transaction(self._connection):
            cursor = self._connection.execute(
                "INSERT INTO routine_sessions (routine_id, routine_title, started_at, last_seen_at, status,"
                " phases_done, phases_total, seconds_done) VALUES (?, ?, ?, ?, ?, 0, ?, 0)",
                (routine_id, title, started, started, SessionStatus.IN_PROGRESS.value, phases_total),
            )
        assert cursor.lastrowid is not None  # an INSERT into a rowid table always sets it
        return cursor.lastrowid

    def update_session_progress(self, session_id: int, phases_done: int, seconds_done: float) -> None:
        """Record progress through a running session; cheap enough to call after every phase.

        The wall clock's time is kept as the session's last sign of life, which becomes
        its ``ended_at`` if the app dies before finishing it.
        """
        _check_non_negative(phases_done, "phases_done")
        _check_non_negative(seconds_done, "seconds_done")
        now = to_db_time(self._wall_clock.now(), "wall clock")
        self._update(
            "UPDATE routine_sessions SET phases_done = ?, seconds_done = ?, last_seen_at = ?"
            " WHERE id = ? AND status = ?",
            (phases_done, seconds_done, now, session_id, SessionStatus.IN_PROGRESS.value),
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
        """Record how a session ended: ``COMPLETED`` or ``STOPPED`` (or ``INTERRUPTED``)."""
        if not status.is_finished:
            raise ValueError(f"finish_session needs a finished status, got {status}")
        _check_non_negative(phases_done, "phases_done")
        _check_non_negative(seconds_done, "seconds_done")
        ended = to_db_time(ended_at, "ended_at")
        self._update(
            "UPDATE routine_sessions"
            " SET ended_at = ?, last_seen_at = ?, status = ?, phases_done = ?, seconds_done = ?"
            " WHERE id = ?",
            (ended, ended, status.value, phases_done, seconds_done, session_id),
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

    def session(self, session_id: int) -> RoutineSession:
        """One session by id (``LookupError`` if there is none)."""
        with translate_errors(self.path):
            row = self._connection.execute(
                f"SELECT {_SESSION_COLUMNS} FROM routine_sessions WHERE id = ?", (session_id,)
            ).fetchone()
        if row is None:
            raise LookupError(f"no routine session {session_id}")
        return _session(row)

    def sessions(
        self, limit: int | None = None, *, since: datetime | None = None, until: datetime | None = None
    ) -> list[RoutineSession]:
        """Sessions started in ``[since, until)`` (all by default), newest first, at most ``limit``."""
        where, parameters = _range_clause(since, until)
        with translate_errors(self.path):
            rows = self._connection.execute(
                f"SELECT {_SESSION_COLUMNS} FROM routine_sessions{where} ORDER BY started_at DESC, id DESC LIMIT ?",
                (*parameters, _limit(limit)),
            ).fetchall()
        return [_session(row) for row in rows]

    # --- cramp episodes --------------------------------------------------------------

    def start_episode(self, started_at: datetime) -> int:
        """Record a cramp the moment "Cramp now" is pressed (``logged`` false) and return its id."""
        started = to_db_time(started_at, "started_at")
        with translate_errors(self.path), transaction(self._connection):
            cursor = self._connection.execute("INSERT INTO cramp_episodes (started_at) VALUES (?)", (started,))
        assert cursor.lastrowid is not None  # an INSERT into a rowid table always sets it
        return cursor.lastrowid

    def finish_episode(self, episode_id: int, *, duration_seconds: float, eased: bool | None) -> None:
        """Record how long the cramp lasted and whether it eased, when the first-aid steps end."""
        _check_non_negative(duration_seconds, "duration_seconds")
        self._update(
            "UPDATE cramp_episodes SET duration_seconds = ?, eased = ? WHERE id = ?",
            (duration_seconds, eased, episode_id),
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
        if pain is not None and not 0 <= pain <= MAX_PAIN:
            raise ValueError(f"pain must be between 0 and {MAX_PAIN}, got {pain!r}")
        if duration_seconds is not None:
            _check_non_negative(duration_seconds, "duration_seconds")
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
        with translate_errors(self.path):
            row = self._connection.execute(
                f"SELECT {_EPISODE_COLUMNS} FROM cramp_episodes WHERE id = ?", (episode_id,)
            ).fetchone()
        if row is None:
            raise LookupError(f"no cramp episode {episode_id}")
        return _episode(row)

    def episodes(
        self, limit: int | None = None, *, since: datetime | None = None, until: datetime | None = None
    ) -> list[CrampEpisode]:
        """Episodes started in ``[since, until)`` (all by default), newest first, at most ``limit``."""
        where, parameters = _range_clause(since, until)
        with translate_errors(self.path):
            rows = self._connection.execute(
                f"SELECT {_EPISODE_COLUMNS} FROM cramp_episodes{where} ORDER BY started_at DESC, id DESC LIMIT ?",
                (*parameters, _limit(limit)),
            ).fetchall()
        return [_episode(row) for row in rows]

    # --- helpers ---------------------------------------------------------------------

    def _update(self, sql: str, parameters: tuple[object, ...], missing: str) -> None:
        with translate_errors(self.path), transaction(self._connection):
            cursor = self._connection.execute(sql, parameters)
        if cursor.rowcount == 0:
            raise LookupError(missing)
