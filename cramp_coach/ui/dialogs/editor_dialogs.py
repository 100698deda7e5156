"""The routine editor's questions as real dialogs (:class:`DialogPrompts`).

The editor never opens a dialog itself: it calls the :class:`~cramp_coach.ui.editor.prompts.Prompts`
object it was given. This module is the real one; tests pass a scripted fake
(``tests/helpers/fake_prompts.py``), so no test waits on a modal window.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cramp_coach.domain.errors import Issue
from cramp_coach.domain.handout_details import HandoutDetails
from cramp_coach.domain.routine import Exercise
from cramp_coach.ui.editor.prompts import IdCheck, NewRoutineRequest, with_suffix_from
from cramp_coach.ui.widgets.common import label


def kebab(text: str) -> str:
    """A suggested id for a title: ``Jane's evening`` → ``janes-evening``."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("'", "").replace("’", ""))
    return "-".join(words)[:60].strip("-")


class NewRoutineDialog(QDialog):
    """Name a new routine and pick its exercises (or a routine to start from)."""

    def __init__(
        self,
        templates: Sequence[tuple[str, Path]],
        exercises: Mapping[str, Exercise],
        check: IdCheck,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("new-routine")
        self.setWindowTitle("New routine")
        self._check = check
        self._id_edited = False
        self.title_edit = QLineEdit("New routine")
        self.title_edit.setAccessibleName("Title")
        self.id_edit = QLineEdit("new-routine")
        self.id_edit.setAccessibleName("Id (file name)")
        self.start = QComboBox()
        self.start.setAccessibleName("Start from")
        self.start.addItem("The exercises ticked below", None)
        for title, path in templates:
            self.start.addItem(f"A copy of: {title}", str(path))
        self.exercises = QListWidget()
        self.exercises.setObjectName("new-routine-exercises")
        self.exercises.setAccessibleName("Exercises from the library")
        for exercise in exercises.values():
            item = QListWidgetItem(f"{exercise.name}  ·  {exercise.dose.describe()}")
            item.setData(Qt.ItemDataRole.UserRole, exercise.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.exercises.addItem(item)
        self.problem = label("", "warning")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.title_edit.textChanged.connect(self._on_title_changed)
        self.id_edit.textEdited.connect(self._on_id_edited)
        self.id_edit.textChanged.connect(self._validate)
        self.start.currentIndexChanged.connect(self._validate)
        self.exercises.itemChanged.connect(self._validate)
        form = QFormLayout()
        form.addRow("Title", self.title_edit)
        form.addRow("Id (file name)", self.id_edit)
        form.addRow("Start from", self.start)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            label("Tick the exercises (they go in this order; reorder or change doses in the text after):", "muted")
        )
        layout.addWidget(self.exercises, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        # Never taller or wider than the screen it opens on (the list of exercises gives way).
        room = self.screen().availableGeometry()
        self.resize(min(720, room.width()), min(640, room.height()))
        self._validate()

    def _on_title_changed(self, text: str) -> None:
        if not self._id_edited:
            self.id_edit.setText(kebab(text))

    def _on_id_edited(self, _text: str) -> None:
        self._id_edited = True

    def picked(self) -> tuple[str, ...]:
        return tuple(
            str(item.data(Qt.ItemDataRole.UserRole))
            for index in range(self.exercises.count())
            if (item := self.exercises.item(index)).checkState() == Qt.CheckState.Checked
        )

    def _validate(self) -> None:
        problem = self._check(self.id_edit.text().strip())
        from_template = self.start.currentData() is not None
        self.exercises.setEnabled(not from_template)
        if not problem and not from_template and not self.picked():
            problem = "Tick at least one exercise."
        self.problem.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def request(self) -> NewRoutineRequest:
        template = self.start.currentData()
        return NewRoutineRequest(
            self.id_edit.text().strip(),
            self.title_edit.text().strip() or "New routine",
            Path(template) if template else None,
            self.picked(),
        )


class HandoutDetailsDialog(QDialog):
    """Who the handout is for and from, printed at its top; any field may stay empty.

    An empty field is printed as a line to write on by hand.
    """

    def __init__(self, current: HandoutDetails, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handout-details")
        self.setWindowTitle("Handout details")
        self.patient = QLineEdit(current.patient)
        self.patient.setAccessibleName("Patient")
        self.physiotherapist = QLineEdit(current.physiotherapist)
        self.physiotherapist.setAccessibleName("Physiotherapist")
        self.contact = QLineEdit(current.contact)
        self.contact.setAccessibleName("Contact")
        self.contact.setPlaceholderText("Phone or email")
        self.with_date = QCheckBox("Print the date")
        self.with_date.setChecked(current.date is not None)
        self.date = QDateEdit()
        self.date.setAccessibleName("Date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMM yyyy")
        day = current.date or datetime.date.today()
        self.date.setDate(QDate(day.year, day.month, day.day))
        self.date.setEnabled(self.with_date.isChecked())
        self.with_date.toggled.connect(self.date.setEnabled)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Continue")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("Patient", self.patient)
        form.addRow("Physiotherapist", self.physiotherapist)
        form.addRow("Contact", self.contact)
        form.addRow(self.with_date, self.date)
        layout = QVBoxLayout(self)
        layout.addWidget(
            label("Printed at the top of the handout. Leave a field empty to fill it in by hand.", "muted")
        )
        layout.addLayout(form)
        layout.addWidget(buttons)
        # Polished first: the stylesheet's padding makes each field taller than Qt's own,
        # and a height taken before that cut every field at the larger text sizes.
        self.ensurePolished()
        self.resize(640, max(self.sizeHint().height(), self.heightForWidth(640)))

    def details(self) -> HandoutDetails:
        day = self.date.date()
        return HandoutDetails(
            patient=self.patient.text().strip(),
            physiotherapist=self.physiotherapist.text().strip(),
            date=datetime.date(day.year(), day.month(), day.day()) if self.with_date.isChecked() else None,
            contact=self.contact.text().strip(),
        )


class DialogPrompts:
    """:class:`Prompts` with real dialogs, parented to the editor screen."""

    def __init__(self, parent: QWidget) -> None:
        self._parent = parent

    def choose(self, title: str, text: str, options: Sequence[str]) -> str | None:
        box = QMessageBox(self._parent)
        box.setWindowTitle(title)
        box.setText(text)
        buttons = [box.addButton(option, QMessageBox.ButtonRole.AcceptRole) for option in options]
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(buttons[0])
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        return next((option for option, button in zip(options, buttons, strict=True) if button is clicked), None)

    def ask_id(self, title: str, text: str, suggested: str, check: IdCheck) -> str | None:
        dialog = QInputDialog(self._parent)
        dialog.setObjectName("editor-input")  # styled in app.qss
        dialog.setWindowTitle(title)
        dialog.setLabelText(text)
        dialog.setTextValue(suggested)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            value = dialog.textValue().strip()
            problem = check(value)
            if not problem:
                return value
            dialog.setLabelText(f"{text}\n\n{problem}")
        return None

    def new_routine(
        self, templates: Sequence[tuple[str, Path]], exercises: Mapping[str, Exercise], check: IdCheck
    ) -> NewRoutineRequest | None:
        dialog = NewRoutineDialog(templates, exercises, check, self._parent)
        return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def open_path(self, title: str, *, folder: bool) -> Path | None:
        if folder:
            chosen = QFileDialog.getExistingDirectory(self._parent, title, str(Path.home()))
        else:
            chosen, _filter = QFileDialog.getOpenFileName(
                self._parent, title, str(Path.home()), "Routine files and bundles (*.yaml *.yml *.zip)"
            )
        return Path(chosen) if chosen else None

    def save_path(self, title: str, suggested: Path, filters: str) -> Path | None:
        chosen, selected = QFileDialog.getSaveFileName(self._parent, title, str(suggested), filters)
        if not chosen:
            return None
        # A name typed without an extension gets the chosen filter's.
        return with_suffix_from(Path(chosen), selected or filters)

    def show_issues(self, title: str, text: str, issues: Sequence[Issue]) -> None:
        dialog = QDialog(self._parent)
        dialog.setWindowTitle(title)
        listing = QPlainTextEdit("\n".join(str(issue) for issue in issues))
        listing.setReadOnly(True)
        listing.setAccessibleName("Problems found")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(label(text))
        layout.addWidget(listing, 1)
        layout.addWidget(buttons)
        dialog.resize(900, 420)
        dialog.exec()

    def inform(self, title: str, text: str) -> None:
        QMessageBox.information(self._parent, title, text)

    def handout_details(self, current: HandoutDetails) -> HandoutDetails | None:
        dialog = HandoutDetailsDialog(current, self._parent)
        return dialog.details() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def printer(self) -> QPrinter | None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self._parent)
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None
