"""The real clocks and the fakes that stand in for them."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from cramp_coach.domain.clock import Clock, SystemClock, SystemWallClock, WallClock
from tests.helpers.fakes import FakeClock, FakeWallClock


def test_system_clock_is_monotonic() -> None:
    clock: Clock = SystemClock()
    readings = [clock.monotonic() for _ in range(100)]

    assert readings == sorted(readings)


def test_system_wall_clock_is_aware_utc() -> None:
    clock: WallClock = SystemWallClock()

    now = clock.now()

    assert now.utcoffset() == timedelta(0)
    assert abs(now - datetime.now(timezone.utc)) < timedelta(seconds=5)


def test_fake_clock_moves_only_when_told() -> None:
    clock = FakeClock(50.0)
    as_protocol: Clock = clock  # the fake must satisfy the protocol the Player's callers use
    assert as_protocol.monotonic() == 50.0

    assert clock.monotonic() == 50.0
    assert clock.advance(2.5) == 52.5
    assert clock.set(60.0) == 60.0
    assert clock.monotonic() == 60.0
    with pytest.raises(ValueError, match="go back"):
        clock.set(59.0)
    with pytest.raises(ValueError, match="go back"):
        clock.advance(-1)


def test_fake_wall_clock_stays_aware() -> None:
    clock = FakeWallClock()
    as_protocol: WallClock = clock
    assert as_protocol.now().tzinfo is timezone.utc

    assert clock.advance(90) == datetime(2024, 1, 15, 22, 31, 30, tzinfo=timezone.utc)
    with pytest.raises(ValueError, match="aware"):
        clock.set(datetime(2024, 1, 16))  # naive on purpose
