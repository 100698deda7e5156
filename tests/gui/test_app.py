"""The composed app: screens wired together, Cramp now from anywhere."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cramp_coach import cli, paths
from cramp_coach.app import CrampCoachApp
from cramp_coach.domain.player import PlayerStatus
from cramp_coach.domain.protocol import CrampLocation
from cramp_coach.ui import first_frame, theme

pytestmark = pytest.mark.usefixtures("restore_app_style")


def mean_brightness(widget: QWidget) -> float:
    image = widget.grab().toImage().scaled(64, 48)
    values = [image.pixelColor(x, y).lightness() for x in range(64) for y in range(48)]
    return sum(values) / len(values)


def make_app(qapp: QApplication, data_dir: Path, *args: str) -> CrampCoachApp:
    parsed = cli.build_parser().parse_args(["--data-dir", str(data_dir), *args])
    return CrampCoachApp(qapp, parsed)


@pytest.fixture
def app(qapp: QApplication, qtbot: QtBot, data_dir: Path) -> Iterator[CrampCoachApp]:
    composed = make_app(qapp, data_dir)
    qtbot.addWidget(composed.window)
    composed.start()
    composed.window.activateWindow()
    qtbot.waitActive(composed.window)  # shortcuts such as Ctrl+E need an active window
    composed.complete()
    yield composed
    if composed.controller.active:
        composed.controller.stop()


def test_home_is_first_with_the_builtin_routines(app: CrampCoachApp) -> None:
    assert app.window.current is app.home
    assert app.home.tonight is not None
    assert app.home.tonight.id == "bedtime"
    assert "bedtime-seated" in app.home.routine_buttons


def test_cramp_now_from_home_button_and_shortcut(app: CrampCoachApp, qtbot: QtBot) -> None:
    app.settings.theme = "day"  # the brightest case: Cramp now must still open dark
    assert mean_brightness(app.home) > 180
    qtbot.mouseClick(app.home.cramp_button, Qt.MouseButton.LeftButton)
    assert app.window.current is app.cramp_screen
    assert mean_brightness(app.cramp_screen) < 50
    app.cramp_screen.closed.emit()
    assert app.window.current is app.home
    assert app.palette is theme.DAY

    app.show(app.settings_screen)
    qtbot.keyClick(app.window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert app.window.current is app.cramp_screen


def test_cramp_now_during_a_routine_pauses_it_and_returns_to_it(app: CrampCoachApp, qtbot: QtBot) -> None:
    qtbot.mouseClick(app.home.start_button, Qt.MouseButton.LeftButton)
    assert app.window.current is app.player_screen
    assert app.controller.player.status is PlayerStatus.RUNNING
    qtbot.keyClick(app.window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert app.window.current is app.cramp_screen
    assert app.controller.player.status is PlayerStatus.PAUSED
    app.cramp_screen.closed.emit()
    assert app.window.current is app.player_screen
    assert app.controller.player.status is PlayerStatus.PAUSED


def test_emergency_flag_opens_on_cramp_now(qapp: QApplication, qtbot: QtBot, data_dir: Path) -> None:
    composed = make_app(qapp, data_dir, "--emergency")
    qtbot.addWidget(composed.window)
    composed.start()
    assert composed.window.current is composed.cramp_screen
    assert mean_brightness(composed.cramp_screen) < 50


def test_instance_message_brings_cramp_now(app: CrampCoachApp) -> None:
    app.on_instance_message("emergency")
    assert app.window.current is app.cramp_screen
    app.cramp_screen.closed.emit()
    app.on_instance_message("show")
    assert app.window.current is app.home


def test_diary_lists_a_stopped_routine(app: CrampCoachApp, qtbot: QtBot) -> None:
    qtbot.mouseClick(app.home.start_button, Qt.MouseButton.LeftButton)
    app.player_screen.ask_stop()
    qtbot.mouseClick(app.player_screen.end_now_button, Qt.MouseButton.LeftButton)
    assert app.window.current is app.finish
    assert app.finish.title.text() == "Stopped early"
    qtbot.mouseClick(app.finish.home_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(app.home.diary_button, Qt.MouseButton.LeftButton)
    assert app.window.current is app.diary_screen
    assert "stopped early" in app.diary_screen.model.data(app.diary_screen.model.index(0))


def test_settings_change_theme_and_sound(app: CrampCoachApp, qtbot: QtBot) -> None:
    qtbot.mouseClick(app.home.settings_button, Qt.MouseButton.LeftButton)
    app.settings_screen.theme_buttons["day"].click()
    assert app.palette is theme.DAY
    app.settings_screen.theme_buttons["night"].click()
    assert app.palette is theme.NIGHT
    app.settings_screen.voice.click()
    assert app.settings.voice is False
    assert app.speech is None or not app.speech.enabled


def test_unreadable_diary_still_opens_the_app(qapp: QApplication, qtbot: QtBot, data_dir: Path) -> None:
    junk = b"this is not a database" * 100
    (data_dir / "diary.sqlite3").write_bytes(junk)
    composed = make_app(qapp, data_dir)
    qtbot.addWidget(composed.window)
    composed.start()
    composed.complete()
    assert "diary.sqlite3" in composed.late.diary_problem
    assert composed.cramp_screen is not None
    assert composed.diary_screen._diary is None  # the diary screen offers no diary to edit
    # Cramp now and the player still record, into the side file, merged on repair.
    assert composed.diary is not None
    assert composed.diary.path == data_dir / "diary-while-damaged.sqlite3"
    composed.diary.start_episode(composed.services.wall_clock.now())
    assert (data_dir / "diary.sqlite3").read_bytes() == junk  # never written


def test_leaving_cramp_now_after_an_emergency_start_restores_the_theme(
    qapp: QApplication, qtbot: QtBot, data_dir: Path
) -> None:
    composed = make_app(qapp, data_dir, "--emergency")
    qtbot.addWidget(composed.window)
    composed.settings.theme = "day"
    composed.start()
    assert mean_brightness(composed.cramp_screen) < 50
    composed.cramp_screen.closed.emit()
    assert composed.window.current is composed.home
    assert composed.palette is theme.DAY
    assert mean_brightness(composed.home) > 180
    composed.show_cramp_now()
    assert mean_brightness(composed.cramp_screen) < 50


def test_emergency_start_records_the_episode_in_the_diary(qapp: QApplication, qtbot: QtBot, data_dir: Path) -> None:
    composed = make_app(qapp, data_dir, "--emergency")
    qtbot.addWidget(composed.window)
    composed.start()
    qtbot.waitUntil(lambda: composed.diary is not None)  # opened right after the first frame
    screen = composed.cramp_screen
    qtbot.mouseClick(screen.locations_page.buttons[CrampLocation.CALF], Qt.MouseButton.LeftButton)
    screen.eased()
    [episode] = composed.diary.episodes()
    assert episode.eased is True


def test_a_fresh_install_paints_home_from_the_built_in_index_then_stores_its_own(
    qapp: QApplication, qtbot: QtBot, data_dir: Path
) -> None:
    composed = make_app(qapp, data_dir)
    qtbot.addWidget(composed.window)
    index = composed.services.first_frame
    assert index is not None
    assert not index.stored
    assert not composed.services.catalog.loaded
    tonight = composed.home.tonight
    assert tonight is not None
    assert {tonight.id, *composed.home.routine_buttons} == {card.id for card in index.cards}
    composed.complete()
    assert (data_dir / "cache" / "first-frame.marshal").is_file()


def test_the_users_own_routines_are_never_hidden_behind_the_built_in_index(
    qapp: QApplication, qtbot: QtBot, data_dir: Path
) -> None:
    own = data_dir / "routines" / "mine.yaml"
    own.parent.mkdir(parents=True, exist_ok=True)
    bedtime = paths.builtin_routines_dir() / "bedtime.yaml"
    own.write_text(bedtime.read_text(encoding="utf-8"), encoding="utf-8")
    composed = make_app(qapp, data_dir)
    qtbot.addWidget(composed.window)
    assert composed.services.first_frame is None
    assert "mine" in composed.home.routine_buttons


def test_a_warm_emergency_start_asks_the_first_question_before_loading_the_protocol(
    qapp: QApplication, qtbot: QtBot, data_dir: Path
) -> None:
    first = make_app(qapp, data_dir)
    qtbot.addWidget(first.window)
    first.complete()  # writes the first frame's index
    first_frame.start()  # as app.main() does: work that can wait, waits for the first paint
    try:
        composed = make_app(qapp, data_dir, "--emergency")
        qtbot.addWidget(composed.window)
        screen = composed.cramp_screen
        assert screen is not None
        assert composed.window.current is screen
        assert not composed.services.catalog.loaded  # the picker came from the index
        assert composed.navigator.built("home") is None
        assert screen.active  # recorded from this moment, once the diary opens
        labels = [button.name.text() for button in screen.locations_page.big_buttons]
        assert labels == [plan.label for plan in first.catalog.protocol.locations] + ["Not sure"]
    finally:
        first_frame.painted()
    composed.complete()
    assert composed.navigator.built("home") is not None
    assert screen.flow is not None
    assert composed.diary is not None
    [episode] = composed.diary.episodes()
    assert episode.location is None  # not chosen yet


def test_editor_preview_plays_unsaved_text_fast_and_records_nothing(app: CrampCoachApp, qtbot: QtBot) -> None:
    qtbot.mouseClick(app.home.editor_button, Qt.MouseButton.LeftButton)
    assert app.window.current is app.editor_screen
    routine = app.catalog.routines["bedtime-seated"]
    app.preview_routine(routine, 10.0)
    assert app.window.current is app.player_screen
    assert app.clock.scale == 10.0
    app.controller.stop()
    assert app.clock.scale == 1.0
    assert app.window.current is app.editor_screen
    assert app.diary.sessions() == []
    app.start_routine(routine)
    assert app.controller.player is not None
    [session] = app.diary.sessions()
    assert session.routine_id == "bedtime-seated"


def test_saved_routines_reach_home(app: CrampCoachApp, data_dir: Path) -> None:
    routines = data_dir / "routines"
    routines.mkdir(exist_ok=True)
    (routines / "short-one.yaml").write_text(
        "schema_version: 1\nkind: routine\ntitle: Short one\nsummary: Two stretches.\nsteps:\n  - exercise: toe-pulls\n"
    )
    app.reload_routines()
    assert "short-one" in app.home.routine_buttons


def test_closing_hides_to_the_tray_only_while_the_reminder_needs_it(app: CrampCoachApp, qtbot: QtBot) -> None:
    closing: list[bool] = []
    app.window.closing.connect(lambda: closing.append(True))
    app.window.hide_on_close = lambda: True  # as with the reminder on and a tray present
    app.window.close()
    assert not app.window.isVisible()
    assert closing == []  # the app keeps running: nothing is stopped
    app.window.show()
    app.window.hide_on_close = lambda: app.reminder.keeps_running  # offscreen: no tray
    assert app.reminder.keeps_running is False
    app.window.close()
    assert closing == [True]


def test_reminder_starts_tonights_routine(app: CrampCoachApp) -> None:
    app.reminder.start_requested.emit()
    assert app.window.current is app.player_screen
    assert app.controller.routine is not None
    assert app.controller.routine.id == "bedtime"


def test_no_stray_windows_when_every_notice_is_showing(qapp: QApplication, qtbot: QtBot, data_dir: Path) -> None:
    # Labels shown before they had a parent once popped up as tiny windows of their own.
    (data_dir / "routines").mkdir()
    (data_dir / "routines" / "broken.yaml").write_text("schema_version: 1\nkind: routine\ntitle: [\n")
    (data_dir / "diary.sqlite3").write_bytes(b"not a database" * 100)

    class WindowWatcher(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.shown: list[str] = []

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
                self.shown.append(type(watched).__name__)
            return False

    watcher = WindowWatcher()
    qapp.installEventFilter(watcher)
    try:
        composed = make_app(qapp, data_dir)
        qtbot.addWidget(composed.window)
        composed.start()
        composed.complete()
    finally:
        qapp.removeEventFilter(watcher)
    assert composed.home.problems_button.isVisibleTo(composed.home)
    assert composed.late.diary_problem
    assert watcher.shown == ["MainWindow"]


def test_home_comes_from_its_index_and_the_catalog_loads_after_the_first_frame(
    qapp: QApplication, qtbot: QtBot, data_dir: Path
) -> None:
    first = make_app(qapp, data_dir)
    qtbot.addWidget(first.window)
    first.complete()  # writes the home index
    assert (data_dir / "cache" / "first-frame.marshal").is_file()
    again = make_app(qapp, data_dir)
    qtbot.addWidget(again.window)
    assert again.services.first_frame is not None
    assert not again.services.catalog.loaded  # Home was built without it
    assert list(again.home.routine_buttons) == list(first.home.routine_buttons)
    assert again.home.tonight is not None
    with qtbot.waitSignal(again.home.start_requested):
        again.home.start_button.click()
    assert again.controller.routine is not None
    assert again.controller.routine.id == again.home.tonight.id
    again.controller.stop()
