"""Opening the diary: creation, permissions, migrations and backups, refusals, failures, durability."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

import pytest

from cramp_coach.paths import resolve_data_dir
from cramp_coach.storage import database
from cramp_coach.storage.database import (
    MIGRATIONS,
    StorageError,
    StorageProblem,
    classify,
    open_database,
    translate_errors,
)
from cramp_coach.storage.diary_store import DiaryStore

REPO = Path(__file__).resolve().parents[3]
POSIX_ONLY = pytest.mark.skipif(os.name == "nt", reason="POSIX file modes and signals")
T0 = datetime(2024, 1, 15, 22, 30, tzinfo=timezone.utc)


@pytest.fixture
def diary_path() -> Path:
    return resolve_data_dir().diary  # inside the per-test data folder from tests/conftest.py


def _raw(path: Path) -> sqlite3.Connection:
    """A plain connection that bypasses open_database, for setting up and inspecting files."""
    return sqlite3.connect(path, isolation_level=None)


def _scalar(connection: sqlite3.Connection, sql: str) -> object:
    return connection.execute(sql).fetchone()[0]


def _tables(connection: sqlite3.Connection) -> set[str]:
    return {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _backups(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.v*.bak"))


def _make_v1_diary(path: Path, sessions: int) -> None:
    # Raw SQL: today's DiaryStore writes today's schema, which a version-1 diary lacks.
    with closing(open_database(path, migrations=MIGRATIONS[:1])) as connection:
        started = T0.isoformat(timespec="microseconds")
        for number in range(sessions):
            connection.execute(
                "INSERT INTO routine_sessions (routine_id, routine_title, started_at, last_seen_at, status,"
                " phases_done, phases_total, seconds_done) VALUES (?, ?, ?, ?, 'in_progress', 0, 5, 0)",
                (f"routine-{number}", f"Routine {number}", started, started),
            )


# --- a new diary ---------------------------------------------------------------------------


def test_a_new_diary_is_at_the_latest_version_in_wal_mode(diary_path: Path) -> None:
    with closing(open_database(diary_path)) as connection:
        assert _scalar(connection, "PRAGMA user_version") == len(MIGRATIONS)
        assert _scalar(connection, "PRAGMA journal_mode") == "wal"
        assert _scalar(connection, "PRAGMA synchronous") == 1  # NORMAL
        assert _scalar(connection, "PRAGMA foreign_keys") == 1
        assert _scalar(connection, "PRAGMA busy_timeout") == 5000
        assert {"routine_sessions", "cramp_episodes"} <= _tables(connection)
    assert _backups(diary_path) == []  # nothing to back up


@POSIX_ONLY
def test_a_new_diary_and_its_folder_are_private_to_the_user(tmp_path: Path) -> None:
    path = tmp_path / "made" / "for-me" / "diary.sqlite3"
    umask_before = os.umask(0o022)
    try:
        with closing(open_database(path)):
            files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
            assert {stat.S_IMODE(file.stat().st_mode) for file in files} == {0o600}
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700
    finally:
        assert os.umask(umask_before) == 0o022  # open_database put the process umask back


# --- migrations and backups ------------------------------------------------------------------


def test_migrating_backs_the_old_diary_up_and_keeps_its_rows(diary_path: Path) -> None:
    _make_v1_diary(diary_path, sessions=3)

    with closing(open_database(diary_path)) as connection:
        assert _scalar(connection, "PRAGMA user_version") == len(MIGRATIONS)
        assert "cramp_episodes" in _tables(connection)
        assert [session.routine_id for session in DiaryStore(connection).sessions()] == [
            "routine-2",
            "routine-1",
            "routine-0",
        ]

    [backup] = _backups(diary_path)
    assert backup.name.startswith("diary.sqlite3.v1-")
    with closing(_raw(backup)) as copy:
        assert _scalar(copy, "PRAGMA user_version") == 1
        assert _scalar(copy, "SELECT count(*) FROM routine_sessions") == 3
        assert "cramp_episodes" not in _tables(copy)
        assert _scalar(copy, "PRAGMA integrity_check") == "ok"
    if os.name != "nt":
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_the_backup_exists_before_any_migration_runs(diary_path: Path) -> None:
    _make_v1_diary(diary_path, sessions=1)
    seen_by_migration: list[list[Path]] = []

    def migration_2(connection: sqlite3.Connection) -> None:
        seen_by_migration.append(_backups(diary_path))
        MIGRATIONS[1](connection)

    with closing(open_database(diary_path, migrations=(MIGRATIONS[0], migration_2))):
        pass
    assert seen_by_migration == [_backups(diary_path)]
    assert len(seen_by_migration[0]) == 1


def test_each_migration_commits_alone_and_a_failing_one_changes_nothing(diary_path: Path) -> None:
    def broken_next_migration(connection: sqlite3.Connection) -> None:
        connection.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("bug in the next migration")

    # A bug in a migration is ours, not the environment's: it propagates unchanged.
    with pytest.raises(RuntimeError, match="bug in the next migration"):
        open_database(diary_path, migrations=(*MIGRATIONS, broken_next_migration))

    with closing(_raw(diary_path)) as connection:
        assert _scalar(connection, "PRAGMA user_version") == len(MIGRATIONS)  # the real ones were kept
        assert "half_done" not in _tables(connection)  # the broken one was rolled back whole


def test_a_diary_already_at_the_latest_version_is_not_backed_up_again(diary_path: Path) -> None:
    _make_v1_diary(diary_path, sessions=1)
    for _ in range(2):
        with closing(open_database(diary_path)):
            pass
    assert len(_backups(diary_path)) == 1


# --- files it refuses, untouched -------------------------------------------------------------


def _listing(folder: Path) -> dict[str, bytes]:
    return {file.name: file.read_bytes() for file in folder.iterdir()}


@pytest.mark.parametrize("future_version", [len(MIGRATIONS) + 1, 99])
def test_a_diary_from_a_newer_cramp_coach_is_refused_untouched(diary_path: Path, future_version: int) -> None:
    with closing(open_database(diary_path)) as connection:
        DiaryStore(connection).start_episode(T0)
        connection.execute(f"PRAGMA user_version = {future_version}")
    before = _listing(diary_path.parent)
    assert list(before) == ["diary.sqlite3"]  # closing checkpointed the WAL into the file

    with pytest.raises(StorageError, match="newer version of cramp-coach") as caught:
        open_database(diary_path)

    assert caught.value.problem is StorageProblem.NEWER_VERSION
    assert str(diary_path) in str(caught.value)
    assert _listing(diary_path.parent) == before  # same files, same bytes: no backup, no WAL switch


def test_an_older_cramp_coach_refuses_a_migrated_diary(diary_path: Path) -> None:
    with closing(open_database(diary_path)):
        pass
    with pytest.raises(StorageError) as caught:
        open_database(diary_path, migrations=MIGRATIONS[:1])
    assert caught.value.problem is StorageProblem.NEWER_VERSION
    assert f"diary format {len(MIGRATIONS)}; this version reads up to 1" in str(caught.value)


def test_a_corrupt_file_is_refused_untouched_and_named(diary_path: Path) -> None:
    diary_path.parent.mkdir(parents=True, exist_ok=True)
    junk = random.Random(1).randbytes(3 * 4096)
    diary_path.write_bytes(junk)

    with pytest.raises(StorageError) as caught:
        open_database(diary_path)

    assert caught.value.problem is StorageProblem.CORRUPT
    assert str(diary_path) in str(caught.value)
    assert "file is not a database" in str(caught.value)
    assert isinstance(caught.value.__cause__, sqlite3.DatabaseError)
    assert _listing(diary_path.parent) == {"diary.sqlite3": junk}


def test_a_damaged_table_is_reported_as_corrupt_when_read(diary_path: Path) -> None:
    with closing(open_database(diary_path)) as connection:
        store = DiaryStore(connection)
        for minute in range(50):
            store.start_episode(T0.replace(minute=minute))
        root_page = _scalar(connection, "SELECT rootpage FROM sqlite_master WHERE name = 'cramp_episodes'")
        page_size = _scalar(connection, "PRAGMA page_size")
    assert isinstance(root_page, int)
    assert isinstance(page_size, int)
    with diary_path.open("r+b") as file:  # overwrite the table's root page: an invalid page type
        file.seek((root_page - 1) * page_size)
        file.write(b"\xff" * page_size)

    before = _listing(diary_path.parent)

    with pytest.raises(StorageError) as caught:
        open_database(diary_path)  # found by the integrity check, before any write
    assert caught.value.problem is StorageProblem.CORRUPT
    assert str(diary_path) in str(caught.value)
    assert "diary repair" in str(caught.value)
    assert _listing(diary_path.parent) == before  # same files, same bytes: header included


def test_a_damaged_index_is_found_before_anything_is_written(diary_path: Path) -> None:
    # The damage that made every open rewrite header bytes 28 and 96: the old open wrote
    # (WAL switch, version rewrite) before anything read the damaged page.
    with closing(open_database(diary_path)) as connection:
        store = DiaryStore(connection)
        for minute in range(50):
            store.start_episode(T0.replace(minute=minute))
        root_page = _scalar(connection, "SELECT rootpage FROM sqlite_master WHERE name = 'cramp_episodes_by_start'")
        page_size = _scalar(connection, "PRAGMA page_size")
    assert isinstance(root_page, int)
    assert isinstance(page_size, int)
    with diary_path.open("r+b") as file:
        file.seek((root_page - 1) * page_size + 8)
        file.write(b"\x00" * (page_size - 8))  # cell pointers now point nowhere
    before = _listing(diary_path.parent)

    for _attempt in range(3):
        with pytest.raises(StorageError) as caught:
            open_database(diary_path)
        assert caught.value.problem is StorageProblem.CORRUPT
        assert "integrity check" in str(caught.value)
    assert _listing(diary_path.parent) == before


def test_a_database_that_is_not_a_diary_is_refused_untouched(diary_path: Path) -> None:
    diary_path.parent.mkdir(parents=True, exist_ok=True)
    with closing(_raw(diary_path)) as other:
        other.execute("CREATE TABLE recipes (name TEXT)")
    before = _listing(diary_path.parent)

    with pytest.raises(StorageError) as caught:
        open_database(diary_path)

    assert caught.value.problem is StorageProblem.NOT_A_DIARY
    assert _listing(diary_path.parent) == before


# --- the environment: read-only, locked, full ------------------------------------------------


def test_a_diary_sqlite_opens_read_only_is_reported(diary_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The portable half of the read-only test (root ignores file modes; see the next test):
    # SQLite itself opens the file read-only, exactly as it does when the OS refuses write
    # access, and refuses the first write with SQLITE_READONLY.
    with closing(open_database(diary_path)):
        pass

    def connect_read_only(path: Path, busy_timeout: float) -> sqlite3.Connection:
        return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=busy_timeout, isolation_level=None)

    monkeypatch.setattr(database, "_connect", connect_read_only)
    with pytest.raises(StorageError, match="read-only") as caught:
        open_database(diary_path)
    assert caught.value.problem is StorageProblem.READ_ONLY
    assert str(diary_path) in str(caught.value)


_READ_ONLY_PROBE = """
import os, sys
from pathlib import Path
from cramp_coach.storage.database import StorageError, open_database

def writable(path):
    try:
        if path.is_dir():
            os.close(os.open(path / "write-probe", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            os.unlink(path / "write-probe")
        else:
            open(path, "r+b").close()
    except PermissionError:
        return False
    return True

path = Path(sys.argv[1])
if writable(path) and writable(path.parent):
    print("STILL-WRITABLE")
    sys.exit(0)
try:
    open_database(path).close()
except StorageError as error:
    print(error.problem.value)
    print(error)
else:
    print("OPENED")
"""


def _open_without_write_permission(path: Path) -> list[str]:
    """Run open_database in a process that file permissions really restrict; return its output lines.

    As an ordinary user that is any process. As root (CI containers), file modes do not
    apply, so the probe runs as root *without* CAP_DAC_OVERRIDE via util-linux's setpriv.
    """
    command = [sys.executable, "-c", _READ_ONLY_PROBE, str(path)]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root, and setpriv (to drop CAP_DAC_OVERRIDE) is not installed")
        command = [setpriv, "--bounding-set=-dac_override,-dac_read_search", *command]
    result = subprocess.run(command, capture_output=True, text=True, cwd=REPO, env=_env_with_repo(), timeout=60)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    if lines == ["STILL-WRITABLE"]:
        pytest.skip("could not drop the privilege to write read-only files here")
    return lines


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    # tmp_path sits under a root-only folder, which a process without CAP_DAC_READ_SEARCH
    # could not even enter; this one is world-traversable (and removed afterwards).
    with tempfile.TemporaryDirectory(prefix="cramp-coach-ro-") as name:
        folder = Path(name)
        folder.chmod(0o755)
        yield folder
        for path in folder.rglob("*"):
            if path.is_dir():
                path.chmod(0o755)


@POSIX_ONLY
def test_a_read_only_diary_file_is_reported(shared_tmp: Path) -> None:
    path = shared_tmp / "data" / "diary.sqlite3"
    with closing(open_database(path)):
        pass
    path.chmod(0o444)

    problem, message = _open_without_write_permission(path)

    assert problem == StorageProblem.READ_ONLY.value
    assert str(path) in message


@POSIX_ONLY
def test_a_diary_in_a_read_only_folder_is_reported(shared_tmp: Path) -> None:
    path = shared_tmp / "data" / "diary.sqlite3"
    with closing(open_database(path)):
        pass
    path.parent.chmod(0o555)  # the file is writable, but SQLite cannot create diary.sqlite3-wal

    problem, message = _open_without_write_permission(path)

    assert problem == StorageProblem.READ_ONLY.value
    assert str(path) in message


def test_a_diary_locked_by_another_writer_is_reported(diary_path: Path) -> None:
    with closing(open_database(diary_path)), closing(_raw(diary_path)) as other_process:
        other_process.execute("BEGIN IMMEDIATE")  # holds the write lock
        with pytest.raises(StorageError, match="locked") as caught:
            open_database(diary_path, busy_timeout=0)
        other_process.rollback()
    assert caught.value.problem is StorageProblem.LOCKED


def test_environment_errors_are_classified_by_code_or_by_message() -> None:
    # Python 3.10 has no sqlite_errorcode; SQLite's fixed messages classify the error there.
    assert classify(sqlite3.OperationalError("database is locked")) is StorageProblem.LOCKED
    assert classify(sqlite3.OperationalError("database or disk is full")) is StorageProblem.FULL
    assert classify(sqlite3.OperationalError("attempt to write a readonly database")) is StorageProblem.READ_ONLY
    assert classify(sqlite3.DatabaseError("file is not a database")) is StorageProblem.CORRUPT
    assert classify(sqlite3.OperationalError("no such table: diary")) is None
    assert classify(sqlite3.IntegrityError("CHECK constraint failed: pain")) is None


def test_bugs_are_not_disguised_as_storage_errors() -> None:
    with (
        closing(sqlite3.connect(":memory:")) as connection,
        pytest.raises(sqlite3.OperationalError),
        translate_errors(None),
    ):
        connection.execute("SELECT * FROM no_such_table")


# --- durability: kill -9 -------------------------------------------------------------------

_WRITER = """
import sys
from datetime import datetime, timezone
from pathlib import Path
from cramp_coach.storage.database import open_database
from cramp_coach.storage.diary_store import DiaryStore

store = DiaryStore(open_database(Path(sys.argv[1])))
session = store.start_session("calf-stretch", "Calf stretch", datetime.now(timezone.utc), phases_total=1000000)
print("session", session, flush=True)
n = 0
while True:
    store.start_episode(datetime.now(timezone.utc))
    n += 1
    store.update_session_progress(session, phases_done=n, seconds_done=n)
    print("committed", n, flush=True)
"""


def _env_with_repo() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


@POSIX_ONLY
def test_commits_survive_kill_9(diary_path: Path) -> None:
    wanted = 20
    with subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(diary_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=_env_with_repo(),
    ) as writer:
        assert writer.stdout is not None
        assert writer.stderr is not None
        committed = 0
        session_id = None
        # Each line is printed only after its commit returned: reading them is the synchronisation.
        for line in writer.stdout:
            word, number = line.split()
            if word == "session":
                session_id = int(number)
            else:
                committed = int(number)
                if committed >= wanted:
                    break
        else:
            pytest.fail(f"the writer stopped early: {writer.stderr.read()}")
        writer.send_signal(signal.SIGKILL)
        assert writer.wait() == -signal.SIGKILL

    assert session_id is not None
    with closing(open_database(diary_path)) as connection:
        assert _scalar(connection, "PRAGMA integrity_check") == "ok"
        store = DiaryStore(connection)
        assert len(store.episodes()) >= committed
        session = store.session(session_id)
        assert session.phases_done >= committed
        assert store.close_interrupted_sessions(datetime.now(timezone.utc)) == 1
        assert store.session(session_id).status.value == "interrupted"
