"""Settings persist in one file, and the theme/text size reach the stylesheet."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QTime
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cramp_coach import paths
from cramp_coach.ui import theme
from cramp_coach.ui.player_controller import PlayerController
from cramp_coach.ui.screens.settings_screen import SettingsScreen
from cramp_coach.ui.settings import AppSettings
from tests.gui.layout_checks import LOOK_IDS, LOOKS, assert_accessible, assert_fits, reset_look, set_look, show_at
from tests.gui.reading_checks import cramped_fields, small_targets
from tests.helpers.builders import make_routine
from tests.helpers.fakes import FakeClock, FakeWallClock


def test_settings_survive_a_restart(tmp_path: Path, qtbot: QtBot) -> None:
    settings = AppSettings(tmp_path / "settings.ini")
    screen = SettingsScreen(settings)
    qtbot.addWidget(screen)
    screen.voice.click()
    screen.theme_buttons["day"].click()
    screen.scale_buttons[1.75].click()
    screen.cannot_stand.click()
    screen.volume.setValue(35)

    reopened = AppSettings(tmp_path / "settings.ini")
    assert (reopened.voice, reopened.theme, reopened.text_scale) == (False, "day", 1.75)
    assert reopened.cannot_stand_at_night is True
    assert reopened.volume == 35
    assert reopened.sounds is True  # untouched settings keep their defaults


def test_garbage_in_the_settings_file_falls_back_to_defaults(tmp_path: Path) -> None:
    (tmp_path / "settings.ini").write_text("[display]\ntheme=purple\ntext_scale=huge\n[sound]\nvolume=loud\n")
    settings = AppSettings(tmp_path / "settings.ini")
    assert (settings.theme, settings.text_scale, settings.volume) == ("auto", 1.25, 70)


@pytest.mark.parametrize(("hour", "expected"), [(22, theme.NIGHT), (3, theme.NIGHT), (7, theme.DAY), (18, theme.DAY)])
def test_auto_theme_is_night_after_dark(hour: int, expected: theme.Palette) -> None:
    assert theme.palette_for("auto", hour) is expected


def test_text_size_scales_the_stylesheet() -> None:
    template = paths.builtin_assets_dir() / "style" / "app.qss"
    assert "font-size: 18px" in theme.stylesheet(template, theme.NIGHT, 1.0)
    assert "font-size: 32px" in theme.stylesheet(template, theme.NIGHT, 1.75)


def test_every_picture_the_stylesheet_names_is_there() -> None:
    sheet = theme.stylesheet(paths.builtin_assets_dir() / "style" / "app.qss", theme.NIGHT, 1.0)
    pictures = re.findall(r'url\("([^"]+)"\)', sheet)
    assert pictures  # the date fields' calendar arrow at least
    assert all(Path(picture).is_file() for picture in pictures), pictures


def test_screen_is_held_awake_only_while_a_routine_plays(qtbot: QtBot) -> None:
    calls: list[bool] = []
    controller = PlayerController(
        FakeClock(), FakeWallClock(), diary=None, cues=None, speech=None, keep_awake=calls.append
    )
    controller.start(make_routine())
    assert calls == [True]
    controller.stop()
    assert calls == [True, False]


def test_emergency_number_defaults_to_the_country_and_keeps_the_users_own(tmp_path: Path) -> None:
    assert AppSettings(tmp_path / "uk.ini", country="GB").emergency_number == "999"
    assert AppSettings(tmp_path / "none.ini", country="").emergency_number == "112"
    settings = AppSettings(tmp_path / "settings.ini", country="US")
    assert settings.emergency_number == "911"
    settings.emergency_number = "1 1 2"
    assert AppSettings(tmp_path / "settings.ini", country="US").emergency_number == "112"
    with pytest.raises(ValueError, match="2 to 6 digits"):
        settings.emergency_number = "help"
    assert settings.emergency_number == "112"  # a refused number changes nothing


@pytest.mark.parametrize(("size", "text", "theme_name"), LOOKS, ids=LOOK_IDS)
def test_the_reminder_time_reads_clearly_and_steps_with_big_buttons(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, size: str, text: str, theme_name: str
) -> None:
    set_look(qapp, text=text, theme_name=theme_name)
    try:
        settings = AppSettings(tmp_path / "settings.ini")
        screen = SettingsScreen(settings, reminder_note="The reminder can pop up only while Cramp Coach is running.")
        qtbot.addWidget(screen)
        show_at(screen, size)
        screen.scroll_area.ensureWidgetVisible(screen.reminder_time)
        assert_fits(screen)
        assert_accessible(screen)
        # The time stands clear of the field's border, and nothing to click is smaller than its text.
        assert cramped_fields(screen) == []
        assert small_targets(screen) == []
        time = screen.reminder_time
        assert time.height() >= time.fontMetrics().height()
    finally:
        reset_look(qapp)


def test_the_reminder_buttons_move_the_time_round_the_clock(qtbot: QtBot, tmp_path: Path) -> None:
    settings = AppSettings(tmp_path / "settings.ini")
    screen = SettingsScreen(settings)
    qtbot.addWidget(screen)
    screen.reminder_time.setTime(QTime(23, 50))
    screen.reminder_later.click()
    assert settings.reminder_time == datetime.time(0, 5)
    screen.reminder_earlier.click()
    screen.reminder_earlier.click()
    assert settings.reminder_time == datetime.time(23, 35)
    assert AppSettings(tmp_path / "settings.ini").reminder_time == datetime.time(23, 35)
