"""A one-line label that keeps its size while its text changes, for a clock shown each second."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QWidget


class SteadyLabel(QLabel):
    """A label as wide as its widest text, set with :meth:`set_widest`.

    ``QLabel.setText`` asks the layout to think again unless the label's size is fixed:
    for the time left, that was the whole window laid out anew once a second. Here the
    size is fixed (from the font, so it follows the user's text size) and a new text
    only repaints the label. The text keeps to the right edge, where it always ended.
    """

    def __init__(self, role: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if role:
            self.setProperty("role", role)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._widest = ""

    def set_widest(self, text: str) -> None:
        """Make room for ``text`` (the longest this label will show)."""
        if text != self._widest:
            self._widest = text
            self._fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()

    def _fit(self) -> None:
        self.ensurePolished()
        margins = self.contentsMargins()
        metrics = self.fontMetrics()
        width = metrics.horizontalAdvance(self._widest) + 2 * self.margin() + margins.left() + margins.right()
        height = metrics.height() + 2 * self.margin() + margins.top() + margins.bottom()
        self.setFixedSize(width, height)
