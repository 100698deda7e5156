"""The three columns side by side, with dividers the user can drag and that stay where left.

The first time, the widths come from the fonts: the file list as wide as its longest
name (up to 30 % of the width), the outline about 24 characters (up to 20 %), the text
the rest. Once a divider is moved, its place is kept in the settings. With the largest
text on a small screen the columns may not fit side by side: then they scroll sideways,
never overlap.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QWidget

from cramp_coach.ui.editor.files_pane import FilesPane
from cramp_coach.ui.settings import AppSettings

#: Quiet time after a divider stops moving before its place is remembered.
PANES_DELAY_MS = 500


class Columns(QScrollArea):
    """Files, text and outline in a :class:`QSplitter` (``splitter``)."""

    def __init__(
        self, files: FilesPane, text: QWidget, outline: QWidget, settings: AppSettings | None, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("editor-body")
        self._files = files
        self._outline = outline
        self._settings = settings
        self._placed = False
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("editor-panes")
        for index, (pane, stretch) in enumerate(((files, 0), (text, 1), (outline, 0))):
            self.splitter.addWidget(pane)
            self.splitter.setStretchFactor(index, stretch)  # a wider window widens the text
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(8)
        self.splitter.splitterMoved.connect(self._on_splitter_moved)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidget(self.splitter)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PANES_DELAY_MS)
        self._timer.timeout.connect(self.remember)

    def place(self, width: int) -> None:
        """Put the dividers where they were left, or from the fonts (once, on first show)."""
        if self._placed:
            return
        self._placed = True
        remembered = self._settings.editor_panes if self._settings is not None else b""
        if remembered and self.splitter.restoreState(QByteArray(remembered)):
            return
        total = max(self.splitter.width(), width)
        side = self.fontMetrics().averageCharWidth()
        left = max(self._files.minimumSizeHint().width(), min(self._files.preferred_width(), total * 3 // 10))
        right = max(self._outline.minimumSizeHint().width(), min(side * 24, total // 5))
        self.splitter.setSizes([left, max(1, total - left - right), right])

    def _on_splitter_moved(self, _position: int, _index: int) -> None:
        self._timer.start()  # dragging moves it many times: remember where it stops

    def remember(self) -> None:
        """Keep the dividers' places now (also done shortly after one is moved)."""
        self._timer.stop()
        if self._settings is not None:
            self._settings.editor_panes = bytes(self.splitter.saveState().data())

    def flush(self) -> None:
        """Remember a move that is still waiting for its quiet time."""
        if self._timer.isActive():
            self.remember()
