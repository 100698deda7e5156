"""One first-aid step on screen: title, safety caution, large-print lines, picture and timer ring.

Shared by the step page and the closing card. What gives way when space runs short,
in order: the picture shrinks (it only ever gets the room the words leave), then it is
dropped below :data:`MIN_PICTURE_PX`, and only then does the page scroll. The caution
is never dropped or shrunk: with the voice off, it is the only way the warning arrives.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from cramp_coach.domain.protocol import ProtocolStep
from cramp_coach.ui.cramp.widgets import OutlinedCard
from cramp_coach.ui.illustration import load_picture, paint_picture
from cramp_coach.ui.theme import CRAMP
from cramp_coach.ui.widgets.common import label, set_role
from cramp_coach.ui.widgets.countdown_ring import CountdownRing

#: Below this height (pixels) a picture is too small to help: it is dropped, not squeezed.
MIN_PICTURE_PX = 140


class Picture(QWidget):
    """A step's picture (SVG, PNG or JPEG, drawn as in the player and the handout).

    It takes only the room the words leave, and vanishes when that is too little.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A clipped instruction is far worse than a smaller picture.
        self.setMinimumSize(0, 0)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setAccessibleName("Illustration of the step")
        self.shown: str | None = None
        self._picture: QSvgRenderer | QImage | None = None
        self.hide()

    @property
    def dropped(self) -> bool:
        """Whether the picture is loaded but too small to draw."""
        return min(self.width(), self.height()) < MIN_PICTURE_PX

    def show_file(self, path: Path | None, description: str) -> None:
        name = None if path is None else str(path)
        if name != self.shown:
            # A picture that no longer reads or decodes is hidden, never an empty box.
            self._picture = load_picture(path, CRAMP) if path is not None else None
            self.update()
        self.setAccessibleDescription(description)
        self.shown = name
        self.setVisible(self._picture is not None)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if self._picture is None or self.dropped:
            return
        painter = QPainter(self)
        try:
            paint_picture(painter, self._picture, QRectF(self.contentsRect()))
        finally:
            painter.end()


class StepCard(QWidget):
    """Renders one :class:`ProtocolStep`; the owner decides which page it sits on."""

    def __init__(
        self, resolve_asset: Callable[[str], Path | None], *, with_ring: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._compact = False
        self._roomy = False
        self._resolve_asset = resolve_asset
        self.title = label("", "title")
        self.title.setAccessibleName("Step")
        self.title.setMinimumWidth(1)
        # Standing steps say so beside the title: the one moment a fall is possible.
        self.standing_badge = label("Standing: keep holding on", "badge", wrap=False)
        self.standing_badge.hide()
        self.caution_card = OutlinedCard(CRAMP.danger)
        self.caution_card.setAccessibleName("Caution")
        self.caution = label("", "big")
        self.caution.setAccessibleName("Caution")
        self.caution.setMinimumWidth(1)
        caution_layout = self._caution_layout = QHBoxLayout(self.caution_card)
        caution_layout.setContentsMargins(22, 12, 22, 12)
        caution_layout.setSpacing(14)
        mark = self._mark = label("⚠", "title", wrap=False)
        mark.setStyleSheet(f"color: {CRAMP.danger}; background: transparent;")
        caution_layout.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
        caution_layout.addWidget(self.caution, 1)
        self.caution_card.hide()
        self.lines = label("", "big")
        self.lines.setAccessibleName("What to do")
        self.lines.setMinimumWidth(1)
        self.lines.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.picture = Picture()
        self.ring: CountdownRing | None = None

        title_row = QHBoxLayout()
        title_row.setSpacing(16)
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.standing_badge, 0, Qt.AlignmentFlag.AlignVCenter)
        words = QVBoxLayout()
        words.setSpacing(12)
        words.addWidget(self.lines)
        words.addWidget(self.picture, 1)
        middle = QHBoxLayout()
        middle.setSpacing(20)
        middle.addLayout(words, 1)
        if with_ring:
            self.ring = CountdownRing()
            self.ring.setMinimumSize(120, 120)
            self.ring.setMaximumWidth(320)
            # Its height is whatever the words leave (never less than the minimum).
            self.ring.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
            self.ring.set_colours(CRAMP.accent, CRAMP.border, CRAMP.text)
            middle.addWidget(self.ring)
        column = self._column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        column.addLayout(title_row)
        column.addWidget(self.caution_card)
        column.addLayout(middle, 1)

    def show_step(self, step: ProtocolStep, *, standing: bool = False) -> None:
        self.title.setText(step.title)
        self.lines.setText("\n".join(step.lines))
        self.caution.setText(step.caution)
        self.caution_card.setVisible(bool(step.caution))
        self.standing_badge.setVisible(standing)
        path = self._resolve_asset(step.illustration) if step.illustration else None
        self.picture.show_file(path, step.title)
        if self.ring is not None:
            self.ring.setVisible(step.timer_seconds is not None and step.timer_seconds > 0)

    def set_compact(self, compact: bool) -> None:
        """In a small window the large print steps down one size, so nothing is clipped."""
        self._compact = compact
        set_role(self.title, "heading" if compact else "title")
        # The short form leaves the title its line in a small window; the lines say the rest.
        self.standing_badge.setText("Standing" if compact else "Standing: keep holding on")
        self._size_words()
        set_role(self._mark, "heading" if compact else "title")
        self._caution_layout.setContentsMargins(*((16, 6, 16, 6) if compact else (22, 12, 22, 12)))
        self._column.setSpacing(8 if compact else 12)

    def set_roomy(self, roomy: bool) -> None:
        """On a big screen for the text size the words step up one size (a monitor at Normal)."""
        if roomy != self._roomy:
            self._roomy = roomy
            self._size_words()

    def _size_words(self) -> None:
        role = "huge" if self._roomy and not self._compact else ("" if self._compact else "big")
        for text in (self.lines, self.caution):
            set_role(text, role)
