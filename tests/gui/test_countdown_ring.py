"""The countdown's digits and caption stay inside the ring at every size and text size."""

from __future__ import annotations

import math

import pytest
from PySide6.QtGui import QImage, QRegion
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cramp_coach.ui.widgets.countdown_ring import CountdownRing
from tests.gui.layout_checks import reset_look, set_look


@pytest.mark.parametrize("text_size", ["Normal", "Largest"])
@pytest.mark.parametrize("side", [180, 300, 700])
@pytest.mark.parametrize(
    ("text", "caption"),
    [("5", ""), ("15", ""), ("120", ""), ("2:59", ""), ("10:00", ""), ("10", "of 10 reps"), ("12", "reps")],
)
def test_the_text_fits_inside_the_ring(
    qtbot: QtBot, qapp: QApplication, text_size: str, side: int, text: str, caption: str
) -> None:
    set_look(qapp, text=text_size)
    try:
        ring = CountdownRing()
        qtbot.addWidget(ring)
        ring.resize(side, side)
        ring.set_state(0.5, text, caption)
        plan = ring.text_plan()
        block = plan.block
        corners = [block.topLeft(), block.topRight(), block.bottomLeft(), block.bottomRight()]
        for corner in corners:
            assert math.dist((corner.x(), corner.y()), (plan.centre.x(), plan.centre.y())) <= plan.radius + 0.5
        # Still big: the digits at least a fifth of the ring, the caption readable.
        assert plan.digits_font.pixelSize() >= side * 0.2
        if caption:
            assert plan.caption_font.pixelSize() >= min(14, side * 0.06)
    finally:
        reset_look(qapp)


def test_the_ring_grows_the_caption_with_the_text_size(qtbot: QtBot, qapp: QApplication) -> None:
    sizes = []
    try:
        for text_size in ("Normal", "Largest"):
            set_look(qapp, text=text_size)
            ring = CountdownRing()
            qtbot.addWidget(ring)
            ring.resize(300, 300)
            ring.set_state(1.0, "3", "of 10 reps")
            sizes.append(ring.text_plan().caption_font.pixelSize())
    finally:
        reset_look(qapp)
    assert sizes[1] > sizes[0]


# How far one channel of a pixel may differ between two correct drawings of the ring:
# the antialiased edge of an arc drawn at another length (see below).
EDGE_SHADE = 64


def _pixels(ring: CountdownRing, image: QImage | None = None, region: QRegion | None = None) -> QImage:
    """The ring rendered into ``image`` (a new one if None), only ``region`` of it if given."""
    if image is None:
        image = QImage(ring.size(), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
    region = region or QRegion(ring.rect())
    ring.render(image, region.boundingRect().topLeft(), region)  # the region's own place
    return image


@pytest.mark.parametrize("start", [0.999, 0.985, 0.975, 0.97, 0.8, 0.6, 0.5, 0.3, 0.26, 0.05, 0.01])
def test_a_small_step_repaints_a_small_region_to_the_same_pixels_as_a_whole_repaint(qtbot: QtBot, start: float) -> None:
    ring = CountdownRing()
    qtbot.addWidget(ring)
    ring.resize(300, 300)
    ring.set_colours("#e89a4c", "#2c333c", "#e9e2cf", "#0c0e11")
    ring.set_state(start, "7")
    image = _pixels(ring)
    steps = ring.arc_steps()
    end = start - 5 / steps  # five pixels of arc
    changed = ring._arc_change(ring._fraction, math.ceil(end * steps) / steps)
    assert changed.width() * changed.height() < 0.02 * 300 * 300
    ring.set_state(end, "7")
    stepped = _pixels(ring, image, QRegion(changed))
    whole = _pixels(ring)
    # The same picture, to the antialiasing of the arc's edges: Qt's curves for arcs of
    # different lengths differ by a fraction of a pixel (a quarter of an edge pixel's
    # shade at most), and so do two whole repaints. A missing cap or a seam is a whole one.
    worst = max(abs(a - b) for a, b in zip(bytes(stepped.constBits()), bytes(whole.constBits()), strict=True))
    assert worst <= EDGE_SHADE


@pytest.mark.parametrize("background", ["#0c0e11", None])
def test_a_whole_countdown_in_small_steps_leaves_the_same_picture_as_one_repaint(
    qtbot: QtBot, background: str | None
) -> None:
    """What is on screen after a phase of partial repaints (opaque, or over a card) is the ring as drawn whole."""
    page = QWidget()
    qtbot.addWidget(page)
    page.setStyleSheet("QWidget { background: #181c22; }")
    ring = CountdownRing(page)
    ring.setGeometry(10, 10, 300, 300)
    ring.set_colours("#e89a4c", "#2c333c", "#e9e2cf", background)
    page.resize(320, 320)
    page.show()
    qtbot.waitExposed(page)
    for step in range(0, 241):
        fraction = 1 - step / 240
        ring.set_state(fraction, str(math.ceil(fraction * 30)))
        QApplication.processEvents()
        if step % 40 == 0 or step in (1, 2, 3, 239):
            shown = page.screen().grabWindow(page.winId()).toImage().convertToFormat(QImage.Format.Format_RGB32)
            whole = page.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
            worst = max(abs(a - b) for a, b in zip(bytes(shown.constBits()), bytes(whole.constBits()), strict=True))
            assert worst <= EDGE_SHADE, (step, worst)
