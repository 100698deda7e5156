"""Generic checks of how a screen reads, beyond "it fits" (:mod:`tests.gui.layout_checks`).

Nothing here knows a particular screen; sizes come from each widget's own font.

- :func:`repeated_sentences`: two labels on show say the same thing (the same words,
  perhaps in another order or with a few words changed). Say each thing once.
- :func:`empty_boxes`: a card much taller than what is in it: a large empty box. A card
  stretched to the height of the card beside it in the same row is not one.
- :func:`narrow_columns`: wrapped text squeezed into a column too narrow to read.
- :func:`cut_figures`: a drawing marked with the dynamic property ``keep_whole`` (a
  chart: its axis labels belong to it) that is smaller than its own minimum, that a
  scroll area cuts at the fold although it would have fitted above it, or of which the
  fold leaves only a strip in sight (less than half its minimum height: it reads as a
  stray line, not as the start of a figure).

    assert not reading_problems(screen)   # all four

Two more, for screens with fields (not in :func:`reading_problems`, which screens
without fields use as it is):

- :func:`cramped_fields`: a field whose text starts hard against its border.
- :func:`small_targets`: a spin box whose step buttons are smaller than a line of its
  text (hard to see and hard to hit).
"""

from __future__ import annotations

import itertools
import re

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QFrame,
    QLabel,
    QLineEdit,
    QStyle,
    QStyleOptionFrame,
    QStyleOptionSpinBox,
    QWidget,
)

from tests.gui.layout_checks import SLACK, in_scroll_area, visible_descendants

#: Sentences that share this share of their words (Jaccard index) say the same thing.
SAME_WORDS = 0.6
#: Sentences shorter than this (in words that carry meaning) are not compared: "Saved." twice is fine.
MIN_WORDS = 5
#: A card may have this many lines of its own text empty below its content.
BLANK_LINES = 2
#: Wrapped text narrower than this many average characters is a column too narrow to read.
NARROW_CHARS = 20
#: A field's text starts at least this share of a line of its font inside the field's edge.
FIELD_INSET = 0.25

# Words that carry little meaning on their own, left out when comparing sentences.
GLUE_WORDS = (
    "a an and are as at be but by for from has have in is it its not of on or so than that the their them "
    "then there these they this to until was were what when which while who will with you your"
)
_GLUE = frozenset(GLUE_WORDS.split())


def reading_problems(root: QWidget) -> list[str]:
    """Every problem the four checks find on ``root`` as it is shown now."""
    return [*repeated_sentences(root), *empty_boxes(root), *narrow_columns(root), *cut_figures(root)]


# -- saying each thing once --------------------------------------------------------------


def sentences(text: str) -> list[str]:
    """``text`` cut into sentences (at ., ! or ? followed by a space or the end, and at line breaks)."""
    parts = re.split(r"(?<=[.!?])\s+|\n+", text)
    return [part.strip() for part in parts if part.strip()]


def meaning_words(sentence: str) -> frozenset[str]:
    """The words of ``sentence`` that carry meaning: lower case, no numbers, no glue words."""
    words = re.findall(r"[a-z][a-z'-]*", sentence.lower())
    return frozenset(word for word in words if word not in _GLUE)


def says_the_same(one: str, other: str) -> bool:
    a, b = meaning_words(one), meaning_words(other)
    if min(len(a), len(b)) < MIN_WORDS:
        return False
    return len(a & b) / len(a | b) >= SAME_WORDS


def repeated_sentences(root: QWidget) -> list[str]:
    """Sentences in two different labels on show that say the same thing."""
    said: list[tuple[QLabel, str]] = [
        (widget, sentence)
        for widget in visible_descendants(root)
        if isinstance(widget, QLabel)
        for sentence in sentences(widget.text())
    ]
    problems = []
    for (first, one), (second, other) in itertools.combinations(said, 2):
        if first is not second and says_the_same(one, other):
            problems.append(f"{_name(first)} and {_name(second)} say the same: {one!r} / {other!r}")
    return problems


# -- no empty boxes ------------------------------------------------------------------------


def _is_card(widget: QWidget) -> bool:
    return isinstance(widget, QFrame) and widget.property("role") == "card"


def blank_below(card: QWidget) -> int:
    """Pixels between the bottom of what ``card`` shows and its own bottom edge (inside its margins)."""
    shown = [
        child
        for child in card.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if child.isVisible() and not child.isWindow()
    ]
    layout = card.layout()
    margin = layout.contentsMargins().bottom() if layout is not None else 0
    bottom = max((child.geometry().bottom() + 1 for child in shown), default=card.contentsRect().top())
    return card.height() - margin - bottom


def empty_boxes(root: QWidget) -> list[str]:
    """Cards with more than :data:`BLANK_LINES` lines of nothing below their content.

    A card as tall as a card beside it (same top, same height) is excused when that one is
    full: cards in a row share a height.
    """
    problems = []
    for card in (widget for widget in visible_descendants(root) if _is_card(widget)):
        allowed = BLANK_LINES * QFontMetrics(card.font()).height()
        blank = blank_below(card)
        if blank <= allowed:
            continue
        parent = card.parentWidget()
        siblings = parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly) if parent else []
        in_row = [
            other
            for other in siblings
            if other is not card
            and _is_card(other)
            and other.isVisible()
            and other.y() == card.y()
            and other.height() == card.height()
        ]
        if any(blank_below(other) <= allowed for other in in_row):
            continue
        problems.append(f"{_name(card)} is an empty box: {blank} px of nothing below its content ({_size(card)})")
    return problems


# -- readable columns ------------------------------------------------------------------------


def narrow_columns(root: QWidget) -> list[str]:
    """Wrapped labels narrower than :data:`NARROW_CHARS` average characters whose text does wrap there."""
    problems = []
    for widget in visible_descendants(root):
        if not isinstance(widget, QLabel) or not widget.wordWrap() or not widget.text():
            continue
        metrics = QFontMetrics(widget.font())
        width = widget.contentsRect().width()
        one_line = max(metrics.horizontalAdvance(line) for line in widget.text().splitlines() or [""])
        if one_line > width + SLACK and width < NARROW_CHARS * metrics.averageCharWidth():
            chars = width // max(1, metrics.averageCharWidth())
            problems.append(f"{_name(widget)} wraps in a column about {chars} characters wide ({width} px)")
    return problems


# -- figures shown whole ------------------------------------------------------------------------


def cut_figures(root: QWidget) -> list[str]:
    """``keep_whole`` widgets squeezed below their minimum, or cut by a scroll area's fold needlessly."""
    problems = []
    for widget in visible_descendants(root):
        if not widget.property("keep_whole"):
            continue
        least = widget.minimumSizeHint()  # its own useful minimum, not what a layout imposed
        if widget.height() + SLACK < least.height() or widget.width() + SLACK < least.width():
            problems.append(
                f"{_name(widget)} is squeezed to {_size(widget)}; it needs at least {least.width()}x{least.height()}"
            )
            continue
        area = in_scroll_area(widget, root)
        if area is None:
            continue
        viewport = area.viewport()
        shown = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
        if shown.top() >= viewport.height() or shown.bottom() < 0:
            continue  # wholly out of sight: scrolling brings it whole
        fits_below_top = shown.top() + least.height() <= viewport.height() + SLACK
        cut = shown.bottom() + 1 > viewport.height() + SLACK
        if shown.top() >= -SLACK and fits_below_top and cut:
            problems.append(
                f"{_name(widget)} is cut at the fold of {_name(area)}: {shown.bottom() + 1 - viewport.height()} px "
                f"of it (its labels) below, though it would fit above"
            )
        elif shown.top() >= -SLACK and cut and viewport.height() - shown.top() < least.height() / 2:
            problems.append(
                f"{_name(widget)} shows only a strip of {viewport.height() - shown.top()} px above the fold of "
                f"{_name(area)} (it needs {least.height()})"
            )
    return problems


# -- fields ---------------------------------------------------------------------------------------


def _text_left(edit: QLineEdit) -> float:
    """Where ``edit`` starts drawing its text, in its own pixels (as QLineEdit places it)."""
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    contents = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    margins = edit.textMargins()
    left, right = contents.left() + margins.left(), contents.right() - margins.right()
    room = right - left
    width = edit.fontMetrics().horizontalAdvance(edit.displayText())
    horizontal = edit.alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask
    if horizontal & Qt.AlignmentFlag.AlignHCenter:
        return left + max(0.0, (room - width) / 2)
    if horizontal & Qt.AlignmentFlag.AlignRight:
        return left + max(0, room - width)
    return left + 2  # QLineEdit's own margin beside the text


def cramped_fields(root: QWidget) -> list[str]:
    """Fields (a line edit, a spin box) whose text starts less than :data:`FIELD_INSET` of a line inside them."""
    problems = []
    for widget in visible_descendants(root):
        if isinstance(widget, QAbstractSpinBox):
            edit = widget.findChild(QLineEdit)
            field: QWidget = widget
        elif isinstance(widget, QLineEdit) and not isinstance(widget.parentWidget(), QAbstractSpinBox):
            edit, field = widget, widget
        else:
            continue
        if edit is None or not edit.displayText():
            continue
        inset = edit.mapTo(field, QPoint(0, 0)).x() + _text_left(edit)
        least = FIELD_INSET * QFontMetrics(edit.font()).height()
        if inset < least:
            problems.append(f"{_name(field)}: its text starts {inset:.0f} px from its edge (fewer than {least:.0f})")
    return problems


def small_targets(root: QWidget) -> list[str]:
    """Spin boxes whose step buttons are less tall or less wide than a line of their text."""
    problems = []
    for widget in visible_descendants(root):
        if not isinstance(widget, QAbstractSpinBox):
            continue
        if widget.buttonSymbols() == QAbstractSpinBox.ButtonSymbols.NoButtons:
            continue
        option = QStyleOptionSpinBox()
        widget.initStyleOption(option)
        line = QFontMetrics(widget.font()).height()
        for part in (QStyle.SubControl.SC_SpinBoxUp, QStyle.SubControl.SC_SpinBoxDown):
            rect = widget.style().subControlRect(QStyle.ComplexControl.CC_SpinBox, option, part, widget)
            if rect.height() + SLACK < line or rect.width() + SLACK < line:
                problems.append(
                    f"{_name(widget)}: a step button of {rect.width()}x{rect.height()} px, "
                    f"smaller than a line of its text ({line} px)"
                )
    return problems


def _name(widget: QWidget) -> str:
    label = widget.objectName() or widget.accessibleName()
    if not label and isinstance(widget, QLabel):
        label = widget.text()
    label = " ".join(label.split())
    if len(label) > 40:
        label = label[:37] + "..."
    return f"{type(widget).__name__}({label!r})"


def _size(widget: QWidget) -> str:
    size: QSize = widget.size()
    return f"{size.width()}x{size.height()}"
