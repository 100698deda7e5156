"""The diary, newest first: routine sessions and cramp episodes.

A plain history for now; charts, insights and exports belong to the diary issue.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QVBoxLayout, QWidget

from cramp_coach.domain.diary import CrampEpisode, RoutineSession, SessionStatus
from cramp_coach.ui.screens.player_screen import clock_text
from cramp_coach.ui.widgets.common import button, label

STATUS_WORDS = {
    SessionStatus.COMPLETED: "finished",
    SessionStatus.STOPPED: "stopped early",
    SessionStatus.INTERRUPTED: "interrupted",
    SessionStatus.IN_PROGRESS: "in progress",
}


class DiaryReader(Protocol):
    def sessions(self, limit: int | None = None) -> list[RoutineSession]: ...

    def episodes(self, limit: int | None = None) -> list[CrampEpisode]: ...


def _when(moment: datetime) -> str:
    return moment.astimezone().strftime("%a %d %b %Y, %H:%M")


def session_line(session: RoutineSession) -> str:
    status = STATUS_WORDS[session.status]
    progress = (
        "" if session.status is SessionStatus.COMPLETED else f" ({session.phases_done} of {session.phases_total} steps)"
    )
    return (
        f"{_when(session.started_at)} · {session.routine_title}: {status}{progress}, {clock_text(session.seconds_done)}"
    )


def episode_line(episode: CrampEpisode) -> str:
    parts = [f"{_when(episode.started_at)} · Cramp"]
    if episode.location is not None:
        parts.append(episode.location.value.replace("_", " "))
    if episode.leg is not None:
        parts.append(f"{episode.leg.value} leg")
    if episode.pain is not None:
        parts.append(f"pain {episode.pain}/10")
    if episode.duration_seconds is not None:
        parts.append(f"{clock_text(episode.duration_seconds)} long")
    text = ", ".join(parts)
    return f"{text}. {episode.note}" if episode.note else text


class DiaryScreen(QWidget):
    """Signals: back_requested()."""

    back_requested = Signal()

    def __init__(self, diary: DiaryReader | None, *, problem: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diary")
        self._diary = diary
        self.problem = label(problem, "warning")
        self.problem.setVisible(bool(problem))
        self.sessions = QListWidget()
        self.sessions.setAccessibleName("Routine sessions, newest first")
        self.episodes = QListWidget()
        self.episodes.setAccessibleName("Cramps, newest first")
        self.back_button = button("← Home", "quiet", accessible="Back to the home screen")
        self.back_button.clicked.connect(self.back_requested)
        top = QHBoxLayout()
        top.addWidget(label("Diary", "title"))
        top.addStretch(1)
        top.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 28, 40, 28)
        layout.addLayout(top)
        layout.addWidget(self.problem)
        layout.addWidget(label("Cramps", "heading"))
        layout.addWidget(self.episodes, 1)
        layout.addWidget(label("Routines", "heading"))
        layout.addWidget(self.sessions, 2)

    def refresh(self) -> None:
        self.sessions.clear()
        self.episodes.clear()
        if self._diary is None:
            return
        sessions = self._diary.sessions(limit=200)
        episodes = self._diary.episodes(limit=200)
        self.sessions.addItems([session_line(s) for s in sessions] or ["No routines yet."])
        self.episodes.addItems([episode_line(e) for e in episodes] or ["No cramps logged."])

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)  # type: ignore[arg-type]
        self.refresh()
        self.back_button.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.back_requested.emit()
            return
        super().keyPressEvent(event)
