"""The first frame from a few hundred bytes instead of the whole catalog.

Next to the catalog cache (``catalog_cache.py``) lives ``first-frame.marshal``: the routine
cards Home shows, the number of files with problems and Cramp now's first question (the
location choices and the disclaimer), stamped with the same fingerprint of every
routine, asset and domain file. While the fingerprint matches, Home or a cold
``--emergency`` start is built from it before the catalog, the domain's dataclasses or the
YAML parser are loaded; the full catalog follows right after the first frame. ``marshal``
is built into Python, so reading the index loads nothing. Like the catalog cache it is
only a copy: a missing, stale or unreadable index means the catalog is loaded first, as
without it.
"""

from __future__ import annotations

import contextlib
import marshal
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from cramp_coach.domain.routine_card import RoutineCard

if TYPE_CHECKING:
    from cramp_coach.domain.cramp_opening import CrampOpening, OpeningFields

INDEX_FORMAT = 2


class FirstFrameIndex:
    """What Home's and Cramp now's first frames need: cards, problem count, the first question.

    Cramp now's first question is kept as stored and made into a :class:`CrampOpening` on
    first use: Home's first frame never needs it, nor the modules that define it.
    """

    __slots__ = ("_opening", "_opening_fields", "cards", "problem_count", "stored")

    def __init__(
        self,
        cards: tuple[RoutineCard, ...],
        problem_count: int,
        opening_fields: OpeningFields | None,
        *,
        stored: bool = True,
    ) -> None:
        self.cards = cards
        self.problem_count = problem_count
        self._opening_fields = opening_fields  # None: no Cramp-now protocol loaded
        self._opening: CrampOpening | None = None
        #: False for the built-in routines' index (``first_frame_builtin.py``): the data
        #: folder has none of its own yet.
        self.stored = stored

    @property
    def has_opening(self) -> bool:
        """Whether the catalog the index was written from had a Cramp-now protocol."""
        return self._opening_fields is not None

    @property
    def opening(self) -> CrampOpening | None:
        """Cramp now's first question; ``None`` without a protocol, or if the stored one is unreadable
        (Cramp now then asks it from the protocol itself)."""
        if self._opening is None and self._opening_fields is not None:
            from cramp_coach.domain.cramp_opening import CrampOpening

            try:
                self._opening = CrampOpening.from_fields(self._opening_fields)
            except (ValueError, TypeError):
                self._opening_fields = None
        return self._opening


def read(index_file: Path, fingerprint: str) -> FirstFrameIndex | None:
    """The index if it was written for ``fingerprint``, else ``None``."""
    try:
        data = marshal.loads(index_file.read_bytes())
        form, stamp, problems, rows, opening = data
        if form != INDEX_FORMAT or stamp != fingerprint:
            return None
        cards = tuple(RoutineCard(*(str(field) for field in row)) for row in rows)
        return FirstFrameIndex(cards, int(problems), opening or None)
    except (OSError, EOFError, ValueError, TypeError):  # absent, cut short or from another format
        return None


def write(
    index_file: Path,
    fingerprint: str,
    cards: Iterable[RoutineCard],
    problem_count: int,
    opening: CrampOpening | None,
) -> None:
    """Store the index atomically; failing to only costs the next start a little time."""
    rows = [card.fields() for card in cards]
    data = (INDEX_FORMAT, fingerprint, problem_count, rows, opening.fields() if opening else None)
    partial = index_file.with_name(index_file.name + ".partial")
    try:
        index_file.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(marshal.dumps(data))
        os.replace(partial, index_file)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
