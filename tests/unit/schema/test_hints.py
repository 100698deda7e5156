"""Hints for the field at the editor's cursor, straight from the spec's help texts."""

from __future__ import annotations

import pytest

from cramp_coach import paths
from cramp_coach.schema import spec
from cramp_coach.schema.hints import hint_at

BEDTIME = (paths.builtin_routines_dir() / "bedtime.yaml").read_text(encoding="utf-8")
LIBRARY = (paths.builtin_routines_dir() / "exercises.yaml").read_text(encoding="utf-8")

TEXT = """\
schema_version: 1
kind: routine
title: Jane   # comment
steps:
  - exercise: toe-pulls
    dose: {hold_seconds: 10, reps: 3, sid}
    note: Keep the knee straight.

  - exercise:
      id: ankle-circles
      steps:
        - Circle each foot.
      dose:
        tempo_seconds: 2
"""


def at(text: str, needle: str, offset: int = 0, occurrence: int = 0) -> tuple[int, int]:
    """(line, column) of the ``occurrence``-th ``needle`` in ``text``, plus ``offset`` columns."""
    lines = text.split("\n")
    found = [(number, line.index(needle)) for number, line in enumerate(lines) if needle in line]
    line, column = found[occurrence]
    return line, column + offset


@pytest.mark.parametrize(
    ("needle", "offset", "path", "help_text"),
    [
        ("title:", 2, "title", "The routine's name."),
        ("- exercise: toe", 5, "steps[].exercise", "A library exercise id"),
        ("hold_seconds: 10", 15, "steps[].dose.hold_seconds", "Each rep is a stretch held this long."),
        ("reps: 3", 6, "steps[].dose.reps", "Repetitions per set."),
        ("note:", 1, "steps[].note", "A note for this step"),
        ("id: ankle", 1, "steps[].exercise.id", "Unique kebab-case id"),
        ("tempo_seconds", 0, "steps[].exercise.dose.tempo_seconds", "Each rep takes this long"),
    ],
)
def test_the_field_at_the_cursor_and_its_help(needle: str, offset: int, path: str, help_text: str) -> None:
    line, column = at(TEXT, needle, offset)
    hint = hint_at(TEXT, line, column)
    assert hint is not None
    assert hint.path == path
    assert help_text in hint.text()


def test_a_choice_lists_its_values_with_their_meaning() -> None:
    line, column = at(BEDTIME, "sides: left_then_right", 3)
    text = hint_at(BEDTIME, line, column).text()  # type: ignore[union-attr]
    assert "together (both legs at once" in text
    assert "Default: together." in text


def test_typing_a_new_key_in_a_flow_mapping_lists_the_dose_fields() -> None:
    line, column = at(TEXT, "sid}", 3)
    hint = hint_at(TEXT, line, column)
    assert hint is not None
    assert hint.field is not None
    assert hint.field.name == "dose"
    assert "Fields: hold_seconds" in hint.text()


def test_an_empty_line_in_a_step_lists_the_step_fields() -> None:
    # After Enter the editor keeps the indentation: the new line holds four spaces.
    lines = TEXT.split("\n")
    blank = lines.index("")
    text = "\n".join([*lines[:blank], "    ", *lines[blank + 1 :]])
    hint = hint_at(text, blank, 4)
    assert hint is not None
    assert hint.record is spec.ROUTINE_STEP
    assert hint.text() == "Fields of a routine step: exercise (required), dose, note."
    top = hint_at(TEXT, blank, 0)
    assert top is not None
    assert top.record is spec.ROUTINE


def test_a_list_item_of_text_names_its_list() -> None:
    line, column = at(TEXT, "- Circle", 4)
    hint = hint_at(TEXT, line, column)
    assert hint is not None
    assert hint.path == "steps[].exercise.steps[]"


def test_an_unknown_key_suggests_the_nearest() -> None:
    text = "schema_version: 1\nkind: routine\ntitel: Jane\n"
    hint = hint_at(text, 2, 1)
    assert hint is not None
    assert hint.unknown == "titel"
    assert "did you mean 'title'?" in hint.text()


def test_the_kind_picks_the_record() -> None:
    line, column = at(LIBRARY, "evidence: trial", 2)
    hint = hint_at(LIBRARY, line, column)
    assert hint is not None
    assert hint.path == "exercises[].evidence"
    assert "tested in a randomised trial" in hint.text()


def test_every_line_of_the_shipped_files_gets_an_answer_without_errors() -> None:
    for text in (BEDTIME, LIBRARY):
        for number, line in enumerate(text.split("\n")):
            hint_at(text, number, len(line))  # never raises, whatever the line
    assert hint_at(BEDTIME, 10_000, 0) is None
