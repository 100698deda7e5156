"""The urgent warning: a red-outlined banner over every page once a cramp has lasted too long.

It never blocks the steps (Next still works under it); it can be hidden, it goes by
itself once the user says the cramp eased, and in a small window its long message
scrolls inside the banner rather than pushing the page's buttons off the screen.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QHBoxLayout, QWidget

from cramp_coach.ui.cramp.widgets import OutlinedCard, TextArea, tighten
from cramp_coach.ui.theme import CRAMP
from cramp_coach.ui.widgets.common import button, label, set_enum


def kicker_text(number: str) -> str:
    """The banner's first words, with the local emergency number when one is set."""
    number = number.strip()
    return f"⚠  Urgent  ·  In an emergency call {number}" if number else "⚠  Urgent"


def banner_html(message: str, number: str) -> str:
    """The kicker in the danger colour, then the message in the normal text colour.

    One paragraph, so the kicker takes no line of its own when the banner is short; the
    message stays in the calm colour, so five lines of bright red do not glare at night.
    """
    kicker = escape(kicker_text(number), quote=False)
    return f'<span style="color:{CRAMP.danger}; font-weight:600">{kicker}</span>  {escape(message, quote=False)}'


class UrgentBanner(OutlinedCard):
    def __init__(self, message: str, parent: QWidget | None = None) -> None:
        super().__init__(CRAMP.danger, parent)
        self.setAccessibleName("Urgent warning")
        self.message = label("")
        set_enum(self.message, "textFormat", "RichText")  # our own markup, never a file's text
        self.message.setAccessibleName("Urgent warning")
        self.message_area = TextArea(self.message)
        self.warnings_button = button("See warning signs", accessible="See the warning signs")
        self.hide_button = button("Hide", "quiet", accessible="Hide this warning")
        self.hide_button.clicked.connect(self.hide)
        layout = self._layout = QHBoxLayout(self)
        layout.setContentsMargins(22, 14, 22, 14)
        layout.setSpacing(16)
        layout.addWidget(self.message_area, 1)
        layout.addWidget(self.warnings_button)
        layout.addWidget(self.hide_button)
        self.set_message(message, "")
        self.hide()

    def set_message(self, message: str, emergency_number: str) -> None:
        self.message.setText(banner_html(message, emergency_number))
        self.message.setAccessibleDescription(f"{kicker_text(emergency_number)}. {message}")

    def fit(self, window_height: int, *, compact: bool) -> None:
        """At most a fifth of the window, two lines in a small one: the step under it must stay readable.

        What does not fit scrolls inside the banner (the message is also spoken).
        """
        two_lines = self.message_area.minimumSizeHint().height()
        self._layout.setContentsMargins(*((16, 8, 16, 8) if compact else (22, 14, 22, 14)))
        tighten(self.hide_button, compact)
        self.message_area.setMaximumHeight(two_lines if compact else max(two_lines, window_height // 5))

    def raise_warning(self, message: str, emergency_number: str) -> None:
        self.set_message(message, emergency_number)
        self.show()
