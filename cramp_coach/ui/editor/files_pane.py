"""The left column: the files in each folder, the library's exercises to add, and the file buttons.

The file names wrap instead of being cut; the buttons wrap to more rows when the
column is narrow (a :class:`FlowLayout`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, QSize, Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from cramp_coach.storage.routine_library import LibraryEntry, RoutineLibrary, Source
from cramp_coach.ui.widgets.common import button
from cramp_coach.ui.widgets.flow_layout import flow_row, scrolling
from cramp_coach.ui.widgets.wrapped_items import ITEM_PADDING, RowWrapper, raw_text, set_item_text

#: The narrowest the column gets: a title keeps this many average characters of the
#: list's font on a line (fewer was a word a line at the largest text), besides the
#: indentation, padding and scroll bars. The text column gives way first.
MIN_COLUMNS = 14
#: The list of files is never shorter than this many lines of its font.
MIN_LINES = 7

ENTRY_ROLE = Qt.ItemDataRole.UserRole
EXERCISE_ROLE = Qt.ItemDataRole.UserRole + 1

SOURCE_GROUPS = {
    Source.USER: "Your routines",
    Source.EXTRA: "From the --routines folder (read-only)",
    Source.BUILTIN: "Built-in (read-only)",
}


def entry_text(entry: LibraryEntry) -> str:
    """Two lines: what the file is, then its name (the id, which is what Rename changes)."""
    if entry.draft:
        text = f"✎ Draft of {entry.id}\n{entry.path.name}"
    elif entry.kind is None:
        text = entry.path.name
    else:
        text = f"{entry.title}\n{entry.path.name}"
    if entry.problems:
        text += f"  ⚠ {entry.problems} problem{'s' if entry.problems != 1 else ''}"
    return text


class FilesPane(QWidget):
    """The file tree, the Add to routine button and the file buttons.

    Signals:
        file_chosen(Path): a file was clicked or activated.
        exercise_chosen(str): a library exercise was clicked; carries its id.
    """

    file_chosen = Signal(Path)
    exercise_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        # The groups (yours, built-in, exercises) are headings that stay open: no arrows
        # and one step of indentation for the files, which leaves their names the room.
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        # Names are never cut or elided: a name wider than the column goes on (after a
        # space or a dash) on another line of its row.
        self._wrapper = RowWrapper(self.tree)
        self.tree.setAccessibleName("Routine files and library exercises")
        self.tree.itemActivated.connect(self._on_tree_item_activated)
        self.tree.itemClicked.connect(self._on_tree_item_activated)
        self.add_button = button("Add to routine", accessible="Add the selected exercise to this routine")
        self.new_button = button("New…", accessible="New routine")
        self.duplicate_button = button("Duplicate…", accessible="Duplicate this file to edit it")
        self.rename_button = button("Rename…", accessible="Rename this file (its id)")
        self.delete_button = button("Delete", accessible="Delete this file (you can undo)")
        self.import_button = button("Import…", accessible="Import a routine file, folder or zip")
        self.export_button = button("Export…", accessible="Export this routine with its images")
        self.tree.installEventFilter(self)  # its height follows its font (the text size)
        # The column scrolls as a whole when its buttons wrap to more rows than fit.
        content = QWidget()
        content.setObjectName("files-content")
        self._content = content
        self._scroll = scrolling(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._scroll)
        layout = QVBoxLayout(content)
        self._content_layout = layout
        layout.setContentsMargins(0, 0, 4, 0)
        layout.setSpacing(8)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.add_button)
        layout.addWidget(
            flow_row(
                self.new_button,
                self.duplicate_button,
                self.rename_button,
                self.delete_button,
                self.import_button,
                self.export_button,
            )
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.tree and event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            # A few files always show, at every text size (the column scrolls for the buttons).
            self.tree.setMinimumHeight(self.tree.fontMetrics().lineSpacing() * MIN_LINES)
        return False

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # Never narrower than the widest button (the column scrolls up and down only),
        # nor than readable lines in the list.
        hint = super().minimumSizeHint()
        scroll = self._scroll.verticalScrollBar().sizeHint().width()
        content = self._content.minimumSizeHint().width() + scroll
        readable = self.tree.fontMetrics().averageCharWidth() * MIN_COLUMNS + self._chrome() + scroll
        return QSize(max(content, readable), hint.height())

    def preferred_width(self) -> int:
        """Wide enough to show every line of the list (a title, a file name) whole."""
        return self._width_for(lambda line: [line])

    def names_width(self, *, scrolling: bool = False) -> int:
        """Wide enough that no word is broken: each file name stays whole, titles may wrap.

        ``scrolling``: with room for the column's own scroll bar too (a short column
        scrolls to its buttons).
        """
        column = self._scroll.verticalScrollBar().sizeHint().width() if scrolling else 0
        return self._width_for(str.split) + column

    def _width_for(self, pieces: Callable[[str], list[str]]) -> int:
        tree = self.tree
        metrics = tree.fontMetrics()
        longest = max(
            (
                metrics.horizontalAdvance(piece)
                for raw in self._raw_texts()
                for line in raw.split("\n")
                for piece in pieces(line)
            ),
            default=0,
        )
        return longest + self._chrome()

    def _chrome(self) -> int:
        """What the list takes besides the text of a file's row: indentation, padding, frame, scroll bar."""
        tree = self.tree
        depth = 2 if tree.rootIsDecorated() else 1  # the files are one level down
        room = depth * tree.indentation() + 2 * tree.frameWidth() + tree.verticalScrollBar().sizeHint().width()
        margins = self._content_layout.contentsMargins()
        return room + 2 * ITEM_PADDING + margins.left() + margins.right() + 2

    def _raw_texts(self) -> list[str]:
        texts: list[str] = []
        stack = [self.tree.topLevelItem(index) for index in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if item is not None:
                texts.append(raw_text(item))
                stack.extend(item.child(index) for index in range(item.childCount()))
        return texts

    def show_library(self, library: RoutineLibrary, current: Path | None) -> None:
        """Rebuild the tree from ``library`` (already refreshed), selecting ``current``."""
        blocker = QSignalBlocker(self.tree)
        self.tree.clear()
        groups: dict[Source, QTreeWidgetItem] = {}
        for source in (Source.USER, Source.EXTRA, Source.BUILTIN):
            if source is Source.EXTRA and library.extra_dir is None:
                continue
            group = QTreeWidgetItem()
            set_item_text(group, SOURCE_GROUPS[source])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(group)
            groups[source] = group
        for entry in library.entries():
            item = QTreeWidgetItem()
            set_item_text(item, entry_text(entry))
            item.setData(0, ENTRY_ROLE, str(entry.path))
            item.setToolTip(0, str(entry.path))
            groups[entry.source].addChild(item)
            if entry.path == current:
                self.tree.setCurrentItem(item)
        if not groups[Source.USER].childCount():
            empty = QTreeWidgetItem()
            set_item_text(empty, "(none yet: New… or Duplicate…)")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            groups[Source.USER].addChild(empty)
        exercises = QTreeWidgetItem()
        set_item_text(exercises, "Library exercises")
        exercises.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.tree.addTopLevelItem(exercises)
        for exercise in library.catalog.exercises.values():
            item = QTreeWidgetItem()
            set_item_text(item, exercise.name)
            item.setData(0, EXERCISE_ROLE, exercise.id)
            item.setToolTip(0, f"{exercise.id} · {exercise.dose.describe()}")
            exercises.addChild(item)
        self.tree.expandAll()
        self._wrapper.rewrap()
        del blocker

    def item_for(self, path: Path) -> QTreeWidgetItem | None:
        for group in range(self.tree.topLevelItemCount()):
            parent = self.tree.topLevelItem(group)
            for index in range(parent.childCount() if parent is not None else 0):
                child = parent.child(index) if parent is not None else None
                if child is not None and child.data(0, ENTRY_ROLE) == str(path):
                    return child
        return None

    def select(self, path: Path | None) -> None:
        """Show ``path`` as the current file, without reacting as to a click."""
        item = self.item_for(path) if path is not None else None
        blocker = QSignalBlocker(self.tree)
        if item is not None:
            self.tree.setCurrentItem(item)
        del blocker

    def enable(self, *, editable: bool, open_file: bool, exportable: bool, routine: bool) -> None:
        """The buttons that make sense for the open file.

        Args:
            editable: it is in the user's folder (rename, delete).
            open_file: a file is open (duplicate).
            exportable: it can be exported (open, and not a draft).
            routine: it is an editable routine, so an exercise can be added.
        """
        self.rename_button.setEnabled(editable)
        self.delete_button.setEnabled(editable)
        self.duplicate_button.setEnabled(open_file)
        self.export_button.setEnabled(exportable)
        self.add_button.setEnabled(routine)

    def current_exercise(self) -> str | None:
        item = self.tree.currentItem()
        exercise_id = item.data(0, EXERCISE_ROLE) if item is not None else None
        return str(exercise_id) if exercise_id else None

    def _on_tree_item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        raw = item.data(0, ENTRY_ROLE)
        exercise_id = item.data(0, EXERCISE_ROLE)
        if raw:
            self.file_chosen.emit(Path(raw))
        elif exercise_id:
            self.exercise_chosen.emit(str(exercise_id))
