"""The diary: is the routine helping? Chart, streak, honest insights, warnings, and every entry.

From the top: any frequency warning the diary meets (thresholds from the Cramp-now
protocol's ``diary_flags``), the routine streak and plain-words insights, the chart of
cramps per week with routine nights beside them (12 weeks, 6 months or a year), then
every cramp and routine newest first, loaded a page at a time as the list scrolls.
**Log a cramp** adds one afterwards; Edit changes one; Delete asks first and can be
undone for a few seconds from the bar that appears. **Export** writes the doctor report
(PDF, for the period the chart shows) or a CSV, and imports a CSV from another computer.

The screen computes nothing itself: the store answers the queries and
:mod:`cramp_coach.domain.insights` the summaries; dialogs and file pickers are
injectable so tests drive them without modal windows. With no diary (it could not be
opened) the screen still opens and says why.

Keys: Esc back to Home; Enter edits the chosen entry; Delete deletes it; Ctrl+Z undoes
a deletion while its bar is showing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cramp_coach.domain.clock import SystemWallClock, WallClock
from cramp_coach.domain.diary import CrampEpisode, Leg, RoutineSession, SessionStatus, last_night, night_of
from cramp_coach.domain.insights import (
    CAVEAT,
    DiaryHistory,
    Streak,
    flags_met,
    insights,
    report_period,
    routine_streak,
    week_start,
    weekly,
)
from cramp_coach.domain.protocol import CrampLocation, DiaryFlag
from cramp_coach.domain.wording import LEG_WORDS, LOCATION_WORDS, day_text, duration_text
from cramp_coach.storage.database import StorageError
from cramp_coach.storage.diary_store import DeletedEntry, DiaryStore, Entry
from cramp_coach.ui.dialogs.episode_dialog import EpisodeAnswers
from cramp_coach.ui.widgets.common import button, card, label, restyle
from cramp_coach.ui.widgets.cramp_chart import CrampChart, bars_from

log = logging.getLogger(__name__)

STATUS_WORDS = {
    SessionStatus.COMPLETED: "finished",
    SessionStatus.STOPPED: "stopped early",
    SessionStatus.INTERRUPTED: "interrupted",
    SessionStatus.IN_PROGRESS: "in progress",
}
#: The chart's periods: (button text, weeks).
RANGES = (("12 weeks", 12), ("6 months", 26), ("1 year", 52))
#: Entries loaded at a time; more load as the list is scrolled to its end.
PAGE = 100
NIGHT_NOTE = "A night runs from noon to noon: a cramp at 3 a.m. counts for the night before."
#: How long a deletion can be undone.
UNDO_MS = 8000

AskEpisode = Callable[[datetime, CrampEpisode | None], EpisodeAnswers | None]
Confirm = Callable[[str, str], bool]
ChooseFile = Callable[[str, str, str, bool], Path | None]  # title, suggested name, filter, saving


def _when(moment: datetime, now: datetime) -> str:
    local = moment.astimezone()
    year = "" if local.year == now.astimezone().year else f" {local.year}"
    return f"{local:%a} {day_text(local.date())}{year}, {local:%H:%M}"


def session_line(session: RoutineSession) -> str:
    """``Evening stretch: stopped early (7 of 18 steps), 1 min 36 s``."""
    status = STATUS_WORDS[session.status]
    progress = (
        "" if session.status is SessionStatus.COMPLETED else f" ({session.phases_done} of {session.phases_total} steps)"
    )
    return f"{session.routine_title}: {status}{progress}, {duration_text(session.seconds_done)}"


def episode_line(episode: CrampEpisode, words: Mapping[CrampLocation, str] = LOCATION_WORDS) -> str:
    """``Calf, left leg · pain 7/10 · 2 min 10 s · “woke me up”``."""
    place = []
    if episode.location is not None:
        place.append(words[episode.location])
    if episode.leg is not None:
        leg = f"{LEG_WORDS[episode.leg]} leg{'s' if episode.leg is Leg.BOTH else ''}"
        place.append(leg.lower() if place else leg)
    parts = [", ".join(place)] if place else []
    if episode.pain is not None:
        parts.append(f"pain {episode.pain}/10")
    if episode.duration_seconds is not None:
        parts.append(duration_text(episode.duration_seconds))
    if episode.note:
        parts.append(f"“{episode.note}”")
    if not episode.logged and episode.leg is None and episode.location is None and episode.pain is None:
        parts.append("details not logged")
    elif not parts:
        parts.append("no details")
    return " · ".join(parts)


def entry_text(entry: Entry, now: datetime, words: Mapping[CrampLocation, str] = LOCATION_WORDS) -> str:
    """Two lines for the list: what and when, then the details."""
    if isinstance(entry, CrampEpisode):
        return f"Cramp · {_when(entry.started_at, now)}\n{episode_line(entry, words)}"
    return f"Routine · {_when(entry.started_at, now)}\n{session_line(entry)}"


def _entry_name(entry: Entry, now: datetime) -> str:
    kind = "cramp" if isinstance(entry, CrampEpisode) else "routine"
    return f"the {kind} of {_when(entry.started_at, now)}"


class DiaryScreen(QWidget):
    """The diary screen.

    Attributes:
        chart: the cramps-per-week chart (its ``bars`` are the data drawn).
        entries: the list of cramps and routines, newest first (each item's
            ``Qt.UserRole`` data is its :class:`CrampEpisode` or :class:`RoutineSession`).
        streak_number, streak_text, insight_lines, flags_card, flag_lines: the summary.
        undo_bar, undo_timer: shown for :data:`UNDO_MS` after a deletion.
        notice: a line saying what the last export or import did (or why it failed).

    Signals:
        back_requested(): Esc or "← Home".
        changed(): an entry was added, edited, deleted, restored or imported.
    """

    back_requested = Signal()
    changed = Signal()

    def __init__(
        self,
        diary: DiaryStore | None,
        *,
        problem: str = "",
        parent: QWidget | None = None,
        wall_clock: WallClock | None = None,
        flags: Sequence[DiaryFlag] = (),
        location_labels: Mapping[CrampLocation, str] | None = None,
        ask_episode: AskEpisode | None = None,
        confirm: Confirm | None = None,
        choose_file: ChooseFile | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("diary")
        self._diary = diary
        self._problem = problem
        self._wall_clock: WallClock = wall_clock if wall_clock is not None else SystemWallClock()
        self._flags = tuple(flags)
        self._words = {**LOCATION_WORDS, **(location_labels or {})}
        self._ask_episode = ask_episode or self._ask_episode_dialog
        self._confirm = confirm or self._confirm_box
        self._choose_file = choose_file or self._file_dialog
        self._history = DiaryHistory([])
        self._loaded = 0
        self._total = 0
        self._deleted: DeletedEntry | None = None
        self.weeks = RANGES[0][1]

        # -- top row
        self.log_button = button("Log a cramp", "primary", accessible="Log a cramp you had earlier")
        self.log_button.setToolTip("Add a cramp you had, for example last night")
        self.log_button.setProperty("compact", True)  # body-size text: the title row must fit a laptop
        self.log_button.clicked.connect(self.log_cramp)
        self.export_button = button("Export ▾", "quiet", accessible="Export: doctor report, CSV, or import")
        menu = QMenu(self.export_button)
        self.report_action = menu.addAction("Doctor report (PDF)…", self.export_report)
        self.csv_action = menu.addAction("Spreadsheet (CSV)…", self.export_csv)
        menu.addSeparator()
        self.import_action = menu.addAction("Import a CSV from another computer…", self.import_csv)
        self.export_button.setMenu(menu)
        self.back_button = button("← Home", "quiet", accessible="Back to the home screen")
        self.back_button.clicked.connect(self.back_requested)
        # Two pages, so each has room for large text: the overview, and every entry.
        self.page_group = QButtonGroup(self)
        self.overview_button = button("Overview", "range", accessible="Show the overview: chart, streak, insights")
        self.entries_button = button("Entries", "range", accessible="Show every cramp and routine, to edit or delete")
        for widget in (self.overview_button, self.entries_button):
            widget.setCheckable(True)
            self.page_group.addButton(widget)
        self.overview_button.setChecked(True)
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(label("Diary", "title"))
        top.addSpacing(16)
        top.addWidget(self.overview_button)
        top.addWidget(self.entries_button)
        top.addStretch(1)
        top.addWidget(self.log_button)
        top.addWidget(self.export_button)
        top.addWidget(self.back_button)

        self.problem = label(problem, "warning")
        self.notice = label("", "notice")
        self.notice.setVisible(False)

        # -- warnings
        self.flags_card = card()
        self.flags_card.setProperty("tone", "warning")
        flags_layout = QVBoxLayout(self.flags_card)
        flags_layout.setContentsMargins(22, 14, 22, 14)
        self.flag_lines = label("", "warning")
        flags_layout.addWidget(self.flag_lines)
        flags_layout.addWidget(label("From your own entries: a reason to talk to a doctor, not a diagnosis.", "notice"))
        self.flags_card.setVisible(False)

        # -- streak and insights
        self.streak_card = card()
        streak_layout = QVBoxLayout(self.streak_card)
        streak_layout.setContentsMargins(22, 14, 22, 14)
        streak_layout.setSpacing(2)
        self.streak_number = label("0", "streak", wrap=False)
        self.streak_text = label("routine nights in a row", "muted")
        self.streak_best = label("", "muted")
        streak_layout.addWidget(self.streak_number)
        streak_layout.addWidget(self.streak_text)
        streak_layout.addWidget(self.streak_best)
        streak_layout.addStretch(1)
        self.streak_card.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.streak_card.setMinimumWidth(200)

        self.insight_card = card()
        insight_layout = QVBoxLayout(self.insight_card)
        insight_layout.setContentsMargins(22, 14, 22, 14)
        insight_layout.setSpacing(8)
        self.insight_lines = label("")
        self.insight_lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caveat = label(f"{CAVEAT} {NIGHT_NOTE}", "notice")
        insight_text = QWidget()
        insight_text_layout = QVBoxLayout(insight_text)
        insight_text_layout.setContentsMargins(0, 0, 0, 0)
        insight_text_layout.setSpacing(8)
        insight_text_layout.addWidget(self.insight_lines)
        insight_text_layout.addWidget(self.caveat)
        insight_text_layout.addStretch(1)
        # In a small window the words scroll rather than being squashed under the chart.
        self.insight_scroll = QScrollArea()
        self.insight_scroll.setWidgetResizable(True)
        self.insight_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.insight_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.insight_scroll.setWidget(insight_text)
        self.insight_scroll.setStyleSheet("background: transparent;")
        insight_layout.addWidget(self.insight_scroll)
        summary_row = QHBoxLayout()
        summary_row.setSpacing(16)
        summary_row.addWidget(self.streak_card)
        summary_row.addWidget(self.insight_card, 1)

        # -- chart
        self.range_group = QButtonGroup(self)
        self.range_buttons: dict[int, QPushButton] = {}
        range_row = QHBoxLayout()
        range_row.setSpacing(8)
        # The chart's legend, in words as big as the rest, beside the range buttons.
        for role, text in (("legend-cramps", "Cramps per week"), ("legend-routines", "Routine nights per week")):
            range_row.addWidget(label("■", role, wrap=False))
            range_row.addWidget(label(text, wrap=False))
            range_row.addSpacing(14)
        range_row.addStretch(1)
        for text, weeks in RANGES:
            widget = button(text, "range", accessible=f"Show the last {text}")
            widget.setCheckable(True)
            widget.setChecked(weeks == self.weeks)
            self.range_group.addButton(widget)
            self.range_buttons[weeks] = widget
            widget.clicked.connect(lambda _checked=False, w=weeks: self.set_range(w))
            range_row.addWidget(widget)
        self.chart = CrampChart(legend=False)
        self.chart.setMinimumHeight(160)
        self.chart_note = label("", "notice")

        # -- entries
        self.entries = QListWidget()
        self.entries.setObjectName("diary-entries")
        self.entries.setAccessibleName("Cramps and routines, newest first")
        self.entries.setWordWrap(True)
        self.entries.setMinimumHeight(140)
        self.entries.currentItemChanged.connect(self._on_entries_current_item_changed)
        self.entries.itemActivated.connect(self._on_entries_item_activated)
        self.entries.verticalScrollBar().valueChanged.connect(self._on_entries_scrolled)
        self.edit_button = button("Edit…", "quiet", accessible="Edit the chosen cramp")
        self.delete_button = button("Delete…", "quiet", accessible="Delete the chosen entry")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.entries_count = label("", "muted", wrap=False)
        list_row = QHBoxLayout()
        list_row.addWidget(label("Every cramp and routine", "heading", wrap=False))
        list_row.addWidget(self.entries_count)
        list_row.addStretch(1)
        list_row.addWidget(self.edit_button)
        list_row.addWidget(self.delete_button)

        # -- undo
        self.undo_bar = card()
        self.undo_bar.setObjectName("undo-bar")
        undo_layout = QHBoxLayout(self.undo_bar)
        undo_layout.setContentsMargins(22, 6, 10, 6)
        self.undo_text = label("")
        self.undo_button = button("Undo", "primary", accessible="Undo the deletion (Ctrl+Z)")
        self.undo_button.setProperty("compact", True)
        self.undo_button.clicked.connect(self.undo_delete)
        undo_layout.addWidget(self.undo_text, 1)
        undo_layout.addWidget(self.undo_button)
        self.undo_bar.setVisible(False)
        self.undo_timer = QTimer(self)
        self.undo_timer.setSingleShot(True)
        self.undo_timer.setInterval(UNDO_MS)
        self.undo_timer.timeout.connect(self._on_undo_timer_timeout)

        self.overview_page = QWidget()
        overview = QVBoxLayout(self.overview_page)
        overview.setContentsMargins(0, 0, 0, 0)
        overview.setSpacing(12)
        overview.addWidget(self.flags_card)
        overview.addLayout(range_row)
        overview.addWidget(self.chart, 1)
        overview.addWidget(self.chart_note)
        overview.addLayout(summary_row, 1)

        self.entries_page = QWidget()
        entries = QVBoxLayout(self.entries_page)
        entries.setContentsMargins(0, 0, 0, 0)
        entries.setSpacing(12)
        entries.addLayout(list_row)
        entries.addWidget(self.entries, 1)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.overview_page)
        self.pages.addWidget(self.entries_page)
        self.overview_button.clicked.connect(lambda: self.show_page(self.overview_page))
        self.entries_button.clicked.connect(lambda: self.show_page(self.entries_page))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 22, 36, 18)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self.problem)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.notice)
        # Only now, with a parent: a parentless widget made visible becomes a window of its own.
        self.problem.setVisible(bool(problem))
        self._set_enabled()

    # -- pages -----------------------------------------------------------------------------

    def show_page(self, page: QWidget) -> None:
        """Show the overview or the entries page."""
        self.pages.setCurrentWidget(page)
        (self.overview_button if page is self.overview_page else self.entries_button).setChecked(True)
        if page is self.entries_page and self.entries.currentRow() < 0 and self.selected is None:
            self.entries.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- reading ---------------------------------------------------------------------------

    @property
    def sessions(self) -> QListWidget:
        """The entries list (its old name, from when routines had a list of their own)."""
        return self.entries

    def refresh(self) -> None:
        """Re-read the diary: summary, chart and the first page of entries."""
        if self._diary is None:
            self._show_without_diary()
            return
        try:
            self._history = DiaryHistory(self._diary.night_tallies())
            self._total = self._diary.entry_count()
            first_page = self._diary.entries(PAGE)
        except StorageError as error:
            log.warning("diary unreadable: %s", error)
            self._show_problem(str(error))
            return
        self._show_problem(self._problem)
        now = self._wall_clock.now()
        self._render_summary(now)
        self._render_chart(now)
        self.entries.clear()
        self._loaded = 0
        self._append(first_page, now)
        self.entries_count.setText(f"({self._total})")
        self.entries_button.setText(f"Entries ({self._total})")
        if self.entries.count() == 0:
            empty = QListWidgetItem(
                "Nothing yet. Cramps from Cramp now, your routines, and cramps you log here appear in this list."
            )
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.entries.addItem(empty)
        self._set_enabled()

    def _show_without_diary(self) -> None:
        self._history = DiaryHistory([])
        self._show_problem(self._problem or "The diary could not be opened, so there is nothing to show.")
        self.insight_lines.setText(
            "Cramp now and the routines still work; they just can't be recorded until the diary opens."
        )
        self.streak_number.setText("–")
        self.streak_best.setText("")
        self.flags_card.setVisible(False)
        self.chart.set_bars([])
        self.entries.clear()
        self._set_enabled()

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _render_summary(self, now: datetime) -> None:
        history = self._history
        streak = routine_streak(history, night_of(now))
        self._render_streak(streak)
        self.insight_lines.setText("\n".join(f"•  {line}" for line in insights(history, last_night(now))))
        met = flags_met(history, self._flags, last_night(now))
        self.flag_lines.setText("\n\n".join(flag.message for flag in met))
        self.flags_card.setVisible(bool(met))

    def _render_streak(self, streak: Streak) -> None:
        self.streak_number.setText(str(streak.current))
        self.streak_text.setText("routine night in a row" if streak.current == 1 else "routine nights in a row")
        self.streak_best.setText(f"Longest: {streak.longest}" if streak.longest > streak.current else "")
        self.streak_card.setAccessibleName(
            f"Routine streak: {streak.current} nights in a row; longest {streak.longest}"
        )

    def _chart_period(self, now: datetime) -> tuple[date, date]:
        tonight = night_of(now)
        return week_start(tonight) - timedelta(weeks=self.weeks - 1), tonight

    def _render_chart(self, now: datetime) -> None:
        first, last = self._chart_period(now)
        bars = bars_from(weekly(self._history, first, last))
        self.chart.set_bars(bars)
        partial = bool(bars) and bars[-1].partial
        self.chart_note.setText("This week so far is drawn lighter." if partial else "")
        self.chart_note.setVisible(partial)

    def set_range(self, weeks: int) -> None:
        """Chart the last ``weeks`` weeks (one of :data:`RANGES`); the report covers the same period."""
        self.weeks = weeks
        self.range_buttons[weeks].setChecked(True)
        self._render_chart(self._wall_clock.now())

    def _append(self, entries: Sequence[Entry], now: datetime) -> None:
        for entry in entries:
            item = QListWidgetItem(entry_text(entry, now, self._words))
            item.setData(Qt.ItemDataRole.UserRole, entry)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, item.text().replace("\n", ". "))
            self.entries.addItem(item)
        self._loaded += len(entries)

    def load_more(self) -> None:
        """Append the next page of older entries, if any."""
        if self._diary is None or self._loaded >= self._total:
            return
        try:
            page = self._diary.entries(PAGE, self._loaded)
        except StorageError as error:
            self._show_problem(str(error))
            return
        self._append(page, self._wall_clock.now())

    def _on_entries_scrolled(self, value: int) -> None:
        if value >= self.entries.verticalScrollBar().maximum() - 2:
            self.load_more()

    # -- choosing ----------------------------------------------------------------------------

    @property
    def selected(self) -> Entry | None:
        item = self.entries.currentItem()
        entry = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        return entry if isinstance(entry, CrampEpisode | RoutineSession) else None

    def select(self, row: int) -> None:
        self.entries.setCurrentRow(row)

    def _on_entries_current_item_changed(self, *_: object) -> None:
        self._set_enabled()

    def _on_entries_item_activated(self, *_: object) -> None:
        self.edit_selected()

    def _set_enabled(self) -> None:
        has_diary = self._diary is not None
        entry = self.selected
        self.log_button.setEnabled(has_diary)
        self.export_button.setEnabled(has_diary)
        self.edit_button.setEnabled(isinstance(entry, CrampEpisode))
        self.edit_button.setToolTip(
            "Routines are recorded by the player; they can be deleted but not edited."
            if isinstance(entry, RoutineSession)
            else ""
        )
        self.delete_button.setEnabled(entry is not None)
        for widget in self.range_buttons.values():
            widget.setEnabled(has_diary)

    # -- changing ----------------------------------------------------------------------------

    def log_cramp(self) -> None:
        """Ask for a cramp's details and add it."""
        if self._diary is None:
            return
        answers = self._ask_episode(self._wall_clock.now(), None)
        if answers is None:
            return
        diary = self._diary
        self._write(
            lambda: diary.add_episode(
                answers.started_at,
                leg=answers.leg,
                location=answers.location,
                pain=answers.pain,
                duration_seconds=answers.duration_seconds,
                note=answers.note,
            ),
            f"Saved the cramp of {_when(answers.started_at, self._wall_clock.now())}.",
        )

    def edit_selected(self) -> None:
        """Edit the chosen cramp (routines are not editable)."""
        entry = self.selected
        if self._diary is None or not isinstance(entry, CrampEpisode) or entry.id is None:
            return
        answers = self._ask_episode(self._wall_clock.now(), entry)
        if answers is None:
            return
        diary, episode_id = self._diary, entry.id
        self._write(
            lambda: diary.update_episode(
                episode_id,
                started_at=answers.started_at,
                leg=answers.leg,
                location=answers.location,
                pain=answers.pain,
                duration_seconds=answers.duration_seconds,
                note=answers.note,
            ),
            "Saved your changes.",
        )

    def delete_selected(self) -> None:
        """Delete the chosen entry after asking; it can be undone for a few seconds."""
        entry = self.selected
        if self._diary is None or entry is None or entry.id is None:
            return
        name = _entry_name(entry, self._wall_clock.now())
        if not self._confirm("Delete this entry?", f"Delete {name} from the diary? You can undo it for a few seconds."):
            return
        diary, entry_id = self._diary, entry.id
        row = self.entries.currentRow()
        deleted: list[DeletedEntry] = []

        def delete() -> None:
            if isinstance(entry, CrampEpisode):
                deleted.append(diary.delete_episode(entry_id))
            else:
                deleted.append(diary.delete_session(entry_id))

        if self._write(delete, ""):
            self._deleted = deleted[0]
            self.undo_text.setText(f"Deleted {name}.")
            self.undo_bar.setVisible(True)
            self.undo_timer.start()
            self.entries.setCurrentRow(min(row, self.entries.count() - 1))

    def undo_delete(self) -> None:
        """Put the last deleted entry back (while the undo bar shows)."""
        if self._diary is None or self._deleted is None:
            return
        diary, deleted = self._diary, self._deleted
        self._finish_undo()
        self._write(lambda: diary.restore(deleted), "Put it back.")

    def _on_undo_timer_timeout(self) -> None:
        self._finish_undo()

    def _finish_undo(self) -> None:
        self.undo_timer.stop()
        self._deleted = None
        self.undo_bar.setVisible(False)

    def _write(self, action: Callable[[], object], done: str) -> bool:
        try:
            action()
        except StorageError as error:
            log.warning("diary write failed: %s", error)
            self._say(str(error), warning=True)
            return False
        self.refresh()
        if done:
            self._say(done)
        self.changed.emit()
        return True

    def _say(self, text: str, *, warning: bool = False) -> None:
        self.notice.setText(text)
        self.notice.setProperty("role", "warning" if warning else "notice")
        restyle(self.notice)
        self.notice.setVisible(bool(text))

    # -- export and import -------------------------------------------------------------------

    def report_period(self) -> tuple[date, date]:
        """The report's nights: the chart's period, ending last night."""
        now = self._wall_clock.now()
        return report_period(now, self.weeks)

    def export_report(self) -> None:
        if self._diary is None:
            return
        first, last = self.report_period()
        path = self._choose_file(
            "Save the doctor report", f"cramp-diary-{last.isoformat()}.pdf", "PDF files (*.pdf)", True
        )
        if path is None:
            return
        from cramp_coach.ui.printing.report import gather, write_report  # only when asked: a heavier module

        try:
            data = gather(
                self._diary, first, last, self._flags, now=self._wall_clock.now(), location_labels=self._words
            )
            pages = write_report(path, data)
        except (StorageError, OSError) as error:
            self._say(f"The report could not be saved: {error}", warning=True)
            return
        self._say(f"Saved the doctor report ({pages} page{'s' if pages != 1 else ''}) to {path}.")

    def export_csv(self) -> None:
        if self._diary is None:
            return
        from cramp_coach.storage.diary_csv import export_csv

        now = self._wall_clock.now()
        path = self._choose_file(
            "Save the diary as CSV", f"cramp-diary-{now.astimezone():%Y-%m-%d}.csv", "CSV files (*.csv)", True
        )
        if path is None:
            return
        try:
            rows = export_csv(self._diary, path)
        except (StorageError, OSError) as error:
            self._say(f"The CSV could not be saved: {error}", warning=True)
            return
        self._say(f"Saved {rows} entries to {path}.")

    def import_csv(self) -> None:
        if self._diary is None:
            return
        from cramp_coach.storage.diary_csv import CsvFileError, import_csv

        path = self._choose_file("Import a diary CSV", "", "CSV files (*.csv);;All files (*)", False)
        if path is None:
            return
        try:
            result = import_csv(self._diary, path)
        except CsvFileError as error:
            self._say(str(error), warning=True)
            return
        except StorageError as error:
            self._say(str(error), warning=True)
            return
        self.refresh()
        self.changed.emit()
        self._say(
            f"Imported {result.episodes_added} cramps and {result.sessions_added} routines; "
            f"{result.already_there} were already in the diary."
        )

    # -- default dialogs (tests inject their own) ----------------------------------------------

    def _ask_episode_dialog(self, now: datetime, episode: CrampEpisode | None) -> EpisodeAnswers | None:
        from cramp_coach.ui.dialogs.episode_dialog import ask_episode

        return ask_episode(now, episode, self._words, self.window())

    def _confirm_box(self, title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self.window())
        delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep it", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is delete

    def _file_dialog(self, title: str, suggested: str, filters: str, saving: bool) -> Path | None:
        start = str(Path.home() / suggested) if suggested else str(Path.home())
        if saving:
            name, _ = QFileDialog.getSaveFileName(self.window(), title, start, filters)
        else:
            name, _ = QFileDialog.getOpenFileName(self.window(), title, start, filters)
        return Path(name) if name else None

    # -- Qt ----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh()
        self.log_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        self._finish_undo()  # leaving makes a deletion final
        super().hideEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.back_requested.emit()
            return
        if event.key() == Qt.Key.Key_Delete and self.selected is not None:
            self.delete_selected()
            return
        if event.matches(QKeySequence.StandardKey.Undo) and self._deleted is not None:
            self.undo_delete()
            return
        super().keyPressEvent(event)
