"""Home's first frame from a few hundred bytes instead of the whole catalog.

Next to the catalog cache (``catalog_cache.py``) lives ``home.marshal``: the routine cards
Home shows and the number of files with problems, stamped with the same fingerprint of
every routine, asset and domain file. While the fingerprint matches, Home is built from
it before the catalog, the routine dataclasses or the YAML parser are loaded; the full
catalog follows right after the first frame. ``marshal`` is built into Python, so
reading the index loads nothing. Like the catalog cache it is only a copy: a missing,
stale or unreadable index means the catalog is loaded first, as without it.
"""

from __future__ import annotations

import contextlib
import marshal
import os
from collections.abc import Iterable
from pathlib import Path

from cramp_coach.domain.routine_card import RoutineCard

INDEX_FORMAT = 1


class HomeIndex:
    """The routine cards and the problem count that Home's first frame needs."""

    __slots__ = ("cards", "problem_count")

    def __init__(self, cards: tuple[RoutineCard, ...], problem_count: int) -> None:
        self.cards = cards
        self.problem_count = problem_count


def read(index_file: Path, fingerprint: str) -> HomeIndex | None:
    """The index if it was written for ``fingerprint``, else ``None``."""
    try:
        data = marshal.loads(index_file.read_bytes())
        form, stamp, problems, rows = data
        if form != INDEX_FORMAT or stamp != fingerprint:
            return None
        cards = tuple(RoutineCard(*(str(field) for field in row)) for row in rows)
        return HomeIndex(cards, int(problems))
    except (OSError, EOFError, ValueError, TypeError):  # absent, cut short or from another format
        return None


def write(index_file: Path, fingerprint: str, cards: Iterable[RoutineCard], problem_count: int) -> None:
    """Store the index atomically; failing to only costs the next start a little time."""
    rows = [card.fields() for card in cards]
    partial = index_file.with_name(index_file.name + ".partial")
    try:
        index_file.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(marshal.dumps((INDEX_FORMAT, fingerprint, problem_count, rows)))
        os.replace(partial, index_file)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
