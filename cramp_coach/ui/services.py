"""The app's long-lived objects, typed, in the two stages the app builds them.

:class:`Services` exist before the first frame (cheap: no diary, no sound);
:class:`LateServices` are made just after it (``app.py`` builds both). Screens receive the
single objects they need through their constructors, never this bundle.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from cramp_coach import paths
from cramp_coach.domain.clock import ScaledClock, WallClock
from cramp_coach.ui.catalog_model import CatalogModel
from cramp_coach.ui.settings import AppSettings
from cramp_coach.ui.theme_controller import ThemeController

if TYPE_CHECKING:
    import sqlite3

    from cramp_coach.storage.diary_store import DiaryStore
    from cramp_coach.storage.first_frame_index import FirstFrameIndex
    from cramp_coach.storage.routine_library import RoutineLibrary
    from cramp_coach.ui.audio.cues import CuePlayer
    from cramp_coach.ui.audio.speech import Speaker


# NamedTuples, not frozen dataclasses: both are immutable and typed, and these are built
# before the first frame, where the dataclasses machinery costs more than Home itself.


class Services(NamedTuple):
    """What the first frame needs."""

    data: paths.DataPaths
    settings: AppSettings
    clock: ScaledClock
    wall_clock: WallClock
    catalog: CatalogModel
    assets: Callable[[str], Path | None]
    theme: ThemeController
    extra_routines: Path | None
    time_scale: float
    #: Home's cards when the routine files are as they were last time (else ``None``).
    first_frame: FirstFrameIndex | None = None

    def routine_library(self) -> RoutineLibrary:
        """The user's routine folder with the built-ins and ``--routines`` (for the editor)."""
        from cramp_coach.storage.routine_library import RoutineLibrary

        return RoutineLibrary(
            self.data.routines,
            paths.builtin_routines_dir(),
            self.extra_routines,
            asset_roots=[paths.builtin_assets_dir()],
        )


class LateServices(NamedTuple):
    """Made just after the first frame: the diary and sound. Each may be missing, with why."""

    diary: DiaryStore | None
    diary_connection: sqlite3.Connection | None  # closed (and so checkpointed) when the app ends
    diary_problem: str
    cues: CuePlayer | None
    speech: Speaker | None
    sound_problem: str
    diary_damaged: bool = False  # the diary file needs repairing (``diary`` is then its side file)
