""" "Opened by mistake? Not recorded." A small bar with Undo, floating over whatever screen is next.

Cramp now records a cramp the moment it opens; leaving the location picker within a few
seconds is taken as a mis-tap and that record is deleted. This bar says so, and Undo
puts it back. It belongs to the window, not the Cramp-now screen, so it stays on
Home after the screen has gone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from cramp_coach.ui.widgets.common import button, label

#: How long the bar stays (milliseconds): long enough to read and reach Undo half-awake.
SHOWN_MS = 12_000
MESSAGE = "Opened by mistake? This was not recorded as a cramp."


class NotRecordedBar(QFrame):
    """Shown at the bottom of ``host`` (a window) by :meth:`offer`; hides itself after :data:`SHOWN_MS`."""

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName("not-recorded")
        self.setProperty("role", "banner")
        self.setAccessibleName("Not recorded")
        self.setProperty("overlay", True)  # floats over the screen below, on purpose
        self.message = label(MESSAGE)
        self.undo_button = button("Undo: keep it", "primary", accessible="Undo: keep this cramp in the diary")
        self.undo_button.setProperty("compact", True)
        self.dismiss_button = button("OK", "quiet", accessible="Dismiss")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 10, 14, 10)
        layout.setSpacing(14)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.undo_button)
        layout.addWidget(self.dismiss_button)
        self._undo: Callable[[], None] | None = None
        self.undo_button.clicked.connect(self._on_undo)
        self.dismiss_button.clicked.connect(self.hide)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SHOWN_MS)
        self._timer.timeout.connect(self.hide)
        host.installEventFilter(self)
        self.hide()

    def offer(self, undo: Callable[[], None]) -> None:
        """Show the bar; Undo calls ``undo`` once."""
        self._undo = undo
        self._place()
        self.show()
        self.raise_()
        self._timer.start()

    def _on_undo(self) -> None:
        undo, self._undo = self._undo, None
        self.hide()
        if undo is not None:
            undo()

    def _place(self) -> None:
        host = self.parentWidget()
        if host is None:
            return
        width = min(host.width() - 32, 900)
        height = self.heightForWidth(width) if self.hasHeightForWidth() else self.sizeHint().height()
        height = max(height, self.sizeHint().height())
        self.setGeometry((host.width() - width) // 2, host.height() - height - 16, width, height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return super().eventFilter(watched, event)
