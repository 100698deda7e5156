"""Widgets that adapt to the room they get instead of clipping their text.

- :class:`AdaptiveRow` puts its children side by side while they fit at a comfortable
  width and stacks them when they do not (a narrow window, the Largest text size).
- :class:`WrapButton` is a push button whose text wraps onto more lines.
- :class:`WrapCheckBox` is a check box whose text wraps; clicking the text toggles it.

All three report a height for their width, so the layouts around them make room for
wrapped lines.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QMouseEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cramp_coach.ui import first_frame
from cramp_coach.ui.widgets.common import pointing_hand


def _height_at(widget: QWidget, width: int) -> int:
    if widget.hasHeightForWidth():
        return max(widget.heightForWidth(width), widget.minimumSizeHint().height())
    return max(widget.sizeHint().height(), widget.minimumSizeHint().height())


class AdaptiveRow(QWidget):
    """Children side by side while they fit; otherwise they flow onto more lines.

    ``add(widget, chars=N)`` asks for room for about N characters of the widget's text
    (for wrapping text, whose own size hint says little); without ``chars`` a child
    needs its size hint's width. Extra width on a line goes to its children by
    ``stretch``. A child with a fixed height (a button) keeps it, centred on its line.

    It places its children itself; its layout (:class:`_Placement`) holds no items and
    only hands Qt's layout requests to it (a child's new size hint, shown or hidden, a
    new text size), answering for the row where Qt asks a widget's layout rather than
    the widget (its height at a given width).
    """

    def __init__(self, spacing: int = 16, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._spacing = spacing
        self._children: list[tuple[QWidget, int, int | None]] = []
        # Lines per width, until a child's size hint changes (layouts ask many times).
        self._cache: dict[tuple[int, tuple[bool, ...]], list[list[tuple[QWidget, int]]]] = {}
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        _Placement(self)

    def add(self, widget: QWidget, stretch: int = 0, *, chars: int | None = None) -> None:
        widget.setParent(self)
        self._children.append((widget, stretch, chars))
        self.forget_lines()
        self.updateGeometry()

    def forget_lines(self) -> None:
        """A child's size hint, visibility or text size changed: measure again."""
        self._cache.clear()

    @property
    def stacked(self) -> bool:
        """True when the children do not all fit on one line."""
        return len(self._lines(self.width())) > 1

    def _shown(self) -> list[tuple[QWidget, int, int | None]]:
        return [entry for entry in self._children if not entry[0].isHidden()]

    @staticmethod
    def _needs(widget: QWidget, chars: int | None) -> int:
        least = max(widget.minimumSizeHint().width(), widget.minimumWidth())
        if chars is None:
            return max(widget.sizeHint().width(), least)
        return max(least, chars * widget.fontMetrics().averageCharWidth())

    def row_width(self) -> int:
        """The width below which the children no longer fit on one line."""
        shown = self._shown()
        return sum(self._needs(w, c) for w, _, c in shown) + self._spacing * max(0, len(shown) - 1)

    def _lines(self, width: int) -> list[list[tuple[QWidget, int]]]:
        """The children line by line, each with the width it gets."""
        key = (width, tuple(widget.isHidden() for widget, _, _ in self._children))
        if key not in self._cache:
            if len(self._cache) > 64:  # a window being dragged wider and narrower
                self._cache.clear()
            self._cache[key] = self._flow(width)
        return self._cache[key]

    def _flow(self, width: int) -> list[list[tuple[QWidget, int]]]:
        lines: list[list[tuple[QWidget, int, int]]] = []
        used = 0
        for widget, stretch, chars in self._shown():
            need = min(width, self._needs(widget, chars))
            if lines and used + self._spacing + need <= width:
                lines[-1].append((widget, stretch, need))
                used += self._spacing + need
            else:
                lines.append([(widget, stretch, need)])
                used = need
        placed = []
        for line in lines:
            extra = max(0, width - sum(n for _, _, n in line) - self._spacing * (len(line) - 1))
            total = sum(s for _, s, _ in line)
            widths = [n + (extra * s // total if total else 0) for _, s, n in line]
            if total:
                widths[-1] += extra - sum(w - n for w, (_, _, n) in zip(widths, line, strict=True))
            placed.append([(w, share) for (w, _, _), share in zip(line, widths, strict=True)])
        return placed

    @staticmethod
    def _fixed_height(widget: QWidget) -> bool:
        return widget.sizePolicy().verticalPolicy() in (QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Maximum)

    def _line_height(self, line: list[tuple[QWidget, int]]) -> int:
        return max(_height_at(widget, share) for widget, share in line)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = self.row_width()
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # One child a line at the least: never hold the window wider than one child needs.
        shown = self._shown()
        if not shown:
            return QSize(0, 0)
        width = max(max(w.minimumSizeHint().width(), w.minimumWidth()) for w, _, _ in shown)
        # The height on one line: the layouts around ask heightForWidth for the real one.
        return QSize(width, self.heightForWidth(max(width, self.row_width())))

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        lines = self._lines(width)
        return sum(self._line_height(line) for line in lines) + self._spacing * max(0, len(lines) - 1)

    def arrange(self) -> None:
        """Place the children for the row's width."""
        y = 0
        lines = self._lines(self.width())
        for line in lines:
            line_height = self._line_height(line) if len(lines) > 1 else self.height()
            x = 0
            for widget, share in line:
                height = min(line_height, _height_at(widget, share)) if self._fixed_height(widget) else line_height
                widget.setGeometry(x, y + (line_height - height) // 2, share, height)
                x += share + self._spacing
            y += line_height + self._spacing

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.arrange()


class _Placement(QLayout):
    """An AdaptiveRow's layout: Qt's layout requests reach the row through it.

    Qt invalidates a widget's layout when a child's size hint changes or a child is shown
    or hidden (a new text size changes every hint), and sets the layout's geometry when
    the widget is resized or laid out again. The row answers for it; the layout holds
    no items, since the row places its own children. (Before, the row handled those
    events in ``event()``: see ``main_window.Screen`` for why no first-frame widget may.)
    """

    def __init__(self, row: AdaptiveRow) -> None:
        super().__init__(row)
        self._row = row
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        raise TypeError("an AdaptiveRow places its children itself: use AdaptiveRow.add")

    def count(self) -> int:
        return 0

    def itemAt(self, index: int) -> None:  # noqa: N802 - Qt override
        return None

    def takeAt(self, index: int) -> None:  # noqa: N802 - Qt override
        return None

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self._row.sizeHint()

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        return self._row.minimumSizeHint()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._row.heightForWidth(width)

    def invalidate(self) -> None:
        self._row.forget_lines()
        super().invalidate()

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        self._row.arrange()


class Column(QWidget):
    """A see-through column of widgets (a subclass, so the stylesheet paints no background)."""

    def __init__(self, *widgets: QWidget, spacing: int = 6, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(spacing)
        for widget in widgets:
            self.box.addWidget(widget)


class _PassiveLabel(QLabel):
    """A wrapping label that lets clicks through to the button or check box under it."""

    def __init__(self, text: str, role: str, parent: QWidget) -> None:
        super().__init__(text, parent)
        if role:
            self.setProperty("role", role)
        self.setWordWrap(True)
        first_frame.later(self._let_clicks_through)

    def _let_clicks_through(self) -> None:
        from PySide6.QtCore import Qt  # not at module level: see ui/first_frame.py

        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)


class WrapButton(QPushButton):
    """A push button with a title that wraps (and an optional second, quieter line).

    The button's own ``text()`` stays empty so the style does not draw it a second
    time; the accessible name carries the words for screen readers.
    """

    # Room for the stylesheet's border and padding around the text (app.qss: 2 px + 12/22 px).
    PAD_X, PAD_Y = 24, 14

    def __init__(
        self, title: str, detail: str = "", role: str = "", *, accessible: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        if role:
            self.setProperty("role", role)
        self.title_label = _PassiveLabel(title, "", self)
        self.detail_label = _PassiveLabel(detail, "muted", self)
        self.detail_label.setVisible(bool(detail))
        column = QVBoxLayout(self)
        column.setContentsMargins(self.PAD_X, self.PAD_Y, self.PAD_X, self.PAD_Y)
        column.setSpacing(2)
        column.addWidget(self.title_label)
        column.addWidget(self.detail_label)
        self.setAccessibleName(accessible or ", ".join(t for t in (title, detail) if t))
        first_frame.later(lambda: pointing_hand(self))
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_lines(self, title: str, detail: str = "") -> None:
        self.title_label.setText(title)
        self.detail_label.setText(detail)
        self.detail_label.setVisible(bool(detail))
        self.updateGeometry()

    def _lines(self) -> list[QLabel]:
        return [lbl for lbl in (self.title_label, self.detail_label) if not lbl.isHidden()]

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        lines = self._lines()
        width = max((lbl.sizeHint().width() for lbl in lines), default=0) + 2 * self.PAD_X
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # About twelve characters: a long title then wraps instead of holding the window wide.
        width = 12 * self.fontMetrics().averageCharWidth() + 2 * self.PAD_X
        return QSize(width, self.heightForWidth(width))

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        inner = max(1, width - 2 * self.PAD_X)
        lines = self._lines()
        text = sum(lbl.heightForWidth(inner) for lbl in lines) + 2 * max(0, len(lines) - 1)
        return max(text + 2 * self.PAD_Y, self.fontMetrics().height() * 2)


class WrapCheckBox(QWidget):
    """A check box with a wrapping label beside it; clicking the words toggles the box.

    ``box`` is the real QCheckBox (named for screen readers with the full text).
    """

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QCheckBox  # Settings only: kept off Home's first frame

        self.box = QCheckBox(self)
        self.box.setAccessibleName(text)
        self.text_label = _PassiveLabel(text, "", self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)  # the check box's own stylesheet spacing already separates the words
        from PySide6.QtCore import Qt  # not at module level: see ui/first_frame.py

        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text_label, 1)
        self.text_label.setBuddy(self.box)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        from PySide6.QtCore import Qt

        if event.button() == Qt.MouseButton.LeftButton and self.box.isEnabled():
            self.box.toggle()
            self.box.setFocus(Qt.FocusReason.MouseFocusReason)
            return
        super().mousePressEvent(event)

    def text(self) -> str:
        return self.text_label.text()
