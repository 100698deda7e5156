"""Settings: voice, sounds, volume, theme, text size, the night-time safety choice, the bedtime reminder."""

from __future__ import annotations

import datetime
from typing import Any

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QRadioButton,
    QSlider,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from cramp_coach.ui.settings import TEXT_SCALES, THEMES, AppSettings
from cramp_coach.ui.widgets.common import button, label

THEME_LABELS = {"auto": "Automatic (night theme after dark)", "night": "Night (dark)", "day": "Day (light)"}
SCALE_LABELS = {1.0: "Normal", 1.25: "Large", 1.5: "Larger", 1.75: "Largest"}


class SettingsScreen(QWidget):
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
        scale_row = QHBoxLayout()
        scale_row.setSpacing(24)
        self.scale_group, self.scale_buttons = self._choices(
            settings, "text_scale", {scale: SCALE_LABELS[scale] for scale in TEXT_SCALES}, scale_row
        )
        scale_row.addStretch(1)

        self.cannot_stand = QCheckBox("I can't stand safely at night: never show standing steps in Cramp now")
        self.cannot_stand.setChecked(settings.cannot_stand_at_night)
        self.cannot_stand.toggled.connect(lambda on: setattr(settings, "cannot_stand_at_night", on))

        # The bedtime reminder (off by default); reminder_note says when it cannot pop up.
        self.reminder = QCheckBox("Remind me to do tonight's routine at")
        self.reminder.setChecked(settings.reminder_enabled)
        self.reminder.toggled.connect(lambda on: setattr(settings, "reminder_enabled", on))
        self.reminder_time = QTimeEdit(QTime(settings.reminder_time.hour, settings.reminder_time.minute))
        self.reminder_time.setDisplayFormat("HH:mm")
        self.reminder_time.setAccessibleName("Reminder time")
        self.reminder_time.timeChanged.connect(
            lambda value: setattr(settings, "reminder_time", datetime.time(value.hour(), value.minute()))
        )
        self.reminder_note = label(reminder_note, "notice")

        self.back_button = button("← Home", "quiet", accessible="Back to the home screen")
        self.back_button.clicked.connect(self.back_requested)

        grid = QGridLayout()
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(18)
        grid.addWidget(label("Sound", "heading"), 0, 0, Qt.AlignmentFlag.AlignTop)
        sound_column = QVBoxLayout()
        sound_column.setSpacing(12)
        sound_column.addWidget(self.voice)
        sound_column.addWidget(self.sounds)
        volume_row = QHBoxLayout()
        volume_row.addWidget(label("Volume", wrap=False))
        volume_row.addWidget(self.volume, 1)
        sound_column.addLayout(volume_row)
        sound_column.addWidget(self.sound_status)
        grid.addLayout(sound_column, 0, 1)
        grid.addWidget(label("Theme", "heading"), 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(theme_column, 1, 1)
        grid.addWidget(label("Text size", "heading"), 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(scale_row, 2, 1)
        grid.addWidget(label("Safety", "heading"), 3, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.cannot_stand, 3, 1)
        grid.addWidget(label("Reminder", "heading"), 4, 0, Qt.AlignmentFlag.AlignTop)
        reminder_column = QVBoxLayout()
        reminder_row = QHBoxLayout()
        reminder_row.setSpacing(14)
        reminder_row.addWidget(self.reminder)
        reminder_row.addWidget(self.reminder_time)
        reminder_row.addStretch(1)
        reminder_column.addLayout(reminder_row)
        reminder_column.addWidget(self.reminder_note)
        grid.addLayout(reminder_column, 4, 1)
        grid.setColumnStretch(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 28, 40, 28)
        top = QHBoxLayout()
        top.addWidget(label("Settings", "title"))
        top.addStretch(1)
        top.addWidget(self.back_button)
        layout.addLayout(top)
        layout.addSpacing(12)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.setTabOrder(self.voice, self.sounds)
        # Only now, with a parent: a parentless widget made visible becomes a window of its own.
        self.sound_status.setVisible(bool(sound_status))
        self.reminder_note.setVisible(bool(reminder_note))

    def _choices(
        self, settings: AppSettings, key: str, labels: dict[Any, str], layout: QBoxLayout
    ) -> tuple[QButtonGroup, dict[Any, QRadioButton]]:
        """One radio button per value of the setting ``key``; choosing one writes it straight away."""
        group = QButtonGroup(self)
        buttons: dict[Any, QRadioButton] = {}
        for value, text in labels.items():
            radio = QRadioButton(text)
            radio.setChecked(getattr(settings, key) == value)
            radio.toggled.connect(lambda on, v=value: on and setattr(settings, key, v))
            group.addButton(radio)
            buttons[value] = radio
            layout.addWidget(radio)
        return group, buttons

    def keyPressEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        from PySide6.QtGui import QKeyEvent

        if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape:
            self.back_requested.emit()
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]
