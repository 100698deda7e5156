"""Compiling routines into phases: order, durations, fallbacks, spoken lines and labels."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from cramp_coach.domain.routine import DoseKind, Sides
from cramp_coach.domain.timeline import (
    Phase,
    PhaseKind,
    Side,
    Timeline,
    compile_routine,
)
from cramp_coach.domain.wording import spoken_duration, spoken_number
from tests.helpers.builders import make_dose, make_exercise, make_routine, make_step

GR, CH, W, R, SR, SW = (
    PhaseKind.GET_READY,
    PhaseKind.CHANGE,
    PhaseKind.WORK,
    PhaseKind.REST,
    PhaseKind.SET_REST,
    PhaseKind.SWITCH_SIDES,
)


def shape(timeline: Timeline) -> list[tuple[PhaseKind, float | None]]:
    return [(phase.kind, phase.duration) for phase in timeline.phases]


def calf_hold(**dose_fields: Any) -> Timeline:
    """One wall-calf-stretch step with a HOLD dose built from ``dose_fields``."""
    fields = {"reps": 3, "hold_seconds": 10, "rest_seconds": 10, **dose_fields}
    return compile_routine(make_routine(make_step(**fields)))


class TestHold:
    def test_three_holds_left_then_right(self) -> None:
        timeline = calf_hold(sides=Sides.LEFT_THEN_RIGHT)

        assert shape(timeline) == [
            (GR, 10),
            (W, 10), (R, 10), (W, 10), (R, 10), (W, 10),
            (SW, 5),
            (W, 10), (R, 10), (W, 10), (R, 10), (W, 10),
        ]  # fmt: skip
        assert timeline.total_seconds == 10 + 6 * 10 + 4 * 10 + 5
        # The switch phase already belongs to the side it leads into.
        assert [p.side for p in timeline.phases] == [Side.LEFT] * 6 + [Side.RIGHT] * 6
        work = [p for p in timeline.phases if p.kind is W]
        assert [(p.side, p.rep, p.reps) for p in work] == [
            (Side.LEFT, 1, 3), (Side.LEFT, 2, 3), (Side.LEFT, 3, 3),
            (Side.RIGHT, 1, 3), (Side.RIGHT, 2, 3), (Side.RIGHT, 3, 3),
        ]  # fmt: skip

    def test_indices_are_positions(self) -> None:
        timeline = calf_hold(sides=Sides.LEFT_THEN_RIGHT)

        assert [p.index for p in timeline.phases] == list(range(len(timeline.phases)))

    def test_both_legs_together_has_no_switch(self) -> None:
        timeline = calf_hold()

        assert shape(timeline) == [(GR, 10), (W, 10), (R, 10), (W, 10), (R, 10), (W, 10)]
        assert {p.side for p in timeline.phases} == {Side.BOTH}

    def test_sets_have_set_rest_between_them(self) -> None:
        timeline = calf_hold(reps=2, sets=3, rest_seconds=5, set_rest_seconds=30)

        assert shape(timeline) == [
            (GR, 10),
            (W, 10), (R, 5), (W, 10),
            (SR, 30),
            (W, 10), (R, 5), (W, 10),
            (SR, 30),
            (W, 10), (R, 5), (W, 10),
        ]  # fmt: skip
        assert [p.set for p in timeline.phases if p.kind is W] == [1, 1, 2, 2, 3, 3]
        # A set rest carries the set it leads into.
        assert [p.set for p in timeline.phases if p.kind is SR] == [2, 3]

    def test_sides_are_outermost_then_sets(self) -> None:
        timeline = calf_hold(reps=1, sets=2, set_rest_seconds=20, sides=Sides.LEFT_THEN_RIGHT)

        assert shape(timeline) == [(GR, 10), (W, 10), (SR, 20), (W, 10), (SW, 5), (W, 10), (SR, 20), (W, 10)]
        assert [(p.side, p.set) for p in timeline.phases if p.kind is W] == [
            (Side.LEFT, 1), (Side.LEFT, 2), (Side.RIGHT, 1), (Side.RIGHT, 2),
        ]  # fmt: skip

    def test_missing_rests_fall_back_to_the_routine_default(self) -> None:
        step = make_step(reps=2, sets=2, hold_seconds=15)  # rest_seconds / set_rest_seconds None
        timeline = compile_routine(make_routine(step, default_rest_seconds=7))

        assert shape(timeline) == [(GR, 10), (W, 15), (R, 7), (W, 15), (SR, 7), (W, 15), (R, 7), (W, 15)]

    def test_explicit_rest_wins_over_the_default(self) -> None:
        step = make_step(reps=2, sets=2, hold_seconds=15, rest_seconds=3, set_rest_seconds=40)
        timeline = compile_routine(make_routine(step, default_rest_seconds=7))

        assert shape(timeline) == [(GR, 10), (W, 15), (R, 3), (W, 15), (SR, 40), (W, 15), (R, 3), (W, 15)]

    def test_zero_rests_produce_no_phase(self) -> None:
        timeline = calf_hold(reps=3, sets=2, rest_seconds=0, set_rest_seconds=0)

        assert shape(timeline) == [(GR, 10)] + [(W, 10)] * 6

    def test_zero_default_rest_produces_no_phase(self) -> None:
        step = make_step(reps=2, hold_seconds=10)
        timeline = compile_routine(make_routine(step, default_rest_seconds=0))

        assert shape(timeline) == [(GR, 10), (W, 10), (W, 10)]

    def test_zero_lead_in_and_switch_produce_no_phase(self) -> None:
        routine = make_routine(
            make_step(reps=1, hold_seconds=10, sides=Sides.LEFT_THEN_RIGHT),
            make_step(make_exercise("Heel raises"), reps=1, hold_seconds=20),
            get_ready_seconds=0,
            switch_sides_seconds=0,
            change_seconds=0,
        )
        timeline = compile_routine(routine)

        assert shape(timeline) == [(W, 10), (W, 10), (W, 20)]
        assert timeline.exercise_start(0) == 0
        assert timeline.exercise_start(1) == 2


class TestOtherDoses:
    def test_timed_reps_are_one_ticking_phase_per_set_and_side(self) -> None:
        step = make_step(
            make_exercise("Heel raises"),
            kind=DoseKind.TIMED_REPS,
            reps=10,
            tempo_seconds=2,
            sets=2,
            set_rest_seconds=15,
            sides=Sides.LEFT_THEN_RIGHT,
        )
        timeline = compile_routine(make_routine(step))

        assert shape(timeline) == [(GR, 10), (W, 20), (SR, 15), (W, 20), (SW, 5), (W, 20), (SR, 15), (W, 20)]
        assert [p.tick_seconds for p in timeline.phases if p.kind is W] == [2, 2, 2, 2]
        assert all(p.tick_seconds is None for p in timeline.phases if p.kind is not W)
        assert timeline.total_seconds == 10 + 4 * 20 + 2 * 15 + 5
        assert not timeline.has_untimed

    def test_untimed_reps_wait_for_done_and_are_estimated(self) -> None:
        step = make_step(make_exercise("Ankle pumps"), kind=DoseKind.UNTIMED_REPS, reps=12, sets=2)
        timeline = compile_routine(make_routine(step))

        assert shape(timeline) == [(GR, 10), (W, None), (SR, 10), (W, None)]
        work = timeline.phases[1]
        assert work.estimate_seconds == 12 * 3
        assert work.tick_seconds is None
        assert timeline.has_untimed
        assert timeline.total_seconds == 10 + 36 + 10 + 36

    def test_continuous_is_one_phase_of_its_duration(self) -> None:
        step = make_step(
            make_exercise("Marching"),
            kind=DoseKind.CONTINUOUS,
            duration_seconds=90,
            sides=Sides.LEFT_THEN_RIGHT,
        )
        timeline = compile_routine(make_routine(step))

        assert shape(timeline) == [(GR, 10), (W, 90), (SW, 5), (W, 90)]
        assert timeline.total_seconds == 195

    def test_estimate_equals_duration_when_timed(self) -> None:
        timeline = calf_hold(sides=Sides.LEFT_THEN_RIGHT)

        assert all(p.estimate_seconds == p.duration for p in timeline.phases)


class TestSeveralExercises:
    @pytest.fixture
    def timeline(self) -> Timeline:
        return compile_routine(
            make_routine(
                make_step(reps=2, hold_seconds=10, rest_seconds=5),
                make_step(
                    make_exercise("Heel raises", cue="Rise slowly onto your toes."),
                    kind=DoseKind.TIMED_REPS,
                    reps=5,
                    tempo_seconds=3,
                ),
                make_step(make_exercise("Ankle pumps", cue=""), kind=DoseKind.UNTIMED_REPS, reps=10),
                change_seconds=12,
            )
        )

    def test_change_phases_sit_between_exercises(self, timeline: Timeline) -> None:
        assert shape(timeline) == [(GR, 10), (W, 10), (R, 5), (W, 10), (CH, 12), (W, 15), (CH, 12), (W, None)]
        assert [p.step_index for p in timeline.phases] == [0, 0, 0, 0, 1, 1, 2, 2]
        # A CHANGE phase belongs to the exercise it introduces.
        names = ["Wall calf stretch"] * 4 + ["Heel raises"] * 2 + ["Ankle pumps"] * 2
        assert [p.exercise_name for p in timeline.phases] == names

    def test_exercise_start_points_at_the_lead_in(self, timeline: Timeline) -> None:
        assert [timeline.exercise_start(i) for i in range(3)] == [0, 4, 6]
        assert timeline.step_count == 3
        with pytest.raises(IndexError):
            timeline.exercise_start(3)

    def test_change_says_next_exercise_and_its_cue(self, timeline: Timeline) -> None:
        assert timeline.phases[4].spoken == "Next: Heel raises. Rise slowly onto your toes."
        assert timeline.phases[4].label == "Next: Heel raises"
        # An empty cue leaves no dangling space.
        assert timeline.phases[6].spoken == "Next: Ankle pumps."

    def test_start_offsets_are_planned_starts(self, timeline: Timeline) -> None:
        assert [timeline.start_offset(i) for i in range(5)] == [0, 10, 20, 25, 35]
        end = timeline.start_offset(len(timeline.phases))
        assert end == timeline.total_seconds == 10 + 25 + 12 + 15 + 12 + 30
        with pytest.raises(IndexError):
            timeline.start_offset(len(timeline.phases) + 1)


class TestSpokenAndLabels:
    def test_get_ready_names_the_first_exercise(self) -> None:
        timeline = calf_hold()

        assert timeline.phases[0].spoken == "Get ready: Wall calf stretch."
        assert timeline.phases[0].label == "Get ready"

    def test_intro_replaces_the_get_ready_line(self) -> None:
        routine = make_routine(make_step(), intro="Let's loosen those calves before bed.")

        assert compile_routine(routine).phases[0].spoken == "Let's loosen those calves before bed."

    def test_hold_lines_left_then_right(self) -> None:
        timeline = calf_hold(sides=Sides.LEFT_THEN_RIGHT)

        assert [p.spoken for p in timeline.phases] == [
            "Get ready: Wall calf stretch.",
            "Wall calf stretch, left leg. Hold for ten seconds.",
            "Rest.",
            "Hold again.",
            "Rest.",
            "Last one.",
            "Switch to your right leg.",
            "Wall calf stretch, right leg. Hold for ten seconds.",
            "Rest.",
            "Hold again.",
            "Rest.",
            "Last one.",
        ]
        assert [p.label for p in timeline.phases] == [
            "Get ready",
            "Left leg · rep 1 of 3",
            "Rest",
            "Left leg · rep 2 of 3",
            "Rest",
            "Left leg · rep 3 of 3",
            "Switch to your right leg",
            "Right leg · rep 1 of 3",
            "Rest",
            "Right leg · rep 2 of 3",
            "Rest",
            "Right leg · rep 3 of 3",
        ]

    def test_single_hold_with_sets(self) -> None:
        timeline = calf_hold(reps=1, sets=2, hold_seconds=30)

        assert [(p.spoken, p.label) for p in timeline.phases[1:]] == [
            ("Wall calf stretch, set one of two. Hold for thirty seconds.", "Set 1 of 2 · hold"),
            ("Rest. Next, set two of two.", "Rest before set 2 of 2"),
            ("Wall calf stretch, set two of two. Hold for thirty seconds.", "Set 2 of 2 · hold"),
        ]

    def test_two_rep_hold_ends_with_last_one(self) -> None:
        timeline = calf_hold(reps=2)

        assert [p.spoken for p in timeline.phases if p.kind is W] == [
            "Wall calf stretch. Hold for ten seconds.",
            "Last one.",
        ]

    def test_timed_reps_line(self) -> None:
        step = make_step(make_exercise("Heel raises"), kind=DoseKind.TIMED_REPS, reps=10, tempo_seconds=2)
        work = compile_routine(make_routine(step)).phases[1]

        assert work.spoken == "Heel raises. Ten reps, two seconds each."
        assert work.label == "10 reps"

    def test_untimed_reps_line(self) -> None:
        step = make_step(make_exercise("Ankle pumps"), kind=DoseKind.UNTIMED_REPS, reps=10, sides=Sides.LEFT_THEN_RIGHT)
        work = compile_routine(make_routine(step)).phases[1]

        assert work.spoken == "Ankle pumps, left leg. Ten reps at your own pace, then tap Done."
        assert work.label == "Left leg · 10 reps at your own pace"

    def test_continuous_line(self) -> None:
        step = make_step(make_exercise("Marching"), kind=DoseKind.CONTINUOUS, duration_seconds=60)
        work = compile_routine(make_routine(step)).phases[1]

        assert work.spoken == "Marching. Keep going for one minute."
        assert work.label == "Keep going"

    def test_fractional_seconds_keep_their_digits(self) -> None:
        work = calf_hold(reps=1, hold_seconds=7.5).phases[1]

        assert work.spoken == "Wall calf stretch. Hold for 7.5 seconds."


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (0, "zero"),
        (1, "one"),
        (7, "seven"),
        (13, "thirteen"),
        (19, "nineteen"),
        (20, "twenty"),
        (21, "twenty-one"),
        (45, "forty-five"),
        (99, "ninety-nine"),
        (100, "one hundred"),
        (10.0, "ten"),
        (101, "101"),
        (7.5, "7.5"),
        (-1, "-1"),
    ],
)
def test_spoken_number(value: float, words: str) -> None:
    assert spoken_number(value) == words


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (1, "one second"),
        (10, "ten seconds"),
        (2.5, "2.5 seconds"),
        (60, "one minute"),
        (90, "one minute and thirty seconds"),
        (61, "one minute and one second"),
        (120, "two minutes"),
    ],
)
def test_spoken_duration(seconds: float, words: str) -> None:
    assert spoken_duration(seconds) == words


def test_routine_without_steps_is_rejected() -> None:
    routine = dataclasses.replace(make_routine(), steps=())

    with pytest.raises(ValueError, match="no steps"):
        compile_routine(routine)


def test_timeline_rejects_misnumbered_phases() -> None:
    phases = calf_hold().phases
    shuffled: tuple[Phase, ...] = (phases[1], phases[0], *phases[2:])

    with pytest.raises(ValueError, match="index"):
        Timeline(phases=shuffled, step_starts=(0,))


def test_timeline_rejects_wrong_step_start() -> None:
    with pytest.raises(ValueError, match="step 0"):
        Timeline(phases=calf_hold().phases, step_starts=(99,))


def test_dose_builder_defaults_are_valid_for_every_kind() -> None:
    # Guards the builders the other tests rely on.
    for kind in DoseKind:
        assert make_dose(kind).kind is kind
