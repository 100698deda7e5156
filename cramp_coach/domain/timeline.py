"""A routine compiled into the flat sequence of phases the Player walks through.

Compiling once, up front, keeps the Player simple (it only ever moves between
consecutive phases) and lets the UI show the whole plan and an honest total before
anything starts. Each :class:`Phase` carries everything needed to present it: its
duration, the line to speak and a short on-screen label.

Expansion of one :class:`~cramp_coach.domain.routine.RoutineStep` (sides outermost,
then sets, then reps)::

    GET_READY (first step) or CHANGE (later steps)
    for each side (LEFT then RIGHT, or BOTH), with SWITCH_SIDES between sides:
        for each set, with SET_REST between sets:
            HOLD:          WORK(hold) REST WORK(hold) REST ... WORK(hold)
            TIMED_REPS:    WORK(reps × tempo), ticking once per rep
            UNTIMED_REPS:  WORK(untimed: waits for the user's Done)
            CONTINUOUS:    WORK(duration)

A dose's ``rest_seconds`` / ``set_rest_seconds`` of ``None`` falls back to the routine's
``default_rest_seconds``. Any lead-in, rest or switch of 0 seconds produces no phase.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from cramp_coach.domain.routine import Dose, DoseKind, Routine, RoutineStep, Sides
from cramp_coach.domain.wording import spoken_count, spoken_duration, spoken_number

#: Seconds per rep assumed for untimed reps, used only for "about N min" totals.
UNTIMED_SECONDS_PER_REP = 3.0


class PhaseKind(Enum):
    """What the user is doing during a phase."""

    GET_READY = "get_ready"  # before the first exercise
    CHANGE = "change"  # between two exercises
    WORK = "work"  # the exercise itself
    REST = "rest"  # between the reps of a hold
    SET_REST = "set_rest"  # between sets
    SWITCH_SIDES = "switch_sides"  # between the left-leg block and the right-leg block


class Side(Enum):
    """Which leg a phase concerns."""

    BOTH = "both"
    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True, slots=True)
class Phase:
    """One stretch of time in a compiled routine.

    Rest-like phases (GET_READY, CHANGE, REST, SET_REST, SWITCH_SIDES) carry the
    step, side, rep and set of the work they lead into, so a screen can say what is
    coming next.

    Attributes:
        index: position in :attr:`Timeline.phases`.
        kind: what the user is doing.
        step_index: the routine step this phase belongs to (CHANGE and GET_READY belong
            to the step they introduce).
        exercise_name: that step's exercise name.
        side: which leg.
        rep: the hold rep (1-based) for HOLD work; 1 for other work, whose live rep is
            :attr:`PlayerState.current_rep`.
        reps: reps per set in this step's dose.
        set: the set (1-based).
        sets: sets in this step's dose.
        duration: seconds, or ``None`` for an untimed phase that waits for Done.
        tick_seconds: the tempo of a TIMED_REPS phase (one tick per rep), else ``None``.
        spoken: the line to say when the phase starts.
        label: short on-screen text, e.g. ``Left leg · rep 2 of 3``.
        estimate_seconds: ``duration`` when timed; an estimate for untimed phases,
            used only for totals and progress.
    """

    index: int
    kind: PhaseKind
    step_index: int
    exercise_name: str
    side: Side
    rep: int
    reps: int
    set: int
    sets: int
    duration: float | None
    tick_seconds: float | None
    spoken: str
    label: str
    estimate_seconds: float

    @property
    def timed(self) -> bool:
        """Whether the phase ends by itself when its duration has passed."""
        return self.duration is not None


@dataclass(frozen=True, slots=True)
class Timeline:
    """A compiled routine: its phases in playing order.

    Attributes:
        phases: every phase, ``phases[i].index == i``.
        step_starts: for each routine step, the index of its first phase.
    """

    phases: tuple[Phase, ...]
    step_starts: tuple[int, ...]

    def __post_init__(self) -> None:
        # The Player indexes by position and jumps via step_starts; a mismatch would
        # surface as a confusing mis-jump at night rather than here.
        for position, phase in enumerate(self.phases):
            if phase.index != position:
                raise ValueError(f"phase {position} has index {phase.index}")
        for step_index, start in enumerate(self.step_starts):
            if not 0 <= start < len(self.phases) or self.phases[start].step_index != step_index:
                raise ValueError(f"step {step_index} does not start at phase {start}")

    @property
    def total_seconds(self) -> float:
        """Estimated length of the whole routine (untimed phases count their estimate)."""
        return sum(phase.estimate_seconds for phase in self.phases)

    @property
    def has_untimed(self) -> bool:
        """Whether any phase waits for the user, which makes the total an estimate."""
        return any(phase.duration is None for phase in self.phases)

    @property
    def step_count(self) -> int:
        """How many routine steps (exercises) the timeline covers."""
        return len(self.step_starts)

    def step_times(self) -> list[tuple[float, float | None]]:
        """For each routine step: the seconds it takes and its rest between holds, if it has one.

        The seconds count work, rests and side switches, not the lead-in before the step
        (get-ready or change); untimed phases count their estimate. One pass over the phases.
        """
        times: list[tuple[float, float | None]] = [(0.0, None) for _ in self.step_starts]
        for phase in self.phases:
            if phase.kind in (PhaseKind.GET_READY, PhaseKind.CHANGE):
                continue
            seconds, rest = times[phase.step_index]
            if rest is None and phase.kind is PhaseKind.REST:
                rest = phase.duration
            times[phase.step_index] = (seconds + phase.estimate_seconds, rest)
        return times

    def exercise_start(self, step_index: int) -> int:
        """Return the index of the first phase of a step (its CHANGE, or GET_READY for step 0).

        Raises:
            IndexError: if there is no such step.
        """
        return self.step_starts[step_index]

    def start_offset(self, index: int) -> float:
        """Return the planned start of phase ``index``, in seconds from the start.

        ``index == len(phases)`` gives the planned end. Untimed phases count their estimate.
        """
        if not 0 <= index <= len(self.phases):
            raise IndexError(f"no phase {index}")
        return sum(phase.estimate_seconds for phase in self.phases[:index])


def compile_routine(routine: Routine) -> Timeline:
    """Expand a routine into its phases (see the module docstring for the rules).

    Raises:
        ValueError: if the routine has no steps.
    """
    if not routine.steps:
        raise ValueError(f"routine {routine.id!r} has no steps")
    builder = _Builder()
    for step_index, step in enumerate(routine.steps):
        builder.step_start(step_index)
        _expand_step(builder, routine, step_index, step)
    return Timeline(phases=tuple(builder.phases), step_starts=tuple(builder.step_starts))


class _Builder:
    """Collects phases, numbering them and dropping zero-length pauses."""

    def __init__(self) -> None:
        self.phases: list[Phase] = []
        self.step_starts: list[int] = []

    def step_start(self, step_index: int) -> None:
        assert step_index == len(self.step_starts)
        self.step_starts.append(len(self.phases))

    def add(
        self,
        kind: PhaseKind,
        where: _Where,
        *,
        duration: float | None,
        spoken: str,
        label: str,
        tick_seconds: float | None = None,
        estimate: float | None = None,
    ) -> None:
        if kind is not PhaseKind.WORK and (duration is None or duration <= 0):
            return
        self.phases.append(
            Phase(
                index=len(self.phases),
                kind=kind,
                step_index=where.step_index,
                exercise_name=where.step.exercise.name,
                side=where.side,
                rep=where.rep,
                reps=where.step.dose.reps,
                set=where.set,
                sets=where.step.dose.sets,
                duration=duration,
                tick_seconds=tick_seconds,
                spoken=spoken,
                label=label,
                estimate_seconds=duration if duration is not None else (estimate or 0.0),
            )
        )


@dataclass(frozen=True, slots=True)
class _Where:
    """The position inside a step that a phase is about (or leads into)."""

    step_index: int
    step: RoutineStep
    side: Side
    set: int = 1
    rep: int = 1


def _expand_step(builder: _Builder, routine: Routine, step_index: int, step: RoutineStep) -> None:
    dose = step.dose
    name = step.exercise.name
    sides = (Side.LEFT, Side.RIGHT) if dose.sides is Sides.LEFT_THEN_RIGHT else (Side.BOTH,)
    rest = dose.rest_seconds if dose.rest_seconds is not None else routine.default_rest_seconds
    set_rest = dose.set_rest_seconds if dose.set_rest_seconds is not None else routine.default_rest_seconds

    lead_in = _Where(step_index, step, sides[0])
    if step_index == 0:
        builder.add(
            PhaseKind.GET_READY,
            lead_in,
            duration=routine.get_ready_seconds,
            spoken=routine.intro or f"Get ready: {name}.",
            label="Get ready",
        )
    else:
        builder.add(
            PhaseKind.CHANGE,
            lead_in,
            duration=routine.change_seconds,
            spoken=_sentences(f"Next: {name}.", step.exercise.cue),
            label=f"Next: {name}",
        )

    for side_number, side in enumerate(sides):
        if side_number > 0:
            leg = f"{side.value} leg"
            builder.add(
                PhaseKind.SWITCH_SIDES,
                _Where(step_index, step, side),
                duration=routine.switch_sides_seconds,
                spoken=f"Switch to your {leg}.",
                label=f"Switch to your {leg}",
            )
        for set_number in range(1, dose.sets + 1):
            if set_number > 1:
                of_sets = f"set {set_number} of {dose.sets}"
                builder.add(
                    PhaseKind.SET_REST,
                    _Where(step_index, step, side, set_number),
                    duration=set_rest,
                    spoken=f"Rest. Next, set {spoken_number(set_number)} of {spoken_number(dose.sets)}.",
                    label=f"Rest before {of_sets}",
                )
            if dose.kind is DoseKind.HOLD:
                for rep in range(1, dose.reps + 1):
                    where = _Where(step_index, step, side, set_number, rep)
                    if rep > 1:
                        builder.add(PhaseKind.REST, where, duration=rest, spoken="Rest.", label="Rest")
                    builder.add(
                        PhaseKind.WORK,
                        where,
                        duration=dose.hold_seconds,
                        spoken=_work_line(name, dose, side, set_number, rep),
                        label=_work_label(dose, side, set_number, rep),
                    )
            else:
                where = _Where(step_index, step, side, set_number)
                builder.add(
                    PhaseKind.WORK,
                    where,
                    duration=_work_duration(dose),
                    tick_seconds=dose.tempo_seconds if dose.kind is DoseKind.TIMED_REPS else None,
                    estimate=dose.reps * UNTIMED_SECONDS_PER_REP,
                    spoken=_work_line(name, dose, side, set_number, 1),
                    label=_work_label(dose, side, set_number, 1),
                )


def _work_duration(dose: Dose) -> float | None:
    if dose.kind is DoseKind.TIMED_REPS:
        assert dose.tempo_seconds is not None  # Dose.__post_init__ guarantees it
        return dose.reps * dose.tempo_seconds
    if dose.kind is DoseKind.CONTINUOUS:
        return dose.duration_seconds
    if dose.kind is DoseKind.HOLD:
        return dose.hold_seconds
    return None


def _work_line(name: str, dose: Dose, side: Side, set_number: int, rep: int) -> str:
    # Later reps of a hold get a short line: the user already knows what to do, and a
    # long sentence every ten seconds is tiring to listen to with eyes closed.
    if dose.kind is DoseKind.HOLD and rep > 1:
        return "Last one." if rep == dose.reps else "Hold again."
    head = name
    if side is not Side.BOTH:
        head += f", {side.value} leg"
    if dose.sets > 1:
        head += f", set {spoken_number(set_number)} of {spoken_number(dose.sets)}"
    reps = _capitalise(spoken_count(dose.reps, "rep"))
    if dose.kind is DoseKind.HOLD:
        body = f"Hold for {spoken_duration(_known(dose.hold_seconds))}."
    elif dose.kind is DoseKind.TIMED_REPS:
        body = f"{reps}, {spoken_duration(_known(dose.tempo_seconds))} each."
    elif dose.kind is DoseKind.UNTIMED_REPS:
        body = f"{reps} at your own pace, then tap Done."
    else:
        body = f"Keep going for {spoken_duration(_known(dose.duration_seconds))}."
    return f"{head}. {body}"


def _work_label(dose: Dose, side: Side, set_number: int, rep: int) -> str:
    parts: list[str] = []
    if side is not Side.BOTH:
        parts.append(f"{side.value} leg")
    if dose.sets > 1:
        parts.append(f"set {set_number} of {dose.sets}")
    if dose.kind is DoseKind.HOLD:
        parts.append(f"rep {rep} of {dose.reps}" if dose.reps > 1 else "hold")
    elif dose.kind is DoseKind.TIMED_REPS:
        parts.append(f"{dose.reps} reps" if dose.reps > 1 else "1 rep")
    elif dose.kind is DoseKind.UNTIMED_REPS:
        parts.append(f"{dose.reps} reps at your own pace" if dose.reps > 1 else "1 rep at your own pace")
    else:
        parts.append("keep going")
    return _capitalise(" · ".join(parts))


def _known(value: float | None) -> float:
    assert value is not None  # Dose.__post_init__ guarantees the time its kind needs
    return value


def _capitalise(text: str) -> str:
    # str.capitalize() would lower-case the rest, e.g. a "Done" later in the text.
    return text[:1].upper() + text[1:]


def _sentences(*parts: str) -> str:
    return " ".join(part.strip() for part in parts if part and part.strip())
