"""Building the app's services: what the first frame needs, and what comes right after it.

``app.py`` (the composition root) calls :func:`build_services` before the first frame and
:func:`build_late_services` just after it; both return the typed bundles of
``ui/services.py``. Nothing here is imported that the first frame does not need: the
YAML parser, the diary and sound load inside the functions that use them.
"""

from __future__ import annotations

import argparse
import functools
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from cramp_coach import paths
from cramp_coach.domain.clock import ScaledClock, SystemWallClock
from cramp_coach.domain.routine_card import RoutineCard
from cramp_coach.storage import first_frame_index
from cramp_coach.storage.catalog_cache import fingerprint, load_cached
from cramp_coach.ui.catalog_model import CatalogModel
from cramp_coach.ui.services import LateServices, Services
from cramp_coach.ui.settings import AppSettings
from cramp_coach.ui.theme_controller import ThemeController

if TYPE_CHECKING:
    import sqlite3

    from cramp_coach.domain.catalog import Catalog
    from cramp_coach.storage.diary_store import DiaryStore
    from cramp_coach.storage.first_frame_index import FirstFrameIndex

log = logging.getLogger("cramp_coach")


def catalog_folders(user_dir: Path, extra_dir: Path | None) -> list[Path | None]:
    """Every folder whose files the loaded catalog depends on."""
    # The domain code too: a cached value type that changed shape must never be read back.
    return [
        paths.PACKAGE_DIR / "domain",
        paths.builtin_routines_dir(),
        paths.builtin_assets_dir(),
        user_dir,
        extra_dir,
    ]


def load_routines(cache_dir: Path, user_dir: Path, extra_dir: Path | None, key: str | None = None) -> Catalog:
    """Built-ins, the user's folder and ``--routines``, reusing the last load if nothing changed."""

    def load() -> Catalog:
        from cramp_coach.storage.routine_library import load_catalog  # the YAML parser, only when needed

        return load_catalog(user_dir, extra_dir)

    return load_cached(cache_dir / "catalog.pickle", catalog_folders(user_dir, extra_dir), load, key)


def write_first_frame_index(cache_dir: Path, user_dir: Path, extra_dir: Path | None, catalog: Catalog) -> None:
    """What the next first frame (Home, or Cramp now) is built from (storage/first_frame_index.py)."""
    from cramp_coach.domain.cramp_opening import CrampOpening

    key = fingerprint(catalog_folders(user_dir, extra_dir))
    cards = [RoutineCard.of(routine) for routine in catalog.routines.values()]
    opening = CrampOpening.of(catalog.protocol) if catalog.protocol is not None else None
    first_frame_index.write(cache_dir / "first-frame.marshal", key, cards, len(catalog.files_with_issues), opening)


def picture_finder(folders: Sequence[Path]) -> Callable[[str], Path | None]:
    """Finds a routine's pictures in ``folders``; the resolver is made on the first picture
    asked for, since the first frame shows none."""

    @functools.cache
    def resolver() -> Callable[[str], Path | None]:
        from cramp_coach.schema.assets import AssetResolver

        return AssetResolver(folders)

    return lambda name: resolver()(name)


def builtin_first_frame(user_dir: Path, extra_dir: Path | None) -> FirstFrameIndex | None:
    """The built-in routines' first frame while the user has no routines of their own (a fresh install)."""
    from cramp_coach.storage.first_frame_builtin import builtin_index, has_own_routines

    return None if extra_dir is not None or has_own_routines(user_dir) else builtin_index()


def build_services(qt_app: QApplication, args: argparse.Namespace) -> Services:
    """Everything the first frame needs, and nothing more (no diary, no sound)."""
    data = paths.resolve_data_dir(args.data_dir)
    extra = Path(args.routines) if args.routines else None
    settings = AppSettings(data.root / "settings.ini", qt_app)
    wall_clock = SystemWallClock()
    cache = data.root / "cache"
    key = fingerprint(catalog_folders(data.routines, extra))
    start_keys = [key]  # the first load reuses the fingerprint taken here; a reload takes a new one

    def load() -> Catalog:
        return load_routines(cache, data.routines, extra, start_keys.pop() if start_keys else None)

    return Services(
        data=data,
        settings=settings,
        clock=ScaledClock(args.time_scale),
        wall_clock=wall_clock,
        catalog=CatalogModel(load, qt_app),
        first_frame=(
            first_frame_index.read(cache / "first-frame.marshal", key) or builtin_first_frame(data.routines, extra)
        ),
        assets=picture_finder([folder for folder in (extra, data.routines) if folder] + [paths.builtin_assets_dir()]),
        theme=ThemeController(
            qt_app, settings, wall_clock, paths.builtin_assets_dir() / "style" / "app.qss", emergency=args.emergency
        ),
        extra_routines=extra,
        time_scale=args.time_scale,
    )


def open_late_diary(services: Services) -> tuple[DiaryStore | None, sqlite3.Connection | None, str, bool]:
    """The diary (or, while it is damaged, its side file), its connection, why it can't be used, and if damaged."""
    from cramp_coach.storage.database import StorageError
    from cramp_coach.storage.diary_health import open_diary

    # Checked whole before any write (here, after the first frame, it costs no start-up).
    # While the diary is damaged the store writes to a side file, merged in on repair or the
    # next healthy open, so Cramp now and the player still record: then diary_problem is set
    # *and* diary is not None (see the diary screen below).
    opened = open_diary(services.data.diary)
    diary: DiaryStore | None = opened.store
    connection = opened.connection
    diary_problem = opened.health.message
    if diary_problem:
        log.warning("diary unavailable: %s", diary_problem)
    try:
        if diary is not None:
            diary.close_interrupted_sessions(services.wall_clock.now())
    except StorageError as error:
        log.warning("diary unavailable: %s", error)
        diary, diary_problem = None, str(error)
    return diary, connection, diary_problem, opened.health.needs_repair


def reopen_diary(late: LateServices, services: Services) -> LateServices:
    """``late`` with the diary opened again (after a repair)."""
    diary, connection, problem, damaged = open_late_diary(services)
    return late._replace(diary=diary, diary_connection=connection, diary_problem=problem, diary_damaged=damaged)


def build_late_services(services: Services, parent: QObject) -> LateServices:
    """The diary and sound, each replaced by ``None`` and a reason when it cannot work."""
    diary, connection, diary_problem, damaged = open_late_diary(services)
    try:
        from cramp_coach.ui.audio.cues import CuePlayer
        from cramp_coach.ui.audio.speech import Speaker
    except ImportError as error:
        return LateServices(diary, connection, diary_problem, None, None, f"Sound is off: {error}", damaged)
    settings = services.settings
    volume = settings.volume / 100
    cues = CuePlayer(paths.builtin_assets_dir() / "sounds", parent, enabled=settings.sounds, volume=volume)
    speech = Speaker(services.data.root / "cache" / "speech", parent, enabled=settings.voice, volume=volume)
    return LateServices(diary, connection, diary_problem, cues, speech, "", damaged)
