"""Home: Cramp now first and biggest, then tonight's routine and one Start button."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from cramp_coach.domain.routine_card import RoutineCard
from cramp_coach.domain.wording import plural
from cramp_coach.ui.main_window import Screen
from cramp_coach.ui.widgets.adaptive import AdaptiveRow, Column, WrapButton
from cramp_coach.ui.widgets.common import button, card, label

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent

    from cramp_coach.domain.routine import Routine


def _cards(routines: Mapping[str, RoutineCard | Routine]) -> dict[str, RoutineCard]:
    # Home is built from cards (read from the first frame's index before the catalog loads); a
    # routine given instead (tests, screenshots, the editor's reload) becomes one here.
    return {key: item if isinstance(item, RoutineCard) else RoutineCard.of(item) for key, item in routines.items()}


class _Rows(QWidget):
    """Home's scrolling middle, exactly as tall as its rows need at its width.

    The wrapping rows report their minimum height at their narrowest width; summed, that
    made the page taller than its rows at any real width, and scrolling to the end showed
    a blank band under the last row.
    """

    _hint: tuple[int, QSize] | None = None  # (width, hint): Qt asks many times per layout

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = self.width()
        if self._hint is not None and self._hint[0] == width:
            return self._hint[1]
        hint = super().minimumSizeHint()
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth() and width > 0:
            hint = QSize(hint.width(), layout.heightForWidth(width))
        self._hint = (width, hint)
        return hint

    def forget_hint(self) -> None:
        """The rows, their text or its size changed: measure again."""
        self._hint = None

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.updateGeometry()  # a new width, a new height for the scroll area to give


class _RowsLayout(QVBoxLayout):
    """The rows' column; whenever Qt invalidates it (a row changed, a new text size) the page
    measures its height again. (Hooked here rather than in ``changeEvent``: see ``Screen``.)"""

    def __init__(self, rows: _Rows) -> None:
        super().__init__(rows)
        self._rows = rows

    def invalidate(self) -> None:
        self._rows.forget_hint()
        super().invalidate()


class HomeScreen(Screen):
    """The first screen.

    Signals:
        cramp_now_requested(): the big Cramp now button was pressed.
        start_requested(RoutineCard): Start was pressed for tonight's routine (the app looks it up by id).
        diary_requested(), settings_requested(), editor_requested(), problems_requested(), help_requested()
    """

    cramp_now_requested = Signal()
    start_requested = Signal(object)
    diary_requested = Signal()
    settings_requested = Signal()
    editor_requested = Signal()
    problems_requested = Signal()
    help_requested = Signal()

    def __init__(
        self,
        routines: Mapping[str, RoutineCard | Routine],
        tonight_id: str,
        on_choose: Callable[[str], None],
        *,
        problem_count: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("home")
        self._routines = _cards(routines)
        self._on_choose = on_choose
        self.tonight: RoutineCard | None = None

        # Fixed at the top: Cramp now never scrolls away.
        self.cramp_button = button("Cramp now", "cramp", accessible="Cramp now: help with a cramp, step by step")
        self.cramp_button.setToolTip("Step-by-step help for a cramp right now (Ctrl+E from any screen)")
        self.cramp_button.clicked.connect(self.cramp_now_requested)

        self.tonight_card = card()
        self.tonight_title = label("", "heading")
        self.tonight_facts = label("", "muted")
        self.tonight_summary = label("")
        self.start_button = button("Start", "primary", accessible="Start tonight's routine")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self._on_start_clicked)
        heading = Column(label("Tonight's routine", "muted"), self.tonight_title, self.tonight_facts)
        # Title and Start side by side, or Start under the title in a narrow window; the
        # summary comes after Start so Start stays near the top at any text size.
        self.tonight_row = AdaptiveRow(spacing=24)
        self.tonight_row.add(heading, 1, chars=24)
        self.tonight_row.add(self.start_button)
        self.start_button.setMinimumWidth(180)
        tonight_layout = QVBoxLayout(self.tonight_card)
        tonight_layout.setContentsMargins(28, 22, 28, 22)
        tonight_layout.setSpacing(12)
        tonight_layout.addWidget(self.tonight_row)
        tonight_layout.addWidget(self.tonight_summary)

        self.others_title = label("Other routines", "muted")
        self.others = QVBoxLayout()
        self.others.setSpacing(12)
        self.routine_buttons: dict[str, WrapButton] = {}

        self.problems_button = WrapButton(
            f"⚠ {plural(problem_count, 'routine file')} could not be loaded: see why", role="quiet"
        )
        self.problems_button.clicked.connect(self.problems_requested)

        self.diary_button = button("Diary", "quiet", accessible="Open the diary")
        self.editor_button = button("Routine editor", "quiet", accessible="Open the routine editor")
        self.settings_button = button("Settings", "quiet", accessible="Open the settings")
        self.diary_button.clicked.connect(self.diary_requested)
        self.editor_button.clicked.connect(self.editor_requested)
        self.settings_button.clicked.connect(self.settings_requested)
        # Fixed at the bottom, so the way to the diary and settings never scrolls away either.
        self.help_button = button("Help", "quiet", accessible="Help and sources (F1)")
        self.help_button.clicked.connect(self.help_requested)
        self.bottom = AdaptiveRow(spacing=16)
        for widget in (self.diary_button, self.editor_button, self.settings_button, self.help_button):
            self.bottom.add(widget, 1)

        # The middle scrolls when it must (many routines, large text, a small screen).
        content = self._rows = _Rows()
        content.setObjectName("home-content")
        middle = _RowsLayout(content)
        middle.setContentsMargins(0, 0, 0, 0)
        middle.setSpacing(16)
        middle.addWidget(self.tonight_card)
        middle.addWidget(self.others_title)
        middle.addLayout(self.others)
        middle.addWidget(self.problems_button)
        middle.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("home-scroll")
        self.scroll_area.setWidgetResizable(True)
        # The rows go into the scroll area when Home is first shown (_place_rows): placed now,
        # the scroll area would measure every row before the stylesheet has set their text
        # sizes, a second full layout of Home's text before the first frame.
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        # No horizontal scroll bar and no focus stop: set in app.qss (#home-scroll), since
        # the Qt namespace stays out of the first frame (ui/first_frame.py).

        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 24, 36, 20)
        layout.setSpacing(16)
        layout.addWidget(self.cramp_button)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.bottom)
        # Only now, with a parent: a parentless widget made visible becomes a window of its own.
        self.problems_button.setVisible(problem_count > 0)

        self.set_tonight(tonight_id)

    def set_routines(self, routines: Mapping[str, RoutineCard | Routine], tonight_id: str) -> None:
        """Show a new set of routines (after the editor saved, renamed or deleted one)."""
        self._routines = _cards(routines)
        self.set_tonight(tonight_id)

    def set_tonight(self, routine_id: str) -> None:
        """Show ``routine_id`` as tonight's routine (falling back to the first known one)."""
        self._rows.forget_hint()
        routine = self._routines.get(routine_id) or next(iter(self._routines.values()), None)
        self.tonight = routine
        if routine is None:
            self.tonight_title.setText("No routines could be loaded")
            self.tonight_facts.setText("")
            self.tonight_summary.setText("Cramp now still works. See the problems listed below.")
            self.start_button.setEnabled(False)
            self.start_button.hide()  # nothing to start: no button that looks ready but does nothing
            self.tonight_facts.hide()
        else:
            self.tonight_title.setText(routine.title)
            self.tonight_facts.setText(routine.facts)
            self.tonight_summary.setText(routine.summary)
            self.start_button.setEnabled(True)
            self.start_button.show()
            self.tonight_facts.show()
        self._rebuild_others()

    def _rebuild_others(self) -> None:
        for old in self.routine_buttons.values():
            self.others.removeWidget(old)
            old.deleteLater()
        self.routine_buttons = {}
        others = [r for r in self._routines.values() if self.tonight is None or r.id != self.tonight.id]
        self.others_title.setVisible(bool(others))
        for routine in others:
            widget = WrapButton(
                routine.title,
                routine.facts,
                "routine",
                accessible=f"Choose {routine.title} for tonight ({routine.facts})",
            )
            widget.clicked.connect(lambda _checked=False, rid=routine.id: self._choose(rid))
            self.others.addWidget(widget)
            self.routine_buttons[routine.id] = widget
        if self.scroll_area.widget() is not None:
            self._order_tabs()

    def _order_tabs(self) -> None:
        # Tab in reading order: new rows would otherwise come after the bottom buttons.
        chain = [self.cramp_button, self.start_button, *self.routine_buttons.values(), self.problems_button]
        chain += [self.diary_button, self.editor_button, self.settings_button]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _choose(self, routine_id: str) -> None:
        self._on_choose(routine_id)
        self.set_tonight(routine_id)
        self.start_button.setFocus()

    def _on_start_clicked(self) -> None:
        if self.tonight is not None:
            self.start_requested.emit(self.tonight)

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)  # type: ignore[arg-type]
        # Cramp now is always the biggest thing on the screen, at any window size.
        self.cramp_button.setMinimumHeight(max(self.cramp_button.sizeHint().height(), int(self.height() * 0.22)))

    def _place_rows(self) -> None:
        if self.scroll_area.widget() is None:
            self.scroll_area.setWidget(self._rows)
            self._order_tabs()

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        self._place_rows()
        super().showEvent(event)  # type: ignore[arg-type]
        if self.start_button.isEnabled():
            self.start_button.setFocus()
