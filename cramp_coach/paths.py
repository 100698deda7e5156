"""Where things live: the shipped content, the user's data, and explicit overrides.

Standard library only, so the command-line tools work without Qt. Tests and the
benchmarks always pass ``--data-dir`` (or set ``CRAMP_COACH_DATA_DIR``) so nothing
touches the real diary.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DATA_DIR_ENV = "CRAMP_COACH_DATA_DIR"
APP_NAME = "cramp-coach"

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


def default_data_dir(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> Path:
    """The per-user folder for the diary and the user's own routines."""
    home = Path(environ.get("HOME") or Path.home())
    if platform == "win32":
        base = Path(environ.get("APPDATA") or home / "AppData" / "Roaming")
    elif platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / APP_NAME


@dataclass(frozen=True, slots=True)
class DataPaths:
    """The user's data folder and what lives in it."""

    root: Path

    @property
    def routines(self) -> Path:
        return self.root / "routines"

    @property
    def diary(self) -> Path:
        return self.root / "diary.sqlite3"


def resolve_data_dir(override: str | Path | None = None, environ: Mapping[str, str] = os.environ) -> DataPaths:
    """``--data-dir`` wins, then ``CRAMP_COACH_DATA_DIR``, then the platform default."""
    if override:
        return DataPaths(Path(override).expanduser())
    if environ.get(DATA_DIR_ENV):
        return DataPaths(Path(environ[DATA_DIR_ENV]).expanduser())
    return DataPaths(default_data_dir(environ))
