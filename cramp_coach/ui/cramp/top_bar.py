"""The bar over every Cramp-now page: Home (leave), where you are, and Warning signs.

Outside the pages and their scroll areas, so leaving and the warning signs are always
one tap away, whatever the page and the window size.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget

from cramp_coach.ui.cramp.widgets import tighten
from cramp_coach.ui.widgets.common import button, label, set_role


class TopBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.home_button = button("✕  Home", "quiet", accessible="Leave Cramp now and go to the home screen (Esc)")
        self.heading = label("", "title", wrap=True)
        self.heading.setAccessibleName("Where you are")
        # The heading wraps rather than widening the window past the app's minimum.
        self.heading.setMinimumWidth(1)
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.warnings_button = button("⚠  Warning signs", accessible="Warning signs: when to get help (W)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(self.home_button)
        layout.addWidget(self.heading, 1)
        layout.addWidget(self.warnings_button)
        self._compact = False

    def set_heading(self, text: str, *, quiet: bool = False) -> None:
        """Show where the user is: a title, or (``quiet``) a muted line such as "Step 2 of 4"."""
        self.heading.setText(text)
        set_role(self.heading, "muted" if quiet else ("heading" if self._compact else "title"))

    def set_compact(self, compact: bool) -> None:
        self._compact = compact
        self.home_button.setText("✕" if compact else "✕  Home")
        for widget in (self.home_button, self.warnings_button):
            tighten(widget, compact)
        if self.heading.property("role") != "muted":
            set_role(self.heading, "heading" if compact else "title")
