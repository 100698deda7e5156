"""The small widgets every Cramp-now page shares: huge two-line buttons, outlined cards, page frames.

Kept free of anything heavy (no SVG, no spin boxes): the location picker, built before
the first paint of a cold ``--emergency`` start, needs only this module.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cramp_coach.ui import first_frame
from cramp_coach.ui.widgets.common import label, pointing_hand, restyle, set_enum, set_role


def transparent(widget: QWidget) -> QWidget:
    """Let the clicks on ``widget`` (the words inside a button) pass to the button.

    Its background is the button's own colour by a rule of the app stylesheet: a sheet of
    its own per label would cost Cramp now's first frame a full re-polish of each one.
    """
    first_frame.later(lambda: _let_clicks_through(widget))
    return widget


def _let_clicks_through(widget: QWidget) -> None:
    from PySide6.QtCore import Qt  # after the first frame: see ui/first_frame.py

    widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)


def scrolled(content: QWidget) -> QScrollArea:
    """``content`` in a frameless vertical scroll area that wraps rather than scrolls sideways.

    On a laptop or full screen the content simply fills the area; only when the words
    cannot fit even after the picture has gone does it scroll. The page's buttons are
    always outside, in its bottom bar.
    """
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    set_enum(area, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")
    area.setWidget(content)
    return area


def tighten(widget: QWidget, compact: bool) -> None:
    """Let ``widget`` (a button) drop the stylesheet's minimum height in a small window.

    The app stylesheet's ``QPushButton[tight="true"]`` rule trades its text-size-based
    minimum height and roomy padding for a button as tall as its words (and the
    window-share minimum the screen sets), not taller.
    """
    if bool(widget.property("tight")) != compact:
        widget.setProperty("tight", compact)
        restyle(widget)


def page(content: QWidget, controls: QLayout | None, *, spacing: int = 14) -> QWidget:
    """One page: ``content`` (scrolls if it must) above a fixed bottom bar of ``controls``."""
    widget = QWidget()
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(spacing)
    layout.addWidget(scrolled(content), 1)
    if controls is not None:
        layout.addLayout(controls)
    return widget


#: Qt's QWIDGETSIZE_MAX (PySide6 does not export it): a widget with no maximum size.
NO_LIMIT = 16777215


class TextArea(QScrollArea):
    """A wrapped label that asks for the height its text needs, and scrolls when it can't have it.

    Long texts (the urgent message, the disclaimer) show in full in a big window; in a
    small one they give way first, down to two lines that scroll, so the big buttons
    beside them keep their size. (No height-for-width on purpose: a layout would then
    treat the full text height as the minimum and squeeze the buttons instead.)
    """

    def __init__(self, text: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        set_enum(self, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")
        # The app stylesheet lets the card's colour show through a text area.
        self.setProperty("role", "text-area")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setWidget(text)
        self._text = text

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = max(self.width(), 300)
        return QSize(width, self._text.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(120, self._text.fontMetrics().lineSpacing() * 2)

    def limit_lines(self, lines: int | None) -> None:
        """At most ``lines`` whole lines tall (then the text scrolls); ``None``: as tall as it is given."""
        limit = NO_LIMIT
        if lines is not None:
            width = max(1, self.width() - self.frameWidth() * 2)
            needed = self._text.heightForWidth(width)
            # A wrapped label's lines are a pixel apart beyond the font's line spacing.
            count = max(1, round(needed / (self._text.fontMetrics().lineSpacing() + 1)))
            limit = max(1, needed * lines // count) + self.frameWidth() * 2
        if self.maximumHeight() != limit:
            self.setMaximumHeight(limit)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.updateGeometry()  # a new width means a new wrapped height


class OutlinedCard(QFrame):
    """A card with a coloured outline: the emergency tier, the urgent banner and a step's caution.

    The stylesheet has no role for an outlined card, so the outline is painted here, in
    a colour from the palette the owner passes (like the countdown ring).
    """

    def __init__(self, outline: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self._outline = QColor(outline)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        from PySide6.QtCore import Qt  # never in the first frame: the cards show later

        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self._outline, 4))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(2, 2, -2, -2), 18, 18)
        painter.end()


class TwoLineButton(QPushButton):
    """A huge button with a big name and a smaller hint under it ("Calf / back of the lower leg").

    The stylesheet sizes a plain button's text for a desk, not a dark bedroom; the name
    here is a label with a large text role instead. Both lines wrap, never clip.
    """

    def __init__(
        self,
        name: str,
        hint: str,
        *,
        accessible: str,
        name_role: str = "title",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible)
        first_frame.later(lambda: pointing_hand(self))
        self.name = label(name, name_role, wrap=True)
        self.hint = label(hint, "muted", wrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 8, 18, 8)
        layout.setSpacing(2)
        layout.addStretch(1)
        for part in (self.name, self.hint):
            set_enum(part, "alignment", "AlignCenter")
            part.setMinimumWidth(1)  # wrap inside the button rather than widen it
            layout.addWidget(transparent(part))
        layout.addStretch(1)
        self._name_role = name_role
        self._has_hint = bool(hint)
        self.hint.setVisible(self._has_hint)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # The words' own height, so a row of these never squeezes its names into a clip.
        hint = super().minimumSizeHint()
        width = max(self.width(), 120) - 36
        words = self.name.heightForWidth(width) + (self.hint.heightForWidth(width) + 2 if self.hint.isVisible() else 0)
        return QSize(hint.width(), max(hint.height(), words + 16))

    def set_compact(self, compact: bool) -> None:
        """In a small window: a smaller name and no hint, so the words still fit the button."""
        smaller = {"title": "heading", "heading": ""}
        set_role(self.name, smaller.get(self._name_role, self._name_role) if compact else self._name_role)
        self.hint.setVisible(self._has_hint and not compact)
        self.updateGeometry()
