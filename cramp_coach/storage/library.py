"""The routine files in all three folders, for the editor, the app and the sharing tools.

Sources, lowest precedence first: the built-ins shipped in the package, the user's own
folder, then an explicit ``--routines`` folder. Only the user's folder is ever written,
always through :mod:`.atomic` (a temporary file, ``fsync``, a ``.bak`` of the previous
version, then ``os.replace``). Files are written as text exactly as given: the editor
edits text, so the physiotherapist's comments and key order are never lost to a
load-and-dump round trip. Deleting goes through :mod:`.trash`; naming rules are in
:mod:`.routine_files`; pictures are found by :class:`~cramp_coach.schema.assets.AssetResolver`.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from cramp_coach import paths
from cramp_coach.domain.errors import Issue
from cramp_coach.domain.protocol import CrampProtocol
from cramp_coach.domain.routine import Exercise, Routine
from cramp_coach.schema.assets import AssetResolver
from cramp_coach.schema.build import build_library
from cramp_coach.schema.catalog import Catalog, assemble
from cramp_coach.schema.kinds import FileKind
from cramp_coach.schema.loader import ParsedFile, parse_file, parse_text
from cramp_coach.schema.names import id_problem
from cramp_coach.storage import trash
from cramp_coach.storage.atomic import atomic_write, backup_path, move_no_clobber, remove_stale_temp_files
from cramp_coach.storage.file_errors import IdClashError, InvalidFileError, LibraryError, os_message
from cramp_coach.storage.routine_files import DRAFT_SUFFIX, TextFile, file_id, is_draft_file, parse_all, scan
from cramp_coach.storage.trash import DeletedFile


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
        kind: what the file holds; ``None`` when it is too broken to tell (or a draft).
        title: the routine's title, or a description of the file.
        problems: how many issues the file had when the library was last refreshed.
    """

    path: Path
    source: Source
    kind: FileKind | None
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
    kind: FileKind | None
    routine: Routine | None = None
    exercises: Mapping[str, Exercise] = field(default_factory=dict)
    protocol: CrampProtocol | None = None

    @property
    def ok(self) -> bool:
        return not self.issues and self.kind is not None


class RoutineLibrary:
    """The routine files in all three folders, for the editor and the sharing tools.

    Nothing here is cached globally: the app builds one library and passes it on.
    Opening it clears temporary files that killed saves left in the user's folder.
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
        # A save killed mid-write (SIGKILL, a power cut) leaves its temporary file behind.
        remove_stale_temp_files(self.user_dir)
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
            if parsed.ok and parsed.kind is FileKind.EXERCISE_LIBRARY and parsed.value is not None:
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

    def assets(self, base_dir: Path | None = None) -> AssetResolver:
        """Where pictures named by a file in ``base_dir`` are found: next to it first, then the
        ``--routines`` and user folders, then the built-in assets."""
        folders = [folder for source, folder in reversed(self.folders()) if source is not Source.BUILTIN]
        return AssetResolver([*folders, *self.asset_roots]).with_base(base_dir)

    def resolve_asset(self, relative: str, base_dir: Path | None = None) -> Path | None:
        """An image named by a file (see :meth:`assets`), or ``None``."""
        return self.assets(base_dir)(relative)

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
            if other.kind is FileKind.EXERCISE_LIBRARY and other.ok and other_path != path
        ]
        catalog = assemble([*context, parsed])
        routine = catalog.routines.get(file_id(path)) if parsed.kind is FileKind.ROUTINE and parsed.ok else None
        exercises: dict[str, Exercise] = {}
        if parsed.kind is FileKind.EXERCISE_LIBRARY and parsed.ok and parsed.value is not None:
            exercises = build_library(parsed.value)
        protocol = catalog.protocol if parsed.kind is FileKind.CRAMP_PROTOCOL and parsed.ok else None
        return CheckResult(tuple(parsed.issues), parsed.kind, routine, exercises, protocol)

    # -- changing -----------------------------------------------------------------------

    def _require_editable(self, path: Path) -> None:
        if path.parent.resolve() != self.user_dir.resolve():
            raise LibraryError(f"{path} is not in your routines folder ({self.user_dir}); duplicate it to edit")

    def _require_id(self, routine_id: str, kind: FileKind | None = None) -> None:
        problem = id_problem(routine_id, kind)
        if problem is not None:
            raise LibraryError(f"'{routine_id}' is not a usable id: {problem}")

    def save(self, routine_id: str, text: str, *, file: TextFile | None = None, replaces_draft: bool = False) -> Path:
        """Save valid text as ``<routine_id>.yaml`` in the user's folder (atomically, with a backup).

        ``file`` keeps the line ends and BOM of the file that was opened. With
        ``replaces_draft`` the draft of the same id (the work just finished) is removed.

        Raises:
            InvalidFileError: the text has problems; nothing was written.
            LibraryError: the id does not suit the file, or the file could not be
                written; the old one is intact.
        """
        self._require_id(routine_id)
        target = self.user_path(routine_id)
        result = self.check(text, target)
        if not result.ok:
            raise InvalidFileError(result.issues)
        self._require_id(routine_id, result.kind)
        atomic_write(target, (file or TextFile(text)).encode(text))
        if replaces_draft:
            draft = self.user_path(routine_id, draft=True)
            try:
                draft.unlink(missing_ok=True)
            except OSError as error:
                raise LibraryError(os_message("remove the draft", draft, error)) from error
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
        parsed = self.parsed_file(path)
        self._require_id(new_id, parsed.kind if parsed is not None else None)
        target = self.user_path(new_id, draft=is_draft_file(path))
        if target == path:
            return path
        move_no_clobber(path, target, new_id)
        old_backup = backup_path(path)
        if old_backup.exists():
            try:
                os.replace(old_backup, backup_path(target))
            except OSError as error:
                raise LibraryError(os_message("move the backup", old_backup, error)) from error
        self.refresh()
        return target

    def delete(self, path: Path, *, now: datetime.datetime | None = None) -> DeletedFile:
        """Move a file from the user's folder to its ``.trash`` folder (see :meth:`restore`)."""
        self._require_editable(path)
        deleted = trash.move_to_trash(self.user_dir, path, now or datetime.datetime.now(datetime.timezone.utc))
        self.refresh()
        return deleted

    def restore(self, deleted: DeletedFile) -> Path:
        """Undo :meth:`delete`.

        Raises:
            IdClashError: a new file with the same name was made meanwhile.
        """
        trash.restore(deleted, file_id(deleted.original))
        self.refresh()
        return deleted.original


def _title(parsed: ParsedFile, path: Path) -> str:
    if parsed.kind is FileKind.ROUTINE and parsed.value is not None:
        return str(parsed.value["title"])
    if parsed.kind is not None and parsed.kind is not FileKind.ROUTINE:
        return parsed.kind.label
    return path.name
