"""The end of a routine: a short, kind summary and the way home."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from cramp_coach.domain.wording import clock_text
from cramp_coach.ui.main_window import Screen
from cramp_coach.ui.player_controller import SessionSummary
from cramp_coach.ui.widgets.adaptive import AdaptiveRow
from cramp_coach.ui.widgets.common import button, label


class FinishScreen(Screen):
    """Signals: home_requested(), again_requested()."""

    home_requested = Signal()
    again_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("finish")
        self.title = label("", "title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Body size, not "big": with a physiotherapist's long title at the Largest text on
        # a small screen, a bigger summary pushed their closing note out of sight.
        self.summary = label("")
        self.summary.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.saved = label("", "muted")
        self.saved.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note = label("", "muted")
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.home_button = button("Done", "primary", accessible="Back to the home screen")
        self.again_button = button("Play it again", "quiet")
        self.home_button.clicked.connect(self.home_requested)
        self.again_button.clicked.connect(self.again_requested)
        # The words scroll if a long closing note needs it; the buttons stay in view.
        words = QWidget()
        words.setObjectName("finish-words")
        column = QVBoxLayout(words)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(20)
        column.addStretch(2)
        for widget in (self.title, self.summary, self.note, self.saved):  # the closing note before the diary line
            column.addWidget(widget)
        column.addStretch(3)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("finish-scroll")
        self.scroll_area.setWidget(words)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        buttons = AdaptiveRow(spacing=16)
        buttons.add(self.home_button, 2)
        buttons.add(self.again_button, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 28)
        layout.setSpacing(20)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(buttons)

    def show_summary(self, summary: SessionSummary) -> None:
        routine = summary.routine
        if summary.completed:
            self.title.setText("Well done")
            self.summary.setText(
                f"You finished {routine.title}: {summary.exercises_total} exercises, "
                f"{clock_text(summary.seconds_done)}."
            )
        else:
            self.title.setText("Stopped early")
            self.summary.setText(
                f"{routine.title}: {summary.exercises_done} of {summary.exercises_total} exercises done, "
                f"{clock_text(summary.seconds_done)}."
            )
        self.saved.setText("Saved in your diary." if summary.saved else "The diary could not be saved this time.")
        self.note.setText(routine.outro or "")
        self.note.setVisible(bool(routine.outro) and summary.completed)
        self.home_button.setFocus()
