"""Text the editor writes: templates and steps that validate, in the house style."""

from __future__ import annotations

import pytest
import yaml

from cramp_coach import paths
from cramp_coach.domain.routine import DoseKind, Sides
from cramp_coach.schema.catalog import assemble
from cramp_coach.schema.loader import parse_text
from cramp_coach.schema.snippets import (
    dose_flow,
    routine_template,
    step_text,
    steps_insert_line,
    with_title,
    yaml_scalar,
)
from cramp_coach.storage.routine_library import load_catalog
from tests.helpers.builders import make_dose, make_exercise


@pytest.mark.parametrize("text", ["Jane", "Jane's: evening", "yes", "#1 routine", " padded", "Bedtime – seated", "10"])
def test_scalars_read_back_as_written(text: str) -> None:
    assert yaml.safe_load(f"key: {yaml_scalar(text)}") == {"key": text}


def test_dose_flow_writes_only_what_differs_from_defaults() -> None:
    assert dose_flow(make_dose(hold_seconds=10, reps=3, rest_seconds=10, sides=Sides.LEFT_THEN_RIGHT)) == (
        "{hold_seconds: 10, reps: 3, rest_seconds: 10, sides: left_then_right}"
    )
    assert dose_flow(make_dose(DoseKind.TIMED_REPS, reps=10, tempo_seconds=2.5, sets=2)) == (
        "{tempo_seconds: 2.5, reps: 10, sets: 2}"
    )
    assert dose_flow(make_dose(DoseKind.UNTIMED_REPS, reps=10)) == "{untimed: true, reps: 10}"
    assert dose_flow(make_dose(DoseKind.CONTINUOUS, duration_seconds=60, set_rest_seconds=5)) == (
        "{duration_seconds: 60, set_rest_seconds: 5}"
    )


def test_a_template_of_every_library_exercise_is_valid_and_keeps_each_default_dose() -> None:
    library_text = (paths.builtin_routines_dir() / "exercises.yaml").read_text(encoding="utf-8")
    library = parse_text(library_text, "exercises.yaml")
    exercises = list(load_catalog().exercises.values())
    text = routine_template("Everything: a test", "All of them.", exercises)
    parsed = parse_text(text, "everything.yaml")
    routine = assemble([library, parsed]).routines["everything"]
    assert parsed.issues == []
    assert routine.title == "Everything: a test"
    assert [step.dose for step in routine.steps] == [exercise.dose for exercise in exercises]


def test_template_needs_an_exercise() -> None:
    with pytest.raises(ValueError, match="at least one"):
        routine_template("T", "S", [])


def test_steps_are_appended_after_the_last_step() -> None:
    text = "kind: routine\nsteps:\n    - exercise: a\n      dose: {untimed: true}\n\n# trailing comment\nnote: x\n"
    assert steps_insert_line(text) == (4, 4)
    assert steps_insert_line("kind: routine\nsteps: [a]\n") is None
    assert steps_insert_line("steps:\n- exercise: a\n") == (2, 0)
    step = step_text(make_exercise("Toe pulls", dose=make_dose(hold_seconds=20)), 4)
    assert step == "    - exercise: toe-pulls\n      dose: {hold_seconds: 20, reps: 1}\n"


def test_with_title_replaces_a_one_line_title_only() -> None:
    assert with_title("kind: routine\ntitle: Old  # note\nx: 1\n", "New: one") == (
        'kind: routine\ntitle: "New: one"\nx: 1\n'
    )
    folded = "title: >-\n  Old\n"
    assert with_title(folded, "New") == folded
