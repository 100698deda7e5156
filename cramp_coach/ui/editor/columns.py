"""The three columns side by side, with dividers the user can drag and that stay where left.

The first time, the widths come from the fonts: the text 60 characters of its font
(more when there is room), the file list as wide as its longest line (up to 40 % of the
width), the outline about 26 characters (or a fifth of the width). When that is more
than the window has, they give way in turn: the outline to its readable width (its
longest field name whole, lines of 20 characters), the file list to its longest line,
then to its longest file name once its titles wrap anyway, the outline to lines of 20
characters of its hint's font (only to keep the file list's lines whole), the text to
40 columns, then to 32. When the text gets less than its 60 characters anyway, it gives
the outline room for its longest field name and lines of 20 characters, down to 32
columns. Once a divider is moved, its place is kept in the settings.

When whole file names, 32 columns of text and a readable outline do not fit side by
side (the larger text sizes on a small screen), the outline goes under the file list,
in a left column as wide as the wider of the two, with a divider between them; the
text takes the rest, which is then wider than 32 columns. Dividers moved then are not
kept: the remembered places are for three columns side by side. If the columns still
do not fit, they scroll sideways, never overlap.
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
        #: The left column holding the file list over the outline, when they are stacked.
        self.stacked: QSplitter | None = None
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
        """Put the dividers where they were left, or from the fonts, or stack (once, on first show)."""
        if self._placed:
            return
        self._placed = True
        room = max(self.splitter.width(), width) - 2 * self.splitter.handleWidth()
        files, text, outline = self._files, self._text, self._outline
        narrow = files.names_width() + text.editor.width_for(text_pane.NARROW_COLUMNS)
        if narrow + outline.readable_width() > room:
            self._stack(room + self.splitter.handleWidth())
            return
        remembered = self._settings.editor_panes if self._settings is not None else b""
        if remembered and self.splitter.restoreState(QByteArray(remembered)):
            return
        sizes = [
            max(files.minimumSizeHint().width(), min(files.preferred_width(), room * 2 // 5)),
            text.preferred_width(),
            max(outline.preferred_width(), room // 5),
        ]
        # Who gives way, in turn, and down to what, while the three do not fit. The
        # outline lets a long title wrap sooner (lines of 20 characters of the hint's
        # font, not of the title's) only to keep the file list's lines whole; once those
        # wrap anyway, it keeps its readable width.
        readable = outline.readable_width()
        titles_whole = files.preferred_width()
        hint_lines = outline.width_for(outline_pane.READABLE_COLUMNS)
        giving_way: tuple[tuple[int, Callable[[], int]], ...] = (
            (OUTLINE, lambda: readable),
            (FILES, files.preferred_width),
            (FILES, lambda: files.names_width() if sizes[FILES] < titles_whole else sizes[FILES]),
            (OUTLINE, lambda: hint_lines if sizes[FILES] >= titles_whole else readable),
            (FILES, files.names_width),
            (TEXT, lambda: text.editor.width_for(text_pane.COMFORTABLE_COLUMNS)),
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
        short = readable - sizes[OUTLINE]
        if short > 0 and sizes[TEXT] < text.preferred_width():
            narrow = text.editor.width_for(text_pane.NARROW_COLUMNS)
            moved = max(0, min(short, sizes[TEXT] - narrow))
            sizes[TEXT] -= moved
            sizes[OUTLINE] += moved
        self.splitter.setSizes(sizes)

    def _stack(self, room: int) -> None:
        """The outline under the file list, in a left column; the text beside them takes the rest."""
        files, text, outline = self._files, self._text, self._outline
        left = QSplitter(Qt.Orientation.Vertical)
        left.setObjectName("editor-side")
        left.setChildrenCollapsible(False)
        left.setHandleWidth(self.splitter.handleWidth())
        self.splitter.insertWidget(FILES, left)
        left.addWidget(files)  # taken out of the row of columns
        left.addWidget(outline)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.stacked = left
        # File names whole when the text keeps its narrowest width beside them.
        names = min(files.names_width(scrolling=True), room - text.minimumSizeHint().width())
        side = max(files.minimumSizeHint().width(), outline.readable_width(), names)
        self.splitter.setSizes([side, max(text.minimumSizeHint().width(), room - side)])
        # Each gets half the height; both scroll up and down on their own.
        left.setSizes([1, 1])

    def _on_splitter_moved(self, _position: int, _index: int) -> None:
        self._timer.start()  # dragging moves it many times: remember where it stops

    def remember(self) -> None:
        """Keep the dividers' places now (also done shortly after one is moved)."""
        self._timer.stop()
        if self._settings is not None and self.stacked is None:
            self._settings.editor_panes = bytes(self.splitter.saveState().data())

    def flush(self) -> None:
        """Remember a move that is still waiting for its quiet time."""
        if self._timer.isActive():
            self.remember()
