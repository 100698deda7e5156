"""The countdown's digits and caption stay inside the ring at every size and text size."""

from __future__ import annotations

import math

import pytest
from PySide6.QtWidgets import QApplication
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
    for text_size in ("Normal", "Largest"):
        set_look(qapp, text=text_size)
        ring = CountdownRing()
        qtbot.addWidget(ring)
        ring.resize(300, 300)
        ring.set_state(1.0, "3", "of 10 reps")
        sizes.append(ring.text_plan().caption_font.pixelSize())
    reset_look(qapp)
    assert sizes[1] > sizes[0]
