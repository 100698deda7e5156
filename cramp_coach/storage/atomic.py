"""Write files so that a crash or a full disk never leaves half of one.

:func:`atomic_write` puts the new bytes in a temporary file in the same folder, flushes
and ``fsync``-s it, copies the previous version to ``<name>.bak``, and only then swaps
the new file in with ``os.replace`` (atomic within one filesystem). At any moment the
folder holds either the old file or the new one. :func:`atomic_write_many` does the same
for several files at once, all or nothing (an import of a routine with its pictures).
:func:`move_no_clobber` renames without ever overwriting another file.

A process killed mid-write (SIGKILL, a power cut) cannot remove its temporary file, so
temporary files are named to be recognised as ours: hidden, ending in
:data:`TEMP_SUFFIX` (``.bedtime.yaml.k3x9a0_q.cramp-coach.tmp``). They are never loaded
as routines, and :func:`remove_stale_temp_files` clears the ones a kill left behind when
the routine library opens. It takes only files at least :data:`STALE_AFTER_SECONDS`
old: another running instance may be writing one this very moment, and a write takes
milliseconds, never a minute.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cramp_coach.storage.file_errors import IdClashError, LibraryError, os_message

BACKUP_SUFFIX = ".bak"
#: Every temporary file written here ends with this (and starts with a dot).
TEMP_SUFFIX = ".cramp-coach.tmp"
#: A temporary file this old belongs to no write in progress: its writer was killed.
STALE_AFTER_SECONDS = 60.0
# Temporary files of earlier versions: ".<name>.<8 random characters>.tmp", where <name> is a
# routine file, its backup or a picture. Matched this narrowly so nobody else's file is taken.
_EARLIER_TEMP = re.compile(r"\..+\.(?:ya?ml|bak|svg|png|jpe?g)\.[a-z0-9_]{8}\.tmp", re.IGNORECASE)


def is_temp_file(path: Path) -> bool:
    """Whether ``path`` is one of our temporary files (never a routine, picture or backup)."""
    name = path.name
    return (name.startswith(".") and name.endswith(TEMP_SUFFIX)) or _EARLIER_TEMP.fullmatch(name) is not None


def backup_path(path: Path) -> Path:
    """Where the previous version of ``path`` is kept (``bedtime.yaml`` → ``bedtime.yaml.bak``)."""
    return path.with_name(path.name + BACKUP_SUFFIX)


def discard(path: Path) -> None:
    """Remove ``path`` if possible, after a failure that is already being reported.

    A second error here would only hide the first one.
    """
    with contextlib.suppress(OSError):
        path.unlink()


def _write_temp(folder: Path, name: str, data: bytes, mode: int | None) -> Path:
    """Write ``data`` to a new hidden temporary file in ``folder``, flushed to the disk."""
    fd, raw = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=TEMP_SUFFIX)
    temp = Path(raw)
    done = False
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        done = True
    finally:
        if not done:
            discard(temp)
    return temp


def fsync_folder(folder: Path) -> None:
    """Make a rename durable. Not possible on Windows or some filesystems: then skip it,
    the rename itself is still atomic."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: Path, data: bytes, *, keep_backup: bool = True) -> None:
    """Replace ``path`` with ``data`` all at once, keeping the previous version as ``<name>.bak``.

    The temporary file lives in the same folder (``os.replace`` is atomic only within one
    filesystem) and is removed again if anything fails. An existing file keeps its
    permissions; a new one is readable by the user only, like the diary.

    Raises:
        LibraryError: the folder is read-only, the disk is full, …; ``path`` is unchanged.
    """
    atomic_write_many([(path, data)], keep_backup=keep_backup)


@dataclass(slots=True)
class _Staged:
    target: Path
    temp: Path
    previous: bytes | None
    mode: int | None


def atomic_write_many(writes: Sequence[tuple[Path, bytes]], *, keep_backup: bool = True) -> None:
    """Write several files all or nothing (an import of a routine with its images).

    Every new file is first written and flushed beside its target; only when all of them
    are on the disk are they swapped in, one ``os.replace`` each. If a swap fails, the
    files already swapped are put back as they were, so the folder never holds half an
    import.

    Raises:
        LibraryError: nothing was changed (or everything was put back).
    """
    staged: list[_Staged] = []
    created: list[Path] = []  # folders made for this write, removed again on failure
    current = writes[0][0] if writes else None
    try:
        for target, data in writes:
            current = target
            created += _make_folders(target.parent)
            existing = target.stat() if target.exists() else None
            previous = target.read_bytes() if keep_backup and existing is not None else None
            mode = stat.S_IMODE(existing.st_mode) if existing is not None else None
            staged.append(_Staged(target, _write_temp(target.parent, target.name, data, mode), previous, mode))
    except OSError as error:
        _undo(staged, [], created)
        raise LibraryError(os_message("save", current or Path(), error)) from error
    swapped: list[_Staged] = []
    try:
        for item in staged:
            current = item.target
            if item.previous is not None:
                backup = backup_path(item.target)
                _replace_or_discard(_write_temp(item.target.parent, backup.name, item.previous, item.mode), backup)
            os.replace(item.temp, item.target)
            swapped.append(item)
    except OSError as error:
        _undo(staged, swapped, created)
        raise LibraryError(os_message("save", current or Path(), error)) from error
    for folder in {item.target.parent for item in staged}:
        fsync_folder(folder)


def _replace_or_discard(temp: Path, target: Path) -> None:
    try:
        os.replace(temp, target)
    except OSError:
        discard(temp)
        raise


def _make_folders(folder: Path) -> list[Path]:
    missing = [folder, *folder.parents]
    missing = [path for path in missing if not path.exists()]
    folder.mkdir(parents=True, exist_ok=True)
    return sorted(missing, key=lambda path: len(path.parts))


def _undo(staged: list[_Staged], swapped: list[_Staged], created: list[Path]) -> None:
    """Put back what a failed write changed. Best effort: the first error is what gets reported."""
    for item in reversed(swapped):
        if item.previous is None:
            discard(item.target)
        else:
            with contextlib.suppress(OSError):
                _replace_or_discard(
                    _write_temp(item.target.parent, item.target.name, item.previous, item.mode), item.target
                )
    for item in staged:
        if item not in swapped:
            discard(item.temp)
    for folder in reversed(created):
        with contextlib.suppress(OSError):
            folder.rmdir()


def move_no_clobber(source: Path, target: Path, routine_id: str) -> None:
    """Move ``source`` to ``target`` unless ``target`` exists (never overwrites).

    Raises:
        IdClashError: ``target`` exists; nothing was moved.
        LibraryError: the move failed for another reason.
    """
    try:
        # A hard link fails if the target exists: an atomic "rename unless taken".
        os.link(source, target)
    except FileExistsError as error:
        raise IdClashError(routine_id, target) from error
    except OSError:
        # No hard links here (FAT, some network drives): check, then rename. On Windows
        # os.rename refuses an existing target by itself.
        if target.exists():
            raise IdClashError(routine_id, target) from None
        try:
            os.rename(source, target)
        except FileExistsError as error:
            raise IdClashError(routine_id, target) from error
        except OSError as error:
            raise LibraryError(os_message("move", source, error)) from error
        return
    try:
        os.unlink(source)
    except OSError as error:
        discard(target)
        raise LibraryError(os_message("move", source, error)) from error


def remove_stale_temp_files(folder: Path, *, now: float | None = None) -> list[Path]:
    """Remove our temporary files in ``folder`` and its subfolders that a killed write left behind.

    Only files recognised by :func:`is_temp_file` and last changed at least
    :data:`STALE_AFTER_SECONDS` before ``now`` (``time.time()``) are removed, so another
    instance's write in progress is never touched. Best effort: a file that cannot be
    removed stays (it is never loaded) and is tried again next time.

    Returns:
        The files removed.
    """
    cutoff = (time.time() if now is None else now) - STALE_AFTER_SECONDS
    removed: list[Path] = []
    for current, folders, files in os.walk(folder):  # does not follow links to other folders
        folders[:] = [name for name in folders if name != ".trash"]
        for name in files:
            path = Path(current, name)
            if not is_temp_file(path):
                continue
            try:
                info = path.lstat()
                if stat.S_ISREG(info.st_mode) and info.st_mtime <= cutoff:
                    path.unlink()
                    removed.append(path)
            except OSError:
                continue  # gone meanwhile, or not ours to remove: leave it
    return removed
