"""Every cramp and routine in the diary, newest first, as a Qt list model that loads as it is scrolled.

Ten years of diary are about 6,000 entries; the model holds only the pages asked for
so far. Qt's views ask :meth:`EntriesModel.canFetchMore` / :meth:`EntriesModel.fetchMore`
when the list is scrolled to its end (or is not yet full), so the screen does no
paging of its own. Each row's :data:`ENTRY_ROLE` is its
:class:`~cramp_coach.domain.diary.CrampEpisode` or
:class:`~cramp_coach.domain.diary.RoutineSession`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import datetime

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from cramp_coach.domain.protocol import CrampLocation
from cramp_coach.storage.database import StorageError
from cramp_coach.storage.diary_store import DiaryStore, Entry
from cramp_coach.ui.diary.entry_words import entry_text

log = logging.getLogger(__name__)

#: Entries read from the diary at a time.
PAGE = 100
ENTRY_ROLE = Qt.ItemDataRole.UserRole

_Index = QModelIndex | QPersistentModelIndex


class EntriesModel(QAbstractListModel):
    """The diary's entries, a page at a time.

    Attributes:
        total: how many entries the diary holds (as of the last :meth:`reload`).

    Signals:
        failed(str): reading a further page failed; the message says why.
    """

    failed = Signal(str)

    def __init__(
        self, now: Callable[[], datetime], words: Mapping[CrampLocation, str], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._now = now
        self._words = dict(words)
        self._diary: DiaryStore | None = None
        self._entries: list[Entry] = []
        self.total = 0

    def reload(self, diary: DiaryStore | None) -> None:
        """Start again from the newest page of ``diary`` (empty for ``None``).

        Raises :class:`StorageError` if the diary cannot be read; the model is then empty.
        """
        self.beginResetModel()
        try:
            self._diary, self._entries, self.total = diary, [], 0
            if diary is not None:
                self.total = diary.entry_count()
                self._entries = diary.entries(PAGE)
        except StorageError:
            self._diary, self._entries, self.total = None, [], 0
            raise
        finally:
            self.endResetModel()

    def set_words(self, words: Mapping[CrampLocation, str]) -> None:
        """Name cramp locations with ``words`` (the protocol's labels) from now on."""
        self._words = dict(words)
        if self._entries:
            self.dataChanged.emit(self.index(0), self.index(len(self._entries) - 1))

    def entry(self, row: int) -> Entry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    # -- Qt ------------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        entry = self.entry(index.row()) if index.isValid() else None
        if entry is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return entry_text(entry, self._now(), self._words)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return entry_text(entry, self._now(), self._words).replace("\n", ". ")
        if role == ENTRY_ROLE:
            return entry
        return None

    def canFetchMore(self, parent: _Index) -> bool:  # noqa: N802 - Qt override
        return not parent.isValid() and self._diary is not None and len(self._entries) < self.total

    def fetchMore(self, parent: _Index) -> None:  # noqa: N802 - Qt override
        if not self.canFetchMore(parent):
            return
        assert self._diary is not None
        try:
            page = self._diary.entries(PAGE, len(self._entries))
        except StorageError as error:
            log.warning("diary unreadable: %s", error)
            self.total = len(self._entries)  # stop asking until the next reload
            self.failed.emit(str(error))
            return
        if not page:
            self.total = len(self._entries)
            return
        first = len(self._entries)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._entries.extend(page)
        self.endInsertRows()
