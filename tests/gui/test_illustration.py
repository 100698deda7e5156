"""Pictures draw the same everywhere: SVG recoloured, PNG and JPEG as they are, a damaged one never blank."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cramp_coach import paths
from cramp_coach.domain.player import PlayerStatus
from cramp_coach.schema.images import image_problem, jpeg_problem, png_problem
from cramp_coach.storage.library import load_catalog
from cramp_coach.ui.cramp.step_card import StepCard
from cramp_coach.ui.illustration import PHOTO_OPACITY, Illustration, load_picture
from cramp_coach.ui.player_controller import PlayerController
from cramp_coach.ui.screens.player_screen import PlayerScreen
from cramp_coach.ui.theme import CRAMP, DAY, NIGHT, Palette
from tests.helpers.builders import make_exercise, make_routine, make_step
from tests.helpers.fakes import FakeClock, FakeWallClock
from tests.helpers.fuzzing import mutate_bytes

GREEN = QColor(20, 200, 40)


def encoded(kind: str, width: int = 120, height: int = 80, colour: QColor = GREEN) -> bytes:
    """A green picture with a white square, as the physiotherapist's camera or editor would save it."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(colour)
    painter = QPainter(image)
    painter.fillRect(0, 0, 10, 10, QColor("white"))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, kind, 95)
    return bytes(data)


def dimmed_green(palette: Palette, page: QColor) -> QColor:
    """GREEN drawn at the palette's photo opacity over ``page``."""
    opacity = PHOTO_OPACITY[palette.name]
    parts = [round(g * opacity + b * (1 - opacity)) for g, b in zip(GREEN.getRgb()[:3], page.getRgb()[:3], strict=True)]
    return QColor(*parts)


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
    widget.show_file(picture, DAY, "A photo")
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.isVisible()  # …and the screens draw it, as it is by day
    assert isinstance(widget.picture, QImage)
    assert close_to(centre_colour(widget), GREEN)
    assert widget.accessibleDescription() == "A photo"


def painted_brightness(qtbot: QtBot, picture: Path, palette: Palette) -> float:
    """The mean brightness (0-255, Rec. 709 luma) of an Illustration showing ``picture`` on
    ``palette``'s page, as the screen paints it."""
    page = QWidget()
    page.setAutoFillBackground(True)
    colours = page.palette()
    colours.setColor(QPalette.ColorRole.Window, QColor(palette.bg))
    page.setPalette(colours)
    qtbot.addWidget(page)
    widget = Illustration(page)
    widget.resize(300, 200)
    page.resize(300, 200)
    widget.show_file(picture, palette)
    page.show()
    qtbot.waitExposed(page)
    image = page.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    total = 0.0
    for y in range(0, image.height(), 4):
        for x in range(0, image.width(), 4):
            colour = image.pixelColor(x, y)
            total += 0.2126 * colour.red() + 0.7152 * colour.green() + 0.0722 * colour.blue()
    return total / (len(range(0, image.height(), 4)) * len(range(0, image.width(), 4)))


def luma(hex_colour: str) -> float:
    colour = QColor(hex_colour)
    return 0.2126 * colour.red() + 0.7152 * colour.green() + 0.0722 * colour.blue()


@pytest.mark.parametrize(("kind", "suffix"), [("PNG", ".png"), ("JPG", ".jpg")])
@pytest.mark.parametrize("palette", [NIGHT, CRAMP], ids=["night", "cramp"])
def test_a_bright_photo_is_dimmed_at_night(
    qtbot: QtBot, tmp_path: Path, kind: str, suffix: str, palette: Palette
) -> None:
    """A photo from a bright clinic is no brighter than the words in a dark bedroom; by day it is as it is."""
    photo = tmp_path / f"white-wall{suffix}"
    photo.write_bytes(encoded(kind, colour=QColor("white")))
    by_day = painted_brightness(qtbot, photo, DAY)
    at_night = painted_brightness(qtbot, photo, palette)
    assert by_day > 240  # the white wall, as it is
    assert at_night < luma(palette.text) - 40  # clearly dimmer than the text next to it
    assert at_night > luma(palette.bg) + 60  # but still there to see


def test_line_drawings_are_not_dimmed_at_night(qtbot: QtBot) -> None:
    """SVGs are drawn in the palette's own colours already; only photos are dimmed."""
    svg = paths.builtin_assets_dir() / "illustrations" / "toe-pulls.svg"
    picture = load_picture(svg, NIGHT)
    assert isinstance(picture, QSvgRenderer)


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
    screen = PlayerScreen(controller, lambda: DAY, lambda name: tmp_path / name)
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
    centre = grabbed.pixelColor(grabbed.width() // 2, grabbed.height() // 2)
    page = card.picture.palette().color(QPalette.ColorRole.Window)  # what shows through
    assert close_to(centre, dimmed_green(CRAMP, page))  # Cramp now is always dark: photos dimmed
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
