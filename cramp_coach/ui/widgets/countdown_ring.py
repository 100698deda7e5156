"""A large countdown ring with the seconds in big digits, readable across a dark room."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class CountdownRing(QWidget):
    """Draws ``fraction`` of a ring and a big centre text.

    The owner sets the values from a player snapshot; the widget does no timing.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fraction = 1.0
        self._text = ""
        self._caption = ""
        self._colour = QColor("#e89a4c")
        self._track = QColor("#2c333c")
        self._text_colour = QColor("#e9e2cf")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(180, 180)
        self.setAccessibleName("Countdown")

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(320, 320)

    def set_colours(self, ring: str, track: str, text: str) -> None:
        self._colour, self._track, self._text_colour = QColor(ring), QColor(track), QColor(text)
        self.update()

    def set_state(self, fraction: float, text: str, caption: str = "") -> None:
        fraction = max(0.0, min(1.0, fraction))
        if (fraction, text, caption) == (self._fraction, self._text, self._caption):
            return
        if text != self._text or caption != self._caption:
            self.setAccessibleDescription(f"{text} {caption}".strip())
        self._fraction, self._text, self._caption = fraction, text, caption
        self.update()

    @property
    def text(self) -> str:
        return self._text

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        side = min(self.width(), self.height())
        thickness = max(10.0, side * 0.07)
        rect = QRectF(
            (self.width() - side) / 2 + thickness / 2,
            (self.height() - side) / 2 + thickness / 2,
            side - thickness,
            side - thickness,
        )
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self._track, thickness, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawEllipse(rect)
        if self._fraction > 0:
            pen.setColor(self._colour)
            painter.setPen(pen)
            # Qt angles are in 1/16 degree, counter-clockwise from 3 o'clock; start at 12.
            span = -round(self._fraction * 360 * 16)
            painter.drawArc(rect, 90 * 16, span)
        painter.setPen(self._text_colour)
        font = QFont(self.font())
        digits = max(1, len(self._text))
        font.setPixelSize(max(12, int(side * (0.42 if digits <= 2 else 0.78 / math.sqrt(digits + 1)))))
        font.setWeight(QFont.Weight.Bold)
        painter.setFont(font)
        text_rect = QRectF(rect)
        if self._caption:
            text_rect.adjust(0, -side * 0.08, 0, -side * 0.08)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, self._text)
        if self._caption:
            small = QFont(self.font())
            small.setPixelSize(max(10, int(side * 0.085)))
            painter.setFont(small)
            caption_rect = QRectF(rect.left(), rect.center().y() + side * 0.17, rect.width(), side * 0.14)
            painter.drawText(caption_rect, Qt.AlignmentFlag.AlignCenter, self._caption)
        painter.end()
