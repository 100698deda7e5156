"""Small builders for domain values, with defaults so each test states only what matters."""

from __future__ import annotations

from typing import Any

from cramp_coach.domain.routine import (
    Dose,
    DoseKind,
    Evidence,
    Exercise,
    Position,
    Routine,
    RoutineStep,
)


def make_dose(kind: DoseKind = DoseKind.HOLD, **fields: Any) -> Dose:
    """Build a Dose; a HOLD defaults to a single 10 s hold, other kinds to sensible times."""
    defaults: dict[DoseKind, dict[str, Any]] = {
        DoseKind.HOLD: {"hold_seconds": 10},
        DoseKind.TIMED_REPS: {"reps": 10, "tempo_seconds": 2},
        DoseKind.UNTIMED_REPS: {"reps": 10},
        DoseKind.CONTINUOUS: {"duration_seconds": 60},
    }
    return Dose(kind=kind, **{**defaults[kind], **fields})


def make_exercise(
    name: str = "Wall calf stretch",
    *,
    exercise_id: str | None = None,
    cue: str = "Hands on the wall, back leg straight.",
    dose: Dose | None = None,
    position: Position = Position.STANDING,
    illustration: str | None = None,
) -> Exercise:
    """Build an Exercise with placeholder text; the id defaults to the kebab-cased name."""
    return Exercise(
        id=exercise_id or name.lower().replace(" ", "-"),
        name=name,
        position=position,
        steps=("Do the exercise.",),
        cue=cue,
        dose=dose or make_dose(),
        evidence=Evidence.COMMON_PRACTICE,
        sources=(),
        illustration=illustration,
    )


def make_step(exercise: Exercise | None = None, dose: Dose | None = None, **dose_fields: Any) -> RoutineStep:
    """Build a RoutineStep; ``dose_fields`` (with optional ``kind``) build the dose when none is given."""
    exercise = exercise or make_exercise()
    if dose is None:
        dose = make_dose(**dose_fields) if dose_fields else exercise.dose
    return RoutineStep(exercise=exercise, dose=dose)


def make_routine(
    *steps: RoutineStep,
    get_ready_seconds: float = 10,
    default_rest_seconds: float = 10,
    switch_sides_seconds: float = 5,
    change_seconds: float = 10,
    intro: str | None = None,
    outro: str | None = None,
) -> Routine:
    """Build a Routine of ``steps`` (one default step when none are given)."""
    return Routine(
        id="test-routine",
        title="Test routine",
        summary="A routine built in a test.",
        steps=steps or (make_step(),),
        get_ready_seconds=get_ready_seconds,
        default_rest_seconds=default_rest_seconds,
        switch_sides_seconds=switch_sides_seconds,
        change_seconds=change_seconds,
        intro=intro,
        outro=outro,
    )
