"""Unpack a bundle's ``.zip`` defensively into a private folder: no zip-slip, no zip bombs.

Every entry name is checked before anything is unpacked (an absolute path, a drive
letter, ``..`` or an overlong name rejects the whole archive), symbolic links and
encrypted entries are refused, and counts and sizes are capped while inflating, so an
archive cannot escape its folder or exhaust the disk or memory. Only routine files and
pictures are unpacked; anything else in the archive is ignored. A zip whose entries all
sit in one top-level folder (what "compress this folder" makes) is unpacked from inside
that folder.
"""

from __future__ import annotations

import stat
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from cramp_coach.schema import images, spec
from cramp_coach.schema.names import relative_path, relative_path_problem, shorten
from cramp_coach.storage.file_errors import BundleError
from cramp_coach.storage.routine_files import YAML_SUFFIXES

IMAGE_SUFFIXES = spec.AssetPath().suffixes
MAX_MEMBERS = 500
MAX_IMAGE_BYTES = images.MAX_IMAGE_BYTES
MAX_TOTAL_BYTES = 64 * 1024 * 1024

# What a damaged or unusual archive can raise while being read: a bad header, a bad
# CRC, damaged deflate data (zlib.error), a stream cut short (EOFError), a compression
# method Python does not have (NotImplementedError), a password (RuntimeError).
_ZIP_ERRORS = (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError, NotImplementedError, zlib.error)


def _member_path(name: str) -> PurePosixPath:
    """A zip member name as a safe relative path, or :class:`BundleError` (no zip-slip, no overlong names)."""
    problem = relative_path_problem(name)
    if problem is not None:
        reason = problem.replace("its folder", "the bundle")
        raise BundleError(f"refused: the archive entry '{shorten(name)}' {reason}")
    return relative_path(name)


def _wanted(relative: PurePosixPath) -> bool:
    return relative.suffix.lower() in YAML_SUFFIXES + IMAGE_SUFFIXES


def unzip(archive: Path, into: Path) -> None:
    """Unpack the routine files and images of ``archive`` into the empty folder ``into``.

    Raises:
        BundleError: the archive is damaged, unsafe or too large; ``into`` may hold part
            of it (it is a private temporary folder, thrown away with the error).
    """
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
