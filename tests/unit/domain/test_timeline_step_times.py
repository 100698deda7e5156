"""``Timeline.step_times``: each step's own seconds and its rest between holds (handout and editor outline)."""

from __future__ import annotations

from cramp_coach.domain.routine import Sides
from cramp_coach.domain.timeline import compile_routine
from tests.helpers.builders import make_routine, make_step


def test_each_step_counts_its_work_rests_and_switch_but_not_its_lead_in() -> None:
    timeline = compile_routine(
        make_routine(
            make_step(reps=3, hold_seconds=10, rest_seconds=10, sides=Sides.LEFT_THEN_RIGHT),
            make_step(reps=2, hold_seconds=30, rest_seconds=15, sides=Sides.TOGETHER),
        )
    )
    # Step 1: 6 holds of 10 s, 4 rests of 10 s, a 5 s switch; the 10 s get-ready is not its own.
    # Step 2: 2 holds of 30 s and one 15 s rest; the 10 s change before it is not its own either.
    assert timeline.step_times() == [(6 * 10 + 4 * 10 + 5, 10), (2 * 30 + 15, 15)]
    assert sum(seconds for seconds, _rest in timeline.step_times()) == timeline.total_seconds - 10 - 10


def test_a_single_hold_has_no_rest() -> None:
    timeline = compile_routine(make_routine(make_step(reps=1, hold_seconds=20, rest_seconds=10, sides=Sides.TOGETHER)))
    assert timeline.step_times() == [(20, None)]
