"""Where the player puts its words, its countdown ring and its picture, for any room it gets.

The words come first: they are never cut. Then the ring, never smaller than
:data:`RING_MIN`. The picture gets what is left: it shrinks first, down to a useful
size, and is then left out. Only when even that is not enough do the words scroll.

In order of preference:

1. words in a column on the left, ring (and picture) on the right;
2. words across the full width, ring (and picture) below them;
3. as 1 with the ring at its smallest, and only then with the words scrolling.

The arithmetic is a pure function, :func:`arrange`, so it is tested without a window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QWidget

from cramp_coach.ui.widgets.countdown_ring import CountdownRing

RING_MIN = 180
PICTURE_MIN = (200, 150)  # below this a 4:3 exercise drawing stops being useful
GAP = 24
# Of a wide room, the ring takes about this share and the picture the rest (on a big
# screen the digits are big enough at half; the drawing needs the room more).
RING_SHARE = 0.5


Box = tuple[int, int, int, int]  # x, y, width, height


@dataclass(frozen=True)
class Arrangement:
    text: Box
    ring: Box
    picture: Box | None
    stacked: bool
    scrolls: bool


def _visuals(x: int, y: int, width: int, height: int, picture: bool) -> tuple[Box, Box | None]:
    """Ring (a square) and picture inside the box; the picture only if it gets a useful size."""
    if picture:
        wide = width >= height
        long_side, short_side = (width, height) if wide else (height, width)
        preferred = max(RING_MIN, min(short_side, round(long_side * RING_SHARE)))
        # The ring may give up a quarter of its size so the picture keeps a useful size.
        floor = max(RING_MIN, round(preferred * 0.75))
        ring = max(floor, min(preferred, long_side - GAP - PICTURE_MIN[0 if wide else 1]))
        room = (width - ring - GAP, height) if wide else (width, height - ring - GAP)
        pw, ph = room
        # Keep the drawing's 4:3 shape.
        pw, ph = min(pw, round(ph * 4 / 3)), min(ph, round(pw * 3 / 4))
        if pw >= PICTURE_MIN[0] and ph >= PICTURE_MIN[1]:
            if wide:
                left = x + (width - (pw + GAP + ring)) // 2
                return (left + pw + GAP, y + (height - ring) // 2, ring, ring), (left, y + (height - ph) // 2, pw, ph)
            top = y + (height - (ph + GAP + ring)) // 2
            return (x + (width - ring) // 2, top + ph + GAP, ring, ring), (x + (width - pw) // 2, top, pw, ph)
    ring = min(width, height)
    return (x + (width - ring) // 2, y + (height - ring) // 2, ring, ring), None


# The words' share of the width, tried in turn: a wider column takes room from the
# picture first (it shrinks, then goes), then from the ring.
COLUMN_SHARES = (0.42, 0.5, 0.58, 0.66)


def arrange(width: int, height: int, text_height_at: Callable[[int], int], picture: bool) -> Arrangement:
    """Place the words, the ring and (if it fits) the picture in a ``width`` x ``height`` room."""
    for share in COLUMN_SHARES:
        column = round(width * share)
        visual_x = column + GAP
        if min(width - visual_x, height) < RING_MIN:
            break
        if text_height_at(column) <= height:
            ring, pic = _visuals(visual_x, 0, width - visual_x, height, picture)
            return Arrangement((0, 0, column, height), ring, pic, stacked=False, scrolls=False)
    full_text = text_height_at(width)
    below = height - full_text - GAP
    if below >= RING_MIN:
        ring, pic = _visuals(0, full_text + GAP, width, below, picture)
        return Arrangement((0, 0, width, full_text), ring, pic, stacked=True, scrolls=False)
    # Then the ring gives up its size, down to its minimum, before the words scroll (the
    # Largest text on a laptop): the words column takes all the rest of the width.
    column = max(0, width - GAP - RING_MIN)
    visual_x = column + GAP
    # The words scroll only once the picture has gone.
    ring, pic = _visuals(visual_x, 0, width - visual_x, height, picture=False)
    return Arrangement((0, 0, column, height), ring, pic, stacked=False, scrolls=text_height_at(column) > height)


class PlayerBody(QWidget):
    """Holds the words (in a scroll area that scrolls only when it must), the ring and the picture."""

    def __init__(self, words: QWidget, ring: CountdownRing, picture: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words = words
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("player-words")
        self.scroll_area.setWidget(words)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.ring = ring
        ring.setParent(self)
        self.picture = picture
        picture.setParent(self)
        self.has_picture = False
        self.arrangement: Arrangement | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(RING_MIN)

    def set_has_picture(self, has: bool) -> None:
        if has != self.has_picture:
            self.has_picture = has
            self.relayout()

    def _text_height_at(self, width: int) -> int:
        layout = self.words.layout()
        margins = self.scroll_area.contentsMargins()
        inner = width - margins.left() - margins.right()
        if layout is None:
            return self.words.sizeHint().height()
        return layout.totalHeightForWidth(inner) + margins.top() + margins.bottom()

    def relayout(self) -> None:
        if self.width() <= 0 or self.height() <= 0:
            return
        plan = arrange(self.width(), self.height(), self._text_height_at, self.has_picture)
        self.arrangement = plan
        self.scroll_area.setGeometry(QRect(*plan.text))
        self.ring.setGeometry(QRect(*plan.ring))
        if plan.picture is not None:
            self.picture.setGeometry(QRect(*plan.picture))
        self.picture.setVisible(plan.picture is not None)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.relayout()
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.relayout()
