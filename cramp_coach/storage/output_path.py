"""The one rule for every ``-o FILE`` of the command line: checked before any work starts.

A missing folder is refused, not created: a mistyped path (``-o /hom/me/report.pdf``)
should say so at once rather than leave a new folder tree somewhere unexpected. So
``output_problem`` answers, in one sentence naming the path, when

- the folder that should hold the file does not exist, or is a file;
- the path is an existing folder (a file name is needed);
- the folder cannot be written to.

It is checked before anything is read, drawn or written, so a PDF command never
starts painting towards a file it cannot create.
"""

from __future__ import annotations

import os
from pathlib import Path


def output_problem(path: Path) -> str | None:
    """Why ``path`` cannot be written as a new or replaced file, in one sentence; ``None`` when it can."""
    folder = path.parent
    if path.is_dir():
        return f"{path} is a folder; give the name of a file to write inside it"
    if not folder.exists():
        return f"the folder {folder} does not exist; create it first or choose another place for {path.name}"
    if not folder.is_dir():
        return f"{folder} is a file, not a folder, so {path.name} cannot be written inside it"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"the folder {folder} cannot be written to (permission denied); choose another place for {path.name}"
    return None


def write_problem(path: Path, error: OSError) -> str:
    """One sentence for an ``OSError`` met while writing ``path`` (without temporary names or errno noise)."""
    return f"could not write {path}: {error.strerror or error}"
