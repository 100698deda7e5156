"""The diary's overview page: warnings met, the chart, the routine streak and plain-words insights.

It computes nothing: :meth:`OverviewPage.show_history` hands the tallies to
:mod:`cramp_coach.domain.insights` and shows what comes back. The whole page scrolls
only when the window is too small for it (the largest text sizes below 1920×1080).
The chart takes whatever height is left over; when the page scrolls it reaches down
to the fold (never less than its useful minimum), so its axis labels show with it.
When the legend and the period buttons do not fit side by side, the chart draws the
legend itself (a row less above it). When a warning leaves no room for the whole chart
above the fold even so, the period buttons go under the chart: first sight is the
warning and the chart's bars, not a row of buttons and a strip of chart. The streak and
the insights sit side by side only when the insights keep a readable line length;
otherwise the streak goes above them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cramp_coach.domain.diary import last_night, night_of
from cramp_coach.domain.insight_words import CAVEAT, FLAGS_NOTE, flags_as_of, insights
from cramp_coach.domain.insights import DiaryHistory, Streak, flags_met, routine_streak, week_start
from cramp_coach.domain.protocol import DiaryFlag
from cramp_coach.domain.report import ChartBar, known_weekly_bars
from cramp_coach.domain.wording import plural
from cramp_coach.ui.widgets.common import button, card, label
from cramp_coach.ui.widgets.cramp_chart import CrampChart

#: The chart's periods: (button text, weeks).
QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum"
RANGES = (("12 weeks", 12), ("6 months", 26), ("1 year", 52))
SUNDAY = 6  # date.weekday(): the last night of a Monday-to-Sunday week
#: The shortest line, in average characters, the insights may wrap at beside the streak.
READABLE_CHARS = 45
#: How many lines of what follows the chart stay in sight when the page scrolls.
PEEK_LINES = 3
NIGHT_NOTE = "A night runs from noon to noon: a cramp at 3 a.m. counts for the night before."


def chart_note(bars: Sequence[ChartBar], *, week_running: bool) -> str:
    """What the lighter bars mean, when the chart has any (``week_running``: the last week has not ended).

    Weeks with nothing recorded say so on the chart itself, and the first insight
    sentence explains them, so no note repeats it here.
    """
    if bars and bars[-1].partial and week_running and not any(bar.partial for bar in bars[:-1]):
        return "This week so far is drawn lighter."
    if any(bar.partial for bar in bars):
        return "Lighter bars: weeks the diary covers only in part."
    return ""


class OverviewPage(QScrollArea):
    """Warnings, chart, streak and insights.

    Attributes:
        weeks: the chart's period in weeks (one of :data:`RANGES`).
        chart: the cramps-per-week chart (its ``bars`` are the data drawn).
        flags_card, flag_as_of, flag_lines: the warnings met (hidden when none is), and up to which night.
        streak_number, streak_text, streak_best: the routine streak.
        insight_lines, caveat: the sentences and the caveat under them.
        range_buttons: weeks → its button.

    Signals:
        range_changed(int): the user chose another period (weeks).
    """

    range_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diary-overview")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.weeks = RANGES[0][1]

        self.flags_card = card()
        self.flags_card.setProperty("tone", "warning")
        flags_layout = QVBoxLayout(self.flags_card)
        flags_layout.setContentsMargins(22, 14, 22, 14)
        self.flag_as_of = label("", "notice")
        self.flag_as_of.setVisible(False)
        self.flag_lines = label("", "warning")
        flags_layout.addWidget(self.flag_as_of)
        flags_layout.addWidget(self.flag_lines)
        flags_layout.addWidget(label(FLAGS_NOTE, "notice"))
        self.flags_card.setVisible(False)

        # The legend in words as big as the rest, and the range buttons: side by side when
        # they fit, the buttons under the legend when not (see :meth:`resizeEvent`).
        legend = QHBoxLayout()
        legend.setContentsMargins(0, 0, 0, 0)
        legend.setSpacing(8)
        for role, text in (("legend-cramps", "Cramps per week"), ("legend-routines", "Routine nights per week")):
            legend.addWidget(label("■", role, wrap=False))
            legend.addWidget(label(text, wrap=False))
            legend.addSpacing(14)
        legend.addStretch(1)
        self.legend = QWidget()
        self.legend.setLayout(legend)
        self.range_buttons: dict[int, QPushButton] = {}
        ranges = QHBoxLayout()
        ranges.setContentsMargins(0, 0, 0, 0)
        ranges.setSpacing(8)
        for text, weeks in RANGES:
            widget = button(text, "range", accessible=f"Show the last {text}")
            widget.setCheckable(True)
            widget.setChecked(weeks == self.weeks)
            self.range_buttons[weeks] = widget
            widget.clicked.connect(lambda _checked=False, w=weeks: self._on_range_clicked(w))
            ranges.addWidget(widget)
        ranges.addStretch(1)
        self.ranges = QWidget()
        self.ranges.setLayout(ranges)
        self.controls = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.controls.setSpacing(8)
        self.controls.addWidget(self.legend, 1)
        self.controls.addWidget(self.ranges)
        # It asks for its useful minimum only; :meth:`_fit_chart` gives it the rest.
        self.chart = CrampChart(legend=False)
        self.chart_note = label("", "notice")
        self.chart_note.setVisible(False)

        self.streak_card = card()
        streak_layout = self._streak_layout = QVBoxLayout(self.streak_card)
        streak_layout.setContentsMargins(22, 14, 22, 14)
        streak_layout.setSpacing(2)
        self.streak_number = label("0", "streak", wrap=False)
        # Short lines that are never wrapped: the card takes their width (:meth:`_arrange_summary`).
        self.streak_text = label("routine nights in a row", "muted", wrap=False)
        self.streak_best = label("", "muted", wrap=False)
        streak_layout.addWidget(self.streak_number)
        streak_layout.addWidget(self.streak_text)
        streak_layout.addWidget(self.streak_best)
        streak_layout.addStretch(1)

        self.insight_card = card()
        insight_layout = self._insight_layout = QVBoxLayout(self.insight_card)
        insight_layout.setContentsMargins(22, 14, 22, 14)
        insight_layout.setSpacing(8)
        self.insight_lines = label("")
        self.insight_lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caveat = label(f"{CAVEAT} {NIGHT_NOTE}", "notice")
        insight_layout.addWidget(self.insight_lines)
        insight_layout.addWidget(self.caveat)
        insight_layout.addStretch(1)
        summary = self.summary = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        summary.setSpacing(16)
        summary.addWidget(self.streak_card)
        summary.addWidget(self.insight_card, 1)

        body = QWidget()
        body.setObjectName("diary-overview-body")
        layout = self._body_layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.flags_card)
        layout.addLayout(self.controls)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.chart_note)
        layout.addLayout(summary)
        # Without the chart (no diary) the extra room goes here, not into a card: no empty boxes.
        layout.addStretch(0)
        self.setWidget(body)

    def put_on_top(self, widget: QWidget) -> None:
        """Show ``widget`` above everything else on the page (it scrolls with the page)."""
        self._body_layout.insertWidget(0, widget)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # The viewport, not the page: it narrows when the scroll bar appears.
        if event.type() == QEvent.Type.Resize:
            self._arrange()
        return super().viewportEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        """Lay the rows out for the viewport's width, then size the chart for its height."""
        room = self.viewport().width()
        self._arrange_controls(room)
        self._arrange_summary(room)
        self._fit_chart()

    def _arrange_controls(self, room: int) -> None:
        # The legend and the period buttons side by side when they fit; else the chart draws
        # the legend (in a line of its own text) and the buttons have the row to themselves.
        wide = self.legend.sizeHint().width() + self.ranges.sizeHint().width() + self.controls.spacing() <= room
        figures = self.chart.isVisibleTo(self)
        self.legend.setVisible(figures and wide)
        self.chart.set_legend(not wide)

    def _place_controls(self, below: bool) -> None:
        """The period buttons (and the legend) above the chart, or under it."""
        layout = self._body_layout
        chart = layout.indexOf(self.chart)
        at = layout.indexOf(self.controls)
        if (at > chart) == below:
            return
        layout.takeAt(at)
        chart = layout.indexOf(self.chart)
        layout.insertLayout(chart + 1 if below else chart, self.controls)

    def _arrange_summary(self, room: int) -> None:
        # Side by side only when the insights keep a readable line beside the streak's natural width.
        streak = self.streak_card.sizeHint().width()  # its lines unwrapped, with the card's margins
        inner = self._insight_layout.contentsMargins()
        readable = READABLE_CHARS * self.insight_lines.fontMetrics().averageCharWidth() + inner.left() + inner.right()
        beside = streak + self.summary.spacing() + readable <= room
        if beside:
            self.streak_card.setFixedWidth(streak)
        else:
            self.streak_card.setMinimumWidth(0)
            self.streak_card.setMaximumWidth(QWIDGETSIZE_MAX)
        direction = QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        if self.summary.direction() != direction:
            self.summary.setDirection(direction)

    def _fit_chart(self) -> None:
        """The chart's height: its useful minimum, or down to the fold when the page scrolls.

        When everything fits, the chart's stretch gives it the room left over. When the page
        must scroll anyway, a chart at its minimum could end just past the fold with its
        labels out of sight; reaching down to just above the fold shows it whole on first
        sight, with the top of the streak and the insights below it. When even its minimum
        does not fit above the fold after the warning and the period buttons, the buttons
        go under it: the chart then starts right after the warning, most of it in sight.
        Computed from the layout's own hints, which do not depend on the chart's height or
        on where the buttons are, so setting it settles at once.
        """
        useful = self.chart.minimumSizeHint().height()
        if not self.chart.isVisibleTo(self):
            self._place_controls(below=False)
            return
        layout = self._body_layout
        width = self.viewport().width()
        fold = self.viewport().height()
        chart_at = layout.indexOf(self.chart)
        above = below = controls = 0  # the period buttons (and legend) may go either side
        for index in range(layout.count()):
            item = layout.itemAt(index)
            if item is None or index == chart_at or item.isEmpty():
                continue
            height = item.heightForWidth(width) if item.hasHeightForWidth() else item.sizeHint().height()
            height += layout.spacing()
            if item.layout() is self.controls:
                controls = height
            elif index < chart_at:
                above += height
            else:
                below += height
        scrolls = above + controls + useful + below > fold
        # The buttons above the chart when it fits whole above the fold with them (or nothing
        # scrolls); else under it, so the chart's bars come straight after the warning.
        under = scrolls and above + controls + useful > fold
        self._place_controls(below=under)
        if not under:
            above += controls
        # Leave the top of what follows in sight, so it is plain that the page goes on.
        peek = PEEK_LINES * self.fontMetrics().height()
        target = max(useful, fold - above - peek) if scrolls else useful
        self.chart.setMinimumHeight(target)
        self.chart.setMaximumHeight(target if scrolls else QWIDGETSIZE_MAX)

    # -- showing -----------------------------------------------------------------------------

    def show_history(self, history: DiaryHistory, now: datetime, flags: Sequence[DiaryFlag]) -> None:
        """Summarise ``history`` as seen at ``now``: streak, insights, warnings met and the chart."""
        self._show_streak(routine_streak(history, night_of(now)))
        self.insight_lines.setText("\n".join(f"•  {line}" for line in insights(history, last_night(now))))
        met = flags_met(history, flags, last_night(now))
        self.flag_lines.setText("\n\n".join(flag.message for flag in met))
        self.flag_as_of.setText(flags_as_of(history, last_night(now)))
        self.flag_as_of.setVisible(bool(self.flag_as_of.text()))
        self.flags_card.setVisible(bool(met))
        self._show_figures(True)
        self.show_chart(history, now)

    def show_nothing(self, reason: str) -> None:
        """No diary: ``reason`` where the insights go, or nothing at all when ``reason`` is empty.

        (A damaged diary's card above already says everything: the page adds nothing to it.)
        """
        self.insight_lines.setText(reason)
        self.streak_number.setText("–")
        self.streak_best.setText("")
        self.flags_card.setVisible(False)
        self.chart.set_bars([])
        self._show_figures(False)
        self.insight_card.setVisible(bool(reason))

    def _show_figures(self, shown: bool) -> None:
        # Without a diary there is nothing to chart: an empty chart would read as "no cramps",
        # and the caveat about figures would speak of none.
        for widget in (self.legend, self.ranges, self.chart, self.streak_card, self.caveat):
            widget.setVisible(shown)
        self.insight_card.setVisible(True)
        if not shown:
            self.chart_note.setVisible(False)
        self._arrange()

    def show_chart(self, history: DiaryHistory, now: datetime) -> None:
        first, last = self.chart_period(now)
        bars = known_weekly_bars(history, first, last)
        self.chart.set_bars(bars)
        self.chart_note.setText(chart_note(bars, week_running=last.weekday() != SUNDAY))
        self.chart_note.setVisible(bool(self.chart_note.text()))
        self._fit_chart()

    def chart_period(self, now: datetime) -> tuple[date, date]:
        tonight = night_of(now)
        return week_start(tonight) - timedelta(weeks=self.weeks - 1), tonight

    def set_range(self, weeks: int) -> None:
        """Chart ``weeks`` weeks from now on (the caller redraws with :meth:`show_chart`)."""
        self.weeks = weeks
        # Checked by hand, not by an exclusive QButtonGroup: Qt would then let Tab reach only
        # the checked button (arrow keys for the rest), which a keyboard user may not know.
        for each, widget in self.range_buttons.items():
            widget.setChecked(each == weeks)

    def set_enabled(self, has_diary: bool) -> None:
        for widget in self.range_buttons.values():
            widget.setEnabled(has_diary)

    def _on_range_clicked(self, weeks: int) -> None:
        self.set_range(weeks)
        self.range_changed.emit(weeks)

    def _show_streak(self, streak: Streak) -> None:
        self.streak_number.setText(str(streak.current))
        self.streak_text.setText("routine night in a row" if streak.current == 1 else "routine nights in a row")
        self.streak_best.setText(
            f"Longest: {plural(streak.longest, 'night')}" if streak.longest > streak.current else ""
        )
        self.streak_card.setAccessibleName(
            f"Routine streak: {plural(streak.current, 'night')} in a row; longest {plural(streak.longest, 'night')}"
        )
