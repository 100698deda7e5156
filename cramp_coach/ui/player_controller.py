"""The Qt adapter around the pure Player: one timer, cues out, diary records.

The controller owns one parented ``QTimer``; each timeout reads the injected
monotonic clock and calls ``Player.advance(now)``. The events that come back are turned
into sounds, speech and signals; the screen only ever renders snapshots. Durations
and what comes next are the timeline's business, never the UI's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from cramp_coach.domain.clock import Clock, WallClock
from cramp_coach.domain.countdown import Countdown
from cramp_coach.domain.diary import SessionStatus
from cramp_coach.domain.player import (
    CueEvent,
    Finished,
    Paused,
    PhaseStarted,
    Player,
    PlayerState,
    PlayerStatus,
    RepTick,
)
from cramp_coach.domain.routine import Routine
from cramp_coach.domain.timeline import PhaseKind, compile_routine
from cramp_coach.ui.audio.sinks import CueSink, SpeechSink
from cramp_coach.ui.diary_recording import DiaryWriter

TICK_MS = 100
# Speech starts just after the phase chime instead of on top of it (the chime is 0.35 s).
SPEECH_AFTER_CHIME = 0.35


class SessionRecorder(Protocol):
    """The part of the diary the player needs (see ``storage/diary_store.py``)."""

    def start_session(self, routine_id: str, title: str, started_at: datetime, phases_total: int) -> int: ...

    def update_session_progress(self, session_id: int, phases_done: int, seconds_done: float) -> None: ...

    def finish_session(
        self, session_id: int, ended_at: datetime, status: SessionStatus, phases_done: int, seconds_done: float
    ) -> None: ...


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """What the finish screen shows."""

    routine: Routine
    completed: bool
    exercises_done: int
    exercises_total: int
    seconds_done: float
    saved: bool


class PlayerController(QObject):
    """Plays one routine at a time.

    Signals:
        state_changed(PlayerState): after every tick or command, with a fresh snapshot.
        phase_started(Phase): a phase began (the screen may animate or flash).
        cue(str): a cue fired ("phase", "count", "tick", "finish"): also the visual fallback.
        finished(SessionSummary): the routine ended (completed or stopped early).
        notice(str): something the user should know that must not stop the routine.
    """

    state_changed = Signal(object)
    phase_started = Signal(object)
    cue = Signal(str)
    finished = Signal(object)
    notice = Signal(str)

    def __init__(
        self,
        clock: Clock,
        wall_clock: WallClock,
        *,
        diary: SessionRecorder | None,
        cues: CueSink | None,
        speech: SpeechSink | None,
        keep_awake: Callable[[bool], None] = lambda _on: None,
        gap_threshold: float = 5.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._wall = wall_clock
        # A failed write is reported once (as a notice) and the diary is left alone after it.
        self._diary = DiaryWriter[SessionRecorder](diary, lambda error: self.notice.emit(str(error)))
        self._cues = cues
        self._speech = speech
        self._keep_awake = keep_awake
        self._gap_threshold = gap_threshold
        self._timer = QTimer(self)
        self._timer.setObjectName("player-tick")
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick)
        self.routine: Routine | None = None
        self.player: Player | None = None
        self._session_id: int | None = None
        self._pending_speech: tuple[float, str] | None = None

    # -- commands ---------------------------------------------------------------------

    def start(self, routine: Routine, *, record: bool = True) -> None:
        """Play ``routine``; ``record=False`` (an editor preview) leaves the diary alone."""
        if self.player is not None and self.player.status is not PlayerStatus.FINISHED:
            self.stop()
        timeline = compile_routine(routine)
        self.routine = routine
        self.player = Player(timeline, outro=routine.outro, gap_threshold=self._gap_threshold)
        if self._speech is not None:
            self._speech.prepare([phase.spoken for phase in timeline.phases] + [routine.outro or ""])
        self._session_id = None
        if record:
            started = self._wall.now()
            self._session_id = self._diary.call(
                lambda diary: diary.start_session(routine.id, routine.title, started, len(timeline.phases))
            )
        self._keep_awake(True)
        self._timer.start()
        self._handle(self.player.start(self._clock.monotonic()))

    def tick(self) -> None:
        if self.player is not None:
            self._handle(self.player.advance(self._clock.monotonic()))
        self._speak_pending()

    def toggle_pause(self) -> None:
        self._command(Player.toggle_pause)

    def pause(self) -> None:
        if self.player is not None and self.player.status in (PlayerStatus.RUNNING, PlayerStatus.WAITING):
            self._command(Player.pause)

    def resume(self) -> None:
        self._command(Player.resume)

    def skip(self) -> None:
        self._command(Player.skip)

    def back(self) -> None:
        self._command(Player.back)

    def restart_exercise(self) -> None:
        self._command(Player.restart_exercise)

    def done(self) -> None:
        self._command(Player.done)

    def stop(self) -> None:
        self._command(Player.stop)

    def attach_diary(self, diary: SessionRecorder | None) -> None:
        """Record sessions in ``diary`` from now on (the diary was repaired and opened again)."""
        self._diary.attach(diary)

    @property
    def active(self) -> bool:
        return self.player is not None and self.player.status is not PlayerStatus.FINISHED

    def snapshot(self) -> PlayerState | None:
        return None if self.player is None else self.player.snapshot(self._clock.monotonic())

    # -- internals --------------------------------------------------------------------

    def _command(self, action: Callable[[Player, float], list[CueEvent]]) -> None:
        if self.player is None or self.player.status is PlayerStatus.FINISHED:
            return
        self._handle(action(self.player, self._clock.monotonic()))

    def _handle(self, events: list[CueEvent]) -> None:
        assert self.player is not None
        for event in events:
            if isinstance(event, PhaseStarted):
                self._cue("phase")
                self._pending_speech = (self._clock.monotonic() + SPEECH_AFTER_CHIME, event.phase.spoken)
                self.phase_started.emit(event.phase)
                self._progress()
            elif isinstance(event, Countdown):
                self._cue("count")
            elif isinstance(event, RepTick):
                self._cue("tick")
            elif isinstance(event, Paused):
                self._pending_speech = None
                if self._speech is not None:
                    self._speech.stop()
                if event.reason == "clock_gap":
                    self.notice.emit("Paused: the clock jumped (was the computer asleep?). Press Resume to go on.")
            elif isinstance(event, Finished):
                self._finish(event)
        self.state_changed.emit(self.player.snapshot(self._clock.monotonic()))

    def _finish(self, event: Finished) -> None:
        self._pending_speech = None
        assert self.player is not None
        assert self.routine is not None
        self._timer.stop()
        self._keep_awake(False)
        state = self.player.snapshot(self._clock.monotonic())
        if event.completed:
            self._cue("finish")
            self._say(event.spoken)
        elif self._speech is not None:
            self._speech.stop()
        status = SessionStatus.COMPLETED if event.completed else SessionStatus.STOPPED
        saved = False
        if self._session_id is not None:
            session_id = self._session_id
            saved = self._diary.write(
                lambda diary: diary.finish_session(
                    session_id, self._wall.now(), status, state.phases_done, state.elapsed_total
                )
            )
        timeline = self.player.timeline
        done_steps = {
            phase.step_index for phase in timeline.phases[: state.phases_done] if phase.kind is PhaseKind.WORK
        }
        self.finished.emit(
            SessionSummary(
                routine=self.routine,
                completed=event.completed,
                exercises_done=len(done_steps),
                exercises_total=timeline.step_count,
                seconds_done=state.elapsed_total,
                saved=saved,
            )
        )

    def _progress(self) -> None:
        if self._session_id is None or self.player is None:
            return
        state = self.player.snapshot(self._clock.monotonic())
        session_id = self._session_id
        self._diary.write(
            lambda diary: diary.update_session_progress(session_id, state.phases_done, state.elapsed_total)
        )

    def _cue(self, name: str) -> None:
        self.cue.emit(name)
        if self._cues is not None:
            self._cues.play(name)

    def _speak_pending(self) -> None:
        if self._pending_speech is not None and self._clock.monotonic() >= self._pending_speech[0]:
            text = self._pending_speech[1]
            self._pending_speech = None
            self._say(text)

    def _say(self, text: str) -> None:
        if self._speech is not None and text:
            self._speech.say(text)
