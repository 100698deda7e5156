"""Composition root: the only place that builds concrete objects and wires them.

Order matters for how the app feels. Routines are loaded and the diary is opened
before any window exists (errors are collected, never fatal), and the theme is applied
before the first frame (no white flash at night). Only what the first frame shows is
built before it: Home, or Cramp now for ``--emergency``. Everything else (the player,
sound and speech, the other screens, the single-instance server) is built right after
that frame is painted, or earlier on demand.
"""

from __future__ import annotations

import argparse
import datetime
import logging
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from cramp_coach import paths
from cramp_coach.domain.catalog import Catalog
from cramp_coach.domain.clock import SystemWallClock
from cramp_coach.storage.catalog_cache import load_cached
from cramp_coach.ui import theme
from cramp_coach.ui.main_window import MainWindow
from cramp_coach.ui.screens.home_screen import HomeScreen
from cramp_coach.ui.settings import AppSettings

if TYPE_CHECKING:
    from cramp_coach.domain.routine import Routine
    from cramp_coach.ui.player_controller import SessionSummary
    from cramp_coach.ui.screens.cramp_screen import CrampScreen
    from cramp_coach.ui.screens.editor_screen import EditorScreen

log = logging.getLogger("cramp_coach")

QUIT_AFTER_PAINT_ENV = "CRAMP_COACH_QUIT_AFTER_PAINT"
# Benchmarks read "painted <screen> <monotonic seconds>" lines from stdout.
TRACE_PAINT_ENV = "CRAMP_COACH_TRACE_PAINT"


class ScaledClock:
    """A monotonic clock running ``scale`` times faster: for demos, end-to-end tests and
    the editor's 10x preview. Changing the scale keeps the reading continuous."""

    def __init__(self, scale: float = 1.0) -> None:
        self._scale = scale
        self._origin = time.monotonic()
        self._base = self._origin

    def monotonic(self) -> float:
        return self._base + (time.monotonic() - self._origin) * self._scale

    @property
    def scale(self) -> float:
        return self._scale

    def set_scale(self, scale: float) -> None:
        now = self.monotonic()
        self._origin, self._base, self._scale = time.monotonic(), now, scale


class AssetResolver:
    """Find an image named by a routine file: user folders first, then the built-in assets.

    Paths were already checked by the loader not to escape their folders.
    """

    def __init__(self, folders: list[Path]) -> None:
        self._folders = folders

    def __call__(self, relative: str) -> Path | None:
        for folder in self._folders:
            candidate = folder / relative
            if candidate.is_file():
                return candidate
        return None


def load_routines(cache_file: Path, user_dir: Path, extra_dir: Path | None) -> Catalog:
    """Built-ins, the user's folder and ``--routines``, reusing the last load if nothing changed."""

    def load() -> Catalog:
        from cramp_coach.storage.routine_library import load_catalog  # the YAML parser, only when needed

        return load_catalog(user_dir, extra_dir)

    # The domain code too: a cached value type that changed shape must never be read back.
    folders = [
        paths.PACKAGE_DIR / "domain",
        paths.builtin_routines_dir(),
        paths.builtin_assets_dir(),
        user_dir,
        extra_dir,
    ]
    return load_cached(cache_file, folders, load)


class CrampCoachApp:
    """Builds the window and its screens and connects them; owns nothing global."""

    def __init__(self, qt_app: QApplication, args: argparse.Namespace) -> None:
        self.qt_app = qt_app
        self.args = args
        self.data = paths.resolve_data_dir(args.data_dir)
        extra = Path(args.routines) if args.routines else None
        self.catalog: Catalog = load_routines(self.data.root / "cache" / "catalog.pickle", self.data.routines, extra)
        self.settings = AppSettings(self.data.root / "settings.ini", qt_app)
        # A cold --emergency start styles everything in the cramp palette at once, rather
        # than the usual theme plus a second, screen-level sheet for Cramp now.
        self.palette = (
            theme.CRAMP if args.emergency else theme.palette_for(self.settings.theme, datetime.datetime.now())
        )
        self.apply_theme()
        self.assets = AssetResolver(
            [folder for folder in (extra, self.data.routines) if folder] + [paths.builtin_assets_dir()]
        )
        # The diary is opened just after the first frame (see complete()): Home does not need it.
        self.diary: object | None = None
        self.diary_problem = ""
        self.clock = ScaledClock(args.time_scale)
        self._previewing = False
        self.wall_clock = SystemWallClock()
        self.window = MainWindow()
        self.cues: object | None = None
        self.speech: object | None = None
        self.sound_problem = ""
        self._cramp_screen: CrampScreen | None = None
        self._editor_screen: EditorScreen | None = None
        self._completed = False

        self.home = HomeScreen(
            self.catalog.routines,
            self.settings.tonight_routine,
            on_choose=lambda routine_id: setattr(self.settings, "tonight_routine", routine_id),
            problem_count=len(self.catalog.files_with_issues),
        )
        self.window.add_screen(self.home)
        self.home.cramp_now_requested.connect(self.show_cramp_now)
        self.window.cramp_now_requested.connect(self.show_cramp_now)
        self.home.start_requested.connect(self.start_routine)
        self.home.problems_requested.connect(self.show_load_errors)
        self.home.editor_requested.connect(lambda: self.show(self.editor_screen))
        self.home.settings_requested.connect(lambda: self.show(self.settings_screen))
        self.home.diary_requested.connect(lambda: self.show(self.diary_screen))
        self.window.closing.connect(self._on_closing)
        self.settings.changed.connect(self._on_settings_changed)
        self.window.show_screen(self.home)

    # -- construction -------------------------------------------------------------------

    def _open_diary(self) -> tuple[object | None, str]:
        from cramp_coach.storage.database import StorageError, open_database
        from cramp_coach.storage.diary_store import DiaryStore

        try:
            store = DiaryStore(open_database(self.data.diary))
            store.close_interrupted_sessions(SystemWallClock().now())
            return store, ""
        except StorageError as error:
            log.warning("diary unavailable: %s", error)
            return None, str(error)

    @property
    def cramp_screen(self) -> CrampScreen | None:
        """Cramp now, built on first use (or just after the first frame)."""
        if self._cramp_screen is None and self.catalog.protocol is not None:
            from cramp_coach.ui.screens.cramp_screen import CrampScreen

            # complete() runs in the event-loop turn right after the first frame, before
            # anyone can choose a location; until then there is no diary to write to.

            screen = CrampScreen(
                self.catalog.protocol,
                lambda: self.settings.cannot_stand_at_night,
                self.clock,
                self.wall_clock,
                diary=self.diary,  # type: ignore[arg-type]
                cues=self.cues,  # type: ignore[arg-type]
                speech=self.speech,  # type: ignore[arg-type]
                resolve_asset=self.assets,
            )
            screen.setObjectName("cramp-now")
            # Its own stylesheet, in the darkest palette: opening Cramp now is then only
            # a page switch, never an app-wide restyle (the hand-over must be quick).
            if self.palette is not theme.CRAMP:
                screen.setStyleSheet(self._stylesheet(theme.CRAMP))
            screen.closed.connect(self._on_cramp_closed)
            self.window.add_screen(screen)
            self._cramp_screen = screen
        return self._cramp_screen

    def complete(self) -> None:
        """Build everything the first frame did not need. Safe to call more than once."""
        if self._completed:
            return
        self._completed = True
        from cramp_coach.ui.diary import DiaryScreen
        from cramp_coach.ui.keep_awake import KeepAwake
        from cramp_coach.ui.player_controller import PlayerController
        from cramp_coach.ui.screens.finish_screen import FinishScreen
        from cramp_coach.ui.screens.player_screen import PlayerScreen
        from cramp_coach.ui.screens.settings_screen import SettingsScreen

        self.diary, self.diary_problem = self._open_diary()
        self.cues, self.speech, self.sound_problem = self._make_sound()
        self.keep_awake = KeepAwake(self.window)
        self.controller = PlayerController(
            self.clock,
            self.wall_clock,
            diary=self.diary,  # type: ignore[arg-type]
            cues=self.cues,  # type: ignore[arg-type]
            speech=self.speech,  # type: ignore[arg-type]
            keep_awake=lambda on: self.keep_awake.hold() if on else self.keep_awake.release(),
            # A sped-up clock (--time-scale, a 10x preview) covers more than 5 s between two
            # ticks without any suspend.
            gap_threshold=5.0 * max(10.0, self.args.time_scale),
            parent=self.window,
        )
        if self._cramp_screen is not None:
            self._cramp_screen.attach_sound(self.cues, self.speech)  # type: ignore[arg-type]
            self._cramp_screen.attach_diary(self.diary)  # type: ignore[arg-type]
        self.player_screen = PlayerScreen(self.controller, lambda: self.palette, self.assets)
        self.finish = FinishScreen()
        from cramp_coach.ui.reminder import BedtimeReminder

        self.reminder = BedtimeReminder(
            self.settings,
            self.wall_clock,
            icon=paths.builtin_assets_dir() / "icons" / "cramp-coach.svg",
            parent=self.window,
        )
        self.settings_screen = SettingsScreen(
            self.settings, sound_status=self.sound_problem, reminder_note=self.reminder.unavailable_reason
        )
        self.diary_screen = DiaryScreen(
            self.diary,  # type: ignore[arg-type]
            problem=self.diary_problem,
            wall_clock=self.wall_clock,
        )
        self.diary_screen.follow_catalog(self.catalog)
        self.reminder.start_requested.connect(self._start_tonight)
        self.reminder.show_requested.connect(self.window.bring_to_front)
        self.reminder.cramp_now_requested.connect(self.show_cramp_now)
        self.reminder.quit_requested.connect(self.qt_app.quit)
        self.qt_app.aboutToQuit.connect(self.reminder.stop)
        self.window.hide_on_close = lambda: self.reminder.keeps_running
        self._follow_reminder()
        for screen in (self.player_screen, self.finish, self.settings_screen, self.diary_screen):
            self.window.add_screen(screen)
        _ = self.cramp_screen  # ready for a hand-over before anyone asks

        self.diary_screen.back_requested.connect(self.go_home)
        self.settings_screen.back_requested.connect(self.go_home)
        self.finish.home_requested.connect(self.go_home)
        self.finish.again_requested.connect(
            lambda: self.controller.routine and self.start_routine(self.controller.routine)
        )
        self.controller.finished.connect(self._on_finished)
        for source in (self.cues, self.speech):
            if source is not None:
                source.unavailable.connect(self.player_screen.show_notice)  # type: ignore[attr-defined]
        if self.diary_problem:
            self.player_screen.show_notice(self.diary_problem)

    def _make_sound(self) -> tuple[object | None, object | None, str]:
        try:
            from cramp_coach.ui.audio.cues import CuePlayer
            from cramp_coach.ui.audio.speech import Speaker
        except ImportError as error:
            return None, None, f"Sound is off: {error}"
        volume = self.settings.volume / 100
        sounds = paths.builtin_assets_dir() / "sounds"
        cues = CuePlayer(sounds, self.window, enabled=self.settings.sounds, volume=volume)
        speech = Speaker(self.data.root / "cache" / "speech", self.window, enabled=self.settings.voice, volume=volume)
        return cues, speech, ""

    # -- actions ------------------------------------------------------------------------

    def show(self, screen: object) -> None:
        self.complete()
        self.window.show_screen(screen)  # type: ignore[arg-type]

    def start_routine(self, routine: Routine) -> None:
        self.complete()
        if self._previewing:  # a real routine replaces a preview, at normal speed
            self._previewing = False
            self.controller.stop()
        self.clock.set_scale(self.args.time_scale)
        self.window.show_screen(self.player_screen)
        self.controller.start(routine)

    def _start_tonight(self) -> None:
        """From the bedtime reminder: tonight's routine, unless one is already playing."""
        self.window.bring_to_front()
        if self.home.tonight is not None and not self.controller.active:
            self.start_routine(self.home.tonight)

    def _follow_reminder(self) -> None:
        # With the reminder in the tray, closing the window must not end the app.
        self.qt_app.setQuitOnLastWindowClosed(not self.reminder.keeps_running)

    def go_home(self) -> None:
        self.window.show_screen(self.home)

    def show_cramp_now(self) -> None:
        """From anywhere: pause a playing routine and open Cramp now."""
        screen = self.cramp_screen
        if screen is None:  # only if the shipped protocol itself is broken; tests forbid that
            self.show_load_errors()
            return
        if self._completed and self.controller.active:
            self.controller.pause()
        if self.window.current is not screen:
            if not screen.active:
                screen.open()
            self.window.show_screen(screen)
        self.window.bring_to_front()

    def _on_cramp_closed(self) -> None:
        if self.palette is theme.CRAMP:  # started with --emergency: now the usual theme
            self.palette = theme.palette_for(self.settings.theme, datetime.datetime.now())
            self.cramp_screen.setStyleSheet(self._stylesheet(theme.CRAMP))  # type: ignore[union-attr]
            self.apply_theme()
        # Back to a routine the cramp interrupted (it stays paused), otherwise Home.
        playing = self._completed and self.controller.active
        self.window.show_screen(self.player_screen if playing else self.home)

    def on_instance_message(self, message: str) -> None:
        if message == "emergency":
            self.show_cramp_now()
        else:
            self.window.bring_to_front()

    def show_load_errors(self) -> None:
        from cramp_coach.ui.dialogs.load_errors_dialog import LoadErrorsDialog

        dialog = LoadErrorsDialog(list(self.catalog.issues), self.window)
        dialog.setModal(False)
        dialog.show()

    @property
    def editor_screen(self) -> EditorScreen:
        """The routine editor, built when first opened (it brings printing and SVG)."""
        if self._editor_screen is None:
            from cramp_coach.storage.routine_library import RoutineLibrary
            from cramp_coach.ui.screens.editor_screen import EditorScreen

            library = RoutineLibrary(
                self.data.routines,
                paths.builtin_routines_dir(),
                Path(self.args.routines) if self.args.routines else None,
                asset_roots=[paths.builtin_assets_dir()],
            )
            screen = EditorScreen(library, self.preview_routine, lambda: self.palette)
            screen.back_requested.connect(self.go_home)
            screen.routines_changed.connect(self.reload_routines)
            self.window.add_screen(screen)
            self._editor_screen = screen
        return self._editor_screen

    def preview_routine(self, routine: Routine, speed: float) -> None:
        """Play what is in the editor (saved or not) without recording it; back to the editor after."""
        self.complete()
        self._previewing = True
        self.clock.set_scale(speed * self.args.time_scale)
        self.window.show_screen(self.player_screen)
        self.controller.start(routine, record=False)

    def reload_routines(self) -> None:
        extra = Path(self.args.routines) if self.args.routines else None
        self.catalog = load_routines(self.data.root / "cache" / "catalog.pickle", self.data.routines, extra)
        self.home.set_routines(self.catalog.routines, self.settings.tonight_routine)

    def _on_finished(self, summary: SessionSummary) -> None:
        if self._previewing:
            self._previewing = False
            self.clock.set_scale(self.args.time_scale)
            self.window.show_screen(self.editor_screen)
            return
        self.finish.show_summary(summary)
        self.window.show_screen(self.finish)
        if self.args.quit_when_done:
            QTimer.singleShot(0, self.qt_app.quit)

    def _on_closing(self) -> None:
        if not self._completed:
            return
        if self.controller.active:
            self.controller.stop()
        if self.speech is not None:
            self.speech.shutdown()  # type: ignore[attr-defined]

    def _stylesheet(self, palette: theme.Palette) -> str:
        return theme.stylesheet(paths.builtin_assets_dir() / "style" / "app.qss", palette, self.settings.text_scale)

    def apply_theme(self) -> None:
        theme.apply(
            self.qt_app, paths.builtin_assets_dir() / "style" / "app.qss", self.palette, self.settings.text_scale
        )

    def _on_settings_changed(self, key: str) -> None:
        if key.startswith("display/"):
            self.palette = theme.palette_for(self.settings.theme, datetime.datetime.now())
            self.apply_theme()
            if self._cramp_screen is not None:
                self._cramp_screen.setStyleSheet(self._stylesheet(theme.CRAMP))
            if self._editor_screen is not None:
                self._editor_screen.set_palette(self.palette)
        elif key.startswith("reminder/") and self._completed:
            # After the reminder itself has reacted to the same change.
            QTimer.singleShot(0, self.window, self._follow_reminder)
        elif key.startswith("sound/"):
            volume = self.settings.volume / 100
            if self.cues is not None:
                self.cues.set_enabled(self.settings.sounds)  # type: ignore[attr-defined]
                self.cues.set_volume(volume)  # type: ignore[attr-defined]
            if self.speech is not None:
                self.speech.set_enabled(self.settings.voice)  # type: ignore[attr-defined]
                self.speech.set_volume(volume)  # type: ignore[attr-defined]

    def start(self) -> None:
        """Show the window on its first screen; the rest is built once it has painted."""
        self.window.first_paint.connect(lambda: QTimer.singleShot(0, self.complete))
        if self.args.emergency:
            self.show_cramp_now()
        self.window.show()
        if self.catalog.issues:
            log.warning("%d problem(s) in routine files", len(self.catalog.issues))
            for issue in self.catalog.issues:
                print(issue, file=sys.stderr)
        if self.args.start:
            routine = self.catalog.routines.get(self.args.start)
            if routine is None:
                print(f"cramp-coach: no routine with id '{self.args.start}'", file=sys.stderr)
            else:
                self.start_routine(routine)


def main(args: argparse.Namespace, instance_name: str | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false")
    qt_app = QApplication(sys.argv[:1])
    qt_app.setApplicationName("cramp-coach")
    qt_app.setApplicationDisplayName("Cramp Coach")
    qt_app.setDesktopFileName("cramp-coach")
    app = CrampCoachApp(qt_app, args)
    if os.environ.get(QUIT_AFTER_PAINT_ENV) == "1":
        app.window.first_paint.connect(lambda: QTimer.singleShot(0, qt_app.quit))
    if os.environ.get(TRACE_PAINT_ENV) == "1":
        app.window.screen_painted.connect(lambda name: print(f"painted {name} {time.monotonic():.6f}", flush=True))
    if instance_name:

        def listen() -> None:
            from cramp_coach.ui.single_instance import InstanceServer

            server = InstanceServer(instance_name, qt_app)
            server.message_received.connect(app.on_instance_message)

        app.window.first_paint.connect(lambda: QTimer.singleShot(0, listen))
    app.start()
    return qt_app.exec()
