"""The Cramp-now screen, driven by a fake clock and real key presses and clicks: no sleeps."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from cramp_coach import paths
from cramp_coach.domain.diary import Leg
from cramp_coach.domain.protocol import CrampLocation, CrampProtocol, LocationPlan, ProtocolStep, Urgency
from cramp_coach.storage.database import StorageError, StorageProblem, open_database
from cramp_coach.storage.diary_store import DeletedEntry, DiaryStore
from cramp_coach.storage.routine_library import load_catalog
from cramp_coach.ui import theme
from cramp_coach.ui.cramp.controller import TIME_UP, EpisodeRecorder
from cramp_coach.ui.screens.cramp_screen import CrampScreen
from tests.helpers.fakes import FakeClock, FakeWallClock, RecordingCues, RecordingSpeech

WIDTH, HEIGHT = 1100, 780


@cache
def _builtin() -> CrampProtocol:
    protocol = load_catalog().protocol
    assert protocol is not None
    return protocol


class BrokenDiary:
    """A diary whose disk went away after the episode started."""

    def __init__(self) -> None:
        self.calls = 0

    def start_episode(self, started_at: datetime) -> int:
        self.calls += 1
        return 7

    def finish_episode(self, episode_id: int, *, duration_seconds: float, eased: bool | None) -> None:
        self.calls += 1
        raise StorageError(StorageProblem.FULL, Path("/tmp/diary.sqlite3"), "database or disk is full")

    def note_episode_location(self, episode_id: int, location: CrampLocation) -> None:
        self.calls += 1

    def log_episode(self, episode_id: int, **answers: object) -> None:
        raise AssertionError("nothing is written after the diary failed")

    def delete_episode(self, episode_id: int) -> DeletedEntry:
        raise AssertionError("nothing is written after the diary failed")

    def restore(self, deleted: DeletedEntry) -> int:
        raise AssertionError("nothing is written after the diary failed")


def resolve_asset(relative: str) -> Path | None:
    candidate = paths.builtin_assets_dir() / relative
    return candidate if candidate.is_file() else None


@dataclass
class Rig:
    qtbot: QtBot
    screen: CrampScreen
    clock: FakeClock
    wall: FakeWallClock
    cues: RecordingCues
    speech: RecordingSpeech
    store: DiaryStore | None
    setting: dict[str, bool] = field(default_factory=dict)

    def move(self, seconds: float) -> None:
        """Let ``seconds`` pass and deliver the tick the QTimer would."""
        self.clock.advance(seconds)
        self.screen.tick()

    def key(self, key: Qt.Key) -> None:
        """Press ``key`` where the keyboard focus is, as a real keyboard would."""
        target = QApplication.focusWidget() or self.screen
        self.qtbot.keyClick(target, key)

    def page(self) -> QWidget | None:
        return self.screen.stack.currentWidget()

    def title(self) -> str:
        return self.screen.step_page.card.title.text()


def build(
    qtbot: QtBot,
    protocol: CrampProtocol,
    *,
    store: DiaryStore | None,
    diary: EpisodeRecorder | None = None,
    sound: bool = True,
    keep_awake: list[bool] | None = None,
    emergency_number: str = "999",
) -> Rig:
    clock = FakeClock()
    wall = FakeWallClock()
    cues = RecordingCues()
    speech = RecordingSpeech()
    setting = {"cannot_stand": False}
    screen = CrampScreen(
        protocol,
        lambda: setting["cannot_stand"],
        clock,
        wall,
        diary=diary if diary is not None else store,
        cues=cues if sound else None,
        speech=speech if sound else None,
        resolve_asset=resolve_asset,
        keep_awake=(keep_awake.append if keep_awake is not None else lambda _on: None),
        emergency_number=lambda: emergency_number,
    )
    qtbot.addWidget(screen)
    screen.resize(WIDTH, HEIGHT)
    screen.show()
    qtbot.waitExposed(screen)
    # Shortcuts need the window active and the focus inside it, as on a real desktop.
    screen.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen)
    screen.open()
    screen.setFocus()
    return Rig(qtbot, screen, clock, wall, cues, speech, store, setting)


@pytest.fixture
def connection(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    connection = open_database(tmp_path / "diary.sqlite3")
    yield connection
    connection.close()


@pytest.fixture
def rig(qtbot: QtBot, connection: sqlite3.Connection) -> Iterator[Rig]:
    store = DiaryStore(connection, wall_clock=FakeWallClock())
    rig = build(qtbot, _builtin(), store=store)
    yield rig
    rig.screen.close()  # before the connection closes: hiding records the episode


def walk_by_clicks(rig: Rig, *, stand: bool | None = None) -> list[str]:
    """Click Next through the steps (answering the gate) until the closing card; return the titles seen."""
    seen = [rig.title()]
    for _ in range(30):
        rig.move(5)
        page = rig.page()
        if page is rig.screen.closing_page:
            return seen
        if page is rig.screen.gate_page:
            assert stand is not None, "the gate appeared unexpectedly"
            seen.append("<gate>")
            rig.qtbot.mouseClick(
                rig.screen.gate_page.stand_button if stand else rig.screen.gate_page.stay_button,
                Qt.MouseButton.LeftButton,
            )
        else:
            assert page is rig.screen.step_page
            rig.qtbot.mouseClick(rig.screen.step_page.next_button, Qt.MouseButton.LeftButton)
        if rig.page() is rig.screen.step_page:
            seen.append(rig.title())
    raise AssertionError("never reached the closing card")


def walk_by_keys(rig: Rig) -> list[str]:
    """Press Enter through the steps (the gate's default: stay seated) until the closing card."""
    seen = [rig.title()]
    for _ in range(30):
        rig.move(5)
        page = rig.page()
        if page is rig.screen.closing_page:
            return seen
        if page is rig.screen.gate_page:
            seen.append("<gate>")
        rig.key(Qt.Key.Key_Return)
        if rig.page() is rig.screen.step_page:
            seen.append(rig.title())
    raise AssertionError("never reached the closing card")


def expected_seated(protocol: CrampProtocol, location: CrampLocation) -> list[str]:
    seated = [step.title for step in protocol.steps_for(location, can_stand=False)]
    gate_at = next((i for i, s in enumerate(protocol.plan(location).steps) if s.standing), None)
    return seated if gate_at is None else [*seated[:gate_at], "<gate>", *seated[gate_at:]]


# -- the location picker ---------------------------------------------------------------------


def test_opens_on_the_location_picker_with_the_default_focused(rig: Rig) -> None:
    assert rig.page() is rig.screen.locations_page
    assert QApplication.focusWidget() is rig.screen.locations_page.buttons[CrampLocation.CALF]
    assert rig.screen.heading.text() == "Where is the cramp?"
    assert rig.screen.locations_page.disclaimer.text() == _builtin().disclaimer
    assert rig.screen.warnings_button.isVisible()
    assert rig.store is not None
    (episode,) = rig.store.episodes()  # recorded the moment Cramp now opened
    assert episode.started_at == rig.wall.now()
    assert (episode.location, episode.logged) == (None, False)


def test_big_buttons_are_a_fifth_of_a_laptop_window(rig: Rig) -> None:
    window_height = rig.screen.window().height()
    assert window_height == HEIGHT

    def check(buttons: list[QAbstractButton]) -> None:
        for widget in buttons:
            assert widget.isVisible(), widget.accessibleName()
            assert widget.height() >= 0.2 * window_height, (widget.accessibleName(), widget.height())

    check(list(rig.screen.locations_page.buttons.values()))
    assert len(rig.screen.locations_page.buttons) == 5
    rig.qtbot.mouseClick(rig.screen.locations_page.buttons[CrampLocation.CALF], Qt.MouseButton.LeftButton)
    check([rig.screen.step_page.next_button, rig.screen.step_page.repeat_button, rig.screen.step_page.eased_button])
    rig.screen.next()
    rig.screen.next()
    assert rig.page() is rig.screen.gate_page
    check([rig.screen.gate_page.stay_button, rig.screen.gate_page.stand_button])
    rig.screen.eased()
    check([rig.screen.closing_page.next_button])


@pytest.fixture
def app_theme(qapp: QApplication) -> Iterator[Callable[[str], None]]:
    """Style the whole application as the app does (or not at all), restoring it afterwards."""
    sheet, palette = qapp.styleSheet(), qapp.palette()

    def use(name: str) -> None:
        if name == "none":
            qapp.setStyleSheet("")
        else:
            theme.apply(qapp, paths.builtin_assets_dir() / "style" / "app.qss", getattr(theme, name), 1.25)

    yield use
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)


def brightness(widget: QWidget) -> tuple[float, int]:
    """Mean luminance (0–255) of ``widget`` as painted, and how many sampled pixels are near white."""
    image = widget.grab().toImage()
    total, count, white = 0.0, 0, 0
    for y in range(0, image.height(), 4):
        for x in range(0, image.width(), 4):
            colour = QColor(image.pixel(x, y))
            total += 0.2126 * colour.red() + 0.7152 * colour.green() + 0.0722 * colour.blue()
            count += 1
            white += min(colour.red(), colour.green(), colour.blue()) > 235
    return total / count, white


def test_the_screen_paints_itself_black_without_a_stylesheet(rig: Rig, app_theme: Callable[[str], None]) -> None:
    app_theme("none")
    image = rig.screen.grab().toImage()
    assert QColor(image.pixel(3, 3)).name() == "#000000"
    assert QColor(image.pixel(WIDTH - 3, HEIGHT - 3)).name() == "#000000"


def test_every_state_is_dark_with_the_cramp_theme(rig: Rig, app_theme: Callable[[str], None]) -> None:
    app_theme("CRAMP")
    screen = rig.screen
    states = [lambda: None, lambda: screen.choose_location(CrampLocation.CALF), screen.next, screen.next]
    states += [lambda: screen.stand_choice(True), screen.show_warnings, screen.hide_warnings]
    states += [lambda: rig.move(600), screen.eased, screen.next]
    for change in states:
        change()
        QApplication.processEvents()  # let the layout settle, as between two taps
        for widget in (
            *screen.locations_page.buttons.values(),
            screen.step_page.next_button,
            screen.closing_page.next_button,
        ):
            if widget.isVisible():  # the theme switch kept the big buttons big
                assert widget.height() >= 0.2 * HEIGHT
        mean, white = brightness(screen)
        assert white == 0, rig.page()
        assert mean < 50, (rig.page(), mean)  # mostly black: no glare in a dark room


# -- every location's sequence -----------------------------------------------------------------


@pytest.mark.parametrize("location", [*CrampLocation, None], ids=lambda loc: getattr(loc, "value", "not-sure"))
def test_each_location_by_clicks(rig: Rig, location: CrampLocation | None) -> None:
    protocol = _builtin()
    rig.qtbot.mouseClick(rig.screen.locations_page.buttons[location], Qt.MouseButton.LeftButton)
    chosen = protocol.default_location if location is None else location
    assert walk_by_clicks(rig, stand=False) == expected_seated(protocol, chosen)
    assert rig.screen.closing_page.card.title.text() == protocol.closing.title
    with rig.qtbot.waitSignal(rig.screen.closed, timeout=1000):
        rig.qtbot.mouseClick(rig.screen.closing_page.next_button, Qt.MouseButton.LeftButton)
        assert rig.page() is rig.screen.log_page
        rig.qtbot.mouseClick(rig.screen.log_page.skip_button, Qt.MouseButton.LeftButton)


# Arrow keys from the focused Calf button to each location, in the 2×2 grid + "Not sure".
ARROWS = {
    CrampLocation.CALF: [],
    CrampLocation.FOOT: [Qt.Key.Key_Right],
    CrampLocation.FRONT_THIGH: [Qt.Key.Key_Down],
    CrampLocation.BACK_THIGH: [Qt.Key.Key_Down, Qt.Key.Key_Right],
    None: [Qt.Key.Key_Down, Qt.Key.Key_Down],
}


@pytest.mark.parametrize("location", list(ARROWS), ids=lambda loc: getattr(loc, "value", "not-sure"))
def test_each_location_by_keyboard(rig: Rig, location: CrampLocation | None) -> None:
    protocol = _builtin()
    for key in ARROWS[location]:
        rig.key(key)
    assert QApplication.focusWidget() is rig.screen.locations_page.buttons[location]
    rig.key(Qt.Key.Key_Return)
    chosen = protocol.default_location if location is None else location
    assert rig.screen.flow is not None
    assert rig.screen.flow.location is chosen
    assert walk_by_keys(rig) == expected_seated(protocol, chosen)
    rig.key(Qt.Key.Key_Return)
    assert rig.page() is rig.screen.log_page
    with rig.qtbot.waitSignal(rig.screen.closed, timeout=1000):
        rig.key(Qt.Key.Key_Return)  # Save, with the prefilled answers
    assert rig.store is not None
    (episode,) = rig.store.episodes()
    assert episode.logged
    # "Not sure" is not a location: the log does not pretend the user said calf.
    assert episode.location is location


# -- the stand gate and the setting ----------------------------------------------------------------


@pytest.mark.parametrize("location", list(CrampLocation))
def test_standing_steps_come_after_the_gate_and_the_sit_first_check(rig: Rig, location: CrampLocation) -> None:
    protocol = _builtin()
    rig.screen.choose_location(location)
    seen = walk_by_clicks(rig, stand=True)
    expected = [s.title for s in protocol.steps_for(location, can_stand=True)]
    gate_at = expected.index(protocol.sit_first_check.title)
    assert seen == [*expected[:gate_at], "<gate>", *expected[gate_at:]]


def test_the_gate_is_spoken_and_defaults_to_staying_seated(rig: Rig) -> None:
    rig.screen.choose_location(CrampLocation.CALF)
    rig.key(Qt.Key.Key_Return)
    rig.key(Qt.Key.Key_Return)
    assert rig.page() is rig.screen.gate_page
    assert rig.speech.said[-1] == _builtin().stand_gate.say
    assert QApplication.focusWidget() is rig.screen.gate_page.stay_button
    for key in (Qt.Key.Key_Right, Qt.Key.Key_R):  # no stray key shows a standing step
        rig.key(key)
        assert rig.page() is rig.screen.gate_page
    rig.key(Qt.Key.Key_Return)
    assert rig.screen.flow is not None
    step = rig.screen.flow.snapshot(rig.clock.monotonic()).step
    assert step is not None
    assert not step.standing
    assert not rig.screen.step_page.card.standing_badge.isVisible()


def test_standing_steps_wear_a_badge(rig: Rig) -> None:
    rig.screen.choose_location(CrampLocation.FOOT)
    rig.screen.next()
    rig.screen.next()
    rig.qtbot.mouseClick(rig.screen.gate_page.stand_button, Qt.MouseButton.LeftButton)
    assert rig.title() == _builtin().sit_first_check.title
    assert not rig.screen.step_page.card.standing_badge.isVisible()
    rig.screen.next()
    assert rig.screen.step_page.card.standing_badge.isVisible()


@pytest.mark.parametrize("location", list(CrampLocation))
def test_the_setting_hides_the_gate_and_every_standing_step(rig: Rig, location: CrampLocation) -> None:
    rig.setting["cannot_stand"] = True
    rig.screen.choose_location(location)
    seen = walk_by_clicks(rig)  # the walk fails if the gate ever shows
    assert seen == [s.title for s in _builtin().steps_for(location, can_stand=False)]


def test_the_setting_is_read_for_each_cramp(rig: Rig) -> None:
    rig.setting["cannot_stand"] = True
    rig.screen.choose_location(CrampLocation.CALF)
    assert rig.screen.flow is not None
    assert rig.screen.flow.cannot_stand_at_night
    rig.setting["cannot_stand"] = False
    rig.screen.open()
    rig.screen.choose_location(CrampLocation.CALF)
    assert rig.screen.flow is not None
    assert not rig.screen.flow.cannot_stand_at_night


def test_a_location_with_only_seated_steps(qtbot: QtBot) -> None:
    calf = _builtin().plan(CrampLocation.CALF)
    seated = LocationPlan(calf.location, calf.label, calf.hint, tuple(s for s in calf.steps if not s.standing))
    untimed = ProtocolStep(title="Breathe", lines=("Breathe slowly.",), say="Breathe slowly.")
    foot = LocationPlan(CrampLocation.FOOT, "Foot or toes", "", (untimed,))
    protocol = _replace_locations(_builtin(), (seated, foot))
    rig = build(qtbot, protocol, store=None)
    rig.screen.choose_location(CrampLocation.CALF)
    assert walk_by_clicks(rig) == [s.title for s in seated.steps]
    rig.screen.open()
    rig.screen.choose_location(CrampLocation.FOOT)
    assert not rig.screen.step_page.ring.isVisible()  # no timer, no ring
    assert not rig.screen.step_page.card.picture.isVisible()  # no illustration, no empty box
    rig.screen.next()
    assert rig.page() is rig.screen.closing_page
    rig.screen.close()


def _replace_locations(protocol: CrampProtocol, plans: tuple[LocationPlan, ...]) -> CrampProtocol:
    from dataclasses import replace

    return replace(protocol, locations=plans)


# -- timers, speech and cues ---------------------------------------------------------------------


def test_each_step_is_spoken_and_its_timer_ends_with_cues(rig: Rig) -> None:
    protocol = _builtin()
    first = protocol.steps_for(CrampLocation.CALF, can_stand=False)[0]
    assert first.timer_seconds == 30
    rig.screen.choose_location(CrampLocation.CALF)
    assert rig.speech.said == [first.say]
    assert rig.cues.played == ["phase"]
    assert first.say in rig.speech.prepared
    assert rig.screen.heading.text() == "Step 1 of 4"
    assert rig.screen.step_page.ring.isVisible()
    for _ in range(29):
        rig.move(1)
    assert rig.screen.step_page.ring.text == "1"
    assert TIME_UP not in rig.speech.said
    rig.move(1)
    assert rig.cues.played == ["phase", "count", "count", "count", "finish"]
    assert rig.speech.said[-1] == TIME_UP
    assert rig.screen.step_page.ring.text == "0"
    assert rig.page() is rig.screen.step_page  # waits for the user's Next
    rig.move(60)
    assert rig.speech.said.count(TIME_UP) == 1


def test_repeat_restarts_the_timer_and_says_the_step_again(rig: Rig) -> None:
    rig.screen.choose_location(CrampLocation.FOOT)
    rig.move(31)
    assert rig.screen.step_page.ring.text == "0"
    rig.key(Qt.Key.Key_R)
    assert rig.screen.step_page.ring.text == "30"
    first = _builtin().plan(CrampLocation.FOOT).steps[0]
    assert rig.speech.said == [first.say, TIME_UP, first.say]
    assert rig.title() == first.title


def test_next_by_arrow_and_enter(rig: Rig) -> None:
    rig.screen.choose_location(CrampLocation.CALF)
    rig.key(Qt.Key.Key_Right)
    assert rig.screen.heading.text() == "Step 2 of 4"
    rig.key(Qt.Key.Key_Enter)
    assert rig.page() is rig.screen.gate_page


def test_a_long_step_keeps_the_diary_duration_fresh(rig: Rig) -> None:
    rig.screen.choose_location(CrampLocation.CALF)
    assert rig.store is not None
    (episode,) = rig.store.episodes()
    assert episode.duration_seconds == 0
    for _ in range(31):
        rig.move(1)
    (episode,) = rig.store.episodes()
    assert episode.duration_seconds == pytest.approx(30, abs=1)


# -- the urgent warning ------------------------------------------------------------------------------


def test_the_urgent_warning_appears_at_ten_minutes_and_not_before(rig: Rig) -> None:
    protocol = _builtin()
    rig.screen.choose_location(CrampLocation.CALF)
    rig.move(599.8)
    assert not rig.screen.urgent_banner.isVisible()
    rig.move(0.19)  # 9:59.99
    assert not rig.screen.urgent_banner.isVisible()
    assert protocol.urgent_message not in rig.speech.said
    rig.move(0.01)
    assert rig.screen.urgent_banner.isVisible()
    assert protocol.urgent_message in rig.screen.urgent_banner.message.text()
    assert rig.speech.said[-1] == protocol.urgent_message
    rig.move(60)
    assert rig.speech.said.count(protocol.urgent_message) == 1
    # It does not block the steps: the step page is still there and Next still works.
    assert rig.page() is rig.screen.step_page
    rig.qtbot.mouseClick(rig.screen.step_page.next_button, Qt.MouseButton.LeftButton)
    assert rig.title() == protocol.steps_for(CrampLocation.CALF, can_stand=False)[1].title
    rig.qtbot.mouseClick(rig.screen.urgent_banner.warnings_button, Qt.MouseButton.LeftButton)
    assert rig.page() is rig.screen.warnings_page


def test_it_eased_before_ten_minutes_means_no_warning(rig: Rig) -> None:
    rig.screen.choose_location(CrampLocation.CALF)
    rig.move(300)
    rig.key(Qt.Key.Key_E)
    assert rig.page() is rig.screen.closing_page
    rig.move(600)
    assert not rig.screen.urgent_banner.isVisible()


def test_the_urgent_banner_can_be_hidden_and_goes_once_it_eased(rig: Rig) -> None:
    rig.screen.choose_location(CrampLocation.CALF)
    rig.move(600)
    rig.qtbot.mouseClick(rig.screen.urgent_banner.hide_button, Qt.MouseButton.LeftButton)
    assert not rig.screen.urgent_banner.isVisible()
    rig.screen.open()
    rig.screen.choose_location(CrampLocation.CALF)
    rig.move(600)
    assert rig.screen.urgent_banner.isVisible()
    rig.screen.eased()
    assert not rig.screen.urgent_banner.isVisible()


# -- warning signs --------------------------------------------------------------------------------


def test_warning_signs_open_and_close_without_stopping_the_step_timer(rig: Rig) -> None:
    rig.screen.choose_location(CrampLocation.CALF)
    rig.move(10)
    rig.key(Qt.Key.Key_W)
    assert rig.page() is rig.screen.warnings_page
    assert not rig.screen.warnings_button.isVisible()
    assert "0:20" in rig.screen.warnings_page.timer_line.text()
    for _ in range(20):
        rig.move(1)
    # The timer ran out underneath: cue and voice as usual, and the user is not moved.
    assert rig.cues.played[-1] == "finish"
    assert rig.speech.said[-1] == TIME_UP
    assert rig.page() is rig.screen.warnings_page
    assert "finished" in rig.screen.warnings_page.timer_line.text()
    rig.key(Qt.Key.Key_Escape)  # Esc closes the warning signs, it does not leave
    assert rig.page() is rig.screen.step_page
    assert rig.screen.step_page.ring.text == "0"
    assert rig.title() == _builtin().plan(CrampLocation.CALF).steps[0].title
    rig.qtbot.mouseClick(rig.screen.warnings_button, Qt.MouseButton.LeftButton)
    rig.qtbot.mouseClick(rig.screen.warnings_page.back_button, Qt.MouseButton.LeftButton)
    assert rig.page() is rig.screen.step_page


def test_warning_signs_show_the_emergency_tier_first_and_strongest(rig: Rig) -> None:
    protocol = _builtin()
    rig.qtbot.mouseClick(rig.screen.warnings_button, Qt.MouseButton.LeftButton)
    cards = rig.screen.warnings_page.tier_cards
    assert len(cards) == len(protocol.red_flags) == 3
    emergency = next(t for t in protocol.red_flags if t.urgency is Urgency.EMERGENCY)
    assert cards[0].accessibleName() == emergency.title
    assert type(cards[0]).__name__ == "OutlinedCard"
    assert all(type(c).__name__ != "OutlinedCard" for c in cards[1:])
    rig.qtbot.mouseClick(rig.screen.warnings_page.back_button, Qt.MouseButton.LeftButton)
    assert rig.page() is rig.screen.locations_page


def test_warning_signs_are_one_tap_away_on_every_page(rig: Rig) -> None:
    rig.screen.choose_location(CrampLocation.CALF)
    for advance in (rig.screen.next, rig.screen.next, rig.screen.eased, rig.screen.next):
        assert rig.screen.warnings_button.isVisible(), rig.page()
        advance()
    assert rig.page() is rig.screen.log_page
    assert rig.screen.warnings_button.isVisible()


# -- the diary -------------------------------------------------------------------------------------


def test_the_episode_starts_when_cramp_now_opens_and_counts_from_there(rig: Rig) -> None:
    assert rig.store is not None
    opened = rig.wall.now()
    rig.wall.advance(20)
    rig.move(20)  # reading the picker: the cramp is already there
    rig.screen.choose_location(CrampLocation.FOOT)
    (episode,) = rig.store.episodes()
    assert episode.started_at == opened
    assert episode.duration_seconds == 20
    assert episode.location is CrampLocation.FOOT  # known at once, even if the log never comes
    assert not episode.logged


def test_leaving_the_picker_at_once_is_not_recorded_and_can_be_undone(rig: Rig) -> None:
    assert rig.store is not None
    rig.move(3)
    with rig.qtbot.waitSignal(rig.screen.closed, timeout=1000):
        rig.key(Qt.Key.Key_Escape)
    assert rig.store.episodes() == []
    bar = rig.screen.window().findChild(QWidget, "not-recorded")
    assert bar is not None
    assert bar.isVisible()
    assert "Not recorded" in bar.accessibleName()
    rig.qtbot.mouseClick(bar.undo_button, Qt.MouseButton.LeftButton)
    (episode,) = rig.store.episodes()
    assert episode.started_at == rig.wall.now()
    assert not bar.isVisible()


def test_opening_again_hides_the_not_recorded_bar(rig: Rig) -> None:
    rig.screen.leave()  # at once: a mis-tap
    bar = rig.screen.window().findChild(QWidget, "not-recorded")
    assert bar is not None
    assert bar.isVisible()
    rig.screen.open()  # back for a real cramp: nothing may cover its buttons
    assert not bar.isVisible()
    assert rig.store is not None
    assert len(rig.store.episodes()) == 1


def test_leaving_the_picker_after_a_while_keeps_the_cramp(rig: Rig) -> None:
    assert rig.store is not None
    rig.move(25)
    rig.screen.leave()
    (episode,) = rig.store.episodes()
    assert episode.duration_seconds == 25
    bar = rig.screen.window().findChild(QWidget, "not-recorded")
    assert bar is None or not bar.isVisible()


def test_a_cramp_opened_before_the_diary_is_recorded_when_it_opens(
    qtbot: QtBot, connection: sqlite3.Connection
) -> None:
    rig = build(qtbot, _builtin(), store=None)  # a cold --emergency start: no diary yet
    opened = rig.wall.now()
    rig.wall.advance(1)
    rig.move(1)
    store = DiaryStore(connection, wall_clock=FakeWallClock())
    rig.screen.attach_diary(store)
    (episode,) = store.episodes()
    assert episode.started_at == opened
    assert episode.duration_seconds == 1
    rig.screen.close()


def test_the_log_page_writes_a_row(rig: Rig) -> None:
    assert rig.store is not None
    rig.screen.choose_location(CrampLocation.BACK_THIGH)
    rig.move(200)
    rig.screen.eased()
    rig.screen.next()
    assert rig.page() is rig.screen.log_page
    assert rig.screen.log_page.duration.text() == "3 min 20 s"  # what the diary gets
    assert rig.screen.log_page.where_buttons[CrampLocation.BACK_THIGH].isChecked()
    rig.qtbot.mouseClick(rig.screen.log_page.leg_buttons[Leg.RIGHT], Qt.MouseButton.LeftButton)
    rig.qtbot.mouseClick(rig.screen.log_page.pain_buttons[7], Qt.MouseButton.LeftButton)
    rig.qtbot.keyClicks(rig.screen.log_page.note, "after a long walk")
    assert rig.screen.log_page.leg_buttons[Leg.RIGHT].property("role") == "primary"  # the choice is lit
    with rig.qtbot.waitSignal(rig.screen.closed, timeout=1000):
        rig.qtbot.mouseClick(rig.screen.log_page.save_button, Qt.MouseButton.LeftButton)
    (episode,) = rig.store.episodes()
    assert (episode.leg, episode.location, episode.pain, episode.note) == (
        Leg.RIGHT,
        CrampLocation.BACK_THIGH,
        7,
        "after a long walk",
    )
    assert episode.logged
    assert episode.eased is True
    assert episode.duration_seconds == 200  # exactly what the page showed


def test_the_log_saves_the_duration_it_shows(rig: Rig) -> None:
    assert rig.store is not None
    rig.screen.choose_location(CrampLocation.CALF)
    rig.move(3)
    rig.screen.eased()
    rig.screen.next()
    page = rig.screen.log_page
    assert page.duration.text() == "3 s"
    rig.screen.save_log()
    (episode,) = rig.store.episodes()
    assert episode.duration_seconds == 3


def test_edited_minutes_replace_the_measured_duration(rig: Rig) -> None:
    assert rig.store is not None
    rig.screen.choose_location(CrampLocation.CALF)
    rig.move(50)
    rig.screen.eased()
    rig.screen.next()
    page = rig.screen.log_page
    assert page.duration.text() == "50 s"
    for _ in range(15):
        rig.qtbot.mouseClick(page.more_button, Qt.MouseButton.LeftButton)
    assert page.duration.text() == "15 min"
    rig.qtbot.mouseClick(page.less_button, Qt.MouseButton.LeftButton)
    assert page.duration.text() == "14 min"
    rig.screen.save_log()
    (episode,) = rig.store.episodes()
    assert episode.duration_seconds == 14 * 60


def test_skip_writes_no_log_fields_but_start_and_duration(rig: Rig) -> None:
    assert rig.store is not None
    rig.screen.choose_location(CrampLocation.FRONT_THIGH)
    rig.move(95)
    rig.screen.next()
    rig.move(20)
    rig.screen.eased()
    rig.screen.next()
    with rig.qtbot.waitSignal(rig.screen.closed, timeout=1000):
        rig.qtbot.mouseClick(rig.screen.log_page.skip_button, Qt.MouseButton.LeftButton)
    (episode,) = rig.store.episodes()
    assert not episode.logged
    # Only what Cramp now knew without asking: where (chosen at the start), nothing more.
    assert (episode.leg, episode.location, episode.pain, episode.note) == (None, CrampLocation.FRONT_THIGH, None, "")
    assert episode.started_at == rig.wall.now()
    assert episode.duration_seconds == 115
    assert episode.eased is True


def test_leaving_mid_step_records_the_start_and_duration(rig: Rig) -> None:
    assert rig.store is not None
    rig.screen.choose_location(CrampLocation.FOOT)
    rig.move(45)
    with rig.qtbot.waitSignal(rig.screen.closed, timeout=1000):
        rig.key(Qt.Key.Key_Escape)
    (episode,) = rig.store.episodes()
    assert episode.duration_seconds == 45
    assert episode.eased is None
    assert not episode.logged
    assert rig.speech.stops >= 1


def test_hiding_the_screen_records_the_duration_and_stops(rig: Rig) -> None:
    assert rig.store is not None
    rig.screen.choose_location(CrampLocation.CALF)
    rig.move(12)
    rig.screen.hide()  # the app switched screens without leave()
    (episode,) = rig.store.episodes()
    assert episode.duration_seconds == 12
    assert not rig.screen.active
    assert not rig.screen.controller.running


def test_home_button_leaves(rig: Rig) -> None:
    with rig.qtbot.waitSignal(rig.screen.closed, timeout=1000):
        rig.qtbot.mouseClick(rig.screen.home_button, Qt.MouseButton.LeftButton)


def test_open_starts_afresh(rig: Rig) -> None:
    assert rig.store is not None
    rig.screen.choose_location(CrampLocation.CALF)
    rig.move(600)
    rig.screen.open()
    assert rig.page() is rig.screen.locations_page
    assert rig.screen.flow is not None
    assert rig.screen.flow.location is None
    assert not rig.screen.urgent_banner.isVisible()
    new, old = rig.store.episodes()  # newest first: the new one is recorded at once
    assert old.duration_seconds == 600  # the abandoned one was closed off
    assert new.duration_seconds is None
    rig.screen.choose_location(CrampLocation.FOOT)
    rig.screen.eased()
    rig.screen.next()
    assert rig.screen.log_page.where_buttons[CrampLocation.FOOT].isChecked()
    assert not rig.screen.log_page.where_buttons[CrampLocation.CALF].isChecked()
    assert rig.screen.log_page.pain_group.checkedButton() is None


def test_a_failing_diary_shows_a_notice_and_the_flow_goes_on(qtbot: QtBot) -> None:
    diary = BrokenDiary()
    rig = build(qtbot, _builtin(), store=None, diary=diary)
    rig.screen.choose_location(CrampLocation.CALF)
    assert rig.screen.notice.isVisible()
    assert "could not be saved" in rig.screen.notice.text()
    calls = diary.calls
    rig.screen.next()
    rig.move(40)
    assert diary.calls == calls  # written no more after the first failure
    assert rig.screen.heading.text() == "Step 2 of 4"
    rig.screen.eased()
    assert rig.screen.closing_page.next_button.text() == "Done"  # nothing to log into
    with qtbot.waitSignal(rig.screen.closed, timeout=1000):
        rig.screen.next()
    rig.screen.close()


def test_works_without_diary_sound_or_voice(qtbot: QtBot) -> None:
    rig = build(qtbot, _builtin(), store=None, sound=False)
    rig.screen.choose_location(None)
    for _ in range(40):
        rig.move(1)
    rig.screen.show_warnings()
    rig.screen.hide_warnings()
    rig.screen.next()
    rig.screen.next()
    rig.screen.stand_choice(True)
    rig.move(700)
    assert rig.screen.urgent_banner.isVisible()
    rig.screen.eased()
    assert rig.page() is rig.screen.closing_page
    with qtbot.waitSignal(rig.screen.closed, timeout=1000):
        rig.key(Qt.Key.Key_Return)
    rig.screen.close()


def test_every_button_is_focusable_and_named(rig: Rig) -> None:
    buttons = rig.screen.findChildren(QPushButton)
    assert len(buttons) > 20
    for widget in buttons:
        assert widget.accessibleName(), widget.text()
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus, widget.accessibleName()


def test_the_display_is_kept_awake_only_while_the_steps_run(qtbot: QtBot) -> None:
    held: list[bool] = []
    rig = build(qtbot, _builtin(), store=None, keep_awake=held)
    assert held == []
    rig.screen.choose_location(CrampLocation.CALF)
    assert held == [True]
    rig.move(100)
    rig.screen.eased()
    assert held == [True]  # the closing card still watches the clock
    rig.screen.next()
    assert held == [True, False]
    rig.screen.close()


# -- safety lines on screen -------------------------------------------------------------------


@pytest.mark.parametrize("location", list(CrampLocation))
def test_every_caution_is_on_screen_with_the_voice_off(qtbot: QtBot, location: CrampLocation) -> None:
    rig = build(qtbot, _builtin(), store=None, sound=False)
    rig.screen.choose_location(location)
    seen: list[str] = []
    for _ in range(30):
        if rig.page() is rig.screen.gate_page:
            rig.screen.stand_choice(True)
            continue
        if rig.page() is not rig.screen.step_page:
            break
        card = rig.screen.step_page.card
        step = rig.screen.flow.snapshot(rig.clock.monotonic()).step if rig.screen.flow else None
        assert step is not None
        if step.caution:
            assert card.caution_card.isVisible(), step.title
            assert card.caution.text() == step.caution
            seen.append(step.caution)
        else:
            assert not card.caution_card.isVisible(), step.title
        rig.screen.next()
    expected = [s.caution for s in _builtin().steps_for(location, can_stand=True) if s.caution]
    assert seen == expected
    assert seen  # the shipped protocol has a caution for every location (the clot check at least)
    rig.screen.close()


def test_the_emergency_number_is_on_the_warning_signs_and_the_urgent_banner(qtbot: QtBot) -> None:
    rig = build(qtbot, _builtin(), store=None, emergency_number="112")
    rig.screen.show_warnings()
    assert rig.screen.warnings_page.call.text() == "Call 112 now."
    assert rig.screen.warnings_page.call.isVisible()
    assert rig.screen.warnings_page.call.parentWidget() is rig.screen.warnings_page.tier_cards[0]
    # One instruction: the number takes the place of the tier's general "call your local number".
    emergency_card = rig.screen.warnings_page.tier_cards[0]
    shown = [text.text() for text in emergency_card.findChildren(QLabel) if text.isVisible()]
    assert sum("Call" in line for line in shown) == 1, shown
    rig.screen.hide_warnings()
    rig.screen.choose_location(CrampLocation.CALF)
    rig.move(600)
    assert "In an emergency call 112" in rig.screen.urgent_banner.message.text()
    rig.screen.close()


def test_without_a_number_the_warning_signs_say_to_call_the_local_emergency_number(qtbot: QtBot) -> None:
    rig = build(qtbot, _builtin(), store=None, emergency_number="")
    rig.screen.show_warnings()
    emergency_card = rig.screen.warnings_page.tier_cards[0]
    shown = [text.text() for text in emergency_card.findChildren(QLabel) if text.isVisible()]
    emergency = next(tier for tier in _builtin().red_flags if tier.urgency.value == "emergency")
    assert emergency.title in shown
    assert sum("Call" in line for line in shown) == 1, shown
    rig.screen.close()


def test_a_new_protocol_rebuilds_the_pages_when_no_cramp_is_running(rig: Rig) -> None:
    from dataclasses import replace

    calf = _builtin().plan(CrampLocation.CALF)
    renamed = replace(calf, label="Lower leg")
    protocol = _replace_locations(_builtin(), (renamed, *_builtin().locations[1:]))
    rig.move(30)  # on the picker: a cramp is open, so the pages wait
    rig.screen.set_protocol(protocol)
    assert rig.screen.locations_page.buttons[CrampLocation.CALF].name.text() == "Calf"
    rig.screen.leave()
    rig.screen.open()
    assert rig.screen.locations_page.buttons[CrampLocation.CALF].name.text() == "Lower leg"
    assert rig.screen.log_page.where_buttons[CrampLocation.CALF].text() == "Lower leg"
    rig.screen.choose_location(CrampLocation.CALF)
    assert rig.page() is rig.screen.step_page


def test_only_the_location_picker_is_built_before_the_first_paint(qtbot: QtBot) -> None:
    screen = CrampScreen(
        _builtin(),
        lambda: False,
        FakeClock(),
        FakeWallClock(),
        diary=None,
        cues=None,
        speech=None,
        resolve_asset=resolve_asset,
    )
    qtbot.addWidget(screen)
    screen.open()  # a cold --emergency start opens the screen before it is painted
    assert screen._pages is None
    assert screen.stack.count() == 1
    screen.resize(WIDTH, HEIGHT)
    screen.show()
    qtbot.waitExposed(screen)
    qtbot.waitUntil(lambda: screen._pages is not None)  # built in the turn after the paint
    assert screen.stack.currentWidget() is screen.locations_page
    screen.close()
