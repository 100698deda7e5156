"""The diary store: routine sessions and cramp episodes in the diary database.

:class:`DiaryStore` is one object for its users (the app, the screens, the commands),
made of parts with one job each:

- :mod:`~cramp_coach.storage.diary_rows`: how rows are stored and read back (columns,
  timestamps, uids, the diary's limits);
- :mod:`~cramp_coach.storage.diary_connection`: the connection and the queries the
  parts share;
- :mod:`~cramp_coach.storage.diary_writes`: recording sessions and cramps as they happen,
  and cramps logged or edited later;
- :mod:`~cramp_coach.storage.diary_reads`: entries by id or time, the paged list, and
  per-night tallies for :mod:`~cramp_coach.domain.insights`;
- :mod:`~cramp_coach.storage.diary_undo`: deleting with an undo;
- :mod:`~cramp_coach.storage.diary_transfer`: every entry out, and entries in without
  duplicates (the CSV format is :mod:`~cramp_coach.storage.diary_csv`).

Every write commits at once. SQL is parameterised throughout. Failures caused by the
environment raise :class:`~cramp_coach.storage.database.StorageError`; bad arguments
(a naive datetime, pain 11, an unknown id) are bugs and raise ``ValueError`` or
``LookupError``.
"""

from __future__ import annotations

from cramp_coach.storage.diary_reads import DiaryReads
from cramp_coach.storage.diary_rows import Entry
from cramp_coach.storage.diary_transfer import DiaryTransfer, ImportResult
from cramp_coach.storage.diary_undo import DeletedEntry, DiaryUndo
from cramp_coach.storage.diary_writes import DiaryWrites


class DiaryStore(DiaryWrites, DiaryReads, DiaryUndo, DiaryTransfer):
    """The diary's sessions and episodes, on a connection from :func:`~cramp_coach.storage.database.open_database`.

    The store does not own the connection: whoever opened it closes it. Construct it with
    ``DiaryStore(connection, wall_clock=…)`` (see
    :class:`~cramp_coach.storage.diary_connection.DiaryConnection`).

    Attributes:
        path: the database file, named in error messages (``None`` for an in-memory diary).
    """


# The values its methods take and return, importable with it.
__all__ = ["DeletedEntry", "DiaryStore", "Entry", "ImportResult"]
