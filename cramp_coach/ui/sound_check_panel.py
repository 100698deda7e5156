"""Settings' "Test sound and voice" button, a one-line result beside it, and the details
in a dialog. Light on purpose: it is built with the Settings screen, and the self-check
itself (:mod:`cramp_coach.ui.selfcheck`) is only imported when the button is pressed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from cramp_coach.selfcheck import Finding, summary
from cramp_coach.ui.widgets.common import button, label

if TYPE_CHECKING:
    from cramp_coach.ui.selfcheck import SelfCheck


def findings_text(findings: list[Finding]) -> str:
    """The findings for people: a mark, what works or what is wrong, and what to do."""
    blocks = []
    for finding in findings:
        mark = "✓" if finding.ok else "✗"
        block = f"{mark} {finding.topic}: {finding.says}"
        if finding.fix:
            block += f"\nWhat to do: {finding.fix}."
        blocks.append(block)
    return "\n\n".join(blocks)


class CheckResultDialog(QDialog):
    """What the test found, one topic per paragraph; scrolls at the largest text size."""

    def __init__(self, findings: list[Finding], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sound and voice test")
        self.summary = label(summary(findings), "heading")
        self.details = label(findings_text(findings))
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        if parent is not None and parent.window() is not None:
            area = parent.window().size()
            self.resize(min(900, area.width() - 40), min(640, area.height() - 40))


class SoundCheckPanel(QWidget):
    """The "Test sound and voice" button, a one-line result beside it, the details in a dialog."""

    def __init__(
        self,
        make_check: Callable[[QObject], SelfCheck],
        parent: QWidget | None = None,
        *,
        show_details: bool = True,
    ) -> None:
        super().__init__(parent)
        self._make_check = make_check
        self._check: SelfCheck | None = None
        self._show_details = show_details
        self.findings: list[Finding] = []
        self.dialog: CheckResultDialog | None = None
        self.button = button("Test sound and voice", accessible="Test sound and voice")
        self.button.setAccessibleDescription("Plays a chime, speaks a line, and says what works and what to install")
        self.button.clicked.connect(self.run)
        self.result = label("", "notice")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        row.addWidget(self.button)
        row.addWidget(self.result, 1)
        self.result.setVisible(False)

    def run(self) -> None:
        if self._check is not None:
            return  # one test at a time
        self.button.setEnabled(False)
        self.result.setText("Listen for a chime, then a voice…")
        self.result.setVisible(True)
        self._check = self._make_check(self)
        self._check.finished.connect(self._on_finished)
        self._check.start()

    def _on_finished(self, findings: list[Finding]) -> None:
        self.findings = findings
        self.result.setText(summary(findings))
        self.button.setEnabled(True)
        if self._check is not None:
            self._check.deleteLater()
        self._check = None
        if self._show_details:
            self.dialog = CheckResultDialog(findings, self)
            self.dialog.open()  # window-modal, not a nested event loop
