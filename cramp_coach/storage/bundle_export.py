"""Export a routine as a bundle: a ``.zip``, a folder, or a lone ``.yaml``.

The bundle holds the routine file, the exercise libraries of the user's own that it
needs beyond the built-ins, and the pictures they name from their own folders (built-in
pictures are on every machine and are left out), laid out as in a routines folder.
Before anything is written, the bundle is imported into an empty, temporary user folder
with only the built-ins: an export that would not import cleanly on the patient's
machine is refused. The archive or folder is built beside its destination and renamed
into place in one step.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from cramp_coach.schema.assets import find_in
from cramp_coach.storage.atomic import TEMP_SUFFIX, atomic_write
from cramp_coach.storage.bundle_plan import plan_import
from cramp_coach.storage.bundle_reading import illustrations
from cramp_coach.storage.file_errors import BundleError, LibraryError
from cramp_coach.storage.library import RoutineLibrary
from cramp_coach.storage.output_path import output_problem
from cramp_coach.storage.routine_files import YAML_SUFFIXES


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What :func:`export_bundle` wrote: where, and which files it holds."""

    dest: Path
    files: tuple[str, ...]


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
        fd, raw = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=TEMP_SUFFIX)
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
