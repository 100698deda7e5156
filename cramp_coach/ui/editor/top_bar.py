"""The row above the columns: Home, and what to do with the open text.

One row that wraps to two when the window is narrow or the text large, so no button is
ever cut; it stays outside the scrolling columns, so Home and Save are always in reach.
It has no title of its own: the open file's name heads the text (a title here would
push the buttons onto a second row at the largest text on a small screen).
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from cramp_coach.ui.widgets.common import button
from cramp_coach.ui.widgets.flow_layout import flow_row


class TopBar(QWidget):
    """Home, Save, Preview, 10×, Handout PDF… and Print…."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.back_button = button("← Home", "quiet", accessible="Back to Home")
        self.save_button = button("Save", "primary", accessible="Save (Ctrl+S)")
        self.preview_button = button("▶ Preview", accessible="Play this routine now, without saving")
        self.fast_button = button("▶ 10×", accessible="Play this routine at ten times the speed")
        self.handout_button = button("Handout PDF…", accessible="Save a patient handout as a PDF")
        self.print_button = button("Print…", accessible="Print a patient handout")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            flow_row(
                self.back_button,
                self.save_button,
                self.preview_button,
                self.fast_button,
                self.handout_button,
                self.print_button,
                spacing=10,
            )
        )

    def enable(self, *, editable: bool, playable: bool) -> None:
        """Save for a file of the user's own; playing and printing for a routine without problems."""
        self.save_button.setEnabled(editable)
        for widget in (self.preview_button, self.fast_button, self.handout_button, self.print_button):
            widget.setEnabled(playable)
