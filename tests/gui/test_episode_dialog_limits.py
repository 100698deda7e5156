"""The Log-a-cramp dialog cannot offer a time the diary would refuse (domain/diary_bounds.py)."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from pytestqt.qtbot import QtBot

from cramp_coach.ui.dialogs.episode_dialog import EpisodeDialog

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)


def test_the_earliest_time_offered_is_the_diarys_first_year(qtbot: QtBot) -> None:
    dialog = EpisodeDialog(NOW)
    qtbot.addWidget(dialog)
    dialog.when.setDateTime(QDateTime(QDate(1800, 1, 1), QTime(12, 0), QTimeZone.utc()))
    chosen = dialog.when.dateTime().toSecsSinceEpoch()
    assert chosen >= int(datetime(1900, 1, 1, tzinfo=timezone.utc).timestamp())
