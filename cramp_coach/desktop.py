"""Install the desktop launchers (Linux): the app, and "Cramp now" for a hot-key.

The shipped ``.desktop`` files say ``Exec=cramp-coach``; installed into a virtual
environment the command is usually not on PATH, so the installed copies name the
exact executable that ran this command.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

from cramp_coach import paths

DESKTOP_FILES = ("cramp-coach.desktop", "cramp-coach-now.desktop")


def applications_dir(environ: Mapping[str, str] = os.environ) -> Path:
    base = environ.get("XDG_DATA_HOME") or str(Path(environ.get("HOME") or Path.home()) / ".local" / "share")
    return Path(base) / "applications"


def executable() -> str:
    """The command that starts this installation of the app."""
    script = Path(sys.argv[0])
    if script.name == "cramp-coach" and script.exists():
        return str(script.resolve())
    return f"{shlex.quote(sys.executable)} -m cramp_coach"


def install(target: Path, command: str) -> list[Path]:
    """Write the launchers and the icon; returns the files written."""
    source = paths.builtin_assets_dir()
    target.mkdir(parents=True, exist_ok=True)
    icons = target.parent / "icons" / "hicolor" / "scalable" / "apps"
    icons.mkdir(parents=True, exist_ok=True)
    written = []
    for name in DESKTOP_FILES:
        text = (source / "desktop" / name).read_text(encoding="utf-8")
        text = text.replace("Exec=cramp-coach", f"Exec={command}")
        destination = target / name
        partial = destination.with_suffix(".partial")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, destination)  # never a half-written launcher
        written.append(destination)
    icon = icons / "cramp-coach.svg"
    shutil.copyfile(source / "icons" / "cramp-coach.svg", icon)
    written.append(icon)
    return written
