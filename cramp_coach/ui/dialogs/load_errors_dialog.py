"""Lists routine files that could not be loaded, compiler-style, without blocking the app."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from cramp_coach.domain.errors import Issue
from cramp_coach.ui.widgets.common import label


class LoadErrorsDialog(QDialog):
    def __init__(self, issues: Sequence[Issue], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Some routine files could not be loaded")
        files = sorted({issue.file for issue in issues})
        intro = label(
            f"{len(files)} file{'s' if len(files) != 1 else ''} had problems and "
            f"{'were' if len(files) != 1 else 'was'} "
            "left out. Everything else (and Cramp now) works. Fix the lines below, then restart the app, "
            "or check a file with: cramp-coach validate FILE"
        )
        self.text = QPlainTextEdit("\n".join(str(issue) for issue in issues))
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setAccessibleName("Problems found in routine files")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(900, 420)
