"""The bedtime reminder on a fake wall clock and a fake tray: when it fires, what clicking it does.

Time moves only when the test moves the clock and calls ``check()`` (what the timer's
timeout does); the tests also read the interval the timer was armed with.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from datetime import time as clock_time
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon
from pytestqt.qtbot import QtBot

from cramp_coach.ui.reminder import MESSAGE, NO_TRAY, TITLE, BedtimeReminder
from cramp_coach.ui.screens.settings_screen import SettingsScreen
from cramp_coach.ui.settings import AppSettings
from tests.helpers.fakes import FakeWallClock

pytestmark = pytest.mark.usefixtures("london")

TEN_MINUTES_MS = 10 * 60 * 1000


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 1, day, hour, minute, tzinfo=timezone.utc)  # January: London is on UTC


class FakeTray(QObject):
    messageClicked = Signal()  # noqa: N815 - Qt's name
    activated = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.visible = False
        self.messages: list[tuple[str, str]] = []
        self.menu: QMenu | None = None

    def show(self) -> None:
        self.visible = True

    def hide(self) -> None:
        self.visible = False

    def isVisible(self) -> bool:  # noqa: N802
        return self.visible

    def showMessage(self, title: str, message: str, icon: QIcon, msecs: int) -> None:  # noqa: N802
        self.messages.append((title, message))

    def setContextMenu(self, menu: QMenu) -> None:  # noqa: N802
        self.menu = menu

    def setToolTip(self, tip: str) -> None:  # noqa: N802
        pass


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(tmp_path / "settings.ini")


@pytest.fixture
def clock() -> FakeWallClock:
    return FakeWallClock(utc(12, 20, 0))


def make(qtbot: QtBot, settings: AppSettings, clock: FakeWallClock, tray: FakeTray | None) -> BedtimeReminder:
    reminder = BedtimeReminder(settings, clock, tray=tray, use_system_tray=False)
    MADE.append(reminder)
    return reminder


MADE: list[BedtimeReminder] = []  # stopped after each test, so none leaves a timer running


@pytest.fixture(autouse=True)
def _stop_reminders() -> Iterator[None]:
    yield
    while MADE:
        MADE.pop().stop()


def test_off_by_default(qtbot: QtBot, settings: AppSettings, clock: FakeWallClock) -> None:
    tray = FakeTray()
    reminder = make(qtbot, settings, clock, tray)
    assert settings.reminder_enabled is False
    assert settings.reminder_time == clock_time(22, 0)
    assert not reminder.enabled
    assert not reminder.timer.isActive()
    assert not tray.visible
    assert not reminder.keeps_running


def test_it_fires_once_at_the_time_and_again_the_next_day(
    qtbot: QtBot, settings: AppSettings, clock: FakeWallClock
) -> None:
    tray = FakeTray()
    reminder = make(qtbot, settings, clock, tray)
    settings.reminder_enabled = True  # at 20:00, for 22:00
    assert tray.visible
    assert reminder.keeps_running
    assert reminder.timer.isActive()
    assert reminder.timer.interval() == TEN_MINUTES_MS  # never a long timer

    clock.set(utc(12, 21, 57))
    reminder.check()
    assert tray.messages == []
    assert reminder.timer.interval() == 3 * 60 * 1000  # aims at 22:00

    clock.set(utc(12, 22, 0))
    with qtbot.waitSignal(reminder.due, timeout=0):
        reminder.check()
    assert tray.messages == [(TITLE, MESSAGE)]
    clock.set(utc(12, 22, 10))
    reminder.check()
    assert len(tray.messages) == 1  # once a day

    clock.set(utc(13, 22, 1))
    reminder.check()
    assert len(tray.messages) == 2


def test_clicking_the_notification_asks_to_start_the_routine(
    qtbot: QtBot, settings: AppSettings, clock: FakeWallClock
) -> None:
    tray = FakeTray()
    reminder = make(qtbot, settings, clock, tray)
    settings.reminder_enabled = True
    with qtbot.waitSignal(reminder.start_requested, timeout=0):
        tray.messageClicked.emit()
    with qtbot.waitSignal(reminder.show_requested, timeout=0):
        tray.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    assert tray.menu is not None
    actions = {action.text(): action for action in tray.menu.actions()}
    assert list(actions) == ["Start tonight's routine", "Cramp now", "Open Cramp Coach", "Quit"]
    with qtbot.waitSignal(reminder.start_requested, timeout=0):
        actions["Start tonight's routine"].trigger()
    with qtbot.waitSignal(reminder.cramp_now_requested, timeout=0):
        actions["Cramp now"].trigger()


def test_turning_it_on_after_the_time_waits_for_tomorrow(
    qtbot: QtBot, settings: AppSettings, clock: FakeWallClock
) -> None:
    tray = FakeTray()
    clock.set(utc(12, 22, 10))
    reminder = make(qtbot, settings, clock, tray)
    settings.reminder_enabled = True
    assert tray.messages == []
    clock.set(utc(13, 22, 0))
    reminder.check()
    assert len(tray.messages) == 1


def test_opening_the_app_just_after_the_time_still_reminds(
    qtbot: QtBot, settings: AppSettings, clock: FakeWallClock
) -> None:
    settings.reminder_enabled = True
    clock.set(utc(12, 22, 20))
    tray = FakeTray()
    make(qtbot, settings, clock, tray)
    assert len(tray.messages) == 1


def test_waking_long_after_the_time_skips_it_rather_than_nagging_at_night(
    qtbot: QtBot, settings: AppSettings, clock: FakeWallClock
) -> None:
    tray = FakeTray()
    reminder = make(qtbot, settings, clock, tray)
    settings.reminder_enabled = True
    clock.set(utc(13, 3, 0))  # the laptop slept from 20:00 until 3 a.m.
    reminder.check()
    assert tray.messages == []


def test_a_new_time_applies_at_once(qtbot: QtBot, settings: AppSettings, clock: FakeWallClock) -> None:
    tray = FakeTray()
    reminder = make(qtbot, settings, clock, tray)
    settings.reminder_enabled = True
    settings.reminder_time = clock_time(20, 5)
    assert reminder.timer.interval() == 5 * 60 * 1000
    clock.set(utc(12, 20, 5))
    reminder.check()
    assert len(tray.messages) == 1


def test_turning_it_off_stops_the_timer_and_hides_the_icon(
    qtbot: QtBot, settings: AppSettings, clock: FakeWallClock
) -> None:
    tray = FakeTray()
    reminder = make(qtbot, settings, clock, tray)
    settings.reminder_enabled = True
    settings.reminder_enabled = False
    assert not reminder.timer.isActive()
    assert not tray.visible
    clock.set(utc(12, 22, 0))
    reminder.check()
    assert tray.messages == []


def test_without_a_tray_it_says_so_and_still_signals(qtbot: QtBot, settings: AppSettings, clock: FakeWallClock) -> None:
    reminder = make(qtbot, settings, clock, None)
    assert not reminder.available
    assert reminder.unavailable_reason == NO_TRAY
    settings.reminder_enabled = True
    assert not reminder.keeps_running  # nothing to close to
    clock.set(utc(12, 22, 0))
    with qtbot.waitSignal(reminder.due, timeout=0):
        reminder.check()
    reminder.stop()
    assert not reminder.timer.isActive()


def test_the_offscreen_platform_has_no_tray(qtbot: QtBot, settings: AppSettings, clock: FakeWallClock) -> None:
    reminder = BedtimeReminder(settings, clock)
    MADE.append(reminder)
    assert reminder.available is QSystemTrayIcon.isSystemTrayAvailable()


def test_the_settings_screen_sets_the_reminder(qtbot: QtBot, settings: AppSettings) -> None:
    screen = SettingsScreen(settings, reminder_note=NO_TRAY)
    qtbot.addWidget(screen)
    assert not screen.reminder.isChecked()
    assert screen.reminder_note.text() == NO_TRAY
    screen.reminder.click()
    assert settings.reminder_enabled is True
    screen.reminder_time.setTime(screen.reminder_time.time().addSecs(-30 * 60))
    assert settings.reminder_time == clock_time(21, 30)


def test_an_unreadable_time_in_the_settings_file_reads_as_the_default(tmp_path: Path) -> None:
    (tmp_path / "settings.ini").write_text("[reminder]\ntime=late\nenabled=true\n")
    settings = AppSettings(tmp_path / "settings.ini")
    assert settings.reminder_time == clock_time(22, 0)
    assert settings.reminder_enabled is True
