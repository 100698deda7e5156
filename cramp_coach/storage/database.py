"""The diary database file: opening it safely, versioning it, and explaining failures.

:func:`open_database` is the only way the app opens the diary. It

- creates the data folder (0700) and the file (0600) with user-only permissions;
- checks an existing file before writing anything to it (:func:`check_file`: opened
  read-only, ``PRAGMA integrity_check``), and refuses a damaged file, one written by a
  newer cramp-coach, or one that is not a diary, without changing a byte of it;
- copies an existing diary to ``diary.sqlite3.v<old>-<UTC timestamp>.bak`` (with
  SQLite's online backup API) before migrating it;
- runs the missing :data:`MIGRATIONS` in order, each in its own transaction together
  with its ``PRAGMA user_version`` bump, so a failure leaves the previous version intact;
- switches to WAL with ``synchronous=NORMAL``: a committed transaction survives the
  process being killed (only a power cut can lose the last few), and writes stay cheap
  enough to record progress after every phase.

Failures caused by the user's environment (corrupt, read-only, locked or full
database, missing folder) become a :class:`StorageError` whose message names the file
and says what to do. Anything else (a constraint violation, SQL that does not parse)
is a bug in cramp-coach and propagates unchanged to the crash handler.

Connections are opened with ``isolation_level=None``: nothing starts a transaction
behind our back, and every write goes through :func:`transaction`.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path

from cramp_coach.domain.errors import CrampCoachError

Migration = Callable[[sqlite3.Connection], None]

DEFAULT_BUSY_TIMEOUT = 5.0  # seconds to wait for another writer before reporting "locked"
FILE_MODE = 0o600
FOLDER_MODE = 0o700

# Primary result codes from sqlite3.h (a stable C API). Python 3.11 exposes them as
# sqlite3.SQLITE_* and on exceptions as ``sqlite_errorcode``; 3.10 has neither, so
# :func:`classify` falls back to SQLite's fixed English messages there.
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26


class StorageProblem(Enum):
    """What is wrong with the diary file, so the UI can offer the right way out."""

    CORRUPT = "corrupt"
    READ_ONLY = "read_only"
    LOCKED = "locked"
    FULL = "full"
    UNAVAILABLE = "unavailable"
    NEWER_VERSION = "newer_version"
    NOT_A_DIARY = "not_a_diary"


_ADVICE = {
    StorageProblem.CORRUPT: (
        "The diary {file} is damaged ({detail}); cramp-coach has not changed it and writes nothing to it. "
        "Repair it (the diary screen's Repair, or `cramp-coach diary repair`): every entry that can still "
        "be read is saved into a new diary and the damaged file is kept beside it."
    ),
    StorageProblem.READ_ONLY: (
        "The diary {file} is read-only, so nothing can be saved ({detail}). "
        "Check the permissions of the file and of its folder."
    ),
    StorageProblem.LOCKED: (
        "The diary {file} is locked by another program ({detail}). "
        "If cramp-coach is already running, use that window; otherwise try again in a moment."
    ),
    StorageProblem.FULL: (
        "The disk holding the diary {file} is full ({detail}). "
        "Free some space and try again; entries saved earlier are safe."
    ),
    StorageProblem.UNAVAILABLE: (
        "The diary {file} could not be opened or written ({detail}). "
        "Check that its folder exists, is writable, and is on a working disk."
    ),
    StorageProblem.NEWER_VERSION: (
        "The diary {file} was written by a newer version of cramp-coach ({detail}). "
        "Update cramp-coach to use it; the file has not been changed."
    ),
    StorageProblem.NOT_A_DIARY: (
        "The file {file} is not a cramp-coach diary ({detail}). "
        "cramp-coach has not changed it; move it aside or choose another data folder."
    ),
}


class StorageError(CrampCoachError):
    """The diary cannot be read or written because of the user's environment.

    ``str(error)`` is a complete message for the user, naming the file.

    Attributes:
        problem: the kind of failure (see :class:`StorageProblem`).
        path: the diary file, when known.
        detail: the underlying error (SQLite's or the operating system's message).
    """

    def __init__(self, problem: StorageProblem, path: Path | None, detail: str) -> None:
        self.problem = problem
        self.path = path
        self.detail = detail
        super().__init__(_ADVICE[problem].format(file=path if path is not None else "(in memory)", detail=detail))


_PROBLEM_BY_CODE = {
    _SQLITE_PERM: StorageProblem.READ_ONLY,
    _SQLITE_READONLY: StorageProblem.READ_ONLY,
    _SQLITE_BUSY: StorageProblem.LOCKED,
    _SQLITE_LOCKED: StorageProblem.LOCKED,
    _SQLITE_IOERR: StorageProblem.UNAVAILABLE,
    _SQLITE_CANTOPEN: StorageProblem.UNAVAILABLE,
    _SQLITE_CORRUPT: StorageProblem.CORRUPT,
    _SQLITE_NOTADB: StorageProblem.CORRUPT,
    _SQLITE_FULL: StorageProblem.FULL,
}

_PROBLEM_BY_MESSAGE = (
    ("readonly database", StorageProblem.READ_ONLY),
    ("access permission denied", StorageProblem.READ_ONLY),
    ("database is locked", StorageProblem.LOCKED),
    ("database table is locked", StorageProblem.LOCKED),
    ("disk i/o error", StorageProblem.UNAVAILABLE),
    ("unable to open database file", StorageProblem.UNAVAILABLE),
    ("database disk image is malformed", StorageProblem.CORRUPT),
    ("file is not a database", StorageProblem.CORRUPT),
    ("database or disk is full", StorageProblem.FULL),
)


def classify(error: sqlite3.Error) -> StorageProblem | None:
    """The environment problem behind ``error``, or ``None`` if it is a bug in our code."""
    code = getattr(error, "sqlite_errorcode", None)  # Python 3.11+
    if isinstance(code, int):
        return _PROBLEM_BY_CODE.get(code & 0xFF)  # extended codes keep the primary code in the low byte
    message = str(error).lower()
    return next((problem for fragment, problem in _PROBLEM_BY_MESSAGE if fragment in message), None)


@contextmanager
def translate_errors(path: Path | None) -> Iterator[None]:
    """Turn SQLite errors caused by the environment into :class:`StorageError`; re-raise the rest."""
    try:
        yield
    except sqlite3.Error as error:
        problem = classify(error)
        if problem is None:
            raise
        raise StorageError(problem, path, str(error)) from error


@contextmanager
def translate_os_errors(path: Path) -> Iterator[None]:
    try:
        yield
    except OSError as error:
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            problem = StorageProblem.READ_ONLY
        elif error.errno == errno.ENOSPC:
            problem = StorageProblem.FULL
        else:
            problem = StorageProblem.UNAVAILABLE
        raise StorageError(problem, path, error.strerror or str(error)) from error


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """Run the block in one write transaction: committed if it returns, rolled back if it raises.

    ``BEGIN IMMEDIATE`` takes the write lock up front, so a busy database is reported
    when the transaction starts rather than half-way through it.
    """
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
        connection.commit()
    except BaseException:
        if connection.in_transaction:
            connection.rollback()
        raise


def database_file(connection: sqlite3.Connection) -> Path | None:
    """The file behind ``connection``'s main database; ``None`` for an in-memory one."""
    for _seq, name, file in connection.execute("PRAGMA database_list"):
        if name == "main":
            return Path(file) if file else None
    return None


# --- migrations -------------------------------------------------------------------------
# Each migration is a frozen snapshot: once released it never changes, and it spells out
# its values literally rather than reading today's enums. New schema = a new function
# appended to MIGRATIONS. Use connection.execute (never executescript, which commits).


def _create_routine_sessions(connection: sqlite3.Connection) -> None:
    connection.execute(
        """
        CREATE TABLE routine_sessions (
            id            INTEGER PRIMARY KEY,
            routine_id    TEXT    NOT NULL CHECK (routine_id <> ''),
            routine_title TEXT    NOT NULL,
            started_at    TEXT    NOT NULL,
            ended_at      TEXT,
            last_seen_at  TEXT    NOT NULL,
            status        TEXT    NOT NULL
                CHECK (status IN ('in_progress', 'completed', 'stopped', 'interrupted')),
            phases_done   INTEGER NOT NULL CHECK (phases_done >= 0),
            phases_total  INTEGER NOT NULL CHECK (phases_total >= 0),
            seconds_done  REAL    NOT NULL CHECK (seconds_done >= 0),
            CHECK ((status = 'in_progress') = (ended_at IS NULL))
        )
        """
    )
    connection.execute("CREATE INDEX routine_sessions_by_start ON routine_sessions (started_at)")


def _create_cramp_episodes(connection: sqlite3.Connection) -> None:
    connection.execute(
        """
        CREATE TABLE cramp_episodes (
            id               INTEGER PRIMARY KEY,
            started_at       TEXT    NOT NULL,
            duration_seconds REAL    CHECK (duration_seconds >= 0),
            leg              TEXT    CHECK (leg IN ('left', 'right', 'both')),
            location         TEXT    CHECK (location IN ('calf', 'foot', 'front_thigh', 'back_thigh')),
            pain             INTEGER CHECK (pain BETWEEN 0 AND 10),
            note             TEXT    NOT NULL DEFAULT '',
            eased            INTEGER CHECK (eased IN (0, 1)),
            logged           INTEGER NOT NULL DEFAULT 0 CHECK (logged IN (0, 1))
        )
        """
    )
    connection.execute("CREATE INDEX cramp_episodes_by_start ON cramp_episodes (started_at)")


def _add_entry_uids(connection: sqlite3.Connection) -> None:
    # A stable, random id per row that survives export and import: re-importing a diary's
    # own CSV (on a new computer, or twice) recognises rows it already holds by it.
    # ALTER TABLE cannot add a column with a non-constant default, so existing rows get
    # theirs here and the store sets it on every insert.
    connection.execute("ALTER TABLE routine_sessions ADD COLUMN uid TEXT")
    connection.execute("UPDATE routine_sessions SET uid = lower(hex(randomblob(16)))")
    connection.execute("CREATE UNIQUE INDEX routine_sessions_by_uid ON routine_sessions (uid)")
    connection.execute("ALTER TABLE cramp_episodes ADD COLUMN uid TEXT")
    connection.execute("UPDATE cramp_episodes SET uid = lower(hex(randomblob(16)))")
    connection.execute("CREATE UNIQUE INDEX cramp_episodes_by_uid ON cramp_episodes (uid)")


MIGRATIONS: tuple[Migration, ...] = (
    _create_routine_sessions,  # 1
    _create_cramp_episodes,  # 2
    _add_entry_uids,  # 3
)
"""Migration ``n`` (1-based) takes a diary from ``user_version`` n-1 to n."""

SCHEMA_VERSION = len(MIGRATIONS)


# --- opening ----------------------------------------------------------------------------


@contextmanager
def _private_umask() -> Iterator[None]:
    # Everything created while opening (folder, database, -wal/-shm, backup) is the user's
    # alone. The umask is process-wide, which is fine: the diary is opened once, at start-up,
    # before any other thread exists.
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def read_only_connection(path: Path, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> sqlite3.Connection:
    """A connection to ``path`` that cannot write a byte, nor create a side file when it can help it.

    With no ``-wal`` (or ``-journal``) beside it, everything committed is in the file
    itself and no other program has it open in WAL mode, so it is opened ``immutable``:
    SQLite then creates no ``-wal``/``-shm`` files either. Otherwise ``mode=ro`` reads
    the committed transactions in the WAL too, with the usual locking.
    """
    side_files = (path.with_name(path.name + suffix) for suffix in ("-wal", "-journal"))
    flag = "mode=ro" if any(side.exists() for side in side_files) else "immutable=1"
    return sqlite3.connect(f"{path.resolve().as_uri()}?{flag}", uri=True, timeout=busy_timeout, isolation_level=None)


def integrity_problems(connection: sqlite3.Connection, limit: int = 20) -> list[str]:
    """What ``PRAGMA integrity_check`` finds wrong (at most ``limit`` lines); empty when the file is sound.

    ``integrity_check`` rather than ``quick_check``: it also checks that every index
    agrees with its table, and on a ten-year diary (1.5 MB) it takes about 7 ms.
    """
    lines: list[str] = []
    for (text,) in connection.execute(f"PRAGMA integrity_check({limit:d})"):
        lines.extend(line for line in str(text).splitlines() if line and not line.startswith("*** in database"))
    return [] if lines == ["ok"] else lines


def check_file(
    path: Path, migrations: Sequence[Migration] = MIGRATIONS, busy_timeout: float = DEFAULT_BUSY_TIMEOUT
) -> None:
    """Raise :class:`StorageError` if the existing diary at ``path`` must not be written; never writes.

    Refused: a damaged file (``CORRUPT``, including one that is not a database at all), one
    from a newer cramp-coach (``NEWER_VERSION``) and a database that is not a diary
    (``NOT_A_DIARY``). Opening used to write first (the WAL switch and the version
    rewrite below change header bytes 28 and 96) and find the damage later; now nothing
    is written until this has passed.
    """
    with translate_os_errors(path), translate_errors(path):
        connection = read_only_connection(path, busy_timeout)
        try:
            _check_version(connection, path, len(migrations))
            problems = integrity_problems(connection)
        finally:
            connection.close()
    if problems:
        more = f" and {len(problems) - 1} more" if len(problems) > 1 else ""
        raise StorageError(StorageProblem.CORRUPT, path, f"integrity check: {problems[0]}{more}")


def _check_version(connection: sqlite3.Connection, path: Path, latest: int) -> int:
    # Reading the version is the first access to the file: junk fails here ("file is not
    # a database").
    version = user_version(connection)
    if version > latest:
        raise StorageError(
            StorageProblem.NEWER_VERSION, path, f"diary format {version}; this version reads up to {latest}"
        )
    if version == 0 and connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise StorageError(StorageProblem.NOT_A_DIARY, path, "it holds tables that cramp-coach did not create")
    return version


def _connect(path: Path, busy_timeout: float) -> sqlite3.Connection:
    # ``timeout`` sets SQLite's busy_timeout; isolation_level=None: see the module docstring.
    return sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)


def user_version(connection: sqlite3.Connection) -> int:
    """The diary's schema version (``PRAGMA user_version``); 0 for a new, empty file."""
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def backup_path(path: Path, version: int, now: datetime | None = None) -> Path:
    """A free name for the copy of ``path`` made before migrating it from ``version``."""
    stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    counter = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.v{version}-{stamp}-{counter}.bak")
        counter += 1
    return candidate


def backup_database(connection: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the open diary to a version-stamped ``.bak`` beside it; a failed copy leaves no file."""
    target = backup_path(path, version)
    try:
        copy = sqlite3.connect(target, isolation_level=None)
        try:
            connection.backup(copy)
        finally:
            copy.close()
        os.chmod(target, FILE_MODE)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


def open_database(
    path: Path,
    *,
    migrations: Sequence[Migration] = MIGRATIONS,
    busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
    exclusive: bool = False,
) -> sqlite3.Connection:
    """Open (creating or migrating as needed) the diary at ``path`` and return the connection.

    Args:
        path: the database file, normally ``DataPaths.diary``.
        migrations: the schema history; tests pass a prefix of :data:`MIGRATIONS` to
            build an older diary.
        busy_timeout: seconds to wait for another writer before giving up.
        exclusive: hold the file locked until the connection closes (no other connection
            can even read it); for the side file kept while the diary is damaged.

    Raises:
        StorageError: the file is corrupt, read-only, locked, on a full disk, not a
            diary, or was written by a newer cramp-coach. The file is left as it was.
    """
    path = Path(path)
    with _private_umask(), translate_os_errors(path), translate_errors(path):
        if not path.parent.is_dir():
            path.parent.mkdir(mode=FOLDER_MODE, parents=True)
        created = not path.exists()
        if not created:
            check_file(path, migrations, busy_timeout)
        connection = _connect(path, busy_timeout)
        try:
            if exclusive:  # before the first access, so SQLite keeps the WAL index in memory
                connection.execute("PRAGMA locking_mode = EXCLUSIVE")
            if created:
                os.chmod(path, FILE_MODE)
            _prepare(connection, path, migrations)
        except BaseException:
            connection.close()
            raise
        return connection


def open_memory_database(*, migrations: Sequence[Migration] = MIGRATIONS) -> sqlite3.Connection:
    """An empty diary in memory, at the latest version: nothing is written to disk.

    For a report or an export asked for before any diary exists (the command line must
    not create one as a side effect), and for tests that need no file.
    """
    connection = sqlite3.connect(":memory:", isolation_level=None)
    for number, migration in enumerate(migrations, 1):
        with transaction(connection):
            migration(connection)
            connection.execute(f"PRAGMA user_version = {number:d}")  # a PRAGMA takes no parameters
    return connection


def _prepare(connection: sqlite3.Connection, path: Path, migrations: Sequence[Migration]) -> None:
    connection.execute("PRAGMA foreign_keys = ON")
    # Checked again on this connection (check_file ran on another one): nothing below
    # writes until the version has been accepted.
    latest = len(migrations)
    version = _check_version(connection, path, latest)
    if 0 < version < latest:
        backup_database(connection, path, version)

    mode = str(connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower()
    # WAL + NORMAL: commits survive a killed process. Where WAL is unavailable (some
    # network file systems) SQLite keeps a rollback journal, which needs FULL for that.
    connection.execute("PRAGMA synchronous = NORMAL" if mode == "wal" else "PRAGMA synchronous = FULL")

    for number in range(version + 1, latest + 1):
        with transaction(connection):
            migrations[number - 1](connection)
            connection.execute(f"PRAGMA user_version = {number:d}")  # a PRAGMA takes no parameters
    if version == latest:
        # Nothing to migrate, so prove now that the diary can be written: a read-only or
        # locked file is reported at start-up, not when the first cramp is being logged.
        # (BEGIN IMMEDIATE alone succeeds on a read-only file; rewriting the unchanged
        # version is the smallest real write, one page.)
        with transaction(connection):
            connection.execute(f"PRAGMA user_version = {version:d}")
