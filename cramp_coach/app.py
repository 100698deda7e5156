"""Composition root: the only place that builds concrete objects and wires them.

Order matters for how the app feels: routines are loaded and the diary is opened
before any window exists (errors are collected, never fatal), the theme is applied
before the first frame (no white flash at night), and anything slow (speech) is
prepared lazily.
"""

from __future__ import annotations

import argparse
import datetime
import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from cramp_coach import paths
from cramp_coach.domain.clock import Clock, SystemClock, SystemWallClock
from cramp_coach.schema.catalog import Catalog
from cramp_coach.storage.routine_library import load_catalog
from cramp_coach.ui import theme
from cramp_coach.ui.main_window import MainWindow
from cramp_coach.ui.player_controller import PlayerController, SessionSummary
from cramp_coach.ui.screens.diary_screen import DiaryScreen
from cramp_coach.ui.screens.finish_screen import FinishScreen
from cramp_coach.ui.screens.home_screen import HomeScreen
from cramp_coach.ui.screens.player_screen import PlayerScreen
from cramp_coach.ui.screens.settings_screen import SettingsScreen
from cramp_coach.ui.settings import AppSettings

log = logging.getLogger("cramp_coach")

QUIT_AFTER_PAINT_ENV = "CRAMP_COACH_QUIT_AFTER_PAINT"
# Benchmarks read "painted <screen> <monotonic seconds>" lines from stdout.
TRACE_PAINT_ENV = "CRAMP_COACH_TRACE_PAINT"


class ScaledClock:
    """A monotonic clock running ``scale`` times faster: for demos and end-to-end tests."""

    def __init__(self, scale: float) -> None:
        self._scale = scale
        self._origin = time.monotonic()

    def monotonic(self) -> float:
        return self._origin + (time.monotonic() - self._origin) * self._scale


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


class CrampCoachApp:
    """Builds the window and its screens and connects them; owns nothing global."""

    def __init__(self, qt_app: QApplication, args: argparse.Namespace) -> None:
        self.qt_app = qt_app
        self.args = args
        self.data = paths.resolve_data_dir(args.data_dir)
        extra = Path(args.routines) if args.routines else None
        self.catalog: Catalog = load_catalog(self.data.routines, extra)
        self.settings = AppSettings(self.data.root / "settings.ini", qt_app)
        self.palette = theme.palette_for(self.settings.theme, datetime.datetime.now())
        self.apply_theme()
        self.assets = AssetResolver(
            [folder for folder in (extra, self.data.routines) if folder] + [paths.builtin_assets_dir()]
        )
        self.diary, self.diary_problem = self._open_diary()
        self.clock: Clock = ScaledClock(args.time_scale) if args.time_scale != 1 else SystemClock()
        self.wall_clock = SystemWallClock()
        self.window = MainWindow()
        self.cues, self.speech, self.sound_problem = self._make_sound()
        from cramp_coach.ui.keep_awake import KeepAwake

        self.keep_awake = KeepAwake(self.window)
        self.controller = PlayerController(
            self.clock,
            self.wall_clock,
            diary=self.diary,
            cues=self.cues,
            speech=self.speech,
            keep_awake=lambda on: self.keep_awake.hold() if on else self.keep_awake.release(),
            # A sped-up clock covers more than 5 s between two ticks without any suspend.
            gap_threshold=5.0 * max(1.0, args.time_scale),
            parent=self.window,
        )
        self._build_screens()
        self.settings.changed.connect(self._on_settings_changed)

    # -- construction -------------------------------------------------------------------

    def _open_diary(self) -> tuple[object | None, str]:
        try:
            from cramp_coach.storage.database import StorageError, open_database
            from cramp_coach.storage.diary_store import DiaryStore
        except ImportError:  # pragma: no cover - only while the diary is being built
            return None, ""
        try:
            store = DiaryStore(open_database(self.data.diary))
            store.close_interrupted_sessions(SystemWallClock().now())
            return store, ""
        except StorageError as error:
            log.warning("diary unavailable: %s", error)
            return None, str(error)

    def _make_sound(self) -> tuple[object | None, object | None, str]:
        try:
            from cramp_coach.ui.audio.cues import CuePlayer
            from cramp_coach.ui.audio.speech import Speaker
        except ImportError as error:
            return None, None, f"Sound is off: {error}"
        volume = self.settings.volume / 100
        cues = CuePlayer(
            paths.builtin_assets_dir() / "sounds", self.window, enabled=self.settings.sounds, volume=volume
        )
        speech = Speaker(self.data.root / "cache" / "speech", self.window, enabled=self.settings.voice, volume=volume)
        return cues, speech, ""

    def _build_screens(self) -> None:
        window = self.window
        self.home = HomeScreen(
            self.catalog.routines,
            self.settings.tonight_routine,
            on_choose=lambda routine_id: setattr(self.settings, "tonight_routine", routine_id),
            problem_count=len(self.catalog.files_with_issues),
        )
        self.player_screen = PlayerScreen(self.controller, lambda: self.palette, self.assets)
        self.finish = FinishScreen()
        self.settings_screen = SettingsScreen(self.settings, sound_status=self.sound_problem)
        self.diary_screen = DiaryScreen(self.diary, problem=self.diary_problem)  # type: ignore[arg-type]
        self.cramp_screen = self._make_cramp_screen()
        screens = (
            self.home,
            self.player_screen,
            self.finish,
            self.settings_screen,
            self.diary_screen,
            self.cramp_screen,
        )
        for screen in screens:
            if screen is not None:
                window.add_screen(screen)

        self.home.cramp_now_requested.connect(self.show_cramp_now)
        window.cramp_now_requested.connect(self.show_cramp_now)

        self.home.start_requested.connect(self.start_routine)
        self.home.settings_requested.connect(lambda: window.show_screen(self.settings_screen))
        self.home.diary_requested.connect(lambda: window.show_screen(self.diary_screen))
        self.diary_screen.back_requested.connect(self.go_home)
        self.home.problems_requested.connect(self.show_load_errors)
        self.home.editor_requested.connect(self._open_routines_folder)
        self.settings_screen.back_requested.connect(self.go_home)
        self.finish.home_requested.connect(self.go_home)
        self.finish.again_requested.connect(
            lambda: self.controller.routine and self.start_routine(self.controller.routine)
        )
        self.controller.finished.connect(self._on_finished)
        window.closing.connect(self._on_closing)
        if self.cues is not None:
            self.cues.unavailable.connect(self.player_screen.show_notice)
        if self.speech is not None:
            self.speech.unavailable.connect(self.player_screen.show_notice)
        if self.diary_problem:
            self.player_screen.show_notice(self.diary_problem)
        window.show_screen(self.home)

    def _make_cramp_screen(self) -> QWidget | None:
        protocol = self.catalog.protocol
        if protocol is None:  # only if the shipped protocol itself is broken; tests forbid that
            return None
        from cramp_coach.ui.screens.cramp_screen import CrampScreen

        screen = CrampScreen(
            protocol,
            lambda: self.settings.cannot_stand_at_night,
            self.clock,
            self.wall_clock,
            diary=self.diary,
            cues=self.cues,
            speech=self.speech,
            resolve_asset=self.assets,
        )
        screen.setObjectName("cramp-now")
        screen.closed.connect(self._on_cramp_closed)
        return screen

    # -- actions ------------------------------------------------------------------------

    def show_cramp_now(self) -> None:
        """From anywhere: pause a playing routine and open Cramp now, darkest theme first."""
        if self.cramp_screen is None:
            self.show_load_errors()
            return
        if self.controller.active:
            self.controller.pause()
        if self.window.current is not self.cramp_screen:
            self.palette = theme.CRAMP
            self.apply_theme()
            self.cramp_screen.open()
            self.window.show_screen(self.cramp_screen)
        self.window.bring_to_front()

    def _on_cramp_closed(self) -> None:
        self.palette = theme.palette_for(self.settings.theme, datetime.datetime.now())
        self.apply_theme()
        # Back to a routine the cramp interrupted (it stays paused), otherwise Home.
        self.window.show_screen(self.player_screen if self.controller.active else self.home)

    def on_instance_message(self, message: str) -> None:
        if message == "emergency":
            self.show_cramp_now()
        else:
            self.window.bring_to_front()

    def start_routine(self, routine: object) -> None:
        self.window.show_screen(self.player_screen)
        self.controller.start(routine)  # type: ignore[arg-type]

    def go_home(self) -> None:
        self.window.show_screen(self.home)

    def show_load_errors(self) -> None:
        from cramp_coach.ui.dialogs.load_errors_dialog import LoadErrorsDialog

        dialog = LoadErrorsDialog(list(self.catalog.issues), self.window)
        dialog.setModal(False)
        dialog.show()

    def _open_routines_folder(self) -> None:
        # The full editor arrives with its own screen; until then, open the folder where
        # a physiotherapist's files go, creating it so there is something to open.
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        self.data.routines.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data.routines)))

    def _on_finished(self, summary: SessionSummary) -> None:
        self.finish.show_summary(summary)
        self.window.show_screen(self.finish)
        if self.args.quit_when_done:
            QTimer.singleShot(0, self.qt_app.quit)

    def _on_closing(self) -> None:
        if self.controller.active:
            self.controller.stop()
        if self.speech is not None:
            self.speech.shutdown()

    def apply_theme(self) -> None:
        theme.apply(
            self.qt_app, paths.builtin_assets_dir() / "style" / "app.qss", self.palette, self.settings.text_scale
        )

    def _on_settings_changed(self, key: str) -> None:
        if key.startswith("display/") and self.window.current is not self.cramp_screen:
            self.palette = theme.palette_for(self.settings.theme, datetime.datetime.now())
            self.apply_theme()
        elif key.startswith("sound/"):
            volume = self.settings.volume / 100
            if self.cues is not None:
                self.cues.set_enabled(self.settings.sounds)
                self.cues.set_volume(volume)
            if self.speech is not None:
                self.speech.set_enabled(self.settings.voice)
                self.speech.set_volume(volume)

    def show(self) -> None:
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
    if instance_name:
        from cramp_coach.ui.single_instance import InstanceServer

        server = InstanceServer(instance_name, qt_app)
        server.message_received.connect(app.on_instance_message)
    if os.environ.get(QUIT_AFTER_PAINT_ENV) == "1":
        app.window.first_paint.connect(lambda: QTimer.singleShot(0, qt_app.quit))
    if os.environ.get(TRACE_PAINT_ENV) == "1":
        app.window.screen_painted.connect(lambda name: print(f"painted {name} {time.monotonic():.6f}", flush=True))
    app.show()
    return qt_app.exec()
