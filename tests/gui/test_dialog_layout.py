"""The editor's dialogs fit every agreed look at the size they open at: no field cut.

The Log-a-cramp dialog is checked with the diary (tests/gui/test_diary_layout.py).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from cramp_coach.domain.handout_details import HandoutDetails
from cramp_coach.storage.routine_library import load_catalog
from cramp_coach.ui.dialogs.editor_dialogs import HandoutDetailsDialog, NewRoutineDialog
from tests.gui.layout_checks import LOOK_IDS, LOOKS, SIZES, assert_fits, settle, show_at

DIALOGS: dict[str, Callable[[], QDialog]] = {
    "handout-details": lambda: HandoutDetailsDialog(HandoutDetails()),
    "new-routine": lambda: NewRoutineDialog([], load_catalog().exercises, lambda _value: ""),
}


@pytest.mark.parametrize("name", DIALOGS)
@pytest.mark.parametrize("look", LOOKS, ids=LOOK_IDS, indirect=True)
def test_a_dialog_opens_big_enough_for_its_fields(qtbot: QtBot, look: str, name: str) -> None:
    dialog = DIALOGS[name]()
    qtbot.addWidget(dialog)
    dialog.show()  # at the size it chose for itself, as the app opens it
    settle(dialog)
    room = dialog.screen().availableGeometry()
    assert dialog.width() <= room.width(), "wider than its screen"
    assert dialog.height() <= room.height(), "taller than its screen"
    assert_fits(dialog)
    # On a screen of the look's size: never larger, and still nothing cut.
    width, height = SIZES[look]
    show_at(dialog, (min(dialog.width(), width), min(dialog.height(), height)))
    assert_fits(dialog)
