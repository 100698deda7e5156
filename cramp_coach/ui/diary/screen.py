"""The diary: is the routine helping? Two pages, the overview and every entry.

**Overview** (:mod:`.overview_page`): any frequency warning the diary meets (thresholds
from the Cramp-now protocol's ``diary_flags``), the chart of cramps per week with
routine nights beside them, the routine streak and plain-words insights. **Entries**
(:mod:`.entries_page`): every cramp and routine newest first, loaded as the list is
scrolled (:mod:`.entries_model`). **Log a cramp** adds one afterwards; Edit changes
one; Delete asks first and can be undone for a few seconds from the bar that appears.
**Export** writes the doctor report or a CSV, and imports a CSV (:mod:`.transfer`).

The screen computes nothing itself: the store answers the queries and
:mod:`cramp_coach.domain.insights` the summaries. Every question goes through one
injected :class:`~.prompts.DiaryPrompts`, so tests never meet a modal window. With no
diary (it could not be opened) the screen still opens and says why. The app calls
:meth:`DiaryScreen.follow_catalog` when the routine files change, since the warnings
and the location names come from the Cramp-now protocol.

Keys: Esc back to Home; Enter edits the chosen entry; Delete deletes it; Ctrl+Z undoes
a deletion while its bar is showing.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QMenu, QStackedWidget, QVBoxLayout, QWidget

from cramp_coach.domain.catalog import Catalog
from cramp_coach.domain.clock import SystemWallClock, WallClock
from cramp_coach.domain.diary import CrampEpisode, last_night
from cramp_coach.domain.insights import DiaryHistory, report_period
from cramp_coach.domain.protocol import CrampLocation, DiaryFlag
from cramp_coach.domain.wording import LOCATION_WORDS
from cramp_coach.storage.database import StorageError
from cramp_coach.storage.diary_store import DeletedEntry, DiaryStore, Entry
from cramp_coach.ui.diary import transfer
from cramp_coach.ui.diary.entries_model import EntriesModel
from cramp_coach.ui.diary.entries_page import EMPTY, EntriesPage
from cramp_coach.ui.diary.entry_words import entry_name, when_text
from cramp_coach.ui.diary.overview_page import OverviewPage
from cramp_coach.ui.diary.prompts import DialogDiaryPrompts, DiaryPrompts
from cramp_coach.ui.diary.repair_card import OFF_WHILE_DAMAGED, RepairCard
from cramp_coach.ui.main_window import Screen
from cramp_coach.ui.widgets.common import button, card, label, restyle

log = logging.getLogger(__name__)

#: How long a deletion can be undone.
UNDO_MS = 8000
NO_DIARY = "The diary could not be opened, so there is nothing to show."
STILL_WORKS = "Cramp now and the routines still work; they just can't be recorded until the diary opens."
NO_ENTRIES = "The entries can't be shown: the diary could not be opened."
NO_ENTRIES_DAMAGED = "The entries can't be shown until the diary is repaired (on the Overview)."


class DiaryScreen(Screen):
    """The diary screen.

    Attributes:
        overview: the overview page (chart, streak, insights, warnings).
        entries_page: the entries page; ``entries`` is its list view and ``model`` its model.
        undo_bar, undo_timer: shown for :data:`UNDO_MS` after a deletion.
        problem: why the diary cannot be shown (hidden when it can).
        notice: what the last change, export or import did (or why it failed).

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
        disclaimer: str = "",
        prompts: DiaryPrompts | None = None,
        damaged: bool = False,
        repair: Callable[[], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("diary")
        self._diary = diary
        self._problem = problem
        self._wall_clock: WallClock = wall_clock if wall_clock is not None else SystemWallClock()
        self._flags = tuple(flags)
        self._disclaimer = disclaimer
        self._words: dict[CrampLocation, str] = {**LOCATION_WORDS, **(location_labels or {})}
        self._prompts: DiaryPrompts = prompts or DialogDiaryPrompts(self)
        self._history = DiaryHistory([])
        self._deleted: DeletedEntry | None = None
        self._damaged = damaged
        self._repair = repair

        self.model = EntriesModel(self._wall_clock.now, self._words, self)
        self.model.failed.connect(self._on_model_failed)
        self.overview = OverviewPage()
        self.overview.range_changed.connect(self._on_overview_range_changed)
        self.entries_page = EntriesPage(self.model)
        self.entries = self.entries_page.entries
        self.entries_page.edit_requested.connect(self.edit_selected)
        self.entries_page.delete_requested.connect(self.delete_selected)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.overview)
        self.pages.addWidget(self.entries_page)

        self.log_button = button("Log a cramp", "primary", accessible="Log a cramp you had earlier")
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
        self.overview_button = button("Overview", "range", accessible="Show the overview: chart, streak, insights")
        self.entries_button = button("Entries", "range", accessible="Show every cramp and routine, to edit or delete")
        for widget in (self.overview_button, self.entries_button):
            widget.setCheckable(True)
        self.overview_button.setChecked(True)
        self.overview_button.clicked.connect(lambda: self.show_page(self.overview))
        self.entries_button.clicked.connect(lambda: self.show_page(self.entries_page))

        self.problem = label(problem, "warning")
        self.repair_card = RepairCard()
        self.repair_card.repair_requested.connect(self.repair_diary)
        self.overview.put_on_top(self.repair_card)  # it scrolls with the page on a small screen
        self.notice = label("", "notice")
        self.notice.setVisible(False)
        self.undo_bar = card()
        self.undo_bar.setObjectName("undo-bar")
        self.undo_text = label("")
        self.undo_button = button("Undo", "primary", accessible="Undo the deletion (Ctrl+Z)")
        self.undo_button.setProperty("compact", True)
        self.undo_button.clicked.connect(self.undo_delete)
        undo_layout = QHBoxLayout(self.undo_bar)
        undo_layout.setContentsMargins(22, 6, 10, 6)
        undo_layout.addWidget(self.undo_text, 1)
        undo_layout.addWidget(self.undo_button)
        self.undo_bar.setVisible(False)
        self.undo_timer = QTimer(self)
        self.undo_timer.setSingleShot(True)
        self.undo_timer.setInterval(UNDO_MS)
        self.undo_timer.timeout.connect(self._on_undo_timer_timeout)
        self._lay_out()
        # Only now, with a parent: a parentless widget made visible becomes a window of its own.
        self._show_problem(problem)
        self._set_enabled()

    def _lay_out(self) -> None:
        # The actions sit in the title row when it has room, else on a row of their own
        # (1024 pixels at the larger text sizes): see :meth:`_arrange_top`.
        self.title_row = QHBoxLayout()
        self.title_row.setSpacing(12)
        self.title_row.addWidget(label("Diary", "title", wrap=False))
        self.title_row.addSpacing(16)
        self.title_row.addWidget(self.overview_button)
        self.title_row.addWidget(self.entries_button)
        self.title_row.addStretch(1)
        self.title_row.addWidget(self.back_button)
        self.action_row = QHBoxLayout()
        self.action_row.setSpacing(12)
        self.action_row.addStretch(1)
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 16, 28, 12)
        layout.setSpacing(10)
        layout.addLayout(self.title_row)
        layout.addLayout(self.action_row)
        layout.addWidget(self.problem)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.notice)
        self._actions_in_title: bool | None = None
        self._arrange_top()

    def _arrange_top(self) -> None:
        margins = self._layout.contentsMargins()
        room = self.width() - margins.left() - margins.right()
        actions = (self.log_button, self.export_button)
        extra = sum(widget.sizeHint().width() for widget in actions) + 2 * self.title_row.spacing()
        without = self.title_row.sizeHint().width() - (extra if self._actions_in_title else 0)
        fits = without + extra <= room
        if fits == self._actions_in_title:
            return
        self._actions_in_title = fits
        for widget in actions:
            (self.action_row if fits else self.title_row).removeWidget(widget)
        target, at = (self.title_row, 4) if fits else (self.action_row, 0)
        for offset, widget in enumerate(actions):
            target.insertWidget(at + offset, widget)
            # In the title row they must not set the window's minimum width: it could then never
            # be made narrower than a wide window's title row, and they would never move down.
            widget.setMinimumWidth(1 if fits else 0)
        # Tab follows reading order: the top rows as they are arranged, then the page, then Undo.
        top = [self.overview_button, self.entries_button]
        top += [*actions, self.back_button] if fits else [self.back_button, *actions]
        chain = [
            *top,
            self.repair_card.repair_button,
            *self.overview.range_buttons.values(),
            *self.entries_page.focus_chain(),
            self.undo_button,
        ]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    # -- pages and catalog ----------------------------------------------------------------------

    @property
    def weeks(self) -> int:
        return self.overview.weeks

    def show_page(self, page: QWidget) -> None:
        """Show the overview or the entries page."""
        self.pages.setCurrentWidget(page)
        # Checked by hand: an exclusive QButtonGroup would leave only the checked one reachable with Tab.
        self.overview_button.setChecked(page is self.overview)
        self.entries_button.setChecked(page is self.entries_page)
        if page is self.entries_page:
            self.entries.setFocus(Qt.FocusReason.OtherFocusReason)

    def follow_catalog(self, catalog: Catalog) -> None:
        """Take the warnings, location names and disclaimer from the (re)loaded Cramp-now protocol."""
        protocol = catalog.protocol
        self._flags = protocol.diary_flags if protocol is not None else ()
        self._disclaimer = protocol.disclaimer if protocol is not None else ""
        labels = {plan.location: plan.label for plan in protocol.locations} if protocol is not None else {}
        self._words = {**LOCATION_WORDS, **labels}
        self.model.set_words(self._words)
        if self.isVisible():
            self.refresh()

    # -- reading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the diary: summary, chart and the first page of entries."""
        if self._diary is None:
            self._history = DiaryHistory([])
            self._show_problem(self._problem or NO_DIARY)
            # A damaged diary's repair card already says what still works: nothing to add to it.
            self.overview.show_nothing("" if self._damaged else STILL_WORKS)
            self.entries_page.empty_note.setText(NO_ENTRIES_DAMAGED if self._damaged else NO_ENTRIES)
            self.model.reload(None)
            self._set_enabled()
            return
        try:
            self._history = DiaryHistory(self._diary.night_tallies())
            self.model.reload(self._diary)
            self.entries_page.empty_note.setText(EMPTY)
        except StorageError as error:
            log.warning("diary unreadable: %s", error)
            self._show_problem(str(error))
            return
        self._show_problem(self._problem)
        self.overview.show_history(self._history, self._wall_clock.now(), self._flags)
        self.entries_button.setText(f"Entries ({self.model.total})")
        self._arrange_top()  # the longer button may no longer leave room for the actions
        self.entries_page.show_total(self.model.total, self._quiet_since())
        self._set_enabled()

    def _quiet_since(self) -> str:
        """When the newest entry is from before last night: its time, as the list shows it; else empty."""
        now = self._wall_clock.now()
        newest = self.model.entry(0)
        latest = self._history.latest
        if newest is None or latest is None or latest >= last_night(now):
            return ""
        return when_text(newest.started_at, now)

    def set_diary(self, diary: DiaryStore | None, *, problem: str = "", damaged: bool = False) -> None:
        """Show ``diary`` from now on (the app calls this after a repair reopened it)."""
        self._diary, self._problem, self._damaged = diary, problem, damaged
        self._finish_undo()
        self.refresh()

    def repair_diary(self) -> None:
        """Run the injected repair and say how many entries were saved and lost."""
        if self._repair is None:
            return
        try:
            report = self._repair()
        except StorageError as error:
            log.warning("diary repair failed: %s", error)
            self._say(f"The diary could not be repaired: {error}", warning=True)
            return
        self._say(report)
        self.changed.emit()

    def _show_problem(self, text: str) -> None:
        # A damaged diary gets the repair card, which says what it means, instead of the bare message.
        self.problem.setText(text)
        self.problem.setVisible(bool(text) and not self._damaged)
        self.repair_card.show_problem(text)
        self.repair_card.setVisible(self._damaged)
        self.repair_card.repair_button.setEnabled(self._repair is not None)

    def set_range(self, weeks: int) -> None:
        """Chart the last ``weeks`` weeks; the report covers the same period."""
        self.overview.set_range(weeks)
        self.overview.show_chart(self._history, self._wall_clock.now())

    def _on_overview_range_changed(self, weeks: int) -> None:
        self.overview.show_chart(self._history, self._wall_clock.now())

    def _on_model_failed(self, message: str) -> None:
        self._say(message, warning=True)

    # -- choosing ----------------------------------------------------------------------------

    @property
    def selected(self) -> Entry | None:
        return self.entries_page.selected

    def select(self, row: int) -> None:
        self.entries_page.select(row)

    def _set_enabled(self) -> None:
        has_diary = self._diary is not None and not self._damaged
        for widget in (self.log_button, self.export_button):
            widget.setEnabled(has_diary)
            widget.setToolTip(OFF_WHILE_DAMAGED if self._damaged else "")
        if has_diary:
            self.log_button.setToolTip("Add a cramp you had, for example last night")
        self.overview.set_enabled(has_diary)
        self.entries_page.update_buttons()

    # -- changing ----------------------------------------------------------------------------

    def log_cramp(self) -> None:
        """Ask for a cramp's details and add it."""
        if self._diary is None or self._damaged:
            return
        answers = self._prompts.ask_episode(self._wall_clock.now(), None, self._words)
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
            f"Saved the cramp of {when_text(answers.started_at, self._wall_clock.now())}.",
        )

    def edit_selected(self) -> None:
        """Edit the chosen cramp (routines are not editable)."""
        entry = self.selected
        if self._diary is None or not isinstance(entry, CrampEpisode) or entry.id is None:
            return
        answers = self._prompts.ask_episode(self._wall_clock.now(), entry, self._words)
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
        name = entry_name(entry, self._wall_clock.now())
        question = f"Delete {name} from the diary? You can undo it for a few seconds."
        if not self._prompts.confirm("Delete this entry?", question, "Delete"):
            return
        diary, entry_id = self._diary, entry.id
        row = self.entries_page.selected_row
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
            self.select(row)

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

    def _tell(self, notice: transfer.Notice) -> None:
        if notice.changed:
            self.refresh()
            self.changed.emit()
        if notice.text:
            self._say(notice.text, warning=notice.warning)

    # -- export and import -------------------------------------------------------------------

    def report_period(self) -> tuple[date, date]:
        """The report's nights: the chart's period, ending last night."""
        return report_period(self._wall_clock.now(), self.weeks)

    def export_report(self) -> None:
        if self._diary is not None and not self._damaged:
            now = self._wall_clock.now()
            period = self.report_period()
            self._tell(
                transfer.export_report(self._diary, self._prompts, period, self._flags, now=now, words=self._words)
            )

    def export_csv(self) -> None:
        if self._diary is not None and not self._damaged:
            self._tell(transfer.export_csv(self._diary, self._prompts, now=self._wall_clock.now()))

    def import_csv(self) -> None:
        if self._diary is not None and not self._damaged:
            self._tell(transfer.import_csv(self._diary, self._prompts))

    # -- Qt ----------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self._arrange_top()
        super().resizeEvent(event)

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
