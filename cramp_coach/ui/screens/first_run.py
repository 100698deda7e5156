"""First run: what the app is and is not, can you stand safely at night, your emergency number.

Shown once, over Home, after Home's first frame (never before Cramp now, never over a
routine): it lies on top of the Home screen only, so opening Cramp now (Ctrl+E, the
tray, a second launch) always shows Cramp now at once. Skip leaves every setting as
it was; either way it is not shown again. Esc skips.

On a small screen with large text the questions start below the fold. Until the end
has been seen, the main button reads "Next" and scrolls on instead of saving: pressing
it can never answer "yes, I can stand safely" to a question nobody saw.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cramp_coach.ui.settings import AppSettings
from cramp_coach.ui.widgets.common import button, label
from cramp_coach.ui.widgets.emergency_number import EmergencyNumberRow

MAX_TEXT_WIDTH = 1000
DONE, DONE_ACCESSIBLE = "Done", "Done: save and go to the home screen"
NEXT, NEXT_ACCESSIBLE = "Next ↓", "Next: show the rest of the questions"


class FirstRunSheet(QWidget):
    """The welcome sheet, covering its parent (Home) until it is answered or skipped.

    Signals:
        finished(): Done or Skip was pressed; the sheet has hidden itself.
    """

    finished = Signal()

    def __init__(self, settings: AppSettings, disclaimer: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("first-run")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAutoFillBackground(True)
        self._settings = settings

        self.can_stand = QRadioButton("Yes, I can stand safely, holding on to something")
        self.cannot_stand = QRadioButton("No, or not sure: never show standing steps")
        self.stand_group = QButtonGroup(self)
        for choice in (self.can_stand, self.cannot_stand):
            self.stand_group.addButton(choice)
        (self.cannot_stand if settings.cannot_stand_at_night else self.can_stand).setChecked(True)

        self.emergency_number = EmergencyNumberRow(settings, save_as_you_go=False)

        self.done_button = button(DONE, "primary", accessible=DONE_ACCESSIBLE)
        self.done_button.setProperty("compact", True)
        self.skip_button = button("Skip", "quiet", accessible="Skip for now (Esc); nothing is changed")
        self.done_button.clicked.connect(self._on_done_clicked)
        self._seen_end = False
        self.skip_button.clicked.connect(self.skip)

        column_widget = QWidget()
        column_widget.setMaximumWidth(MAX_TEXT_WIDTH)
        column = QVBoxLayout(column_widget)
        column.setContentsMargins(0, 0, 12, 12)
        column.setSpacing(12)
        column.addWidget(label("Welcome to Cramp Coach", "heading"))
        self.disclaimer = label(disclaimer)
        self.disclaimer.setAccessibleName("What Cramp Coach is and is not")
        column.addWidget(self.disclaimer)
        column.addSpacing(8)
        column.addWidget(label("Can you stand safely at night?", "heading"))
        column.addWidget(
            label("If not, Cramp now keeps to steps you can do sitting or lying. You can change this in Settings.")
        )
        column.addWidget(self.can_stand)
        column.addWidget(self.cannot_stand)
        column.addSpacing(8)
        column.addWidget(label("Your emergency number", "heading"))
        column.addWidget(
            label(
                "It was guessed from this computer's language setting: check it is the number "
                "for an ambulance where you live."
            )
        )
        column.addWidget(self.emergency_number)
        column.addStretch(1)
        page = QWidget()
        centre = QHBoxLayout(page)
        centre.setContentsMargins(0, 0, 0, 0)
        centre.addWidget(column_widget, 1)
        self.scroll_area = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(page)
        bar = scroll.verticalScrollBar()
        bar.valueChanged.connect(self._follow_scrolling)
        bar.rangeChanged.connect(self._follow_scrolling)

        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 24, 36, 20)
        layout.setSpacing(12)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

        parent.installEventFilter(self)
        self.setGeometry(parent.rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        parent = self.parentWidget()
        if parent is not None and watched is parent and event.type() == QEvent.Type.Resize:
            self.setGeometry(parent.rect())
        return super().eventFilter(watched, event)

    @property
    def seen_end(self) -> bool:
        """Whether the whole sheet, down to its last question, has been on screen."""
        return self._seen_end

    def _follow_scrolling(self, *_: int) -> None:
        bar = self.scroll_area.verticalScrollBar()
        if not self._seen_end and bar.value() >= bar.maximum():
            self._seen_end = True
        seen = self._seen_end
        self.done_button.setText(DONE if seen else NEXT)
        self.done_button.setAccessibleName(DONE_ACCESSIBLE if seen else NEXT_ACCESSIBLE)

    def _on_done_clicked(self) -> None:
        self._follow_scrolling()  # a sheet that fits never changes its scroll range
        if self._seen_end:
            self.accept()
            return
        bar = self.scroll_area.verticalScrollBar()
        bar.setValue(bar.value() + bar.pageStep())

    def accept(self) -> None:
        """Save the answers (a wrong number is said, not saved) and close."""
        number = self.emergency_number.number()
        if number is None:
            self.emergency_number.field.setFocus()
            return
        self._settings.cannot_stand_at_night = self.cannot_stand.isChecked()
        self._settings.emergency_number = number
        self._close()

    def skip(self) -> None:
        self._close()

    def _close(self) -> None:
        self._settings.first_run_done = True
        self.hide()
        self.finished.emit()

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)  # type: ignore[arg-type]
        self.raise_()
        self.done_button.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.skip()
            return
        super().keyPressEvent(event)
