"""The shared 3-2-1 cues."""

from __future__ import annotations

from cramp_coach.domain.countdown import Countdown, CountdownCues


def test_each_number_once_in_order() -> None:
    cues = CountdownCues()
    said = [cues.due(remaining, 10) for remaining in (5.0, 3.0, 2.9, 2.0, 1.5, 1.0, 0.5)]
    assert [cue for cue in said if cue is not None] == [Countdown(3), Countdown(2), Countdown(1)]


def test_after_a_stall_only_the_latest_number() -> None:
    cues = CountdownCues()
    assert cues.due(4.0, 10) is None
    assert cues.due(0.8, 10) == Countdown(1)
    assert cues.due(0.5, 10) is None


def test_short_timers_skip_numbers_they_cannot_reach_and_reset_starts_over() -> None:
    cues = CountdownCues()
    assert cues.due(2.5, 3) is None  # "three" is not below a 3-second timer
    assert cues.due(2.0, 3) == Countdown(2)
    cues.reset()
    assert cues.due(2.0, 3) == Countdown(2)
