"""A plain-text YAML editor: line numbers, syntax colours, and problems marked in place.

It edits text and nothing else; it never parses YAML (the editor screen asks the
storage layer to check the text). Colours come from the active palette, so the editor
stays dim at night. Problems from the checker are shown three ways: a wavy underline
at the exact column, the line number in the warning colour, and the list under the
editor (owned by the screen).

Columns: the checker counts characters (code points); Qt's text positions count UTF-16
units. :func:`utf16_offset` converts, so a problem after an emoji or an accented letter
written in decomposed form is still underlined at the right place.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import QRect, QRegularExpression, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from cramp_coach.domain.errors import Issue
from cramp_coach.ui.theme import Palette

#: The smallest text area, at any text size: enough to read and edit a routine (at the
#: largest text on a 1024x600 screen it is this narrow, so the file list stays readable).
MIN_COLUMNS = 23
MIN_LINES = 6


def utf16_offset(text: str, characters: int) -> int:
    """How many UTF-16 units the first ``characters`` code points of ``text`` take."""
    prefix = text[: max(0, characters)]
    return len(prefix) + sum(1 for ch in prefix if ord(ch) > 0xFFFF)


def _format(colour: str, *, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(colour))
    if bold:
        fmt.setFontWeight(QFont.Weight.DemiBold)
    fmt.setFontItalic(italic)
    return fmt


class YamlHighlighter(QSyntaxHighlighter):
    """Colours keys, list dashes, strings, numbers, true/false and comments, line by line.

    Good enough for routine files (it is not a YAML parser): one line at a time, so
    typing only re-colours the line being typed.
    """

    _KEY = QRegularExpression(r"^(\s*(?:-\s+)*)([A-Za-z_][\w-]*)(\s*:)(?=\s|$)")
    _FLOW_KEY = QRegularExpression(r"[{,]\s*([A-Za-z_][\w-]*)\s*:")
    _DASH = QRegularExpression(r"^\s*(-)(?=\s|$)")
    _STRING = QRegularExpression(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'")
    _NUMBER = QRegularExpression(r"(?<=[:\[{,\s])-?\d+(?:\.\d+)?(?=\s*(?:$|[,}\]#]))")
    _WORD = QRegularExpression(r"(?<=[:\[{,\s])(true|false|null|~)(?=\s*(?:$|[,}\]#]))")
    _MARKER = QRegularExpression(r"^(---|\.\.\.)\s*$")
    _COMMENT = QRegularExpression(r"(^|\s)#.*$")

    def __init__(self, document: QTextDocument, palette: Palette) -> None:
        super().__init__(document)
        self.set_palette(palette)

    def set_palette(self, palette: Palette) -> None:
        self._key = _format(palette.accent, bold=True)
        self._dash = _format(palette.accent, bold=True)
        self._string = _format(palette.rest)
        self._number = _format(palette.switch)
        self._word = _format(palette.focus)
        self._comment = _format(palette.muted, italic=True)
        self.rehighlight()

    def _apply(self, pattern: QRegularExpression, text: str, fmt: QTextCharFormat, group: int = 0) -> None:
        matches = pattern.globalMatch(text)
        while matches.hasNext():
            match = matches.next()
            self.setFormat(match.capturedStart(group), match.capturedLength(group), fmt)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        self._apply(self._MARKER, text, self._comment)
        self._apply(self._DASH, text, self._dash, 1)
        self._apply(self._KEY, text, self._key, 2)
        self._apply(self._FLOW_KEY, text, self._key, 1)
        self._apply(self._NUMBER, text, self._number)
        self._apply(self._WORD, text, self._word)
        self._apply(self._STRING, text, self._string)
        # Comments last, so a '#' after a value wins over what was coloured before it.
        # A '#' inside quotes is not a comment: skip matches that start inside a string.
        strings = [(m.start(), m.end()) for m in re.finditer(self._STRING.pattern(), text)]
        matches = self._COMMENT.globalMatch(text)
        while matches.hasNext():
            match = matches.next()
            start = match.capturedStart()
            if not any(low <= start < high for low, high in strings):
                self.setFormat(start, len(text) - start, self._comment)
                break


class _LineNumbers(QWidget):
    """The gutter; all the work is in :meth:`YamlEditor.paint_line_numbers`."""

    def __init__(self, editor: YamlEditor) -> None:
        super().__init__(editor)
        self._editor = editor
        self.setAccessibleName("Line numbers")

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self._editor.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        self._editor.paint_line_numbers(event)


class YamlEditor(QPlainTextEdit):
    """A code editor for routine files.

    Attributes:
        highlighter: the syntax highlighter (re-coloured by :meth:`set_palette`).
    """

    def __init__(self, palette: Callable[[], Palette], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("yaml-editor")
        self.setProperty("role", "code")
        self._palette = palette
        self._problem_lines: set[int] = set()
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.setFont(font)
        self.setTabChangesFocus(False)
        # YAML forbids tabs for indentation: Tab inserts two spaces instead.
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setAccessibleName("Routine file text")
        self.highlighter = YamlHighlighter(self.document(), palette())
        self._gutter = _LineNumbers(self)
        self.blockCountChanged.connect(self._on_block_count_changed)
        self.updateRequest.connect(self._on_update_request)
        self._on_block_count_changed(0)

    # -- appearance -----------------------------------------------------------------

    def set_palette(self, palette: Palette) -> None:
        self.highlighter.set_palette(palette)
        self._gutter.update()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # Enough to read and edit a routine at any text size: 28 columns, 6 lines.
        metrics = self.fontMetrics()
        frame = 2 * self.frameWidth() + round(2 * self.document().documentMargin())
        return QSize(self.width_for(MIN_COLUMNS), MIN_LINES * metrics.lineSpacing() + frame)

    def width_for(self, columns: int) -> int:
        """The width that shows ``columns`` characters of the text on one line.

        With the line numbers, the frame, the document's margins, the cursor and a
        scroll bar; the characters are measured as the text lays them out, in fractions
        of a pixel (a 14 px monospace character is 8.4 px, not 8).
        """
        text = math.ceil(QFontMetricsF(self.font()).horizontalAdvance("M" * columns))
        margins = math.ceil(2 * self.document().documentMargin()) + self.cursorWidth()
        scroll = self.verticalScrollBar().sizeHint().width()
        return self.gutter_width() + text + margins + 2 * self.frameWidth() + scroll

    def gutter_width(self) -> int:
        digits = max(3, len(str(max(1, self.blockCount()))))
        return 14 + self.fontMetrics().horizontalAdvance("9") * digits

    def _on_block_count_changed(self, _count: int) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _on_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        area = self.contentsRect()
        self._gutter.setGeometry(QRect(area.left(), area.top(), self.gutter_width(), area.height()))

    def paint_line_numbers(self, event: QPaintEvent) -> None:
        palette = self._palette()
        painter = QPainter(self._gutter)
        painter.setFont(self.font())  # the text's own font and size, so numbers line up with their lines
        painter.fillRect(event.rect(), QColor(palette.surface))
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        current = self.textCursor().blockNumber()
        while block.isValid() and top <= event.rect().bottom():
            bottom = top + round(self.blockBoundingRect(block).height())
            if block.isVisible() and bottom >= event.rect().top():
                number = block.blockNumber()
                if number + 1 in self._problem_lines:
                    painter.setPen(QColor(palette.danger))
                elif number == current:
                    painter.setPen(QColor(palette.text))
                else:
                    painter.setPen(QColor(palette.muted))
                painter.drawText(0, top, self._gutter.width() - 6, height, Qt.AlignmentFlag.AlignRight, str(number + 1))
            block = block.next()
            top = bottom
        painter.end()

    # -- editing --------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Tab and not event.modifiers() and not self.isReadOnly():
            self.insertPlainText("  ")
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.isReadOnly():
            # Keep the indentation of the line above, as every code editor does.
            line = self.textCursor().block().text()
            indent = line[: len(line) - len(line.lstrip(" "))]
            super().keyPressEvent(event)
            self.insertPlainText(indent)
            return
        super().keyPressEvent(event)

    def cursor_position(self) -> tuple[int, int]:
        """The cursor as 0-based (line, column in characters)."""
        cursor = self.textCursor()
        block = cursor.block()
        units = cursor.positionInBlock()
        text = block.text()
        # UTF-16 units back to characters.
        characters, seen = 0, 0
        while seen < units and characters < len(text):
            seen += 2 if ord(text[characters]) > 0xFFFF else 1
            characters += 1
        return block.blockNumber(), characters

    def block_for_line(self, line: int) -> QTextBlock:
        return self.document().findBlockByNumber(max(0, line - 1))

    def go_to(self, line: int, column: int) -> None:
        """Put the cursor at 1-based ``line`` and ``column`` (characters) and show it."""
        block = self.block_for_line(line)
        offset = utf16_offset(block.text(), column - 1)
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + min(offset, max(0, block.length() - 1)))
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_problems(self, issues: Sequence[Issue]) -> None:
        """Underline each problem where it is and colour its line number."""
        palette = self._palette()
        selections = []
        for issue in issues:
            if issue.line < 1:
                continue
            block = self.block_for_line(issue.line)
            text = block.text()
            start = utf16_offset(text, issue.column - 1)
            # Underline the word (or value) the problem points at; at least one character.
            rest = text[max(0, issue.column - 1) :]
            word = re.match(r"[^\s,:{}\[\]]*", rest)
            length = len(word.group(0)) if word else 0
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(block)
            cursor.setPosition(block.position() + min(start, max(0, block.length() - 1)))
            cursor.setPosition(
                block.position() + min(start + max(1, utf16_offset(rest, length)), max(0, block.length() - 1)),
                QTextCursor.MoveMode.KeepAnchor,
            )
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(QColor(palette.danger))
            fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
            selection.format = fmt
            selection.cursor = cursor
            selections.append(selection)
        self.setExtraSelections(selections)
        self._problem_lines = {issue.line for issue in issues}
        self._gutter.update()
