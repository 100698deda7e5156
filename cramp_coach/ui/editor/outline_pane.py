"""The right column: help for the line at the cursor, then the outline of the routine.

The outline shows the exercises, doses and total time of the last version without
problems.

Times come from the timeline compiler (the figure Home and the player use); most checks
while typing leave the outline as it was (a typo, or a comment), so it is redrawn only
when what it shows changed.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from cramp_coach.domain.routine import Routine
from cramp_coach.domain.timeline import compile_routine
from cramp_coach.domain.wording import POSITION_WORDS, clock_text, minutes_text
from cramp_coach.schema import spec
from cramp_coach.ui.editor.document import OutlineSource
from cramp_coach.ui.widgets.common import label
from cramp_coach.ui.widgets.flow_layout import scrolling
from cramp_coach.ui.widgets.wrapped_items import RowWrapper, set_item_text

#: An invisible break point.
ZWSP = "\u200b"
#: The narrowest the column gets, in average characters of its font.
MIN_COLUMNS = 12
#: The width it asks for when there is room, in average characters of the hint's font.
PREFERRED_COLUMNS = 26
#: Lines of this many average characters of its own font read well (the routine's title
#: is the widest per character); the column gets them when the text has room to spare.
READABLE_COLUMNS = 20


def breakable(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` with invisible break points inside the words wider than ``width`` pixels.

    Such words are field paths (``steps[].dose.hold_seconds``): they may break after a
    ``.`` or ``]``, and a part still too wide after a ``_`` too. Words that fit on a line
    are left whole, so ``schema_version`` is never split at the end of a line when it
    fits on the next.
    """

    def fits(piece: str) -> bool:
        return metrics.horizontalAdvance(piece) <= width

    def with_breaks(match: re.Match[str]) -> str:
        word = match.group(0)
        if fits(word):
            return word
        parts = re.split(r"(?<=\.)(?=\S)|(?<=\])(?=[^.\s])", word)
        return ZWSP.join(part if fits(part) else re.sub(r"(?<=_)(?=\S)", ZWSP, part) for part in parts)

    return re.sub(r"\S+", with_breaks, text)


def field_names() -> list[str]:
    """Every field name of the routine format, as the hints list them (``switch_sides_seconds,``)."""
    records = [value for value in vars(spec).values() if isinstance(value, spec.Record)]
    return sorted({f"{field.name}," for record in records for field in record.fields})


class HintLabel(QLabel):
    """A wrapped label whose long field paths break to its width, measured as it will show them.

    The breaks depend on the width, so its height for a width is that of the text as it
    will be broken at that width: the layout makes the right room in one pass, rather
    than after the text has changed (when the last line was cut until the next pass).
    It can be as narrow as its widest piece between allowed breaks, so a narrow column
    breaks a long name at a ``_`` instead of scrolling sideways.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._raw = ""

    def set_hint(self, text: str) -> None:
        self._raw = text
        self.setText(self._broken(self.width()))

    def _room(self, width: int) -> int:
        margins = self.contentsMargins()
        return max(1, width - margins.left() - margins.right() - 2 * self.margin())

    def _broken(self, width: int) -> str:
        return breakable(self._raw, self.fontMetrics(), self._room(width))

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        room = self._room(width)
        flags = int(self.alignment().value) | int(Qt.TextFlag.TextWordWrap.value)
        bounds = self.fontMetrics().boundingRect(QRect(0, 0, room, 100000), flags, self._broken(width))
        margins = self.contentsMargins()
        return bounds.height() + margins.top() + margins.bottom() + 2 * self.margin()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        metrics = self.fontMetrics()
        pieces = breakable(self._raw, metrics, 1).replace(ZWSP, " ").split()
        widest = max((metrics.horizontalAdvance(piece) for piece in pieces), default=0)
        margins = self.contentsMargins()
        width = widest + margins.left() + margins.right() + 2 * self.margin()
        return QSize(width, self.heightForWidth(max(width, self.width())))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.setText(self._broken(event.size().width()))  # its height was asked for this width


class OutlinePane(QWidget):
    """The hint and the outline.

    Attributes:
        hint: what the field at the cursor (or the exercise picked on the left) means.
        title: the routine's title (or the kind of file).
        facts: the number of exercises and the total time.
        stale: says when the outline shows an older version than the text.
        items: one row per exercise (or location).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Not selectable: a selectable label lays its text out another way than it
        # measures it, and its last line was cut.
        self.hint = HintLabel()
        self.hint.setProperty("role", "hint")
        self.hint.setAccessibleName("Hint for the field at the cursor")
        self.title = label("")
        self.title.setObjectName("outline-title")
        self.facts = label("", "hint")  # the hint's size: a line of it holds the facts
        self.facts.setAccessibleName("Total time")
        self.stale = label("", "notice")
        self.items = QListWidget()
        self.items.setProperty("role", "outline")
        self.items.setAccessibleName("Outline: exercises and doses")
        self._wrapper = RowWrapper(self.items)  # rows break into lines at the list's width
        self._shown: object = None  # what is drawn, to skip drawing the same again
        # The column scrolls as a whole when the text is large and the window small,
        # so its wrapped lines are never squeezed on top of each other.
        content = QWidget()
        content.setObjectName("outline-content")
        self._content = content
        self._scroll = scrolling(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._scroll)
        self.items.setMinimumHeight(self.items.fontMetrics().lineSpacing() * 5)
        layout = self._content_layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.addWidget(label("At the cursor", "muted"))
        layout.addWidget(self.hint)
        layout.addSpacing(8)
        layout.addWidget(label("Outline", "muted"))
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        layout.addWidget(self.stale)
        layout.addWidget(self.items, 1)
        self.show_hint("")

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # As narrow as the content allows (its longest word), and never narrower: the
        # column scrolls up and down only, so anything wider would be cut.
        hint = super().minimumSizeHint()
        content = self._content.minimumSizeHint().width() + self._scroll.verticalScrollBar().sizeHint().width()
        return QSize(max(content, self.fontMetrics().averageCharWidth() * MIN_COLUMNS), hint.height())

    def preferred_width(self) -> int:
        """Room for hints and outline rows of about :data:`PREFERRED_COLUMNS` characters."""
        return self.width_for(PREFERRED_COLUMNS)

    def width_for(self, columns: int) -> int:
        """The column's width for lines of ``columns`` average characters of the hint's font."""
        margins = self._content_layout.contentsMargins()
        scroll = self._scroll.verticalScrollBar().sizeHint().width()
        return self.hint.fontMetrics().averageCharWidth() * columns + margins.left() + margins.right() + scroll

    def readable_width(self) -> int:
        """Wide enough that every field name a hint lists (with its comma) stays whole on a
        line, and that the title and hint have lines of :data:`READABLE_COLUMNS` characters."""
        metrics = self.hint.fontMetrics()
        names = max(metrics.horizontalAdvance(name) for name in field_names())
        readable = max(
            widget.fontMetrics().averageCharWidth() * READABLE_COLUMNS for widget in (self.hint, self.title, self.facts)
        )
        margins = self._content_layout.contentsMargins()
        hint = self.hint.contentsMargins()
        scroll = self._scroll.verticalScrollBar().sizeHint().width()
        return max(names, readable) + hint.left() + hint.right() + margins.left() + margins.right() + scroll + 2

    def show_hint(self, text: str) -> None:
        """The hint for the field at the cursor; a field path too wide for the column may break."""
        self.hint.set_hint(text or "Put the cursor on a line to see what its field means.")

    def show_source(self, source: OutlineSource) -> None:
        shown = source.result
        self.stale.setText("Showing the last version without problems." if source.stale else "")
        self.stale.setVisible(source.stale)
        key = (shown.routine, shown.exercises, shown.protocol) if shown is not None else None
        if key == self._shown and self.items.count():
            return
        self._shown = key
        self.items.clear()
        if shown is None:
            self.title.setText("")
            self.facts.setText("Fix the problems to see the exercises and the total time." if source.checked else "")
            return
        if shown.routine is not None:
            self._show_routine(shown.routine)
        elif shown.exercises:
            self.title.setText("Exercise library")
            self.facts.setText(f"{len(shown.exercises)} exercises")
            for exercise in shown.exercises.values():
                self._add_row(f"{exercise.name}\n{exercise.dose.describe()} · {POSITION_WORDS[exercise.position]}")
        elif shown.protocol is not None:
            self.title.setText("Cramp-now protocol")
            self.facts.setText(f"Urgent warning after {shown.protocol.urgent_after_minutes:g} min")
            for plan in shown.protocol.locations:
                self._add_row(f"{plan.label}: {len(plan.steps)} steps")
        self._wrapper.rewrap()

    def _add_row(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem()
        set_item_text(item, text)
        self.items.addItem(item)
        return item

    def _show_routine(self, routine: Routine) -> None:
        timeline = compile_routine(routine)
        total = timeline.total_seconds
        count = len(routine.steps)
        self.title.setText(routine.title)
        estimate = " (an estimate: some reps go at the user's pace)" if timeline.has_untimed else ""
        self.facts.setText(
            f"{count} exercise{'s' if count != 1 else ''} · total {clock_text(total)} ({minutes_text(total)}){estimate}"
        )
        for index, (step, (seconds, _rest)) in enumerate(zip(routine.steps, timeline.step_times(), strict=True)):
            item = self._add_row(
                f"{index + 1}. {step.exercise.name}\n"
                f"{step.dose.describe()} · {POSITION_WORDS[step.exercise.position]} · {clock_text(seconds)}"
            )
            item.setToolTip(step.note or step.exercise.cue)
