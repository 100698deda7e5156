"""The bedtime reminder: a tray icon and, at the chosen time, a notification inviting tonight's routine.

Off by default; Settings turns it on and sets the time (``AppSettings.reminder_enabled``
and ``reminder_time``), and the reminder follows those settings as they change. When
it is on and the desktop has a notification area, a tray icon stays while the app
runs (so the window can close to the tray and the reminder still comes); clicking the
notification, or "Start tonight's routine" in the icon's menu, asks the app to start
the routine. Without a notification area (some desktops, the offscreen platform) the
reminder says so (:attr:`BedtimeReminder.unavailable_reason`, for the settings screen)
and still emits :attr:`~BedtimeReminder.due`, which the app may show in its own window.

Timing: one parented single-shot ``QTimer``, never armed for more than ten minutes,
re-armed from the injected wall clock every time it fires
(:class:`~cramp_coach.domain.reminder.BedtimeSchedule` decides). A suspended computer,
a changed clock or a daylight-saving jump therefore costs at most one short wait.
Tests inject a fake wall clock and a fake tray and call :meth:`BedtimeReminder.check`.
"""

from __future__ import annotations

import logging
from datetime import date, time
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from cramp_coach.domain.clock import WallClock
from cramp_coach.domain.reminder import BedtimeSchedule
from cramp_coach.ui.settings import AppSettings

log = logging.getLogger(__name__)

TITLE = "Time for your bedtime stretches"
MESSAGE = "Click here to start tonight's routine."  # its length is on Home; the routine may change
#: How long the notification stays up (the desktop may cap it).
MESSAGE_MS = 60_000
NO_TRAY = "This desktop has no notification area, so the reminder cannot pop up here."


class Tray(Protocol):
    """The part of ``QSystemTrayIcon`` the reminder uses (tests pass a fake)."""

    @property
    def messageClicked(self) -> SignalInstance: ...  # noqa: N802 - Qt's name

    @property
    def activated(self) -> SignalInstance: ...

    def show(self) -> None: ...

    def hide(self) -> None: ...

    def isVisible(self) -> bool: ...  # noqa: N802 - Qt's name

    def showMessage(self, title: str, message: str, icon: QIcon, msecs: int) -> None: ...  # noqa: N802

    def setContextMenu(self, menu: QMenu) -> None: ...  # noqa: N802

    def setToolTip(self, tip: str) -> None: ...  # noqa: N802


def system_tray(icon: QIcon, parent: QObject) -> Tray | None:
    """A real tray icon, or ``None`` when the platform has no notification area."""
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return None
    return QSystemTrayIcon(icon, parent)


class BedtimeReminder(QObject):
    """Schedules the daily reminder and owns the tray icon while the reminder is on.

    Attributes:
        timer: the single-shot timer that wakes :meth:`check`.
        tray: the tray icon, ``None`` without a notification area.
        shown: the day of the last reminder shown (or skipped because it was set after its time).

    Signals:
        due(): the reminder time came (emitted with or without a tray).
        start_requested(): the user clicked the notification or "Start tonight's routine".
        show_requested(): the user clicked the tray icon or "Open Cramp Coach".
        cramp_now_requested(): "Cramp now" in the tray menu.
        quit_requested(): "Quit" in the tray menu.
    """

    due = Signal()
    start_requested = Signal()
    show_requested = Signal()
    cramp_now_requested = Signal()
    quit_requested = Signal()

    def __init__(
        self,
        settings: AppSettings,
        wall_clock: WallClock,
        *,
        icon: QIcon | Path | None = None,
        tray: Tray | None = None,
        use_system_tray: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._wall_clock = wall_clock
        self._icon = icon if isinstance(icon, QIcon) else QIcon(str(icon)) if icon is not None else QIcon()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check)
        self.tray: Tray | None = (
            tray if tray is not None else (system_tray(self._icon, self) if use_system_tray else None)
        )
        self.shown: date | None = None
        self.schedule: BedtimeSchedule | None = None
        if self.tray is not None:
            self._menu = QMenu()
            for text, signal in (
                ("Start tonight's routine", self.start_requested),
                ("Cramp now", self.cramp_now_requested),
                ("Open Cramp Coach", self.show_requested),
                ("Quit", self.quit_requested),
            ):
                action = QAction(text, self._menu)
                action.triggered.connect(signal)
                self._menu.addAction(action)
            self.tray.setContextMenu(self._menu)
            self.tray.setToolTip("Cramp Coach: bedtime reminder on")
            self.tray.messageClicked.connect(self.start_requested)
            self.tray.activated.connect(self._on_tray_activated)
        settings.changed.connect(self._on_settings_changed)
        # At start-up a reminder missed a moment ago (the app was just opened) is still shown.
        self._apply(catch_up=True)

    @property
    def enabled(self) -> bool:
        return self.schedule is not None

    @property
    def available(self) -> bool:
        """Whether the reminder can pop up (the desktop has a notification area)."""
        return self.tray is not None

    @property
    def unavailable_reason(self) -> str:
        return "" if self.available else NO_TRAY

    @property
    def keeps_running(self) -> bool:
        """Whether closing the window should only hide it, so the reminder still comes."""
        return self.enabled and self.available

    def _on_settings_changed(self, key: str) -> None:
        if key.startswith("reminder/"):
            self._apply(catch_up=False)

    def _apply(self, *, catch_up: bool) -> None:
        if not self._settings.reminder_enabled:
            self.schedule = None
            self.timer.stop()
            if self.tray is not None:
                self.tray.hide()
            return
        self.schedule = BedtimeSchedule(self._settings.reminder_time)
        if not catch_up:
            # Turned on (or moved) after today's time: today's counts as seen, no instant pop-up.
            skipped = self.schedule.last_due_day(self._wall_clock.now())
            if skipped is not None and (self.shown is None or skipped > self.shown):
                self.shown = skipped
        if self.tray is not None:
            self.tray.show()
        self.check()

    def check(self) -> None:
        """Show the reminder if it is due, then arm the timer for the next look."""
        if self.schedule is None:
            return
        now = self._wall_clock.now()
        day = self.schedule.pending(now, self.shown)
        if day is not None:
            self.shown = day
            self._notify()
        wait = self.schedule.next_check(now)
        self.timer.start(max(1000, int(wait.total_seconds() * 1000)))

    def _notify(self) -> None:
        log.info("bedtime reminder")
        if self.tray is not None:
            self.tray.showMessage(TITLE, MESSAGE, self._icon, MESSAGE_MS)
        self.due.emit()

    def _on_tray_activated(self, reason: object) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.show_requested.emit()

    def stop(self) -> None:
        """Stop the timer and remove the icon (when the app quits)."""
        self.timer.stop()
        if self.tray is not None:
            self.tray.hide()


def reminder_time_text(at: time) -> str:
    return f"{at:%H:%M}"
