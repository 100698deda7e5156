"""The bedtime reminder's schedule: due once a day at a local time, tolerant of sleep and clock changes."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone
from datetime import time as clock_time

import pytest

from cramp_coach.domain.reminder import MAX_WAIT, BedtimeSchedule

pytestmark = [
    pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset (POSIX)"),
    pytest.mark.usefixtures("london"),
]

TEN_PM = BedtimeSchedule(clock_time(22, 0))


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=timezone.utc)


def test_the_reminder_is_at_the_local_time_in_winter_and_summer() -> None:
    assert TEN_PM.occurrence(date(2026, 1, 12)) == utc(2026, 1, 12, 22)
    assert TEN_PM.occurrence(date(2026, 7, 13)) == utc(2026, 7, 13, 21)  # 22:00 BST


def test_it_is_due_from_its_time_for_the_grace_period_once_a_day() -> None:
    day = date(2026, 1, 12)
    assert TEN_PM.pending(utc(2026, 1, 12, 21, 59), None) is None
    assert TEN_PM.pending(utc(2026, 1, 12, 22, 0), None) == day
    assert TEN_PM.pending(utc(2026, 1, 12, 22, 59), None) == day
    assert TEN_PM.pending(utc(2026, 1, 12, 22, 59), shown=day) is None  # already shown today
    assert TEN_PM.pending(utc(2026, 1, 12, 23, 1), None) is None  # woke too late: skipped, not shown at 23:01


def test_a_reminder_near_midnight_is_still_due_after_midnight() -> None:
    late = BedtimeSchedule(clock_time(23, 45))
    assert late.pending(utc(2026, 1, 13, 0, 20), None) == date(2026, 1, 12)
    assert late.pending(utc(2026, 1, 13, 0, 20), shown=date(2026, 1, 12)) is None


def test_the_timer_never_waits_long_and_aims_at_the_next_reminder() -> None:
    assert TEN_PM.next_check(utc(2026, 1, 12, 12, 0)) == MAX_WAIT
    assert TEN_PM.next_check(utc(2026, 1, 12, 21, 57)) == timedelta(minutes=3)
    assert TEN_PM.next_occurrence(utc(2026, 1, 12, 22, 0)) == utc(2026, 1, 13, 22, 0)  # strictly after now
    # Across the spring change: 22:00 GMT on Saturday, then 22:00 BST (21:00 UTC) on Sunday.
    assert TEN_PM.next_occurrence(utc(2026, 3, 28, 22, 30)) == utc(2026, 3, 29, 21, 0)


def test_setting_the_reminder_just_after_its_time_marks_today_as_seen() -> None:
    assert TEN_PM.last_due_day(utc(2026, 1, 12, 22, 10)) == date(2026, 1, 12)
    assert TEN_PM.last_due_day(utc(2026, 1, 12, 20, 0)) is None
