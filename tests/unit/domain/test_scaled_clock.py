"""ScaledClock: a sped-up clock for previews that never jumps when its speed changes."""

from __future__ import annotations

import pytest

from cramp_coach.domain.clock import ScaledClock
from tests.helpers.fakes import FakeClock


def test_runs_scale_times_faster_than_its_base() -> None:
    base = FakeClock()
    clock = ScaledClock(10.0, base)
    start = clock.monotonic()
    base.advance(2.0)
    assert clock.monotonic() - start == pytest.approx(20.0)


def test_changing_the_scale_keeps_the_reading_continuous() -> None:
    base = FakeClock()
    clock = ScaledClock(10.0, base)
    base.advance(1.0)
    before = clock.monotonic()
    clock.set_scale(1.0)
    assert clock.monotonic() == pytest.approx(before)
    base.advance(3.0)
    assert clock.monotonic() == pytest.approx(before + 3.0)
    assert clock.scale == 1.0
