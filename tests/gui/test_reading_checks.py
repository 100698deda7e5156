"""The reading checks (tests/gui/reading_checks.py) catch what they promise, and pass what is fine.

Each is shown a small made-up page with the problem and the same page without it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.gui.layout_checks import settle, show_at
from tests.gui.reading_checks import (
    cramped_fields,
    cut_figures,
    empty_boxes,
    narrow_columns,
    repeated_sentences,
    says_the_same,
    small_targets,
)

LONG = "Cramp now and your routines still record: their entries are kept aside until the diary is repaired."


def page(qtbot: QtBot, *widgets: QWidget, size: tuple[int, int] = (800, 600), stretch: bool = True) -> QWidget:
    root = QWidget()
    layout = QVBoxLayout(root)
    for widget in widgets:
        layout.addWidget(widget)
    if stretch:
        layout.addStretch(1)
    qtbot.addWidget(root)
    show_at(root, size)
    return root


def wrapped(text: str) -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(True)
    return widget


def card(*widgets: QWidget) -> QFrame:
    frame = QFrame()
    frame.setProperty("role", "card")
    layout = QVBoxLayout(frame)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return frame


def test_the_same_thing_said_again_in_other_words_is_caught() -> None:
    assert says_the_same(LONG, "Cramp now and the routines still work; what they record is kept aside until repaired.")
    assert not says_the_same(LONG, "Repair copies every entry that can still be read into a new diary.")
    assert not says_the_same("Saved.", "Saved.")  # too short to count


def test_repeated_sentences_in_two_labels(qtbot: QtBot) -> None:
    twice = page(qtbot, wrapped(f"The diary is damaged. {LONG}"), wrapped(LONG.replace("your", "the")))
    assert len(repeated_sentences(twice)) == 1
    once = page(qtbot, wrapped(f"The diary is damaged. {LONG}"), wrapped("Repair copies every entry it can read."))
    assert repeated_sentences(once) == []


def test_a_card_stretched_far_below_its_words_is_an_empty_box(qtbot: QtBot) -> None:
    box = card(QLabel("One line."))
    root = page(qtbot, box, stretch=False)  # the card takes the whole height
    assert box.height() > 400
    assert len(empty_boxes(root)) == 1
    snug = page(qtbot, card(QLabel("One line.")))  # the page's stretch takes the rest
    assert empty_boxes(snug) == []


def test_a_card_as_tall_as_a_full_card_beside_it_is_not_an_empty_box(qtbot: QtBot) -> None:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    short = card(QLabel("12"))
    tall = card(*(QLabel(f"Line {number}") for number in range(12)))
    layout.addWidget(short)
    layout.addWidget(tall)
    root = page(qtbot, row)
    assert short.height() == tall.height()
    assert empty_boxes(root) == []


def test_text_wrapped_into_a_narrow_column_is_caught(qtbot: QtBot) -> None:
    narrow = wrapped("routine nights in a row, the longest so far")
    narrow.setFixedWidth(narrow.fontMetrics().averageCharWidth() * 8)
    root = page(qtbot, narrow)
    assert len(narrow_columns(root)) == 1
    short = wrapped("12 nights")  # a narrow label whose text needs no wrapping is fine
    short.setFixedWidth(short.fontMetrics().horizontalAdvance("12 nights") + 4)
    wide = wrapped(LONG * 3)  # a wide one that wraps is fine
    assert narrow_columns(page(qtbot, short, wide)) == []


class Figure(QWidget):
    def __init__(self, least: int) -> None:
        super().__init__()
        self.least = least
        self.setProperty("keep_whole", True)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(100, self.least)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(100, self.least)


def scrolling_page(qtbot: QtBot, above: int, figure: Figure) -> QScrollArea:
    body = QWidget()
    layout = QVBoxLayout(body)
    spacer = QWidget()
    spacer.setFixedHeight(above)
    layout.addWidget(spacer)
    layout.addWidget(figure)
    tail = QWidget()
    tail.setFixedHeight(600)  # more than the window: the page scrolls
    layout.addWidget(tail)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(body)
    qtbot.addWidget(area)
    show_at(area, (400, 400))
    return area


def test_a_figure_cut_at_the_fold_that_would_fit_above_it_is_caught(qtbot: QtBot) -> None:
    figure = Figure(150)
    figure.setFixedHeight(300)  # taller than the room below its top (about 400 - 200), needlessly
    area = scrolling_page(qtbot, 200, figure)
    assert len(cut_figures(area)) == 1
    figure.setFixedHeight(150)  # now whole above the fold
    settle(area)
    assert cut_figures(area) == []


def test_a_figure_that_cannot_fit_below_its_top_may_run_past_the_fold(qtbot: QtBot) -> None:
    figure = Figure(300)  # 300 tall below a 150 px block in a 400 px window: it cannot be whole at first sight
    area = scrolling_page(qtbot, 150, figure)
    assert cut_figures(area) == []  # most of it shows: plainly a figure that goes on
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    settle(area)
    assert cut_figures(area) == []


def test_a_figure_of_which_only_a_strip_shows_above_the_fold_is_caught(qtbot: QtBot) -> None:
    figure = Figure(300)  # below a 320 px block in a 400 px window: a strip of it at the fold
    area = scrolling_page(qtbot, 320, figure)
    problems = cut_figures(area)
    assert len(problems) == 1
    assert "strip" in problems[0]


def test_a_figure_squeezed_below_its_minimum_is_caught(qtbot: QtBot) -> None:
    figure = Figure(200)
    figure.setMaximumHeight(80)  # what a careless layout might do
    root = page(qtbot, figure)
    assert len(cut_figures(root)) == 1


def test_a_field_whose_text_touches_its_border_is_cramped(qtbot: QtBot) -> None:
    tight = QLineEdit("22:00")
    tight.setStyleSheet("QLineEdit { border: none; padding: 0px; }")
    tight.setObjectName("tight")
    roomy = QLineEdit("999")
    roomy.setTextMargins(12, 0, 0, 0)
    centred = QLineEdit("22:00")
    centred.setStyleSheet("QLineEdit { border: none; padding: 0px; }")
    centred.setAlignment(Qt.AlignmentFlag.AlignCenter)
    root = page(qtbot, tight, roomy, centred)
    problems = cramped_fields(root)
    assert len(problems) == 1
    assert "'tight'" in problems[0]


def test_spin_buttons_smaller_than_the_text_are_small_targets(qtbot: QtBot) -> None:
    arrows, plain = QSpinBox(), QSpinBox()
    for spin in (arrows, plain):
        font = spin.font()
        font.setPixelSize(32)
        spin.setFont(font)
    plain.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
    root = page(qtbot, arrows, plain)
    problems = small_targets(root)
    assert len(problems) == 2  # its up and its down button
    assert small_targets(page(qtbot, plain)) == []
