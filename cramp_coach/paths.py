"""Where things live: the shipped content, the user's data, and explicit overrides.

Standard library and platformdirs only, so the command-line tools work without Qt. Tests and the
benchmarks always pass ``--data-dir`` (or set ``CRAMP_COACH_DATA_DIR``) so nothing
touches the real diary.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

DATA_DIR_ENV = "CRAMP_COACH_DATA_DIR"
APP_NAME = "cramp-coach"
DIARY_FILE = "diary.sqlite3"

PACKAGE_DIR = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    # A wheel carries the content inside the package (pyproject's force-include); a
    # source checkout or editable install finds it at the top of the repository.
    installed = PACKAGE_DIR / "_data" / name
    return installed if installed.is_dir() else PACKAGE_DIR.parent / name


def builtin_routines_dir() -> Path:
    return _shipped("routines")


def builtin_assets_dir() -> Path:
    return _shipped("assets")


def schema_file() -> Path:
    """The JSON Schema for routine files, for editors such as VS Code."""
    return PACKAGE_DIR / "schema" / "routine.schema.json"


def default_data_dir(platform: str | None = None) -> Path:
    """The per-user folder for the diary and the user's own routines, from platformdirs.

    Linux: ``$XDG_DATA_HOME/cramp-coach`` (``~/.local/share/cramp-coach``); macOS:
    ``~/Library/Application Support/cramp-coach``; Windows: ``%LOCALAPPDATA%\\cramp-coach``.
    Windows uses the local, not the roaming, folder: the diary is an SQLite database, and a
    roaming profile copies files at sign-out without knowing about its journal.
    """
    # Imported here: only the app and the diary commands need it, not `validate`.
    from platformdirs.api import PlatformDirsABC

    platform = platform or sys.platform
    Dirs: type[PlatformDirsABC]  # noqa: N806 - a class
    if platform == "win32":
        from platformdirs.windows import Windows as Dirs
    elif platform == "darwin":
        from platformdirs.macos import MacOS as Dirs
    else:
        from platformdirs.unix import Unix as Dirs
    # appauthor=False: no "cramp-coach\\cramp-coach" doubling on Windows.
    return Path(Dirs(appname=APP_NAME, appauthor=False).user_data_dir)


def legacy_data_dirs(environ: Mapping[str, str] = os.environ, platform: str | None = None) -> list[Path]:
    """Where version 0.1 kept the data folder (its own hand-rolled paths), for the migration."""
    platform = platform or sys.platform
    home = Path(environ.get("HOME") or Path.home())
    if platform == "win32":
        return [Path(environ.get("APPDATA") or home / "AppData" / "Roaming") / APP_NAME]
    if platform == "darwin":
        return [home / "Library" / "Application Support" / APP_NAME]
    return [Path(environ.get("XDG_DATA_HOME") or home / ".local" / "share") / APP_NAME]


def migrate_legacy_data(target: Path, legacy: Iterable[Path]) -> str | None:
    """Bring a diary (and everything beside it) from an old data folder into ``target``.

    Runs when ``target`` has no diary yet and an old folder has one. When ``target`` does
    not exist the old folder is renamed into place (atomic on one volume). Otherwise each
    entry ``target`` lacks is copied in under a temporary name and renamed, so nothing is
    ever half-copied, and the old folder is left as it was: user data is never deleted.

    Returns:
        A sentence saying what was moved (for the log), or None when there was nothing to do.
    """
    if (target / DIARY_FILE).exists():
        return None
    for old in legacy:
        if old == target or not (old / DIARY_FILE).is_file():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            try:
                os.rename(old, target)
                return f"Moved your data folder from {old} to {target}."
            except OSError:
                pass  # another volume: copy instead
        target.mkdir(parents=True, exist_ok=True)
        for entry in sorted(old.iterdir()):
            destination = target / entry.name
            if destination.exists():
                continue
            import shutil

            partial = target / f".{entry.name}.migrating"
            if entry.is_dir():
                shutil.rmtree(partial, ignore_errors=True)
                shutil.copytree(entry, partial)
            else:
                shutil.copy2(entry, partial)
            os.replace(partial, destination)
        return f"Copied your data from {old} to {target}; the old folder was left as it was."
    return None


class DataPaths:
    """The user's data folder and what lives in it.

    A plain class rather than a dataclass: it is needed before the first frame, and the
    dataclasses machinery is not loaded by then.
    """

    __slots__ = ("root",)

    def __init__(self, root: Path) -> None:
        self.root = root

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DataPaths) and other.root == self.root

    def __hash__(self) -> int:
        return hash(self.root)

    def __repr__(self) -> str:
        return f"DataPaths(root={self.root!r})"

    @property
    def routines(self) -> Path:
        return self.root / "routines"

    @property
    def diary(self) -> Path:
        return self.root / DIARY_FILE


def resolve_data_dir(override: str | Path | None = None, environ: Mapping[str, str] = os.environ) -> DataPaths:
    """``--data-dir`` wins, then ``CRAMP_COACH_DATA_DIR``, then the platform default.

    Only the platform default is migrated from an old location (:func:`migrate_legacy_data`);
    a folder the user named is used exactly as given.
    """
    if override:
        return DataPaths(Path(override).expanduser())
    if environ.get(DATA_DIR_ENV):
        return DataPaths(Path(environ[DATA_DIR_ENV]).expanduser())
    root = default_data_dir()
    try:
        moved = migrate_legacy_data(root, legacy_data_dirs(environ))
    except OSError as error:
        import logging

        log = logging.getLogger(__name__)
        # The app still starts (with an empty diary at the new place); the old data is untouched.
        log.warning("could not bring the old data folder over: %s", error)
    else:
        if moved:
            import logging

            logging.getLogger(__name__).info("%s", moved)
    return DataPaths(root)
