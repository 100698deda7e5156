"""The "Log a cramp" / edit dialog: the Cramp-now log's answers plus a date and time."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import QDateTime, Qt
from pytestqt.qtbot import QtBot

from cramp_coach.domain.diary import CrampEpisode, Leg
from cramp_coach.domain.protocol import CrampLocation
from cramp_coach.ui.dialogs.episode_dialog import NOT_RECORDED, EpisodeAnswers, EpisodeDialog

NOW = datetime(2026, 3, 30, 8, 30, tzinfo=timezone.utc)


def make(qtbot: QtBot, episode: CrampEpisode | None = None) -> EpisodeDialog:
    dialog = EpisodeDialog(NOW, episode=episode, location_labels={CrampLocation.FOOT: "Foot/toes"})
    qtbot.addWidget(dialog)
    return dialog


def test_a_new_cramp_defaults_to_now_with_nothing_else_recorded(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    assert dialog.windowTitle() == "Log a cramp"
    assert dialog.answers() == EpisodeAnswers(NOW, None, None, None, None, "")
    assert dialog.minutes.value() == NOT_RECORDED
    assert dialog.minutes.text() == "not recorded"
    assert dialog.where.buttons[CrampLocation.FOOT].text() == "Foot/toes"  # the protocol's own label


def test_the_answers_as_chosen(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    dialog.when.setDateTime(QDateTime.fromSecsSinceEpoch(int((NOW - timedelta(hours=5, minutes=20)).timestamp())))
    qtbot.mouseClick(dialog.leg.buttons[Leg.RIGHT], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.where.buttons[CrampLocation.CALF], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.pain.buttons[7], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.pain.buttons[8], Qt.MouseButton.LeftButton)  # changed their mind
    for _ in range(4):
        qtbot.mouseClick(dialog.more_button, Qt.MouseButton.LeftButton)  # not recorded → 0 → 1 → 2 → 3 min
    dialog.note.setText("  woke me up  ")
    assert dialog.answers() == EpisodeAnswers(
        NOW - timedelta(hours=5, minutes=20), Leg.RIGHT, CrampLocation.CALF, 8, 180.0, "woke me up"
    )
    assert dialog.pain.buttons[8].property("role") == "primary"
    assert dialog.pain.buttons[7].property("role") == ""


def test_clicking_a_chosen_answer_again_clears_it(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    qtbot.mouseClick(dialog.leg.buttons[Leg.LEFT], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.leg.buttons[Leg.LEFT], Qt.MouseButton.LeftButton)
    assert dialog.answers().leg is None


def test_editing_keeps_what_was_not_touched_to_the_second(qtbot: QtBot) -> None:
    episode = CrampEpisode(
        id=4,
        started_at=datetime(2026, 3, 30, 2, 10, 27, 500000, tzinfo=timezone.utc),
        duration_seconds=95.0,
        leg=Leg.BOTH,
        location=CrampLocation.BACK_THIGH,
        pain=6,
        note="after a walk",
        eased=True,
        logged=False,
    )
    dialog = make(qtbot, episode)
    assert dialog.windowTitle() == "Edit a cramp"
    assert dialog.minutes.value() == 2  # 95 s shows as 2 min
    assert dialog.answers() == EpisodeAnswers(
        episode.started_at, Leg.BOTH, CrampLocation.BACK_THIGH, 6, 95.0, "after a walk"
    )  # unchanged: the measured 95 s and the exact start stay
    qtbot.mouseClick(dialog.less_button, Qt.MouseButton.LeftButton)
    assert dialog.answers().duration_seconds == 60.0


def test_the_time_cannot_be_in_the_future(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    dialog.when.setDateTime(QDateTime.fromSecsSinceEpoch(int((NOW + timedelta(days=1)).timestamp())))
    assert dialog.answers().started_at == NOW
