"""The first frame wears only the first part of app.qss; it must look exactly as under the whole sheet.

(ui/theme.py: Qt matches every rule against every widget it polishes, so the first
frame is styled by the rules it can show, and the whole sheet follows once it is painted.)
A rule a first frame needs, written below the marker, makes these pictures differ.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cramp_coach import paths
from cramp_coach.storage.routine_library import load_catalog
from cramp_coach.ui import theme
from cramp_coach.ui.screens.home_screen import HomeScreen
from tests.gui.layout_checks import LOOK_IDS, LOOKS, TEXT_SIZES, THEMES, reset_look, settle, show_at
from tests.gui.test_cramp_layout import shipped_screen
from tests.helpers.fakes import FakeClock

SHEET = paths.builtin_assets_dir() / "style" / "app.qss"


def home() -> QWidget:
    catalog = load_catalog()
    return HomeScreen(catalog.routines, next(iter(catalog.routines)), lambda _routine_id: None)


def cramp_now() -> QWidget:
    return shipped_screen(FakeClock())


def picture(qapp: QApplication, widget: QWidget, palette: theme.Palette, text: str, *, first_frame: bool) -> QImage:
    theme.apply(qapp, SHEET, palette, TEXT_SIZES[text], first_frame=first_frame)
    settle(widget)
    return widget.grab().toImage()


def test_the_first_part_is_a_part_and_the_rest_is_for_other_screens() -> None:
    whole = theme.stylesheet(SHEET, theme.NIGHT, 1.0)
    first = theme.stylesheet(SHEET, theme.NIGHT, 1.0, first_frame=True)
    assert whole.startswith(first)
    assert "QSlider" in whole
    assert "QSlider" not in first


@pytest.mark.parametrize("screen", [home, cramp_now], ids=["home", "cramp-now"])
@pytest.mark.parametrize("look", LOOKS, ids=LOOK_IDS)
def test_a_first_frame_looks_the_same_under_its_part_of_the_sheet(
    qtbot: QtBot, qapp: QApplication, screen: Callable[[], QWidget], look: tuple[str, str, str]
) -> None:
    size, text, theme_name = look
    # A cold --emergency start wears the Cramp-now palette app-wide.
    palette = theme.CRAMP if screen is cramp_now else THEMES[theme_name]
    try:
        theme.apply(qapp, SHEET, palette, TEXT_SIZES[text], first_frame=True)
        widget = screen()
        qtbot.addWidget(widget)
        show_at(widget, size)
        first = picture(qapp, widget, palette, text, first_frame=True)
        whole = picture(qapp, widget, palette, text, first_frame=False)
        assert first.size() == whole.size()
        assert first == whole, "a rule this first frame needs is below the first-frame marker in app.qss"
    finally:
        reset_look(qapp)
