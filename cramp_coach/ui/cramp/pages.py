"""Every Cramp-now page after the location picker, built together just after the first paint.

Imported only then (the step card needs the SVG module and the countdown ring), so a
cold ``--emergency`` start paints the first question without them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QStackedWidget, QWidget

from cramp_coach.domain.protocol import CrampProtocol
from cramp_coach.ui.cramp.closing_page import ClosingPage
from cramp_coach.ui.cramp.gate_page import GatePage
from cramp_coach.ui.cramp.log_page import LogPage
from cramp_coach.ui.cramp.step_page import StepPage
from cramp_coach.ui.cramp.warnings_page import WarningsPage

LatePage = StepPage | GatePage | ClosingPage | LogPage | WarningsPage


@dataclass(frozen=True, slots=True)
class PageActions:
    """What the pages' buttons do (the screen's commands)."""

    next: Callable[[], None]
    repeat: Callable[[], None]
    eased: Callable[[], None]
    stand_choice: Callable[[bool], None]
    save_log: Callable[[], None]
    skip_log: Callable[[], None]
    hide_warnings: Callable[[], None]


@dataclass(frozen=True, slots=True)
class LatePages:
    step: StepPage
    gate: GatePage
    closing: ClosingPage
    log: LogPage
    warnings: WarningsPage

    @classmethod
    def build(cls, protocol: CrampProtocol, resolve_asset: Callable[[str], Path | None]) -> LatePages:
        return cls(
            step=StepPage(resolve_asset),
            gate=GatePage(protocol.stand_gate),
            closing=ClosingPage(resolve_asset),
            log=LogPage(protocol),
            warnings=WarningsPage(protocol),
        )

    def connect(self, actions: PageActions) -> None:
        self.step.repeat_button.clicked.connect(actions.repeat)
        self.step.eased_button.clicked.connect(actions.eased)
        self.step.next_button.clicked.connect(actions.next)
        self.gate.stay_button.clicked.connect(lambda: actions.stand_choice(False))
        self.gate.stand_button.clicked.connect(lambda: actions.stand_choice(True))
        self.closing.next_button.clicked.connect(actions.next)
        self.log.save_button.clicked.connect(actions.save_log)
        self.log.skip_button.clicked.connect(actions.skip_log)
        self.warnings.back_button.clicked.connect(actions.hide_warnings)

    def all(self) -> tuple[LatePage, ...]:
        return (self.step, self.gate, self.closing, self.log, self.warnings)

    def big_buttons(self) -> list[QAbstractButton]:
        return [widget for page in self.all() for widget in page.big_buttons]

    def install(self, stack: QStackedWidget, *, compact: bool) -> None:
        """Add the pages to ``stack``, styled and sized for the window as it is."""
        for page in self.all():
            stack.addWidget(page)
        for page in self.all():
            # Polish first: the stylesheet's min-height would otherwise replace the big
            # buttons' fifth-of-the-window minimum when the page is first shown.
            page.ensurePolished()
            for child in page.findChildren(QWidget):
                child.ensurePolished()
            page.set_compact(compact)

    def settle(self, rect: QRect) -> None:
        """Lay the pages out now: one may be shown in the same call that built them."""
        for page in self.all():
            page.setGeometry(rect)
            layout = page.layout()
            if layout is not None:
                layout.activate()

    def default_focus(self, page: QWidget | None) -> QWidget | None:
        """The button a half-awake user most likely wants on ``page`` (Enter presses it)."""
        focus: dict[QWidget, QWidget] = {
            self.step: self.step.next_button,
            self.gate: self.gate.stay_button,  # the safe answer is the easy one
            self.closing: self.closing.next_button,
            self.log: self.log.save_button,
            self.warnings: self.warnings.back_button,
        }
        return None if page is None else focus.get(page)
