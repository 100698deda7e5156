"""The end of a routine: a short, kind summary and the way home."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from cramp_coach.domain.wording import clock_text
from cramp_coach.ui.player_controller import SessionSummary
from cramp_coach.ui.widgets.common import button, label


class FinishScreen(QWidget):
    """Signals: home_requested(), again_requested()."""

    home_requested = Signal()
    again_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("finish")
        self.title = label("", "title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary = label("", "big")
        self.summary.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.saved = label("", "muted")
        self.saved.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note = label("", "muted")
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.home_button = button("Done", "primary", accessible="Back to the home screen")
        self.again_button = button("Play it again", "quiet")
        self.home_button.clicked.connect(self.home_requested)
        self.again_button.clicked.connect(self.again_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 40)
        layout.setSpacing(20)
        layout.addStretch(2)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.saved)
        layout.addWidget(self.note)
        layout.addStretch(3)
        layout.addWidget(self.home_button)
        layout.addWidget(self.again_button)

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
