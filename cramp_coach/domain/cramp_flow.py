"""The Cramp-now flow: a pure state machine from "where is it?" to the log screen.

Someone mid-cramp at 3 a.m. sees one thing at a time: the location picker, then one
first-aid step per screen, then a closing card, then the optional log. The order and
the words come from a :class:`~cramp_coach.domain.protocol.CrampProtocol`; this module
adds only the rules that make it safe and the timing:

- **Seated or lying first.** Standing steps are never shown until the user has said
  "I can stand safely" at the *stand gate*, which appears the first time the next step
  would be a standing one. Saying so inserts the sit-first check before each run of
  standing steps (:meth:`CrampProtocol.steps_for`); "stay sitting or lying" skips them.
  With the setting "I can't stand safely at night" the gate never appears and standing
  steps are never shown.
- **Step timers** run on deadlines (``remaining = deadline − now``), like the routine
  :class:`~cramp_coach.domain.player.Player`: no counter is decremented per tick, so a
  late tick never shortens or lengthens a hold. A step whose timer ran out waits for the
  user's Next; at 3 a.m. nobody should be hurried on to the next step by a machine.
- **The urgent warning** is raised once when ``urgent_after_minutes`` have passed since
  the first step started, unless the user said the cramp eased or has left the steps.
- **The episode's duration** runs from the moment Cramp now opened (``opened_at``), since
  the cramp was already there while the user chose where it was. Leaving the location
  picker within :data:`MISTAKE_SECONDS` of opening is taken as opened by mistake
  (:meth:`CrampFlow.opened_by_mistake`): the screen offers not to record it.

Like the Player, it is driven entirely by its caller: every method takes the current
monotonic ``now`` and returns the events that moment caused. Nothing here sleeps,
starts a timer or reads a clock, so tests pass numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TypeAlias

from cramp_coach.domain.countdown import EPSILON, Countdown, CountdownCues
from cramp_coach.domain.protocol import CrampLocation, CrampProtocol, ProtocolStep

# Absorbs float rounding, so a tick landing "exactly" on the urgent threshold counts.
_EPSILON = EPSILON

#: Leaving the location picker within this many seconds of opening, without choosing,
#: looks like a mis-tap rather than a cramp (a real one takes longer to read and choose).
MISTAKE_SECONDS = 10.0


class FlowStage(Enum):
    """Which screen of the flow is current."""

    CHOOSING = "choosing"  # the location picker
    STEP = "step"  # one first-aid step
    STAND_GATE = "stand_gate"  # "Can you stand safely?"
    CLOSING = "closing"  # the closing card (after the last step, or "It's eased")
    DONE = "done"  # the user left the steps: to the log screen, Home, or abandoned


@dataclass(frozen=True, slots=True)
class StepStarted:
    """A step began (or was repeated); show it and say ``step.say``.

    Attributes:
        step: the step.
        index: its 0-based position in the steps known so far.
        count: how many steps there are, as far as is known now. Before the stand gate is
            answered this counts the seated/lying steps only, since that is the default.
    """

    step: ProtocolStep
    index: int
    count: int


@dataclass(frozen=True, slots=True)
class TimerEnded:
    """The current step's timer ran out; the step stays until the user taps Next."""

    step: ProtocolStep


@dataclass(frozen=True, slots=True)
class StandGateReached:
    """The next step is a standing one: ask "Can you stand safely?" before showing it."""


@dataclass(frozen=True, slots=True)
class UrgentWarning:
    """The cramp has gone on for ``urgent_after_minutes`` without easing; show and say ``message``."""

    message: str


@dataclass(frozen=True, slots=True)
class FlowClosed:
    """The steps are over; show the closing card (``step``) and say it.

    Attributes:
        step: the protocol's closing card.
        eased: True when the user tapped "It's eased", False when they went past the last step.
    """

    step: ProtocolStep
    eased: bool


FlowEvent: TypeAlias = StepStarted | Countdown | TimerEnded | StandGateReached | UrgentWarning | FlowClosed


@dataclass(frozen=True, slots=True)
class FlowState:
    """An immutable picture of the flow at one moment, for the screen to render.

    Attributes:
        stage: which screen is current.
        location: the chosen location; ``None`` before one is chosen.
        step: the current step (the closing card while CLOSING); ``None`` otherwise.
        index: 0-based position of the current step; ``None`` when no step is current.
        count: how many steps are known now (see :class:`StepStarted`); 0 before a location.
        remaining: seconds left on the current step's timer (0 once it ran out);
            ``None`` when the step has no timer or no step is current.
        timer_ended: whether the current step's timer has run out.
        elapsed: seconds since Cramp now opened (or, without ``opened_at``, since the first
            step started), frozen when the closing card is reached or the flow is left:
            the episode's measured duration.
        urgent_raised: whether the urgent warning has been raised.
        eased: whether the user said the cramp eased.
        can_stand: the answer at the stand gate; ``None`` while unanswered, ``False``
            too when the setting hides standing steps.
    """

    stage: FlowStage
    location: CrampLocation | None
    step: ProtocolStep | None
    index: int | None
    count: int
    remaining: float | None
    timer_ended: bool
    elapsed: float
    urgent_raised: bool
    eased: bool
    can_stand: bool | None


class CrampFlow:
    """One pass through the Cramp-now protocol, from the location picker to the log.

    Every public method takes the monotonic ``now`` and returns the events it caused, in
    order. A ``now`` earlier than one already seen is treated as that earlier moment, so
    time never runs backwards inside the flow. Commands that make no sense in the
    current stage (Next on the location picker, Repeat at the gate) are ignored and
    return no events, so a stray key press at 3 a.m. can never break the flow.
    """

    def __init__(
        self, protocol: CrampProtocol, *, cannot_stand_at_night: bool = False, opened_at: float | None = None
    ) -> None:
        """Prepare a flow over ``protocol``.

        Args:
            protocol: the validated Cramp-now protocol.
            cannot_stand_at_night: the user's setting "I can't stand safely at night":
                the stand gate never appears and standing steps are never shown.
            opened_at: the monotonic moment Cramp now opened: the episode's duration
                counts from here. ``None``: from the first step.
        """
        self._protocol = protocol
        self._cannot_stand = cannot_stand_at_night
        self._stage = FlowStage.CHOOSING
        self._location: CrampLocation | None = None
        # The setting answers the gate for good, so it is never asked.
        self._can_stand: bool | None = False if cannot_stand_at_night else None
        self._index = 0
        # Position of the stand gate in the seated sequence (the number of steps before the
        # first standing one); None when the plan has no standing step.
        self._gate_at: int | None = None
        self._last_seen: float | None = opened_at
        self._opened_at = opened_at
        self._started_at: float | None = None
        self._stopped_at: float | None = None
        self._deadline: float | None = None
        self._timer_ended = False
        self._countdown = CountdownCues()
        self._urgent_raised = False
        self._eased = False

    # -- read-only views -------------------------------------------------------------

    @property
    def protocol(self) -> CrampProtocol:
        """The protocol being followed."""
        return self._protocol

    @property
    def stage(self) -> FlowStage:
        """The current stage (as of the last call)."""
        return self._stage

    @property
    def location(self) -> CrampLocation | None:
        """The chosen location, once chosen."""
        return self._location

    @property
    def cannot_stand_at_night(self) -> bool:
        """Whether the setting hides standing steps for this flow."""
        return self._cannot_stand

    def steps(self) -> tuple[ProtocolStep, ...]:
        """The steps as known now: seated/lying only until the gate says otherwise."""
        if self._location is None:
            return ()
        return self._protocol.steps_for(self._location, can_stand=self._can_stand is True)

    def opened_by_mistake(self, now: float) -> bool:
        """Whether the flow was left (or is being left) from the location picker within
        :data:`MISTAKE_SECONDS` of opening: most likely a mis-tap, not a cramp."""
        if self._location is not None or self._opened_at is None:
            return False
        return self._elapsed(self._effective(now)) < MISTAKE_SECONDS

    def urgent_deadline(self) -> float | None:
        """The monotonic time the urgent warning is due; ``None`` before the first step."""
        if self._started_at is None:
            return None
        return self._started_at + self._protocol.urgent_after_minutes * 60.0

    def snapshot(self, now: float) -> FlowState:
        """Return the state at ``now`` without moving the flow.

        Call :meth:`advance` with the same ``now`` first, so events are not missed.
        """
        now = self._effective(now)
        step: ProtocolStep | None = None
        index: int | None = None
        remaining: float | None = None
        if self._stage is FlowStage.STEP:
            step = self.steps()[self._index]
            index = self._index
            if self._deadline is not None:
                remaining = max(0.0, self._deadline - now)
        elif self._stage is FlowStage.CLOSING:
            step = self._protocol.closing
        return FlowState(
            stage=self._stage,
            location=self._location,
            step=step,
            index=index,
            count=len(self.steps()),
            remaining=remaining,
            timer_ended=self._timer_ended,
            elapsed=self._elapsed(now),
            urgent_raised=self._urgent_raised,
            eased=self._eased,
            can_stand=self._can_stand,
        )

    # -- commands --------------------------------------------------------------------

    def choose_location(
        self, location: CrampLocation | None, now: float, *, cannot_stand_at_night: bool | None = None
    ) -> list[FlowEvent]:
        """Start the steps for ``location`` (``None``: "not sure", the protocol's default).

        The first step starts at ``now``, and so does the urgent-warning clock (and the
        episode's duration, without ``opened_at``). ``cannot_stand_at_night``, when given,
        replaces the setting passed at construction: the setting as it is when the user
        chooses. Ignored once a location was chosen.
        """
        if self._stage is not FlowStage.CHOOSING:
            return []
        if cannot_stand_at_night is not None:
            self._cannot_stand = cannot_stand_at_night
            self._can_stand = False if cannot_stand_at_night else None
        now = self._see(now)
        chosen = self._protocol.default_location if location is None else location
        plan = self._protocol.plan(chosen)  # KeyError for a location the protocol lacks: a bug
        self._location = chosen
        self._started_at = now
        first_standing = next((i for i, step in enumerate(plan.steps) if step.standing), None)
        self._gate_at = first_standing if self._can_stand is None else None
        events: list[FlowEvent] = []
        self._go_to(0, now, events)
        return events

    def advance(self, now: float) -> list[FlowEvent]:
        """Bring the flow up to ``now``: countdown cues, a timer running out, the urgent warning."""
        events: list[FlowEvent] = []
        now = self._see(now)
        self._check_timer(now, events)
        self._check_urgent(now, events)
        return events

    def next(self, now: float) -> list[FlowEvent]:
        """Go on to the next step, the stand gate or the closing card; from the closing card, leave.

        Next is accepted whether or not the step's timer has run out: the user, not the
        clock, knows when a stretch has done its job.
        """
        events = self.advance(now)
        now = self._effective(now)
        if self._stage is FlowStage.STEP:
            self._go_to(self._index + 1, now, events)
        elif self._stage is FlowStage.CLOSING:
            self._leave(now)
        return events

    def repeat(self, now: float) -> list[FlowEvent]:
        """Start the current step again, with its full time (Repeat loops a stretch)."""
        events = self.advance(now)
        if self._stage is FlowStage.STEP:
            self._start_step(self._effective(now), events)
        return events

    def eased(self, now: float) -> list[FlowEvent]:
        """The user says the cramp has eased: jump to the closing card from any step or the gate."""
        events = self.advance(now)
        if self._stage in (FlowStage.STEP, FlowStage.STAND_GATE):
            self._eased = True
            self._close(self._effective(now), events)
        return events

    def stand_choice(self, can_stand: bool, now: float) -> list[FlowEvent]:
        """Answer the stand gate: True shows the sit-first check then the standing steps.

        False skips every standing step and goes on with the seated/lying ones. Ignored
        unless the gate is showing.
        """
        events = self.advance(now)
        if self._stage is not FlowStage.STAND_GATE or self._gate_at is None:
            return events
        gate_at = self._gate_at
        self._can_stand = can_stand
        self._gate_at = None
        # The steps before the gate are the same either way (none of them is standing), so
        # the step at the gate's position is the sit-first check (True) or the first
        # seated step after the standing run (False).
        self._go_to(gate_at, self._effective(now), events)
        return events

    def leave(self, now: float) -> list[FlowEvent]:
        """The user left the flow (Home, or on to the log): stop every clock for good."""
        events: list[FlowEvent] = []
        if self._stage is not FlowStage.DONE:
            now = self._see(now)
            self._leave(now)
        return events

    # -- internals -------------------------------------------------------------------

    def _see(self, now: float) -> float:
        now = self._effective(now)
        self._last_seen = now
        return now

    def _effective(self, now: float) -> float:
        return now if self._last_seen is None else max(now, self._last_seen)

    def _elapsed(self, now: float) -> float:
        start = self._opened_at if self._opened_at is not None else self._started_at
        if start is None:
            return 0.0
        end = self._stopped_at if self._stopped_at is not None else now
        return max(0.0, end - start)

    def _go_to(self, index: int, now: float, events: list[FlowEvent]) -> None:
        """Make position ``index`` current: a step, the gate in front of it, or the closing card."""
        if self._gate_at is not None and index == self._gate_at:
            self._stage = FlowStage.STAND_GATE
            self._index = index
            self._clear_timer()
            events.append(StandGateReached())
            return
        if index >= len(self.steps()):
            self._close(now, events)
            return
        self._stage = FlowStage.STEP
        self._index = index
        self._start_step(now, events)

    def _start_step(self, now: float, events: list[FlowEvent]) -> None:
        steps = self.steps()
        step = steps[self._index]
        self._clear_timer()
        if step.timer_seconds is not None and step.timer_seconds > 0:
            self._deadline = now + step.timer_seconds
        events.append(StepStarted(step, self._index, len(steps)))

    def _clear_timer(self) -> None:
        self._deadline = None
        self._timer_ended = False
        self._countdown.reset()

    def _close(self, now: float, events: list[FlowEvent]) -> None:
        self._stage = FlowStage.CLOSING
        self._clear_timer()
        # The cramp's measured duration ends here: what follows is reading and logging.
        self._stopped_at = now
        events.append(FlowClosed(self._protocol.closing, self._eased))

    def _leave(self, now: float) -> None:
        self._stage = FlowStage.DONE
        self._clear_timer()
        if self._stopped_at is None:
            self._stopped_at = now

    def _check_timer(self, now: float, events: list[FlowEvent]) -> None:
        if self._stage is not FlowStage.STEP or self._deadline is None or self._timer_ended:
            return
        remaining = self._deadline - now
        if remaining <= _EPSILON:
            self._timer_ended = True
            events.append(TimerEnded(self.steps()[self._index]))
            return
        timer = self.steps()[self._index].timer_seconds or 0.0
        cue = self._countdown.due(remaining, timer)
        if cue is not None:
            events.append(cue)

    def _check_urgent(self, now: float, events: list[FlowEvent]) -> None:
        # Still watched on the closing card when the user went past the last step without
        # saying it eased: running out of steps does not mean the cramp stopped.
        if self._urgent_raised or self._eased or self._stage in (FlowStage.CHOOSING, FlowStage.DONE):
            return
        due = self.urgent_deadline()
        if due is not None and now >= due - _EPSILON:
            self._urgent_raised = True
            events.append(UrgentWarning(self._protocol.urgent_message))
