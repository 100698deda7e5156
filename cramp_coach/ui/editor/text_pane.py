"""The middle column: the open file's name, a banner for questions, the text and its problems.

Everything but the text is kept to a line or two, so the text gets the height; the
status line is shown only when there is something to say.

The problems list is only as tall as its problems (up to :data:`MAX_PROBLEM_ROWS` rows,
then it scrolls); with none, only the one line "No problems" is left, so the text keeps
the height.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from cramp_coach.domain.errors import Issue
from cramp_coach.domain.routine import Exercise
from cramp_coach.schema.snippets import step_text, steps_insert_line
from cramp_coach.ui.editor.host import Action
from cramp_coach.ui.theme import Palette
from cramp_coach.ui.widgets.common import button, card, label, restyle
from cramp_coach.ui.widgets.flow_layout import flow_row
from cramp_coach.ui.widgets.wrapped_items import RowWrapper, set_item_text
from cramp_coach.ui.widgets.yaml_editor import YamlEditor

ISSUE_ROLE = Qt.ItemDataRole.UserRole
#: The problems list grows to this many rows, and this many lines of text, before it
#: scrolls (a problem may take three lines in a narrow column at the largest text).
MAX_PROBLEM_ROWS = 5
MAX_PROBLEM_LINES = 6
#: The text is this many characters wide when there is room (columns.py asks); it keeps
#: the comfortable width while the side columns can give way to comfortable widths, and
#: the narrow one while the outline can give way further (to keep file names whole).
PREFERRED_COLUMNS = 60
COMFORTABLE_COLUMNS = 40
NARROW_COLUMNS = 32


def issue_text(issue: Issue) -> str:
    """How a problem reads in the list: ``line:column: field: message``."""
    where = f"{issue.line}:{issue.column}"
    return f"{where}: {issue.field}: {issue.message}" if issue.field else f"{where}: {issue.message}"


class ProblemList(QListWidget):
    """A list whose height follows its rows (at most :data:`MAX_PROBLEM_ROWS` and :data:`MAX_PROBLEM_LINES`)."""

    def fit_rows(self) -> None:
        self.setVisible(self.count() > 0)
        if not self.count():
            return
        self.doItemsLayout()  # wrapped rows know their height only at the current width
        most = MAX_PROBLEM_LINES * self.fontMetrics().lineSpacing()
        height = 0
        for row in range(min(self.count(), MAX_PROBLEM_ROWS)):
            row_height = self.visualRect(self.model().index(row, 0)).height() + self.spacing()
            if row and height + row_height > most:
                break  # whole rows only: the scroll bar says there are more
            height += row_height
        # The frame and the stylesheet's padding, around the rows.
        chrome = 2 * max(self.frameWidth(), self.viewport().y())
        self.setFixedHeight(height + chrome)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        QTimer.singleShot(0, self, self.fit_rows)  # once the list has its width

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        width_changed = event.size().width() != event.oldSize().width()
        super().resizeEvent(event)
        if width_changed:
            # A narrower list wraps its rows onto more lines; refit once this resize is done.
            QTimer.singleShot(0, self, self.fit_rows)


class TextPane(QWidget):
    """The document title, banner, text, problem count, status line and problems."""

    def __init__(self, palette: Callable[[], Palette], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document_title = label("")
        self.document_title.setObjectName("document-title")
        self.document_title.setAccessibleName("Open file")
        self.banner = card()
        self.banner.setProperty("role", "banner")
        self.banner_text = label("")
        self.banner_primary = button("", "quiet")
        self.banner_secondary = button("", "quiet")
        self.banner_primary.clicked.connect(lambda: self._on_banner_clicked(0))
        self.banner_secondary.clicked.connect(lambda: self._on_banner_clicked(1))
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(14, 8, 14, 8)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.banner_primary)
        banner_layout.addWidget(self.banner_secondary)
        self._banner_actions: list[Callable[[], None]] = []
        self._after_banner: Callable[[], None] = lambda: None
        self.banner.hide()

        self.editor = YamlEditor(palette)
        self.problems_title = label("", "muted")
        self.problems_title.setObjectName("problems-title")
        self.problems_title.setAccessibleName("Problems")
        self.status = label("", "notice")
        self.status.setAccessibleName("Status")
        self.status.hide()
        self.undo_button = button("Undo", "quiet", accessible="Undo the delete")
        self.undo_button.hide()
        self.problems = ProblemList()
        self.problems.setProperty("role", "problems")
        self.problems.setAccessibleName("Problems in this file: activate one to go there")
        self.problems.itemClicked.connect(self._on_problems_item_clicked)
        self.problems.itemActivated.connect(self._on_problems_item_clicked)
        self._wrapper = RowWrapper(self.problems)  # rows break into lines at the list's width
        self.problems.hide()

        # The file's name and what the check found share one line above the text when
        # they fit (so the text keeps the height), else the count goes under the name.
        title_row = flow_row(self.document_title, self.problems_title, spacing=12)
        status_row = QHBoxLayout()
        status_row.setSpacing(12)
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(title_row)
        layout.addWidget(self.banner)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.problems)
        layout.addLayout(status_row)

    def preferred_width(self) -> int:
        """Wide enough for :data:`PREFERRED_COLUMNS` characters of text on a line."""
        return self.editor.width_for(PREFERRED_COLUMNS)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # A splitter asks only for the minimum size, which for wrapped lines (the title,
        # the problems, the status) is one line each; at this width they may need more.
        # Asking for their real height lets the columns scroll instead of squeezing them.
        hint = super().minimumSizeHint()
        width = max(self.width(), hint.width())
        layout = self.layout()
        if layout is None:
            return hint
        shown = [
            item for item in (layout.itemAt(index) for index in range(layout.count())) if item and not item.isEmpty()
        ]
        height = sum(
            max(item.minimumSize().height(), item.heightForWidth(width) if item.hasHeightForWidth() else 0)
            for item in shown
        )
        margins = layout.contentsMargins()
        height += margins.top() + margins.bottom() + layout.spacing() * max(0, len(shown) - 1)
        return QSize(hint.width(), max(hint.height(), height))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # the minimum height depends on the width

    def append_step(self, exercise: Exercise) -> bool:
        """Add a step for ``exercise`` at the end of the steps list, as one undoable edit."""
        where = steps_insert_line(self.editor.toPlainText())
        if where is None:
            return False
        line, indent = where
        block = self.editor.document().findBlockByNumber(line)
        cursor = self.editor.textCursor()
        snippet = step_text(exercise, indent)
        if block.isValid():
            cursor.setPosition(block.position())
        else:  # after the last line
            cursor.movePosition(cursor.MoveOperation.End)
            if not self.editor.toPlainText().endswith("\n"):
                snippet = "\n" + snippet
        # One edit through the cursor, so Ctrl+Z takes it back.
        cursor.insertText(snippet)
        self.editor.setTextCursor(cursor)
        return True

    # -- problems -----------------------------------------------------------------------

    def show_problems(self, issues: Sequence[Issue], *, has_document: bool) -> None:
        self.problems.clear()
        for issue in issues:
            item = QListWidgetItem()
            set_item_text(item, issue_text(issue))
            item.setData(ISSUE_ROLE, (issue.line, issue.column))
            item.setToolTip(str(issue.message))
            self.problems.addItem(item)
        count = len(issues)
        if not has_document:
            self.problems_title.setText("")
        elif count:
            self.problems_title.setText(f"⚠ {count} problem{'s' if count != 1 else ''}, listed below")
        else:
            self.problems_title.setText("✓ No problems")
        self.problems_title.setProperty("role", "warning" if count else "muted")
        restyle(self.problems_title)
        self._wrapper.rewrap()
        self.problems.fit_rows()
        self.editor.show_problems(issues)

    def _on_problems_item_clicked(self, item: QListWidgetItem) -> None:
        line, column = item.data(ISSUE_ROLE)
        self.editor.go_to(max(1, int(line)), max(1, int(column)))

    # -- banner and status ----------------------------------------------------------------

    def show_banner(self, text: str, actions: Sequence[Action], after: Callable[[], None]) -> None:
        """Show ``text`` with up to two buttons; ``after`` runs once a button's action has."""
        self.banner_text.setText(text)
        self._banner_actions = [action for _caption, action in actions]
        self._after_banner = after
        for widget, index in ((self.banner_primary, 0), (self.banner_secondary, 1)):
            if index < len(actions):
                widget.setText(actions[index][0])
                widget.setAccessibleName(actions[index][0])
                widget.show()
            else:
                widget.hide()
        self.banner.show()

    def hide_banner(self) -> None:
        self._banner_actions = []
        self.banner.hide()

    def _on_banner_clicked(self, index: int) -> None:
        if index < len(self._banner_actions):
            action = self._banner_actions[index]
            self.hide_banner()
            action()
            self._after_banner()

    def say(self, text: str, *, undo: bool = False) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.undo_button.setVisible(undo)
