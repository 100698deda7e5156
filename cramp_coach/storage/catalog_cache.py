"""Start faster by reusing the last loaded catalog while no routine file has changed.

Parsing and validating the YAML costs more at start-up than drawing Home (the parser,
the field spec and the files themselves, roughly 60 ms here). The loaded
:class:`~cramp_coach.domain.catalog.Catalog` is stored in the user's cache folder with a
fingerprint of every file in the routine and asset folders (path, size, modification
time) and the app version; any change means a fresh load. The cache is only a copy:
a missing, stale or unreadable cache is ignored and rewritten, never an error.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cramp_coach import __version__

if TYPE_CHECKING:
    from cramp_coach.domain.catalog import Catalog

log = logging.getLogger(__name__)

CACHE_FORMAT = 3  # bump when a cached domain type changes shape


def fingerprint(folders: Sequence[Path | None]) -> str:
    """Every file below ``folders`` with its size and modification time, as one string.

    Kept whole rather than hashed: comparing a few kilobytes costs nothing, and hashlib
    would be one more module to load before the first frame.
    """
    digest = [f"{__version__}/{CACHE_FORMAT}"]
    for folder in folders:
        digest.append(f"\0folder {folder}")
        if folder is None or not folder.is_dir():
            continue
        for root, dirs, files in os.walk(folder):
            # Compiled bytecode is not content: Python writing a .pyc must not invalidate the cache.
            dirs[:] = sorted(name for name in dirs if name != "__pycache__")
            for name in sorted(files):
                path = os.path.join(root, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                digest.append(f"\0{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return "".join(digest)


def load_cached(
    cache_file: Path, folders: Sequence[Path | None], load: Callable[[], Catalog], key: str | None = None
) -> Catalog:
    """The cached catalog when ``folders`` are unchanged since it was written, else ``load()``.

    ``key`` is ``fingerprint(folders)`` when the caller has it already.
    """
    import pickle  # with the catalog's own modules: after the first frame when Home came from its index

    from cramp_coach.domain.catalog import Catalog

    key = fingerprint(folders) if key is None else key
    try:
        with cache_file.open("rb") as stream:
            # The file is written by this app into the user's own private data folder.
            stored_key, catalog = pickle.load(stream)
        if stored_key == key and isinstance(catalog, Catalog):
            return catalog
    except FileNotFoundError:
        pass
    except Exception as error:  # unpickling can fail in many ways; each only means a fresh load
        log.info("ignoring the catalog cache %s: %s", cache_file, error)
    catalog = load()
    _store(cache_file, key, catalog)
    return catalog


def _store(cache_file: Path, key: str, catalog: Catalog) -> None:
    import pickle

    partial = cache_file.with_name(cache_file.name + ".partial")
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("wb") as stream:
            pickle.dump((key, catalog), stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, cache_file)
    except OSError as error:  # a read-only or full disk only costs the next start some time
        log.info("could not write the catalog cache %s: %s", cache_file, error)
        with contextlib.suppress(OSError):  # the folder itself may be unusable: then nothing was left
            partial.unlink(missing_ok=True)
