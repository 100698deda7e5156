"""Read a bundle whole and check it as it will be after the import, pictures included.

A *bundle* is what a physiotherapist hands to a patient: one routine file, or a folder
or ``.zip`` holding routine-format files (``*.yaml`` at its top level) and the images
they name, laid out exactly as in a routines folder (``my-routine.yaml`` next to
``images/my-stretch.svg``). A zip is unpacked by :mod:`.bundle_archive` into a private
temporary folder first.

:func:`read_bundle` validates every document under the name it will have (the name is
the id) against the built-in and the user's own exercises, with pictures found in the
bundle, the user's folder or the built-in assets, exactly as they will resolve after the
import. It returns the bytes of every file the bundle brings and changes nothing.
"""

from __future__ import annotations

import dataclasses
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from cramp_coach.domain.errors import Issue
from cramp_coach.schema import spec
from cramp_coach.schema.assets import find_in, leaves_folder
from cramp_coach.schema.catalog import assemble
from cramp_coach.schema.kinds import FileKind
from cramp_coach.schema.loader import ParsedFile, parse_text
from cramp_coach.schema.names import id_problem, shorten
from cramp_coach.storage.bundle_archive import MAX_IMAGE_BYTES, unzip
from cramp_coach.storage.file_errors import BundleError
from cramp_coach.storage.library import RoutineLibrary, Source
from cramp_coach.storage.routine_files import YAML_SUFFIXES, is_routine_file


@dataclass(frozen=True, slots=True)
class BundleDocument:
    """One routine-format file of a bundle, checked.

    Attributes:
        name: the file name it will have in the routines folder (its id + ``.yaml``).
        kind: what it holds, read from its header (``None`` when that cannot be read).
        parsed: the validated file (its ``issues`` name the file as the user sees it
            only in :attr:`ReadBundle.issues`).
        label: how messages name it, e.g. ``jane.zip/jane.yaml``.
        text: its text.
    """

    name: str
    kind: FileKind | None
    parsed: ParsedFile
    label: str
    text: str

    @property
    def id(self) -> str:
        return Path(self.name).stem


@dataclass(frozen=True, slots=True)
class BundleFile:
    """A file the bundle brings: its path inside the routines folder and its bytes."""

    relative: PurePosixPath
    data: bytes
    document: bool


@dataclass(frozen=True, slots=True)
class ReadBundle:
    """A bundle read whole; see :func:`read_bundle`.

    Attributes:
        source: the file, folder or zip given.
        documents: the routine-format files, in name order.
        files: every file to copy: each document followed by the pictures it names that
            the bundle holds (built-in pictures are on every machine and are left out).
        issues: every validation problem, naming files as ``jane.zip/jane.yaml``.
    """

    source: Path
    documents: tuple[BundleDocument, ...]
    files: tuple[BundleFile, ...]
    issues: tuple[Issue, ...]


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
            unzip(source, root)
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


def _peek_kind(text: str) -> FileKind | None:
    match = re.search(r"^kind:\s*([a-z_]+)\s*(?:#.*)?$", text, re.MULTILINE)
    return FileKind.parse(match.group(1)) if match else None


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


def read_bundle(source: Path, library: RoutineLibrary, *, new_id: str | None = None) -> ReadBundle:
    """Read and validate a bundle as it would be imported into ``library``; changes nothing.

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
        files: list[BundleFile] = []
        for name, data, item in zip(names, raw, parsed, strict=True):
            files.append(BundleFile(PurePosixPath(name), data, document=True))
            if item.value is not None:
                files += _pictures(opened, illustrations(item.value), {file.relative for file in files})
    documents = tuple(
        BundleDocument(name, kind, item, labels[name], text)
        for name, kind, item, text in zip(names, kinds, parsed, texts, strict=True)
    )
    return ReadBundle(source, documents, tuple(files), issues)


def _pictures(opened: _Opened, named: list[str], planned: set[PurePosixPath]) -> list[BundleFile]:
    """The pictures a document names that the bundle holds, not already in ``planned``."""
    found: list[BundleFile] = []
    for relative in named:
        if leaves_folder(opened.root, relative):
            where = f"{opened.label}/{relative}" if opened.label else relative
            raise BundleError(f"refused: the picture {where} is a link to a file outside the bundle")
        image = find_in(opened.root, relative)
        path = PurePosixPath(relative.replace("\\", "/"))
        if image is None or path in planned:
            continue  # a built-in asset, or already planned
        try:
            if image.stat().st_size > MAX_IMAGE_BYTES:
                raise BundleError(f"refused: {relative} is larger than {MAX_IMAGE_BYTES // 1024} KiB")
            data = image.read_bytes()
        except OSError as error:
            raise BundleError(f"could not read {relative}: {error.strerror}") from error
        found.append(BundleFile(path, data, document=False))
        planned.add(path)
    return found
