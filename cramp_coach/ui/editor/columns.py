"""The three columns side by side, with dividers the user can drag and that stay where left.

The first time, the widths come from the fonts: the text 60 characters of its font
(more when there is room), the file list as wide as its longest line (up to 40 % of the
width), the outline about 26 characters (or a fifth of the width). When that is more
than the window has, they give way in turn: first to comfortable widths (the outline its
readable width, the file list its longest line, then its longest file name once its
titles wrap anyway, the outline 18 characters, the text 40 columns), then the text to
32 columns (so file names stay whole that long), then the file list and the text to
their narrowest (the file list keeps readable lines), and last the outline (a field
name may then break at a ``_``). When the text gets less than its 60 characters anyway,
it gives the outline room for its longest field name and lines of 20 characters, down
to 32 columns. Once a divider is moved, its place is kept in the settings. If the
columns still do not fit side by side, they scroll sideways, never overlap.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QWidget

from cramp_coach.ui.editor import outline_pane, text_pane
from cramp_coach.ui.editor.files_pane import FilesPane
from cramp_coach.ui.editor.outline_pane import OutlinePane
from cramp_coach.ui.editor.text_pane import TextPane
from cramp_coach.ui.settings import AppSettings

#: Quiet time after a divider stops moving before its place is remembered.
PANES_DELAY_MS = 500
#: The columns' places in the splitter.
FILES, TEXT, OUTLINE = 0, 1, 2


class Columns(QScrollArea):
    """Files, text and outline in a :class:`QSplitter` (``splitter``)."""

    def __init__(
        self, files: FilesPane, text: TextPane, outline: OutlinePane, settings: AppSettings | None, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("editor-body")
        self._files = files
        self._text = text
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
        room = max(self.splitter.width(), width) - 2 * self.splitter.handleWidth()
        files, text, outline = self._files, self._text, self._outline
        sizes = [
            max(files.minimumSizeHint().width(), min(files.preferred_width(), room * 2 // 5)),
            text.preferred_width(),
            max(outline.preferred_width(), room // 5),
        ]
        # Who gives way, in turn, and down to what, while the three do not fit. The file
        # list keeps its lines whole before the outline's field names; once its titles
        # wrap anyway, the field names come first.
        names = outline.readable_width()
        giving_way: tuple[tuple[int, Callable[[], int]], ...] = (
            (OUTLINE, lambda: max(outline.width_for(outline_pane.COMFORTABLE_COLUMNS), names)),
            (FILES, files.preferred_width),
            (FILES, lambda: files.names_width() if sizes[FILES] < files.preferred_width() else sizes[FILES]),
            (OUTLINE, lambda: outline.width_for(outline_pane.COMFORTABLE_COLUMNS)),
            (FILES, files.names_width),
            (TEXT, lambda: text.editor.width_for(text_pane.COMFORTABLE_COLUMNS)),
            (OUTLINE, lambda: names),
            (TEXT, lambda: text.editor.width_for(text_pane.NARROW_COLUMNS)),
            (FILES, lambda: files.minimumSizeHint().width()),
            (TEXT, lambda: text.minimumSizeHint().width()),
            (OUTLINE, lambda: outline.minimumSizeHint().width()),
        )
        for pane, floor in giving_way:
            over = sum(sizes) - room
            if over <= 0:
                break
            sizes[pane] -= max(0, min(over, sizes[pane] - floor()))
        sizes[TEXT] = max(sizes[TEXT], room - sizes[FILES] - sizes[OUTLINE])  # the text takes what is left
        # When the text has less than its preferred width anyway (large text), the field
        # names in the hints come before its columns beyond the narrow ones.
        short = names - sizes[OUTLINE]
        if short > 0 and sizes[TEXT] < text.preferred_width():
            narrow = text.editor.width_for(text_pane.NARROW_COLUMNS)
            moved = max(0, min(short, sizes[TEXT] - narrow))
            sizes[TEXT] -= moved
            sizes[OUTLINE] += moved
        self.splitter.setSizes(sizes)

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
