"""Where is the cramp? Four huge buttons and "Not sure", the first thing Cramp now shows.

Built before the first paint of a cold ``--emergency`` start, from a
:class:`~cramp_coach.domain.cramp_opening.CrampOpening` (no protocol dataclasses): it
imports only the light shared widgets (no SVG, no ring, no diary).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from cramp_coach.domain.cramp_location import CrampLocation
from cramp_coach.domain.cramp_opening import CrampOpening
from cramp_coach.ui.cramp.widgets import TextArea, TwoLineButton
from cramp_coach.ui.widgets.common import button, label


class LocationsPage(QWidget):
    """The location picker.

    Signals:
        chosen(object): a location was tapped (``None``: "Not sure").
        help_requested(): Help & Sources, from under the disclaimer.
    """

    chosen = Signal(object)
    help_requested = Signal()

    def __init__(self, opening: CrampOpening, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[CrampLocation | None, TwoLineButton] = {}
        # A button group gives the arrow keys spatial navigation between the big buttons.
        self._group = QButtonGroup(self)
        self._group.setExclusive(False)
        grid = QGridLayout()
        grid.setSpacing(14)
        for position, choice in enumerate(opening.choices):
            widget = TwoLineButton(choice.label, choice.hint, accessible=f"{choice.label}: {choice.hint}")
            self._add(choice.location, widget)
            grid.addWidget(widget, position // 2, position % 2)
        hint = opening.not_sure_hint
        not_sure = TwoLineButton("Not sure", hint, accessible=f"Not sure: {hint}")
        self._add(None, not_sure)
        grid.addWidget(not_sure, (len(opening.choices) + 1) // 2, 0, 1, 2)
        self.default_button = self.buttons[opening.default_location]
        self.disclaimer = label(opening.disclaimer, "notice")
        self.disclaimer.setAccessibleName("Disclaimer")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        # The buttons never scroll; the long disclaimer under them scrolls inside itself
        # when a small window leaves it less than its height.
        layout.addLayout(grid, 1)
        # Help & Sources beside the disclaimer, not under it: the page needs no more height.
        self.help_button = button(
            "Help && Sources", "quiet", accessible="Help and sources: where these steps come from"
        )
        self.help_button.clicked.connect(self.help_requested)
        under = QHBoxLayout()
        under.setSpacing(12)
        self.disclaimer_area = TextArea(self.disclaimer)
        under.addWidget(self.disclaimer_area, 1)
        # In a column with a stretch under it: a button's fixed height would otherwise cap
        # the whole row's, and cut the disclaimer to it even on a big screen.
        beside = QVBoxLayout()
        beside.addWidget(self.help_button)
        beside.addStretch(1)
        under.addLayout(beside)
        layout.addLayout(under)

    @property
    def big_buttons(self) -> list[TwoLineButton]:
        return list(self.buttons.values())

    def _add(self, location: CrampLocation | None, widget: TwoLineButton) -> None:
        self.buttons[location] = widget
        self._group.addButton(widget)
        widget.clicked.connect(lambda: self.chosen.emit(location))

    def fit_disclaimer(self, compact: bool) -> None:
        """In a small window the disclaimer leaves the room to the big buttons: three lines that scroll.

        Measured again at every fit: the text size may have changed since the last.
        """
        self.disclaimer_area.limit_lines(3 if compact else None)

    def set_compact(self, compact: bool) -> None:
        for widget in self.buttons.values():
            widget.set_compact(compact)
