"""How the diary's rows are stored: columns, timestamps, uids, and rows read back as domain values.

Every diary module shares these: timestamps are ISO-8601 UTC text with microseconds,
always the same width, so text order is time order; every row has a random ``uid``
(migration 3), kept through export and import; a value outside the diary's limits
(``domain/diary_bounds.py``) is refused with ``ValueError`` before it is written.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from typing import Any, Literal

from cramp_coach.domain.diary import CrampEpisode, Leg, RoutineSession, SessionStatus, require_utc
from cramp_coach.domain.diary_bounds import (
    AFTER_LATEST,
    EARLIEST,
    MAX_NOTE_CHARS,
    check_pain,
    check_seconds,
    check_text,
    check_time,
)
from cramp_coach.domain.protocol import CrampLocation

#: The columns a session or an episode is read from (``session_from_row``, ``episode_from_row``).
SESSION_COLUMNS = "id, routine_id, routine_title, started_at, ended_at, status, phases_done, phases_total, seconds_done"
EPISODE_COLUMNS = "id, started_at, duration_seconds, leg, location, pain, note, eased, logged"
#: Every stored column, for deleting with an undo and for export/import.
SESSION_ROW = SESSION_COLUMNS + ", last_seen_at, uid"
EPISODE_ROW = EPISODE_COLUMNS + ", uid"
#: SQLite's date() of a stored UTC timestamp, moved to local time and back by the night's
#: 12-hour offset: the night the row belongs to (see cramp_coach.domain.diary.night_of).
NIGHT_SQL = "date(started_at, 'localtime', '-12 hours')"

#: One entry of the diary: a cramp episode or a routine session.
Entry = CrampEpisode | RoutineSession
Table = Literal["cramp_episodes", "routine_sessions"]


def new_uid() -> str:
    """A fresh row uid: 32 random lowercase hex digits, like the ones migration 3 gave existing rows.

    ``os.urandom`` rather than :mod:`uuid`: the diary opens before the first frame, and
    importing ``uuid`` (which imports ``platform``) costs about 10 ms there.
    """
    return os.urandom(16).hex()


def to_db_time(when: datetime, name: str = "timestamp") -> str:
    """``when`` as fixed-width ISO-8601 UTC text, e.g. ``2024-01-15T22:30:00.000000+00:00``."""
    return require_utc(when, name).isoformat(timespec="microseconds")


def from_db_time(text: str) -> datetime:
    """The inverse of :func:`to_db_time` (a naive value, from a hand-edited file, is read as UTC)."""
    when = datetime.fromisoformat(text)
    return when.replace(tzinfo=timezone.utc) if when.tzinfo is None else when.astimezone(timezone.utc)


def stored_time(when: datetime, name: str) -> str:
    """``when`` as stored text, refused (``ValueError``) outside the diary's years (domain/diary_bounds.py)."""
    return to_db_time(check_time(when, name), name)


def _optional_bool(value: Any) -> bool | None:
    return None if value is None else bool(value)


def session_from_row(row: Any) -> RoutineSession:
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


def episode_from_row(row: Any) -> CrampEpisode:
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


def episode_fields(
    started_at: datetime,
    leg: Leg | None,
    location: CrampLocation | None,
    pain: int | None,
    duration_seconds: float | None,
    note: str,
) -> tuple[object, ...]:
    """What the user can enter about a cramp, checked against the diary's limits, as stored values."""
    if pain is not None:
        check_pain(pain)
    if duration_seconds is not None:
        check_seconds(duration_seconds, "duration_seconds")
    check_text(note, "note", MAX_NOTE_CHARS)
    return (
        stored_time(started_at, "started_at"),
        None if leg is None else leg.value,
        None if location is None else location.value,
        pain,
        duration_seconds,
        note,
    )


def limit_value(limit: int | None) -> int:
    """``limit`` for SQL's ``LIMIT`` (``None``: no limit)."""
    if limit is not None and limit < 0:
        raise ValueError(f"limit must not be negative, got {limit!r}")
    return -1 if limit is None else limit  # SQLite reads LIMIT -1 as "no limit"


def range_clause(since: datetime | None, until: datetime | None) -> tuple[str, list[str]]:
    """A ``WHERE`` clause and its parameters for rows started in ``[since, until)`` (``None``: open)."""
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
