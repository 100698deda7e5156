"""Where the editor's lists and hint break their lines: between words, inside one only when it must.

Widths come from the font in use (never expected pixels): each case measures the text it
wraps.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cramp_coach.ui.editor.outline_pane import ZWSP, HintLabel, breakable
from cramp_coach.ui.widgets.wrapped_items import wrap_text

ROUTINE_FIELDS = (
    "Fields of a routine: schema_version (required), kind (required), reviewed, title (required), summary "
    "(required), steps (required), get_ready_seconds, default_rest_seconds, switch_sides_seconds, "
    "change_seconds, intro, outro, note, sources."
)
ENTRY = "Bedtime stretch – seated and lying\nbedtime-seated.yaml"


@pytest.fixture
def metrics(qapp: QApplication) -> QFontMetrics:
    font = QFont("DejaVu Sans")
    font.setPixelSize(14)
    return QFontMetrics(font)


def test_a_file_name_moves_to_the_next_line_whole(metrics: QFontMetrics) -> None:
    width = metrics.horizontalAdvance("Bedtime stretch – seated and")
    assert wrap_text(ENTRY, metrics, width) == "Bedtime stretch – seated and\nlying\nbedtime-seated.yaml"
    # "bedtime-" would fit after "Home,", but the name is not split to fill the line.
    width = metrics.horizontalAdvance("bedtime-seated.yaml") + 1
    assert metrics.horizontalAdvance("Home, bedtime-") < width
    assert wrap_text("Home, bedtime-seated.yaml", metrics, width) == "Home,\nbedtime-seated.yaml"


def test_a_word_wider_than_a_line_breaks_after_a_dash_or_dot(metrics: QFontMetrics) -> None:
    width = metrics.horizontalAdvance("bedtime-seated.") + 1
    # A file's extension stays with the part before it when they fit a line together.
    assert metrics.horizontalAdvance("seated.yaml") < width
    assert wrap_text("bedtime-seated.yaml", metrics, width) == "bedtime-\nseated.yaml"
    assert wrap_text("steps.dose.hold", metrics, metrics.horizontalAdvance("steps.dose.") + 1) == "steps.dose.\nhold"
    narrow = metrics.horizontalAdvance("seated.") + 1
    assert wrap_text("bedtime-seated.yaml", metrics, narrow) == "bedtime-\nseated.\nyaml"
    assert all(metrics.horizontalAdvance(line) <= width for line in wrap_text(ENTRY, metrics, width).split("\n"))


def test_the_hint_breaks_only_field_paths_too_wide_for_the_column(metrics: QFontMetrics) -> None:
    hint = "Fields of a routine: schema_version (required), default_rest_seconds."
    assert breakable(hint, metrics, metrics.horizontalAdvance("default_rest_seconds.")) == hint  # all fit whole
    path = "steps[].dose.hold_seconds: Each rep is a stretch held this long."
    # Too wide: it breaks between the parts of the path first ...
    width = max(metrics.horizontalAdvance(part) for part in ("steps[].dose.", "hold_seconds:")) + 1
    assert breakable(path, metrics, width).startswith(f"steps[].{ZWSP}dose.{ZWSP}hold_seconds: ")
    # ... and inside a part only when that part alone is too wide.
    width = metrics.horizontalAdvance("hold_seconds:") - 1
    assert breakable(path, metrics, width).startswith(f"steps[].{ZWSP}dose.{ZWSP}hold_{ZWSP}seconds: ")


def test_a_row_of_facts_breaks_between_them_first(metrics: QFontMetrics) -> None:
    row = "3 × 10 s hold, left then right · standing · 1:45"
    width = metrics.horizontalAdvance("3 × 10 s hold, left then right ·") + 1
    assert wrap_text(row, metrics, width) == "3 × 10 s hold, left then right ·\nstanding · 1:45"
    # A fact wider than the line still wraps between its words.
    width = metrics.horizontalAdvance("3 × 10 s hold, left") + 1
    assert wrap_text(row, metrics, width) == "3 × 10 s hold, left\nthen right ·\nstanding · 1:45"


def test_the_hint_knows_its_height_at_a_width_before_it_is_broken_there(qtbot: QtBot) -> None:
    """The layout asks for the height at a width before it resizes; the answer must be the
    height of the text as it will be broken there (else its last line is cut for a while)."""
    hint = HintLabel()
    qtbot.addWidget(hint)
    hint.set_hint(ROUTINE_FIELDS)
    hint.resize(4000, 100)
    hint.show()
    metrics = hint.fontMetrics()
    flags = int(Qt.TextFlag.TextWordWrap.value)
    name = metrics.horizontalAdvance("switch_sides_seconds,")
    broke_inside = False
    for width in range(name // 2, 2 * name, 3):  # each width the column may get, from wide to narrow and back
        asked = hint.heightForWidth(width)
        hint.resize(width, asked)
        broke_inside |= f"_{ZWSP}" in hint.text()
        needed = metrics.boundingRect(QRect(0, 0, width, 100000), flags, hint.text()).height()
        assert needed <= asked, width
    assert broke_inside
    assert hint.minimumSizeHint().width() < name  # narrower than a whole name, since it may break
