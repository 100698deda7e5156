"""A large countdown ring with the seconds in big digits, readable across a dark room.

It repaints only what changed: when the arc shrinks by a step, the small rectangle
around the arc's moving end; when the digits change, the box they stand in. The arc
is drawn to a resolution of one device pixel of its length (:func:`arc_step`), so the
owner can ask :meth:`CountdownRing.arc_steps` how often the ring needs a new value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from cramp_coach.domain.display_cadence import arc_step

# A shrinking arc of more than this (a new phase, a jump) repaints the whole ring; below
# it only the box around the arc's moving end.
_PARTIAL_ARC = 0.2


class CountdownRing(QWidget):
    """Draws ``fraction`` of a ring and a big centre text.

    The owner sets the values from a player snapshot; the widget does no timing. Given
    a background colour (:meth:`set_colours`), the ring paints it itself and is opaque,
    so a change repaints only the ring's own pixels, not the page behind it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fraction = 1.0  # as drawn: rounded up to a whole arc step
        self._text = ""
        self._caption = ""
        self._colour = QColor("#e89a4c")
        self._track = QColor("#2c333c")
        self._text_colour = QColor("#e9e2cf")
        self._background: QColor | None = None  # None: transparent, the parent shows through
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(180, 180)
        self.setAccessibleName("Countdown")
        self._track_cache: tuple[tuple[object, ...], QPixmap] | None = None
        self._plan_cache: tuple[tuple[object, ...], TextPlan] | None = None
        self._geometry_cache: tuple[tuple[int, int, float], _Geometry] | None = None
        self._font_generation = 0  # counts font changes (the user's text size), for the text plan

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(320, 320)

    def set_colours(self, ring: str, track: str, text: str, background: str | None = None) -> None:
        """The arc's, the track's and the text's colours; with ``background``, the ring is opaque."""
        colours = (QColor(ring), QColor(track), QColor(text), None if background is None else QColor(background))
        if colours != (self._colour, self._track, self._text_colour, self._background):
            self._colour, self._track, self._text_colour, self._background = colours
            self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, background is not None)
            self.update()

    def _track_pixmap(self, ring: _Geometry) -> QPixmap:
        # Keyed on the geometry (one object per size) and the colours (new objects when they change).
        key = (ring, self._track, self._background)
        if self._track_cache is None or any(a is not b for a, b in zip(self._track_cache[0], key, strict=True)):
            width, height = self.width(), self.height()
            pixmap = QPixmap(round(width * ring.ratio), round(height * ring.ratio))
            pixmap.setDevicePixelRatio(ring.ratio)
            pixmap.fill(self._background if self._background is not None else QColor(0, 0, 0, 0))
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(self._track, ring.thickness, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawEllipse(ring.rect)
            painter.end()
            self._track_cache = (key, pixmap)
        return self._track_cache[1]

    def arc_steps(self) -> int:
        """How many steps the whole ring has: its length in device pixels."""
        return self._geometry().steps

    def set_state(self, fraction: float, text: str, caption: str = "") -> None:
        """Show ``fraction`` (0..1) of the ring and ``text`` over ``caption``; repaint what changed."""
        steps = self._geometry().steps
        fraction = arc_step(max(0.0, min(1.0, fraction)), steps) / steps
        words_changed = text != self._text or caption != self._caption
        if fraction == self._fraction and not words_changed:
            return
        if words_changed:
            self.setAccessibleDescription(f"{text} {caption}".strip())
            old_block = self.text_plan().block
            self._text, self._caption = text, caption
            self.update(_pixels(old_block.united(self.text_plan().block)))
        if fraction != self._fraction:
            self.update(self._arc_change(self._fraction, fraction))
            self._fraction = fraction

    def _arc_change(self, old: float, new: float) -> QRect:
        """The pixels that differ between an arc of ``old`` and one of ``new`` of the ring."""
        if old <= 0 or new <= 0 or abs(old - new) > _PARTIAL_ARC:
            return self.rect()  # the start cap appears or goes, or a new phase
        ring = self._geometry()
        # Clockwise from 12 o'clock; with the round caps the change spans from one end to the other.
        low, high = sorted((old * 360.0, new * 360.0))
        angles = [low, high] + [quarter for quarter in (90.0, 180.0, 270.0) if low < quarter < high]
        xs = [ring.cx + ring.radius * math.sin(math.radians(angle)) for angle in angles]
        ys = [ring.cy - ring.radius * math.cos(math.radians(angle)) for angle in angles]
        margin = ring.thickness / 2 + 2  # the cap, and a pixel of antialiasing either side
        left, top = math.floor(min(xs) - margin) - 1, math.floor(min(ys) - margin) - 1
        return QRect(left, top, math.ceil(max(xs) + margin) + 1 - left, math.ceil(max(ys) + margin) + 1 - top)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        steps = self.arc_steps()
        self._fraction = arc_step(self._fraction, steps) / steps

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FontChange:
            self._font_generation += 1
        super().changeEvent(event)

    @property
    def text(self) -> str:
        return self._text

    def geometry_of_ring(self) -> tuple[QRectF, float]:
        """The ring's rectangle (pen centre line) and its pen thickness."""
        ring = self._geometry()
        return QRectF(ring.rect), ring.thickness

    def _geometry(self) -> _Geometry:
        """The ring's rectangle, pen thickness and steps, worked out once per size."""
        key = (self.width(), self.height(), self.devicePixelRatioF())
        if self._geometry_cache is None or self._geometry_cache[0] != key:
            rect, thickness = self._fit_ring()
            steps = max(1, round(math.pi * rect.width() * key[2]))
            centre = rect.center()
            geometry = _Geometry(rect, thickness, steps, centre.x(), centre.y(), rect.width() / 2, key[2])
            self._geometry_cache = (key, geometry)
        return self._geometry_cache[1]

    def _fit_ring(self) -> tuple[QRectF, float]:
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
        # Asked on every repaint and every change of the digits: worked out once per
        # text, size and font (fitting the text measures it up to six times).
        key = (self._text, self._caption, self.width(), self.height(), self._font_generation)
        if self._plan_cache is None or self._plan_cache[0] != key:
            self._plan_cache = (key, self._fit_text())
        return self._plan_cache[1]

    def _fit_text(self) -> TextPlan:
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
        ring = self._geometry()
        rect, thickness, ratio = ring.rect, ring.thickness, ring.ratio
        dirty = event.rect()
        painter = QPainter(self)  # clipped to the changed region: the rest stays as it was
        # The grey track (and the background) is the same on every tick: drawn once into
        # a pixmap, of which only the changed rectangle is copied.
        source = QRectF(dirty.x() * ratio, dirty.y() * ratio, dirty.width() * ratio, dirty.height() * ratio)
        painter.drawPixmap(QRectF(dirty), self._track_pixmap(ring), source)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # In 1/16 degree clockwise from 12 o'clock; Qt counts counter-clockwise from 3.
        part = _arc_within(dirty, ring, round(self._fraction * 360 * 16))
        if part is not None:
            painter.setPen(QPen(self._colour, thickness, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            start, stop = part
            painter.drawArc(rect, 90 * 16 - start, start - stop)
        plan = self.text_plan()
        if dirty.intersects(_pixels(plan.block)):
            painter.setPen(self._text_colour)
            painter.setFont(plan.digits_font)
            painter.drawText(plan.digits_at, self._text)
            if self._caption:
                painter.setFont(plan.caption_font)
                painter.drawText(plan.caption_at, self._caption)
        painter.end()


def _pixels(box: QRectF) -> QRect:
    """The whole pixels ``box`` touches, with one more for antialiasing."""
    return box.toAlignedRect().adjusted(-1, -1, 1, 1)


def _arc_within(dirty: QRect, ring: _Geometry, end: int) -> tuple[int, int] | None:
    """The part of the arc from 12 o'clock to ``end`` that can show in ``dirty``, or None.

    Angles in 1/16 degree, clockwise from 12 o'clock. Stroking the whole arc costs the
    same however small the changed rectangle is (seven times a tenth of it); the part
    whose angles the rectangle spans, widened by a round cap, paints the same pixels there.
    """
    if end <= 0:
        return None
    cx, cy, radius, thickness = ring.cx, ring.cy, ring.radius, ring.thickness
    left, top, right, bottom = dirty.left(), dirty.top(), dirty.right() + 1, dirty.bottom() + 1
    corners = ((left, top), (right, top), (left, bottom), (right, bottom))
    inner = radius - thickness / 2 - 1
    if all(math.hypot(x - cx, y - cy) < inner for x, y in corners):
        return None  # only the digits changed
    if left <= cx <= right and top <= cy:
        return 0, end  # the rectangle holds the centre or the start at 12 o'clock
    # A rectangle clear of the centre and of the line up to 12 o'clock spans the angles
    # between its corners' without wrapping round.
    angles = [math.degrees(math.atan2(x - cx, cy - y)) % 360 for x, y in corners]
    cap = math.degrees((thickness / 2 + 2) / max(1.0, radius - thickness / 2)) * 1.5
    if max(angles) + cap >= 360:
        return 0, end  # the start's round cap reaches back over 12 o'clock into the rectangle
    start = max(0, math.floor((min(angles) - cap) * 16))
    stop = min(end, math.ceil((max(angles) + cap) * 16))
    return (start, stop) if start < stop else None


@dataclass(frozen=True, slots=True)
class _Geometry:
    """The ring's placement for one size: its pen's centre line, pen and steps, as plain numbers too."""

    rect: QRectF
    thickness: float
    steps: int
    cx: float
    cy: float
    radius: float
    ratio: float


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
