"""One way to write to a diary that may fail at any moment, shared by the player and Cramp now.

A full disk or a vanished folder must never stop a routine or a first-aid step. The
first :class:`~cramp_coach.storage.database.StorageError` is logged and reported once
(through ``on_failure``); after it nothing more is written until :meth:`DiaryWriter.reset`,
so the user sees one notice, not one per second.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Generic, TypeVar

from cramp_coach.storage.database import StorageError

log = logging.getLogger(__name__)

D = TypeVar("D")
T = TypeVar("T")


class DiaryWriter(Generic[D]):
    """Guards every write to a diary of type ``D`` (the part of the store a screen needs)."""

    def __init__(self, diary: D | None, on_failure: Callable[[StorageError], None]) -> None:
        """Args:
        diary: where to write; ``None`` while there is no diary (not open yet, or unavailable).
        on_failure: told about the first failed write; the caller decides how to show it.
        """
        self._diary = diary
        self._on_failure = on_failure
        self._failed = False

    @property
    def diary(self) -> D | None:
        """The diary, or ``None`` when there is none."""
        return self._diary

    @property
    def usable(self) -> bool:
        """Whether a write would be attempted: there is a diary and it has not failed."""
        return self._diary is not None and not self._failed

    def attach(self, diary: D | None) -> None:
        """Use ``diary`` from now on (it opened after the first frame, or was repaired): a fresh start."""
        self._diary = diary
        self._failed = False

    def reset(self) -> None:
        """Try the diary again (a new cramp, a new routine): an earlier failure may have passed."""
        self._failed = False

    def call(self, action: Callable[[D], T]) -> T | None:
        """Run ``action`` on the diary and return its result; ``None`` if it failed or could not run."""
        if self._diary is None or self._failed:
            return None
        try:
            return action(self._diary)
        except StorageError as error:
            log.warning("diary write failed: %s", error)
            self._failed = True
            self._on_failure(error)
            return None

    def write(self, action: Callable[[D], object]) -> bool:
        """Run ``action`` on the diary; True when it ran without a StorageError."""
        done = self.call(lambda diary: (action(diary), True)[1])
        return done is True
