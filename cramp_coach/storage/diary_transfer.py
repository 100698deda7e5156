"""Every entry out (for the CSV export) and entries in (the CSV import), without duplicates.

Every row has a random ``uid`` (migration 3), kept through export and import, so
importing the app's own CSV twice adds nothing the second time. The CSV format itself is
:mod:`cramp_coach.storage.diary_csv`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from cramp_coach.domain.diary import CrampEpisode, RoutineSession
from cramp_coach.domain.diary_bounds import check_entry
from cramp_coach.storage.database import transaction, translate_errors
from cramp_coach.storage.diary_connection import DiaryConnection
from cramp_coach.storage.diary_rows import (
    EPISODE_COLUMNS,
    SESSION_COLUMNS,
    Entry,
    episode_from_row,
    new_uid,
    session_from_row,
    to_db_time,
)


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What :meth:`DiaryStore.import_entries` did.

    Attributes:
        episodes_added: new cramp episodes.
        sessions_added: new routine sessions.
        already_there: rows the diary already held (same uid, or same time and kind when the row had no uid).
    """

    episodes_added: int
    sessions_added: int
    already_there: int


class DiaryTransfer(DiaryConnection):
    """Export and import (part of :class:`~cramp_coach.storage.diary_store.DiaryStore`)."""

    def export_entries(self) -> Iterator[tuple[str, Entry]]:
        """Every episode and session with its uid, oldest first (episodes before sessions at the same time)."""
        with translate_errors(self.path):
            episodes = self._connection.execute(
                f"SELECT {EPISODE_COLUMNS}, uid FROM cramp_episodes ORDER BY started_at, id"
            ).fetchall()
            sessions = self._connection.execute(
                f"SELECT {SESSION_COLUMNS}, uid FROM routine_sessions ORDER BY started_at, id"
            ).fetchall()
        rows: list[tuple[str, Entry]] = [(str(row[-1]), episode_from_row(row)) for row in episodes]
        rows += [(str(row[-1]), session_from_row(row)) for row in sessions]
        rows.sort(key=lambda item: (item[1].started_at, isinstance(item[1], RoutineSession)))
        yield from rows

    def import_entries(self, rows: Sequence[tuple[str | None, Entry]]) -> ImportResult:
        """Add the rows the diary does not hold yet, all in one transaction (all or nothing).

        A row is already held when its uid is in the diary, as either kind; a row without a
        uid (from a hand-made file) when the diary has the same kind of entry starting at the
        same moment, counted so two such rows in the file and one in the diary add one. Every
        entry must keep the diary's limits (``domain/diary_bounds.py``; ``ValueError``
        otherwise, before anything is written).
        """
        for _uid, entry in rows:
            check_entry(entry)
        added = {"e": 0, "s": 0}
        skipped = 0
        with translate_errors(self.path), transaction(self._connection):
            unmatched: dict[tuple[str, str], int] = {}
            for uid, entry in rows:
                kind, table = ("e", "cramp_episodes") if isinstance(entry, CrampEpisode) else ("s", "routine_sessions")
                started = to_db_time(entry.started_at, "started_at")
                if uid:
                    # Either table: a uid names one entry in the whole diary (as in the file, where
                    # a uid twice is refused whatever the types). A row whose type was edited is
                    # still that entry; added, it would give the diary's next export the uid twice.
                    held = self._connection.execute(
                        "SELECT 1 FROM cramp_episodes WHERE uid = ?1"
                        " UNION ALL SELECT 1 FROM routine_sessions WHERE uid = ?1",
                        (uid,),
                    ).fetchone()
                else:
                    key = (kind, started)
                    if key not in unmatched:
                        unmatched[key] = self._connection.execute(
                            f"SELECT count(*) FROM {table} WHERE started_at = ?", (started,)
                        ).fetchone()[0]
                    held = unmatched[key] > 0
                    unmatched[key] -= 1
                if held:
                    skipped += 1
                    continue
                if isinstance(entry, CrampEpisode):
                    self._insert_episode(uid or new_uid(), entry)
                else:
                    self._insert_session(uid or new_uid(), entry)
                added[kind] += 1
        return ImportResult(episodes_added=added["e"], sessions_added=added["s"], already_there=skipped)

    def _insert_episode(self, uid: str, episode: CrampEpisode) -> None:
        self._connection.execute(
            "INSERT INTO cramp_episodes (started_at, duration_seconds, leg, location, pain, note, eased, logged, uid)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                to_db_time(episode.started_at, "started_at"),
                episode.duration_seconds,
                None if episode.leg is None else episode.leg.value,
                None if episode.location is None else episode.location.value,
                episode.pain,
                episode.note,
                episode.eased,
                episode.logged,
                uid,
            ),
        )

    def _insert_session(self, uid: str, session: RoutineSession) -> None:
        ended = None if session.ended_at is None else to_db_time(session.ended_at, "ended_at")
        started = to_db_time(session.started_at, "started_at")
        self._connection.execute(
            "INSERT INTO routine_sessions (routine_id, routine_title, started_at, ended_at, last_seen_at, status,"
            " phases_done, phases_total, seconds_done, uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                session.routine_id,
                session.routine_title,
                started,
                ended,
                ended or started,
                session.status.value,
                session.phases_done,
                session.phases_total,
                session.seconds_done,
                uid,
            ),
        )
