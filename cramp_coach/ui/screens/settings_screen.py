"""Settings: voice, sounds, volume, theme, text size, the night-time safety choice, the bedtime reminder."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTime, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from cramp_coach.ui.main_window import Screen
from cramp_coach.ui.settings import TEXT_SCALES, THEMES, AppSettings
from cramp_coach.ui.widgets.adaptive import AdaptiveRow, WrapCheckBox
from cramp_coach.ui.widgets.common import button, label
from cramp_coach.ui.widgets.emergency_number import EmergencyNumberRow

THEME_LABELS = {"auto": "Automatic (night theme after dark)", "night": "Night (dark)", "day": "Day (light)"}
SCALE_LABELS = {1.0: "Normal", 1.25: "Large", 1.5: "Larger", 1.75: "Largest"}
MAX_CONTENT_WIDTH = 1200
#: The reminder time's buttons move it by this many minutes.
REMINDER_STEP_MINUTES = 15
EARLIER = (f"−{REMINDER_STEP_MINUTES} min", f"{REMINDER_STEP_MINUTES} minutes earlier")
LATER = (f"+{REMINDER_STEP_MINUTES} min", f"{REMINDER_STEP_MINUTES} minutes later")


class TimeField(QTimeEdit):
    """A time field without step arrows, its time in the middle; buttons beside it step it.

    A spin box's own arrows were small and faint at night, and the stylesheet's padding
    does not reach a spin box's text (it sat against the border). Typing, the Up and
    Down keys and the mouse wheel still change the time.
    """

    def __init__(self, time: QTime) -> None:
        super().__init__(time)
        self.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def _fit_text(self) -> None:
        # With no buttons, the stylesheet style (Qt 6.11) gives the text a field one
        # pixel wide; the text takes the whole field instead (its background is clear,
        # so the field's border shows round it).
        self.lineEdit().setGeometry(self.rect())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_text()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)  # a restyle places the text field again
        if event.type() == QEvent.Type.StyleChange:
            self._fit_text()


class SettingsScreen(Screen):
    """Every control writes straight to :class:`AppSettings`; there is no Save button to forget.

    Signals: back_requested().
    """

    back_requested = Signal()

    def __init__(
        self,
        settings: AppSettings,
        *,
        sound_status: str = "",
        reminder_note: str = "",
        sound_check: QWidget | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settings")
        self._settings = settings

        self.voice = QCheckBox("Spoken guidance")
        self.voice.setChecked(settings.voice)
        self.voice.toggled.connect(lambda on: setattr(settings, "voice", on))
        self.sounds = QCheckBox("Beeps and chimes")
        self.sounds.setChecked(settings.sounds)
        self.sounds.toggled.connect(lambda on: setattr(settings, "sounds", on))
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setSingleStep(5)
        self.volume.setPageStep(10)
        self.volume.setValue(settings.volume)
        self.volume.setAccessibleName("Volume")
        self.volume.valueChanged.connect(lambda value: setattr(settings, "volume", value))
        self.sound_status = label(sound_status, "notice")

        theme_column = QVBoxLayout()
        theme_column.setSpacing(12)
        self.theme_group, self.theme_buttons = self._choices(
            settings, "theme", {name: THEME_LABELS[name] for name in THEMES}, theme_column
        )
        # The four sizes side by side when they fit, one under the other at the largest sizes.
        scale_row = AdaptiveRow(spacing=24)
        self.scale_group, self.scale_buttons = self._choices(
            settings, "text_scale", {scale: SCALE_LABELS[scale] for scale in TEXT_SCALES}, scale_row
        )

        # The words wrap (they are long at the Largest text size); clicking them toggles the box.
        self.cannot_stand_row = WrapCheckBox("I can't stand safely at night: never show standing steps in Cramp now")
        self.cannot_stand = self.cannot_stand_row.box
        self.cannot_stand.setChecked(settings.cannot_stand_at_night)
        self.cannot_stand.toggled.connect(lambda on: setattr(settings, "cannot_stand_at_night", on))
        self.emergency_number = EmergencyNumberRow(settings)

        # The bedtime reminder (off by default); reminder_note says when it cannot pop up.
        reminder_words = "Remind me to do tonight's routine at"
        self.reminder_row = WrapCheckBox(reminder_words)
        self.reminder = self.reminder_row.box
        self.reminder.setChecked(settings.reminder_enabled)
        self.reminder.toggled.connect(lambda on: setattr(settings, "reminder_enabled", on))
        self.reminder_time = TimeField(QTime(settings.reminder_time.hour, settings.reminder_time.minute))
        self.reminder_time.setDisplayFormat("HH:mm")
        self.reminder_time.setAccessibleName("Reminder time")
        self.reminder_earlier = button(EARLIER[0], accessible=f"Reminder {EARLIER[1]}")
        self.reminder_earlier.clicked.connect(lambda: self._move_reminder(-REMINDER_STEP_MINUTES))
        self.reminder_later = button(LATER[0], accessible=f"Reminder {LATER[1]}")
        self.reminder_later.clicked.connect(lambda: self._move_reminder(REMINDER_STEP_MINUTES))
        self.reminder_time.timeChanged.connect(
            lambda value: setattr(settings, "reminder_time", datetime.time(value.hour(), value.minute()))
        )
        self.reminder_note = label(reminder_note, "notice")

        self.back_button = button("← Home", "quiet", accessible="Back to the home screen")
        self.back_button.clicked.connect(self.back_requested)

        volume_row = QHBoxLayout()
        volume_row.addWidget(label("Volume", wrap=False))
        volume_row.addWidget(self.volume, 1)
        reminder_row = AdaptiveRow(spacing=14)
        # The whole sentence on one line beside the time when it fits (the time goes under
        # it when it does not), never squeezed into a narrow column of three lines.
        reminder_row.add(self.reminder_row, chars=len(reminder_words) + 12)  # + the box and some slack
        # The field as tall as the buttons beside it; the words centred on the same line.
        self.reminder_time.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        words = self.reminder_row.sizePolicy()
        words.setVerticalPolicy(QSizePolicy.Policy.Maximum)  # keeps its height for its width
        self.reminder_row.setSizePolicy(words)
        time_row = QWidget()
        time_row.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        time_layout = QHBoxLayout(time_row)
        time_layout.setContentsMargins(0, 0, 0, 0)
        time_layout.setSpacing(10)
        time_layout.addWidget(self.reminder_time)
        time_layout.addWidget(self.reminder_earlier)
        time_layout.addWidget(self.reminder_later)
        reminder_row.add(time_row)

        # One section under the other, each heading above its controls: nothing has to
        # share a line with a heading, so nothing is squeezed at the Largest text size.
        content = QWidget()
        content.setObjectName("settings-content")
        # On a wide screen the controls stay in a readable column by the headings
        # (a 1900-pixel "Test sound" button or volume bar is hard to take in).
        content.setMaximumWidth(MAX_CONTENT_WIDTH)
        sections = QVBoxLayout(content)
        sections.setContentsMargins(0, 0, 12, 0)
        sections.setSpacing(10)
        # sound_check: "Test sound and voice" (ui/selfcheck.py), when the app passes one.
        extra_sound = (sound_check,) if sound_check is not None else ()
        for heading, parts in (
            ("Sound", (self.voice, self.sounds, volume_row, self.sound_status, *extra_sound)),
            ("Theme", (theme_column,)),
            ("Text size", (scale_row,)),
            ("Safety", (self.cannot_stand_row, self.emergency_number)),
            ("Reminder", (reminder_row, self.reminder_note)),
        ):
            sections.addSpacing(8)
            sections.addWidget(label(heading, "heading"))
            for part in parts:
                if isinstance(part, QWidget):
                    sections.addWidget(part)
                else:
                    sections.addLayout(part)
        sections.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("settings-scroll")
        self.scroll_area.setWidget(content)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 20)
        top = QHBoxLayout()
        top.addWidget(label("Settings", "title"), 1)
        top.addWidget(self.back_button)  # fixed above the scrolling part: the way home never scrolls away
        layout.addLayout(top)
        layout.addWidget(self.scroll_area, 1)
        # Tab in reading order, the sound test's own controls (if any) straight after the volume.
        sound_test = [
            w
            for w in (sound_check.findChildren(QWidget) if sound_check is not None else [])
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
        chain = [self.back_button, self.voice, self.sounds, self.volume, *sound_test, *self.theme_buttons.values()]
        chain += [*self.scale_buttons.values(), self.cannot_stand, self.emergency_number.field]
        chain += [self.reminder, self.reminder_time, self.reminder_earlier, self.reminder_later]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)
        # Only now, with a parent: a parentless widget made visible becomes a window of its own.
        self.sound_status.setVisible(bool(sound_status))
        self.reminder_note.setVisible(bool(reminder_note))

    def _choices(
        self, settings: AppSettings, key: str, labels: dict[Any, str], layout: QBoxLayout | AdaptiveRow
    ) -> tuple[QButtonGroup, dict[Any, QRadioButton]]:
        """One radio button per value of the setting ``key``; choosing one writes it straight away."""
        group = QButtonGroup(self)
        buttons: dict[Any, QRadioButton] = {}
        for value, text in labels.items():
            radio = QRadioButton(text)
            radio.setChecked(getattr(settings, key) == value)
            radio.toggled.connect(lambda on, v=value: setattr(settings, key, v) if on else None)
            group.addButton(radio)
            buttons[value] = radio
            if isinstance(layout, AdaptiveRow):
                layout.add(radio)
            else:
                layout.addWidget(radio)
        return group, buttons

    def _move_reminder(self, minutes: int) -> None:
        """The reminder ``minutes`` later (earlier when negative), round the clock."""
        self.reminder_time.setTime(self.reminder_time.time().addSecs(minutes * 60))

    def keyPressEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        from PySide6.QtGui import QKeyEvent

        if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape:
            self.back_requested.emit()
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]
