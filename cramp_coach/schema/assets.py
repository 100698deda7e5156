"""Find the picture a routine file names: one rule for the validator, the screens and bundles.

An ``illustration`` is a relative path (checked by :mod:`.names`). It is looked up in an
ordered list of folders: the folder of the file that names it, then the user's folders,
then the built-in assets. In each folder the rule is the same: the picture must be a
regular file whose real location, after following any symbolic links, is inside that
folder's real location. A link that leads out of its folder is never followed, whoever
asks: the validator reports the picture as missing, the screens show none, and an import
refuses the bundle (:func:`leaves_folder`).

The validator, the app's screens, the handout and bundle import all use
:class:`AssetResolver`, so a picture that validates is the picture that is drawn.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from cramp_coach.schema.names import relative_path, relative_path_problem


def _candidate(folder: Path, relative: str) -> Path | None:
    if relative_path_problem(relative) is not None:
        return None
    return folder.joinpath(*relative_path(relative).parts)


def find_in(folder: Path, relative: str) -> Path | None:
    """The picture ``relative`` inside ``folder`` under the rule above, or ``None``."""
    candidate = _candidate(folder, relative)
    if candidate is None:
        return None
    try:
        real = candidate.resolve(strict=True)
        if not real.is_file() or not real.is_relative_to(folder.resolve()):
            return None
    except (OSError, RuntimeError):  # missing, unreadable, or a loop of links
        return None
    return candidate


def leaves_folder(folder: Path, relative: str) -> bool:
    """Whether ``relative`` exists in ``folder`` only as a link (or a path through one) leading out of it."""
    candidate = _candidate(folder, relative)
    if candidate is None or not os.path.lexists(candidate):
        return False
    return find_in(folder, relative) is None and _resolves_outside(folder, candidate)


def _resolves_outside(folder: Path, candidate: Path) -> bool:
    try:
        return not candidate.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return True


class AssetResolver:
    """Finds pictures named by routine files in an ordered list of folders.

    Call it with a relative path for the file, or ``None``. :meth:`with_base` puts the
    folder of the file being shown first.

    Attributes:
        folders: where to look, first match wins.
    """

    def __init__(self, folders: Sequence[Path]) -> None:
        self.folders: tuple[Path, ...] = tuple(folders)

    def __call__(self, relative: str) -> Path | None:
        for folder in self.folders:
            found = find_in(folder, relative)
            if found is not None:
                return found
        return None

    def with_base(self, base_dir: Path | None) -> AssetResolver:
        """The same lookup, but next to ``base_dir`` first (the file that names the picture)."""
        if base_dir is None:
            return self
        return AssetResolver([base_dir, *(folder for folder in self.folders if folder != base_dir)])

    def __repr__(self) -> str:
        return f"AssetResolver({[str(folder) for folder in self.folders]})"
