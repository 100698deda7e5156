"""A large countdown ring with the seconds in big digits, readable across a dark room."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetricsF, QPainter, QPaintEvent, QPen, QPixmap
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
        self._track_cache: tuple[tuple[object, ...], QPixmap] | None = None

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(320, 320)

    def set_colours(self, ring: str, track: str, text: str) -> None:
        colours = (QColor(ring), QColor(track), QColor(text))
        if colours != (self._colour, self._track, self._text_colour):  # asked on every tick
            self._colour, self._track, self._text_colour = colours
            self.update()

    def _track_pixmap(self, rect: QRectF, thickness: float) -> QPixmap:
        ratio = self.devicePixelRatioF()
        key = (self.width(), self.height(), ratio, rect, thickness, self._track.rgba())
        if self._track_cache is None or self._track_cache[0] != key:
            pixmap = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(QColor(0, 0, 0, 0))
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(self._track, thickness, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawEllipse(rect)
            painter.end()
            self._track_cache = (key, pixmap)
        return self._track_cache[1]

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

    def geometry_of_ring(self) -> tuple[QRectF, float]:
        """The ring's rectangle (pen centre line) and its pen thickness."""
        side = min(self.width(), self.height())
        thickness = max(10.0, side * 0.07)
        rect = QRectF(
            (self.width() - side) / 2 + thickness / 2,
            (self.height() - side) / 2 + thickness / 2,
            side - thickness,
            side - thickness,
        )
        return rect, thickness

    def inner_radius(self) -> float:
        """The radius of the clear disc inside the ring, where the text must stay."""
        rect, thickness = self.geometry_of_ring()
        return max(1.0, rect.width() / 2 - thickness / 2 - thickness * 0.4)

    def text_plan(self) -> TextPlan:
        """Fonts and positions for the digits and caption, scaled so both fit inside the ring.

        The digits start large; the caption starts at the body text size (the user's
        text size), or larger on a big ring. If the two together would cross the ring,
        both shrink until their bounding box fits inside the inner circle.
        """
        self.ensurePolished()  # the stylesheet's font (the user's text size)
        rect, _ = self.geometry_of_ring()
        side = rect.width()
        radius = self.inner_radius()
        centre = rect.center()
        digits = max(1, len(self._text))
        digit_px = side * (0.42 if digits <= 2 else 0.78 / math.sqrt(digits + 1))
        body_px = max(10, QFontInfo(self.font()).pixelSize())
        caption_px = max(float(body_px), side * 0.085) if self._caption else 0.0
        for _ in range(6):
            big = QFont(self.font())
            big.setPixelSize(max(6, int(digit_px)))
            big.setWeight(QFont.Weight.Bold)
            tight = QFontMetricsF(big).tightBoundingRect(self._text or "0")
            small = QFont(self.font())
            small.setPixelSize(max(6, int(caption_px)) if self._caption else body_px)
            small_metrics = QFontMetricsF(small)
            caption_width = small_metrics.horizontalAdvance(self._caption) if self._caption else 0.0
            caption_height = small_metrics.ascent() + small_metrics.descent() if self._caption else 0.0
            gap = tight.height() * 0.18 if self._caption else 0.0
            width = max(tight.width(), caption_width)
            height = tight.height() + gap + caption_height
            reach = math.hypot(width / 2, height / 2)
            if reach <= radius:
                break
            scale = radius / reach * 0.98
            digit_px *= scale
            caption_px *= scale
        top = centre.y() - height / 2
        digits_at = QPointF(centre.x() - tight.width() / 2 - tight.left(), top - tight.top())
        caption_at = QPointF(centre.x() - caption_width / 2, top + tight.height() + gap + small_metrics.ascent())
        block = QRectF(centre.x() - width / 2, top, width, height)
        return TextPlan(big, small, digits_at, caption_at, block, centre, radius)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        rect, thickness = self.geometry_of_ring()
        painter = QPainter(self)
        # The grey track is the same on every tick: drawn once into a pixmap, not ten
        # times a second (an antialiased circle is the dearest thing the player paints).
        painter.drawPixmap(0, 0, self._track_pixmap(rect, thickness))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self._track, thickness, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        if self._fraction > 0:
            pen.setColor(self._colour)
            painter.setPen(pen)
            # Qt angles are in 1/16 degree, counter-clockwise from 3 o'clock; start at 12.
            span = -round(self._fraction * 360 * 16)
            painter.drawArc(rect, 90 * 16, span)
        plan = self.text_plan()
        painter.setPen(self._text_colour)
        painter.setFont(plan.digits_font)
        painter.drawText(plan.digits_at, self._text)
        if self._caption:
            painter.setFont(plan.caption_font)
            painter.drawText(plan.caption_at, self._caption)
        painter.end()


@dataclass(frozen=True)
class TextPlan:
    """Where the ring's words go: the fonts, the baselines, and the box both fit in."""

    digits_font: QFont
    caption_font: QFont
    digits_at: QPointF
    caption_at: QPointF
    block: QRectF
    centre: QPointF
    radius: float
