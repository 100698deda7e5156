"""First run: a skippable welcome over Home, once; never in the way of Cramp now. The emergency number in Settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from cramp_coach import cli, paths
from cramp_coach.app import CrampCoachApp
from cramp_coach.ui import theme
from cramp_coach.ui.screens.first_run import FirstRunSheet
from cramp_coach.ui.screens.settings_screen import SettingsScreen
from cramp_coach.ui.settings import AppSettings


@pytest.fixture(autouse=True)
def _restore_app_style(qapp: QApplication) -> Iterator[None]:
    sheet, palette = qapp.styleSheet(), qapp.palette()
    yield
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)


def start(qapp: QApplication, qtbot: QtBot, data_dir: Path, *args: str) -> CrampCoachApp:
    app = CrampCoachApp(qapp, cli.build_parser().parse_args(["--data-dir", str(data_dir), *args]))
    qtbot.addWidget(app.window)
    app.start()
    app.window.activateWindow()
    qtbot.waitActive(app.window)
    app.complete()
    return app


def sheet_of(app: CrampCoachApp) -> FirstRunSheet:
    assert isinstance(app.first_run, FirstRunSheet)
    return app.first_run


def read_to_the_end(sheet: FirstRunSheet) -> None:
    """Press "Next" until every question has been on screen (at once when the sheet fits)."""
    for _ in range(10):
        if sheet.done_button.text() == "Done":
            return
        sheet.done_button.click()
    raise AssertionError("the sheet never reached its end")


def test_shown_once_over_home_and_done_saves_the_answers(qapp: QApplication, qtbot: QtBot, data_dir: Path) -> None:
    app = start(qapp, qtbot, data_dir)
    sheet = sheet_of(app)
    assert sheet.isVisible()
    assert app.window.current is app.home  # it lies over Home; it is not a screen of its own
    assert sheet.geometry() == app.home.rect()
    assert app.catalog.protocol is not None
    assert sheet.disclaimer.text() == app.catalog.protocol.disclaimer
    sheet.cannot_stand.click()
    sheet.emergency_number.field.setText("000")
    read_to_the_end(sheet)
    qtbot.mouseClick(sheet.done_button, Qt.MouseButton.LeftButton)
    assert not sheet.isVisible()
    assert (app.settings.cannot_stand_at_night, app.settings.emergency_number) == (True, "000")
    app.window.close()

    again = start(qapp, qtbot, data_dir)
    assert again.first_run is None


def test_a_wrong_number_is_said_and_nothing_is_saved(qapp: QApplication, qtbot: QtBot, data_dir: Path) -> None:
    app = start(qapp, qtbot, data_dir)
    sheet = sheet_of(app)
    before = app.settings.emergency_number
    sheet.emergency_number.field.setText("ambulance")
    read_to_the_end(sheet)
    sheet.done_button.click()
    assert sheet.isVisible()
    assert "2 to 6 digits" in sheet.emergency_number.problem.text()
    assert sheet.emergency_number.problem.isVisible()
    assert (app.settings.emergency_number, app.settings.first_run_done) == (before, False)


def test_skip_and_escape_change_nothing_but_are_remembered(qapp: QApplication, qtbot: QtBot, data_dir: Path) -> None:
    app = start(qapp, qtbot, data_dir)
    sheet = sheet_of(app)
    sheet.cannot_stand.click()
    qtbot.keyClick(sheet.done_button, Qt.Key.Key_Escape)
    assert not sheet.isVisible()
    assert app.settings.cannot_stand_at_night is False
    assert app.settings.first_run_done is True


def test_cramp_now_is_never_behind_it(qapp: QApplication, qtbot: QtBot, data_dir: Path) -> None:
    app = start(qapp, qtbot, data_dir)
    sheet = sheet_of(app)
    # The number field must not claim Ctrl+E for itself: Cramp now's shortcut goes through.
    claim = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    claim.ignore()
    QApplication.sendEvent(sheet.emergency_number.field, claim)
    assert not claim.isAccepted()
    app.window.cramp_now_requested.emit()
    assert app.window.current is app.cramp_screen
    assert app.cramp_screen is not None
    assert app.cramp_screen.isVisible()
    assert not sheet.isVisibleTo(app.window)  # it belongs to Home, which is hidden


def test_not_shown_after_an_emergency_start(qapp: QApplication, qtbot: QtBot, data_dir: Path) -> None:
    app = start(qapp, qtbot, data_dir, "--emergency")
    assert app.window.current is app.cramp_screen
    assert app.first_run is None
    assert app.settings.first_run_done is False  # offered at the next ordinary start


@pytest.mark.parametrize("size", [(1024, 600), (1366, 768)])
def test_fits_at_largest_text(qtbot: QtBot, tmp_path: Path, size: tuple[int, int]) -> None:
    from PySide6.QtWidgets import QWidget

    home = QWidget()
    qtbot.addWidget(home)
    home.setStyleSheet(theme.stylesheet(paths.builtin_assets_dir() / "style" / "app.qss", theme.NIGHT, 1.75))
    sheet = FirstRunSheet(AppSettings(tmp_path / "settings.ini", country="GB"), "A disclaimer. " * 30, home)
    home.resize(*size)
    home.show()
    qtbot.waitExposed(home)
    QApplication.processEvents()
    for button in (sheet.done_button, sheet.skip_button):  # always in reach, outside the scrolling text
        assert home.rect().contains(button.geometry().translated(button.parentWidget().pos()))
    for text in sheet.findChildren(QLabel):
        if text.isVisible():
            assert text.height() >= text.heightForWidth(text.width()) - 1, text.text()[:50]


def test_settings_keeps_a_valid_emergency_number_and_refuses_a_wrong_one(qtbot: QtBot, tmp_path: Path) -> None:
    settings = AppSettings(tmp_path / "settings.ini", country="US")
    screen = SettingsScreen(settings)
    qtbot.addWidget(screen)
    row = screen.emergency_number
    assert row.field.text() == "911"
    row.field.setText("1 1 2")
    row.field.editingFinished.emit()
    assert settings.emergency_number == "112"
    assert row.field.text() == "112"
    row.field.setText("help")
    row.field.editingFinished.emit()
    assert settings.emergency_number == "112"
    assert "2 to 6 digits" in row.problem.text()


def test_on_a_small_screen_the_button_shows_the_questions_before_it_saves(qtbot: QtBot, tmp_path: Path) -> None:
    """At 1024x600 with the Largest text the questions start below the fold: the main
    button scrolls to them ("Next") and saves only once they have been on screen."""
    from PySide6.QtWidgets import QWidget

    home = QWidget()
    qtbot.addWidget(home)
    home.setStyleSheet(theme.stylesheet(paths.builtin_assets_dir() / "style" / "app.qss", theme.NIGHT, 1.75))
    settings = AppSettings(tmp_path / "settings.ini", country="GB")
    sheet = FirstRunSheet(settings, "A disclaimer that takes a while to read. " * 12, home)
    done = []
    sheet.finished.connect(lambda: done.append(True))
    home.resize(1024, 600)
    home.show()
    qtbot.waitExposed(home)
    QApplication.processEvents()
    assert not sheet.cannot_stand.visibleRegion().boundingRect().height()  # below the fold
    assert sheet.done_button.text().startswith("Next")
    presses = 0
    while sheet.done_button.text().startswith("Next"):
        sheet.done_button.click()
        presses += 1
        assert presses < 10
        assert sheet.isVisible()
        assert not done  # nothing saved yet
        assert not settings.first_run_done
    assert sheet.cannot_stand.visibleRegion().boundingRect().height() > 0  # the question was shown
    assert sheet.done_button.text() == "Done"
    assert sheet.done_button.accessibleName().startswith("Done")
    sheet.done_button.click()
    assert done == [True]
    assert settings.first_run_done


def test_when_everything_fits_done_saves_at_once(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QWidget

    home = QWidget()
    qtbot.addWidget(home)
    home.setStyleSheet(theme.stylesheet(paths.builtin_assets_dir() / "style" / "app.qss", theme.NIGHT, 1.0))
    settings = AppSettings(tmp_path / "settings.ini", country="GB")
    sheet = FirstRunSheet(settings, "A short disclaimer.", home)
    home.resize(1920, 1080)
    home.show()
    qtbot.waitExposed(home)
    assert sheet.done_button.text() == "Done"
    sheet.done_button.click()
    assert settings.first_run_done
