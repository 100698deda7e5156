"""The limits every diary value must keep, wherever it comes from: the app, a CSV file, a repair.

A diary is read by people and doctors, so a value outside these limits is refused
rather than stored: a duration of 1e308 seconds once went in, came out of the export as
a 309-digit number and of the report as 62 digits of minutes; a time in year 1 or 9999
overflowed the conversion to local time. The limits are generous for real use:

- times from 1 January :data:`EARLIEST_YEAR` to 31 December :data:`LATEST_YEAR` (UTC),
  far from the ends of Python's calendar, so converting to any time zone stays valid;
- a cramp's duration and a routine's active time up to :data:`MAX_SECONDS` (24 hours);
- pain from 0 to :data:`MAX_PAIN`;
- up to :data:`MAX_PHASES` phases in a routine session;
- notes up to :data:`MAX_NOTE_CHARS` characters, routine ids and titles up to
  :data:`MAX_NAME_CHARS`; no NUL characters (a CSV holding one is refused as binary).

Each ``check_*`` returns the value or raises ``ValueError`` with a sentence naming the
field, what is allowed and what was found. The CSV import turns those into
``file:line:`` messages; the diary store treats them as bugs in the caller.
"""

from __future__ import annotations

import math
from datetime import datetime, timezone

from cramp_coach.domain.diary import MAX_PAIN, CrampEpisode, RoutineSession, require_utc

EARLIEST_YEAR = 1900
LATEST_YEAR = 2200
EARLIEST = datetime(EARLIEST_YEAR, 1, 1, tzinfo=timezone.utc)
#: The first moment after the range (exclusive).
AFTER_LATEST = datetime(LATEST_YEAR + 1, 1, 1, tzinfo=timezone.utc)
MAX_SECONDS = 24 * 60 * 60
MAX_PHASES = 1_000_000
MAX_NOTE_CHARS = 50_000
MAX_NAME_CHARS = 2_000

__all__ = [
    "AFTER_LATEST",
    "EARLIEST",
    "EARLIEST_YEAR",
    "LATEST_YEAR",
    "MAX_NAME_CHARS",
    "MAX_NOTE_CHARS",
    "MAX_PAIN",
    "MAX_PHASES",
    "MAX_SECONDS",
    "check_count",
    "check_entry",
    "check_pain",
    "check_seconds",
    "check_text",
    "check_time",
    "clamp_seconds",
]


def check_time(when: datetime, name: str) -> datetime:
    """``when`` in UTC, if it lies within the diary's years."""
    utc = require_utc(when, name)
    if not EARLIEST <= utc < AFTER_LATEST:
        raise ValueError(f"{name} must be between {EARLIEST_YEAR} and {LATEST_YEAR}, found {utc.isoformat()}")
    return utc


def check_seconds(seconds: float, name: str) -> float:
    """``seconds`` if it is a number from 0 to 24 hours (NaN and infinity are refused)."""
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or math.isnan(seconds):
        raise ValueError(f"{name} must be a number of seconds, found {seconds!r}")
    if not 0 <= seconds <= MAX_SECONDS:
        raise ValueError(f"{name} must be from 0 to {MAX_SECONDS} seconds (24 hours), found {seconds:g}")
    return float(seconds)


def clamp_seconds(seconds: float, name: str) -> float:
    """A time the app measured, capped at 24 h (a Cramp-now screen left open for two days records 24 h).

    Negative or NaN is still refused: that would be a bug, not a long wait.
    """
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not seconds >= 0:
        raise ValueError(f"{name} must not be negative, found {seconds!r}")
    return float(min(seconds, MAX_SECONDS))


def check_pain(pain: int, name: str = "pain") -> int:
    if isinstance(pain, bool) or not isinstance(pain, int) or not 0 <= pain <= MAX_PAIN:
        raise ValueError(f"{name} must be a whole number from 0 to {MAX_PAIN}, found {pain!r}")
    return pain


def check_count(count: int, name: str) -> int:
    if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_PHASES:
        raise ValueError(f"{name} must be a whole number from 0 to {MAX_PHASES}, found {count!r}")
    return count


def check_text(text: str, name: str, limit: int) -> str:
    if len(text) > limit:
        raise ValueError(f"{name} must be at most {limit} characters, found {len(text)}")
    if "\0" in text:
        raise ValueError(f"{name} must not contain a NUL character")
    return text


def check_entry(entry: CrampEpisode | RoutineSession) -> None:
    """Raise ``ValueError`` if any field of ``entry`` is outside the diary's limits."""
    check_time(entry.started_at, "started_at")
    if isinstance(entry, CrampEpisode):
        if entry.duration_seconds is not None:
            check_seconds(entry.duration_seconds, "duration_seconds")
        if entry.pain is not None:
            check_pain(entry.pain)
        check_text(entry.note, "note", MAX_NOTE_CHARS)
        return
    if entry.ended_at is not None:
        check_time(entry.ended_at, "ended_at")
        if entry.ended_at < entry.started_at:
            raise ValueError("ended_at must not be before started_at")
    check_seconds(entry.seconds_done, "seconds_done")
    check_count(entry.phases_done, "phases_done")
    check_count(entry.phases_total, "phases_total")
    check_text(entry.routine_id, "routine_id", MAX_NAME_CHARS)
    check_text(entry.routine_title, "routine_title", MAX_NAME_CHARS)
