"""The player shows each step's note under the instruction and the exercise's cautions, in large print."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cramp_coach.domain.routine import Routine
from cramp_coach.domain.timeline import PhaseKind
from cramp_coach.ui.player_controller import PlayerController
from cramp_coach.ui.screens.player_screen import PlayerScreen
from cramp_coach.ui.theme import NIGHT
from tests.gui.layout_checks import reset_look, set_look, show_at
from tests.helpers.builders import make_exercise, make_routine, make_step
from tests.helpers.fakes import FakeClock, FakeWallClock

CAUTIONS = ("Hold a firm support with both hands.", "Skip this one if you feel unsteady tonight.")
NOTE = "Pregnant beyond about 16 weeks? Stay propped up on pillows, not flat on your back."


def routine() -> Routine:
    careful = dataclasses.replace(make_exercise("Heel raises"), cautions=CAUTIONS)
    plain = make_exercise("Ankle pumps")
    return make_routine(
        dataclasses.replace(make_step(careful), note=NOTE), make_step(plain), make_step(careful), change_seconds=5
    )


@pytest.fixture
def rig(qtbot: QtBot, qapp: QApplication) -> Iterator[tuple[PlayerController, PlayerScreen]]:
    set_look(qapp, text="Largest")
    controller = PlayerController(FakeClock(), FakeWallClock(), diary=None, cues=None, speech=None)
    screen = PlayerScreen(controller, lambda: NIGHT, lambda _name: None)
    qtbot.addWidget(screen)
    show_at(screen, "1920x1080")
    controller.start(routine())
    yield controller, screen
    controller.stop()
    reset_look(qapp)


def skip_to(controller: PlayerController, kind: PhaseKind, exercise: str) -> None:
    for _ in range(40):
        phase = controller.snapshot().phase  # type: ignore[union-attr]
        if phase is not None and phase.kind is kind and phase.exercise_name == exercise:
            return
        controller.skip()
    raise AssertionError(f"no {kind} for {exercise}")


def test_cautions_show_while_getting_ready_and_the_note_sits_under_the_instruction(
    rig: tuple[PlayerController, PlayerScreen],
) -> None:
    controller, screen = rig
    skip_to(controller, PhaseKind.GET_READY, "Heel raises")
    assert screen.cautions_box.isVisible()
    assert all(caution in screen.cautions_text.text() for caution in CAUTIONS)
    assert screen.note.isVisible()
    assert screen.note.text() == NOTE
    assert screen.note.y() > screen.instruction.y()
    # Large print: as big as the instruction.
    big = QFontInfo(screen.instruction.font()).pixelSize()
    assert QFontInfo(screen.cautions_text.font()).pixelSize() >= big
    assert QFontInfo(screen.note.font()).pixelSize() >= big


def test_while_stretching_the_cautions_come_on_demand_with_c_or_the_button(
    rig: tuple[PlayerController, PlayerScreen], qtbot: QtBot
) -> None:
    controller, screen = rig
    skip_to(controller, PhaseKind.WORK, "Heel raises")
    assert not screen.cautions_box.isVisible()
    assert screen.note.isVisible()  # the note stays with its step
    qtbot.keyClick(screen, Qt.Key.Key_C)
    assert screen.cautions_box.isVisible()
    controller.tick()  # a tick re-renders: the cautions stay until asked away
    assert screen.cautions_box.isVisible()
    qtbot.mouseClick(screen.cautions_button, Qt.MouseButton.LeftButton)
    assert not screen.cautions_box.isVisible()


def test_an_exercise_without_cautions_has_no_cautions_button_and_the_change_shows_the_next_ones(
    rig: tuple[PlayerController, PlayerScreen], qtbot: QtBot
) -> None:
    controller, screen = rig
    skip_to(controller, PhaseKind.WORK, "Ankle pumps")
    assert not screen.cautions_button.isVisible()
    assert not screen.note.isVisible()
    qtbot.keyClick(screen, Qt.Key.Key_C)
    assert not screen.cautions_box.isVisible()
    skip_to(controller, PhaseKind.CHANGE, "Heel raises")
    assert screen.cautions_box.isVisible()
    assert screen.cautions_button.isVisible()


def test_on_a_laptop_at_the_largest_text_the_cautions_leave_the_side_and_the_instruction_in_sight(
    rig: tuple[PlayerController, PlayerScreen],
) -> None:
    controller, screen = rig
    skip_to(controller, PhaseKind.GET_READY, "Heel raises")
    large = QFontInfo(screen.cautions_text.font()).pixelSize()
    show_at(screen, "1366x768")
    assert screen.cautions_box.isVisible()
    # The person's own (Largest) text size rather than large print on top of it.
    assert QFontInfo(screen.cautions_text.font()).pixelSize() < large
    assert QFontInfo(screen.cautions_text.font()).pixelSize() == screen.fontInfo().pixelSize()
    show_at(screen, "1920x1080")
    assert QFontInfo(screen.cautions_text.font()).pixelSize() == large
