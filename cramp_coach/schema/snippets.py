"""Bits of routine-format text the editor writes for the physiotherapist.

The editor edits text, never a dumped tree, so that comments and key order survive.
New text it adds (a routine from a template, a step picked from the library) is written
here in the same style as the shipped files: block style, one dose per line in flow
style so it is easy to change.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from cramp_coach.domain.routine import Dose, DoseKind, Exercise, Sides

_PLAIN_RE = re.compile(r"^[A-Za-z][^\n:#{}\[\],&*!|>'\"%@`]*$")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when that reads back the same, else double-quoted."""
    if _PLAIN_RE.match(text) and text.lower() not in _RESERVED and text == text.strip():
        return text
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(text, ensure_ascii=False)


def _number(value: float) -> str:
    return f"{value:g}"


def dose_flow(dose: Dose) -> str:
    """A dose as a one-line flow mapping, leaving out fields at their defaults."""
    parts: list[str] = []
    if dose.kind is DoseKind.HOLD and dose.hold_seconds is not None:
        parts.append(f"hold_seconds: {_number(dose.hold_seconds)}")
    elif dose.kind is DoseKind.TIMED_REPS and dose.tempo_seconds is not None:
        parts.append(f"tempo_seconds: {_number(dose.tempo_seconds)}")
    elif dose.kind is DoseKind.UNTIMED_REPS:
        parts.append("untimed: true")
    elif dose.duration_seconds is not None:
        parts.append(f"duration_seconds: {_number(dose.duration_seconds)}")
    if dose.kind is not DoseKind.CONTINUOUS:
        parts.append(f"reps: {dose.reps}")
    if dose.sets != 1:
        parts.append(f"sets: {dose.sets}")
    if dose.kind is DoseKind.HOLD and dose.rest_seconds is not None:
        parts.append(f"rest_seconds: {_number(dose.rest_seconds)}")
    if dose.set_rest_seconds is not None:
        parts.append(f"set_rest_seconds: {_number(dose.set_rest_seconds)}")
    if dose.sides is Sides.LEFT_THEN_RIGHT:
        parts.append("sides: left_then_right")
    return "{" + ", ".join(parts) + "}"


def step_text(exercise: Exercise, indent: int = 2) -> str:
    """A routine step for ``exercise`` with its default dose written out (ready to adjust)."""
    pad = " " * indent
    return f"{pad}- exercise: {exercise.id}\n{pad}  dose: {dose_flow(exercise.dose)}\n"


def routine_template(title: str, summary: str, exercises: Sequence[Exercise]) -> str:
    """A new, valid routine of ``exercises`` (at least one), commented like the built-ins."""
    if not exercises:
        raise ValueError("a routine needs at least one exercise")
    steps = "".join(step_text(exercise) for exercise in exercises)
    return (
        f"# {title}\n"
        "# Written with the Cramp Coach routine editor. The file name is the routine's id.\n"
        "# Every field is described in docs/routine-format.md; the editor shows hints as you type.\n"
        "schema_version: 1\n"
        "kind: routine\n"
        "\n"
        f"title: {yaml_scalar(title)}\n"
        f"summary: {yaml_scalar(summary)}\n"
        "\n"
        "get_ready_seconds: 10       # countdown before the first exercise\n"
        "change_seconds: 15          # time to get into position between exercises\n"
        "default_rest_seconds: 10    # rest between reps and sets when a dose does not say\n"
        "switch_sides_seconds: 5     # pause between the left leg and the right\n"
        "\n"
        "# intro: Spoken during the get-ready countdown (set-up and safety).\n"
        "# outro: Spoken when the routine ends.\n"
        "note: >-\n"
        "  Your note for the patient: it is printed on the handout.\n"
        "\n"
        "steps:\n"
        f"{steps}"
    )


def steps_insert_line(text: str) -> tuple[int, int] | None:
    """Where to append a step: ``(line index to insert before, item indent)``.

    ``None`` when the text has no block-style top-level ``steps:`` list to append to.
    """
    lines = text.split("\n")
    start = next((index for index, line in enumerate(lines) if re.match(r"^steps:\s*(#.*)?$", line)), None)
    if start is None:
        return None
    last = start
    indent: int | None = None
    for index in range(start + 1, len(lines)):
        line = lines[index]
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        column = len(line) - len(line.lstrip(" "))
        if column == 0 and not line.startswith("-"):
            break
        if indent is None and stripped.startswith("-"):
            indent = column
        last = index
    return last + 1, indent if indent is not None else 2


_TITLE_RE = re.compile(r"^title:[ \t]*(?![>|\s])[^\n]*$", re.MULTILINE)


def with_title(text: str, title: str) -> str:
    """``text`` with its one-line top-level ``title:`` replaced (a folded title is left alone)."""
    return _TITLE_RE.sub(lambda _match: f"title: {yaml_scalar(title)}", text, count=1)
