"""Share routines: import a file, folder or zip into the user's folder, and export one.

A *bundle* is what a physiotherapist hands to a patient: one routine file, or a folder
or ``.zip`` holding routine-format files (``*.yaml`` at its top level) and the images
they name, laid out exactly as in a routines folder (``my-routine.yaml`` next to
``images/my-stretch.svg``). A zip whose members all sit in one top-level folder (what
"compress this folder" makes) is read from inside that folder.

Import is validate first, then all or nothing:

1. :func:`plan_import` reads the bundle (a zip is unpacked defensively into a private
   temporary folder), validates every file against the built-in and the user's own
   exercises, works out which files it would write and which of them clash with files
   already there. Nothing in the user's folder is touched.
2. :func:`apply_import` writes the planned files with
   :func:`~cramp_coach.storage.atomic.atomic_write_many`: replaced files keep a
   ``.bak``, and a failure half-way puts everything back.

Paths never escape: the loader already refuses absolute paths and ``..`` in
``illustration``; zip member names are checked the same way before anything is
unpacked (no "zip-slip"), symbolic links and encrypted members are refused, and sizes
and counts are capped so an archive cannot exhaust the disk or memory. Only routine
files and the images they reference are ever copied; anything else in a bundle is
ignored.

:func:`export_bundle` writes the same layout (a ``.zip``, a folder, or a lone ``.yaml``
when the routine needs nothing else) and first checks that it would import cleanly on a
machine that has only the built-ins.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from cramp_coach.domain.errors import Issue
from cramp_coach.schema import images, spec
from cramp_coach.schema.assets import find_in, leaves_folder
from cramp_coach.schema.catalog import assemble
from cramp_coach.schema.kinds import FileKind
from cramp_coach.schema.loader import ParsedFile, parse_text
from cramp_coach.schema.names import id_problem, relative_path, relative_path_problem, shorten
from cramp_coach.storage.atomic import atomic_write, atomic_write_many
from cramp_coach.storage.file_errors import LibraryError
from cramp_coach.storage.library import RoutineLibrary, Source
from cramp_coach.storage.output_path import output_problem
from cramp_coach.storage.routine_files import YAML_SUFFIXES, is_routine_file

IMAGE_SUFFIXES = spec.AssetPath().suffixes
MAX_MEMBERS = 500
MAX_IMAGE_BYTES = images.MAX_IMAGE_BYTES
MAX_TOTAL_BYTES = 64 * 1024 * 1024


class BundleError(LibraryError):
    """A bundle cannot be read, is unsafe, or cannot be written; ``str()`` is for the user."""


class ImportClashError(LibraryError):
    """Files in the bundle would replace different files already in the user's folder.

    Attributes:
        clashes: the planned files that clash.
    """

    def __init__(self, clashes: Sequence[PlannedFile]) -> None:
        self.clashes = tuple(clashes)
        names = ", ".join(str(item.relative) for item in self.clashes)
        super().__init__(f"already in your routines folder: {names}")


@dataclass(frozen=True, slots=True)
class Replacement:
    """Built-in content that an import would replace, and the routines that would change.

    Attributes:
        kind: what is replaced: an exercise (from an exercise library), a routine, or
            the Cramp-now protocol.
        id: the exercise or routine id, or the protocol file's id.
        routines: ids of routines already installed that would change (for an exercise:
            those that use it; for a routine: itself).
    """

    kind: FileKind
    id: str
    routines: tuple[str, ...] = ()

    def describe(self) -> str:
        """One line for people, e.g. "the built-in exercise 'toe-pulls', used by bedtime and bedtime-seated"."""
        if self.kind is FileKind.CRAMP_PROTOCOL:
            return "the Cramp-now first-aid steps (the built-in protocol)"
        if self.kind is FileKind.ROUTINE:
            return f"the built-in routine '{self.id}'"
        used = f", used by {_and(self.routines)}" if self.routines else ", not used by any routine yet"
        return f"the built-in exercise '{self.id}'{used}"


def _and(names: Sequence[str]) -> str:
    quoted = [f"'{name}'" for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


class ReplacesBuiltInError(LibraryError):
    """The import would replace built-in content and that was not confirmed.

    Attributes:
        replacements: what would be replaced.
    """

    def __init__(self, replacements: Sequence[Replacement]) -> None:
        self.replacements = tuple(replacements)
        super().__init__("it would replace " + "; ".join(item.describe() for item in self.replacements))


@dataclass(frozen=True, slots=True)
class PlannedFile:
    """One file an import would write.

    Attributes:
        relative: its path inside the routines folder, e.g. ``images/stretch.svg``.
        data: its bytes.
        target: where it goes.
        clash: a different file is already there (``identical`` files are not clashes).
        identical: the very same bytes are already there; nothing needs writing.
        document: it is a routine-format file (not an image).
    """

    relative: PurePosixPath
    data: bytes
    target: Path
    clash: bool
    identical: bool
    document: bool


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What importing a bundle would do; see :func:`plan_import`.

    Attributes:
        source: the file, folder or zip given.
        files: every file the bundle brings (documents first).
        issues: every validation problem; a plan with issues cannot be applied.
        routine_ids: the ids of the routines it brings.
        overrides: ids of the bundle's routines that would replace a built-in routine.
        replacements: every piece of built-in content it would replace (exercises,
            routines, the Cramp-now protocol); applying such a plan needs consent.
    """

    source: Path
    files: tuple[PlannedFile, ...]
    issues: tuple[Issue, ...]
    routine_ids: tuple[str, ...]
    overrides: tuple[str, ...]
    replacements: tuple[Replacement, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def clashes(self) -> tuple[PlannedFile, ...]:
        return tuple(item for item in self.files if item.clash)


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What :func:`export_bundle` wrote: where, and which files it holds."""

    dest: Path
    files: tuple[str, ...]


# --- reading a bundle ------------------------------------------------------------------


def _member_path(name: str) -> PurePosixPath:
    """A zip member name as a safe relative path, or :class:`BundleError` (no zip-slip, no overlong names)."""
    problem = relative_path_problem(name)
    if problem is not None:
        reason = problem.replace("its folder", "the bundle")
        raise BundleError(f"refused: the archive entry '{shorten(name)}' {reason}")
    return relative_path(name)


def _wanted(relative: PurePosixPath) -> bool:
    return relative.suffix.lower() in YAML_SUFFIXES + IMAGE_SUFFIXES


# What a damaged or unusual archive can raise while being read: a bad header, a bad
# CRC, damaged deflate data (zlib.error), a stream cut short (EOFError), a compression
# method Python does not have (NotImplementedError), a password (RuntimeError).
_ZIP_ERRORS = (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError, NotImplementedError, zlib.error)


def _unzip(archive: Path, into: Path) -> None:
    """Unpack the routine files and images of ``archive`` into the empty folder ``into``."""
    try:
        opened = zipfile.ZipFile(archive)
    except _ZIP_ERRORS as error:
        raise BundleError(f"could not read {archive.name}: it is not a readable zip file ({error})") from error
    with opened:
        members = [info for info in opened.infolist() if not info.is_dir()]
        if len(members) > MAX_MEMBERS:
            raise BundleError(f"refused: {archive.name} holds more than {MAX_MEMBERS} files")
        # Check every name before unpacking anything: a bad entry rejects the whole archive.
        named = [(info, _member_path(info.filename)) for info in members]
        seen: set[str] = set()
        for info, relative in named:
            if stat.S_ISLNK(info.external_attr >> 16):
                raise BundleError(f"refused: the archive entry '{info.filename}' is a symbolic link")
            folded = str(relative).casefold()
            if folded in seen:
                raise BundleError(f"refused: the archive holds '{info.filename}' twice")
            seen.add(folded)
        tops = {relative.parts[0] for _info, relative in named}
        strip = len(tops) == 1 and all(len(relative.parts) > 1 for _info, relative in named)
        total = 0
        root = into.resolve()
        for info, relative in named:
            if strip:
                relative = PurePosixPath(*relative.parts[1:])
            if not _wanted(relative):
                continue
            if info.flag_bits & 0x1:
                raise BundleError(f"refused: the archive entry '{info.filename}' is encrypted")
            limit = spec.MAX_FILE_BYTES if relative.suffix.lower() in YAML_SUFFIXES else MAX_IMAGE_BYTES
            if info.file_size > limit:
                raise BundleError(f"refused: '{info.filename}' is larger than {limit // 1024} KiB")
            try:
                with opened.open(info) as stream:
                    # Read at most one byte past the limit: a header that lies about the
                    # size (a zip bomb) is caught without inflating the rest.
                    data = stream.read(limit + 1)
            except _ZIP_ERRORS as error:
                raise BundleError(f"could not read '{info.filename}' from {archive.name}: {error}") from error
            if len(data) > limit:
                raise BundleError(f"refused: '{info.filename}' is larger than {limit // 1024} KiB")
            total += len(data)
            if total > MAX_TOTAL_BYTES:
                raise BundleError(f"refused: {archive.name} unpacks to more than {MAX_TOTAL_BYTES // 2**20} MiB")
            target = into.joinpath(*relative.parts)
            if not target.resolve().is_relative_to(root):  # belt and braces after _member_path
                raise BundleError(f"refused: the archive entry '{shorten(info.filename)}' points outside the bundle")
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                with open(target, "xb") as out:
                    out.write(data)
            except OSError as error:  # e.g. a name this disk does not accept
                raise BundleError(
                    f"could not unpack '{shorten(info.filename)}' from {archive.name}: {error.strerror or error}"
                ) from error


@dataclass(frozen=True, slots=True)
class _Opened:
    root: Path  # the folder the documents' relative image paths start from
    documents: tuple[Path, ...]  # routine-format files at the top of ``root``
    label: str  # how files are named in messages, e.g. "jane.zip"


@contextmanager
def _open_bundle(source: Path) -> Iterator[_Opened]:
    if source.is_dir():
        documents = tuple(path for path in sorted(source.iterdir()) if is_routine_file(path) and not path.is_symlink())
        yield _Opened(source, documents, source.name)
    elif source.is_file() and source.suffix.lower() == ".zip":
        with tempfile.TemporaryDirectory(prefix="cramp-coach-import-") as tmp:
            root = Path(tmp)
            _unzip(source, root)
            documents = tuple(path for path in sorted(root.iterdir()) if path.is_file() and is_routine_file(path))
            yield _Opened(root, documents, source.name)
    elif source.is_file() and source.suffix.lower() in YAML_SUFFIXES:
        yield _Opened(source.parent, (source,), "")
    elif not source.exists():
        raise BundleError(f"no such file or folder: {source}")
    else:
        raise BundleError(f"expected a routine file (.yaml), a folder or a .zip, found {source}")


def _read_document(path: Path) -> bytes:
    try:
        if path.stat().st_size > spec.MAX_FILE_BYTES:
            raise BundleError(f"refused: {path.name} is larger than {spec.MAX_FILE_BYTES // 1024} KiB")
        return path.read_bytes()
    except OSError as error:
        raise BundleError(f"could not read {path}: {error.strerror}") from error


def _decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        raise BundleError(f"{path.name} is not UTF-8 text (byte {error.start})") from error


def illustrations(value: Any) -> list[str]:
    """Every ``illustration`` path in a validated value, in file order."""
    found: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "illustration" and isinstance(item, str):
                found.append(item)
            else:
                found += illustrations(item)
    elif isinstance(value, list):
        for item in value:
            found += illustrations(item)
    return found


# --- import ----------------------------------------------------------------------------


def plan_import(source: Path, library: RoutineLibrary, *, new_id: str | None = None) -> ImportPlan:
    """Validate a bundle and work out what importing it would write; changes nothing.

    ``new_id`` imports the bundle's one routine under another id.

    Raises:
        BundleError: the bundle cannot be read or is unsafe (e.g. a zip entry with ``..``).
    """
    if new_id is not None:
        problem = id_problem(new_id, FileKind.ROUTINE)
        if problem is not None:
            raise BundleError(f"'{shorten(new_id)}' cannot be the id of an imported routine: {problem}")
    with _open_bundle(source) as opened:
        if not opened.documents:
            raise BundleError(f"no routine files (.yaml) found in {source}")
        originals = [document.name for document in opened.documents]
        raw = [_read_document(document) for document in opened.documents]
        texts = [_decode(data, document) for data, document in zip(raw, opened.documents, strict=True)]
        kinds = [_peek_kind(text) for text in texts]
        names = list(originals)
        if new_id is not None:
            routines = [index for index, kind in enumerate(kinds) if kind is FileKind.ROUTINE]
            if len(routines) != 1:
                raise BundleError(f"--as needs a bundle with exactly one routine; {source} has {len(routines)}")
            names[routines[0]] = f"{new_id}.yaml"
        # Validate each document under the name it will have (the name is the id), with
        # images found in the bundle, or already in the user's folder, or in the built-in
        # assets: exactly as they will resolve after the import. Messages name the file
        # as the user sees it.
        roots = [library.user_dir, *library.asset_roots]
        parsed = [
            parse_text(text, name, base_dir=opened.root, asset_roots=roots)
            for text, name in zip(texts, names, strict=True)
        ]
        targets = {library.user_dir / name for name in names}
        context = [
            other
            for entry_source, other, other_path in library.parsed_files()
            if entry_source in (Source.BUILTIN, Source.USER)
            and other.kind is FileKind.EXERCISE_LIBRARY
            and other.ok
            and other_path not in targets
        ]
        assemble([*context, *parsed])
        labels = {
            name: f"{opened.label}/{original}" if opened.label else str(source)
            for name, original in zip(names, originals, strict=True)
        }
        issues = tuple(
            dataclasses.replace(issue, file=labels.get(issue.file, issue.file))
            for item in parsed
            for issue in item.issues
        )

        files: list[PlannedFile] = []
        for name, data, item in zip(names, raw, parsed, strict=True):
            files.append(_planned(PurePosixPath(name), data, library.user_dir, document=True))
            if item.value is None:
                continue
            for relative in illustrations(item.value):
                if leaves_folder(opened.root, relative):
                    where = f"{opened.label}/{relative}" if opened.label else relative
                    raise BundleError(f"refused: the picture {where} is a link to a file outside the bundle")
                image = find_in(opened.root, relative)
                path = PurePosixPath(relative.replace("\\", "/"))
                if image is None or any(planned.relative == path for planned in files):
                    continue  # a built-in asset, or already planned
                try:
                    if image.stat().st_size > MAX_IMAGE_BYTES:
                        raise BundleError(f"refused: {relative} is larger than {MAX_IMAGE_BYTES // 1024} KiB")
                    image_data = image.read_bytes()
                except OSError as error:
                    raise BundleError(f"could not read {relative}: {error.strerror}") from error
                files.append(_planned(path, image_data, library.user_dir, document=False))
    routine_ids = tuple(Path(name).stem for name, kind in zip(names, kinds, strict=True) if kind is FileKind.ROUTINE)
    overrides = tuple(routine_id for routine_id in routine_ids if library.find(routine_id, Source.BUILTIN) is not None)
    replacements = _replacements(library, parsed, names, overrides)
    return ImportPlan(source, tuple(files), issues, routine_ids, overrides, replacements)


def describe_replacements(plan: ImportPlan) -> list[str]:
    """One line per piece of built-in content the plan replaces, for a confirmation prompt."""
    return [replacement.describe() for replacement in plan.replacements]


def _replacements(
    library: RoutineLibrary, parsed: Sequence[ParsedFile], names: Sequence[str], overrides: Sequence[str]
) -> tuple[Replacement, ...]:
    """The built-in exercises, routines and protocol that the bundle's files would replace."""
    builtin_exercises: dict[str, Any] = {}  # id -> its validated value
    users: dict[str, list[str]] = {}  # exercise id -> installed routines that refer to it
    incoming_routines = {Path(name).stem for name in names}
    for source, other, path in library.parsed_files():
        if source is Source.BUILTIN and other.kind is FileKind.EXERCISE_LIBRARY and other.value is not None:
            builtin_exercises.update((exercise["id"], exercise) for exercise in other.value["exercises"])
        if other.kind is FileKind.ROUTINE and path.stem not in incoming_routines:
            for reference in other.references:
                if reference.kind == "exercise" and path.stem not in users.setdefault(reference.id, []):
                    users[reference.id].append(path.stem)
    found: list[Replacement] = []
    for item in parsed:
        if item.kind is FileKind.EXERCISE_LIBRARY and item.value is not None:
            for exercise in item.value["exercises"]:
                # The very same exercise (a bundle carrying a copy of the built-ins) changes nothing.
                if exercise["id"] in builtin_exercises and builtin_exercises[exercise["id"]] != exercise:
                    routines = tuple(sorted(users.get(exercise["id"], [])))
                    found.append(Replacement(FileKind.EXERCISE_LIBRARY, exercise["id"], routines))
        elif item.kind is FileKind.CRAMP_PROTOCOL:
            found.append(Replacement(FileKind.CRAMP_PROTOCOL, item.stem))
    found += [Replacement(FileKind.ROUTINE, routine_id, (routine_id,)) for routine_id in overrides]
    return tuple(found)


def _peek_kind(text: str) -> FileKind | None:
    match = re.search(r"^kind:\s*([a-z_]+)\s*(?:#.*)?$", text, re.MULTILINE)
    return FileKind.parse(match.group(1)) if match else None


def _planned(relative: PurePosixPath, data: bytes, user_dir: Path, *, document: bool) -> PlannedFile:
    target = user_dir.joinpath(*relative.parts)
    identical = False
    clash = False
    if target.exists():
        try:
            identical = target.is_file() and target.read_bytes() == data
        except OSError:
            identical = False
        clash = not identical
    return PlannedFile(relative, data, target, clash, identical, document)


def apply_import(
    plan: ImportPlan, library: RoutineLibrary, *, replace: bool = False, replace_builtins: bool = False
) -> list[Path]:
    """Write a clean plan into the user's folder; returns the files written.

    ``replace`` allows replacing the user's own files (each keeps a ``.bak``);
    ``replace_builtins`` is the user's consent to :attr:`ImportPlan.replacements`.

    Raises:
        BundleError: the plan has validation issues (nothing written).
        ReplacesBuiltInError: it replaces built-in content without consent (nothing written).
        ImportClashError: files clash and ``replace`` is false (nothing written).
        LibraryError: writing failed; everything was put back.
    """
    if not plan.ok:
        raise BundleError(f"{len(plan.issues)} problem(s) in {plan.source}; nothing was imported")
    if plan.replacements and not replace_builtins:
        raise ReplacesBuiltInError(plan.replacements)
    if plan.clashes and not replace:
        raise ImportClashError(plan.clashes)
    writes = [(item.target, item.data) for item in plan.files if not item.identical]
    if writes:
        atomic_write_many(writes)
    library.refresh()
    return [target for target, _data in writes]


# --- export ----------------------------------------------------------------------------


def bundle_contents(library: RoutineLibrary, path: Path) -> dict[PurePosixPath, Path]:
    """The files an export of ``path`` holds: the file itself, the exercise libraries it
    needs beyond the built-ins, and the images they name from their own folders.

    Raises:
        BundleError: the file has problems, or two of its files would collide in the bundle.
    """
    parsed = library.parsed_file(path)
    if parsed is None or not parsed.ok:
        raise BundleError(f"{path.name} has problems; fix them (or save) before exporting it")
    documents = [path]
    winners = library.exercise_files()
    for reference in parsed.references:
        owner = winners.get(reference.id)
        if owner is not None and owner.parent.resolve() != library.builtin_dir.resolve() and owner not in documents:
            documents.append(owner)
    contents: dict[PurePosixPath, Path] = {}

    def add(relative: PurePosixPath, real: Path) -> None:
        if relative in contents and contents[relative].read_bytes() != real.read_bytes():
            raise BundleError(f"two different files would both be {relative} in the bundle")
        contents[relative] = real

    for document in documents:
        add(PurePosixPath(document.name), document)
        document_parsed = library.parsed_file(document)
        value = document_parsed.value if document_parsed is not None else None
        for relative in illustrations(value):
            image = find_in(document.parent, relative)
            if image is not None:
                add(PurePosixPath(relative.replace("\\", "/")), image)
    return contents


def export_bundle(library: RoutineLibrary, path: Path, dest: Path) -> ExportResult:
    """Export ``path`` (a loaded, valid file) as a bundle at ``dest``.

    ``dest`` ending in ``.zip`` makes an archive; ``.yaml``/``.yml`` a single file (only
    when nothing else is needed); anything else a new (or empty) folder. The bundle is
    checked to import cleanly on a machine with only the built-ins before it is written.

    Raises:
        BundleError: the routine has problems, needs more than one file for a ``.yaml``
            destination, the folder ``dest`` goes into does not exist (it is never
            created: the rule of every ``-o``), the folder is not empty, or it would not
            import cleanly.
        LibraryError: writing failed.
    """
    suffix = dest.suffix.lower()
    problem = _destination_problem(dest, folder=suffix != ".zip" and suffix not in YAML_SUFFIXES)
    if problem is not None:
        raise BundleError(problem)
    contents = bundle_contents(library, path)
    if suffix in YAML_SUFFIXES and len(contents) > 1:
        extra = ", ".join(str(name) for name in list(contents)[1:])
        raise BundleError(f"{path.name} needs other files too ({extra}); export it to a .zip or a folder")
    with tempfile.TemporaryDirectory(prefix="cramp-coach-export-") as tmp:
        staged = Path(tmp) / "bundle"
        for relative, real in contents.items():
            target = staged.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(real, target)
        _check_imports_cleanly(staged, library)
        names = tuple(str(relative) for relative in contents)
        if suffix == ".zip":
            _write_zip(staged, contents, dest)
        elif suffix in YAML_SUFFIXES:
            atomic_write(dest, (staged / path.name).read_bytes(), keep_backup=False)
        else:
            _write_folder(staged, dest)
    return ExportResult(dest, names)


def _destination_problem(dest: Path, *, folder: bool) -> str | None:
    """The ``-o`` rule (:mod:`.output_path`) for an export; a folder export may go into an empty folder."""
    if folder and dest.is_dir():
        if any(dest.iterdir()):
            return f"{dest} already exists and is not an empty folder; choose a new folder name"
        return None
    return output_problem(dest)


def _check_imports_cleanly(staged: Path, library: RoutineLibrary) -> None:
    with tempfile.TemporaryDirectory(prefix="cramp-coach-fresh-") as fresh:
        clean = RoutineLibrary(Path(fresh), library.builtin_dir, asset_roots=library.asset_roots)
        plan = plan_import(staged, clean)
    if not plan.ok:
        details = "; ".join(str(issue) for issue in plan.issues[:5])
        raise BundleError(f"the bundle would not import cleanly on another machine: {details}")


def _write_zip(staged: Path, contents: dict[PurePosixPath, Path], dest: Path) -> None:
    try:
        fd, raw = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".tmp")
        os.close(fd)
        temp = Path(raw)
        try:
            with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for relative in contents:
                    archive.write(staged.joinpath(*relative.parts), str(relative))
            with open(temp, "rb") as stream:
                os.fsync(stream.fileno())
            os.replace(temp, dest)
        finally:
            if temp.exists():
                temp.unlink()
    except OSError as error:
        raise LibraryError(f"Could not write {dest}: {error.strerror or error}") from error


def _write_folder(staged: Path, dest: Path) -> None:
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise BundleError(f"{dest} already exists and is not an empty folder; choose a new folder name")
    try:
        # Build the folder beside its destination, then rename it into place in one step.
        building = Path(tempfile.mkdtemp(dir=dest.parent, prefix=f".{dest.name}."))
        try:
            shutil.copytree(staged, building, dirs_exist_ok=True)
            if dest.exists():
                dest.rmdir()
            os.rename(building, dest)
        finally:
            if building.exists():
                shutil.rmtree(building)
    except OSError as error:
        raise LibraryError(f"Could not write {dest}: {error.strerror or error}") from error
