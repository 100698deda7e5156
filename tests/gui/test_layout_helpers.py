"""The layout and accessibility helpers catch what they promise to catch (and pass what fits)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QScrollArea, QSlider, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from tests.gui.layout_checks import (
    accessibility_problems,
    assert_accessible,
    assert_fits,
    layout_problems,
    reset_look,
    set_look,
    show_at,
    tab_order,
)

LONG = "A sentence long enough to need several lines when the label is narrow and the text is large."


@pytest.fixture(autouse=True)
def _normal_look(qapp: QApplication) -> Iterator[None]:
    set_look(qapp, text="Normal", theme_name="night")
    yield
    reset_look(qapp)  # later tests measure widgets in Qt's own look, not this one


def _window(qtbot: QtBot) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    return window


def test_a_laid_out_screen_fits(qtbot: QtBot) -> None:
    window = _window(qtbot)
    layout = QVBoxLayout(window)
    text = QLabel(LONG)
    text.setWordWrap(True)
    layout.addWidget(text)
    layout.addWidget(QPushButton("Start"))
    layout.addStretch(1)
    show_at(window, (400, 400))
    assert_fits(window)
    assert_accessible(window)


def test_wrapped_text_cut_short_is_reported(qtbot: QtBot) -> None:
    window = _window(qtbot)
    text = QLabel(LONG, window)
    text.setWordWrap(True)
    text.setGeometry(0, 0, 200, 30)  # room for one line only
    show_at(window, (400, 400))
    assert any("is cut" in problem for problem in layout_problems(window))


def test_a_button_narrower_than_its_text_is_reported(qtbot: QtBot) -> None:
    window = _window(qtbot)
    QPushButton("Choose this routine for tonight", window).setGeometry(0, 0, 60, 60)
    show_at(window, (400, 400))
    assert any("QPushButton" in problem and "is cut" in problem for problem in layout_problems(window))


def test_overlapping_siblings_are_reported(qtbot: QtBot) -> None:
    window = _window(qtbot)
    QPushButton("One", window).setGeometry(0, 0, 200, 80)
    QPushButton("Two", window).setGeometry(100, 40, 200, 80)
    show_at(window, (400, 400))
    assert any("overlap" in problem for problem in layout_problems(window))


def test_an_overlay_may_cover_its_siblings(qtbot: QtBot) -> None:
    window = _window(qtbot)
    QPushButton("Under", window).setGeometry(0, 0, 200, 80)
    toast = QPushButton("Undo", window)
    toast.setGeometry(50, 20, 200, 80)
    toast.setProperty("overlay", True)
    show_at(window, (400, 400))
    assert not [p for p in layout_problems(window) if "overlap" in p]


def test_a_widget_past_the_window_edge_is_reported_unless_it_can_scroll(qtbot: QtBot) -> None:
    window = _window(qtbot)
    QPushButton("Gone", window).setGeometry(300, 350, 200, 80)
    show_at(window, (400, 400))
    assert any("sticks out of the window" in problem for problem in layout_problems(window))

    scrolling = _window(qtbot)
    area = QScrollArea(scrolling)
    area.setGeometry(0, 0, 400, 400)
    content = QWidget()
    content.setMinimumSize(380, 1000)
    QPushButton("Far down", content).setGeometry(0, 900, 200, 80)
    area.setWidget(content)
    show_at(scrolling, (400, 400))
    assert not [p for p in layout_problems(scrolling) if "sticks out" in p]


def test_a_window_that_cannot_shrink_to_the_screen_fails(qtbot: QtBot) -> None:
    window = _window(qtbot)
    QVBoxLayout(window).addWidget(QPushButton("x" * 300))
    with pytest.raises(AssertionError, match="cannot shrink to 400x400"):
        show_at(window, (400, 400))


def test_an_unnamed_control_and_an_unreachable_one_are_reported(qtbot: QtBot) -> None:
    window = _window(qtbot)
    layout = QVBoxLayout(window)
    icon_only = QPushButton()
    mouse_only = QPushButton("Help")
    from PySide6.QtCore import Qt

    mouse_only.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    named_slider = QSlider(Qt.Orientation.Horizontal)
    named_slider.setAccessibleName("Volume")
    for widget in (icon_only, mouse_only, named_slider):
        layout.addWidget(widget)
    show_at(window, (400, 400))
    problems = accessibility_problems(window)
    assert any("has no accessible name" in p for p in problems)
    assert any("'Help'" in p and "cannot be reached with Tab" in p for p in problems)
    assert not [p for p in problems if "Volume" in p]


def test_a_tab_order_against_reading_order_is_reported(qtbot: QtBot) -> None:
    window = _window(qtbot)
    layout = QVBoxLayout(window)
    first, second, third = QPushButton("First"), QPushButton("Second"), QPushButton("Third")
    for widget in (first, second, third):
        layout.addWidget(widget)
    QWidget.setTabOrder(first, third)
    show_at(window, (400, 400))
    assert tab_order(window) == [first, third, second]
    assert any("back to" in p for p in accessibility_problems(window))


def _scrolling_page(qtbot: QtBot, content: QWidget) -> QWidget:
    window = _window(qtbot)
    area = QScrollArea()
    area.setObjectName("page")
    area.setWidgetResizable(True)
    area.setWidget(content)
    QVBoxLayout(window).addWidget(area)
    show_at(window, (400, 300))
    return window


def test_a_page_that_scrolls_sideways_is_reported(qtbot: QtBot) -> None:
    wide = QWidget()
    wide.setMinimumWidth(900)  # wider than the window: the page scrolls sideways
    QVBoxLayout(wide).addWidget(QLabel("Words"))
    window = _scrolling_page(qtbot, wide)
    assert any("scrolls sideways" in problem for problem in layout_problems(window))
    wide.setMinimumWidth(0)
    show_at(window, (400, 300))
    assert not any("scrolls sideways" in problem for problem in layout_problems(window))


def test_a_page_that_scrolls_into_a_blank_band_is_reported(qtbot: QtBot) -> None:
    rows = QWidget()
    column = QVBoxLayout(rows)
    for number in range(12):
        column.addWidget(QPushButton(f"Routine {number}"))
    column.addStretch(1)
    rows.setMinimumHeight(2000)  # taller than its rows need, as a wrong size sum makes it
    window = _scrolling_page(qtbot, rows)
    assert any("of nothing below its last row" in problem for problem in layout_problems(window))
    rows.setMinimumHeight(0)  # the rows alone: still more than the window, so it scrolls
    show_at(window, (400, 300))
    assert rows.height() > 300
    assert not any("of nothing" in problem for problem in layout_problems(window))
