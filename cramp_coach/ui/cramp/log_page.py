"""Log this cramp? One optional page of answers: which leg, where, how bad, how long, a note.

"How long" shows the measured duration exactly as it will be saved ("3 min 20 s"); − and
+ move to the neighbouring whole minute (:func:`~cramp_coach.domain.cramp_log.nudge_duration`).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cramp_coach.domain.cramp_log import LogAnswers, nudge_duration, stated_duration
from cramp_coach.domain.diary import MAX_PAIN, Leg
from cramp_coach.domain.protocol import CrampLocation, CrampProtocol
from cramp_coach.domain.wording import LEG_WORDS, duration_text
from cramp_coach.ui.cramp.widgets import TwoLineButton, page
from cramp_coach.ui.widgets.common import button, card, label, restyle, set_role


class LogPage(QWidget):
    """The log page; Save and Skip stay in the bottom bar, the answers scroll if they must."""

    def __init__(self, protocol: CrampProtocol, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.leg_group = QButtonGroup(self)
        self.where_group = QButtonGroup(self)
        self.pain_group = QButtonGroup(self)
        legs = self._choice_grid(self.leg_group, ((leg, LEG_WORDS[leg], f"{LEG_WORDS[leg]} leg") for leg in Leg))
        self._where_grid = self._choice_grid(
            self.where_group, ((plan.location, plan.label, plan.label) for plan in protocol.locations)
        )
        pains = self._choice_grid(
            self.pain_group, ((n, str(n), f"Pain {n} of {MAX_PAIN}") for n in range(MAX_PAIN + 1))
        )
        pains.setSpacing(6)
        self.leg_buttons = {widget.property("value"): widget for widget in self.leg_group.buttons()}
        self.where_buttons = {widget.property("value"): widget for widget in self.where_group.buttons()}
        self.pain_buttons = list(self.pain_group.buttons())
        for widget in self.pain_buttons:
            # Eleven buttons share the row: a slimmer padding, and they may narrow in a
            # small window rather than push the page sideways.
            widget.setMinimumWidth(1)
            widget.setStyleSheet("padding: 12px 4px;")
            restyle(widget)

        self._seconds = 0.0
        self.duration = label("", "heading", wrap=False)
        self.duration.setAccessibleName("How long")
        self.duration.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.less_button = button("−", accessible="One minute less")
        self.more_button = button("+", accessible="One minute more")
        self.less_button.clicked.connect(lambda: self._nudge(-1))
        self.more_button.clicked.connect(lambda: self._nudge(1))
        duration_card = card()
        duration_layout = QHBoxLayout(duration_card)
        duration_layout.setContentsMargins(18, 6, 18, 6)
        duration_layout.addWidget(self.duration)
        how_long = QHBoxLayout()
        how_long.setSpacing(10)
        how_long.addWidget(self.less_button)
        how_long.addWidget(duration_card)
        how_long.addWidget(self.more_button)
        how_long.addStretch(1)

        self.note = QLineEdit()
        self.note.setPlaceholderText("A note, if you like")
        self.note.setAccessibleName("Note")
        # The field draws its own boundary (app.qss): no card around it.
        note = QHBoxLayout()
        note.addWidget(self.note)

        self.save_button = button("Save", "primary", accessible="Save this cramp in the diary")
        self.skip_button = TwoLineButton(
            "Skip", "back to rest, nothing more saved", accessible="Skip: don't log the details", name_role="heading"
        )
        for widget in (self.save_button, self.skip_button):
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            widget.setMinimumHeight(90)

        fields = QWidget()
        fields_layout = QVBoxLayout(fields)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        fields_layout.setSpacing(14)
        intro = label("All optional: 0 means no pain, 10 the worst.", "muted")
        intro.setMinimumWidth(1)
        fields_layout.addWidget(intro)
        # Each answer is a row: its name on the left on a laptop, above it in a small window.
        self._rows: list[QBoxLayout] = []
        self._names: list[QLabel] = []
        for text, content in (
            ("Which leg", legs),
            ("Where", self._where_grid),
            ("How bad", pains),
            ("How long", how_long),
            ("Note", note),
        ):
            name = label(text, "heading", wrap=False)
            row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
            row.setSpacing(20)
            row.addWidget(name, 0, Qt.AlignmentFlag.AlignVCenter)
            row.addLayout(content, 1)
            fields_layout.addLayout(row)
            self._rows.append(row)
            self._names.append(name)
        fields_layout.addStretch(1)
        self._align_names(compact=False)
        buttons = QHBoxLayout()
        buttons.setSpacing(14)
        buttons.addWidget(self.save_button, 3)
        buttons.addWidget(self.skip_button, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(page(fields, buttons))

    def _choice_grid(self, group: QButtonGroup, choices: Iterable[tuple[object, str, str]]) -> QGridLayout:
        """A row of toggle buttons; the chosen one takes the primary role so it is plainly lit."""
        grid = QGridLayout()
        grid.setSpacing(10)
        group.setExclusive(True)
        for column, (value, text, accessible) in enumerate(choices):
            widget = button(text, accessible=accessible)
            widget.setCheckable(True)
            widget.setProperty("value", value)
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            group.addButton(widget)
            grid.addWidget(widget, 0, column)
        group.buttonToggled.connect(lambda widget, checked: set_role(widget, "primary" if checked else ""))
        return grid

    # -- values ------------------------------------------------------------------------------

    @property
    def duration_seconds(self) -> float:
        """The duration on screen: exactly what Save writes."""
        return self._seconds

    def _show_duration(self, seconds: float) -> None:
        self._seconds = seconds
        self.duration.setText(duration_text(seconds))
        self.less_button.setEnabled(seconds > 0)

    def _nudge(self, minutes: int) -> None:
        self._show_duration(nudge_duration(self._seconds, minutes))

    def prefill(self, location: CrampLocation | None, measured_seconds: float) -> None:
        """Start from what is known: the place chosen at the start and the measured time."""
        self.reset()
        if location is not None:
            self.where_buttons[location].setChecked(True)
        self._show_duration(stated_duration(measured_seconds))

    def reset(self) -> None:
        for group in (self.leg_group, self.where_group, self.pain_group):
            # An exclusive group refuses to uncheck its last button, so release it first.
            group.setExclusive(False)
            for widget in group.buttons():
                widget.setChecked(False)
            group.setExclusive(True)
        self.note.clear()
        self._show_duration(0.0)

    def answers(self) -> LogAnswers:
        leg = self.leg_group.checkedButton()
        where = self.where_group.checkedButton()
        pain = self.pain_group.checkedButton()
        return LogAnswers(
            leg=None if leg is None else leg.property("value"),
            location=None if where is None else where.property("value"),
            pain=None if pain is None else int(pain.property("value")),
            note=self.note.text().strip(),
            duration_seconds=self._seconds,
        )

    # -- fitting -----------------------------------------------------------------------------

    @property
    def big_buttons(self) -> list[QAbstractButton]:
        return []  # Save and Skip have their own size: the answers need the room

    def _align_names(self, *, compact: bool) -> None:
        width = max(name.sizeHint().width() for name in self._names)
        for row, name in zip(self._rows, self._names, strict=True):
            row.setDirection(QBoxLayout.Direction.TopToBottom if compact else QBoxLayout.Direction.LeftToRight)
            row.setAlignment(name, Qt.AlignmentFlag.AlignLeft if compact else Qt.AlignmentFlag.AlignVCenter)
            name.setMinimumWidth(0 if compact else width)

    def set_compact(self, compact: bool) -> None:
        self._align_names(compact=compact)
        # Four places fit one row on a laptop; two by two in a narrow window.
        columns = 2 if compact else len(self.where_buttons)
        for index, widget in enumerate(self.where_buttons.values()):
            self._where_grid.addWidget(widget, index // columns, index % columns)
        self.skip_button.set_compact(compact)
