"""The urgent warning: a red-outlined banner over every page once a cramp has lasted too long.

It never blocks the steps (Next still works under it); it can be hidden, it goes by
itself once the user says the cramp eased, and in a small window its long message
scrolls inside the banner rather than pushing the page's buttons off the screen.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from cramp_coach.ui.cramp.widgets import OutlinedCard, TextArea
from cramp_coach.ui.theme import CRAMP
from cramp_coach.ui.widgets.common import button, label


def kicker_text(number: str) -> str:
    """The banner's first line, with the local emergency number when one is set."""
    number = number.strip()
    return f"⚠  Urgent  ·  In an emergency call {number}" if number else "⚠  Urgent"


class UrgentBanner(OutlinedCard):
    def __init__(self, message: str, parent: QWidget | None = None) -> None:
        super().__init__(CRAMP.danger, parent)
        self.setAccessibleName("Urgent warning")
        # One line in the danger colour; the message itself in the normal text colour, so
        # five lines of bright red do not glare in a dark room.
        self.kicker = label(kicker_text(""), "warning", wrap=True)
        self.kicker.setMinimumWidth(1)
        self.message = label(message)
        self.message.setAccessibleName("Urgent warning")
        words = QVBoxLayout()
        words.setSpacing(4)
        words.addWidget(self.kicker)
        words.addWidget(TextArea(self.message), 1)
        self.warnings_button = button("See warning signs", accessible="See the warning signs")
        self.hide_button = button("Hide", "quiet", accessible="Hide this warning")
        self.hide_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(22, 14, 22, 14)
        layout.setSpacing(16)
        layout.addLayout(words, 1)
        layout.addWidget(self.warnings_button)
        layout.addWidget(self.hide_button)
        self.hide()

    def raise_warning(self, message: str, emergency_number: str) -> None:
        self.kicker.setText(kicker_text(emergency_number))
        self.message.setText(message)
        self.show()
