"""The routine player: what to do now, a big countdown, and what comes next.

Everything shown comes from a :class:`~cramp_coach.domain.player.PlayerState`
snapshot and the compiled timeline; the screen computes no durations. Keys: Space
pauses/resumes, → skips, ← goes back, Enter is Done on untimed reps, Esc asks before
stopping.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QVBoxLayout, QWidget

from cramp_coach.domain.display_cadence import next_display_change
from cramp_coach.domain.player import PlayerState, PlayerStatus
from cramp_coach.domain.routine import Exercise
from cramp_coach.domain.timeline import Phase, PhaseKind
from cramp_coach.domain.wording import clock_text
from cramp_coach.ui.fitting import is_compact
from cramp_coach.ui.illustration import Illustration
from cramp_coach.ui.main_window import Screen
from cramp_coach.ui.player_controller import PlayerController
from cramp_coach.ui.screens.player_layout import PlayerBody
from cramp_coach.ui.theme import Palette
from cramp_coach.ui.widgets.adaptive import AdaptiveRow, Column
from cramp_coach.ui.widgets.common import button, card, label, restyle, set_role
from cramp_coach.ui.widgets.countdown_ring import CountdownRing
from cramp_coach.ui.widgets.steady_label import SteadyLabel

KIND_BADGE = {
    PhaseKind.GET_READY: ("Get ready", "ready"),
    PhaseKind.CHANGE: ("Get into position", "ready"),
    PhaseKind.WORK: ("Exercise", "work"),  # not "Stretch": heel raises strengthen
    PhaseKind.REST: ("Rest", "rest"),
    PhaseKind.SET_REST: ("Rest between sets", "rest"),
    PhaseKind.SWITCH_SIDES: ("Switch sides", "switch"),
}


PROGRESS_STEPS = 250

# Shown during rests instead of repeating the word "Rest" a third time.
REST_LINE = "Relax the leg and breathe normally."


@functools.cache  # the same few labels are compared on every tick
def _plain(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


class PlayerScreen(Screen):
    """Plays the routine the controller was started with.

    Signals:
        stopped_early(): the user confirmed Stop (the controller has already stopped).
    """

    stopped_early = Signal()

    def __init__(
        self,
        controller: PlayerController,
        palette: Callable[[], Palette],
        resolve_asset: Callable[[str], Path | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("player")
        self._controller = controller
        self._palette = palette
        self._resolve_asset = resolve_asset
        # The words (and pictures) change per phase; look each picture up on disk once per routine.
        self._asset_paths: dict[str, Path | None] = {}
        self._assets_for: object = None
        self._resume_after_confirm = False
        self._words_shown: tuple[object, ...] = ()
        self._phase_shown: tuple[object, ...] = ()  # the phase, status and theme the words show
        self._time_left_shown = ""
        self._progress_shown = -1

        self.badge = label("", "badge", wrap=False)
        self.position = label("", "muted", wrap=False)
        # Heading size, not title size: at the Largest text size a title-size name took
        # three lines; the ring is the big thing on this screen.
        self.title = label("", "heading")
        self.title.setAccessibleName("Exercise")
        self.illustration = Illustration()
        self.illustration.setAccessibleName("Illustration of the exercise")
        self._picture: tuple[Path | None, Palette] | None = None
        self.ring = CountdownRing()
        self.counters = label("", "heading")
        self.counters.setAccessibleName("Where you are")
        self.instruction = label("", "big")
        self.instruction.setAccessibleName("Instruction")
        # The step's note (from the routine) under the instruction, and the exercise's
        # cautions: shown on their own while getting ready or changing position, and
        # at any time with C or the Cautions button. Large print, like the instruction.
        self.note = label("", "note")
        self.note.setAccessibleName("Note")
        self.cautions_box = card()
        self.cautions_box.setProperty("tone", "caution")
        self.cautions_title = label("Take care", "heading")
        self.cautions_text = label("", "big")
        self.cautions_text.setAccessibleName("Cautions")
        cautions_layout = QVBoxLayout(self.cautions_box)
        cautions_layout.setContentsMargins(20, 14, 20, 14)
        cautions_layout.addWidget(self.cautions_title)
        cautions_layout.addWidget(self.cautions_text)
        # None: the phase decides; True/False: the person asked to see or hide them.
        self._cautions_asked: bool | None = None
        self.next_up = label("", "muted")
        self.next_up.setAccessibleName("What comes next")
        # Cautions straight under the name: a safety line is read before the instruction.
        self.words = Column(
            self.title, self.cautions_box, self.counters, self.instruction, self.note, self.next_up, spacing=12
        )
        self.words.box.addStretch(1)
        self.body = PlayerBody(self.words, self.ring, self.illustration)
        self.progress = QProgressBar()
        # 250 steps: a step is several pixels at most, and the bar repaints (a styled
        # widget, dear to paint) every couple of seconds, not on every tick.
        self.progress.setRange(0, PROGRESS_STEPS)
        self.progress.setAccessibleName("Progress through the routine")
        self.time_left = SteadyLabel("muted")
        self.notice = label("", "notice")
        self.notice.hide()

        self.back_button = button("← Back", accessible="Back to the previous phase")
        self.pause_button = button("Pause", "primary", accessible="Pause")
        self.skip_button = button("Skip →", accessible="Skip to the next phase")
        self.cautions_button = button("Cautions", accessible="Show or hide the cautions for this exercise (C)")
        self.cautions_button.setCheckable(True)
        self.stop_button = button("Stop", "quiet", accessible="Stop the routine")
        self.done_button = button("Done", "primary", accessible="Done: I finished these reps")
        self.done_button.hide()
        self.back_button.clicked.connect(controller.back)
        self.pause_button.clicked.connect(controller.toggle_pause)
        self.skip_button.clicked.connect(controller.skip)
        self.cautions_button.clicked.connect(self.toggle_cautions)
        self.stop_button.clicked.connect(self.ask_stop)
        self.done_button.clicked.connect(controller.done)

        self.confirm = card()
        self.confirm.hide()
        self.keep_going_button = button("Keep going", "primary", accessible="Keep going with the routine")
        self.end_now_button = button("End routine", accessible="End the routine now")
        self.keep_going_button.clicked.connect(self.cancel_stop)
        self.end_now_button.clicked.connect(self.confirm_stop)
        question = Column(
            label("End the routine now?", "heading"), label("What you did so far is kept in the diary.", "muted")
        )
        confirm_row = AdaptiveRow(spacing=16)
        confirm_row.add(question, 2, chars=22)
        confirm_row.add(self.keep_going_button, 1)
        confirm_row.add(self.end_now_button, 1)
        confirm_layout = QVBoxLayout(self.confirm)
        confirm_layout.setContentsMargins(24, 16, 24, 16)
        confirm_layout.addWidget(confirm_row)

        header = QHBoxLayout()
        header.addWidget(self.badge)
        header.addStretch(1)
        header.addWidget(self.position)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.time_left)
        # The controls stay below the body at every size (they never scroll); on a
        # narrow window they take two lines rather than squeezing their words.
        self.controls = AdaptiveRow(spacing=16)
        self.controls.add(self.back_button, 2)
        self.controls.add(self.pause_button, 3)
        self.controls.add(self.done_button, 3)
        self.controls.add(self.skip_button, 2)
        self.controls.add(self.cautions_button, 2)
        self.controls.add(self.stop_button, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 20, 36, 20)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addWidget(self.body, 1)
        layout.addLayout(progress_row)
        layout.addWidget(self.notice)
        layout.addWidget(self.confirm)
        layout.addWidget(self.controls)
        # Only now, with a parent: a parentless widget made visible becomes a window of its own.
        self.note.hide()
        self.cautions_box.hide()

        # Shortcuts on the screen, so Space means pause even when a button has focus.
        for key, slot in (
            (Qt.Key.Key_Space, controller.toggle_pause),
            (Qt.Key.Key_Right, controller.skip),
            (Qt.Key.Key_Left, controller.back),
            (Qt.Key.Key_Escape, self._on_escape),
            (Qt.Key.Key_Return, self._on_enter),
            (Qt.Key.Key_Enter, self._on_enter),
            (Qt.Key.Key_C, self.toggle_cautions),
        ):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        controller.state_changed.connect(self.show_state)
        controller.notice.connect(self.show_notice)

    # -- stop confirmation ------------------------------------------------------------

    def ask_stop(self) -> None:
        state = self._controller.snapshot()
        self._resume_after_confirm = state is not None and state.status in (
            PlayerStatus.RUNNING,
            PlayerStatus.WAITING,
        )
        self._controller.pause()
        # The question takes the place of the controls, header and progress bar, so the
        # ring keeps its room on a short screen.
        self._show_chrome(False)
        self.confirm.show()
        self.keep_going_button.setFocus()

    def cancel_stop(self) -> None:
        self.confirm.hide()
        self._show_chrome(True)
        if self._resume_after_confirm:
            self._controller.resume()
        self.pause_button.setFocus()

    def confirm_stop(self) -> None:
        self.confirm.hide()
        self._show_chrome(True)
        self._controller.stop()
        self.stopped_early.emit()

    def _on_escape(self) -> None:
        if self.confirm.isVisible():
            self.cancel_stop()
        else:
            self.ask_stop()

    def _on_enter(self) -> None:
        if self.confirm.isVisible():
            (self.end_now_button if self.end_now_button.hasFocus() else self.keep_going_button).click()
        elif self.done_button.isVisible():
            self._controller.done()
        else:
            focused = self.focusWidget()
            if focused is not None and hasattr(focused, "click"):
                focused.click()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_print()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # a new text size
            self._fit_print()

    def _fit_print(self) -> None:
        """The cautions in large print when the window has room for it, at the person's own
        text size when it has not (the Largest text on a laptop): then the side, the set and
        the instruction under them stay in sight instead of scrolling away."""
        body = self.fontInfo().pixelSize()
        small = is_compact(self.width(), self.height(), body_px=body, banner_shown=False)
        set_role(self.cautions_text, "" if small else "big")

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)  # type: ignore[arg-type]
        # The main action has the focus, so Enter does the obvious thing.
        (self.done_button if self.done_button.isVisible() else self.pause_button).setFocus()

    def _show_chrome(self, shown: bool) -> None:
        for widget in (self.controls, self.badge, self.position, self.progress, self.time_left):
            widget.setVisible(shown)

    def toggle_cautions(self) -> None:
        """C or the Cautions button: show the exercise's cautions now (or hide them again)."""
        if not self.cautions_text.text():
            return
        self._cautions_asked = not self.cautions_box.isVisible()
        self.cautions_box.setVisible(self._cautions_asked)
        self.cautions_button.setChecked(self._cautions_asked)
        self._words_shown = ()
        self.body.relayout()

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    # -- rendering --------------------------------------------------------------------

    def show_state(self, state: PlayerState) -> None:
        """Render a snapshot: the words once per phase, status and theme; the numbers each time."""
        routine = self._controller.routine
        player = self._controller.player
        if routine is None or player is None or state.phase is None:
            return
        palette = self._palette()
        # Ten snapshots a second at most, but the words change only with the phase, a
        # pause or the theme: everything else here is the countdown's few numbers.
        phase_key = (player, state.phase.index, state.status, palette)
        if phase_key != self._phase_shown:
            self._phase_shown = phase_key
            self._show_phase(state, palette)
        self._show_numbers(state)
        self._controller.redraw_in(
            next_display_change(state, arc_steps=self.ring.arc_steps(), bar_steps=PROGRESS_STEPS)
        )

    def _show_numbers(self, state: PlayerState) -> None:
        """The ring, the progress bar and the time left: what moves while a phase plays."""
        phase = state.phase
        assert phase is not None
        remaining = state.remaining or 0.0
        if phase.duration is None:
            self.ring.set_state(1.0, str(phase.reps), "reps")
        elif phase.tick_seconds:
            self.ring.set_state(remaining / phase.duration, str(state.current_rep), f"of {phase.reps} reps")
        else:
            self.ring.set_state(remaining / phase.duration if phase.duration else 0.0, str(math.ceil(remaining)))
        progress = int(state.progress * PROGRESS_STEPS)
        if progress != self._progress_shown:
            self._progress_shown = progress
            self.progress.setValue(progress)
        time_left = self._time_left_text(state.total_seconds - state.elapsed_total)
        if time_left != self._time_left_shown:  # a label told its own text again still relayouts
            self._time_left_shown = time_left
            self.time_left.setText(time_left)

    def _show_phase(self, state: PlayerState, palette: Palette) -> None:
        routine = self._controller.routine
        player = self._controller.player
        phase = state.phase
        assert routine is not None
        assert player is not None
        assert phase is not None
        if player is not self._assets_for:  # each start: its pictures may be new files
            self._asset_paths.clear()
            self._assets_for = player
        exercise = routine.steps[phase.step_index].exercise
        badge_text, badge_kind = KIND_BADGE[phase.kind]
        if state.status is PlayerStatus.PAUSED:
            badge_text = "Paused"
        self.badge.setText(badge_text)
        if self.badge.property("phase") != badge_kind:
            self.badge.setProperty("phase", badge_kind)
            restyle(self.badge)
        # Room for the longest time left (the routine's whole length; 8 is the widest digit).
        self.time_left.set_widest(
            "".join("8" if ch.isdigit() else ch for ch in self._time_left_text(state.total_seconds))
        )
        steps = player.timeline.step_count
        self.position.setText(f"Exercise {phase.step_index + 1} of {steps}")
        self.title.setText(self._title(phase, exercise))
        path = self._asset(exercise.illustration) if exercise.illustration else None
        if self._picture != (path, palette):
            self._picture = (path, palette)
            self.illustration.show_file(path, palette, exercise.name)
            self.body.set_has_picture(self.illustration.picture is not None)

        # The badge's colour (app.qss): the accent for getting ready and working, in either
        # theme (the focus colour is blue by day: it marks the keyboard focus, not a phase).
        ring_colour = {"rest": palette.rest, "switch": palette.switch}.get(badge_kind, palette.accent)
        # The page's own colour: the ring paints it and is opaque, so its ten changes a
        # second repaint a few of its own pixels, never the page behind it.
        self.ring.set_colours(ring_colour, palette.border, palette.text, palette.bg)

        counters = phase.label if _plain(phase.label) not in (_plain(self.title.text()), _plain(badge_text)) else ""
        instruction = self._instruction(phase, exercise, routine.intro)
        if _plain(instruction) in (_plain(counters), _plain(self.title.text())):
            instruction = REST_LINE if phase.kind in (PhaseKind.REST, PhaseKind.SET_REST) else exercise.cue
        self.counters.setText(counters)
        self.counters.setVisible(bool(counters))
        self.instruction.setText(instruction)
        step = routine.steps[phase.step_index]
        self._show_note_and_cautions(step.note or "", exercise, phase)
        self.next_up.setText(self._next_text(player.timeline.phases, phase))

        paused = state.status is PlayerStatus.PAUSED
        self.pause_button.setText("Resume" if paused else "Pause")
        self.pause_button.setAccessibleName("Resume" if paused else "Pause")
        waiting = phase.duration is None
        self.done_button.setVisible(waiting)
        self.pause_button.setVisible(not waiting)
        # Texts may have changed length: the body decides again where the words go.
        words = (self.title.text(), self.counters.text(), instruction, self.note.text(), self.cautions_box.isVisible())
        if words != self._words_shown:
            self._words_shown = words
            self.body.relayout()

    def _show_note_and_cautions(self, note: str, exercise: Exercise, phase: Phase) -> None:
        self.note.setText(note)
        self.note.setVisible(bool(note))
        cautions = "\n".join(f"• {line}" for line in exercise.cautions)
        if cautions != self.cautions_text.text():
            self.cautions_text.setText(cautions)
            self._cautions_asked = None  # a new exercise: its cautions show at get-ready, or on request
        self.cautions_button.setVisible(bool(cautions))
        before_moving = phase.kind in (PhaseKind.GET_READY, PhaseKind.CHANGE)
        asked = self._cautions_asked
        shown = bool(cautions) and (before_moving if asked is None else asked)
        self.cautions_box.setVisible(shown)
        self.cautions_button.setChecked(shown)

    def _asset(self, name: str) -> Path | None:
        if name not in self._asset_paths:
            self._asset_paths[name] = self._resolve_asset(name)
        return self._asset_paths[name]

    @staticmethod
    def _time_left_text(seconds: float) -> str:
        return f"{clock_text(seconds)} left"

    @staticmethod
    def _title(phase: Phase, exercise: Exercise) -> str:
        if phase.kind is PhaseKind.REST:
            return "Rest"
        if phase.kind is PhaseKind.SET_REST:
            return "Rest between sets"
        if phase.kind is PhaseKind.SWITCH_SIDES:
            return "Switch sides"
        if phase.kind is PhaseKind.GET_READY:
            return f"Get ready: {exercise.name}"
        if phase.kind is PhaseKind.CHANGE:
            return f"Next: {exercise.name}"
        return exercise.name

    @staticmethod
    def _instruction(phase: Phase, exercise: Exercise, intro: str | None) -> str:
        if phase.kind is PhaseKind.GET_READY:
            return intro or exercise.steps[0]
        if phase.kind is PhaseKind.CHANGE:
            return exercise.steps[0]
        if phase.kind is PhaseKind.WORK:
            return exercise.cue
        return phase.spoken

    @staticmethod
    def _next_text(phases: tuple[Phase, ...], phase: Phase) -> str:
        if phase.index + 1 >= len(phases):
            return "Last one: then you're done."
        upcoming = phases[phase.index + 1]
        if upcoming.kind is PhaseKind.WORK and upcoming.step_index == phase.step_index:
            return f"Next: {upcoming.label}"
        if upcoming.kind in (PhaseKind.REST, PhaseKind.SET_REST):
            return f"Next: rest {math.ceil(upcoming.duration or 0)} s"
        if upcoming.kind is PhaseKind.SWITCH_SIDES:
            return "Next: switch sides"
        return f"Next: {upcoming.exercise_name}"
