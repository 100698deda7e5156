"""Measured blocks for printed pages: measure everything first, then place it, then paint.

An :class:`Item` knows its height and paints itself at a point; a :class:`Group` is a
few items kept on one page when they fit (with an optional picture at their side);
:func:`paginate` places groups on pages. Measuring before painting is what lets a page
footer say "Page 1 of 3" and lets the handout try a slightly smaller type scale when a
routine overflows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPagedPaintDevice, QPainter, QPen

from cramp_coach.ui import theme

PAPER = theme.DAY  # dark ink on light paper
FAMILY = "DejaVu Sans"
WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop

Paint = Callable[[QPainter, float, float], None]


@dataclass(slots=True)
class Item:
    """Something of known height that paints itself at (x, y)."""

    height: float
    paint: Paint


@dataclass(slots=True)
class Group:
    """Items kept together on one page when they fit; ``side`` is drawn to their left."""

    items: list[Item]
    gap_before: float
    side: Item | None = None
    side_width: float = 0.0
    new_page: bool = False  # start on a fresh page (the safety page, the sources)


@dataclass(slots=True)
class Page:
    placed: list[tuple[Item, float, float]] = field(default_factory=list)


class Styles:
    """Fonts, colours and lengths at one type scale, in the device's pixels."""

    def __init__(self, device: QPagedPaintDevice, scale: float) -> None:
        self.device = device
        self.scale = scale
        self.dpi = device.logicalDpiY()
        self.title = self._font(19, bold=True)
        self.lead = self._font(10.5)
        self.facts = self._font(9.5)
        self.label = self._font(9, bold=True)
        self.body = self._font(10)
        self.heading = self._font(13, bold=True)
        self.dose = self._font(10.5, bold=True)
        self.note = self._font(9.5, italic=True)
        self.small = self._font(9)
        self.footer = self._font(8)
        self.ink = QColor(PAPER.text)
        self.muted = QColor(PAPER.muted)
        self.accent = QColor(PAPER.accent)
        self.danger = QColor(PAPER.danger)
        self.rule = QColor(PAPER.border)
        self.tint = QColor(PAPER.bg)

    def _font(self, points: float, *, bold: bool = False, italic: bool = False) -> QFont:
        font = QFont(FAMILY)
        font.setStyleHint(QFont.StyleHint.SansSerif)
        font.setPointSizeF(points * self.scale)
        font.setBold(bold)
        font.setItalic(italic)
        # No "fi"/"fl" ligatures: the PDF's text must copy, search and read aloud as typed.
        for tag in ("liga", "clig"):
            font.setFeature(QFont.Tag(tag), 0)
        return font

    def mm(self, value: float) -> float:
        return value * self.dpi / 25.4

    def height(self, font: QFont, width: float, text: str) -> float:
        metrics = QFontMetricsF(font, self.device)
        return metrics.boundingRect(QRectF(0, 0, width, 1e7), int(WRAP), text).height()

    def text(self, font: QFont, colour: QColor, width: float, text: str) -> Item:
        height = self.height(font, width, text)

        def paint(painter: QPainter, x: float, y: float) -> None:
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawText(QRectF(x, y, width, height + 2), int(WRAP), text)

        return Item(height, paint)

    def numbered(self, font: QFont, colour: QColor, width: float, marker: str, text: str, indent: float) -> Item:
        """A paragraph with a hanging marker (``1.`` or ``•``)."""
        body = self.text(font, colour, width - indent, text)

        def paint(painter: QPainter, x: float, y: float) -> None:
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawText(QRectF(x, y, indent, body.height), int(WRAP), marker)
            body.paint(painter, x + indent, y)

        return Item(body.height, paint)

    def space(self, height: float) -> Item:
        return Item(height, lambda _painter, _x, _y: None)


def shifted(item: Item, dx: float) -> Item:
    """``item`` painted ``dx`` further right."""
    return Item(item.height, lambda painter, x, y: item.paint(painter, x + dx, y))


def stacked(items: Sequence[Item]) -> Item:
    """Several items as one, one under the other."""

    def paint(painter: QPainter, x: float, y: float) -> None:
        for item in items:
            item.paint(painter, x, y)
            y += item.height

    return Item(sum(item.height for item in items), paint)


def boxed(items: Sequence[Item], styles: Styles, width: float) -> Item:
    """Items in a light tinted box with an accent bar down its left edge."""
    pad = styles.mm(3.5)
    inner = stacked(items)
    height = inner.height + 2 * pad

    def paint(painter: QPainter, x: float, y: float) -> None:
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(styles.tint)
        painter.drawRect(QRectF(x, y, width, height))
        painter.setBrush(styles.accent)
        painter.drawRect(QRectF(x, y, styles.mm(1.2), height))
        painter.restore()
        inner.paint(painter, x + pad + styles.mm(1.2), y + pad)

    return Item(height, paint)


def beside(left: Sequence[Item], right: Sequence[Item], right_x: float) -> Item:
    """Two columns of items side by side, as tall as the taller one."""
    columns = stacked(left), stacked(right)

    def paint(painter: QPainter, x: float, y: float) -> None:
        columns[0].paint(painter, x, y)
        columns[1].paint(painter, x + right_x, y)

    return Item(max(column.height for column in columns), paint)


def hairline(styles: Styles, width: float) -> Item:
    """A thin rule across ``width`` (between exercises, above the footer)."""

    def paint(painter: QPainter, x: float, y: float) -> None:
        painter.save()
        painter.setPen(QPen(styles.rule, styles.mm(0.25)))
        painter.drawLine(int(x), int(y), int(x + width), int(y))
        painter.restore()

    return Item(0, paint)


def paginate(groups: Sequence[Group], top: float, bottom: float, left: float, styles: Styles) -> list[Page]:
    """Place ``groups`` on pages between ``top`` and ``bottom``.

    A group moves to the next page whole when it does not fit (unless it is taller than
    a page, then it breaks between items); a group with a picture at its side gets a
    hairline above it.
    """
    pages = [Page()]
    y = top
    rule = hairline(styles, styles.device.width() - 2 * left)

    def new_page() -> None:
        nonlocal y
        pages.append(Page())
        y = top

    for group in groups:
        if group.new_page and y > top:
            new_page()
        items_height = sum(item.height for item in group.items)
        height = max(items_height, group.side.height if group.side else 0.0)
        gap = group.gap_before if y > top else 0.0
        if y + gap + height > bottom and y > top and height <= bottom - top:
            new_page()
            gap = 0.0
        y += gap
        if group.side is not None and gap > 0:
            # A hairline between exercises, in the middle of the gap above.
            pages[-1].placed.append((rule, left, y - gap / 2))
        start = y
        if group.side is not None:
            pages[-1].placed.append((group.side, left, y))
        for item in group.items:
            if y + item.height > bottom and y > top:
                new_page()
            pages[-1].placed.append((item, left, y))
            y += item.height
        if group.side is not None and y - start < group.side.height:
            y = start + group.side.height
    return pages
