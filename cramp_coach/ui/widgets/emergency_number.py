"""The emergency-number field (Settings, first run): the number shown with the warning signs."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from cramp_coach.domain.emergency import clean_emergency_number
from cramp_coach.ui.settings import AppSettings
from cramp_coach.ui.widgets.common import label


class EmergencyNumberRow(QWidget):
    """A label, the number, and a sentence when what was typed is not a number.

    With ``save_as_you_go`` (Settings) a valid number is saved when editing ends; a
    refused one is said under the field and nothing is saved. The first-run sheet saves
    on Done instead (:meth:`number`).
    """

    def __init__(self, settings: AppSettings, *, save_as_you_go: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.field = QLineEdit(settings.emergency_number)
        self.field.setAccessibleName("Your emergency number")
        self.field.setMaxLength(12)
        self.field.setMaximumWidth(260)
        self.problem = label("", "notice")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(label("Your emergency number (shown with the warning signs):"))
        layout.addWidget(self.field)
        layout.addWidget(self.problem)
        self.problem.setVisible(False)
        if save_as_you_go:
            self.field.editingFinished.connect(self.save)

    def number(self) -> str | None:
        """The typed number, cleaned; ``None`` (and the reason shown) when it is not one."""
        try:
            number = clean_emergency_number(self.field.text())
        except ValueError as error:
            self.problem.setText(str(error))
            self.problem.setVisible(True)
            return None
        self.problem.setVisible(False)
        return number

    def save(self) -> bool:
        number = self.number()
        if number is None:
            return False
        self._settings.emergency_number = number
        self.field.setText(number)
        return True
