"""One first-aid step: the step card above a fixed bar of Repeat, It's eased and Next."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from cramp_coach.domain.cramp_flow import FlowState
from cramp_coach.domain.wording import clock_text
from cramp_coach.ui.cramp.step_card import StepCard
from cramp_coach.ui.cramp.widgets import TwoLineButton, page
from cramp_coach.ui.theme import CRAMP
from cramp_coach.ui.widgets.common import button


def timer_text(seconds: float, timer: float) -> str:
    """The ring's digits: plain seconds for short holds, ``m:ss`` for timers over a minute."""
    if timer <= 60:
        return str(max(0, math.ceil(seconds - 1e-9)))
    return clock_text(seconds - 1e-9)


class StepPage(QWidget):
    """The step page; the screen connects the buttons and feeds it snapshots."""

    def __init__(self, resolve_asset: Callable[[str], Path | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = StepCard(resolve_asset, with_ring=True)
        assert self.card.ring is not None
        self.ring = self.card.ring
        self.repeat_button = TwoLineButton(
            "↻  Repeat", "this step again", accessible="Repeat this step (R)", name_role="heading"
        )
        self.eased_button = TwoLineButton(
            "It's eased", "the cramp has gone", accessible="It's eased: the cramp has gone (E)", name_role="heading"
        )
        self.next_button: QPushButton = button("Next  →", "primary", accessible="Next step (Enter)")
        controls = QHBoxLayout()
        controls.setSpacing(14)
        controls.addWidget(self.repeat_button, 3)
        controls.addWidget(self.eased_button, 3)
        controls.addWidget(self.next_button, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(page(self.card, controls))

    @property
    def big_buttons(self) -> list[QAbstractButton]:
        return [self.repeat_button, self.eased_button, self.next_button]

    def set_compact(self, compact: bool) -> None:
        self.card.set_compact(compact)
        self.repeat_button.set_compact(compact)
        self.eased_button.set_compact(compact)

    def show_timer(self, state: FlowState) -> None:
        """Show the timer of ``state`` on the ring."""
        step = state.step
        if step is None or state.remaining is None or not step.timer_seconds:
            return
        timer = step.timer_seconds
        if state.timer_ended:
            self.ring.set_colours(CRAMP.rest, CRAMP.border, CRAMP.text)
            self.ring.set_state(0.0, "0", "time's up")
        else:
            self.ring.set_colours(CRAMP.accent, CRAMP.border, CRAMP.text)
            caption = "seconds" if timer <= 60 else "left"
            self.ring.set_state(state.remaining / timer, timer_text(state.remaining, timer), caption)
