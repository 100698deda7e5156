"""The closing card: what to do now the steps are over, then on to the optional log."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QVBoxLayout, QWidget

from cramp_coach.domain.protocol import ProtocolStep
from cramp_coach.ui.cramp.step_card import StepCard
from cramp_coach.ui.cramp.widgets import page
from cramp_coach.ui.widgets.common import button


class ClosingPage(QWidget):
    def __init__(self, resolve_asset: Callable[[str], Path | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = StepCard(resolve_asset, with_ring=False)
        self.next_button = button("Next  →", "primary", accessible="Next: log this cramp (Enter)")
        # Where Next sits on every step (bottom right), and not a full-width orange bar.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.next_button, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(page(self.card, row))

    @property
    def big_buttons(self) -> list[QAbstractButton]:
        return [self.next_button]

    def show_closing(self, step: ProtocolStep, *, can_log: bool) -> None:
        self.card.show_step(step)
        self.next_button.setText("Next: log it  →" if can_log else "Done")
        self.next_button.setAccessibleName("Next: log this cramp (Enter)" if can_log else "Done (Enter)")

    def set_compact(self, compact: bool) -> None:
        self.card.set_compact(compact)
