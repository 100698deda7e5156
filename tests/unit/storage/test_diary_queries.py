"""The diary screen's queries: logging afterwards, editing, deleting with undo, paging, per-night tallies."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from cramp_coach.domain.diary import CrampEpisode, Leg, RoutineSession, SessionStatus, night_of
from cramp_coach.domain.insights import NightTally
from cramp_coach.domain.protocol import CrampLocation
from cramp_coach.storage.database import MIGRATIONS, open_database, open_memory_database
from cramp_coach.storage.diary_store import DiaryStore
from tests.unit.storage.conftest import count_rows

REPO = Path(__file__).resolve().parents[3]


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=timezone.utc)


def log(diary: DiaryStore, when: datetime, pain: int | None = None, **fields: object) -> int:
    values: dict[str, object] = {"leg": None, "location": None, "pain": pain, "duration_seconds": None, **fields}
    return diary.add_episode(when, **values)  # type: ignore[arg-type]


def routine(diary: DiaryStore, when: datetime, status: SessionStatus = SessionStatus.COMPLETED) -> int:
    session = diary.start_session("bedtime", "Bedtime stretch", when, phases_total=20)
    diary.finish_session(session, when + timedelta(minutes=4), status, 20, 240.0)
    return session


def uids(path: Path, table: str) -> list[str]:
    with closing(sqlite3.connect(path)) as connection:
        return [row[0] for row in connection.execute(f"SELECT uid FROM {table} ORDER BY id")]


# --- uids ----------------------------------------------------------------------------------------


def test_every_row_gets_a_uid_and_migrating_an_older_diary_gives_its_rows_one(diary_file: Path) -> None:
    with closing(open_database(diary_file, migrations=MIGRATIONS[:2])) as connection:  # a version-2 diary
        connection.execute("INSERT INTO cramp_episodes (started_at) VALUES ('2026-01-12T22:00:00.000000+00:00')")
        connection.execute("INSERT INTO cramp_episodes (started_at) VALUES ('2026-01-13T03:00:00.000000+00:00')")
    with closing(open_database(diary_file)) as connection:
        diary = DiaryStore(connection)
        log(diary, utc(2026, 1, 14, 3))
        routine(diary, utc(2026, 1, 14, 22))
    episode_uids = uids(diary_file, "cramp_episodes")
    assert len(episode_uids) == len(set(episode_uids)) == 3
    assert all(len(uid) == 32 and int(uid, 16) >= 0 for uid in episode_uids + uids(diary_file, "routine_sessions"))
    assert list(diary_file.parent.glob("diary.sqlite3.v2-*.bak"))  # backed up before migration 3


# --- logging afterwards and editing --------------------------------------------------------------


def test_a_cramp_logged_the_next_morning_is_logged_with_its_answers(diary: DiaryStore) -> None:
    episode_id = diary.add_episode(
        utc(2026, 1, 13, 3, 10),
        leg=Leg.LEFT,
        location=CrampLocation.CALF,
        pain=7,
        duration_seconds=180.0,
        note="woke me up",
    )
    assert diary.episode(episode_id) == CrampEpisode(
        id=episode_id,
        started_at=utc(2026, 1, 13, 3, 10),
        duration_seconds=180.0,
        leg=Leg.LEFT,
        location=CrampLocation.CALF,
        pain=7,
        note="woke me up",
        eased=None,
        logged=True,
    )


def test_editing_replaces_the_answers_and_keeps_what_the_flow_measured(diary: DiaryStore) -> None:
    episode_id = diary.start_episode(utc(2026, 1, 13, 3, 10))
    diary.finish_episode(episode_id, duration_seconds=95.0, eased=True)
    diary.update_episode(
        episode_id,
        started_at=utc(2026, 1, 13, 2, 50),
        leg=Leg.BOTH,
        location=CrampLocation.FOOT,
        pain=4,
        duration_seconds=120.0,
        note="toes curled",
    )
    edited = diary.episode(episode_id)
    assert (edited.started_at, edited.leg, edited.location, edited.pain) == (
        utc(2026, 1, 13, 2, 50),
        Leg.BOTH,
        CrampLocation.FOOT,
        4,
    )
    assert (edited.duration_seconds, edited.note, edited.eased, edited.logged) == (120.0, "toes curled", True, True)


def test_editing_refuses_bugs(diary: DiaryStore) -> None:
    episode_id = log(diary, utc(2026, 1, 13, 3))
    fields: dict[str, object] = {"leg": None, "location": None, "duration_seconds": None}
    with pytest.raises(ValueError, match="pain"):
        diary.update_episode(episode_id, started_at=utc(2026, 1, 13, 3), pain=11, **fields)  # type: ignore[arg-type]
    with pytest.raises(LookupError):
        diary.update_episode(999, started_at=utc(2026, 1, 13, 3), pain=1, **fields)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="naive"):
        log(diary, datetime(2026, 1, 13, 3))


# --- deleting, with an undo ----------------------------------------------------------------------


def test_a_deleted_episode_comes_back_as_it_was(diary: DiaryStore, diary_file: Path) -> None:
    first = log(diary, utc(2026, 1, 12, 3), pain=3, note="first")
    second = log(diary, utc(2026, 1, 13, 3), pain=8, note="second")
    before = diary.episode(first)
    uid = uids(diary_file, "cramp_episodes")[0]

    deleted = diary.delete_episode(first)
    assert deleted.entry == before
    assert [episode.id for episode in diary.episodes()] == [second]

    assert diary.restore(deleted) == first
    assert diary.episode(first) == before
    assert uids(diary_file, "cramp_episodes")[0] == uid
    with pytest.raises(LookupError):
        diary.delete_episode(12345)


def test_a_restored_row_whose_id_was_taken_meanwhile_gets_a_new_one(diary: DiaryStore) -> None:
    newest = log(diary, utc(2026, 1, 13, 3))
    deleted = diary.delete_episode(newest)
    reused = log(diary, utc(2026, 1, 14, 3))  # SQLite reuses the highest free rowid
    assert reused == newest
    restored = diary.restore(deleted)
    assert restored != reused
    assert diary.episode(restored).started_at == utc(2026, 1, 13, 3)


def test_a_deleted_session_comes_back_too(diary: DiaryStore) -> None:
    session = routine(diary, utc(2026, 1, 12, 22), SessionStatus.STOPPED)
    before = diary.session(session)
    deleted = diary.delete_session(session)
    assert diary.sessions() == []
    diary.restore(deleted)
    assert diary.session(session) == before


# --- the list: episodes and sessions together, newest first ----------------------------------------


def test_entries_interleave_episodes_and_sessions_newest_first_in_pages(diary: DiaryStore) -> None:
    ids = [
        ("s", routine(diary, utc(2026, 1, 12, 22))),
        ("e", log(diary, utc(2026, 1, 13, 3))),
        ("s", routine(diary, utc(2026, 1, 13, 22))),
        ("e", log(diary, utc(2026, 1, 14, 2))),
        ("e", log(diary, utc(2026, 1, 14, 4))),
    ]
    expected = list(reversed(ids))
    assert diary.entry_count() == 5

    def keys(entries: list[CrampEpisode | RoutineSession]) -> list[tuple[str, int | None]]:
        return [("e" if isinstance(entry, CrampEpisode) else "s", entry.id) for entry in entries]

    pages = [keys(diary.entries(2, offset)) for offset in (0, 2, 4, 6)]
    assert pages == [expected[0:2], expected[2:4], expected[4:5], []]
    with pytest.raises(ValueError, match="negative"):
        diary.entries(-1)


# --- per-night tallies ---------------------------------------------------------------------------


@pytest.mark.usefixtures("london")
def test_night_tallies_by_hand_across_the_spring_clock_change(diary: DiaryStore) -> None:
    # Saturday 28 March 2026: the clocks go forward at 01:00 UTC on Sunday.
    routine(diary, utc(2026, 3, 28, 21, 30))  # 21:30 GMT Saturday
    log(diary, utc(2026, 3, 29, 0, 30), pain=6)  # 00:30 GMT, Saturday's night
    log(diary, utc(2026, 3, 29, 2, 0), pain=8)  # 03:00 BST, Saturday's night
    log(diary, utc(2026, 3, 29, 10, 59))  # 11:59 BST: still Saturday's night, no pain score
    log(diary, utc(2026, 3, 29, 11, 0), pain=2)  # 12:00 BST: Sunday's night begins
    routine(diary, utc(2026, 3, 29, 21, 0), SessionStatus.STOPPED)  # Sunday: stopped early only
    routine(diary, utc(2026, 3, 31, 21, 0))  # Tuesday

    saturday, sunday, tuesday = date(2026, 3, 28), date(2026, 3, 29), date(2026, 3, 31)
    assert diary.night_tallies() == [
        NightTally(saturday, cramps=3, rated=2, pain_sum=14, pain_max=8, routines=1, sessions=1),
        NightTally(sunday, cramps=1, rated=1, pain_sum=2, pain_max=2, routines=0, sessions=1),
        NightTally(tuesday, routines=1, sessions=1),
    ]
    assert [tally.night for tally in diary.night_tallies(sunday, sunday)] == [sunday]
    assert [tally.night for tally in diary.night_tallies(date(2026, 3, 30))] == [tuesday]
    assert [tally.night for tally in diary.night_tallies(None, saturday)] == [saturday]


@pytest.mark.usefixtures("london")
def test_sql_nights_agree_with_the_domain_rule_at_every_hour_of_two_years() -> None:
    connection = open_memory_database()
    diary = DiaryStore(connection)
    rng = random.Random(5)
    moments = [utc(2026, 1, 1) + timedelta(minutes=rng.randrange(0, 2 * 365 * 24 * 60)) for _ in range(600)]
    moments += [utc(2026, 10, 25, 0, 59), utc(2026, 10, 25, 1, 0), utc(2026, 10, 25, 11, 59), utc(2026, 10, 25, 12)]
    for moment in moments:
        diary.start_episode(moment)
    expected: dict[date, int] = {}
    for moment in moments:
        expected[night_of(moment)] = expected.get(night_of(moment), 0) + 1
    assert {tally.night: tally.cramps for tally in diary.night_tallies()} == expected
    connection.close()


# --- importing is all or nothing ------------------------------------------------------------------


def test_import_skips_rows_the_diary_holds_by_uid_or_by_time(diary: DiaryStore) -> None:
    original = log(diary, utc(2026, 1, 13, 3), pain=5)
    [(uid, entry)] = list(diary.export_entries())
    twin = CrampEpisode(None, utc(2026, 1, 14, 3), None, None, None, None, "", None, True)
    result = diary.import_entries([(uid, entry), (None, twin), (None, twin)])
    assert (result.episodes_added, result.sessions_added, result.already_there) == (2, 0, 1)
    # The same rows again: the two uid-less twins now match the two in the diary.
    again = diary.import_entries([(None, twin), (None, twin), (uid, entry)])
    assert (again.episodes_added, again.already_there) == (0, 3)
    assert diary.episode(original).pain == 5


def test_a_failure_half_way_through_an_import_changes_nothing(
    diary: DiaryStore, diary_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [(None, CrampEpisode(None, utc(2026, 1, day, 3), None, None, None, None, "", None, True)) for day in (1, 2)]
    calls = []

    def insert_then_fail(uid: str, episode: CrampEpisode) -> None:
        calls.append(uid)
        if len(calls) == 2:
            raise sqlite3.OperationalError("database or disk is full")
        DiaryStore._insert_episode(diary, uid, episode)

    monkeypatch.setattr(diary, "_insert_episode", insert_then_fail)
    with pytest.raises(Exception, match="full"):
        diary.import_entries(rows)
    assert count_rows(diary_file) == (0, 0)


_IMPORTER = """
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from cramp_coach.domain.diary import CrampEpisode
from cramp_coach.storage.database import open_database
from cramp_coach.storage.diary_rows import new_uid
from cramp_coach.storage.diary_store import DiaryStore

store = DiaryStore(open_database(Path(sys.argv[1])))
start = datetime(2026, 1, 1, tzinfo=timezone.utc)
batch = 0
while True:
    rows = []
    for n in range(500):
        when = start + timedelta(minutes=batch * 500 + n)
        rows.append((new_uid(), CrampEpisode(None, when, 30.0, None, None, 3, "x" * 200, None, True)))
    store.import_entries(rows)
    batch += 1
    print("imported", batch, flush=True)
"""


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_kill_9_during_imports_leaves_only_whole_imports(diary_file: Path) -> None:
    open_database(diary_file).close()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    with subprocess.Popen(
        [sys.executable, "-c", _IMPORTER, str(diary_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as importer:
        assert importer.stdout is not None
        assert importer.stderr is not None
        committed = 0
        for line in importer.stdout:  # each line is printed only after its transaction committed
            committed = int(line.split()[1])
            if committed >= 4:
                break
        else:
            pytest.fail(f"the importer stopped early: {importer.stderr.read()}")
        importer.send_signal(signal.SIGKILL)  # most likely in the middle of the next import
        assert importer.wait() == -signal.SIGKILL

    with closing(open_database(diary_file)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        episodes, _ = count_rows(diary_file)
    assert episodes >= committed * 500
    assert episodes % 500 == 0  # never part of an import
