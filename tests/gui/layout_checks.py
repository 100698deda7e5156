"""Generic layout checks for any screen: no clipped text, nothing outside the window, no overlaps.

Nothing here knows a particular screen. A test puts a screen in a given look (text
size, theme) and window size with :func:`show_at`, then calls :func:`assert_fits`;
the checks read each widget's own size hints and font metrics, never expected sizes.

    set_look(qapp, text="Largest", theme_name="night")
    show_at(screen, "1366x768")
    assert_fits(screen)        # text not cut, nothing outside the window, no overlaps,
                               # no sideways scrolling, no scrolling into a blank band
    assert_accessible(screen)  # Tab reaches every control in reading order; all are named

Parametrize over :data:`LOOKS` (ids :data:`LOOK_IDS`) to check the agreed subset of
window size x text size x theme, and call :func:`reset_look` afterwards.

A widget that deliberately floats over others (a toast, an overlay) sets the
dynamic property ``overlay`` to True and is left out of the overlap check.
"""

from __future__ import annotations

import gc
import itertools
from collections.abc import Iterator

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPalette
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollBar,
    QWidget,
)

from cramp_coach import paths
from cramp_coach.ui import theme

#: The window sizes our users have: a small netbook/tablet, a common laptop, a desktop monitor.
SIZES: dict[str, tuple[int, int]] = {"1024x600": (1024, 600), "1366x768": (1366, 768), "1920x1080": (1920, 1080)}
#: Text sizes by the names Settings shows.
TEXT_SIZES: dict[str, float] = {"Normal": 1.0, "Large": 1.25, "Larger": 1.5, "Largest": 1.75}
THEMES: dict[str, theme.Palette] = {"night": theme.NIGHT, "day": theme.DAY, "cramp": theme.CRAMP}

#: The looks the suite checks every screen in: (window size, text size, theme).
#: Largest text on the two small screens is where clipping happens; Normal text at
#: 1024x600 catches layouts tuned only for large text; 1920x1080 catches layouts that
#: stretch badly. The theme changes colours only (both use the same fonts and weights),
#: so each size is checked in one theme, and both themes are covered.
LOOKS: tuple[tuple[str, str, str], ...] = (
    ("1024x600", "Largest", "night"),
    ("1366x768", "Largest", "day"),
    ("1024x600", "Normal", "day"),
    ("1920x1080", "Normal", "night"),
)
LOOK_IDS = tuple("-".join(look) for look in LOOKS)

# One pixel of slack: font metrics round, layouts round the other way.
SLACK = 1


def set_look(app: QApplication, *, text: str = "Normal", theme_name: str = "night") -> theme.Palette:
    """Style the whole application as the app does for this text size and theme; returns the palette."""
    _collect_stray_widgets()
    palette = THEMES[theme_name]
    theme.apply(app, paths.builtin_assets_dir() / "style" / "app.qss", palette, TEXT_SIZES[text])
    return palette


def _collect_stray_widgets() -> None:
    """Free earlier tests' windows now, not in the middle of a restyle.

    Restyling the application sends an event to every widget; Python code that runs
    meanwhile (an ``event()`` override) may start the garbage collector, which may then
    delete a window an earlier test left in a reference cycle while Qt is still walking
    its list of widgets: a segmentation fault. Widgets waiting for ``deleteLater`` were
    seen to crash a restyle too (tests/gui/test_app.py, then Home and Settings here).
    Collecting and deleting them first leaves nothing to free.
    """
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def reset_look(app: QApplication) -> None:
    """Undo :func:`set_look` so later tests start from Qt's defaults."""
    restyle(app, "", app.style().standardPalette())


def restyle(app: QApplication, sheet: str, palette: QPalette, font: QFont | None = None) -> None:
    """Give the whole application this style sheet, palette (and font), without the crash a restyle risks."""
    _collect_stray_widgets()
    gc.disable()  # see _collect_stray_widgets
    try:
        app.setStyleSheet(sheet)
        app.setPalette(palette)
        if font is not None:
            app.setFont(font)
    finally:
        gc.enable()


def show_at(widget: QWidget, size: str | tuple[int, int]) -> None:
    """Show ``widget`` as a window of ``size`` and let its layouts settle.

    Fails if the widget cannot be that small: its layout would then push the window
    past the edge of a screen of that size, which is clipping too.
    """
    width, height = SIZES[size] if isinstance(size, str) else size
    widget.resize(width, height)
    widget.show()
    settle(widget)
    actual = widget.size()
    assert (actual.width(), actual.height()) == (width, height), (
        f"{_name(widget)} cannot shrink to {width}x{height}: it needs {actual.width()}x{actual.height()} "
        f"(minimum size hint {_size(widget.minimumSizeHint())})"
    )


def settle(widget: QWidget) -> None:
    """Run the pending layout requests and events (twice: height-for-width needs a second pass)."""
    for _ in range(3):
        QApplication.processEvents()
        layout = widget.layout()
        if layout is not None:
            layout.activate()


# -- the checks ------------------------------------------------------------------------


def layout_problems(root: QWidget) -> list[str]:
    """Every layout problem on ``root`` as it is shown now, one sentence each (empty: it fits)."""
    problems: list[str] = []
    for widget in visible_descendants(root):
        problems.extend(_clipped_text(widget))
        problems.extend(_outside(widget, root))
        problems.extend(_overlaps(widget))
        problems.extend(_scrolls_sideways(widget))
        problems.extend(_scrolls_into_blank(widget))
    return problems


def assert_fits(root: QWidget) -> None:
    problems = layout_problems(root)
    assert not problems, f"{len(problems)} layout problem(s) on {_name(root)} at {_size(root.size())}:\n  " + (
        "\n  ".join(problems)
    )


def visible_descendants(root: QWidget) -> Iterator[QWidget]:
    """Widgets under ``root`` that are shown now (depth first, in child order)."""
    for child in root.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if child.isWindow() or not child.isVisible():
            continue
        yield child
        yield from visible_descendants(child)


def in_scroll_area(widget: QWidget, root: QWidget) -> QAbstractScrollArea | None:
    """The scroll area whose viewport holds ``widget`` (below ``root``), if any."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and area.viewport() is parent:
            return area
        parent = area
    return None


def _clipped_text(widget: QWidget) -> list[str]:
    if isinstance(widget, QLabel):
        return _clipped_label(widget)
    if isinstance(widget, (QCheckBox, QRadioButton, QPushButton)):
        if not widget.text():
            return []  # a button with inner labels: those are checked themselves
        hint = widget.sizeHint()
        if widget.width() + SLACK < hint.width() or widget.height() + SLACK < _text_height(widget):
            return [f"{_name(widget)} is cut: {_size(widget.size())} for text that needs {_size(hint)}"]
        return []
    if isinstance(widget, (QAbstractSpinBox, QComboBox, QLineEdit)):
        hint = widget.minimumSizeHint()
        if widget.width() + SLACK < hint.width() or widget.height() + SLACK < hint.height():
            return [f"{_name(widget)} is cut: {_size(widget.size())}, needs at least {_size(hint)}"]
    return []


def _text_height(widget: QWidget) -> int:
    return QFontMetrics(widget.font()).height()


def _clipped_label(widget: QLabel) -> list[str]:
    text = widget.text()
    if not text or (widget.pixmap() is not None and not widget.pixmap().isNull()):
        return []
    rect = widget.contentsRect()
    margin = widget.margin()
    rect.adjust(margin, margin, -margin, -margin)
    indent = widget.indent() if widget.indent() >= 0 else 0
    rect.adjust(indent, 0, 0, 0)
    if widget.textFormat() == Qt.TextFormat.PlainText or not QtGuiNamespace.mightBeRichText(text):
        flags = int(widget.alignment().value)
        if widget.wordWrap():
            flags |= int(Qt.TextFlag.TextWordWrap.value)
        needed = QFontMetrics(widget.font()).boundingRect(
            QRect(rect.topLeft(), QSize(rect.width(), 100000)), flags, text
        )
        need = QSize(needed.width(), needed.height())
    else:
        need = QSize(
            widget.sizeHint().width() if not widget.wordWrap() else 0,
            widget.heightForWidth(widget.width()) if widget.wordWrap() else widget.sizeHint().height(),
        )
        rect = widget.rect()
    if need.width() > rect.width() + SLACK or need.height() > rect.height() + SLACK:
        return [f"{_name(widget)} is cut: its text needs {_size(need)} but has {_size(rect.size())}"]
    return []


def _scrolls_sideways(widget: QWidget) -> list[str]:
    """A page that scrolls sideways hides the end of every line (and whatever sits on the right).

    The per-widget checks cannot see it: each widget is whole, but its scroll area shows
    only part of it. Lists and text editors may scroll sideways (a long line of YAML);
    panes and pages may not.
    """
    from PySide6.QtWidgets import QAbstractItemView, QPlainTextEdit, QTextEdit

    if not isinstance(widget, QAbstractScrollArea) or isinstance(
        widget, (QAbstractItemView, QPlainTextEdit, QTextEdit)
    ):
        return []
    bar = widget.horizontalScrollBar()
    if bar.maximum() > SLACK:
        width = widget.viewport().width()
        return [f"{_name(widget)} scrolls sideways: what it shows is {bar.maximum()} px wider than its {width} px"]
    return []


def _scrolls_into_blank(widget: QWidget) -> list[str]:
    """A page that scrolls must end with its last row, not with a blank band (sizes added up wrongly)."""
    from PySide6.QtWidgets import QScrollArea

    if not isinstance(widget, QScrollArea) or widget.widget() is None or not widget.widgetResizable():
        return []
    content = widget.widget()
    if content.height() <= widget.viewport().height() + SLACK:
        return []  # it does not scroll: room left over is the page's own
    shown = [child for child in content.findChildren(QWidget) if child.isVisible() and child.parentWidget() is content]
    if not shown:
        return []
    layout = content.layout()
    margin = layout.contentsMargins().bottom() if layout is not None else 0
    blank = content.height() - margin - max(child.geometry().bottom() + 1 for child in shown)
    allowed = max(QFontMetrics(content.font()).height(), 24)
    if blank > allowed:
        return [f"{_name(widget)} scrolls into {blank} px of nothing below its last row"]
    return []


def _outside(widget: QWidget, root: QWidget) -> list[str]:
    """``widget`` must lie within each ancestor up to ``root`` (or up to its scroll area's viewport)."""
    if isinstance(widget, QScrollBar):
        return []
    area = in_scroll_area(widget, root)
    stop = area.viewport() if area is not None else root
    rect = widget.rect()
    top_left = QPoint(0, 0)
    current = widget
    while current is not stop:
        parent = current.parentWidget()
        if parent is None:
            break
        top_left = current.mapToParent(top_left)
        placed = QRect(top_left, rect.size())
        if parent is stop and area is not None:
            return []  # inside a scroll area: it may extend past the viewport and be scrolled to
        if not parent.rect().adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(placed):
            where = "the window" if parent is root else _name(parent)
            return [f"{_name(widget)} at {_rect(placed)} sticks out of {where} ({_size(parent.size())})"]
        current = parent
    return []


def _overlaps(widget: QWidget) -> list[str]:
    """Sibling widgets shown after ``widget`` must not cover it."""
    parent = widget.parentWidget()
    if parent is None or widget.property("overlay") or isinstance(parent, QAbstractScrollArea):
        return []
    siblings = [
        w
        for w in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if w.isVisible() and not w.isWindow() and not w.property("overlay")
    ]
    problems = []
    for other in siblings[siblings.index(widget) + 1 :]:
        common = widget.geometry().intersected(other.geometry())
        if common.width() > SLACK and common.height() > SLACK:
            problems.append(f"{_name(widget)} and {_name(other)} overlap at {_rect(common)}")
    return problems


# -- keyboard and assistive technology -------------------------------------------------

# What a person operates: each must be reachable with Tab and have a name a screen reader says.
CONTROLS = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit)


def is_control(widget: QWidget) -> bool:
    from PySide6.QtWidgets import QAbstractItemView, QAbstractSlider, QPlainTextEdit, QTextEdit

    if isinstance(widget, QScrollBar) or widget.objectName().startswith("qt_"):
        return False  # Qt's own parts (a spin box's line edit): the whole control is checked
    return isinstance(widget, (*CONTROLS, QAbstractSlider, QAbstractItemView, QPlainTextEdit, QTextEdit))


def tab_order(root: QWidget) -> list[QWidget]:
    """The widgets Tab visits under ``root``, in order, as Qt's own focus chain decides."""
    order: list[QWidget] = []
    start = root
    widget = root.nextInFocusChain()
    while widget is not start and widget is not None:
        if (
            root.isAncestorOf(widget)
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.isVisible()
            and widget.isEnabled()
            and widget not in order
        ):
            order.append(widget)
        widget = widget.nextInFocusChain()
        if len(order) > 500:
            break
    return order


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader announces (Qt derives it from the text or a buddy label when unset)."""
    from PySide6.QtGui import QAccessible

    interface = QAccessible.queryAccessibleInterface(widget)
    if interface is None or not interface.isValid():
        return widget.accessibleName()
    return interface.text(QAccessible.Text.Name) or ""


def accessibility_problems(root: QWidget) -> list[str]:
    """Controls Tab cannot reach, a Tab order that jumps back against reading order, unnamed controls."""
    problems: list[str] = []
    order = tab_order(root)
    controls = [w for w in visible_descendants(root) if is_control(w) and w.isEnabled()]
    for widget in controls:
        if widget not in order:
            problems.append(f"{_name(widget)} cannot be reached with Tab")
        if not accessible_name(widget).strip():
            problems.append(f"{_name(widget)} has no accessible name")
    for before, after in itertools.pairwise(order):
        a, b = _reading_rects(before, after, root)
        if _reads_before(b, a):
            problems.append(f"Tab goes from {_name(before)} at {_rect(a)} back to {_name(after)} at {_rect(b)}")
    return problems


def assert_accessible(root: QWidget) -> None:
    problems = accessibility_problems(root)
    assert not problems, f"{len(problems)} keyboard/accessibility problem(s) on {_name(root)}:\n  " + (
        "\n  ".join(problems)
    )


def _window_rect(widget: QWidget, root: QWidget) -> QRect:
    return QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())


def _reading_rects(a: QWidget, b: QWidget, root: QWidget) -> tuple[QRect, QRect]:
    """Where ``a`` and ``b`` are read; a widget in a scroll area the other is not in reads where the area is."""
    area_a, area_b = in_scroll_area(a, root), in_scroll_area(b, root)
    if area_a is area_b:
        return _window_rect(a, root), _window_rect(b, root)
    return _window_rect(area_a or a, root), _window_rect(area_b or b, root)


def _reads_before(b: QRect, a: QRect) -> bool:
    """True if ``b`` comes before ``a`` when reading: wholly above it, or on its row and wholly left of it."""
    if b.bottom() < a.top():
        return True
    same_row = b.top() <= a.center().y() <= b.bottom() or a.top() <= b.center().y() <= a.bottom()
    return same_row and b.right() < a.left()


# -- naming ----------------------------------------------------------------------------


def _name(widget: QWidget) -> str:
    label = widget.objectName() or widget.accessibleName()
    if not label and hasattr(widget, "text"):
        label = str(widget.text())
    label = " ".join(label.split())
    if len(label) > 50:
        label = label[:47] + "..."
    return f"{type(widget).__name__}({label!r})"


def _size(size: QSize) -> str:
    return f"{size.width()}x{size.height()}"


def _rect(rect: QRect) -> str:
    return f"{rect.width()}x{rect.height()}+{rect.x()}+{rect.y()}"
