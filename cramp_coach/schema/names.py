"""Rules for ids and file names, shared by the validator, the library and bundle import.

The file name is the id (``bedtime.yaml`` holds the routine ``bedtime``), so an id must
also be a safe file name on every system: kebab-case and at most :data:`MAX_ID_LENGTH`
characters. Picture paths are limited too (:data:`MAX_NAME_LENGTH` per folder or file
name, :data:`MAX_PATH_LENGTH` in all), well inside what Windows, macOS and Linux accept,
so a bundle can never hold a name the disk refuses halfway through an import.

This module is light on purpose (no field spec, no YAML): the app's first frame
resolves pictures through :mod:`.assets`, which needs only these rules.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from cramp_coach.schema.kinds import RESERVED_IDS, FileKind

#: Ids (and so routine file names): lower-case words and digits joined by dashes.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
MAX_ID_LENGTH = 64
MAX_NAME_LENGTH = 100
MAX_PATH_LENGTH = 200


def is_valid_id(text: str) -> bool:
    """Whether ``text`` is a kebab-case id short enough to be a file name."""
    return len(text) <= MAX_ID_LENGTH and re.match(ID_PATTERN, text) is not None


def id_problem(text: str, kind: FileKind | None = None) -> str | None:
    """Why ``text`` cannot be the id of a file of ``kind``, as the end of a sentence; ``None`` if it can.

    The built-in exercise library and Cramp-now protocol names are reserved for their kind.
    """
    if len(text) > MAX_ID_LENGTH:
        return f"it is longer than {MAX_ID_LENGTH} characters"
    if re.match(ID_PATTERN, text) is None:
        return "use lower-case words and digits joined by dashes, like 'bedtime-jane'"
    owner = RESERVED_IDS.get(text)
    if kind is not None and owner is not None and owner is not kind:
        return f"'{text}' is the name of the {owner.label.lower()}; choose another id"
    return None


def shorten(name: str, limit: int = 48) -> str:
    """A long name cut for a one-line message, keeping its start (which people recognise)."""
    return name if len(name) <= limit else f"{name[: limit - 1]}…"


def relative_path_problem(raw: str) -> str | None:
    """Why ``raw`` is not a usable relative path inside a folder, or ``None`` if it is.

    The reason reads after the path: "'../x.png' points outside its folder".

    Refuses absolute paths, drive letters, ``..``, empty parts, NUL and names longer than
    the limits above. Backslashes count as separators (a bundle made on Windows).
    """
    cleaned = raw.replace("\\", "/")
    parts = cleaned.split("/")
    if (
        not cleaned
        or "\x00" in cleaned
        or cleaned.startswith("/")
        or (cleaned[1:2] == ":" and cleaned[0].isalpha())  # a Windows drive, C:
        or any(part in ("", ".", "..") for part in parts)
    ):
        return "points outside its folder"
    if len(cleaned) > MAX_PATH_LENGTH:
        return f"is longer than {MAX_PATH_LENGTH} characters"
    if any(len(part) > MAX_NAME_LENGTH for part in parts):
        return f"has a name longer than {MAX_NAME_LENGTH} characters"
    return None


def relative_path(raw: str) -> PurePosixPath:
    """``raw`` as a relative path (backslashes read as separators); check it first."""
    return PurePosixPath(*raw.replace("\\", "/").split("/"))
