"""The diary's chart keeps its labels inside itself and its bars readable, at any text size.

Sizes come from the chart's own font: no pixel counts are assumed here.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cramp_coach.domain.report import ChartBar
from cramp_coach.ui.widgets.cramp_chart import CrampChart
from tests.gui.layout_checks import reset_look, set_look

BARS = [ChartBar(label=f"{day} Mar", cramps=day % 7, routine_nights=day % 5, nights=7) for day in range(2, 30, 7)]


@pytest.fixture(params=["Normal", "Largest"])
def text(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    set_look(qapp, text=request.param)
    yield request.param
    reset_look(qapp)


@pytest.mark.parametrize("legend", [False, True])
def test_at_its_minimum_the_labels_fit_inside_and_the_bars_keep_room(qtbot: QtBot, text: str, legend: bool) -> None:
    chart = CrampChart(legend=legend)
    qtbot.addWidget(chart)
    chart.set_bars(BARS)
    chart.resize(chart.minimumSizeHint())
    line = chart.fontMetrics().height()
    plot = chart.plot_rect()
    assert plot.top() >= line * (1.6 if legend else 0.9)  # the values (and legend) printed above the bars
    assert chart.height() - plot.bottom() >= line  # the week labels under the axis
    assert plot.height() >= 3 * line  # bars tall enough to compare


def test_its_minimum_grows_with_the_text(qtbot: QtBot, qapp: QApplication) -> None:
    heights = []
    try:
        for text in ("Normal", "Largest"):
            set_look(qapp, text=text)
            chart = CrampChart(legend=False)
            qtbot.addWidget(chart)
            chart.ensurePolished()
            heights.append(chart.minimumSizeHint().height())
    finally:
        reset_look(qapp)
    assert heights[1] > heights[0]
