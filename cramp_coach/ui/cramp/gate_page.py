"""Can you stand safely? Asked once, before the first standing step; staying seated is the easy answer."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QButtonGroup, QHBoxLayout, QVBoxLayout, QWidget

from cramp_coach.domain.protocol import StandGate
from cramp_coach.ui.cramp.widgets import TwoLineButton, page
from cramp_coach.ui.widgets.common import button, label, set_role


class GatePage(QWidget):
    """The stand gate. Its default focus (the screen's choice) is "Stay sitting or lying"."""

    def __init__(self, gate: StandGate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._compact = False
        self._roomy = False
        self.title = label(gate.title, "title")
        self.title.setMinimumWidth(1)
        self.lines = label("\n".join(gate.lines), "big")
        self.lines.setMinimumWidth(1)
        self.stay_button = button(
            "Stay sitting or lying", "primary", accessible="Stay sitting or lying: skip the standing steps"
        )
        self.stand_button = TwoLineButton(
            "I can stand safely",
            "with something firm to hold",
            accessible="I can stand safely: show the standing steps",
            name_role="heading",
        )
        self._group = QButtonGroup(self)  # arrow keys between the two answers
        self._group.setExclusive(False)
        for widget in (self.stay_button, self.stand_button):
            self._group.addButton(widget)
        row = QHBoxLayout()
        row.setSpacing(14)
        row.addWidget(self.stay_button, 3)
        row.addWidget(self.stand_button, 2)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        column.addWidget(self.title)
        column.addWidget(self.lines)
        column.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(page(content, row, spacing=16))

    @property
    def big_buttons(self) -> list[QAbstractButton]:
        return [self.stay_button, self.stand_button]

    def set_roomy(self, roomy: bool) -> None:
        """On a big screen for the text size the question's lines step up one size."""
        self._roomy = roomy
        self._size_words()

    def _size_words(self) -> None:
        compact, roomy = self._compact, self._roomy
        set_role(self.lines, "huge" if roomy and not compact else ("" if compact else "big"))

    def set_compact(self, compact: bool) -> None:
        self._compact = compact
        set_role(self.title, "heading" if compact else "title")
        self._size_words()
        self.stand_button.set_compact(compact)
