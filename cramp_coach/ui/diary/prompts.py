"""The questions the diary asks, behind one small interface (the editor's way, see ``editor_dialogs``).

The diary never opens a dialog itself: it calls a :class:`DiaryPrompts` object.
:class:`DialogDiaryPrompts` asks with real (modal) dialogs parented to the screen;
tests pass a scripted fake, so no test waits on a modal window.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from cramp_coach.domain.diary import CrampEpisode
from cramp_coach.domain.protocol import CrampLocation
from cramp_coach.ui.dialogs.episode_dialog import EpisodeAnswers


class DiaryPrompts(Protocol):
    """Every question the diary may ask the user."""

    def ask_episode(
        self, now: datetime, episode: CrampEpisode | None, labels: Mapping[CrampLocation, str]
    ) -> EpisodeAnswers | None:
        """A cramp's details (``episode`` to edit, ``None`` for a new one), or ``None`` when cancelled."""
        ...

    def confirm(self, title: str, text: str, action: str) -> bool:
        """Whether to go ahead with ``action`` (the button's words, e.g. "Delete"); keeping is the default."""
        ...

    def save_path(self, title: str, suggested: Path, filters: str) -> Path | None: ...

    def open_path(self, title: str, filters: str) -> Path | None: ...


class DialogDiaryPrompts:
    """:class:`DiaryPrompts` with real dialogs, parented to ``parent``'s window."""

    def __init__(self, parent: QWidget) -> None:
        self._parent = parent

    def ask_episode(
        self, now: datetime, episode: CrampEpisode | None, labels: Mapping[CrampLocation, str]
    ) -> EpisodeAnswers | None:
        from cramp_coach.ui.dialogs.episode_dialog import ask_episode

        return ask_episode(now, episode, labels, self._parent.window())

    def confirm(self, title: str, text: str, action: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self._parent.window())
        go = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep it", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is go

    def save_path(self, title: str, suggested: Path, filters: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self._parent.window(), title, str(suggested), filters)
        return Path(name) if name else None

    def open_path(self, title: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self._parent.window(), title, str(Path.home()), filters)
        return Path(name) if name else None
