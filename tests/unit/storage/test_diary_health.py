"""A damaged diary is never written: check, side file, repair (storage/diary_health.py and friends)."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from cramp_coach.storage.database import StorageProblem, open_database
from cramp_coach.storage.diary_health import DiaryState, check_diary, open_diary, repair_diary, side_file
from cramp_coach.storage.diary_side_file import merge_side_file, open_side_store
from cramp_coach.storage.diary_store import DiaryStore

T0 = datetime(2026, 3, 2, 3, 10, tzinfo=timezone.utc)
REPO = Path(__file__).resolve().parents[3]


def _fingerprint(folder: Path) -> dict[str, str]:
    return {file.name: hashlib.sha256(file.read_bytes()).hexdigest() for file in sorted(folder.iterdir())}


def _page_size(path: Path) -> int:
    with closing(sqlite3.connect(path)) as connection:
        return int(connection.execute("PRAGMA page_size").fetchone()[0])


def _table_leaf_pages(path: Path, table: str) -> list[int]:
    """The b-tree leaf pages holding ``table``'s rows, from SQLite's dbstat table when available."""
    with closing(sqlite3.connect(path)) as connection:
        try:
            rows = connection.execute(
                "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno", (table,)
            ).fetchall()
        except sqlite3.OperationalError:
            pytest.skip("this SQLite has no dbstat table")
    return [int(page) for (page,) in rows]


def _make_diary(path: Path, episodes: int = 300, sessions: int = 40) -> None:
    with closing(open_database(path)) as connection:
        store = DiaryStore(connection)
        for minute in range(episodes):
            episode = store.start_episode(T0 + timedelta(minutes=minute))
            store.log_episode(episode, leg=None, location=None, pain=minute % 11, note=f"note {minute} " + "x" * 40)
        for day in range(sessions):
            session = store.start_session("bedtime", "Evening stretch", T0 + timedelta(days=day), phases_total=10)
            store.finish_session(session, T0 + timedelta(days=day, minutes=5), _completed(), 10, 240.0)


def _completed():  # type: ignore[no-untyped-def]
    from cramp_coach.domain.diary import SessionStatus

    return SessionStatus.COMPLETED


def _damage_page(path: Path, page: int) -> None:
    size = _page_size(path)
    with path.open("r+b") as file:
        file.seek((page - 1) * size + 8)
        file.write(b"\x00" * (size - 8))  # the page's cell pointers now point nowhere


@pytest.fixture
def diary(tmp_path: Path) -> Path:
    return tmp_path / "data" / "diary.sqlite3"


@pytest.fixture
def damaged(diary: Path) -> Iterator[tuple[Path, int]]:
    """A diary of 300 cramps and 40 sessions with one cramp leaf page damaged; yields (path, rows on that page)."""
    _make_diary(diary)
    leaves = _table_leaf_pages(diary, "cramp_episodes")
    middle = leaves[len(leaves) // 2]
    with closing(sqlite3.connect(diary)) as connection:
        on_page = connection.execute("SELECT ncell FROM dbstat WHERE pageno = ?", (middle,)).fetchone()[0]
    _damage_page(diary, middle)
    return diary, int(on_page)


# --- check -------------------------------------------------------------------------------------


def test_a_healthy_diary_is_checked_without_a_byte_changing(diary: Path) -> None:
    _make_diary(diary, episodes=3, sessions=1)
    before = _fingerprint(diary.parent)
    health = check_diary(diary)
    assert health.state is DiaryState.HEALTHY
    assert not health.needs_repair
    assert health.message == ""
    assert _fingerprint(diary.parent) == before  # no -wal, no -shm, no header rewrite


def test_a_missing_diary_is_reported_as_missing(diary: Path) -> None:
    assert check_diary(diary).state is DiaryState.MISSING
    assert not diary.exists()


def test_a_damaged_diary_is_found_and_left_byte_for_byte(damaged: tuple[Path, int]) -> None:
    diary, _ = damaged
    before = _fingerprint(diary.parent)
    for _attempt in range(3):
        health = check_diary(diary)
        assert health.state is DiaryState.DAMAGED
        assert health.needs_repair
        assert health.problem is StorageProblem.CORRUPT
        assert str(diary) in health.message
        assert "diary repair" in health.message
        opened = open_diary(diary)
        assert opened.is_side_file
        assert opened.connection is not None
        opened.connection.close()
    after = _fingerprint(diary.parent)
    assert after[diary.name] == before[diary.name]
    assert set(after) - set(before) <= {side_file(diary).name, side_file(diary).name + "-wal"}


def test_a_diary_from_a_newer_version_is_unusable_not_damaged(diary: Path) -> None:
    _make_diary(diary, episodes=1, sessions=0)
    with closing(sqlite3.connect(diary)) as connection:
        connection.execute("PRAGMA user_version = 99")
    health = check_diary(diary)
    assert health.state is DiaryState.UNUSABLE
    assert not health.needs_repair
    opened = open_diary(diary)
    assert opened.store is None
    assert "newer version" in opened.health.message


# --- the side file -----------------------------------------------------------------------------


def test_entries_recorded_while_damaged_go_to_the_side_file_and_survive_the_repair(
    damaged: tuple[Path, int],
) -> None:
    diary, _ = damaged
    before = diary.read_bytes()
    opened = open_diary(diary)
    store = opened.store
    assert store is not None
    assert opened.connection is not None
    # What Cramp now and the player do, unchanged: they cannot tell the difference.
    episode = store.start_episode(T0 + timedelta(days=400))
    store.finish_episode(episode, duration_seconds=95.0, eased=True)
    session = store.start_session("bedtime", "Evening stretch", T0 + timedelta(days=401), phases_total=4)
    store.update_session_progress(session, 2, 60.0)
    assert diary.read_bytes() == before
    assert check_diary(diary).pending is None  # in use: cannot be counted, and must not be merged
    opened.connection.close()
    assert check_diary(diary).pending == 2

    report = repair_diary(diary)

    assert report.pending_merged == 2
    assert not side_file(diary).exists()
    with closing(open_database(diary)) as connection:
        repaired = DiaryStore(connection)
        assert repaired.episodes(since=T0 + timedelta(days=399))[0].duration_seconds == 95.0
        assert repaired.sessions(since=T0 + timedelta(days=399))[0].phases_done == 2


def test_a_side_file_in_use_is_never_merged_under_its_writer(diary: Path) -> None:
    _make_diary(diary, episodes=1, sessions=0)
    side = open_side_store(diary)  # as if the app still held it
    side.start_episode(T0 + timedelta(days=5))
    with closing(open_database(diary)) as connection:
        assert merge_side_file(DiaryStore(connection), diary) == 0
    assert side_file(diary).exists()
    side.connection.close()
    opened = open_diary(diary)  # the next healthy open takes them in
    assert opened.merged == 1
    assert not side_file(diary).exists()
    assert opened.store is not None
    assert len(opened.store.episodes()) == 2
    assert opened.connection is not None
    opened.connection.close()


# --- repair ------------------------------------------------------------------------------------


def test_repair_saves_every_readable_row_and_counts_the_lost_ones(damaged: tuple[Path, int]) -> None:
    diary, on_page = damaged
    original = diary.read_bytes()

    report = repair_diary(diary, now=T0)

    assert report.repaired
    assert report.damaged_copy == diary.with_name("diary-damaged-20260302T031000Z.sqlite3")
    assert report.damaged_copy.read_bytes() == original  # kept exactly as it was
    assert report.routines_saved == 40
    assert report.routines_lost == 0
    assert report.cramps_saved == 300 - on_page
    assert report.cramps_lost == on_page  # its index still lists them
    assert check_diary(diary).state is DiaryState.HEALTHY
    with closing(open_database(diary)) as connection:
        store = DiaryStore(connection)
        assert len(store.episodes()) == 300 - on_page
        notes = {episode.note.split()[1] for episode in store.episodes()}
    assert "0" in notes
    assert "299" in notes
    summary = report.summary()
    assert f"saved {300 - on_page} cramps and 40 routine sessions" in summary
    assert f"{on_page} cramps and 0 routine sessions could not be read" in summary
    assert str(report.damaged_copy) in summary


def test_repair_keeps_uids_so_an_old_export_still_imports_without_duplicates(damaged: tuple[Path, int]) -> None:
    diary, _ = damaged
    with closing(sqlite3.connect(f"{diary.as_uri()}?immutable=1", uri=True)) as connection:
        uids = {row[0] for row in connection.execute("SELECT uid FROM routine_sessions")}
    repair_diary(diary)
    with closing(sqlite3.connect(diary)) as connection:
        assert {row[0] for row in connection.execute("SELECT uid FROM routine_sessions")} == uids


def test_a_file_that_is_not_a_database_is_kept_and_replaced_by_an_empty_diary(diary: Path) -> None:
    diary.parent.mkdir(parents=True)
    junk = b"not a database at all" * 500
    diary.write_bytes(junk)
    assert check_diary(diary).state is DiaryState.DAMAGED

    report = repair_diary(diary)

    assert report.damaged_copy is not None
    assert report.damaged_copy.read_bytes() == junk
    assert (report.cramps_saved, report.routines_saved) == (0, 0)
    assert check_diary(diary).state is DiaryState.HEALTHY


def test_repairing_a_healthy_diary_changes_nothing(diary: Path) -> None:
    _make_diary(diary, episodes=2, sessions=1)
    report = repair_diary(diary)
    assert not report.repaired
    assert "healthy; nothing needed repairing" in report.summary()
    assert [path.name for path in diary.parent.iterdir()] == [diary.name]


def test_a_repair_that_cannot_write_leaves_the_damaged_diary_in_place(
    damaged: tuple[Path, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    diary, _ = damaged
    before = _fingerprint(diary.parent)

    def full_disk(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("cramp_coach.storage.diary_repair.shutil.copyfile", full_disk)
    with pytest.raises(Exception, match=r"full|No space"):
        repair_diary(diary)
    assert _fingerprint(diary.parent) == before  # no half-made diary, nothing renamed


_SIDE_WRITER = """
import os, signal, sys
from datetime import datetime, timezone
from pathlib import Path
from cramp_coach.storage.diary_side_file import open_side_store
store = open_side_store(Path(sys.argv[1]))
store.start_episode(datetime(2026, 3, 2, 3, 10, tzinfo=timezone.utc))
store.start_episode(datetime(2026, 3, 3, 4, 20, tzinfo=timezone.utc))
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_a_side_file_left_by_a_killed_app_is_merged_at_the_next_healthy_open(diary: Path) -> None:
    diary.parent.mkdir(parents=True)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    killed = subprocess.run([sys.executable, "-c", _SIDE_WRITER, str(diary)], env=env, check=False)
    assert killed.returncode == -signal.SIGKILL
    assert check_diary(diary).pending == 2  # readable from its WAL, although its writer died holding the lock

    opened = open_diary(diary)

    assert opened.merged == 2
    assert not side_file(diary).exists()
    assert opened.connection is not None
    opened.connection.close()


def test_repairing_without_a_diary_creates_none(diary: Path) -> None:
    report = repair_diary(diary)
    assert report.missing
    assert not report.repaired
    assert report.summary() == f"There is no diary yet at {diary}; nothing needed repairing."
    assert not diary.exists()
