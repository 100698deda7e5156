"""Help & Sources is reachable from Home, from Cramp now and with F1, and Back returns to where it was opened."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cramp_coach import cli
from cramp_coach.app import CrampCoachApp
from cramp_coach.domain import help_content
from cramp_coach.ui.screens.help_screen import HelpScreen


@pytest.fixture
def app(qapp: QApplication, qtbot: QtBot, data_dir: Path) -> Iterator[CrampCoachApp]:
    sheet, palette = qapp.styleSheet(), qapp.palette()
    composed = CrampCoachApp(qapp, cli.build_parser().parse_args(["--data-dir", str(data_dir)]))
    qtbot.addWidget(composed.window)
    composed.start()
    composed.window.activateWindow()
    qtbot.waitActive(composed.window)  # F1 needs an active window
    composed.complete()
    yield composed
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)


def _help(app: CrampCoachApp) -> HelpScreen:
    screen = app.window.current
    assert isinstance(screen, HelpScreen)
    return screen


def test_from_home_and_back(app: CrampCoachApp, qtbot: QtBot) -> None:
    qtbot.mouseClick(app.home.help_button, Qt.MouseButton.LeftButton)
    screen = _help(app)
    assert "How strong is the evidence?" in screen.text()
    screen.back_button.click()
    assert app.window.current is app.home


def test_f1_from_any_screen_and_escape_returns_there(app: CrampCoachApp, qtbot: QtBot) -> None:
    app.show(app.settings_screen)
    qtbot.keyClick(app.window, Qt.Key.Key_F1)
    screen = _help(app)
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    assert app.window.current is app.settings_screen


def test_from_cramp_now_opens_at_the_steps_and_returns_to_cramp_now(app: CrampCoachApp, qtbot: QtBot) -> None:
    app.show_cramp_now()
    cramp = app.cramp_screen
    assert cramp is not None
    qtbot.mouseClick(cramp.locations_page.help_button, Qt.MouseButton.LeftButton)
    screen = _help(app)
    heading = screen.section_heading(help_content.CRAMP_NOW)
    assert (
        screen.scroll_area.verticalScrollBar().value()
        == heading.mapTo(screen.scroll_area.widget(), heading.rect().topLeft()).y()
    )
    screen.back_button.click()
    assert app.window.current is cramp


def test_a_new_emergency_number_shows_at_once(app: CrampCoachApp) -> None:
    app.show_help()
    app.settings.emergency_number = "000"
    assert "Your emergency number: 000." in _help(app).text()
