"""Exercises, doses and routines: the bedtime side of the product.

These are plain frozen values built by :mod:`cramp_coach.schema` from YAML; they hold
no file positions and know nothing about how they are shown or timed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum


class Position(Enum):
    """The starting position an exercise needs, from most to least demanding."""

    STANDING = "standing"
    SITTING = "sitting"
    LYING = "lying"


class Sides(Enum):
    """Whether both legs work at once or one after the other."""

    TOGETHER = "together"
    LEFT_THEN_RIGHT = "left_then_right"


class Evidence(Enum):
    """How strong the support for an exercise or step is (shown in Help & Sources)."""

    TRIAL = "trial"
    GUIDELINE = "guideline"
    COMMON_PRACTICE = "common_practice"


class DoseKind(Enum):
    """The four ways a dose is timed."""

    HOLD = "hold"  # each rep is a held stretch of hold_seconds, with rests between reps
    TIMED_REPS = "timed_reps"  # reps at a tempo of tempo_seconds each, one tick per rep
    UNTIMED_REPS = "untimed_reps"  # reps at the user's own pace; the user taps Done
    CONTINUOUS = "continuous"  # one stretch of activity lasting duration_seconds


@dataclass(frozen=True, slots=True)
class Dose:
    """How much of an exercise to do.

    ``rest_seconds`` and ``set_rest_seconds`` may be ``None``: the routine's
    ``default_rest_seconds`` then applies (see :mod:`cramp_coach.domain.timeline`).
    """

    kind: DoseKind
    reps: int = 1
    hold_seconds: float | None = None
    tempo_seconds: float | None = None
    duration_seconds: float | None = None
    sets: int = 1
    rest_seconds: float | None = None
    set_rest_seconds: float | None = None
    sides: Sides = Sides.TOGETHER

    def __post_init__(self) -> None:
        needed = {
            DoseKind.HOLD: self.hold_seconds,
            DoseKind.TIMED_REPS: self.tempo_seconds,
            DoseKind.CONTINUOUS: self.duration_seconds,
        }
        if self.kind in needed and needed[self.kind] is None:
            raise ValueError(f"a {self.kind.value} dose needs its time")
        if self.reps < 1 or self.sets < 1:
            raise ValueError("reps and sets must be at least 1")

    def describe(self) -> str:
        """A short plain-language summary, e.g. ``3 × 10 s hold, left then right``."""
        if self.kind is DoseKind.HOLD:
            core = f"{self.reps} × {_seconds(self.hold_seconds)} hold"
        elif self.kind is DoseKind.TIMED_REPS:
            core = f"{self.reps} reps, {_seconds(self.tempo_seconds)} each"
        elif self.kind is DoseKind.UNTIMED_REPS:
            core = f"{self.reps} reps at your own pace"
        else:
            core = f"{_seconds(self.duration_seconds)} continuous"
        if self.sets > 1:
            core += f", {self.sets} sets"
        if self.sides is Sides.LEFT_THEN_RIGHT:
            core += ", left then right"
        return core


def _seconds(value: float | None) -> str:
    assert value is not None
    return f"{value:g} s"


@dataclass(frozen=True, slots=True)
class Exercise:
    """One exercise of the library, with everything a handout or the player shows."""

    id: str
    name: str
    position: Position
    steps: tuple[str, ...]
    cue: str
    dose: Dose
    evidence: Evidence
    sources: tuple[str, ...]
    cautions: tuple[str, ...] = ()
    illustration: str | None = None
    evidence_note: str | None = None
    #: When the file it came from was last reviewed against its sources (``reviewed:``).
    reviewed: date | None = None


@dataclass(frozen=True, slots=True)
class RoutineStep:
    """One exercise in a routine, with the dose it is done at in this routine."""

    exercise: Exercise
    dose: Dose
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Routine:
    """An ordered set of exercises, played by the Player."""

    id: str
    title: str
    summary: str
    steps: tuple[RoutineStep, ...]
    get_ready_seconds: float = 10
    default_rest_seconds: float = 10
    switch_sides_seconds: float = 5
    change_seconds: float = 10
    intro: str | None = None
    outro: str | None = None
    note: str | None = None
    sources: tuple[str, ...] = ()
    reviewed: date | None = None

    @property
    def position(self) -> Position:
        """The most demanding position any step needs (standing > sitting > lying)."""
        order = list(Position)
        return min((step.exercise.position for step in self.steps), key=order.index)
