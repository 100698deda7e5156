"""Check boxes and radio buttons keep their size and their words' place when checked, and radios are round."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QApplication, QCheckBox, QRadioButton, QStyle, QStyleOptionButton, QWidget
from pytestqt.qtbot import QtBot

from cramp_coach import paths
from cramp_coach.ui import theme
from tests.gui.layout_checks import TEXT_SIZES, reset_look, set_look


def parts(box: QCheckBox | QRadioButton) -> tuple[int, int, int]:
    """Where the box's indicator is and how wide, and where its words start."""
    option = QStyleOptionButton()
    box.initStyleOption(option)
    radio = isinstance(box, QRadioButton)
    indicator = box.style().subElementRect(
        QStyle.SubElement.SE_RadioButtonIndicator if radio else QStyle.SubElement.SE_CheckBoxIndicator, option, box
    )
    words = box.style().subElementRect(
        QStyle.SubElement.SE_RadioButtonContents if radio else QStyle.SubElement.SE_CheckBoxContents, option, box
    )
    return indicator.width(), indicator.height(), words.x()


@pytest.mark.parametrize("text", list(TEXT_SIZES))
@pytest.mark.parametrize("kind", [QCheckBox, QRadioButton], ids=["check box", "radio button"])
def test_checking_moves_nothing(qtbot: QtBot, qapp: QApplication, text: str, kind: type[QCheckBox]) -> None:
    set_look(qapp, text=text, theme_name="night")
    try:
        page = QWidget()
        qtbot.addWidget(page)
        off, on = kind("Spoken guidance", page), kind("Beeps and chimes", page)
        on.setChecked(True)
        page.show()
        assert parts(on) == parts(off)
        on.setFocus()
        assert parts(on) == parts(off)  # nor does the focus ring
    finally:
        reset_look(qapp)


@pytest.mark.parametrize("scale", list(TEXT_SIZES.values()))
def test_radio_buttons_are_round(scale: float) -> None:
    """The radius is half the whole width, border included (less, and a checked one looked square)."""
    sheet = theme.stylesheet(paths.builtin_assets_dir() / "style" / "app.qss", theme.NIGHT, scale)
    indicator = re.search(r"QRadioButton::indicator \{\s*width: (\d+)px; height: \1px;\s*border: (\d+)px", sheet)
    radius = re.search(r"QRadioButton::indicator \{ border-radius: (\d+)px", sheet)
    assert indicator is not None
    assert radius is not None
    whole = int(indicator.group(1)) + 2 * int(indicator.group(2))
    assert int(radius.group(1)) == whole // 2
