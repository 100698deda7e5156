"""Help & Sources: what the app is and is not, the warning signs, and where every step comes from.

A reading page: one scrolling column of wrapped text (never clipped, at any text size
or window size), with a short list of sections at the top to jump to. Its content is
built Qt-free by :mod:`cramp_coach.domain.help_content` from the loaded routine files.

Keys: Esc goes back; Page Up / Page Down, the arrows, Home and End scroll.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cramp_coach.domain.catalog import Catalog
from cramp_coach.domain.help_content import DataLocations, HelpItem, HelpSection, help_sections
from cramp_coach.paths import DataPaths
from cramp_coach.ui.main_window import Screen
from cramp_coach.ui.widgets.common import button, label

# Reading width: lines much longer than this are hard to follow on a wide screen.
MAX_TEXT_WIDTH = 1100


def sections_for(catalog: Catalog, *, version: str, emergency_number: str, data: DataPaths) -> tuple[HelpSection, ...]:
    """The Help & Sources sections for what is loaded now."""
    return help_sections(
        catalog.protocol,
        catalog.exercises,
        catalog.routines,
        version=version,
        emergency_number=emergency_number,
        data=DataLocations(
            folder=str(data.root),
            diary=str(data.diary),
            routines=str(data.routines),
            settings=str(data.root / "settings.ini"),
        ),
    )


class HelpScreen(Screen):
    """Help & Sources.

    Signals:
        back_requested(): the user pressed Back or Esc.
    """

    back_requested = Signal()

    def __init__(self, sections: Sequence[HelpSection], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help")
        self.back_button = button("← Back", "quiet", accessible="Back (Esc)")
        self.back_button.clicked.connect(self.back_requested)
        top = QHBoxLayout()
        top.addWidget(label("Help & Sources", "title"), 1)
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setAccessibleName("Help and sources text")
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 12)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self.scroll_area, 1)
        self._anchors: dict[str, QLabel] = {}
        self._blocks: list[QWidget] = []
        self.set_sections(sections)

    # -- content -----------------------------------------------------------------------

    def set_sections(self, sections: Sequence[HelpSection]) -> None:
        """Show ``sections`` (after a reload, or a new emergency number)."""
        self._sections = tuple(sections)
        self._anchors = {}
        self._blocks = []
        self.jump_buttons: dict[str, QWidget] = {}
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 16, 24)
        column.setSpacing(10)
        contents = QGridLayout()
        contents.setHorizontalSpacing(12)
        contents.setVerticalSpacing(8)
        for index, section in enumerate(sections):
            jump = button(section.title, "quiet", accessible=f"Go to: {section.title}")
            jump.setStyleSheet("padding: 4px 14px;")  # a list of places, not big actions
            jump.clicked.connect(lambda _=False, anchor=section.anchor: self.show_section(anchor))
            contents.addWidget(jump, index // 2, index % 2)
            self.jump_buttons[section.anchor] = jump
        column.addLayout(contents)
        for section in sections:
            column.addSpacing(14)
            heading = label(section.title, "heading")
            heading.setAccessibleName(section.title)
            self._anchors[section.anchor] = heading
            blocks = [heading, *(self._text(line) for line in section.intro), *map(self._item, section.items)]
            for block in blocks:
                column.addWidget(block)
            self._blocks += blocks
        column.addStretch(1)
        page.setMaximumWidth(MAX_TEXT_WIDTH)
        holder = QWidget()
        centre = QHBoxLayout(holder)
        centre.setContentsMargins(0, 0, 0, 0)
        centre.addWidget(page, 1)
        centre.addStretch(0)  # past the reading width, the space goes right: the text lines up with the title
        self._holder = holder
        self.scroll_area.setWidget(holder)

    def _text(self, text: str, role: str = "") -> QLabel:
        widget = label(text, role)
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return widget

    def _item(self, item: HelpItem) -> QWidget:
        frame = QFrame()
        frame.setProperty("role", "card")
        if item.tone:
            frame.setProperty("tone", item.tone)  # e.g. a red border round the urgent warning signs
        box = QVBoxLayout(frame)
        box.setContentsMargins(16, 10, 16, 12)
        box.setSpacing(4)
        title = self._text(item.title)
        title.setStyleSheet("font-weight: 700; background: transparent;")
        box.addWidget(title)
        if item.evidence:
            box.addWidget(self._text(f"Evidence: {item.evidence}"))
        for line in item.lines:
            box.addWidget(self._text(line))
        if item.sources:
            # Set apart and dimmer, so a source is never read as one more step or warning sign.
            box.addSpacing(6)
            sources = "Sources:\n" + "\n".join(f"• {source}" for source in item.sources)
            box.addWidget(self._text(sources, "muted"))
        return frame

    # -- navigation --------------------------------------------------------------------

    def show_section(self, anchor: str) -> None:
        """Scroll so the section ``anchor`` (see :mod:`~cramp_coach.domain.help_content`) is at the top."""
        target = self._anchors.get(anchor)
        if target is None:
            return
        self._holder.adjustSize()
        y = target.mapTo(self._holder, target.rect().topLeft()).y()
        self.scroll_area.verticalScrollBar().setValue(y)

    def section_heading(self, anchor: str) -> QLabel:
        return self._anchors[anchor]

    def text(self) -> str:
        """Everything the page says, in order: one block per heading, paragraph or card, a blank line between."""
        return "\n\n".join(
            block.text() if isinstance(block, QLabel) else "\n".join(line.text() for line in block.findChildren(QLabel))
            for block in self._blocks
        )

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)  # type: ignore[arg-type]
        self.scroll_area.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.back_requested.emit()
            return
        super().keyPressEvent(event)
