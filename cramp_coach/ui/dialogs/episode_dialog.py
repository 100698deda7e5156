"""Log a cramp afterwards, or edit one: the Cramp-now log's fields plus the date and time.

The same answers as the log page at the end of Cramp now (which leg, where, how bad
0–10, how long, a note), in the same big buttons, and a date and time defaulting to
now: logged the next morning, "03:10" is the only thing to change (a cramp at 03:10
belongs to the night before either way). Every answer is optional; a chosen button
can be clicked again to clear it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QDateTimeEdit,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cramp_coach.domain.diary import MAX_PAIN, CrampEpisode, Leg
from cramp_coach.domain.diary_bounds import EARLIEST
from cramp_coach.domain.protocol import CrampLocation
from cramp_coach.domain.wording import LEG_WORDS, LOCATION_WORDS
from cramp_coach.ui.widgets.common import button, card, label, restyle

NOT_RECORDED = -1  # the minutes box's "not recorded" value
MAX_MINUTES = 240


@dataclass(frozen=True, slots=True)
class EpisodeAnswers:
    """What the dialog collected; ``None`` means the user left it blank."""

    started_at: datetime
    leg: Leg | None
    location: CrampLocation | None
    pain: int | None
    duration_seconds: float | None
    note: str


class _Choices:
    """A row of big buttons where at most one is chosen, and clicking the chosen one clears it."""

    def __init__(self, parent: QWidget, choices: list[tuple[object, str, str]], *, columns: int = 0) -> None:
        self.group = QButtonGroup(parent)
        self.group.setExclusive(False)
        self.buttons: dict[object, QPushButton] = {}
        self.grid = QGridLayout()
        self.grid.setSpacing(8)
        per_row = columns or len(choices)
        for index, (value, text, accessible) in enumerate(choices):
            widget = button(text, accessible=accessible)
            widget.setCheckable(True)
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.group.addButton(widget)
            self.grid.addWidget(widget, index // per_row, index % per_row)
            self.buttons[value] = widget
        self.group.buttonToggled.connect(self._on_group_button_toggled)

    def _on_group_button_toggled(self, widget: QAbstractButton, checked: bool) -> None:
        if checked:
            for other in self.buttons.values():
                if other is not widget and other.isChecked():
                    other.setChecked(False)
        widget.setProperty("role", "primary" if checked else "")
        restyle(widget)

    @property
    def value(self) -> object | None:
        return next((value for value, widget in self.buttons.items() if widget.isChecked()), None)

    def choose(self, value: object | None) -> None:
        for key, widget in self.buttons.items():
            widget.setChecked(key == value and value is not None)


class EpisodeDialog(QDialog):
    """Log a cramp afterwards (no ``episode``) or edit ``episode``.

    Attributes:
        when: the date and time (local), at most ``now``.
        leg, where, pain: the choices (see :class:`_Choices`).
        minutes: how long, in minutes (``-1``: not recorded).
        note: free text.
    """

    def __init__(
        self,
        now: datetime,
        *,
        episode: CrampEpisode | None = None,
        location_labels: Mapping[CrampLocation, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("episode-dialog")
        self.setWindowTitle("Edit a cramp" if episode is not None else "Log a cramp")
        self.setModal(True)
        self._episode = episode
        words = {**LOCATION_WORDS, **(location_labels or {})}

        self.when = QDateTimeEdit()
        self.when.setDisplayFormat("ddd d MMM yyyy   HH:mm")
        self.when.setCalendarPopup(True)
        self.when.setAccessibleName("Date and time of the cramp")
        self.when.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.when.setMaximumDateTime(_qt_time(now))
        self.when.setMinimumDateTime(_qt_time(EARLIEST))  # the diary refuses earlier times (diary_bounds)
        self.when.setDateTime(_qt_time(episode.started_at if episode is not None else now))

        self.leg = _Choices(self, [(leg, LEG_WORDS[leg], f"{LEG_WORDS[leg]} leg") for leg in Leg])
        # Two by two: four place names side by side do not fit a small screen at large text sizes.
        self.where = _Choices(self, [(place, words[place], words[place]) for place in CrampLocation], columns=2)
        self.pain = _Choices(self, [(n, str(n), f"Pain {n} of {MAX_PAIN}") for n in range(MAX_PAIN + 1)])
        for widget in self.pain.buttons.values():
            widget.setMinimumWidth(1)
            widget.setStyleSheet("padding: 12px 4px;")  # eleven buttons share the row, as on the Cramp-now log
        self.pain.grid.setSpacing(6)

        self.minutes = QSpinBox()
        self.minutes.setRange(NOT_RECORDED, MAX_MINUTES)
        self.minutes.setSpecialValueText("not recorded")
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleName("How long, in minutes")
        self.minutes.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.minutes.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
        self.minutes.setFixedWidth(240)
        self.less_button = button("−", accessible="One minute less")
        self.more_button = button("+", accessible="One minute more")
        self.less_button.clicked.connect(lambda: self.minutes.stepBy(-1))
        self.more_button.clicked.connect(lambda: self.minutes.stepBy(1))
        how_long = QHBoxLayout()
        how_long.setSpacing(10)
        # In a card, as on the Cramp-now log (a styled QSpinBox without buttons loses its text field).
        minutes_card = card()
        minutes_layout = QHBoxLayout(minutes_card)
        minutes_layout.setContentsMargins(6, 6, 6, 6)
        minutes_layout.addWidget(self.minutes)
        how_long.addWidget(self.less_button)
        how_long.addWidget(minutes_card)
        how_long.addWidget(self.more_button)
        how_long.addStretch(1)
        self.note = QLineEdit()
        self.note.setObjectName("episode-note")
        self.note.setPlaceholderText("A note, if you like")
        self.note.setAccessibleName("Note")

        if episode is not None:
            self.leg.choose(episode.leg)
            self.where.choose(episode.location)
            self.pain.choose(episode.pain)
            self.note.setText(episode.note)
        self._prefilled_minutes = _minutes(episode.duration_seconds if episode is not None else None)
        self.minutes.setValue(self._prefilled_minutes)

        self.save_button = button("Save", "primary", accessible="Save this cramp in the diary")
        self.cancel_button = button("Cancel", "quiet")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)

        # Each answer under its own heading, in a column that scrolls when the screen is
        # too short for it (1024x600 at the largest text); Save and Cancel never scroll away.
        body = QWidget()
        body.setObjectName("episode-body")
        fields = QVBoxLayout(body)
        fields.setContentsMargins(28, 20, 28, 12)
        fields.setSpacing(8)
        fields.addWidget(label(self.windowTitle(), "title"))
        fields.addWidget(label("All optional except the time: 0 means no pain, 10 the worst.", "muted"))
        rows: tuple[tuple[str, QWidget | QLayout], ...] = (
            ("When", self.when),
            ("Which leg", self.leg.grid),
            ("Where", self.where.grid),
            ("How bad", self.pain.grid),
            ("How long", how_long),
            ("Note", self.note),
        )
        for text, content in rows:
            fields.addSpacing(6)
            fields.addWidget(label(text, "field"))
            if isinstance(content, QLayout):
                fields.addLayout(content)
            else:
                fields.addWidget(content)
        fields.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("episode-scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(28, 8, 28, 20)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        self.save_button.setMinimumWidth(180)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        # Never taller or wider than the screen it opens on (the body scrolls instead).
        room = self.screen().availableGeometry()
        self.resize(min(980, room.width()), min(820, room.height()))

    def answers(self) -> EpisodeAnswers:
        """The answers as they stand (read them after ``exec()`` returned ``Accepted``)."""
        minutes = self.minutes.value()
        if self._episode is not None and minutes == self._prefilled_minutes:
            duration = self._episode.duration_seconds  # unchanged: keep the measured seconds
        else:
            duration = None if minutes == NOT_RECORDED else minutes * 60.0
        pain = self.pain.value
        chosen = self.when.dateTime()
        if self._episode is not None and chosen == _qt_time(self._episode.started_at):
            started = self._episode.started_at  # unchanged: keep the seconds the flow recorded
        else:
            started = datetime.fromtimestamp(chosen.toSecsSinceEpoch(), timezone.utc)
        return EpisodeAnswers(
            started_at=started,
            leg=self.leg.value if isinstance(self.leg.value, Leg) else None,
            location=self.where.value if isinstance(self.where.value, CrampLocation) else None,
            pain=pain if isinstance(pain, int) else None,
            duration_seconds=duration,
            note=self.note.text().strip(),
        )


def _qt_time(moment: datetime) -> QDateTime:
    # Whole minutes: the field shows none finer, and an unchanged edit must not move the time.
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()) // 60 * 60)


def _minutes(seconds: float | None) -> int:
    return NOT_RECORDED if seconds is None else min(MAX_MINUTES, round(seconds / 60))


def ask_episode(
    now: datetime,
    episode: CrampEpisode | None,
    location_labels: Mapping[CrampLocation, str] | None,
    parent: QWidget | None,
) -> EpisodeAnswers | None:
    """Show the dialog modally; the answers, or ``None`` if cancelled."""
    dialog = EpisodeDialog(now, episode=episode, location_labels=location_labels, parent=parent)
    try:
        return dialog.answers() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
