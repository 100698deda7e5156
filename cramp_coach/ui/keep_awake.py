"""Keep the screen on while a routine plays, where the platform lets us.

Linux desktops: the freedesktop ScreenSaver D-Bus interface (Inhibit/UnInhibit).
Windows: SetThreadExecutionState. Elsewhere, or when the service is missing (as on
a headless test machine), it quietly does nothing: the routine must never fail
because the screen could not be kept awake.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


class KeepAwake(QObject):
    """Hold or release a "don't blank the screen" request."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cookie: int | None = None
        self.active = False

    def hold(self, reason: str = "Playing a stretching routine") -> None:
        if self.active:
            return
        self.active = True
        if sys.platform == "win32":
            self._windows(True)
        elif sys.platform.startswith("linux"):
            self._cookie = self._dbus_inhibit(reason)

    def release(self) -> None:
        if not self.active:
            return
        self.active = False
        if sys.platform == "win32":
            self._windows(False)
        elif self._cookie is not None:
            self._dbus_call("UnInhibit", self._cookie)
            self._cookie = None

    @staticmethod
    def _windows(on: bool) -> None:
        import ctypes

        es_continuous, es_display_required = 0x80000000, 0x00000002
        flags = es_continuous | (es_display_required if on else 0)
        ctypes.windll.kernel32.SetThreadExecutionState(flags)  # type: ignore[attr-defined]

    def _dbus_inhibit(self, reason: str) -> int | None:
        reply = self._dbus_call("Inhibit", "cramp-coach", reason)
        return int(str(reply[0])) if reply else None

    @staticmethod
    def _dbus_call(method: str, *args: object) -> list[object] | None:
        try:
            from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage
        except ImportError:
            return None
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return None
        interface = QDBusInterface(
            "org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", bus
        )
        if not interface.isValid():
            return None
        message = interface.call(method, *args)
        if message.type() == QDBusMessage.MessageType.ErrorMessage:
            return None
        return list(message.arguments())
