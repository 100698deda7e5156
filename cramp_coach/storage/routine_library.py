"""Find routine-format files on disk and load them into a :class:`Catalog`.

Sources, lowest precedence first: the built-ins shipped in the package, the user's own
folder, then an explicit ``--routines`` folder. Drafts (``*.draft.yaml``) are never
loaded as routines.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from cramp_coach import paths
from cramp_coach.schema.catalog import Catalog, assemble
from cramp_coach.schema.loader import ParsedFile, parse_file

YAML_SUFFIXES = (".yaml", ".yml")
DRAFT_SUFFIX = ".draft"


def is_routine_file(path: Path) -> bool:
    return path.suffix.lower() in YAML_SUFFIXES and not path.stem.endswith(DRAFT_SUFFIX)


def scan(folder: Path, *, recursive: bool = False) -> list[Path]:
    """Routine-format files in ``folder``, sorted so loading order is stable."""
    if not folder.is_dir():
        return []
    candidates = folder.rglob("*") if recursive else folder.iterdir()
    return sorted(path for path in candidates if path.is_file() and is_routine_file(path))


def parse_all(files: Iterable[Path], asset_roots: Sequence[Path]) -> list[ParsedFile]:
    return [parse_file(path, asset_roots=asset_roots) for path in files]


def load_catalog(
    user_dir: Path | None = None,
    extra_dir: Path | None = None,
    *,
    builtin_dir: Path | None = None,
) -> Catalog:
    """Load built-ins, then the user's folder, then ``extra_dir`` (each may override)."""
    folders = [builtin_dir or paths.builtin_routines_dir(), user_dir, extra_dir]
    asset_roots = [paths.builtin_assets_dir()]
    files = [path for folder in folders if folder is not None for path in scan(folder)]
    return assemble(parse_all(files, asset_roots))
