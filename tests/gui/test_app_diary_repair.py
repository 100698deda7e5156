"""The app and a damaged diary: the diary screen offers the repair, and everything records into the repaired diary.

A file that is not a database stands in for a damaged diary (the storage tests damage
real pages); the repair keeps it beside the new diary and merges what Cramp now
recorded meanwhile.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cramp_coach.app import CrampCoachApp
from tests.gui.test_app import make_app

JUNK = b"this is not a database" * 100


pytestmark = pytest.mark.usefixtures("restore_app_style")


@pytest.fixture
def damaged_app(qapp: QApplication, qtbot: QtBot, data_dir: Path) -> CrampCoachApp:
    (data_dir / "diary.sqlite3").write_bytes(JUNK)
    composed = make_app(qapp, data_dir)
    qtbot.addWidget(composed.window)
    composed.start()
    composed.complete()
    return composed


def test_the_diary_screen_repairs_and_the_app_records_into_the_new_diary(
    damaged_app: CrampCoachApp, qtbot: QtBot, data_dir: Path
) -> None:
    app = damaged_app
    assert app.late is not None
    assert app.late.diary_damaged
    assert app.diary is not None  # the side file, while the diary is damaged
    app.diary.start_episode(app.services.wall_clock.now())  # a cramp recorded by Cramp now meanwhile
    qtbot.mouseClick(app.home.diary_button, Qt.MouseButton.LeftButton)
    screen = app.diary_screen
    assert screen.repair_card.isVisibleTo(screen)
    assert not screen.log_button.isEnabled()

    qtbot.mouseClick(screen.repair_card.repair_button, Qt.MouseButton.LeftButton)

    notice = screen.notice.text()
    assert notice.startswith(f"Repaired the diary {data_dir / 'diary.sqlite3'}: saved 0 cramps and 0 routine sessions.")
    assert "1 entry recorded while it was damaged was added." in notice
    assert "The damaged file is kept as" in notice
    assert not screen.repair_card.isVisibleTo(screen)
    assert screen.log_button.isEnabled()
    assert screen.model.total == 1  # the cramp kept aside is in the repaired diary
    assert not app.late.diary_damaged
    assert app.diary is not None
    assert app.diary.entry_count() == 1
    kept = [path for path in data_dir.iterdir() if path.name.startswith("diary-damaged-")]
    assert [path.read_bytes() for path in kept if path.suffix == ".sqlite3"] == [JUNK]  # the damaged file, untouched
