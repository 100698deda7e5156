"""The Qt adapter around the pure Cramp-now flow: one timer, sound and speech out, diary rows.

The controller owns one parented ``QTimer``; each timeout reads the injected monotonic
clock and calls ``CrampFlow.advance(now)``. The events that come back are turned into
cues, speech, diary writes and signals; the screen only shows pages and renders
snapshots. Like :class:`~cramp_coach.ui.player_controller.PlayerController`, it writes
through one :class:`~cramp_coach.ui.diary_recording.DiaryWriter`.

Diary truth, in order:

- :meth:`CrampController.open` records an episode at once (no location yet), so a cramp
  is never lost because the person fell asleep before logging it;
- its duration is rewritten at every step, every :data:`DIARY_UPDATE_SECONDS` during a
  long one, and on leaving;
- leaving the location picker within a few seconds of opening
  (:meth:`CrampFlow.opened_by_mistake`) deletes that episode again and emits
  :attr:`CrampController.not_recorded` with what :meth:`CrampController.undo_not_recorded`
  needs to put it back;
- the log page saves exactly the duration it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QObject, QTimer, Signal

from cramp_coach.domain.clock import Clock, WallClock
from cramp_coach.domain.countdown import Countdown
from cramp_coach.domain.cramp_flow import (
    CrampFlow,
    FlowClosed,
    FlowEvent,
    FlowStage,
    FlowState,
    StandGateReached,
    StepStarted,
    TimerEnded,
    UrgentWarning,
)
from cramp_coach.domain.cramp_log import LogAnswers
from cramp_coach.domain.diary import Leg
from cramp_coach.domain.protocol import CrampLocation, CrampProtocol
from cramp_coach.storage.database import StorageError
from cramp_coach.ui.audio.sinks import CueSink, SpeechSink
from cramp_coach.ui.diary_recording import DiaryWriter

if TYPE_CHECKING:  # the store itself is imported after the first paint, by the app
    from cramp_coach.storage.diary_store import DeletedEntry

#: How often the flow is advanced. 200 ms keeps the ring's seconds on time to the eye
#: while costing nothing; the flow's deadlines make a late tick harmless.
TICK_MS = 200

#: How often the episode's duration is written while a long step runs (seconds).
DIARY_UPDATE_SECONDS = 30.0

# What the controller says in its own words: a prompt, never first-aid content (that, and
# the stand-gate question, come from the protocol file).
TIME_UP = "Time's up. Tap Next when you're ready."


class EpisodeRecorder(Protocol):
    """The part of the diary Cramp now writes (see ``storage/diary_store.py``)."""

    def start_episode(self, started_at: datetime) -> int: ...

    def finish_episode(self, episode_id: int, *, duration_seconds: float, eased: bool | None) -> None: ...

    def note_episode_location(self, episode_id: int, location: CrampLocation) -> None: ...

    def log_episode(
        self,
        episode_id: int,
        *,
        leg: Leg | None,
        location: CrampLocation | None,
        pain: int | None,
        note: str = "",
        duration_seconds: float | None = None,
    ) -> None: ...

    def delete_episode(self, episode_id: int) -> DeletedEntry: ...

    def restore(self, deleted: DeletedEntry) -> int: ...


class CrampController(QObject):
    """Runs one Cramp-now episode at a time.

    Signals:
        step_started(StepStarted): show this step (also after Repeat).
        gate_reached(): ask "Can you stand safely?".
        urgent(str): the cramp has lasted too long: show this message.
        flow_closed(FlowClosed): show the closing card.
        changed(): after every tick or command: render a fresh :meth:`snapshot`.
        notice(str): something the user should know that must not stop anything.
        not_recorded(object): the episode was opened by mistake and deleted; the value
            goes back to :meth:`undo_not_recorded`.
    """

    step_started = Signal(object)
    gate_reached = Signal()
    urgent = Signal(str)
    flow_closed = Signal(object)
    changed = Signal()
    notice = Signal(str)
    not_recorded = Signal(object)

    def __init__(
        self,
        protocol: CrampProtocol,
        cannot_stand: Callable[[], bool],
        clock: Clock,
        wall_clock: WallClock,
        *,
        diary: EpisodeRecorder | None,
        cues: CueSink | None,
        speech: SpeechSink | None,
        keep_awake: Callable[[bool], None] = lambda _on: None,
        parent: QObject | None = None,
    ) -> None:
        """Args:
        protocol: the validated Cramp-now protocol.
        cannot_stand: reads the setting "I can't stand safely at night" when a location is
            chosen, so a change in the settings applies to the next cramp.
        clock: the monotonic clock the flow runs on.
        wall_clock: stamps the diary's episode start.
        diary: where episodes go; ``None`` until the diary is open (see :meth:`attach_diary`).
        cues: short sounds ("phase", "count", "finish"); ``None`` for silence.
        speech: spoken guidance; ``None`` for silence.
        keep_awake: called with True while the steps run and False after.
        parent: the owning object.
        """
        super().__init__(parent)
        self.protocol = protocol
        self._cannot_stand = cannot_stand
        self._clock = clock
        self._wall = wall_clock
        self._diary = DiaryWriter[EpisodeRecorder](diary, self._diary_failed)
        self._cues = cues
        self._speech = speech
        self._keep_awake = keep_awake
        self.flow: CrampFlow | None = None
        self.picked: CrampLocation | None = None  # None: "not sure" (or nothing yet)
        self._episode_id: int | None = None
        self._opened_wall: datetime | None = None
        self._last_diary_write = 0.0
        self._timer = QTimer(self)
        self._timer.setObjectName("cramp-tick")
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick)

    # -- wiring ---------------------------------------------------------------------------

    def attach_sound(self, cues: CueSink | None, speech: SpeechSink | None) -> None:
        """Add sound once it is ready (the app builds it after the first frame)."""
        self._cues = cues
        self._speech = speech

    def attach_diary(self, diary: EpisodeRecorder | None) -> None:
        """Add the diary once it is open; a cramp opened before that is recorded now, with its real start."""
        self._diary.attach(diary)
        if self.flow is not None and self._episode_id is None and self.flow.stage is not FlowStage.DONE:
            self._start_episode()
            self._finish_episode()

    def set_protocol(self, protocol: CrampProtocol) -> None:
        """Follow the catalog: the next cramp uses ``protocol``; a running one keeps the steps it started with."""
        self.protocol = protocol

    # -- reading --------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        """True from :meth:`open` until the flow is left (Home, the log, or abandoned)."""
        return self.flow is not None and self.flow.stage is not FlowStage.DONE

    @property
    def running(self) -> bool:
        """True while the step timer runs (a location was chosen and the flow not left)."""
        return self._timer.isActive()

    @property
    def can_log(self) -> bool:
        """Whether the log page can save anything: an episode exists and the diary works."""
        return self._episode_id is not None and self._diary.usable

    def snapshot(self) -> FlowState | None:
        return None if self.flow is None else self.flow.snapshot(self._clock.monotonic())

    def current_protocol(self) -> CrampProtocol:
        """The protocol of the running flow (which may predate :meth:`set_protocol`)."""
        return self.flow.protocol if self.flow is not None else self.protocol

    # -- commands -------------------------------------------------------------------------

    def open(self, *, at: tuple[float, datetime] | None = None) -> None:
        """A new cramp: record it at once, before any location is chosen.

        ``at`` is the (monotonic, wall-clock) moment the screen opened when that was
        earlier than now (a cold ``--emergency`` start builds this controller only after
        its first frame).
        """
        self.abandon()
        self._diary.reset()
        now = self._clock.monotonic()
        opened, self._opened_wall = at if at is not None else (now, self._wall.now())
        self.flow = CrampFlow(self.protocol, cannot_stand_at_night=self._cannot_stand(), opened_at=opened)
        self.picked = None
        self._episode_id = None
        self._start_episode()
        self._last_diary_write = now
        if self._speech is not None:
            self._speech.stop()
            # Render the first line of every location now, while the user decides.
            self._speech.prepare(
                [plan.steps[0].say for plan in self.protocol.locations if plan.steps]
                + [self.protocol.stand_gate.say, TIME_UP]
            )
        self.changed.emit()

    def choose_location(self, location: CrampLocation | None) -> None:
        """Start the steps for ``location`` (``None``: "not sure")."""
        if self.flow is None or self.flow.stage is not FlowStage.CHOOSING:
            return
        self.picked = location
        if self._speech is not None:
            protocol = self.flow.protocol
            chosen = protocol.default_location if location is None else location
            steps = protocol.steps_for(chosen, can_stand=True)
            self._speech.prepare([step.say for step in steps] + [protocol.closing.say, protocol.urgent_message])
        self._run_timer(True)
        now = self._clock.monotonic()
        episode_id = self._episode_id
        if location is not None and episode_id is not None:
            # Known from now on, even if the log page never comes ("Not sure" stays unknown).
            self._diary.write(lambda diary: diary.note_episode_location(episode_id, location))
        self._handle(self.flow.choose_location(location, now, cannot_stand_at_night=self._cannot_stand()))

    def tick(self) -> None:
        """Advance the flow to the clock's now (the QTimer's slot; tests call it directly)."""
        if self.flow is None:
            return
        now = self._clock.monotonic()
        self._handle(self.flow.advance(now))
        if self.running and now - self._last_diary_write >= DIARY_UPDATE_SECONDS:
            self._finish_episode()

    def next(self) -> None:
        """Next step, the gate or the closing card (from the closing card: see :meth:`finish_steps`)."""
        self._command(CrampFlow.next)

    def repeat(self) -> None:
        self._command(CrampFlow.repeat)

    def eased(self) -> None:
        self._command(CrampFlow.eased)

    def stand_choice(self, can_stand: bool) -> None:
        self._command(lambda flow, now: flow.stand_choice(can_stand, now))

    def finish_steps(self) -> float:
        """Leave the closing card for the log: stop the clocks, write the duration, return it (seconds)."""
        if self.flow is None:
            return 0.0
        if self.flow.stage is FlowStage.CLOSING:
            self._handle(self.flow.next(self._clock.monotonic()))
        self._run_timer(False)
        self._finish_episode()
        state = self.snapshot()
        return 0.0 if state is None else state.elapsed

    def save_log(self, answers: LogAnswers) -> bool:
        """Write the log page's answers, the duration exactly as shown; False when it could not be saved."""
        episode_id = self._episode_id
        if episode_id is None or not self._diary.usable:
            return False
        return self._diary.write(
            lambda diary: diary.log_episode(
                episode_id,
                leg=answers.leg,
                location=answers.location,
                pain=answers.pain,
                note=answers.note,
                duration_seconds=answers.duration_seconds,
            )
        )

    def abandon(self) -> None:
        """Stop everything of a flow the user walked away from, recording its duration.

        Left from the location picker within seconds of opening, the episode is deleted
        instead, and :attr:`not_recorded` offers to put it back.
        """
        self._run_timer(False)
        if self._speech is not None:
            self._speech.stop()
        if self.flow is None or self.flow.stage is FlowStage.DONE:
            return
        now = self._clock.monotonic()
        mistake = self.flow.opened_by_mistake(now)
        self.flow.leave(now)
        if mistake and self._episode_id is not None:
            episode_id = self._episode_id
            deleted = self._diary.call(lambda diary: diary.delete_episode(episode_id))
            if deleted is not None:
                self._episode_id = None
                self.not_recorded.emit(deleted)
                return
        self._finish_episode()

    def undo_not_recorded(self, deleted: object) -> None:
        """Put back an episode :meth:`abandon` deleted as opened by mistake (the value it emitted)."""
        entry = cast("DeletedEntry", deleted)
        self._diary.write(lambda diary: diary.restore(entry))

    # -- internals ------------------------------------------------------------------------

    def _command(self, action: Callable[[CrampFlow, float], list[FlowEvent]]) -> None:
        if self.flow is None or self.flow.stage is FlowStage.DONE:
            return
        self._handle(action(self.flow, self._clock.monotonic()))

    def _handle(self, events: list[FlowEvent]) -> None:
        assert self.flow is not None
        protocol = self.flow.protocol
        for event in events:
            if isinstance(event, StepStarted):
                self.step_started.emit(event)
                self._cue("phase")
                self._say(event.step.say)
                self._finish_episode()
            elif isinstance(event, Countdown):
                self._cue("count")
            elif isinstance(event, TimerEnded):
                self._cue("finish")
                self._say(TIME_UP)
                self._finish_episode()
            elif isinstance(event, StandGateReached):
                self.gate_reached.emit()
                self._say(protocol.stand_gate.say)
                self._finish_episode()
            elif isinstance(event, UrgentWarning):
                self.urgent.emit(event.message)
                self._cue("phase")
                self._say(event.message)
            elif isinstance(event, FlowClosed):
                self.flow_closed.emit(event)
                self._say(event.step.say)
                self._finish_episode()
        self.changed.emit()

    def _start_episode(self) -> None:
        started = self._opened_wall
        if started is not None:
            self._episode_id = self._diary.call(lambda diary: diary.start_episode(started))

    def _finish_episode(self) -> None:
        if self.flow is None or self._episode_id is None:
            return
        episode_id = self._episode_id
        state = self.flow.snapshot(self._clock.monotonic())
        self._last_diary_write = self._clock.monotonic()
        # eased stays unknown (None) rather than False until the user says so.
        eased = True if state.eased else None
        self._diary.write(lambda diary: diary.finish_episode(episode_id, duration_seconds=state.elapsed, eased=eased))

    def _diary_failed(self, error: StorageError) -> None:
        self.notice.emit(f"This cramp could not be saved in the diary. {error}")

    def _run_timer(self, on: bool) -> None:
        if on == self._timer.isActive():
            return
        if on:
            self._timer.start()
        else:
            self._timer.stop()
        self._keep_awake(on)

    def _cue(self, name: str) -> None:
        if self._cues is not None:
            self._cues.play(name)

    def _say(self, text: str) -> None:
        if self._speech is not None and text:
            self._speech.say(text)
