"""What a night is: noon to noon local time, named by its evening, across daylight-saving changes.

The time zone is pinned to Europe/London (clocks go forward at 01:00 UTC on Sunday 29 March
2026 and back at 01:00 UTC on Sunday 25 October 2026) so the tests mean the same everywhere.
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone

import pytest

from cramp_coach.domain.diary import last_night, night_bounds, night_of, night_start

pytestmark = [
    pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset (POSIX)"),
    pytest.mark.usefixtures("london"),
]


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("moment", "night"),
    [
        (utc(2026, 1, 12, 22, 30), date(2026, 1, 12)),  # Monday evening routine
        (utc(2026, 1, 13, 3, 10), date(2026, 1, 12)),  # the 3 a.m. cramp: still Monday's night
        (utc(2026, 1, 13, 11, 59), date(2026, 1, 12)),
        (utc(2026, 1, 13, 12, 0), date(2026, 1, 13)),  # noon: Tuesday's night begins
        (utc(2026, 7, 14, 10, 59), date(2026, 7, 13)),  # summer time: 11:59 local
        (utc(2026, 7, 14, 11, 0), date(2026, 7, 14)),  # 12:00 BST
    ],
)
def test_a_moment_belongs_to_the_night_of_the_evening_before(moment: datetime, night: date) -> None:
    assert night_of(moment) == night


def test_naive_moments_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        night_of(datetime(2026, 1, 13, 3, 10))


def test_nights_are_noon_to_noon_on_the_wall_clock_even_when_the_clocks_change() -> None:
    assert night_start(date(2026, 3, 28)) == utc(2026, 3, 28, 12)  # GMT
    assert night_start(date(2026, 3, 29)) == utc(2026, 3, 29, 11)  # BST
    start, end = night_bounds(date(2026, 3, 28), date(2026, 3, 28))
    assert end - start == timedelta(hours=23)  # the short night
    start, end = night_bounds(date(2026, 10, 24), date(2026, 10, 24))
    assert end - start == timedelta(hours=25)  # the long night
    assert night_of(utc(2026, 10, 25, 11, 30)) == date(2026, 10, 24)  # 11:30 GMT, after the change
    with pytest.raises(ValueError, match="before the first"):
        night_bounds(date(2026, 3, 2), date(2026, 3, 1))


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (utc(2026, 1, 13, 1, 0), date(2026, 1, 12)),  # in the small hours of Monday's night
        (utc(2026, 1, 13, 8, 0), date(2026, 1, 12)),  # Tuesday breakfast
        (utc(2026, 1, 13, 21, 0), date(2026, 1, 12)),  # Tuesday evening: Tuesday's night is still to come
        (utc(2026, 1, 13, 23, 59), date(2026, 1, 12)),
    ],
)
def test_last_night_is_yesterdays_evening(now: datetime, expected: date) -> None:
    assert last_night(now) == expected
