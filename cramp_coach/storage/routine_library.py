"""Find routine-format files on disk, load them, and change them safely.

Sources, lowest precedence first: the built-ins shipped in the package, the user's own
folder, then an explicit ``--routines`` folder. Drafts (``*.draft.yaml``) are never
loaded as routines.

Only the user's folder is ever written. Every write goes through :func:`atomic_write`:
the new text goes to a temporary file in the same folder, is flushed and ``fsync``-ed,
the previous version is copied to ``<name>.bak``, and only then does ``os.replace``
swap the new file in. A crash or a full disk at any moment leaves either the old file or
the new one, never half of either. Files are written as text exactly as given: the
editor edits text, so the physiotherapist's comments and key order are never lost to a
load-and-dump round trip.

Deleting moves a file to ``<user folder>/.trash/`` (from where :meth:`RoutineLibrary.restore`
brings it back); renaming refuses to overwrite another file. Environment problems
(permissions, a full disk) become a :class:`LibraryError` whose text is for the user.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from cramp_coach import paths
from cramp_coach.domain.errors import CrampCoachError, Issue
from cramp_coach.domain.protocol import CrampProtocol
from cramp_coach.domain.routine import Exercise, Routine
from cramp_coach.schema import spec
from cramp_coach.schema.build import build_library
from cramp_coach.schema.catalog import Catalog, assemble
from cramp_coach.schema.loader import ParsedFile, parse_file, parse_text

YAML_SUFFIXES = (".yaml", ".yml")
DRAFT_SUFFIX = ".draft"
BACKUP_SUFFIX = ".bak"
TRASH_FOLDER = ".trash"
#: Deleted files older than this are removed from the trash when something else is deleted.
TRASH_KEEP_DAYS = 30

_ID_RE = re.compile(spec.ID_PATTERN)


def is_routine_file(path: Path) -> bool:
    return path.suffix.lower() in YAML_SUFFIXES and not path.stem.endswith(DRAFT_SUFFIX)


def is_draft_file(path: Path) -> bool:
    return path.suffix.lower() in YAML_SUFFIXES and path.stem.endswith(DRAFT_SUFFIX)


def file_id(path: Path) -> str:
    """The id a file stands for: its name without ``.yaml`` (and without ``.draft``)."""
    stem = path.stem
    return stem[: -len(DRAFT_SUFFIX)] if stem.endswith(DRAFT_SUFFIX) else stem


def is_valid_id(routine_id: str) -> bool:
    """Whether ``routine_id`` is a kebab-case id usable as a file name."""
    return bool(_ID_RE.match(routine_id))


def backup_path(path: Path) -> Path:
    """Where the previous version of ``path`` is kept (``bedtime.yaml`` → ``bedtime.yaml.bak``)."""
    return path.with_name(path.name + BACKUP_SUFFIX)


def scan(folder: Path, *, recursive: bool = False) -> list[Path]:
    """Routine-format files in ``folder``, sorted so loading order is stable."""
    if not folder.is_dir():
        return []
    candidates = folder.rglob("*") if recursive else folder.iterdir()
    return sorted(path for path in candidates if path.is_file() and is_routine_file(path))


def parse_all(files: Iterable[Path], asset_roots: Sequence[Path]) -> list[ParsedFile]:
    return [parse_file(path, asset_roots=asset_roots) for path in files]


def load_catalog(
    user_dir: Path | None = None,
    extra_dir: Path | None = None,
    *,
    builtin_dir: Path | None = None,
) -> Catalog:
    """Load built-ins, then the user's folder, then ``extra_dir`` (each may override)."""
    folders = [builtin_dir or paths.builtin_routines_dir(), user_dir, extra_dir]
    asset_roots = [paths.builtin_assets_dir()]
    files = [path for folder in folders if folder is not None for path in scan(folder)]
    return assemble(parse_all(files, asset_roots))


# --- errors ----------------------------------------------------------------------------


class LibraryError(CrampCoachError):
    """A routine file could not be written, renamed, deleted or restored.

    ``str(error)`` is a complete message for the user, naming the file.
    """


class IdClashError(LibraryError):
    """The id (file name) is already taken.

    Attributes:
        routine_id: the id that clashes.
        path: the file that already has it.
    """

    def __init__(self, routine_id: str, path: Path) -> None:
        self.routine_id = routine_id
        self.path = path
        super().__init__(f"'{routine_id}' is already used by {path}; choose another id")


class InvalidFileError(LibraryError):
    """Text that does not validate cannot be saved as an active routine file.

    Attributes:
        issues: every problem found, compiler-style.
    """

    def __init__(self, issues: Sequence[Issue]) -> None:
        self.issues = tuple(issues)
        count = len(self.issues)
        super().__init__(
            f"{count} problem{'s' if count != 1 else ''} to fix before this file can be used "
            "(it can be kept as a draft meanwhile)"
        )


def _os_message(action: str, path: Path, error: OSError) -> str:
    reason = error.strerror or str(error)
    return f"Could not {action} {path}: {reason}"


# --- writing ---------------------------------------------------------------------------


def _discard(path: Path) -> None:
    # Clean-up after a failure that is already being reported; a second error here would
    # only hide the first one.
    with contextlib.suppress(OSError):
        path.unlink()


def _write_temp(folder: Path, name: str, data: bytes, mode: int | None) -> Path:
    """Write ``data`` to a new hidden temporary file in ``folder``, flushed to the disk."""
    fd, raw = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
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
            _discard(temp)
    return temp


def _fsync_folder(folder: Path) -> None:
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
        raise LibraryError(_os_message("save", current or Path(), error)) from error
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
        raise LibraryError(_os_message("save", current or Path(), error)) from error
    for folder in {item.target.parent for item in staged}:
        _fsync_folder(folder)


def _replace_or_discard(temp: Path, target: Path) -> None:
    try:
        os.replace(temp, target)
    except OSError:
        _discard(temp)
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
            _discard(item.target)
        else:
            with contextlib.suppress(OSError):
                _replace_or_discard(
                    _write_temp(item.target.parent, item.target.name, item.previous, item.mode), item.target
                )
    for item in staged:
        if item not in swapped:
            _discard(item.temp)
    for folder in reversed(created):
        with contextlib.suppress(OSError):
            folder.rmdir()


def _move_no_clobber(source: Path, target: Path, routine_id: str) -> None:
    """Move ``source`` to ``target`` unless ``target`` exists (never overwrites)."""
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
            raise LibraryError(_os_message("move", source, error)) from error
        return
    try:
        os.unlink(source)
    except OSError as error:
        _discard(target)
        raise LibraryError(_os_message("move", source, error)) from error


# --- the library -----------------------------------------------------------------------


class Source(Enum):
    """Where a file comes from; only the user's own folder is editable."""

    BUILTIN = "built-in"
    USER = "yours"
    EXTRA = "--routines folder"


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """One file the editor can show.

    Attributes:
        path: the file.
        source: which folder it is in.
        kind: ``routine``, ``exercise_library`` or ``cramp_protocol``; ``None`` when the
            file is too broken to tell.
        title: the routine's title, or a description of the file.
        problems: how many issues the file had when the library was last refreshed.
    """

    path: Path
    source: Source
    kind: str | None
    title: str
    problems: int

    @property
    def id(self) -> str:
        return file_id(self.path)

    @property
    def draft(self) -> bool:
        return is_draft_file(self.path)

    @property
    def editable(self) -> bool:
        return self.source is Source.USER


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What validating the editor's text found.

    Attributes:
        issues: every problem, sorted by position.
        kind: the file kind, when the header could be read.
        routine: the routine the text describes, when it is a valid routine.
        exercises: the exercises, when the text is a valid exercise library.
        protocol: the protocol, when the text is a valid Cramp-now protocol.
    """

    issues: tuple[Issue, ...]
    kind: str | None
    routine: Routine | None = None
    exercises: Mapping[str, Exercise] = field(default_factory=dict)
    protocol: CrampProtocol | None = None

    @property
    def ok(self) -> bool:
        return not self.issues and self.kind is not None


@dataclass(frozen=True, slots=True)
class DeletedFile:
    """A file moved to the trash, and where it came from (for Undo)."""

    original: Path
    trashed: Path


@dataclass(frozen=True, slots=True)
class TextFile:
    """A file's text as the editor shows it, and how to write it back the same way."""

    text: str
    newline: str = "\n"
    bom: bool = False

    def encode(self, text: str) -> bytes:
        """``text`` (with ``\\n`` line ends) encoded with this file's line ends and BOM."""
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return ("\ufeff" if self.bom else "").encode("utf-8") + text.encode("utf-8")


def read_text(path: Path) -> TextFile:
    """Read a routine file for editing, remembering its line ends and byte-order mark.

    Raises:
        LibraryError: it cannot be read, is too large, or is not UTF-8.
    """
    try:
        if path.stat().st_size > spec.MAX_FILE_BYTES:
            raise LibraryError(f"Could not open {path}: larger than {spec.MAX_FILE_BYTES // 1024} KiB")
        data = path.read_bytes()
    except OSError as error:
        raise LibraryError(_os_message("open", path, error)) from error
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LibraryError(f"Could not open {path}: not UTF-8 text (byte {error.start})") from error
    newline = "\r\n" if "\r\n" in text else "\n"
    return TextFile(text.replace("\r\n", "\n"), newline, bom)


class RoutineLibrary:
    """The routine files in all three folders, for the editor and the sharing tools.

    Nothing here is cached globally: the app builds one library and passes it on.
    :meth:`refresh` re-reads the folders; the editor calls it after every change it makes
    and when the folder changes on disk.

    Attributes:
        user_dir: the user's own routines folder (the only one written to).
        builtin_dir: the shipped routines.
        extra_dir: the ``--routines`` folder, if any.
        asset_roots: folders where images are looked up after a file's own folder.
    """

    def __init__(
        self,
        user_dir: Path,
        builtin_dir: Path | None = None,
        extra_dir: Path | None = None,
        *,
        asset_roots: Sequence[Path] | None = None,
    ) -> None:
        self.user_dir = user_dir
        self.builtin_dir = builtin_dir or paths.builtin_routines_dir()
        self.extra_dir = extra_dir
        self.asset_roots = tuple(asset_roots if asset_roots is not None else (paths.builtin_assets_dir(),))
        self._files: list[tuple[Source, ParsedFile, Path]] = []
        self._drafts: list[Path] = []
        self.catalog: Catalog = assemble([])
        self.refresh()

    # -- reading ------------------------------------------------------------------------

    def folders(self) -> list[tuple[Source, Path]]:
        """The folders in precedence order, lowest first."""
        found = [(Source.BUILTIN, self.builtin_dir), (Source.USER, self.user_dir)]
        if self.extra_dir is not None:
            found.append((Source.EXTRA, self.extra_dir))
        return found

    def refresh(self) -> None:
        """Re-read every file (a few milliseconds for a handful of files)."""
        self._files = [
            (source, parse_file(path, asset_roots=self.asset_roots), path)
            for source, folder in self.folders()
            for path in scan(folder)
        ]
        self._drafts = (
            sorted(path for path in self.user_dir.iterdir() if path.is_file() and is_draft_file(path))
            if self.user_dir.is_dir()
            else []
        )
        self.catalog = assemble([parsed for _source, parsed, _path in self._files])

    def entries(self) -> list[LibraryEntry]:
        """Every file, drafts included, in folder order then by name."""
        result = []
        for source, parsed, path in self._files:
            result.append(LibraryEntry(path, source, parsed.kind, _title(parsed, path), len(parsed.issues)))
        for path in self._drafts:
            result.append(LibraryEntry(path, Source.USER, None, f"{file_id(path)} (draft)", 0))
        return result

    def entry(self, path: Path) -> LibraryEntry | None:
        return next((entry for entry in self.entries() if entry.path == path), None)

    def parsed_files(self) -> list[tuple[Source, ParsedFile, Path]]:
        """Every loadable file as last read, in precedence order (drafts excluded)."""
        return list(self._files)

    def parsed_file(self, path: Path) -> ParsedFile | None:
        return next((parsed for _source, parsed, other in self._files if other == path), None)

    def exercise_files(self) -> dict[str, Path]:
        """For each known exercise id, the library file it comes from (the winning one)."""
        found: dict[str, Path] = {}
        for _source, parsed, path in self._files:
            if parsed.ok and parsed.kind == "exercise_library" and parsed.value is not None:
                for exercise in parsed.value["exercises"]:
                    found[exercise["id"]] = path
        return found

    def disclaimer(self) -> str:
        """The Cramp-now disclaimer (for handouts); empty if no protocol loaded."""
        protocol = self.catalog.protocol
        return protocol.disclaimer if protocol is not None else ""

    def find(self, routine_id: str, source: Source | None = None) -> Path | None:
        """The active file with this id (the winning one unless ``source`` is given)."""
        found = None
        for file_source, _parsed, path in self._files:
            if file_id(path) == routine_id and (source is None or file_source is source):
                found = path
        return found

    def user_path(self, routine_id: str, *, draft: bool = False) -> Path:
        return self.user_dir / f"{routine_id}{DRAFT_SUFFIX if draft else ''}.yaml"

    def resolve_asset(self, relative: str, base_dir: Path | None = None) -> Path | None:
        """An image named by a file: next to the file first, then the other folders, then assets.

        Paths were checked by the loader not to escape their folders.
        """
        folders = [base_dir] if base_dir is not None else []
        folders += [folder for source, folder in reversed(self.folders()) if source is not Source.BUILTIN]
        folders += list(self.asset_roots)
        for folder in folders:
            candidate = folder / relative
            if candidate.is_file():
                return candidate
        return None

    # -- checking -----------------------------------------------------------------------

    def check(self, text: str, path: Path) -> CheckResult:
        """Validate ``text`` as if it were saved at ``path``, against the other files.

        A draft is checked under its active name (the id is the name without ``.draft``).
        Exercise references resolve against every library except the file itself, so an
        edited library replaces its saved version rather than clashing with it.
        """
        name = f"{file_id(path)}.yaml"
        parsed = parse_text(text, name, base_dir=path.parent, asset_roots=self.asset_roots)
        context = [
            other
            for _source, other, other_path in self._files
            if other.kind == "exercise_library" and other.ok and other_path != path
        ]
        catalog = assemble([*context, parsed])
        routine = catalog.routines.get(file_id(path)) if parsed.kind == "routine" and parsed.ok else None
        exercises: dict[str, Exercise] = {}
        if parsed.kind == "exercise_library" and parsed.ok and parsed.value is not None:
            exercises = build_library(parsed.value)
        protocol = catalog.protocol if parsed.kind == "cramp_protocol" and parsed.ok else None
        return CheckResult(tuple(parsed.issues), parsed.kind, routine, exercises, protocol)

    # -- changing -----------------------------------------------------------------------

    def _require_editable(self, path: Path) -> None:
        if path.parent.resolve() != self.user_dir.resolve():
            raise LibraryError(f"{path} is not in your routines folder ({self.user_dir}); duplicate it to edit")

    def _require_id(self, routine_id: str) -> None:
        if not is_valid_id(routine_id):
            raise LibraryError(
                f"'{routine_id}' is not a usable id: use lower-case words and digits joined by dashes, "
                "like 'bedtime-jane'"
            )

    def save(self, routine_id: str, text: str, *, file: TextFile | None = None, replaces_draft: bool = False) -> Path:
        """Save valid text as ``<routine_id>.yaml`` in the user's folder (atomically, with a backup).

        ``file`` keeps the line ends and BOM of the file that was opened. With
        ``replaces_draft`` the draft of the same id (the work just finished) is removed.

        Raises:
            InvalidFileError: the text has problems; nothing was written.
            LibraryError: the file could not be written; the old one is intact.
        """
        self._require_id(routine_id)
        target = self.user_path(routine_id)
        result = self.check(text, target)
        if not result.ok:
            raise InvalidFileError(result.issues)
        atomic_write(target, (file or TextFile(text)).encode(text))
        if replaces_draft:
            draft = self.user_path(routine_id, draft=True)
            try:
                draft.unlink(missing_ok=True)
            except OSError as error:
                raise LibraryError(_os_message("remove the draft", draft, error)) from error
        self.refresh()
        return target

    def save_draft(self, routine_id: str, text: str, *, file: TextFile | None = None) -> Path:
        """Keep unfinished work as ``<routine_id>.draft.yaml``: never loaded, never validated."""
        self._require_id(routine_id)
        target = self.user_path(routine_id, draft=True)
        atomic_write(target, (file or TextFile(text)).encode(text), keep_backup=False)
        self.refresh()
        return target

    def create(self, routine_id: str, text: str) -> Path:
        """Write a new file for ``routine_id``: active when the text is valid, else a draft.

        Raises:
            IdClashError: a file with that id already exists in the user's folder.
        """
        self._require_id(routine_id)
        for existing in (self.user_path(routine_id), self.user_path(routine_id, draft=True)):
            if existing.exists():
                raise IdClashError(routine_id, existing)
        valid = self.check(text, self.user_path(routine_id)).ok
        return self.save(routine_id, text) if valid else self.save_draft(routine_id, text)

    def rename(self, path: Path, new_id: str) -> Path:
        """Give a file in the user's folder a new id (its file name); drafts stay drafts.

        The backup of an active file moves with it.

        Raises:
            IdClashError: the new name is taken; nothing was changed.
        """
        self._require_editable(path)
        self._require_id(new_id)
        target = self.user_path(new_id, draft=is_draft_file(path))
        if target == path:
            return path
        _move_no_clobber(path, target, new_id)
        old_backup = backup_path(path)
        if old_backup.exists():
            try:
                os.replace(old_backup, backup_path(target))
            except OSError as error:
                raise LibraryError(_os_message("move the backup", old_backup, error)) from error
        self.refresh()
        return target

    def delete(self, path: Path, *, now: datetime.datetime | None = None) -> DeletedFile:
        """Move a file from the user's folder to its ``.trash`` folder (see :meth:`restore`)."""
        self._require_editable(path)
        moment = now or datetime.datetime.now(datetime.timezone.utc)
        trash = self.user_dir / TRASH_FOLDER
        trashed = trash / f"{moment.strftime('%Y%m%dT%H%M%S%f')}-{path.name}"
        try:
            trash.mkdir(exist_ok=True)
            os.replace(path, trashed)
        except OSError as error:
            raise LibraryError(_os_message("delete", path, error)) from error
        self._prune_trash(moment)
        self.refresh()
        return DeletedFile(path, trashed)

    def restore(self, deleted: DeletedFile) -> Path:
        """Undo :meth:`delete`.

        Raises:
            IdClashError: a new file with the same name was made meanwhile.
        """
        _move_no_clobber(deleted.trashed, deleted.original, file_id(deleted.original))
        self.refresh()
        return deleted.original

    def _prune_trash(self, now: datetime.datetime) -> None:
        trash = self.user_dir / TRASH_FOLDER
        cutoff = now - datetime.timedelta(days=TRASH_KEEP_DAYS)
        for item in trash.iterdir():
            stamp = item.name.split("-", 1)[0]
            try:
                when = datetime.datetime.strptime(stamp, "%Y%m%dT%H%M%S%f").replace(tzinfo=datetime.timezone.utc)
            except ValueError:
                continue  # not one of ours: leave it alone
            if when < cutoff:
                _discard(item)


def _title(parsed: ParsedFile, path: Path) -> str:
    if parsed.kind == "routine" and parsed.value is not None:
        return str(parsed.value["title"])
    if parsed.kind == "exercise_library":
        return "Exercise library"
    if parsed.kind == "cramp_protocol":
        return "Cramp-now protocol"
    return path.name
