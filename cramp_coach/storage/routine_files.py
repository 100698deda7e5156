"""Routine files on disk: which files count, what they are called, and reading one for editing.

The file name is the id: ``bedtime.yaml`` holds the routine ``bedtime``. Drafts end in
``.draft.yaml`` and are never loaded as routines, and nor are the temporary files of a
write (:func:`~cramp_coach.storage.atomic.is_temp_file`). The naming rules themselves (kebab-case,
length limits, ids reserved for the built-in exercise library and Cramp-now protocol) are
in :mod:`cramp_coach.schema.names`, shared with the validator.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cramp_coach.schema import spec
from cramp_coach.schema.loader import ParsedFile, parse_file
from cramp_coach.schema.names import is_valid_id
from cramp_coach.storage.atomic import BACKUP_SUFFIX, backup_path, is_temp_file
from cramp_coach.storage.file_errors import LibraryError, os_message

__all__ = [
    "BACKUP_SUFFIX",
    "DRAFT_SUFFIX",
    "YAML_SUFFIXES",
    "TextFile",
    "backup_path",
    "file_id",
    "is_draft_file",
    "is_routine_file",
    "is_valid_id",
    "parse_all",
    "read_text",
    "scan",
]

YAML_SUFFIXES = (".yaml", ".yml")
DRAFT_SUFFIX = ".draft"


def is_routine_file(path: Path) -> bool:
    """A file loaded as a routine, exercise library or protocol: not a draft, never a temporary file."""
    return path.suffix.lower() in YAML_SUFFIXES and not path.stem.endswith(DRAFT_SUFFIX) and not is_temp_file(path)


def is_draft_file(path: Path) -> bool:
    return path.suffix.lower() in YAML_SUFFIXES and path.stem.endswith(DRAFT_SUFFIX) and not is_temp_file(path)


def file_id(path: Path) -> str:
    """The id a file stands for: its name without ``.yaml`` (and without ``.draft``)."""
    stem = path.stem
    return stem[: -len(DRAFT_SUFFIX)] if stem.endswith(DRAFT_SUFFIX) else stem


def scan(folder: Path, *, recursive: bool = False) -> list[Path]:
    """Routine-format files in ``folder``, sorted so loading order is stable."""
    if not folder.is_dir():
        return []
    candidates = folder.rglob("*") if recursive else folder.iterdir()
    return sorted(path for path in candidates if path.is_file() and is_routine_file(path))


def parse_all(files: Iterable[Path], asset_roots: Sequence[Path]) -> list[ParsedFile]:
    return [parse_file(path, asset_roots=asset_roots) for path in files]


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
        raise LibraryError(os_message("open", path, error)) from error
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LibraryError(f"Could not open {path}: not UTF-8 text (byte {error.start})") from error
    newline = "\r\n" if "\r\n" in text else "\n"
    return TextFile(text.replace("\r\n", "\n"), newline, bom)
