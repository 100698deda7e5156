"""Home: Cramp now first and biggest, then tonight's routine and one Start button."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from cramp_coach.domain.routine import Routine
from cramp_coach.domain.timeline import compile_routine
from cramp_coach.domain.wording import POSITION_WORDS, minutes_text
from cramp_coach.ui.widgets.common import button, card, label


def routine_facts(routine: Routine) -> str:
    timeline = compile_routine(routine)
    length = minutes_text(timeline.total_seconds)
    return f"{length} · {POSITION_WORDS[routine.position]}"


class HomeScreen(QWidget):
    """The first screen.

    Signals:
        cramp_now_requested(): the big Cramp now button was pressed.
        start_requested(Routine): Start was pressed for tonight's routine.
        diary_requested(), settings_requested(), editor_requested(), problems_requested()
    """

    cramp_now_requested = Signal()
    start_requested = Signal(object)
    diary_requested = Signal()
    settings_requested = Signal()
    editor_requested = Signal()
    problems_requested = Signal()

    def __init__(
        self,
        routines: Mapping[str, Routine],
        tonight_id: str,
        on_choose: Callable[[str], None],
        *,
        problem_count: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("home")
        self._routines = dict(routines)
        self._on_choose = on_choose
        self.tonight: Routine | None = None

        self.cramp_button = button("Cramp now", "cramp", accessible="Cramp now: help with a cramp, step by step")
        self.cramp_button.setToolTip("Step-by-step help for a cramp right now (Ctrl+E from any screen)")
        self.cramp_button.clicked.connect(self.cramp_now_requested)

        self.tonight_card = card()
        self.tonight_title = label("", "heading")
        self.tonight_facts = label("", "muted")
        self.tonight_summary = label("")
        self.start_button = button("Start", "primary", accessible="Start tonight's routine")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self._on_start_clicked)
        tonight_layout = QHBoxLayout(self.tonight_card)
        tonight_layout.setContentsMargins(28, 22, 28, 22)
        text_column = QVBoxLayout()
        text_column.addWidget(label("Tonight's routine", "muted"))
        text_column.addWidget(self.tonight_title)
        text_column.addWidget(self.tonight_facts)
        text_column.addWidget(self.tonight_summary)
        tonight_layout.addLayout(text_column, 3)
        tonight_layout.addWidget(self.start_button, 1)
        self.start_button.setMinimumWidth(180)

        self.others_title = label("Other routines", "muted")
        self.others = QVBoxLayout()
        self.routine_buttons: dict[str, object] = {}

        self.problems_button = button("", "quiet")
        self.problems_button.setText(
            f"⚠ {problem_count} routine file{'s' if problem_count != 1 else ''} could not be loaded: see why"
        )
        self.problems_button.clicked.connect(self.problems_requested)

        self.diary_button = button("Diary", "quiet", accessible="Open the diary")
        self.editor_button = button("Routine editor", "quiet", accessible="Open the routine editor")
        self.settings_button = button("Settings", "quiet", accessible="Open the settings")
        self.diary_button.clicked.connect(self.diary_requested)
        self.editor_button.clicked.connect(self.editor_requested)
        self.settings_button.clicked.connect(self.settings_requested)
        bottom = QHBoxLayout()
        for widget in (self.diary_button, self.editor_button, self.settings_button):
            bottom.addWidget(widget)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 28, 36, 24)
        layout.setSpacing(18)
        layout.addWidget(self.cramp_button, 3)
        layout.addWidget(self.tonight_card, 3)
        layout.addWidget(self.others_title)
        layout.addLayout(self.others)
        layout.addStretch(1)
        layout.addWidget(self.problems_button)
        layout.addLayout(bottom)
        # Only now, with a parent: a parentless widget made visible becomes a window of its own.
        self.problems_button.setVisible(problem_count > 0)

        self.set_tonight(tonight_id)

    def set_routines(self, routines: Mapping[str, Routine], tonight_id: str) -> None:
        """Show a new set of routines (after the editor saved, renamed or deleted one)."""
        self._routines = dict(routines)
        self.set_tonight(tonight_id)

    def set_tonight(self, routine_id: str) -> None:
        """Show ``routine_id`` as tonight's routine (falling back to the first known one)."""
        routine = self._routines.get(routine_id) or next(iter(self._routines.values()), None)
        self.tonight = routine
        if routine is None:
            self.tonight_title.setText("No routines could be loaded")
            self.tonight_facts.setText("")
            self.tonight_summary.setText("Cramp now still works. See the problems listed below.")
            self.start_button.setEnabled(False)
        else:
            self.tonight_title.setText(routine.title)
            self.tonight_facts.setText(routine_facts(routine))
            self.tonight_summary.setText(routine.summary)
            self.start_button.setEnabled(True)
        self._rebuild_others()

    def _rebuild_others(self) -> None:
        while self.others.count():
            item = self.others.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.routine_buttons = {}
        others = [r for r in self._routines.values() if self.tonight is None or r.id != self.tonight.id]
        self.others_title.setVisible(bool(others))
        for routine in others:
            widget = button(
                f"{routine.title}   ·   {routine_facts(routine)}",
                "routine",
                accessible=f"Choose {routine.title} for tonight",
            )
            widget.clicked.connect(lambda _checked=False, rid=routine.id: self._choose(rid))
            self.others.addWidget(widget)
            self.routine_buttons[routine.id] = widget

    def _choose(self, routine_id: str) -> None:
        self._on_choose(routine_id)
        self.set_tonight(routine_id)
        self.start_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_start_clicked(self) -> None:
        if self.tonight is not None:
            self.start_requested.emit(self.tonight)

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)  # type: ignore[arg-type]
        # Cramp now is always the biggest thing on the screen, at any window size.
        self.cramp_button.setMinimumHeight(max(90, int(self.height() * 0.24)))

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)  # type: ignore[arg-type]
        if self.start_button.isEnabled():
            self.start_button.setFocus(Qt.FocusReason.OtherFocusReason)
