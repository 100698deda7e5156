"""Rows of item views (lists, trees) whose text wraps to the view's width, never cut.

Qt measures a wrapped row before it knows how much room the text really gets (the
indentation, the stylesheet's padding), so the last line of a long row is cut off.
Instead, the text is broken into lines here, with the font's own measurements, and
broken again whenever the view's width changes; rows of explicit lines are always
measured right. The text as written is kept under :data:`RAW_TEXT_ROLE`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QTreeWidget, QTreeWidgetItem

RAW_TEXT_ROLE = Qt.ItemDataRole.UserRole + 9
#: Room the stylesheet's item padding and the focus frame take, on each side.
ITEM_PADDING = 12

#: Between the facts of a row (dose, position, time): a line breaks here first.
FACT_SEPARATOR = " · "
# Words, each with the spaces after it (and any spaces a line starts with).
_WORDS = re.compile(r"\S+\s*|\s+")
# A word too long for a line of its own breaks after a dash, dot, slash or underscore.
_PIECES = re.compile(r"[^\-._/]*[\-._/]+|[^\-._/]+")
# The end of a file's name (not of a field path like ``dose.hold``).
_EXTENSION = re.compile(r"(?i)ya?ml|json|png|jpe?g|svg|webp|zip|pdf|csv|txt|bak")


def wrap_text(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` with line breaks so that no line is wider than ``width`` pixels (if it can be).

    A line that lists facts (``10 reps, 3 s each · standing · 0:30``) breaks after a
    ``·`` first, keeping each fact whole where it fits. Otherwise lines break between
    words; a word is broken (after a dash, dot, slash or underscore, but not before a
    file's extension if it can be helped) only when it is wider than a whole line, so
    ``bedtime-seated.yaml`` moves to the next line whole rather than being split at the
    end of this one.
    """

    def fits(line: str) -> bool:
        return metrics.horizontalAdvance(line.rstrip()) <= width

    lines: list[str] = []
    for paragraph in text.split("\n"):
        if metrics.horizontalAdvance(paragraph) <= width:
            lines.append(paragraph)  # most lines fit as they are
            continue
        facts = paragraph.split(FACT_SEPARATOR)
        line = ""
        for index, fact in enumerate(facts):
            piece = fact + (FACT_SEPARATOR.rstrip() if index < len(facts) - 1 else "")
            joined = f"{line} {piece}" if line else piece
            if fits(joined):
                line = joined
                continue
            if line:
                lines.append(line)
            *whole, line = _wrap_words(piece, fits)
            lines.extend(whole)
        lines.append(line)
    return "\n".join(lines)


def _wrap_words(text: str, fits: Callable[[str], bool]) -> list[str]:
    """``text`` broken between words into lines that fit (a word only when it alone does not)."""
    lines: list[str] = []
    line = ""
    for word in _WORDS.findall(text):
        if fits(line + word):
            line += word
            continue
        if line.strip():
            lines.append(line.rstrip())
            line, word = "", word.lstrip()
        if fits(line + word):
            line += word
            continue
        for piece in _pieces(word, fits):  # wider than a line: break inside it
            if line.strip() and not fits(line + piece):
                lines.append(line.rstrip())
                line = ""
            line += piece
    lines.append(line.rstrip())
    return lines


def _pieces(word: str, fits: Callable[[str], bool]) -> list[str]:
    """The parts a word too wide for a line may break into; a file's extension stays with
    the part before it when the two fit a line (``bedtime-`` / ``jane.yaml``, not
    ``bedtime-jane.`` / ``yaml``)."""
    pieces: list[str] = _PIECES.findall(word)
    extension = len(pieces) >= 2 and pieces[-2].endswith(".") and _EXTENSION.fullmatch(pieces[-1]) is not None
    if extension and fits(pieces[-2] + pieces[-1]):
        pieces[-2:] = [pieces[-2] + pieces[-1]]
    return pieces


def set_item_text(item: QListWidgetItem | QTreeWidgetItem, text: str) -> None:
    """Give ``item`` its text as written; :class:`RowWrapper` breaks it into lines."""
    if isinstance(item, QTreeWidgetItem):
        item.setData(0, RAW_TEXT_ROLE, text)
        item.setText(0, text)
    else:
        item.setData(RAW_TEXT_ROLE, text)
        item.setText(text)


def raw_text(item: QListWidgetItem | QTreeWidgetItem) -> str:
    """The text as written, without the line breaks added for the width."""
    value = item.data(0, RAW_TEXT_ROLE) if isinstance(item, QTreeWidgetItem) else item.data(RAW_TEXT_ROLE)
    return str(value) if value is not None else (item.text(0) if isinstance(item, QTreeWidgetItem) else item.text())


class RowWrapper(QObject):
    """Keeps the rows of ``view`` broken to its width (call :meth:`rewrap` after filling it)."""

    def __init__(self, view: QListWidget | QTreeWidget) -> None:
        super().__init__(view)
        self._view = view
        self._width = -1
        self._broken: dict[tuple[str, int, str], str] = {}  # most rows come back unchanged after an edit
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        resized = watched is self._view and event.type() == QEvent.Type.Resize
        if resized and self._view.width() != self._width:
            QTimer.singleShot(0, self, self.rewrap)  # once this resize is done
        return False

    def _room(self) -> int:
        # The whole width less the frame and a scroll bar (as if shown, so that a bar
        # coming and going never changes the breaks).
        view = self._view
        return view.width() - 2 * view.frameWidth() - view.verticalScrollBar().sizeHint().width() - 2 * ITEM_PADDING

    def _wrap(self, text: str, room: int) -> str:
        key = (text, room, self._view.font().key())  # a new text size breaks differently
        broken = self._broken.get(key)
        if broken is None:
            if len(self._broken) > 2000:
                self._broken.clear()
            broken = self._broken[key] = wrap_text(text, self._view.fontMetrics(), room)
        return broken

    def rewrap(self) -> None:
        view = self._view
        self._width = view.width()
        room = max(40, self._room())
        if isinstance(view, QListWidget):
            for row in range(view.count()):
                item = view.item(row)
                item.setText(self._wrap(raw_text(item), room))
            return
        indent = view.indentation()
        top = 1 if view.rootIsDecorated() else 0  # the top level is indented only for its arrows
        stack = [(view.topLevelItem(index), top) for index in range(view.topLevelItemCount())]
        while stack:
            tree_item, depth = stack.pop()
            if tree_item is None:
                continue
            tree_item.setText(0, self._wrap(raw_text(tree_item), room - indent * depth))
            stack.extend((tree_item.child(index), depth + 1) for index in range(tree_item.childCount()))
