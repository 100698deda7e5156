"""What the diary records: routine sessions and cramp episodes, as immutable values.

Both are written as they happen rather than at the end, so a crash or a killed app
still leaves a record: a routine session is saved as ``IN_PROGRESS`` the moment it
starts and closed as ``INTERRUPTED`` on the next start if it was never finished; a
cramp episode is saved the moment "Cramp now" is pressed, and ``logged`` says whether
the user went on to fill in the optional log screen.

Every timestamp is an aware datetime in UTC (see :mod:`cramp_coach.domain.clock`);
naive datetimes are refused so local time can never leak into the diary. Storage
lives in :mod:`cramp_coach.storage.diary_store`; this module knows nothing about it.

**Nights.** Summaries count per *night*, not per calendar day: a night runs from noon
to noon in the computer's local time and is named by the date of its evening, so a
routine at 22:30 on Monday and a cramp at 03:10 on Tuesday both belong to "the night
of Monday". Local time is the system's (the same rule SQLite's ``'localtime'``
modifier follows, which the store uses to group rows by night), so daylight-saving
changes move nothing: a night is always noon to noon on the wall clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from enum import Enum

from cramp_coach.domain.protocol import CrampLocation

MAX_PAIN = 10

#: Nights start (and end) at this local hour; see the module docstring.
NIGHT_STARTS_AT_HOUR = 12


class SessionStatus(Enum):
    """Where a routine session stands."""

    IN_PROGRESS = "in_progress"  # started and not (yet) finished
    COMPLETED = "completed"  # played to the end
    STOPPED = "stopped"  # the user stopped it early
    INTERRUPTED = "interrupted"  # the app crashed or was killed mid-routine; closed on the next start

    @property
    def is_finished(self) -> bool:
        return self is not SessionStatus.IN_PROGRESS


class Leg(Enum):
    """Which leg cramped."""

    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


def require_utc(when: datetime, name: str) -> datetime:
    """Return ``when`` converted to UTC; a naive datetime is a programming error."""
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got naive {when!r}")
    return when.astimezone(timezone.utc)


def night_of(moment: datetime) -> date:
    """The night ``moment`` belongs to: the date of the evening before it, noon to noon, local time."""
    local = require_utc(moment, "moment").astimezone()  # the system's local time zone
    return (local - timedelta(hours=NIGHT_STARTS_AT_HOUR)).date()


def night_start(night: date) -> datetime:
    """When ``night`` begins (local noon of its date), as an aware UTC datetime."""
    # A naive datetime's astimezone() reads it as system local time, DST included.
    local_noon = datetime(night.year, night.month, night.day, NIGHT_STARTS_AT_HOUR)
    return local_noon.astimezone().astimezone(timezone.utc)


def night_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """The half-open UTC interval ``[start, end)`` covering the nights ``first`` to ``last``."""
    if last < first:
        raise ValueError(f"last night {last} is before the first {first}")
    return night_start(first), night_start(last + timedelta(days=1))


def last_night(now: datetime) -> date:
    """The most recent night whose small hours have begun: yesterday's date, in local time.

    At 08:00 on Tuesday, and still at 21:00 on Tuesday, "last night" is Monday's: the
    evening that has just begun is tonight (:func:`night_of`), still to come.
    """
    return require_utc(now, "now").astimezone().date() - timedelta(days=1)


def _require_non_negative(value: float, name: str) -> None:
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value!r}")


@dataclass(frozen=True, slots=True)
class RoutineSession:
    """One playing of a bedtime routine.

    Attributes:
        id: the diary's row id; ``None`` before it is stored.
        routine_id: the routine's id (its file name), kept even if the routine is later deleted.
        routine_title: the title at the time it was played, for the same reason.
        started_at: when the routine started (aware, UTC).
        ended_at: when it completed, was stopped, or was last known to be running
            (for ``INTERRUPTED``); ``None`` while ``IN_PROGRESS``.
        status: see :class:`SessionStatus`.
        phases_done: timeline phases finished so far.
        phases_total: phases in the compiled timeline.
        seconds_done: active (unpaused) seconds played so far.
    """

    id: int | None
    routine_id: str
    routine_title: str
    started_at: datetime
    ended_at: datetime | None
    status: SessionStatus
    phases_done: int
    phases_total: int
    seconds_done: float

    def __post_init__(self) -> None:
        if not self.routine_id:
            raise ValueError("routine_id must not be empty")
        if self.started_at.tzinfo is None:
            raise ValueError("started_at must be timezone-aware")
        if self.ended_at is not None and self.ended_at.tzinfo is None:
            raise ValueError("ended_at must be timezone-aware")
        if self.status is SessionStatus.IN_PROGRESS and self.ended_at is not None:
            raise ValueError("a session in progress has no ended_at")
        if self.status.is_finished and self.ended_at is None:
            raise ValueError(f"a {self.status.value} session needs ended_at")
        _require_non_negative(self.phases_done, "phases_done")
        _require_non_negative(self.phases_total, "phases_total")
        _require_non_negative(self.seconds_done, "seconds_done")

    @property
    def duration(self) -> timedelta | None:
        """Wall time from start to end (pauses included); ``None`` while in progress."""
        return None if self.ended_at is None else self.ended_at - self.started_at


@dataclass(frozen=True, slots=True)
class CrampEpisode:
    """One cramp, as recorded by the Cramp-now flow.

    Attributes:
        id: the diary's row id; ``None`` before it is stored.
        started_at: when "Cramp now" was pressed (aware, UTC).
        duration_seconds: how long it lasted: measured by the flow, or corrected by the
            user on the log screen; ``None`` if the app never got that far.
        leg: which leg, if the user said.
        location: where the cramp was, if the user said.
        pain: how bad, 0–10, if the user said.
        note: free text from the log screen; empty if none.
        eased: whether the user said it eased (``None``: not asked or not answered).
        logged: ``True`` once the log screen was saved; ``False`` when the flow was
            abandoned before it (the start and duration are still recorded).
    """

    id: int | None
    started_at: datetime
    duration_seconds: float | None
    leg: Leg | None
    location: CrampLocation | None
    pain: int | None
    note: str
    eased: bool | None
    logged: bool

    def __post_init__(self) -> None:
        if self.started_at.tzinfo is None:
            raise ValueError("started_at must be timezone-aware")
        if self.duration_seconds is not None:
            _require_non_negative(self.duration_seconds, "duration_seconds")
        if self.pain is not None and not 0 <= self.pain <= MAX_PAIN:
            raise ValueError(f"pain must be between 0 and {MAX_PAIN}, got {self.pain!r}")
