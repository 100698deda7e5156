"""The Player: a pure state machine that plays one compiled routine.

It is driven entirely by its caller. Every method takes the current *monotonic* time
``now`` (seconds, from an injected :class:`~cramp_coach.domain.clock.Clock`) and
returns the cue events that moment caused; the Qt adapter calls :meth:`Player.advance`
from one timer, set for :meth:`Player.next_due` (the next cue or boundary) or the next
change on screen, whichever comes first, and turns the events into speech, sounds and
signals. Nothing here sleeps, starts a timer or reads a clock, so tests simply pass numbers.

The remaining time of a phase is always ``deadline − now``; no counter is decremented
per tick, because a late or skipped tick would then shift the whole schedule. When a
phase runs out, the next one's deadline is the previous *deadline* plus its duration
(not ``now`` plus it), so tick jitter never accumulates over a 20-minute routine. Only
an explicit action by the user (skip, back, restart, done, resume) re-anchors the
schedule at ``now``.

A long gap between calls (the laptop was suspended, the event loop stalled) does not
make the routine race ahead: the Player pauses as of the last moment it saw and lets
the user resume.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Literal, TypeAlias

from cramp_coach.domain.countdown import EPSILON, Countdown, CountdownCues
from cramp_coach.domain.timeline import Phase, Timeline

#: What is said when a routine without its own outro ends.
DEFAULT_OUTRO = "Well done. Sleep well."

_EPSILON = EPSILON


class PlayerStatus(Enum):
    """Where the Player is in its life."""

    READY = "ready"  # built, not started
    RUNNING = "running"  # a timed phase is counting down
    PAUSED = "paused"  # by the user, or by a clock gap
    WAITING = "waiting"  # an untimed phase is waiting for the user's Done
    FINISHED = "finished"  # ran to the end, or was stopped


PauseReason: TypeAlias = Literal["user", "clock_gap"]


@dataclass(frozen=True, slots=True)
class PhaseStarted:
    """A phase began; say ``phase.spoken`` and show ``phase.label``.

    Attributes:
        phase: the phase that began.
        at: the monotonic time it began by the schedule. When a tick arrives late this
            is earlier than the tick's ``now``; the difference is detection latency.
    """

    phase: Phase
    at: float


@dataclass(frozen=True, slots=True)
class RepTick:
    """A new rep (2 to N) began in a phase that ticks at a tempo."""

    rep: int


@dataclass(frozen=True, slots=True)
class Paused:
    """The Player paused, because the user asked or because the clock jumped."""

    reason: PauseReason


@dataclass(frozen=True, slots=True)
class Resumed:
    """The Player resumed after a pause."""


@dataclass(frozen=True, slots=True)
class Finished:
    """The routine ended.

    Attributes:
        spoken: the line to say; empty when the user stopped the routine.
        completed: True when the last phase ran out or was done, False when stopped
            or skipped past the end.
    """

    spoken: str
    completed: bool = True


CueEvent: TypeAlias = PhaseStarted | Countdown | RepTick | Paused | Resumed | Finished


@dataclass(frozen=True, slots=True)
class PlayerState:
    """An immutable picture of the Player at one moment, for screens to render.

    Attributes:
        status: where the Player is.
        phase: the current phase; ``None`` before start and after the end.
        phase_index: index of the current phase (``len(phases)`` once past the last one).
        remaining: seconds left in a timed phase; ``None`` when untimed or no phase.
        phase_elapsed: seconds spent in the current phase.
        current_rep: for a ticking phase the rep in progress, otherwise the phase's
            ``rep``; 0 without a phase.
        elapsed_total: estimated seconds of the routine done (each phase counts at most
            its estimate, so untimed phases cannot push it past the total).
        total_seconds: estimated length of the routine.
        progress: ``elapsed_total / total_seconds``, from 0 to 1.
        completed: True only when the routine ran to its end (not stopped).
        phases_done: how many phases are behind the user.
        deadline: monotonic time the current timed phase ends, while running.
    """

    status: PlayerStatus
    phase: Phase | None
    phase_index: int
    remaining: float | None
    phase_elapsed: float
    current_rep: int
    elapsed_total: float
    total_seconds: float
    progress: float
    completed: bool
    phases_done: int
    deadline: float | None


class Player:
    """Plays a :class:`~cramp_coach.domain.timeline.Timeline` against a caller-supplied clock.

    Every public method takes the monotonic ``now`` and returns the events it caused,
    in the order they happened. Calls with a ``now`` earlier than a previous one are
    treated as happening at that previous moment.

    Navigation (skip, back, restart_exercise) while paused moves to the new phase and
    stays paused, with that phase's full time remaining.
    """

    def __init__(self, timeline: Timeline, *, outro: str | None, gap_threshold: float = 5.0) -> None:
        """Prepare to play ``timeline``.

        Args:
            timeline: the compiled routine.
            outro: the line for the end (the routine's ``outro``); ``None`` for the default.
            gap_threshold: seconds between calls beyond which the Player assumes the
                machine was suspended and pauses instead of catching up.
        """
        self._timeline = timeline
        self._outro = outro or DEFAULT_OUTRO
        self._gap_threshold = gap_threshold
        self._phases = timeline.phases
        # Planned offset of each phase, so elapsed_total needs no per-tick summing.
        offsets = [0.0]
        for phase in self._phases:
            offsets.append(offsets[-1] + phase.estimate_seconds)
        self._offsets = tuple(offsets)
        self._status = PlayerStatus.READY
        self._completed = False
        self._index = 0
        self._last_seen = 0.0
        # While a timed phase runs, its deadline; while an untimed phase waits, when it
        # began. Otherwise (paused, stopped) the frozen remaining/elapsed is in _held.
        self._deadline: float | None = None
        self._since: float | None = None
        self._held = 0.0
        self._final_elapsed = 0.0
        # The countdown and the highest rep already announced in this phase, so each
        # fires once and a stall only reports the latest.
        self._countdown = CountdownCues()
        self._last_rep = 1

    # -- read-only views -------------------------------------------------------------

    @property
    def timeline(self) -> Timeline:
        """The timeline being played."""
        return self._timeline

    @property
    def status(self) -> PlayerStatus:
        """The current status (as of the last call)."""
        return self._status

    def snapshot(self, now: float) -> PlayerState:
        """Return the state at ``now`` without moving the Player.

        Call :meth:`advance` with the same ``now`` first; a snapshot taken past a
        deadline that was not yet advanced shows 0 remaining in the old phase.
        """
        now = max(now, self._last_seen)
        phase = self._current_phase()
        remaining: float | None = None
        elapsed = 0.0
        current_rep = 0
        if phase is not None:
            elapsed = self._phase_elapsed(phase, now)
            if phase.duration is not None:
                remaining = phase.duration - elapsed
            current_rep = _rep_at(phase, elapsed)
        elapsed_total = self._elapsed_total(now)
        total = self._offsets[-1]
        # An empty timeline has no length to divide by; it is either done or not.
        progress = min(1.0, elapsed_total / total) if total > 0 else float(self._completed)
        return PlayerState(
            status=self._status,
            phase=phase,
            phase_index=self._index,
            remaining=remaining,
            phase_elapsed=elapsed,
            current_rep=current_rep,
            elapsed_total=elapsed_total,
            total_seconds=total,
            progress=progress,
            completed=self._completed,
            phases_done=self._index,
            deadline=self._deadline,
        )

    def next_due(self, now: float) -> float | None:
        """The monotonic time of the next event :meth:`advance` will report by itself.

        That is the first of: the phase's deadline, the next rep of a ticking phase, the
        next countdown number. ``None`` when nothing is scheduled (not running: paused,
        waiting for Done, finished). A caller that advances at exactly this time reports
        the event without latency and never needs to poll in between.
        """
        if self._status is not PlayerStatus.RUNNING or self._deadline is None:
            return None
        now = max(now, self._last_seen)
        phase = self._phases[self._index]
        assert phase.duration is not None
        deadline = self._deadline
        due = [deadline]
        if phase.tick_seconds and self._last_rep < phase.reps:
            due.append(deadline - phase.duration + self._last_rep * phase.tick_seconds)
        due.extend(deadline - number for number in self._countdown.pending(phase.duration))
        # Only moments still ahead: one that float rounding left unreported must not
        # make the caller spin; the deadline catches it up.
        ahead = [moment for moment in due if moment > now + _EPSILON]
        return min(ahead) if ahead else deadline

    # -- commands --------------------------------------------------------------------

    def start(self, now: float) -> list[CueEvent]:
        """Start the first phase at ``now``; ignored unless READY."""
        if self._status is not PlayerStatus.READY:
            return []
        self._last_seen = now
        events: list[CueEvent] = []
        if not self._phases:
            self._finish(events, completed=True, spoken=self._outro)
            return events
        self._enter(0, now, events, paused=False)
        self._run(now, events)
        return events

    def advance(self, now: float) -> list[CueEvent]:
        """Bring the Player up to ``now``: cues, phase changes, the end, or a gap pause."""
        events: list[CueEvent] = []
        self._catch_up(now, events)
        return events

    def pause(self, now: float) -> list[CueEvent]:
        """Pause at ``now``, keeping the remaining time exactly; ignored unless playing."""
        events: list[CueEvent] = []
        self._catch_up(now, events)
        if self._status in (PlayerStatus.RUNNING, PlayerStatus.WAITING):
            self._freeze(self._last_seen)
            self._status = PlayerStatus.PAUSED
            events.append(Paused("user"))
        return events

    def resume(self, now: float) -> list[CueEvent]:
        """Resume from a pause, with the remaining time it had; ignored unless PAUSED."""
        if self._status is not PlayerStatus.PAUSED:
            return []
        now = self._see(now)
        events: list[CueEvent] = [Resumed()]
        self._thaw(now)
        # A zero-length phase reached while paused ends the moment play resumes.
        self._run(now, events)
        return events

    def toggle_pause(self, now: float) -> list[CueEvent]:
        """Pause when playing, resume when paused."""
        if self._status is PlayerStatus.PAUSED:
            return self.resume(now)
        return self.pause(now)

    def skip(self, now: float) -> list[CueEvent]:
        """Move to the next phase now; skipping the last phase ends the routine uncompleted."""
        events: list[CueEvent] = []
        if self._catch_up(now, events):
            self._jump(self._index + 1, events)
        return events

    def back(self, now: float) -> list[CueEvent]:
        """Move to the previous phase now, or restart the first phase."""
        events: list[CueEvent] = []
        if self._catch_up(now, events):
            self._jump(max(0, self._index - 1), events)
        return events

    def restart_exercise(self, now: float) -> list[CueEvent]:
        """Restart the current exercise from its first phase (its CHANGE or GET_READY)."""
        events: list[CueEvent] = []
        if self._catch_up(now, events):
            step = self._phases[self._index].step_index
            self._jump(self._timeline.exercise_start(step), events)
        return events

    def done(self, now: float) -> list[CueEvent]:
        """Complete the untimed phase that is WAITING; ignored otherwise."""
        events: list[CueEvent] = []
        self._catch_up(now, events)
        if self._status is PlayerStatus.WAITING:
            self._jump(self._index + 1, events, completing=True)
        return events

    def stop(self, now: float) -> list[CueEvent]:
        """End the routine now without completing it; ignored once FINISHED."""
        events: list[CueEvent] = []
        if self._status is PlayerStatus.READY:
            self._see(now)
        elif not self._catch_up(now, events):
            return events
        self._finish(events, completed=False, spoken="")
        return events

    # -- internals -------------------------------------------------------------------

    def _see(self, now: float) -> float:
        now = max(now, self._last_seen)
        self._last_seen = now
        return now

    def _catch_up(self, now: float, events: list[CueEvent]) -> bool:
        """Process everything up to ``now``; return whether a phase is current afterwards.

        Afterwards ``_last_seen`` is the effective now for whatever the caller does next.
        """
        if self._status in (PlayerStatus.READY, PlayerStatus.FINISHED):
            return False
        if self._status is PlayerStatus.RUNNING and now - self._last_seen > self._gap_threshold:
            # Suspended or stalled: the user was not exercising during the gap, so freeze
            # the phase as it was when we last looked rather than skipping through it.
            self._freeze(self._last_seen)
            self._status = PlayerStatus.PAUSED
            events.append(Paused("clock_gap"))
            self._see(now)
            return True
        now = self._see(now)
        self._run(now, events)
        return self._has_phase()

    def _run(self, now: float, events: list[CueEvent]) -> None:
        """Step through every timed phase whose deadline has passed, then emit cues."""
        while self._status is PlayerStatus.RUNNING and self._deadline is not None:
            deadline = self._deadline
            if deadline - now > _EPSILON:
                break
            if self._index + 1 >= len(self._phases):
                self._index = len(self._phases)
                self._finish(events, completed=True, spoken=self._outro)
                return
            # The next phase starts at this deadline, not at now, so a late tick never
            # shifts the rest of the schedule.
            self._enter(self._index + 1, deadline, events, paused=False)
        if self._status is PlayerStatus.RUNNING:
            self._emit_cues(now, events)

    def _emit_cues(self, now: float, events: list[CueEvent]) -> None:
        phase = self._phases[self._index]
        assert phase.duration is not None
        assert self._deadline is not None
        remaining = self._deadline - now
        elapsed = phase.duration - remaining
        if phase.tick_seconds:
            rep = _rep_at(phase, elapsed)
            if rep > self._last_rep:
                self._last_rep = rep
                events.append(RepTick(rep))
        cue = self._countdown.due(remaining, phase.duration)
        if cue is not None:
            events.append(cue)

    def _jump(self, index: int, events: list[CueEvent], *, completing: bool = False) -> None:
        """Move to ``index`` now (``_last_seen``) by the user's action, keeping a pause in place."""
        now = self._last_seen
        paused = self._status is PlayerStatus.PAUSED
        if index >= len(self._phases):
            self._index = len(self._phases)
            self._finish(events, completed=completing, spoken=self._outro)
            return
        self._enter(index, now, events, paused=paused)
        if not paused:
            self._run(now, events)

    def _enter(self, index: int, at: float, events: list[CueEvent], *, paused: bool) -> None:
        """Make phase ``index`` current as of ``at``."""
        phase = self._phases[index]
        self._index = index
        self._countdown.reset()
        self._last_rep = 1
        self._deadline = None
        self._since = None
        if paused:
            self._held = phase.duration if phase.duration is not None else 0.0
            self._status = PlayerStatus.PAUSED
        elif phase.duration is None:
            self._since = at
            self._status = PlayerStatus.WAITING
        else:
            self._deadline = at + phase.duration
            self._status = PlayerStatus.RUNNING
        events.append(PhaseStarted(phase, at))

    def _finish(self, events: list[CueEvent], *, completed: bool, spoken: str) -> None:
        # Fix elapsed_total for good: a stopped routine keeps how far the user got.
        self._final_elapsed = (
            self._offsets[-1] if self._index >= len(self._phases) else self._elapsed_total(self._last_seen)
        )
        self._deadline = None
        self._since = None
        self._status = PlayerStatus.FINISHED
        self._completed = completed
        events.append(Finished(spoken=spoken, completed=completed))

    def _freeze(self, at: float) -> None:
        """Store the current phase's remaining (timed) or elapsed (untimed) time as of ``at``."""
        if self._deadline is not None:
            self._held = self._deadline - at
        elif self._since is not None:
            self._held = at - self._since
        self._deadline = None
        self._since = None

    def _thaw(self, now: float) -> None:
        """Re-anchor the frozen phase at ``now``."""
        phase = self._phases[self._index]
        if phase.duration is None:
            self._since = now - self._held
            self._status = PlayerStatus.WAITING
        else:
            self._deadline = now + self._held
            self._status = PlayerStatus.RUNNING

    def _has_phase(self) -> bool:
        return self._status not in (PlayerStatus.READY, PlayerStatus.FINISHED)

    def _current_phase(self) -> Phase | None:
        return self._phases[self._index] if self._has_phase() else None

    def _phase_elapsed(self, phase: Phase, now: float) -> float:
        if self._deadline is not None and phase.duration is not None:
            return min(phase.duration, max(0.0, phase.duration - (self._deadline - now)))
        if self._since is not None:
            return max(0.0, now - self._since)
        return self._held_elapsed()

    def _held_elapsed(self) -> float:
        """The frozen elapsed time of the current phase (from _held)."""
        duration = self._phases[self._index].duration
        return self._held if duration is None else max(0.0, duration - self._held)

    def _elapsed_total(self, now: float) -> float:
        if self._status is PlayerStatus.READY:
            return 0.0
        if self._status is PlayerStatus.FINISHED:
            return self._final_elapsed
        phase = self._phases[self._index]
        # Capped per phase so a slow untimed phase cannot push progress past its share.
        return self._offsets[self._index] + min(self._phase_elapsed(phase, now), phase.estimate_seconds)


def _rep_at(phase: Phase, elapsed: float) -> int:
    """Return the rep in progress ``elapsed`` seconds into ``phase``."""
    if not phase.tick_seconds:
        return phase.rep
    return min(phase.reps, int((elapsed + _EPSILON) / phase.tick_seconds) + 1)
