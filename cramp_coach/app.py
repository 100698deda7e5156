"""Composition root: the only place that builds concrete objects and wires them.

``build_services`` (``ui/service_builder.py``) makes what the first frame needs (paths,
settings, clocks, the catalog, the theme); ``CrampCoachApp`` builds Home (or, for ``--emergency``, Cramp now)
and shows it. Everything else (the diary, sound and speech, the player and the other
screens, the single-instance server) is built right after that frame is painted
(``complete()``, with ``build_late_services``), or earlier on demand. Screens get the
single objects they need through their constructors and report intent through
signals; this module decides where each signal leads (screens switch through the
``Navigator``).
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import time
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from cramp_coach import paths
from cramp_coach.domain.clock import ScaledClock
from cramp_coach.domain.routine_card import RoutineCard
from cramp_coach.ui import first_frame, theme
from cramp_coach.ui.main_window import MainWindow
from cramp_coach.ui.navigator import Navigator
from cramp_coach.ui.service_builder import build_late_services, build_services, reopen_diary, write_first_frame_index
from cramp_coach.ui.services import LateServices
from cramp_coach.ui.settings import AppSettings

if TYPE_CHECKING:
    from cramp_coach.domain.catalog import Catalog
    from cramp_coach.domain.help_content import HelpSection
    from cramp_coach.domain.protocol import CrampProtocol
    from cramp_coach.domain.routine import Routine
    from cramp_coach.storage.diary_store import DiaryStore
    from cramp_coach.ui.audio.speech import Speaker
    from cramp_coach.ui.editor.screen import EditorScreen
    from cramp_coach.ui.player_controller import SessionSummary
    from cramp_coach.ui.screens.cramp_screen import CrampScreen
    from cramp_coach.ui.screens.help_screen import HelpScreen
    from cramp_coach.ui.screens.home_screen import HomeScreen
    from cramp_coach.ui.selfcheck import SelfCheck
    from cramp_coach.ui.sound_check_panel import SoundCheckPanel

log = logging.getLogger("cramp_coach")

QUIT_AFTER_PAINT_ENV = "CRAMP_COACH_QUIT_AFTER_PAINT"
# Benchmarks read "painted <screen> <monotonic seconds>" lines from stdout.
TRACE_PAINT_ENV = "CRAMP_COACH_TRACE_PAINT"


class CrampCoachApp:
    """Builds the screens from the services, registers them with the navigator and wires
    their signals; owns nothing global."""

    def __init__(self, qt_app: QApplication, args: argparse.Namespace) -> None:
        self.qt_app = qt_app
        self.args = args
        self.services = build_services(qt_app, args)
        self.late: LateServices | None = None
        self.themes = self.services.theme
        self.themes.changed.connect(self._on_palette_changed)
        self.window = MainWindow()
        self.window.restore_geometry(self.settings)
        self.navigator = Navigator(self.window)
        self._previewing = False
        self._completed = False

        settings = self.services.settings
        self.navigator.register("home", self._build_home)
        self.navigator.register("cramp-now", self._build_cramp_screen)
        self.navigator.register("editor", self._build_editor_screen)
        self.navigator.register("help", self._build_help_screen)
        self._before_help: QWidget | None = None
        self.first_run: QWidget | None = None  # the welcome sheet over Home, once
        self.window.cramp_now_requested.connect(self.show_cramp_now)
        self.window.closing.connect(self._on_closing)
        settings.changed.connect(self._on_settings_changed)
        self.services.catalog.changed.connect(self._on_catalog_changed)
        # The first screen is built before the app's stylesheet is set: its widgets are then
        # polished once, not again at every step of building the tree.
        cramp = self.cramp_screen if args.emergency else None
        if cramp is not None:  # Cramp now is the first frame; Home is built after it
            cramp.open()
            self.window.show_screen(cramp)
        else:
            self.window.show_screen(self.home)
        self.themes.apply_first_frame()

    # -- the services, by name (screens and tests read these) ------------------------------

    @property
    def settings(self) -> AppSettings:
        return self.services.settings

    @property
    def clock(self) -> ScaledClock:
        return self.services.clock

    @property
    def catalog(self) -> Catalog:
        return self.services.catalog.catalog

    @property
    def palette(self) -> theme.Palette:
        return self.themes.palette

    @property
    def diary(self) -> DiaryStore | None:
        return None if self.late is None else self.late.diary

    @property
    def speech(self) -> Speaker | None:
        return None if self.late is None else self.late.speech

    # -- screens ---------------------------------------------------------------------------

    def _build_home(self) -> HomeScreen:
        from cramp_coach.ui.screens.home_screen import HomeScreen  # not before an --emergency first frame

        settings = self.settings
        index = self.services.first_frame
        # From the first frame's index when it is current: then the catalog loads after the first frame.
        home = HomeScreen(
            {card.id: card for card in index.cards} if index else self.catalog.routines,
            settings.tonight_routine,
            on_choose=lambda routine_id: setattr(settings, "tonight_routine", routine_id),
            problem_count=index.problem_count if index else len(self.catalog.files_with_issues),
        )
        home.help_requested.connect(self.show_help)
        home.cramp_now_requested.connect(self.show_cramp_now)
        home.start_requested.connect(self._start_card)
        home.problems_requested.connect(self.show_load_errors)
        home.editor_requested.connect(lambda: self.show(self.editor_screen))
        home.settings_requested.connect(lambda: self.show(self.settings_screen))
        home.diary_requested.connect(lambda: self.show(self.diary_screen))
        return home

    @property
    def home(self) -> HomeScreen:
        """Home (built first, or just after the first frame of an ``--emergency`` start)."""
        return cast("HomeScreen", self.navigator.screen("home"))

    def _build_cramp_screen(self) -> CrampScreen:
        from cramp_coach.ui.screens.cramp_screen import CrampScreen

        def protocol() -> CrampProtocol:
            loaded = self.catalog.protocol
            assert loaded is not None  # cramp_screen checks first
            return loaded

        late = self.late
        index = self.services.first_frame
        # Built before complete() only for --emergency, from the first frame's index when it
        # is current (the protocol then loads after the first frame); complete() attaches the
        # diary and sound in the event-loop turn right after it, before anyone can choose.
        screen = CrampScreen(
            protocol,
            lambda: self.settings.cannot_stand_at_night,
            self.clock,
            self.services.wall_clock,
            diary=late.diary if late else None,
            cues=late.cues if late else None,
            speech=late.speech if late else None,
            resolve_asset=self.services.assets,
            emergency_number=lambda: self.settings.emergency_number,
            opening=index.opening if index is not None else None,
        )
        screen.fit_window(self.window.size(), self.themes.body_px)
        # Its own stylesheet, in the darkest palette: opening Cramp now is then only a
        # page switch, never an app-wide restyle (the hand-over must be quick).
        screen.setStyleSheet(self.themes.cramp_stylesheet())
        screen.closed.connect(self._on_cramp_closed)
        screen.help_requested.connect(lambda: self.show_help("cramp-now"))
        return screen

    @property
    def cramp_screen(self) -> CrampScreen | None:
        """Cramp now (built on first use, or just after the first frame)."""
        if self.navigator.built("cramp-now") is None and not self._has_protocol():
            return None
        return self.navigator.screen("cramp-now")  # type: ignore[return-value]

    def _has_protocol(self) -> bool:
        index = self.services.first_frame
        if index is not None and not self.services.catalog.loaded:
            return index.has_opening  # the catalog it was written from had one
        return self.catalog.protocol is not None

    def _build_editor_screen(self) -> EditorScreen:
        from cramp_coach.ui.editor.screen import EditorScreen

        screen = EditorScreen(
            self.services.routine_library(), self.preview_routine, lambda: self.palette, settings=self.settings
        )
        screen.back_requested.connect(self.go_home)
        screen.routines_changed.connect(self.reload_routines)
        return screen

    def _build_help_screen(self) -> HelpScreen:
        from cramp_coach.ui.screens.help_screen import HelpScreen

        screen = HelpScreen(self._help_sections())
        screen.back_requested.connect(lambda: self.window.show_screen(self._before_help or self.home))
        return screen

    def _help_sections(self) -> tuple[HelpSection, ...]:
        from cramp_coach import __version__
        from cramp_coach.ui.screens.help_screen import sections_for

        number = self.settings.emergency_number
        return sections_for(self.catalog, version=__version__, emergency_number=number, data=self.services.data)

    def show_help(self, anchor: str = "") -> None:
        """Help & Sources (Home, Cramp now, F1); Back returns to the screen it was opened from."""
        if not self.navigator.is_showing("help"):
            self._before_help = self.window.current
        screen = cast("HelpScreen", self.navigator.show("help"))
        if anchor:
            screen.show_section(anchor)

    def _refresh_help(self) -> None:
        screen = cast("HelpScreen | None", self.navigator.built("help"))
        if screen is not None:
            screen.set_sections(self._help_sections())

    @property
    def editor_screen(self) -> EditorScreen:
        """The routine editor, built when first opened (it brings printing and SVG)."""
        return self.navigator.screen("editor")  # type: ignore[return-value]

    def complete(self) -> None:
        """Build everything the first frame did not need. Safe to call more than once."""
        if self._completed:
            return
        self._completed = True
        from cramp_coach.ui.diary import DiaryScreen
        from cramp_coach.ui.keep_awake import KeepAwake
        from cramp_coach.ui.player_controller import PlayerController
        from cramp_coach.ui.reminder import BedtimeReminder
        from cramp_coach.ui.screens.finish_screen import FinishScreen
        from cramp_coach.ui.screens.player_screen import PlayerScreen
        from cramp_coach.ui.screens.settings_screen import SettingsScreen

        catalog = self.catalog  # loaded now if Home came from its index
        if catalog.issues:
            from cramp_coach.domain.wording import plural

            log.warning("%s in routine files", plural(len(catalog.issues), "problem"))
            for issue in catalog.issues:
                print(issue, file=sys.stderr)
        index = self.services.first_frame
        if index is None or not index.stored:
            self._write_first_frame_index(catalog)
        late = self.late = build_late_services(self.services, self.window)
        self.themes.follow_clock()
        self.keep_awake = KeepAwake(self.window)
        self.controller = PlayerController(
            self.clock,
            self.services.wall_clock,
            diary=late.diary,
            cues=late.cues,
            speech=late.speech,
            keep_awake=lambda on: self.keep_awake.hold() if on else self.keep_awake.release(),
            # A sped-up clock (--time-scale, a 10x preview) covers more than 5 s between two
            # ticks without any suspend.
            gap_threshold=5.0 * max(10.0, self.args.time_scale),
            parent=self.window,
        )
        cramp = cast("CrampScreen | None", self.navigator.built("cramp-now"))
        if cramp is not None:
            cramp.attach_sound(late.cues, late.speech)
            cramp.attach_diary(late.diary)
        self.player_screen = PlayerScreen(self.controller, lambda: self.palette, self.services.assets)
        self.finish = FinishScreen()
        self.reminder = BedtimeReminder(
            self.settings,
            self.services.wall_clock,
            icon=paths.builtin_assets_dir() / "icons" / "cramp-coach.svg",
            parent=self.window,
        )
        self.settings_screen = SettingsScreen(
            self.settings,
            sound_status=late.sound_problem,
            reminder_note=self.reminder.unavailable_reason,
            sound_check=self._sound_check_panel(),
        )
        self.diary_screen = DiaryScreen(
            None if late.diary_problem else late.diary,  # never the side file kept while it is damaged
            problem=late.diary_problem,
            wall_clock=self.services.wall_clock,
            damaged=late.diary_damaged,
            repair=self._repair_diary,
        )
        self.diary_screen.follow_catalog(self.catalog)
        self.reminder.start_requested.connect(self._start_tonight)
        self.reminder.show_requested.connect(self.window.bring_to_front)
        self.reminder.cramp_now_requested.connect(self.show_cramp_now)
        self.reminder.quit_requested.connect(self.qt_app.quit)
        self.qt_app.aboutToQuit.connect(self.reminder.stop)
        self.window.hide_on_close = lambda: self.reminder.keeps_running
        self._follow_reminder()
        for name, screen in (
            ("player", self.player_screen),
            ("finish", self.finish),
            ("settings", self.settings_screen),
            ("diary", self.diary_screen),
        ):
            self.navigator.add(name, screen)
        _ = self.cramp_screen  # ready for a hand-over before anyone asks
        _ = self.home  # after an --emergency start, built only now

        self.diary_screen.back_requested.connect(self.go_home)
        self.settings_screen.back_requested.connect(self.go_home)
        self.finish.home_requested.connect(self.go_home)
        self.finish.again_requested.connect(self._again)
        self.controller.finished.connect(self._on_finished)
        self._add_help_key()
        self._offer_first_run()
        for source in (late.cues, late.speech):
            if source is not None:
                source.unavailable.connect(self.player_screen.show_notice)
        if late.diary_problem:
            self.player_screen.show_notice(late.diary_problem)

    def _sound_check_panel(self) -> SoundCheckPanel:
        """Settings' "Test sound and voice" button, at the volume the user has set."""
        from cramp_coach.ui.sound_check_panel import SoundCheckPanel

        data = self.services.data

        def make(parent: QObject) -> SelfCheck:
            from cramp_coach.ui.selfcheck import SelfCheck  # only when the button is pressed

            return SelfCheck(data, parent, volume=self.settings.volume / 100)

        return SoundCheckPanel(make)

    def _repair_diary(self) -> str:
        """Repair the damaged diary, open it again everywhere, and say what was saved and lost."""
        from cramp_coach.storage.diary_health import repair_diary

        assert self.late is not None
        if self.late.diary_connection is not None:
            self.late.diary_connection.close()  # the side file's: the repair merges it
        try:
            report = repair_diary(self.services.data.diary)
        finally:
            late = self.late = reopen_diary(self.late, self.services)
            self.controller.attach_diary(late.diary)
            cramp = cast("CrampScreen | None", self.navigator.built("cramp-now"))
            if cramp is not None:
                cramp.attach_diary(late.diary)
            self.diary_screen.set_diary(
                None if late.diary_problem else late.diary, problem=late.diary_problem, damaged=late.diary_damaged
            )
        return report.summary()

    # -- actions ------------------------------------------------------------------------

    def show(self, screen: QWidget) -> None:
        self.complete()
        self.window.show_screen(screen)

    def start_routine(self, routine: Routine) -> None:
        self.complete()
        if self._previewing:  # a real routine replaces a preview, at normal speed
            self._previewing = False
            self.controller.stop()
        self.clock.set_scale(self.args.time_scale)
        self.window.show_screen(self.player_screen)
        self.controller.start(routine)

    def _start_card(self, card: RoutineCard) -> None:
        routine = self.catalog.routines.get(card.id)
        if routine is not None:  # Home follows the catalog, so only a race could miss it
            self.start_routine(routine)

    def _again(self) -> None:
        if self.controller.routine is not None:
            self.start_routine(self.controller.routine)

    def _start_tonight(self) -> None:
        """From the bedtime reminder: tonight's routine, unless one is already playing."""
        self.window.bring_to_front()
        if self.home.tonight is not None and not self.controller.active:
            self._start_card(self.home.tonight)

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

    def _add_help_key(self) -> None:
        """F1 opens Help & Sources from any screen (made after the first frame: it needs the Qt namespace)."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeySequence, QShortcut

        help_key = QShortcut(QKeySequence(Qt.Key.Key_F1), self.window)
        help_key.setContext(Qt.ShortcutContext.ApplicationShortcut)
        help_key.activated.connect(self.show_help)

    def _offer_first_run(self) -> None:
        """The welcome sheet, once, after the first frame. It lies on Home only, so it never
        delays or covers Cramp now or a routine; after an --emergency start it waits for the
        next ordinary one."""
        if self.settings.first_run_done or self.args.emergency or self.first_run is not None:
            return
        from cramp_coach.ui.screens.first_run import FirstRunSheet

        protocol = self.catalog.protocol
        self.first_run = FirstRunSheet(self.settings, protocol.disclaimer if protocol else "", self.home)
        self.first_run.show()

    def _on_cramp_closed(self) -> None:
        if self.themes.emergency:  # started with --emergency: now the usual theme
            self.themes.leave_emergency()
            cramp = self.navigator.built("cramp-now")
            if cramp is not None:
                cramp.setStyleSheet(self.themes.cramp_stylesheet())
        # Back to a routine the cramp interrupted (it stays paused), otherwise Home.
        playing = self._completed and self.controller.active
        self.window.show_screen(self.player_screen if playing else self.home)

    def on_instance_message(self, message: str) -> None:
        if message == "emergency":
            self.show_cramp_now()
        else:
            # A launch with --open may just have added routines (ui/open_bundle.py).
            self.services.catalog.reload()
            self.window.bring_to_front()

    def show_load_errors(self) -> None:
        from cramp_coach.ui.dialogs.load_errors_dialog import LoadErrorsDialog

        dialog = LoadErrorsDialog(list(self.catalog.issues), self.window)
        dialog.setModal(False)
        dialog.show()

    def preview_routine(self, routine: Routine, speed: float) -> None:
        """Play what is in the editor (saved or not) without recording it; back to the editor after."""
        self.complete()
        self._previewing = True
        self.clock.set_scale(speed * self.args.time_scale)
        self.window.show_screen(self.player_screen)
        self.controller.start(routine, record=False)

    def reload_routines(self) -> None:
        """Read the routine files again; every screen that shows them follows."""
        self.services.catalog.reload()

    def _on_catalog_changed(self, catalog: Catalog) -> None:
        home = cast("HomeScreen | None", self.navigator.built("home"))
        if home is not None:
            home.set_routines(catalog.routines, self.settings.tonight_routine)
        self._write_first_frame_index(catalog)
        cramp = self.navigator.built("cramp-now")
        follow = getattr(cramp, "set_protocol", None)
        if follow is not None and catalog.protocol is not None:
            follow(catalog.protocol)
        editor = self.navigator.built("editor")
        follow_editor = getattr(editor, "follow_catalog", None)
        if follow_editor is not None:
            follow_editor(catalog)
        if self._completed:
            self.diary_screen.follow_catalog(catalog)
        self._refresh_help()

    def _write_first_frame_index(self, catalog: Catalog) -> None:
        data = self.services.data
        write_first_frame_index(data.root / "cache", data.routines, self.services.extra_routines, catalog)

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
        if self.late is not None and self.late.speech is not None:
            self.late.speech.shutdown()

    def end(self, exit_code: int = 0) -> None:
        """End now, cleanly (Ctrl+C, SIGTERM at logout): a playing routine is recorded as
        stopped, the diary is closed (which checkpoints it), then the event loop exits."""
        self._on_closing()
        self.close_diary()
        self.qt_app.exit(exit_code)

    def close_diary(self) -> None:
        if self.late is not None and self.late.diary_connection is not None:
            # Closing the last connection checkpoints the WAL into the database file.
            self.late.diary_connection.close()

    def _on_palette_changed(self, palette: theme.Palette) -> None:
        cramp = self.navigator.built("cramp-now")
        if cramp is not None:
            cramp.setStyleSheet(self.themes.cramp_stylesheet())
        editor = self.navigator.built("editor")
        set_palette = getattr(editor, "set_palette", None)
        if set_palette is not None:
            set_palette(palette)

    def _on_settings_changed(self, key: str) -> None:
        if key == "safety/emergency_number":
            self._refresh_help()
        elif key.startswith("reminder/") and self._completed:
            # After the reminder itself has reacted to the same change.
            QTimer.singleShot(0, self.window, self._follow_reminder)
        elif key.startswith("sound/") and self.late is not None:
            volume = self.settings.volume / 100
            if self.late.cues is not None:
                self.late.cues.set_enabled(self.settings.sounds)
                self.late.cues.set_volume(volume)
            if self.late.speech is not None:
                self.late.speech.set_enabled(self.settings.voice)
                self.late.speech.set_volume(volume)

    def start(self) -> None:
        """Show the window on its first screen; the rest is built once it has painted."""
        self.window.first_paint.connect(lambda: QTimer.singleShot(0, self.complete))
        if self.args.emergency and self.navigator.built("cramp-now") is None:
            self.show_load_errors()  # no protocol at all: Home, and why
        first_frame.showing()
        self.window.show()
        if self.args.start:
            routine = self.catalog.routines.get(self.args.start)
            if routine is None:
                print(f"cramp-coach: no routine with id '{self.args.start}'", file=sys.stderr)
            else:
                self.start_routine(routine)


def _route_qt_messages() -> None:
    from cramp_coach.ui import qt_messages

    qt_messages.install()


def main(args: argparse.Namespace, instance_name: str | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false")
    # `--open FILE` may already have asked its questions in this process (ui/open_bundle.py).
    qt_app = cast(QApplication, QApplication.instance()) or QApplication(sys.argv[:1])
    qt_app.setApplicationName("cramp-coach")
    qt_app.setApplicationDisplayName("Cramp Coach")
    qt_app.setDesktopFileName("cramp-coach")
    first_frame.start()  # small Qt-namespace touches wait for the first paint
    first_frame.later(gc.enable)  # off since the launch began (cli._launch)
    first_frame.later(_route_qt_messages)  # before the sound is opened, which is what speaks up
    app = CrampCoachApp(qt_app, args)
    app.window.first_paint.connect(lambda: QTimer.singleShot(0, first_frame.painted))

    def guard_and_listen_for_signals() -> None:
        from cramp_coach.ui.crash_guard import CrashGuard
        from cramp_coach.ui.termination import TerminationSignals

        guard = CrashGuard(app.services.data.root / "logs" / "cramp-coach.log", app.window, app.show_cramp_now)
        guard.install()
        termination = TerminationSignals(qt_app)
        termination.install()
        termination.requested.connect(lambda number: app.end(128 + number))

    if args.start:  # a routine is recorded from before the first frame: a signal must end it cleanly
        guard_and_listen_for_signals()
    else:
        # Nothing is open before the first frame (the diary opens after it): until then
        # Ctrl+C ends the app at once, without a traceback; then the clean ending takes over.
        first_frame.end_at_once_on_ctrl_c()
        first_frame.later(guard_and_listen_for_signals)
    qt_app.aboutToQuit.connect(app.close_diary)
    quit_after_paint = os.environ.get(QUIT_AFTER_PAINT_ENV)
    if quit_after_paint == "1":
        app.window.first_paint.connect(lambda: QTimer.singleShot(0, qt_app.quit))
    elif quit_after_paint == "exit":
        # Ends the process inside the first paint, so nothing after it is counted
        # (benchmarks/startup_instructions.py counts instructions up to this point).
        app.window.first_paint.connect(lambda: os._exit(0))
    tracing = os.environ.get(TRACE_PAINT_ENV) == "1"
    if tracing:
        app.window.screen_painted.connect(lambda name: print(f"painted {name} {time.monotonic():.6f}", flush=True))
    if instance_name:

        def listen() -> None:
            from cramp_coach.ui.single_instance import InstanceServer

            server = InstanceServer(instance_name, qt_app)
            server.message_received.connect(app.on_instance_message)
            if tracing:  # a second launch can hand over from now on (tests wait for this line)
                print(f"listening {time.monotonic():.6f}", flush=True)

    app.start()
    if instance_name:
        # After complete() (queued by start()): a busy app would answer a hand-over late.
        app.window.first_paint.connect(lambda: QTimer.singleShot(0, listen))
    return qt_app.exec()
