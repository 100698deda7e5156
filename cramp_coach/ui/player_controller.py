"""The Qt adapter around the pure Player: one timer, cues out, diary records.

The controller owns one parented single-shot ``QTimer``; each timeout reads the
injected monotonic clock and calls ``Player.advance(now)``. The events that come back
are turned into sounds, speech and signals; the screen only ever renders snapshots.
Durations and what comes next are the timeline's business, never the UI's.

The timer is not a fixed 10 Hz tick. After every snapshot it is set for the first of:
the Player's next event (:meth:`Player.next_due`: a phase boundary, a rep, a countdown
number: a precise timer, so cues are on time to the millisecond), the moment a view
said its display next changes (:meth:`PlayerController.redraw_in`: no sooner than
:data:`MIN_FRAME` apart, a coarse timer) or a pending spoken line, and at most
:data:`MAX_WAIT` away. Paused, it does not run at all.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from cramp_coach.domain.clock import Clock, ScaledClock, WallClock
from cramp_coach.domain.countdown import Countdown
from cramp_coach.domain.diary import SessionStatus
from cramp_coach.domain.display_cadence import DisplayChange
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

# Real seconds. A view's redraws come at most this often: the ring's arc then moves in
# steps of a few pixels, smooth enough for a countdown (Cramp now's ring moves five
# times a second). Every wake-up costs far more than the work it does (measured in
# benchmarks/routine_resources.py: about 0.08 % of a core per redraw a second, on a busy
# machine), so this rate, not the drawing, sets what a playing routine costs.
MIN_FRAME = 0.15
# The timer sleeps at most this long even when nothing is due, so a suspended machine
# is noticed (a gap pauses the routine).
MAX_WAIT = 1.0
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
        state_changed(PlayerState): after every tick or command, with a fresh snapshot;
            a view may answer with :meth:`redraw_in`.
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
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.tick)
        # What the views asked for in answer to the latest snapshot (clock seconds).
        self._redraw_words: float | None = None
        self._redraw_motion: float | None = None
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
        self._handle(self.player.start(self._clock.monotonic()))
        self._reschedule()

    def tick(self) -> None:
        if self.player is not None:
            self._handle(self.player.advance(self._clock.monotonic()))
        self._speak_pending()
        self._reschedule()

    def redraw_in(self, change: DisplayChange) -> None:
        """A view showing the latest snapshot changes after ``change`` (clock seconds).

        Asked while ``state_changed`` is being emitted. The next tick comes when its
        digits change, or when its ring or bar moves, but for a move no sooner than
        :data:`MIN_FRAME` after this one.
        """
        words, motion = self._redraw_words, self._redraw_motion
        if change.words is not None and (words is None or change.words < words):
            self._redraw_words = change.words
        if change.motion is not None and (motion is None or change.motion < motion):
            self._redraw_motion = change.motion

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
        self._reschedule()

    def _reschedule(self) -> None:
        """Set the timer for the next moment anything is due or shown differently."""
        player = self.player
        if player is None or player.status in (PlayerStatus.FINISHED, PlayerStatus.READY):
            self._timer.stop()
            return
        now = self._clock.monotonic()
        # Waits are in clock seconds; a sped-up clock (a 10x preview) needs them shorter.
        scale = self._clock.scale if isinstance(self._clock, ScaledClock) else 1.0
        waits: list[tuple[float, bool]] = []  # (real seconds, precise)
        due = player.next_due(now)
        if due is not None:
            waits.append(((due - now) / scale, True))
        if self._pending_speech is not None:
            waits.append(((self._pending_speech[0] - now) / scale, False))
        if self._redraw_words is not None:
            waits.append((self._redraw_words / scale, False))
        if self._redraw_motion is not None:
            waits.append((max(self._redraw_motion / scale, MIN_FRAME), False))
        if player.status is PlayerStatus.PAUSED and not waits:
            self._timer.stop()  # nothing moves until the user resumes
            return
        wait = min((seconds for seconds, _ in waits), default=MAX_WAIT)
        # A cue due in the same millisecond as a redraw needs the precise timer.
        precise = any(exact for seconds, exact in waits if seconds <= wait + 0.001)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer if precise else Qt.TimerType.CoarseTimer)
        # Whole milliseconds rounded up (a timer that fired early would find nothing due
        # and have to go again), but not for float dust: 150.000000001 ms is 150.
        self._timer.start(max(1, math.ceil(min(wait, MAX_WAIT) * 1000 - 1e-6)))

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
        self._redraw_words = self._redraw_motion = None  # the views say again, from this snapshot
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
        # A microsecond early still counts: the timer was set in whole milliseconds.
        if self._pending_speech is not None and self._clock.monotonic() >= self._pending_speech[0] - 1e-6:
            text = self._pending_speech[1]
            self._pending_speech = None
            self._say(text)

    def _say(self, text: str) -> None:
        if self._speech is not None and text:
            self._speech.say(text)
