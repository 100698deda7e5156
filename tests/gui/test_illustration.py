"""Pictures draw the same everywhere: SVG recoloured, PNG and JPEG as they are, a damaged one never blank."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cramp_coach import paths
from cramp_coach.domain.player import PlayerStatus
from cramp_coach.schema.images import image_problem, jpeg_problem, png_problem
from cramp_coach.storage.library import load_catalog
from cramp_coach.ui.cramp.step_card import StepCard
from cramp_coach.ui.illustration import Illustration, load_picture
from cramp_coach.ui.player_controller import PlayerController
from cramp_coach.ui.screens.player_screen import PlayerScreen
from cramp_coach.ui.theme import DAY, NIGHT
from tests.helpers.builders import make_exercise, make_routine, make_step
from tests.helpers.fakes import FakeClock, FakeWallClock
from tests.helpers.fuzzing import mutate_bytes

GREEN = QColor(20, 200, 40)


def encoded(kind: str, width: int = 120, height: int = 80) -> bytes:
    """A green picture with a white square, as the physiotherapist's camera or editor would save it."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(GREEN)
    painter = QPainter(image)
    painter.fillRect(0, 0, 10, 10, QColor("white"))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, kind, 95)
    return bytes(data)


def centre_colour(widget: Illustration) -> QColor:
    grabbed = widget.grab().toImage()
    return grabbed.pixelColor(grabbed.width() // 2, grabbed.height() // 2)


def close_to(colour: QColor, expected: QColor, tolerance: int = 24) -> bool:
    return all(
        abs(a - b) <= tolerance
        for a, b in zip(colour.getRgb()[:3], expected.getRgb()[:3], strict=True)  # JPEG is lossy
    )


@pytest.mark.parametrize(("kind", "suffix"), [("PNG", ".png"), ("JPG", ".jpg"), ("JPG", ".jpeg")])
def test_png_and_jpeg_pictures_are_drawn(qtbot: QtBot, tmp_path: Path, kind: str, suffix: str) -> None:
    picture = tmp_path / f"photo{suffix}"
    picture.write_bytes(encoded(kind))
    assert image_problem(picture) is None  # the validator accepts it…
    widget = Illustration()
    qtbot.addWidget(widget)
    widget.resize(300, 200)
    widget.show_file(picture, NIGHT, "A photo")
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.isVisible()  # …and the screens draw it
    assert isinstance(widget.picture, QImage)
    assert close_to(centre_colour(widget), GREEN)
    assert widget.accessibleDescription() == "A photo"


def test_an_svg_follows_the_palette(qtbot: QtBot) -> None:
    widget = Illustration()
    qtbot.addWidget(widget)
    svg = paths.builtin_assets_dir() / "illustrations" / "toe-pulls.svg"
    widget.show_file(svg, NIGHT)
    night = widget.picture
    widget.show_file(svg, DAY)
    assert widget.picture is not night  # redrawn in the day colours
    assert widget.isVisibleTo(widget.parentWidget() or widget)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("cut.png", encoded("PNG")[:60]),
        ("cut.jpg", encoded("JPG")[:40]),
        ("latin1.svg", "<svg xmlns='http://www.w3.org/2000/svg'><title>caf\xe9</title></svg>".encode("latin-1")),
        ("text.png", b"not a picture at all"),
    ],
)
def test_a_damaged_picture_is_hidden_not_blank_and_the_validator_names_it(
    qtbot: QtBot, tmp_path: Path, name: str, data: bytes
) -> None:
    picture = tmp_path / name
    picture.write_bytes(data)
    assert image_problem(picture) is not None
    assert load_picture(picture, NIGHT) is None
    widget = Illustration()
    qtbot.addWidget(widget)
    widget.show()
    widget.show_file(picture, NIGHT)  # never raises (it used to: UnicodeDecodeError on a PNG)
    assert not widget.isVisible()
    assert widget.picture is None


def test_the_player_shows_a_png_exercise_picture(qtbot: QtBot, tmp_path: Path) -> None:
    picture = tmp_path / "images" / "photo.png"
    picture.parent.mkdir()
    picture.write_bytes(encoded("PNG", 400, 300))
    clock = FakeClock()
    controller = PlayerController(clock, FakeWallClock(), diary=None, cues=None, speech=None)
    screen = PlayerScreen(controller, lambda: NIGHT, lambda name: tmp_path / name)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)  # at 1024 × 600 the player leaves pictures out to keep the words whole
    screen.show()
    qtbot.waitExposed(screen)
    controller.start(make_routine(make_step(make_exercise(illustration="images/photo.png"))))
    assert controller.player.status is PlayerStatus.RUNNING
    assert screen.illustration.isVisible()
    assert isinstance(screen.illustration.picture, QImage)
    assert close_to(centre_colour(screen.illustration), GREEN)
    controller.stop()


def test_cramp_now_shows_a_png_step_picture(qtbot: QtBot, tmp_path: Path) -> None:
    picture = tmp_path / "images" / "photo.png"
    picture.parent.mkdir()
    picture.write_bytes(encoded("PNG", 400, 300))
    protocol = load_catalog().protocol
    assert protocol is not None
    step = dataclasses.replace(protocol.locations[0].steps[0], illustration="images/photo.png")
    card = StepCard(lambda name: tmp_path / name, with_ring=False)
    qtbot.addWidget(card)
    card.resize(1024, 600)
    card.show()
    card.show_step(step)
    qtbot.waitExposed(card)
    assert card.picture.isVisible()
    assert not card.picture.dropped
    grabbed = card.picture.grab().toImage()
    assert close_to(grabbed.pixelColor(grabbed.width() // 2, grabbed.height() // 2), GREEN)
    picture.write_bytes(b"\x89PNG\r\n\x1a\n broken")
    card.show_step(dataclasses.replace(step, illustration="images/other.png"))  # missing: no box
    assert not card.picture.isVisible()


@settings(derandomize=True, database=None, max_examples=300, deadline=None)
@given(st.randoms(use_true_random=False), st.sampled_from(["PNG", "JPG"]))
def test_what_the_validator_accepts_qt_draws(qapp: QApplication, rng: random.Random, kind: str) -> None:
    """The stdlib check is never looser than Qt's decoders: an accepted picture is never a blank."""
    data = mutate_bytes(encoded(kind, 16, 12), rng)
    problem = png_problem(data) if kind == "PNG" else jpeg_problem(data)
    if problem is None:
        assert not QImage.fromData(data).isNull(), "accepted by the validator, but Qt cannot draw it"
