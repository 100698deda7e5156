"""Home, the player, the finish screen and Settings fit every look: no cut text, no overlaps.

Each screen is checked with the generic helpers in :mod:`tests.gui.layout_checks` in
the looks of :data:`~tests.gui.layout_checks.LOOKS` (window size x text size x theme;
the module says why that subset). The routines are the built-in ones plus a "stress"
routine with long names, notes and cautions.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cramp_coach import paths
from cramp_coach.domain.player import PlayerStatus
from cramp_coach.domain.routine import DoseKind, Position, Routine, Sides
from cramp_coach.domain.timeline import PhaseKind
from cramp_coach.schema.assets import AssetResolver
from cramp_coach.storage.routine_library import load_catalog
from cramp_coach.ui.player_controller import PlayerController, SessionSummary
from cramp_coach.ui.screens.finish_screen import FinishScreen
from cramp_coach.ui.screens.home_screen import HomeScreen
from cramp_coach.ui.screens.player_layout import RING_MIN
from cramp_coach.ui.screens.player_screen import PlayerScreen
from cramp_coach.ui.screens.settings_screen import MAX_CONTENT_WIDTH, SettingsScreen
from cramp_coach.ui.settings import AppSettings
from cramp_coach.ui.theme import Palette
from tests.gui.layout_checks import (
    LOOK_IDS,
    LOOKS,
    SLACK,
    assert_accessible,
    assert_fits,
    in_scroll_area,
    reset_look,
    set_look,
    show_at,
)
from tests.helpers.builders import make_dose, make_exercise, make_routine, make_step
from tests.helpers.fakes import FakeClock, FakeWallClock

Look = tuple[str, str, str]


@pytest.fixture(scope="module")
def routines() -> dict[str, Routine]:
    return dict(load_catalog().routines)


@pytest.fixture
def look(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[tuple[str, Palette]]:
    """Sets the look named by the test's ``look_id`` parameter; yields (window size, palette)."""
    size, text, theme_name = request.param
    palette = set_look(qapp, text=text, theme_name=theme_name)
    yield size, palette
    reset_look(qapp)


def looks() -> pytest.MarkDecorator:
    return pytest.mark.parametrize("look", LOOKS, ids=LOOK_IDS, indirect=True)


def check(widget: QWidget, size: str) -> None:
    show_at(widget, size)
    assert_fits(widget)
    assert_accessible(widget)


def stress_routine() -> Routine:
    """Long names, a long note and cautions, every phase kind, a picture: the worst case on screen."""
    picture = "illustrations/wall-calf-stretch.svg"  # a path from the assets folder, as routines name it
    cautions = (
        "Always hold a firm support with both hands; stop straight away if your calf starts to cramp.",
        "Skip this one if you feel unsteady on your feet tonight.",
    )
    calf = dataclasses.replace(
        make_exercise(
            "Wall calf stretch with the back knee straight, holding a support",
            dose=make_dose(
                hold_seconds=10, reps=2, sets=2, rest_seconds=5, set_rest_seconds=8, sides=Sides.LEFT_THEN_RIGHT
            ),
            illustration=picture,
        ),
        cautions=cautions,
    )
    pumps = make_exercise(
        "Ankle pumps, sitting on the edge of the bed with both feet flat",
        position=Position.SITTING,
        dose=make_dose(DoseKind.UNTIMED_REPS, reps=10),
    )
    step = dataclasses.replace(
        make_step(calf),
        note="Optional. If you are pregnant beyond about sixteen weeks, stay propped up on pillows rather than flat.",
    )
    return dataclasses.replace(
        make_routine(
            step,
            make_step(pumps),
            get_ready_seconds=5,
            change_seconds=5,
            outro="Sleep well. If cramps keep waking you more than twice a week, mention it to your doctor.",
        ),
        title="Bedtime stretches for Jane, as agreed with her physiotherapist at the clinic, v2",  # 80: the most
    )


# -- Home --------------------------------------------------------------------------------


def twenty(routines: dict[str, Routine]) -> dict[str, Routine]:
    many = dict(routines)
    base = routines["bedtime"]
    for number in range(20 - len(many)):
        copy = dataclasses.replace(
            base,
            id=f"jane-{number}",
            title=f"Margaret's bedtime stretches no. {number + 1}, as agreed with the physiotherapist",
        )
        many[copy.id] = copy
    return many


@looks()
@pytest.mark.parametrize("count", [1, 20])
def test_home_fits(qtbot: QtBot, look: tuple[str, Palette], routines: dict[str, Routine], count: int) -> None:
    size, _ = look
    shown = {"bedtime": routines["bedtime"]} if count == 1 else twenty(routines)
    home = HomeScreen(shown, "bedtime", lambda _id: None, problem_count=1)
    qtbot.addWidget(home)
    check(home, size)
    # Cramp now and the way to the diary and settings never scroll away.
    for fixed in (home.cramp_button, home.diary_button, home.editor_button, home.settings_button):
        assert in_scroll_area(fixed, home) is None
    assert len(home.routine_buttons) == count - 1


def test_home_with_twenty_routines_reaches_the_last_one(
    qtbot: QtBot, qapp: QApplication, routines: dict[str, Routine]
) -> None:
    set_look(qapp, text="Largest", theme_name="night")
    try:
        home = HomeScreen(twenty(routines), "bedtime", lambda _id: None)
        qtbot.addWidget(home)
        show_at(home, "1024x600")
        last = list(home.routine_buttons.values())[-1]
        home.scroll_area.ensureWidgetVisible(last)
        viewport = home.scroll_area.viewport()
        top_left = last.mapTo(viewport, last.rect().topLeft())
        bottom_right = last.mapTo(viewport, last.rect().bottomRight())
        assert viewport.rect().contains(top_left)
        assert viewport.rect().contains(bottom_right)
        # Long titles wrap onto more lines instead of being cut.
        assert last.title_label.height() > last.title_label.fontMetrics().height() * 1.5
    finally:
        reset_look(qapp)


@looks()
def test_home_with_no_routine_offers_no_start(qtbot: QtBot, look: tuple[str, Palette]) -> None:
    """Every routine file broken: Home says so and shows no Start button that would do nothing."""
    size, _ = look
    home = HomeScreen({}, "bedtime", lambda _id: None, problem_count=3)
    qtbot.addWidget(home)
    check(home, size)
    assert not home.start_button.isVisible()
    assert home.cramp_button.isVisible()
    assert home.problems_button.isVisibleTo(home)
    home.set_routines({"bedtime": stress_routine()}, "bedtime")  # the editor repaired one
    assert home.start_button.isVisible()
    assert home.start_button.isEnabled()


@pytest.mark.parametrize("size", ["1024x600", "1366x768"])
def test_home_ends_with_its_last_row(qtbot: QtBot, qapp: QApplication, routines: dict[str, Routine], size: str) -> None:
    """Scrolled to the end, the list ends with its last row: no blank band under it."""
    set_look(qapp, text="Largest", theme_name="night")
    try:
        home = HomeScreen(twenty(routines), "jane-0", lambda _id: None, problem_count=1)  # a long title tonight
        qtbot.addWidget(home)
        show_at(home, size)
        content = home.scroll_area.widget()
        assert content.height() > home.scroll_area.viewport().height()  # it does scroll
        last_row = home.problems_button.geometry().bottom()
        assert content.height() - last_row <= 2 * SLACK
    finally:
        reset_look(qapp)


# -- the player ----------------------------------------------------------------------------

PHASES = ("get-ready", "work", "rest", "set-rest", "switch", "change", "untimed", "stop-question", "cautions")
KINDS = {
    "get-ready": PhaseKind.GET_READY,
    "work": PhaseKind.WORK,
    "rest": PhaseKind.REST,
    "set-rest": PhaseKind.SET_REST,
    "switch": PhaseKind.SWITCH_SIDES,
    "change": PhaseKind.CHANGE,
}


def play_to(controller: PlayerController, screen: PlayerScreen, phase: str) -> None:
    """Skip through the stress routine to the phase named ``phase`` (and do what it names)."""
    wanted: Callable[[], bool]
    if phase in KINDS:
        wanted = lambda: controller.snapshot().phase.kind is KINDS[phase]  # type: ignore[union-attr] # noqa: E731
    else:
        wanted = lambda: controller.snapshot().status is PlayerStatus.WAITING  # type: ignore[union-attr] # noqa: E731
        if phase != "untimed":
            wanted = lambda: controller.snapshot().phase.kind is PhaseKind.WORK  # type: ignore[union-attr] # noqa: E731
    for _ in range(60):
        if wanted():
            break
        controller.skip()
    else:
        raise AssertionError(f"never reached {phase}")
    if phase == "stop-question":
        screen.ask_stop()
    elif phase == "cautions":
        screen.toggle_cautions()
        assert screen.cautions_box.isVisible()


@looks()
@pytest.mark.parametrize("phase", PHASES)
def test_player_fits(qtbot: QtBot, look: tuple[str, Palette], phase: str) -> None:
    size, palette = look
    controller = PlayerController(FakeClock(), FakeWallClock(), diary=None, cues=None, speech=None)
    screen = PlayerScreen(controller, lambda: palette, AssetResolver([paths.builtin_assets_dir()]))
    qtbot.addWidget(screen)
    show_at(screen, size)
    controller.start(stress_routine())
    try:
        play_to(controller, screen, phase)
        check(screen, size)
        # The ring stays whole and in the window; the controls never scroll.
        assert screen.ring.isVisible()
        assert min(screen.ring.width(), screen.ring.height()) >= RING_MIN
        if size == "1920x1080" and phase in ("work", "cautions"):
            assert screen.illustration.isVisible()  # the checks above saw the screen with its picture
        for control in (screen.pause_button, screen.done_button, screen.skip_button, screen.keep_going_button):
            assert in_scroll_area(control, screen) is None
    finally:
        controller.stop()


@pytest.mark.parametrize("look", [("1366x768", "Largest", "night")], ids=["1366x768-Largest-night"], indirect=True)
def test_player_drops_the_picture_before_the_words_scroll(
    qtbot: QtBot, look: tuple[str, Palette], routines: dict[str, Routine]
) -> None:
    size, palette = look
    controller = PlayerController(FakeClock(), FakeWallClock(), diary=None, cues=None, speech=None)
    screen = PlayerScreen(controller, lambda: palette, AssetResolver([paths.builtin_assets_dir()]))
    qtbot.addWidget(screen)
    show_at(screen, size)
    controller.start(routines["bedtime"])
    try:
        for _ in range(200):
            plan = screen.body.arrangement
            assert plan is not None
            assert not (plan.scrolls and plan.picture is not None), "the words scroll while the picture stays"
            if controller.snapshot() is None:
                break
            controller.skip()
    finally:
        controller.stop()


# -- finish and settings ---------------------------------------------------------------------


@looks()
@pytest.mark.parametrize("completed", [True, False], ids=["completed", "stopped"])
def test_finish_fits(
    qtbot: QtBot,
    look: tuple[
        str,
        Palette,
    ],
    completed: bool,
) -> None:
    size, _ = look
    screen = FinishScreen()
    qtbot.addWidget(screen)
    screen.show_summary(SessionSummary(stress_routine(), completed, 1, 2, 245.0, True))
    check(screen, size)
    # A long title, a closing note and the Largest text on the smallest screen: all of it in view.
    assert screen.scroll_area.verticalScrollBar().maximum() == 0


@looks()
def test_settings_fit(qtbot: QtBot, look: tuple[str, Palette], tmp_path: Path) -> None:
    size, _ = look
    from cramp_coach.ui.sound_check_panel import SoundCheckPanel

    screen = SettingsScreen(
        AppSettings(tmp_path / "settings.ini"),
        sound_status="No sound device was found, so beeps and the voice are off.",
        reminder_note="The reminder can pop up only while Cramp Coach is running.",
        sound_check=SoundCheckPanel(lambda _parent: None),  # type: ignore[arg-type,return-value]
    )
    qtbot.addWidget(screen)
    check(screen, size)
    assert in_scroll_area(screen.back_button, screen) is None
    if size == "1920x1080":
        # A wide screen: the controls stay in a readable column, the reminder's words on one line.
        assert screen.scroll_area.widget().width() <= MAX_CONTENT_WIDTH
        words = screen.reminder_row.text_label
        assert words.heightForWidth(words.width()) < 2 * words.fontMetrics().height()
