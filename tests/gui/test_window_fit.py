"""The main window opens inside today's screens, remembers its place, and F11 toggles full screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from cramp_coach.ui.main_window import MainWindow
from cramp_coach.ui.settings import AppSettings

LAPTOP = (0, 0, 1366, 740)
RIGHT_MONITOR = (1366, 0, 1920, 1050)


def window_on(qtbot: QtBot, settings: AppSettings, *screens: tuple[int, int, int, int]) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.screens = lambda: (list(screens), screens[0])
    window.restore_geometry(settings)
    return window


def rect_of(window: MainWindow) -> tuple[int, int, int, int]:
    g = window.geometry()
    return (g.x(), g.y(), g.width(), g.height())


def test_a_window_left_on_an_unplugged_monitor_opens_on_the_laptop(qtbot: QtBot, tmp_path: Path) -> None:
    settings = AppSettings(tmp_path / "settings.ini")
    settings.window_geometry = "1500,100,1200,800"
    window = window_on(qtbot, settings, LAPTOP)
    x, y, width, height = rect_of(window)
    assert (x >= 0, y >= 0, x + width <= 1366, y + height <= 740) == (True, True, True, True)
    assert (width, height) == (1200, 740)


def test_the_place_survives_a_restart(qtbot: QtBot, tmp_path: Path) -> None:
    settings = AppSettings(tmp_path / "settings.ini")
    window = window_on(qtbot, settings, LAPTOP, RIGHT_MONITOR)
    window.setGeometry(1600, 120, 1000, 700)
    window.close()
    assert AppSettings(tmp_path / "settings.ini").window_geometry == "1600,120,1000,700"
    again = window_on(qtbot, AppSettings(tmp_path / "settings.ini"), LAPTOP, RIGHT_MONITOR)
    assert rect_of(again) == (1600, 120, 1000, 700)


def test_f11_toggles_full_screen_from_any_focus_and_it_is_remembered(qtbot: QtBot, tmp_path: Path) -> None:
    settings = AppSettings(tmp_path / "settings.ini")
    window = window_on(qtbot, settings, LAPTOP)
    field = QLineEdit()
    window.add_screen(field)
    window.show_screen(field)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_F11)
    assert window.windowState() & Qt.WindowState.WindowFullScreen
    assert AppSettings(tmp_path / "settings.ini").window_fullscreen is True
    window.close()
    # (A second window is made only now: two windows' F11 shortcuts would be ambiguous.)
    reopened = window_on(qtbot, AppSettings(tmp_path / "settings.ini"), LAPTOP)
    assert reopened.windowState() & Qt.WindowState.WindowFullScreen

    reopened.toggle_fullscreen()
    assert AppSettings(tmp_path / "settings.ini").window_fullscreen is False


def test_a_tiny_screen_lowers_the_minimum_size(qtbot: QtBot, tmp_path: Path) -> None:
    window = window_on(qtbot, AppSettings(tmp_path / "settings.ini"), (0, 0, 600, 420))
    assert (window.minimumWidth(), window.minimumHeight()) == (540, 378)
    assert rect_of(window)[2:] == (540, 378)  # 90 % of the screen on a first start
