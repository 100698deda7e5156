"""A layout that places widgets left to right and wraps to a new row when the width runs out.

Also :func:`scrolling`, the container that lets such rows (and wrapped text) grow.

For rows of buttons that must stay whole at every text size: at Largest text on a
small screen they take two rows instead of being squeezed, cut or pushed off the edge.
It reports its height for a given width, so the layouts around it make room.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QFrame, QLabel, QLayout, QLayoutItem, QScrollArea, QSizePolicy, QWidget


class FlowLayout(QLayout):
    """Rows of widgets that wrap, with ``spacing`` pixels between them both ways."""

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 8) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # One row: what the layout would like when there is room.
        sizes = [_size_in(item, None) for item in self._visible()]
        width = sum(size.width() for size in sizes) + self._gap * max(0, len(sizes) - 1)
        height = max((size.height() for size in sizes), default=0)
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(), height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        # The widest single widget: anything narrower would cut it.
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
            if not _wraps(item):
                size = size.expandedTo(item.sizeHint())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if (widget := item.widget()) is None or not widget.isHidden()]

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, row_height = area.x(), area.y(), 0
        for item in self._visible():
            hint = _size_in(item, area.width())
            if x > area.x() and x + hint.width() > area.right() + 1:
                x = area.x()
                y += row_height + self._gap
                row_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._gap
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y() + margins.bottom()


def _wraps(item: QLayoutItem) -> bool:
    widget = item.widget()
    return isinstance(widget, QLabel) and widget.wordWrap()


def _size_in(item: QLayoutItem, width: int | None) -> QSize:
    """``item``'s size in a row ``width`` pixels wide (``None``: as wide as it likes).

    Wrapped text is as wide as its one line, or as the row when longer (then as tall as
    its lines): a label's own size hint halves the width of a short text, which would
    wrap it early.
    """
    widget = item.widget()
    if not isinstance(widget, QLabel) or not widget.wordWrap():
        return item.sizeHint()
    margins = widget.contentsMargins()
    natural = (
        widget.fontMetrics().horizontalAdvance(widget.text())
        + margins.left()
        + margins.right()
        + 2 * widget.margin()
        + 1  # the advance rounds down
    )
    fitted = max(widget.minimumSizeHint().width(), natural if width is None else min(natural, width))
    return QSize(fitted, widget.heightForWidth(fitted))


def flow_row(*widgets: QWidget, spacing: int = 8) -> QWidget:
    """A widget holding ``widgets`` in a :class:`FlowLayout` (so it can sit in any layout)."""
    holder = QWidget()
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    holder.setSizePolicy(policy)
    layout = FlowLayout(holder, spacing=spacing)
    for widget in widgets:
        layout.addWidget(widget)
    return holder


def scrolling(content: QWidget) -> QScrollArea:
    """``content`` in a frameless area that scrolls up and down when it is taller than the room.

    Unlike a splitter or a plain layout, a scroll area asks wrapped text and flow rows
    how tall they are at the width they get, so they are never squeezed on top of
    each other.
    """
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    return area
