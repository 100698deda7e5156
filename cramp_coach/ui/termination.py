"""Ctrl+C and SIGTERM end the app cleanly, even while Qt's event loop is waiting in C++.

Python runs a signal handler only when the interpreter gets control, which a sleeping
Qt loop never gives it. ``signal.set_wakeup_fd`` writes a byte (the signal's number) to
a pipe on every signal; a ``QSocketNotifier`` on the other end wakes the loop, Python runs the handler,
and :class:`TerminationSignals` emits ``requested`` so the app can save and quit.
"""

from __future__ import annotations

import os
import signal
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier, Signal

HANDLED = (signal.SIGINT, signal.SIGTERM)


class TerminationSignals(QObject):
    """Turns SIGINT and SIGTERM into a Qt signal.

    Signals:
        requested(int): the signal number that asked the app to end.
    """

    requested = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader, self._writer = os.pipe()
        os.set_blocking(self._reader, False)
        os.set_blocking(self._writer, False)
        self._notifier = QSocketNotifier(self._reader, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._done = False
        self._previous_fd = -1
        self._previous_handlers: dict[int, object] = {}

    def install(self) -> None:
        self._previous_fd = signal.set_wakeup_fd(self._writer)
        for number in HANDLED:
            self._previous_handlers[number] = signal.signal(number, self._on_signal)

    def uninstall(self) -> None:
        for number, handler in self._previous_handlers.items():
            signal.signal(number, handler)  # type: ignore[arg-type]
        self._previous_handlers.clear()
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        os.close(self._reader)
        os.close(self._writer)

    def _on_signal(self, number: int, _frame: FrameType | None) -> None:
        # The work happens in _drain: the wakeup byte (the signal's number) wakes Qt's loop.
        pass

    def _drain(self) -> None:
        received = b""
        try:
            while chunk := os.read(self._reader, 64):
                received += chunk
        except (BlockingIOError, InterruptedError):
            pass
        numbers = [number for number in received if number in HANDLED]
        if numbers and not self._done:  # one clean shutdown; a second Ctrl+C changes nothing
            self._done = True
            self.requested.emit(numbers[0])
