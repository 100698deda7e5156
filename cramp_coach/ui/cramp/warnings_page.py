"""Warning signs: the protocol's three tiers, the emergency one first and strongest.

Opened over any page (the step timer keeps running underneath, and a line says so);
Back returns to where the user was. The local emergency number from the settings is
on the emergency tier, in the same large print as its signs: "Call 999 now." takes the
place of the tier's general title (which names no number), so there is one instruction.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from cramp_coach.domain.protocol import CrampProtocol, RedFlagTier, Urgency
from cramp_coach.ui.cramp.widgets import OutlinedCard, scrolled
from cramp_coach.ui.theme import CRAMP
from cramp_coach.ui.widgets.common import button, card, label, set_role

TIER_KICKERS = {Urgency.EMERGENCY: "Emergency", Urgency.URGENT: "Today", Urgency.ROUTINE: "When you can"}


def call_line(number: str) -> str:
    """The emergency tier's call to action, with the local number when one is set."""
    return f"Call {number} now." if number.strip() else "Call your local emergency number now."


class WarningsPage(QWidget):
    def __init__(self, protocol: CrampProtocol, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(16)
        tiers = sorted(protocol.red_flags, key=lambda tier: list(Urgency).index(tier.urgency))
        self.call = label(call_line(""), "title")
        self._emergency_titles: list[QLabel] = []
        # Each large-print label with its full-size role, for set_compact.
        self._sized: list[tuple[QLabel, str]] = [(self.call, "title")]
        self.call.setAccessibleName("Emergency number")
        self.call.setMinimumWidth(1)
        self.tier_cards: list[QFrame] = [self._tier_card(tier) for tier in tiers]
        for tier_card in self.tier_cards:
            column.addWidget(tier_card)
        column.addStretch(1)
        self.set_emergency_number("")
        self.scroller: QScrollArea = scrolled(content)
        self.timer_line = label("", "muted")
        self.timer_line.setAccessibleName("Your step timer")
        self.timer_line.setMinimumWidth(1)
        self.timer_line.hide()
        self.back_button = button("←  Back to the steps", "primary", accessible="Back to the steps (Esc)")
        self.back_button.setMinimumHeight(90)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.scroller, 1)
        layout.addWidget(self.timer_line)
        layout.addWidget(self.back_button)

    @property
    def big_buttons(self) -> list[QAbstractButton]:
        return []

    def set_emergency_number(self, number: str) -> None:
        """Show "Call <number> now." instead of the general title, or the title when no number is set."""
        self.call.setText(call_line(number))
        known = bool(number.strip())
        self.call.setVisible(known)
        for title in self._emergency_titles:
            title.setVisible(not known)

    def set_timer_line(self, text: str) -> None:
        self.timer_line.setText(text)
        self.timer_line.setVisible(bool(text))

    def _tier_card(self, tier: RedFlagTier) -> QFrame:
        emergency = tier.urgency is Urgency.EMERGENCY
        # The emergency tier comes first and is the strongest: danger outline, the biggest
        # title and large signs, then the number to call; the later tiers are calmer cards.
        frame: QFrame = OutlinedCard(CRAMP.danger) if emergency else card()
        frame.setAccessibleName(tier.title)
        kicker = label(TIER_KICKERS[tier.urgency], "warning" if emergency else "muted", wrap=False)
        title = label(tier.title, "title" if emergency else "heading")
        signs = label("\n".join(f"•  {sign}" for sign in tier.signs), "big" if emergency else "")
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(26, 18, 26, 20)
        layout.setSpacing(8)
        # The number to call comes straight after "Emergency", before anything that could
        # push it below the fold.
        parts = (kicker, self.call, title, signs) if emergency else (kicker, title, signs)
        for part in parts:
            part.setMinimumWidth(1)
            layout.addWidget(part)
        if emergency:
            self._emergency_titles.append(title)
        self._sized.append((title, title.property("role")))
        self._sized.append((signs, signs.property("role")))
        return frame

    def set_compact(self, compact: bool) -> None:
        """In a small window the large print steps down one size, so more of it is on screen."""
        smaller = {"title": "heading", "heading": "", "big": ""}
        for widget, role in self._sized:
            set_role(widget, smaller.get(role, role) if compact else role)
