"""Reading the diary: entries by id or time, the diary screen's paged list, and per-night tallies.

The tallies are SQL over the ``started_at`` indexes: :meth:`DiaryReads.night_tallies`
groups a range by *night* (noon to noon, local time, as
:func:`~cramp_coach.domain.diary.night_of` defines it, via SQLite's ``'localtime'``
modifier), and the pure :mod:`~cramp_coach.domain.insights` does the rest.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from cramp_coach.domain.diary import CrampEpisode, RoutineSession, night_bounds
from cramp_coach.storage.database import translate_errors
from cramp_coach.storage.diary_connection import DiaryConnection
from cramp_coach.storage.diary_rows import (
    EPISODE_COLUMNS,
    NIGHT_SQL,
    SESSION_COLUMNS,
    Entry,
    episode_from_row,
    range_clause,
    session_from_row,
)

if TYPE_CHECKING:
    from cramp_coach.domain.insights import NightTally


class DiaryReads(DiaryConnection):
    """Reading sessions, episodes and tallies (part of :class:`~cramp_coach.storage.diary_store.DiaryStore`)."""

    def session(self, session_id: int) -> RoutineSession:
        """One session by id (``LookupError`` if there is none)."""
        return session_from_row(
            self._one("routine_sessions", SESSION_COLUMNS, session_id, f"no routine session {session_id}")
        )

    def sessions(
        self, limit: int | None = None, *, since: datetime | None = None, until: datetime | None = None
    ) -> list[RoutineSession]:
        """Sessions started in ``[since, until)`` (all by default), newest first, at most ``limit``."""
        return [
            session_from_row(row)
            for row in self._newest_first("routine_sessions", SESSION_COLUMNS, limit, since, until)
        ]

    def episode(self, episode_id: int) -> CrampEpisode:
        """One episode by id (``LookupError`` if there is none)."""
        return episode_from_row(
            self._one("cramp_episodes", EPISODE_COLUMNS, episode_id, f"no cramp episode {episode_id}")
        )

    def episodes(
        self, limit: int | None = None, *, since: datetime | None = None, until: datetime | None = None
    ) -> list[CrampEpisode]:
        """Episodes started in ``[since, until)`` (all by default), newest first, at most ``limit``."""
        return [
            episode_from_row(row) for row in self._newest_first("cramp_episodes", EPISODE_COLUMNS, limit, since, until)
        ]

    # --- the diary screen's list -----------------------------------------------------

    def entry_count(self) -> int:
        """Episodes plus sessions."""
        with translate_errors(self.path):
            row = self._connection.execute(
                "SELECT (SELECT count(*) FROM cramp_episodes) + (SELECT count(*) FROM routine_sessions)"
            ).fetchone()
        return int(row[0])

    def entries(self, limit: int, offset: int = 0) -> list[Entry]:
        """Episodes and sessions together, newest first: the page ``[offset, offset + limit)``."""
        if limit < 0 or offset < 0:
            raise ValueError(f"limit and offset must not be negative, got {limit!r}, {offset!r}")
        with translate_errors(self.path):
            # Both halves walk their started_at index backwards; only the page's ids come back.
            keys = self._connection.execute(
                "SELECT kind, id FROM ("
                " SELECT 'e' AS kind, id, started_at FROM cramp_episodes"
                " UNION ALL SELECT 's' AS kind, id, started_at FROM routine_sessions"
                ") ORDER BY started_at DESC, kind, id DESC LIMIT ? OFFSET ?",
                (limit, offset),
            ).fetchall()
            episodes = self._rows("cramp_episodes", EPISODE_COLUMNS, [i for kind, i in keys if kind == "e"])
            sessions = self._rows("routine_sessions", SESSION_COLUMNS, [i for kind, i in keys if kind == "s"])
        found: dict[tuple[str, int], Entry] = {("e", int(row[0])): episode_from_row(row) for row in episodes}
        found.update({("s", int(row[0])): session_from_row(row) for row in sessions})
        return [found[(kind, int(row_id))] for kind, row_id in keys]

    # --- summaries -------------------------------------------------------------------

    def night_tallies(self, first: date | None = None, last: date | None = None) -> list[NightTally]:
        """Per-night counts for the nights ``first``–``last`` (all by default), oldest first.

        Only nights with an entry are returned; :class:`~cramp_coach.domain.insights.DiaryHistory`
        fills the rest with zeros. Two grouped queries, each over a ``started_at`` index range.
        """
        where, parameters = self._night_range(first, last)
        with translate_errors(self.path):
            cramps = self._connection.execute(
                f"SELECT {NIGHT_SQL} AS night, count(*), count(pain), coalesce(sum(pain), 0), max(pain)"
                f" FROM cramp_episodes{where} GROUP BY night",
                parameters,
            ).fetchall()
            routines = self._connection.execute(
                f"SELECT {NIGHT_SQL} AS night, sum(status = 'completed'), count(*) FROM routine_sessions{where}"
                " GROUP BY night",
                parameters,
            ).fetchall()
        from cramp_coach.domain.insights import NightTally  # not needed to open the diary at start-up

        counts: dict[str, list[Any]] = {row[0]: [*row[1:], 0, 0] for row in cramps}
        for night, completed, started in routines:
            counts.setdefault(night, [0, 0, 0, None, 0, 0])[4:] = [completed, started]
        return [
            NightTally(date.fromisoformat(night), int(c), int(r), int(s), None if m is None else int(m), int(d), int(n))
            for night, (c, r, s, m, d, n) in sorted(counts.items())
        ]

    @staticmethod
    def _night_range(first: date | None, last: date | None) -> tuple[str, list[str]]:
        if first is None and last is None:
            return "", []
        since = night_bounds(first, first)[0] if first is not None else None
        until = night_bounds(last, last)[1] if last is not None else None
        return range_clause(since, until)
