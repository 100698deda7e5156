"""The routines, exercises and Cramp-now protocol currently loaded, and a signal when they change.

Every screen that shows catalog data follows ``changed``: saving a routine in the editor
updates Home, Cramp now (its protocol) and the Diary (its flags) without a restart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from cramp_coach.domain.catalog import Catalog


class CatalogModel(QObject):
    """Holds the current :class:`Catalog`; ``reload()`` asks ``load`` again.

    Signals:
        changed(object): the new :class:`Catalog`.
    """

    changed = Signal(object)

    def __init__(self, load: Callable[[], Catalog], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._load = load
        self._catalog: Catalog | None = None

    @property
    def catalog(self) -> Catalog:
        """The catalog, loaded on first use (Home's first frame may not need it at all)."""
        if self._catalog is None:
            self._catalog = self._load()
        return self._catalog

    @property
    def loaded(self) -> bool:
        return self._catalog is not None

    def reload(self) -> None:
        catalog = self._catalog = self._load()
        self.changed.emit(catalog)
