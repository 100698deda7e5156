"""The old home of the routine library, kept so existing imports keep working.

The code now lives in modules with one job each:

* :mod:`.atomic`: all-or-nothing writes (``atomic_write``, ``atomic_write_many``) and
  ``move_no_clobber``;
* :mod:`.routine_files`: which files count, their names and ids, reading one for editing;
* :mod:`.trash`: deleting to ``.trash/`` and Undo;
* :mod:`.file_errors`: ``LibraryError`` and its kin;
* :mod:`.library`: ``RoutineLibrary``, ``load_catalog`` and the editor's value types;
* :mod:`cramp_coach.schema.assets`: the one picture resolver;
* :mod:`cramp_coach.schema.kinds`: ``FileKind``.

New code should import from those modules.
"""

from __future__ import annotations

import os  # noqa: F401  (older tests patch routine_library.os.replace, which is os.replace)

from cramp_coach.schema.assets import AssetResolver
from cramp_coach.schema.kinds import FileKind
from cramp_coach.schema.names import is_valid_id
from cramp_coach.storage.atomic import BACKUP_SUFFIX, atomic_write, atomic_write_many, backup_path
from cramp_coach.storage.file_errors import IdClashError, InvalidFileError, LibraryError
from cramp_coach.storage.library import CheckResult, LibraryEntry, RoutineLibrary, Source, load_catalog
from cramp_coach.storage.routine_files import (
    DRAFT_SUFFIX,
    YAML_SUFFIXES,
    TextFile,
    file_id,
    is_draft_file,
    is_routine_file,
    parse_all,
    read_text,
    scan,
)
from cramp_coach.storage.trash import TRASH_FOLDER, TRASH_KEEP_DAYS, DeletedFile

__all__ = [
    "BACKUP_SUFFIX",
    "DRAFT_SUFFIX",
    "TRASH_FOLDER",
    "TRASH_KEEP_DAYS",
    "YAML_SUFFIXES",
    "AssetResolver",
    "CheckResult",
    "DeletedFile",
    "FileKind",
    "IdClashError",
    "InvalidFileError",
    "LibraryEntry",
    "LibraryError",
    "RoutineLibrary",
    "Source",
    "TextFile",
    "atomic_write",
    "atomic_write_many",
    "backup_path",
    "file_id",
    "is_draft_file",
    "is_routine_file",
    "is_valid_id",
    "load_catalog",
    "parse_all",
    "read_text",
    "scan",
]
