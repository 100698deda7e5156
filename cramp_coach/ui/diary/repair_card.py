"""The card the diary shows while its file is damaged: what that means, and a button to repair it.

The repair itself is the storage layer's (``cramp-coach diary repair`` does the same): it
salvages every readable entry into a new diary and keeps the damaged file beside it. The
screen runs it through the callable the app injects and shows the storage's own report of
how many entries of each kind were saved and lost.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from cramp_coach.ui.widgets.common import button, card, label

DAMAGED = "The diary file is damaged."
MEANS = (
    "Nothing is written to it until it is repaired, so logging a cramp here, exporting and importing are off. "
    "Cramp now and your routines still record: their entries are kept aside and added to the diary when it "
    "is repaired."
)
HOW = "Repair copies every entry that can still be read into a new diary and keeps the damaged file, untouched."
#: The tooltip of the buttons that are off while the diary is damaged.
OFF_WHILE_DAMAGED = "Off while the diary is damaged: repair it first."


class RepairCard(QWidget):
    """What a damaged diary means, with **Repair the diary**.

    Attributes:
        repair_button: runs the repair (disabled when the app gave no way to repair).

    Signals:
        repair_requested(): the button was pressed.
    """

    repair_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        frame = card()
        frame.setProperty("tone", "warning")
        self.text = label(DAMAGED, "warning")
        self.means = label(MEANS)
        self.how = label(HOW, "notice")
        self.detail = label("", "notice")  # the storage layer's own words, naming the file
        self.repair_button = button("Repair the diary", "primary", accessible="Repair the damaged diary")
        self.repair_button.setProperty("compact", True)
        self.repair_button.clicked.connect(self.repair_requested)
        # One column, the button under what it fixes: beside the words it squeezed them into a
        # narrow column at the largest text size.
        column = QVBoxLayout(frame)
        column.setContentsMargins(22, 14, 22, 14)
        column.setSpacing(8)
        column.addWidget(self.text)
        column.addWidget(self.means)
        row = QHBoxLayout()
        row.addWidget(self.repair_button)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(self.how)
        column.addWidget(self.detail)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(frame)

    def show_problem(self, message: str) -> None:
        self.detail.setText(message)
        self.detail.setVisible(bool(message))
