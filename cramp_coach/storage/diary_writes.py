"""Writing the diary as things happen: routine sessions, cramp episodes, and cramps logged or edited later.

Every write commits at once, so what the app has been told survives a crash:

- a routine session is recorded ``IN_PROGRESS`` when it starts, its progress after each
  phase (:meth:`DiaryWrites.update_session_progress`), and its outcome when it ends; a
  session left ``IN_PROGRESS`` by a crash is closed as ``INTERRUPTED`` on the next start
  (:meth:`DiaryWrites.close_interrupted_sessions`);
- a cramp episode is recorded the moment "Cramp now" is pressed
  (:meth:`DiaryWrites.start_episode`), its duration and outcome when the steps end
  (:meth:`DiaryWrites.finish_episode`), and the optional log screen's answers if the user
  fills it in (:meth:`DiaryWrites.log_episode`, which sets ``logged``);
- the diary screen logs a cramp the next morning (:meth:`DiaryWrites.add_episode`) and
  edits one (:meth:`DiaryWrites.update_episode`).
"""

from __future__ import annotations

from datetime import datetime

from cramp_coach.domain.diary import Leg, SessionStatus
from cramp_coach.domain.diary_bounds import (
    MAX_NAME_CHARS,
    MAX_NOTE_CHARS,
    check_count,
    check_pain,
    check_seconds,
    check_text,
    clamp_seconds,
)
from cramp_coach.domain.protocol import CrampLocation
from cramp_coach.storage.database import transaction, translate_errors
from cramp_coach.storage.diary_connection import DiaryConnection
from cramp_coach.storage.diary_rows import episode_fields, new_uid, stored_time, to_db_time


class DiaryWrites(DiaryConnection):
    """Recording sessions and episodes (part of :class:`~cramp_coach.storage.diary_store.DiaryStore`)."""

    # --- routine sessions ------------------------------------------------------------

    def start_session(self, routine_id: str, title: str, started_at: datetime, phases_total: int) -> int:
        """Record a routine that has just started (``IN_PROGRESS``) and return its id."""
        if not routine_id:
            raise ValueError("routine_id must not be empty")
        check_text(routine_id, "routine_id", MAX_NAME_CHARS)
        check_text(title, "title", MAX_NAME_CHARS)
        check_count(phases_total, "phases_total")
        started = stored_time(started_at, "started_at")
        with translate_errors(self.path), transaction(self._connection):
            cursor = self._connection.execute(
                "INSERT INTO routine_sessions (routine_id, routine_title, started_at, last_seen_at, status,"
                " phases_done, phases_total, seconds_done, uid) VALUES (?, ?, ?, ?, ?, 0, ?, 0, ?)",
                (routine_id, title, started, started, SessionStatus.IN_PROGRESS.value, phases_total, new_uid()),
            )
        assert cursor.lastrowid is not None  # an INSERT into a rowid table always sets it
        return cursor.lastrowid

    def update_session_progress(self, session_id: int, phases_done: int, seconds_done: float) -> None:
        """Record progress through a running session; cheap enough to call after every phase.

        The wall clock's time is kept as the session's last sign of life, which becomes
        its ``ended_at`` if the app dies before finishing it. ``seconds_done`` is measured
        by the app, so it is kept within 0–24 h rather than refused.
        """
        check_count(phases_done, "phases_done")
        now = stored_time(self._wall_clock.now(), "wall clock")
        self._update(
            "UPDATE routine_sessions SET phases_done = ?, seconds_done = ?, last_seen_at = ?"
            " WHERE id = ? AND status = ?",
            (
                phases_done,
                clamp_seconds(seconds_done, "seconds_done"),
                now,
                session_id,
                SessionStatus.IN_PROGRESS.value,
            ),
            f"no routine session {session_id} in progress",
        )

    def finish_session(
        self,
        session_id: int,
        ended_at: datetime,
        status: SessionStatus,
        phases_done: int,
        seconds_done: float,
    ) -> None:
        """Record how a session ended: ``COMPLETED`` or ``STOPPED`` (or ``INTERRUPTED``).

        ``seconds_done`` is measured by the app, so it is kept within 0–24 h rather than refused.
        """
        if not status.is_finished:
            raise ValueError(f"finish_session needs a finished status, got {status}")
        check_count(phases_done, "phases_done")
        ended = stored_time(ended_at, "ended_at")
        self._update(
            "UPDATE routine_sessions"
            " SET ended_at = ?, last_seen_at = ?, status = ?, phases_done = ?, seconds_done = ?"
            " WHERE id = ?",
            (ended, ended, status.value, phases_done, clamp_seconds(seconds_done, "seconds_done"), session_id),
            f"no routine session {session_id}",
        )

    def close_interrupted_sessions(self, now: datetime) -> int:
        """Mark sessions left ``IN_PROGRESS`` by an earlier run as ``INTERRUPTED``; return how many.

        Call once at start-up, before any new session starts. Each one's ``ended_at`` is
        its last recorded sign of life (start or latest progress), never later than ``now``.
        """
        cap = to_db_time(now, "now")
        with translate_errors(self.path), transaction(self._connection):
            cursor = self._connection.execute(
                "UPDATE routine_sessions SET status = ?, ended_at = min(last_seen_at, ?) WHERE status = ?",
                (SessionStatus.INTERRUPTED.value, cap, SessionStatus.IN_PROGRESS.value),
            )
        return cursor.rowcount

    # --- cramp episodes --------------------------------------------------------------

    def start_episode(self, started_at: datetime) -> int:
        """Record a cramp the moment "Cramp now" is pressed (``logged`` false) and return its id."""
        started = stored_time(started_at, "started_at")
        with translate_errors(self.path), transaction(self._connection):
            cursor = self._connection.execute(
                "INSERT INTO cramp_episodes (started_at, uid) VALUES (?, ?)", (started, new_uid())
            )
        assert cursor.lastrowid is not None  # an INSERT into a rowid table always sets it
        return cursor.lastrowid

    def finish_episode(self, episode_id: int, *, duration_seconds: float, eased: bool | None) -> None:
        """Record how long the cramp lasted and whether it eased, when the first-aid steps end.

        The duration is measured by the app, so it is kept within 0–24 h rather than refused
        (a flow left open for two days must not fail at its end).
        """
        self._update(
            "UPDATE cramp_episodes SET duration_seconds = ?, eased = ? WHERE id = ?",
            (clamp_seconds(duration_seconds, "duration_seconds"), eased, episode_id),
            f"no cramp episode {episode_id}",
        )

    def note_episode_location(self, episode_id: int, location: CrampLocation) -> None:
        """Record where the cramp is as soon as Cramp now is told (not ``logged``: the log page may follow)."""
        self._update(
            "UPDATE cramp_episodes SET location = ? WHERE id = ?",
            (location.value, episode_id),
            f"no cramp episode {episode_id}",
        )

    def log_episode(
        self,
        episode_id: int,
        *,
        leg: Leg | None,
        location: CrampLocation | None,
        pain: int | None,
        note: str = "",
        duration_seconds: float | None = None,
    ) -> None:
        """Save the optional log screen's answers and mark the episode ``logged``.

        ``duration_seconds``, when given, replaces the measured duration (the user's own
        "how long" wins: the cramp may have started before the app was opened).
        """
        if pain is not None:
            check_pain(pain)
        if duration_seconds is not None:
            check_seconds(duration_seconds, "duration_seconds")
        check_text(note, "note", MAX_NOTE_CHARS)
        self._update(
            "UPDATE cramp_episodes SET leg = ?, location = ?, pain = ?, note = ?,"
            " duration_seconds = coalesce(?, duration_seconds), logged = 1 WHERE id = ?",
            (
                None if leg is None else leg.value,
                None if location is None else location.value,
                pain,
                note,
                duration_seconds,
                episode_id,
            ),
            f"no cramp episode {episode_id}",
        )

    def add_episode(
        self,
        started_at: datetime,
        *,
        leg: Leg | None,
        location: CrampLocation | None,
        pain: int | None,
        duration_seconds: float | None,
        note: str = "",
    ) -> int:
        """Record a cramp logged afterwards (the diary's "Log a cramp"); it is ``logged`` at once."""
        values = episode_fields(started_at, leg, location, pain, duration_seconds, note)
        with translate_errors(self.path), transaction(self._connection):
            cursor = self._connection.execute(
                "INSERT INTO cramp_episodes (started_at, leg, location, pain, duration_seconds, note, logged, uid)"
                " VALUES (?, ?, ?, ?, ?, ?, 1, ?)",
                (*values, new_uid()),
            )
        assert cursor.lastrowid is not None  # an INSERT into a rowid table always sets it
        return cursor.lastrowid

    def update_episode(
        self,
        episode_id: int,
        *,
        started_at: datetime,
        leg: Leg | None,
        location: CrampLocation | None,
        pain: int | None,
        duration_seconds: float | None,
        note: str = "",
    ) -> None:
        """Replace what the user can edit about an episode; it becomes ``logged``."""
        values = episode_fields(started_at, leg, location, pain, duration_seconds, note)
        self._update(
            "UPDATE cramp_episodes SET started_at = ?, leg = ?, location = ?, pain = ?, duration_seconds = ?,"
            " note = ?, logged = 1 WHERE id = ?",
            (*values, episode_id),
            f"no cramp episode {episode_id}",
        )
