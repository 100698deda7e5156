"""The diary store: routine sessions and cramp episodes round-trip, in order, and fail clearly."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from cramp_coach.domain.diary import CrampEpisode, Leg, RoutineSession, SessionStatus
from cramp_coach.domain.protocol import CrampLocation
from cramp_coach.paths import resolve_data_dir
from cramp_coach.storage.database import StorageError, StorageProblem, open_database
from cramp_coach.storage.diary_store import DiaryStore
from tests.helpers.fakes import FakeWallClock

T0 = datetime(2024, 1, 15, 22, 30, tzinfo=timezone.utc)


@pytest.fixture
def diary_path() -> Path:
    return resolve_data_dir().diary


@pytest.fixture
def connection(diary_path: Path) -> Iterator[sqlite3.Connection]:
    with closing(open_database(diary_path)) as connection:
        yield connection


@pytest.fixture
def fake_wall_clock() -> FakeWallClock:
    return FakeWallClock(T0)


@pytest.fixture
def store(connection: sqlite3.Connection, fake_wall_clock: FakeWallClock) -> DiaryStore:
    return DiaryStore(connection, wall_clock=fake_wall_clock)


def _at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


# --- routine sessions ------------------------------------------------------------------------


def test_a_session_is_recorded_in_progress_the_moment_it_starts(store: DiaryStore) -> None:
    session_id = store.start_session("calf-stretch", "Calf stretch", T0, phases_total=12)

    assert store.session(session_id) == RoutineSession(
        id=session_id,
        routine_id="calf-stretch",
        routine_title="Calf stretch",
        started_at=T0,
        ended_at=None,
        status=SessionStatus.IN_PROGRESS,
        phases_done=0,
        phases_total=12,
        seconds_done=0.0,
    )


def test_a_completed_session_round_trips(store: DiaryStore, fake_wall_clock: FakeWallClock) -> None:
    session_id = store.start_session("calf-stretch", "Calf stretch", T0, phases_total=12)
    for phase in range(1, 13):
        fake_wall_clock.advance(30)
        store.update_session_progress(session_id, phases_done=phase, seconds_done=phase * 30.0)
        assert store.session(session_id).phases_done == phase
    store.finish_session(session_id, _at(7), SessionStatus.COMPLETED, phases_done=12, seconds_done=360.0)

    session = store.session(session_id)
    assert session.status is SessionStatus.COMPLETED
    assert session.ended_at == _at(7)
    assert (session.phases_done, session.phases_total, session.seconds_done) == (12, 12, 360.0)
    assert session.duration == timedelta(minutes=7)


def test_a_session_stopped_early_keeps_how_far_it_got(store: DiaryStore) -> None:
    session_id = store.start_session("hamstrings", "Hamstrings", T0, phases_total=20)
    store.update_session_progress(session_id, phases_done=4, seconds_done=95.5)
    store.finish_session(session_id, _at(2), SessionStatus.STOPPED, phases_done=5, seconds_done=101.25)

    session = store.session(session_id)
    assert (session.status, session.ended_at) == (SessionStatus.STOPPED, _at(2))
    assert (session.phases_done, session.seconds_done) == (5, 101.25)


def test_a_session_left_running_by_a_crash_is_closed_as_interrupted_on_the_next_start(
    diary_path: Path, fake_wall_clock: FakeWallClock
) -> None:
    with closing(open_database(diary_path)) as first_run:
        store = DiaryStore(first_run, wall_clock=fake_wall_clock)
        finished = store.start_session("calf-stretch", "Calf stretch", _at(-60), phases_total=3)
        store.finish_session(finished, _at(-55), SessionStatus.COMPLETED, phases_done=3, seconds_done=300)
        crashed = store.start_session("calf-stretch", "Calf stretch", T0, phases_total=10)
        fake_wall_clock.advance(90)
        store.update_session_progress(crashed, phases_done=3, seconds_done=80)  # ... and the app dies
        never_progressed = store.start_session("feet", "Feet", _at(5), phases_total=4)

    with closing(open_database(diary_path)) as next_run:
        store = DiaryStore(next_run)
        assert store.close_interrupted_sessions(_at(600)) == 2
        assert store.close_interrupted_sessions(_at(601)) == 0

        crashed_session = store.session(crashed)
        assert crashed_session.status is SessionStatus.INTERRUPTED
        assert crashed_session.ended_at == T0 + timedelta(seconds=90)  # the last sign of life
        assert (crashed_session.phases_done, crashed_session.seconds_done) == (3, 80.0)
        assert store.session(never_progressed).ended_at == _at(5)  # only its start is known
        assert store.session(finished).status is SessionStatus.COMPLETED  # untouched


def test_an_interrupted_session_never_ends_after_now(store: DiaryStore, fake_wall_clock: FakeWallClock) -> None:
    session_id = store.start_session("calf-stretch", "Calf stretch", T0, phases_total=10)
    fake_wall_clock.advance(3600)  # e.g. the clock was wrong, then corrected
    store.update_session_progress(session_id, phases_done=1, seconds_done=30)

    assert store.close_interrupted_sessions(_at(10)) == 1
    assert store.session(session_id).ended_at == _at(10)


def test_sessions_are_listed_newest_first(store: DiaryStore) -> None:
    for minutes, routine_id in [(0, "b"), (-1440, "a"), (1440, "d"), (60, "c")]:
        store.start_session(routine_id, routine_id.upper(), _at(minutes), phases_total=1)

    assert [s.routine_id for s in store.sessions()] == ["d", "c", "b", "a"]
    assert [s.routine_id for s in store.sessions(limit=2)] == ["d", "c"]
    assert [s.routine_id for s in store.sessions(since=T0, until=_at(1440))] == ["c", "b"]


def test_timestamps_are_stored_as_fixed_width_utc_text(store: DiaryStore, connection: sqlite3.Connection) -> None:
    paris_winter = timezone(timedelta(hours=1))
    session_id = store.start_session("r", "R", datetime(2024, 1, 15, 23, 30, tzinfo=paris_winter), phases_total=1)

    [(text,)] = connection.execute("SELECT started_at FROM routine_sessions WHERE id = ?", (session_id,))
    assert text == "2024-01-15T22:30:00.000000+00:00"
    started_at = store.session(session_id).started_at
    assert started_at == T0
    assert started_at.tzinfo == timezone.utc


def test_session_arguments_that_are_bugs_are_refused(store: DiaryStore) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        store.start_session("r", "R", datetime(2024, 1, 15, 22, 30), phases_total=1)
    session_id = store.start_session("r", "R", T0, phases_total=1)
    with pytest.raises(ValueError, match="finished status"):
        store.finish_session(session_id, T0, SessionStatus.IN_PROGRESS, phases_done=0, seconds_done=0)
    with pytest.raises(LookupError, match="no routine session 999"):
        store.update_session_progress(999, phases_done=1, seconds_done=1)
    with pytest.raises(LookupError, match="no routine session 999"):
        store.session(999)
    store.finish_session(session_id, T0, SessionStatus.COMPLETED, phases_done=1, seconds_done=1)
    with pytest.raises(LookupError, match="in progress"):  # progress after the end is a bug
        store.update_session_progress(session_id, phases_done=1, seconds_done=1)


# --- cramp episodes --------------------------------------------------------------------------


def test_the_cramp_now_flow_records_start_then_outcome_then_the_log(store: DiaryStore) -> None:
    episode_id = store.start_episode(T0)
    assert store.episode(episode_id) == CrampEpisode(
        id=episode_id,
        started_at=T0,
        duration_seconds=None,
        leg=None,
        location=None,
        pain=None,
        note="",
        eased=None,
        logged=False,
    )

    store.finish_episode(episode_id, duration_seconds=185.5, eased=True)
    store.log_episode(episode_id, leg=Leg.LEFT, location=CrampLocation.CALF, pain=7, note="after a long walk")

    assert store.episode(episode_id) == CrampEpisode(
        id=episode_id,
        started_at=T0,
        duration_seconds=185.5,
        leg=Leg.LEFT,
        location=CrampLocation.CALF,
        pain=7,
        note="after a long walk",
        eased=True,
        logged=True,
    )


def test_an_abandoned_flow_keeps_its_start_and_duration_unlogged(store: DiaryStore) -> None:
    episode_id = store.start_episode(T0)
    store.finish_episode(episode_id, duration_seconds=60, eased=None)

    episode = store.episode(episode_id)
    assert (episode.logged, episode.started_at, episode.duration_seconds) == (False, T0, 60.0)
    assert (episode.leg, episode.location, episode.pain, episode.eased) == (None, None, None, None)


def test_the_users_own_duration_replaces_the_measured_one(store: DiaryStore) -> None:
    episode_id = store.start_episode(T0)
    store.finish_episode(episode_id, duration_seconds=40, eased=False)
    store.log_episode(episode_id, leg=Leg.BOTH, location=CrampLocation.FOOT, pain=None, duration_seconds=300)
    unmeasured_id = store.start_episode(_at(1))
    store.log_episode(unmeasured_id, leg=None, location=CrampLocation.BACK_THIGH, pain=0)

    episode = store.episode(episode_id)
    assert (episode.duration_seconds, episode.eased, episode.logged) == (300.0, False, True)
    assert store.episode(unmeasured_id).duration_seconds is None  # logging alone keeps "unknown"


def test_episodes_are_listed_newest_first(store: DiaryStore) -> None:
    for minutes in [0, -1440, 1440, 60]:
        store.start_episode(_at(minutes))

    assert [e.started_at for e in store.episodes()] == [_at(1440), _at(60), _at(0), _at(-1440)]
    assert [e.started_at for e in store.episodes(limit=1)] == [_at(1440)]
    assert [e.started_at for e in store.episodes(since=_at(0))] == [_at(1440), _at(60), _at(0)]
    assert [e.started_at for e in store.episodes(until=_at(0))] == [_at(-1440)]


def test_episode_arguments_that_are_bugs_are_refused(store: DiaryStore) -> None:
    episode_id = store.start_episode(T0)
    with pytest.raises(ValueError, match="pain must be a whole number from 0 to 10"):
        store.log_episode(episode_id, leg=None, location=None, pain=11)
    with pytest.raises(ValueError, match="duration_seconds must not be negative"):
        store.finish_episode(episode_id, duration_seconds=-1, eased=None)
    with pytest.raises(LookupError, match="no cramp episode 999"):
        store.finish_episode(999, duration_seconds=1, eased=None)
    with pytest.raises(ValueError, match="limit"):
        store.episodes(limit=-1)
    assert store.episode(episode_id).logged is False  # the refused calls changed nothing


# --- environment failures become StorageError ------------------------------------------------


def test_writing_to_a_read_only_diary_raises_storage_error(diary_path: Path, store: DiaryStore) -> None:
    store.start_episode(T0)
    with closing(sqlite3.connect(f"{diary_path.as_uri()}?mode=ro", uri=True, isolation_level=None)) as read_only:
        read_only_store = DiaryStore(read_only)
        assert len(read_only_store.episodes()) == 1  # reading still works
        with pytest.raises(StorageError, match="read-only") as caught:
            read_only_store.start_episode(_at(1))
    assert caught.value.problem is StorageProblem.READ_ONLY
    assert str(diary_path) in str(caught.value)


def test_a_full_disk_raises_storage_error_and_keeps_earlier_entries(
    store: DiaryStore, connection: sqlite3.Connection, diary_path: Path
) -> None:
    kept = store.start_episode(T0)
    # SQLite's own size cap produces the same SQLITE_FULL as a full disk.
    [(pages,)] = connection.execute("PRAGMA page_count")
    connection.execute(f"PRAGMA max_page_count = {pages}")

    with pytest.raises(StorageError, match="full") as caught:
        store.add_episode(T0, leg=None, location=None, pain=None, duration_seconds=None, note="x" * 50_000)

    assert caught.value.problem is StorageProblem.FULL
    assert str(diary_path) in str(caught.value)
    assert not connection.in_transaction  # rolled back, ready for the next write
    assert [episode.id for episode in store.episodes()] == [kept]


def test_a_locked_diary_raises_storage_error(diary_path: Path) -> None:
    with closing(open_database(diary_path, busy_timeout=0)) as connection:
        store = DiaryStore(connection)
        with closing(sqlite3.connect(diary_path, isolation_level=None)) as other_process:
            other_process.execute("BEGIN IMMEDIATE")
            with pytest.raises(StorageError, match="locked") as caught:
                store.start_episode(T0)
            other_process.rollback()
        assert caught.value.problem is StorageProblem.LOCKED
        store.start_episode(T0)  # works again once the lock is gone


def test_a_bug_in_the_schema_is_not_disguised_as_storage_error(
    store: DiaryStore, connection: sqlite3.Connection
) -> None:
    connection.execute("DROP TABLE cramp_episodes")
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        store.episodes()
