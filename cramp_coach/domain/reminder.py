"""When the bedtime reminder is due: a pure schedule over the wall clock.

The reminder fires once a day at a local time of the user's choosing. The Qt side
(``ui/reminder.py``) never trusts a long timer: it asks :meth:`BedtimeSchedule.next_check`
when to look again (never more than :data:`MAX_WAIT` ahead) and
:meth:`BedtimeSchedule.pending` whether a reminder is due now. So a suspended laptop, a
changed system clock or a daylight-saving jump costs at most one short wait, and a
reminder missed while the computer slept is still shown if it wakes within
:data:`GRACE` of the time, and skipped (not shown at 4 a.m.) otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from cramp_coach.domain.diary import require_utc

#: A reminder missed (computer asleep, app closed) is still shown up to this long after its time.
GRACE = timedelta(hours=1)
#: The longest the timer waits before looking at the wall clock again.
MAX_WAIT = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class BedtimeSchedule:
    """A daily reminder at ``at``, local time.

    Attributes:
        at: the local time of day, e.g. ``time(22, 0)``.
        grace: how late a missed reminder may still be shown.
    """

    at: time
    grace: timedelta = GRACE

    def occurrence(self, day: date) -> datetime:
        """The reminder on ``day`` (local), as an aware UTC datetime."""
        local = datetime.combine(day, self.at.replace(tzinfo=None))
        return local.astimezone().astimezone(timezone.utc)  # naive -> system local time, DST included

    def pending(self, now: datetime, shown: date | None) -> date | None:
        """The day whose reminder is due at ``now`` and not yet ``shown``; ``None`` if none is.

        Due means: its time has come and is no more than ``grace`` ago. ``shown`` is the
        day of the last reminder shown (or skipped), so each day's is shown at most once.
        """
        now = require_utc(now, "now")
        today = now.astimezone().date()
        for day in (today, today - timedelta(days=1)):  # yesterday's, for a time close to midnight
            when = self.occurrence(day)
            if when <= now <= when + self.grace and (shown is None or day > shown):
                return day
        return None

    def next_occurrence(self, now: datetime) -> datetime:
        """The first reminder time strictly after ``now`` (aware UTC)."""
        now = require_utc(now, "now")
        today = now.astimezone().date()
        for offset in range(3):  # today, tomorrow, or (around a DST jump) the day after
            when = self.occurrence(today + timedelta(days=offset))
            if when > now:
                return when
        raise AssertionError("a daily time always recurs within three days")  # pragma: no cover

    def next_check(self, now: datetime) -> timedelta:
        """How long to wait before looking again: until the next reminder, at most ``MAX_WAIT``."""
        wait = self.next_occurrence(now) - require_utc(now, "now")
        return min(wait, MAX_WAIT)

    def last_due_day(self, now: datetime) -> date | None:
        """The day of the most recent reminder time at or before ``now``, if it is within ``grace``.

        Used when the schedule is (re)set: that day's reminder counts as seen, so turning
        the reminder on at 22:10 for 22:00 does not pop a notification at once.
        """
        return self.pending(now, None)
