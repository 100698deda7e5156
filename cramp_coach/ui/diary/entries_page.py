"""The diary's entries page: every cramp and routine, newest first, to edit or delete.

The list is a ``QListView`` over :class:`~cramp_coach.ui.diary.entries_model.EntriesModel`,
which loads further pages itself as the list is scrolled. Each entry is two wrapped
lines, so the rows grow with the text size instead of cutting it.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QListView, QVBoxLayout, QWidget

from cramp_coach.domain.diary import CrampEpisode, RoutineSession
from cramp_coach.domain.wording import plural
from cramp_coach.storage.diary_store import Entry
from cramp_coach.ui.diary.entries_model import EntriesModel
from cramp_coach.ui.widgets.common import button, label

EMPTY = "Nothing yet. Cramps from Cramp now, your routines, and cramps you log here appear in this list."
NOT_EDITABLE = "Routines are recorded by the player; they can be deleted but not edited."


class EntriesPage(QWidget):
    """The list of entries with Edit… and Delete….

    Attributes:
        entries: the list view (its model is :attr:`model`).
        empty_note: shown instead of the list when the diary has no entries.

    Signals:
        edit_requested(): Edit…, Enter or a double-click on a cramp.
        delete_requested(): Delete… or the Delete key.
        selection_changed(): another entry (or none) is chosen.
    """

    edit_requested = Signal()
    delete_requested = Signal()
    selection_changed = Signal()

    def __init__(self, model: EntriesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.entries = QListView()
        self.entries.setObjectName("diary-entries")
        self.entries.setAccessibleName("Cramps and routines, newest first")
        self.entries.setModel(model)
        self.entries.setWordWrap(True)
        self.entries.setUniformItemSizes(False)
        self.entries.setResizeMode(QListView.ResizeMode.Adjust)
        self.entries.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.entries.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.entries.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.entries.setMinimumHeight(120)
        self.entries.selectionModel().selectionChanged.connect(self._on_entries_selection_changed)
        self.entries.activated.connect(self._on_entries_activated)
        model.modelReset.connect(self._on_model_reset)

        self.edit_button = button("Edit…", "quiet", accessible="Edit the chosen cramp")
        self.delete_button = button("Delete…", "quiet", accessible="Delete the chosen entry")
        self.edit_button.clicked.connect(self.edit_requested)
        self.delete_button.clicked.connect(self.delete_requested)
        # One muted line rather than a heading: the page button already names the page, and
        # at 1024x600 with the largest text every line given to the list counts.
        self.heading = label("Every cramp and routine, newest first.", "muted")
        self.empty_note = label(EMPTY, "muted")
        self.empty_note.setVisible(False)

        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self.heading, 1)
        row.addWidget(self.edit_button)
        row.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addLayout(row)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.entries, 1)
        self.update_buttons()

    def focus_chain(self) -> list[QWidget]:
        """The page's controls in reading order (the screen chains Tab through them)."""
        return [self.edit_button, self.delete_button, self.entries]

    def show_total(self, total: int, quiet_since: str = "") -> None:
        """Say how many entries there are and, when nothing is recorded after it, the newest one's time."""
        # Short: at the largest text on a small screen every line taken here is a line of the list.
        text = f"{plural(total, 'entry', 'entries')}, newest first."
        self.heading.setText(f"{text} Nothing is recorded after {quiet_since}." if quiet_since else text)

    @property
    def selected(self) -> Entry | None:
        rows = self.entries.selectionModel().selectedRows()
        return self.model.entry(rows[0].row()) if rows else None

    @property
    def selected_row(self) -> int:
        rows = self.entries.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def select(self, row: int) -> None:
        """Choose the entry in ``row`` (the nearest one if the list is shorter; none if empty)."""
        row = min(row, self.model.rowCount() - 1)
        if row < 0:
            self.entries.clearSelection()
            return
        index = self.model.index(row)
        self.entries.setCurrentIndex(index)
        self.entries.scrollTo(index)

    def update_buttons(self) -> None:
        entry = self.selected
        self.edit_button.setEnabled(isinstance(entry, CrampEpisode))
        self.edit_button.setToolTip(NOT_EDITABLE if isinstance(entry, RoutineSession) else "")
        self.delete_button.setEnabled(entry is not None)

    def _on_model_reset(self) -> None:
        empty = self.model.rowCount() == 0
        self.empty_note.setVisible(empty)
        self.entries.setVisible(not empty)
        self.update_buttons()

    def _on_entries_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.update_buttons()
        self.selection_changed.emit()

    def _on_entries_activated(self, _index: QModelIndex) -> None:
        self.edit_requested.emit()
