"""The diary screen on a real (temporary) diary: summary, chart data, list, log, edit, delete with undo, export.

Every question goes through a scripted :class:`FakePrompts`, the wall clock is fake, local time is pinned to
Europe/London, and the undo timer is fired by hand: nothing here waits.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator, Mapping
from contextlib import closing
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cramp_coach import paths
from cramp_coach.domain.diary import CrampEpisode, Leg, RoutineSession, SessionStatus
from cramp_coach.domain.insights import DiaryHistory, weekly
from cramp_coach.domain.protocol import CrampLocation, DiaryFlag
from cramp_coach.storage.database import StorageError, StorageProblem, open_database
from cramp_coach.storage.diary_store import DiaryStore
from cramp_coach.ui import theme
from cramp_coach.ui.dialogs.episode_dialog import EpisodeAnswers
from cramp_coach.ui.diary.entries_model import PAGE
from cramp_coach.ui.diary.screen import STILL_WORKS, UNDO_MS, DiaryScreen
from tests.helpers.fakes import FakeWallClock
from tests.helpers.localtime import at

pytestmark = pytest.mark.usefixtures("london")

NOW = datetime(2026, 3, 30, 8, 30, tzinfo=timezone.utc)  # Monday 09:30 BST: "last night" is Sunday 29 March
STARTED = date(2026, 3, 16)  # the routine from Monday 16 March


@pytest.fixture
def store(tmp_path: Path) -> Iterator[DiaryStore]:
    with closing(open_database(tmp_path / "diary.sqlite3")) as connection:
        yield DiaryStore(connection, wall_clock=FakeWallClock(NOW))


def fill(store: DiaryStore) -> None:
    """Two weeks without the routine (2 cramps a night), then two with it (1 cramp a night, the routine nightly)."""
    for offset in range(14):
        night = STARTED - timedelta(days=14 - offset)
        for hour in (2, 4):
            store.add_episode(at(night, hour), leg=Leg.LEFT, location=CrampLocation.CALF, pain=6, duration_seconds=90)
    for offset in range(14):
        night = STARTED + timedelta(days=offset)
        session = store.start_session("bedtime", "Evening stretch", at(night, 22), phases_total=28)
        store.finish_session(session, at(night, 22, 5), SessionStatus.COMPLETED, 28, 250.0)
        store.add_episode(at(night, 3), leg=Leg.RIGHT, location=CrampLocation.FOOT, pain=4, duration_seconds=60)


class Answers:
    """Stands in for the episode dialog: returns the next queued answer and records what it was shown."""

    def __init__(self) -> None:
        self.queue: list[EpisodeAnswers | None] = []
        self.shown: list[CrampEpisode | None] = []


class Files:
    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.asked: list[tuple[str, bool]] = []


class FakePrompts:
    """The diary's :class:`DiaryPrompts`, scripted: queued answers, a fixed yes/no, a fixed file."""

    def __init__(self, answers: Answers, confirm: bool, files: Files) -> None:
        self.answers, self.answer, self.files = answers, confirm, files
        self.questions: list[str] = []

    def ask_episode(
        self, now: datetime, episode: CrampEpisode | None, labels: Mapping[CrampLocation, str]
    ) -> EpisodeAnswers | None:
        self.answers.shown.append(episode)
        return self.answers.queue.pop(0)

    def confirm(self, title: str, text: str, action: str) -> bool:
        self.questions.append(text)
        return self.answer

    def save_path(self, title: str, suggested: Path, filters: str) -> Path | None:
        self.files.asked.append((suggested.name, True))
        return self.files.path

    def open_path(self, title: str, filters: str) -> Path | None:
        self.files.asked.append(("", False))
        return self.files.path


def make(
    qtbot: QtBot,
    diary: DiaryStore | None,
    *,
    flags: tuple[DiaryFlag, ...] = (),
    answers: Answers | None = None,
    confirm: bool = True,
    files: Files | None = None,
    problem: str = "",
    now: datetime = NOW,
) -> DiaryScreen:
    screen = DiaryScreen(
        diary,
        problem=problem,
        wall_clock=FakeWallClock(now),
        flags=flags,
        prompts=FakePrompts(answers or Answers(), confirm, files or Files(None)),
    )
    qtbot.addWidget(screen)
    screen.resize(1100, 780)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def texts(screen: DiaryScreen) -> list[str]:
    model = screen.model
    return [str(model.data(model.index(row))) for row in range(model.rowCount())]


def count(store: DiaryStore) -> int:
    return store.entry_count()


# --- what it shows ------------------------------------------------------------------------------


def test_the_summary_of_a_hand_checked_month(qtbot: QtBot, store: DiaryStore) -> None:
    fill(store)
    screen = make(qtbot, store)
    assert screen.overview.streak_number.text() == "14"
    assert screen.overview.streak_text.text() == "routine nights in a row"
    assert screen.overview.insight_lines.text().splitlines() == [
        "•  In the 2 weeks since you started your bedtime routine on 16 Mar: 1.0 cramps a night, "
        "down from 2.0 in the 2 weeks before.",
        "•  Since your first diary entry on 2 Mar: 1.0 cramps a night after doing your routine (14 nights), "
        "2.0 on nights without it (14 nights).",
    ]
    assert "not a medical test" in screen.overview.caveat.text()
    assert not screen.overview.flags_card.isVisibleTo(screen)


def test_the_chart_shows_cramps_and_routine_nights_per_week(qtbot: QtBot, store: DiaryStore) -> None:
    fill(store)
    screen = make(qtbot, store)
    bars = screen.overview.chart.bars
    assert len(bars) == 12  # 12 weeks, the last one this week (Monday 23 to Sunday 29 March)
    assert [(bar.label, bar.cramps, bar.routine_nights) for bar in bars[-4:]] == [
        ("2 Mar", 14, 0),
        ("9 Mar", 14, 0),
        ("16 Mar", 7, 7),
        ("23 Mar", 7, 7),
    ]
    assert all(bar.cramps == 0 and bar.unknown for bar in bars[:-4])  # before the first entry: unknown
    assert not bars[-1].partial  # Monday morning: last night closed the week
    history = DiaryHistory(store.night_tallies())
    assert [bar.cramps for bar in bars] == [
        week.cramps for week in weekly(history, date(2026, 1, 5), date(2026, 3, 29))
    ]
    described = screen.overview.chart.accessibleDescription()
    assert "16 Mar: 7 cramps, 7 routine nights" in described
    assert "5 Jan: nothing recorded" in described
    screen.set_range(26)
    assert len(screen.overview.chart.bars) == 26
    assert screen.overview.range_buttons[26].isChecked()


def test_a_warning_from_the_protocol_thresholds_is_shown_when_met(qtbot: QtBot, store: DiaryStore) -> None:
    fill(store)
    every_night = DiaryFlag(message="Cramps every night: see a doctor.", weeks=4, nights_with_cramps=7)
    too_many = DiaryFlag(message="never met", weeks=1, nights_with_cramps=1, cramps_per_night=5)
    screen = make(qtbot, store, flags=(every_night, too_many))
    assert screen.overview.flags_card.isVisibleTo(screen)
    assert screen.overview.flag_lines.text() == "Cramps every night: see a doctor."


def test_ten_unlogged_nights_are_said_to_be_unknown_not_cramp_free(qtbot: QtBot, store: DiaryStore) -> None:
    fill(store)
    every_night = DiaryFlag(message="Cramps every night: see a doctor.", weeks=4, nights_with_cramps=7)
    screen = make(qtbot, store, flags=(every_night,), now=NOW + timedelta(days=10))
    lines = screen.overview.insight_lines.text().splitlines()
    assert lines[0] == (
        "•  Nothing is recorded after the night of 29 Mar, so the 10 nights since are left out: "
        "the diary can't tell quiet nights from nights that weren't logged."
    )
    assert lines[2].startswith("•  From your first diary entry on 2 Mar to your last on 29 Mar: 1.0 cramps a night")
    # The warning still stands on the weeks up to the last entry, and says which.
    assert screen.overview.flags_card.isVisibleTo(screen)
    assert screen.overview.flag_as_of.isVisibleTo(screen)
    assert screen.overview.flag_as_of.text() == (
        "Up to your last entry, on the night of 29 Mar (nothing is recorded since):"
    )
    # The chart leaves the unknown weeks empty and says so, instead of drawing 0 cramps.
    bars = screen.overview.chart.bars
    assert [(bar.label, bar.unknown) for bar in bars[-3:]] == [("23 Mar", False), ("30 Mar", True), ("6 Apr", True)]
    assert "30 Mar: nothing recorded" in screen.overview.chart.accessibleDescription()
    assert not screen.overview.chart_note.isVisibleTo(screen)  # the chart says "Nothing recorded" itself
    screen.show_page(screen.entries_page)
    # The list names the newest entry's own time (3 a.m. on Monday 30 March: the night of the 29th).
    assert (
        screen.entries_page.heading.text() == "56 entries, newest first. Nothing is recorded after Mon 30 Mar, 03:00."
    )


def test_a_diary_started_last_night_charts_one_night_and_nothing_before(qtbot: QtBot, store: DiaryStore) -> None:
    store.add_episode(at(date(2026, 3, 29), 3), leg=Leg.LEFT, location=CrampLocation.CALF, pain=6, duration_seconds=90)
    screen = make(qtbot, store)  # Monday morning: the chart ends with last night, a Sunday
    bars = screen.overview.chart.bars
    assert all(bar.unknown for bar in bars[:-1])
    assert (bars[-1].label, bars[-1].nights, bars[-1].cramps, bars[-1].partial) == ("23 Mar", 1, 1, True)
    assert screen.overview.chart_note.text() == "Lighter bars: weeks the diary covers only in part."
    assert screen.overview.insight_lines.text().startswith("•  Keep logging")
    # On Wednesday evening, the week that began on Monday is still running.
    later = make(qtbot, store, now=NOW + timedelta(days=2, hours=12))
    assert later.overview.chart.bars[-1].label == "30 Mar"
    assert later.overview.chart_note.text() == "Lighter bars: weeks the diary covers only in part."
    assert (
        later.overview.insight_lines.text()
        .splitlines()[0]
        .startswith("•  Nothing is recorded after the night of 29 Mar, so the 2 nights since are left out")
    )


def test_the_week_still_running_is_said_to_be_so_far(qtbot: QtBot, store: DiaryStore) -> None:
    fill(store)
    for night in (date(2026, 3, 30), date(2026, 3, 31)):
        session = store.start_session("bedtime", "Evening stretch", at(night, 22), phases_total=28)
        store.finish_session(session, at(night, 22, 5), SessionStatus.COMPLETED, 28, 250.0)
    screen = make(qtbot, store, now=NOW + timedelta(days=2))  # Wednesday morning
    last = screen.overview.chart.bars[-1]
    assert (last.label, last.nights, last.routine_nights, last.partial) == ("30 Mar", 2, 2, True)
    assert screen.overview.chart_note.text() == "This week so far is drawn lighter."


def test_entries_are_newest_first_with_the_details(qtbot: QtBot, store: DiaryStore) -> None:
    fill(store)
    session = store.start_session("bedtime-seated", "Evening stretch – seated", at(date(2026, 3, 29), 23), 18)
    store.finish_session(session, at(date(2026, 3, 29), 23, 2), SessionStatus.STOPPED, 7, 96.0)
    store.add_episode(at(date(2026, 3, 29), 5, 10), leg=None, location=None, pain=None, duration_seconds=None)
    screen = make(qtbot, store)
    assert texts(screen)[:4] == [
        "Cramp · Mon 30 Mar, 05:10\nno details",
        "Cramp · Mon 30 Mar, 03:00\nFoot or toes, right leg · pain 4/10 · 1 min",
        "Routine · Sun 29 Mar, 23:00\nEvening stretch – seated: stopped early (7 of 18 steps), 1 min 36 s",
        "Routine · Sun 29 Mar, 22:00\nEvening stretch: finished, 4 min 10 s",
    ]
    assert screen.entries_button.text() == "Entries (58)"


def test_a_cramp_whose_log_was_skipped_says_so(qtbot: QtBot, store: DiaryStore) -> None:
    episode = store.start_episode(at(date(2026, 3, 29), 4, 20))  # Cramp now, then Skip on the log page
    store.finish_episode(episode, duration_seconds=130.0, eased=True)
    screen = make(qtbot, store)
    assert texts(screen) == ["Cramp · Mon 30 Mar, 04:20\n2 min 10 s · details not logged"]


def test_the_list_loads_a_page_at_a_time(qtbot: QtBot, store: DiaryStore) -> None:
    for minute in range(PAGE * 2 + 30):
        store.start_episode(NOW - timedelta(minutes=minute))
    screen = make(qtbot, store)
    assert screen.model.rowCount() == PAGE
    screen.show_page(screen.entries_page)
    screen.entries.scrollToBottom()
    assert screen.model.rowCount() == 2 * PAGE  # scrolling to the end fetched the next page
    screen.entries.scrollToBottom()
    assert screen.model.rowCount() == 2 * PAGE + 30
    assert not screen.model.canFetchMore(QModelIndex())
    screen.model.fetchMore(QModelIndex())  # asking again reads nothing more
    assert screen.model.rowCount() == 2 * PAGE + 30
    assert texts(screen)[-1] == "Cramp · Mon 30 Mar, 05:41\ndetails not logged"  # the oldest: 229 min before 09:30


def test_an_empty_diary_explains_itself(qtbot: QtBot, store: DiaryStore) -> None:
    screen = make(qtbot, store)
    assert screen.overview.streak_number.text() == "0"
    assert screen.overview.insight_lines.text().startswith("•  Keep logging")
    screen.show_page(screen.entries_page)
    assert screen.model.rowCount() == 0
    assert screen.entries_page.empty_note.isVisibleTo(screen)
    assert screen.entries_page.empty_note.text().startswith("Nothing yet.")
    assert not screen.entries.isVisibleTo(screen)
    screen.select(0)
    assert screen.selected is None
    assert not screen.entries_page.delete_button.isEnabled()


def test_without_a_diary_the_screen_still_opens_and_says_why(qtbot: QtBot) -> None:
    screen = make(qtbot, None, problem="The diary /x/diary.sqlite3 is damaged.")
    assert screen.problem.isVisibleTo(screen)
    assert "damaged" in screen.problem.text()
    assert not screen.log_button.isEnabled()
    assert not screen.export_button.isEnabled()
    assert screen.model.rowCount() == 0
    screen.log_cramp()  # nothing happens, nothing raises
    screen.export_report()
    # What still works, and no caveat about figures that are not there.
    assert screen.overview.insight_lines.text() == STILL_WORKS
    assert screen.overview.insight_card.isVisibleTo(screen)
    assert not screen.overview.caveat.isVisibleTo(screen)
    assert not screen.overview.chart.isVisibleTo(screen)


def test_a_diary_that_fails_when_read_shows_the_message(qtbot: QtBot, store: DiaryStore) -> None:
    class LockedDiary(DiaryStore):
        def night_tallies(self, first: date | None = None, last: date | None = None) -> Any:
            raise StorageError(StorageProblem.LOCKED, Path("/x/diary.sqlite3"), "database is locked")

    locked = LockedDiary.__new__(LockedDiary)
    locked.__dict__.update(store.__dict__)
    screen = make(qtbot, locked)
    assert "locked by another program" in screen.problem.text()


@pytest.mark.usefixtures("restore_app_style")  # the style sheet and the dark palette both
def test_the_night_theme_is_dark(qapp: QApplication, qtbot: QtBot, store: DiaryStore) -> None:
    fill(store)
    theme.apply(qapp, paths.builtin_assets_dir() / "style" / "app.qss", theme.NIGHT, 1.25)
    screen = make(qtbot, store)
    assert _brightness(screen) < 60
    assert screen.overview.chart.colours().cramps == theme.NIGHT.accent


def _brightness(widget: QWidget) -> float:
    image = widget.grab().toImage().scaled(64, 48)
    values = [image.pixelColor(x, y).lightness() for x in range(64) for y in range(48)]
    return sum(values) / len(values)


# --- changing it ---------------------------------------------------------------------------------


def test_log_a_cramp_the_next_morning(qtbot: QtBot, store: DiaryStore) -> None:
    answers = Answers()
    answers.queue = [
        None,  # cancelled the first time
        EpisodeAnswers(at(date(2026, 3, 29), 3, 10), Leg.BOTH, CrampLocation.BACK_THIGH, 8, 240.0, "woke me"),
    ]
    screen = make(qtbot, store, answers=answers)
    screen.log_cramp()
    assert count(store) == 0
    with qtbot.waitSignal(screen.changed, timeout=0):
        screen.log_cramp()
    [episode] = store.episodes()
    assert (episode.leg, episode.location, episode.pain, episode.note, episode.logged) == (
        Leg.BOTH,
        CrampLocation.BACK_THIGH,
        8,
        "woke me",
        True,
    )
    assert texts(screen)[0] == "Cramp · Mon 30 Mar, 03:10\nBack of thigh, both legs · pain 8/10 · 4 min · “woke me”"
    assert screen.notice.text() == "Saved the cramp of Mon 30 Mar, 03:10."
    assert answers.shown == [None, None]


def test_editing_a_cramp(qtbot: QtBot, store: DiaryStore) -> None:
    episode_id = store.add_episode(at(date(2026, 3, 29), 3), leg=None, location=None, pain=None, duration_seconds=None)
    answers = Answers()
    answers.queue = [EpisodeAnswers(at(date(2026, 3, 29), 2, 45), Leg.LEFT, CrampLocation.CALF, 5, 60.0, "")]
    screen = make(qtbot, store, answers=answers)
    screen.select(0)
    qtbot.mouseClick(screen.entries_page.edit_button, Qt.MouseButton.LeftButton)
    [shown] = answers.shown
    assert shown is not None
    assert shown.id == episode_id
    edited = store.episode(episode_id)
    assert (edited.started_at, edited.leg, edited.pain) == (at(date(2026, 3, 29), 2, 45), Leg.LEFT, 5)


def test_routines_can_be_deleted_but_not_edited(qtbot: QtBot, store: DiaryStore) -> None:
    session = store.start_session("bedtime", "Evening stretch", at(date(2026, 3, 29), 22), 28)
    store.finish_session(session, at(date(2026, 3, 29), 22, 4), SessionStatus.COMPLETED, 28, 240.0)
    screen = make(qtbot, store)
    screen.select(0)
    assert isinstance(screen.selected, RoutineSession)
    assert not screen.entries_page.edit_button.isEnabled()
    assert screen.entries_page.delete_button.isEnabled()
    screen.delete_selected()
    assert store.sessions() == []


def test_delete_asks_first(qtbot: QtBot, store: DiaryStore) -> None:
    store.add_episode(at(date(2026, 3, 29), 3), leg=None, location=None, pain=3, duration_seconds=None)
    screen = make(qtbot, store, confirm=False)
    screen.select(0)
    qtbot.keyClick(screen.entries, Qt.Key.Key_Delete)
    assert count(store) == 1
    assert not screen.undo_bar.isVisibleTo(screen)


def test_a_deletion_can_be_undone_until_the_bar_times_out(qtbot: QtBot, store: DiaryStore) -> None:
    kept = store.add_episode(at(date(2026, 3, 28), 3), leg=Leg.LEFT, location=None, pain=3, duration_seconds=None)
    doomed = store.add_episode(at(date(2026, 3, 29), 3), leg=Leg.RIGHT, location=None, pain=7, duration_seconds=30)
    before = store.episode(doomed)
    screen = make(qtbot, store)
    screen.show_page(screen.entries_page)
    screen.select(0)
    qtbot.keyClick(screen.entries, Qt.Key.Key_Delete)
    assert [episode.id for episode in store.episodes()] == [kept]
    assert screen.undo_bar.isVisibleTo(screen)
    assert screen.undo_text.text() == "Deleted the cramp of Mon 30 Mar, 03:00."
    assert screen.undo_timer.isActive()
    assert screen.undo_timer.interval() == UNDO_MS

    qtbot.keyClick(screen, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Z
    assert store.episode(doomed) == before
    assert not screen.undo_bar.isVisibleTo(screen)
    assert not screen.undo_timer.isActive()

    screen.select(0)
    screen.delete_selected()
    screen.undo_timer.timeout.emit()  # the few seconds are up
    assert not screen.undo_bar.isVisibleTo(screen)
    screen.undo_delete()  # too late: nothing to undo
    assert [episode.id for episode in store.episodes()] == [kept]


def test_leaving_the_screen_makes_a_deletion_final(qtbot: QtBot, store: DiaryStore) -> None:
    store.add_episode(at(date(2026, 3, 29), 3), leg=None, location=None, pain=3, duration_seconds=None)
    screen = make(qtbot, store)
    screen.select(0)
    screen.delete_selected()
    screen.hide()
    assert not screen.undo_timer.isActive()
    assert count(store) == 0


def test_a_full_disk_while_deleting_is_reported_and_nothing_is_lost(qtbot: QtBot, store: DiaryStore) -> None:
    store.add_episode(at(date(2026, 3, 29), 3), leg=None, location=None, pain=3, duration_seconds=None)

    class FullDiary(DiaryStore):
        def delete_episode(self, episode_id: int) -> Any:
            raise StorageError(StorageProblem.FULL, Path("/x/diary.sqlite3"), "database or disk is full")

    full = FullDiary.__new__(FullDiary)
    full.__dict__.update(store.__dict__)
    screen = make(qtbot, full)
    screen.select(0)
    screen.delete_selected()
    assert "full" in screen.notice.text()
    assert screen.notice.property("role") == "warning"
    assert count(store) == 1
    assert not screen.undo_bar.isVisibleTo(screen)


def test_escape_goes_back(qtbot: QtBot, store: DiaryStore) -> None:
    screen = make(qtbot, store)
    with qtbot.waitSignal(screen.back_requested, timeout=0):
        qtbot.keyClick(screen, Qt.Key.Key_Escape)


# --- export and import ----------------------------------------------------------------------------


def test_export_csv_and_import_it_back(qtbot: QtBot, store: DiaryStore, tmp_path: Path) -> None:
    fill(store)
    target = tmp_path / "out.csv"
    screen = make(qtbot, store, files=Files(target))
    screen.export_csv()
    assert screen.notice.text() == f"Saved 56 entries to {target}."
    assert target.read_text(encoding="utf-8").startswith("type,uid,started_at,")
    screen.import_csv()
    assert screen.notice.text() == "Imported 0 cramps and 0 routines; 56 were already in the diary."
    assert count(store) == 56


def test_a_malformed_csv_is_refused_with_file_and_line(qtbot: QtBot, store: DiaryStore, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("type,started_at\ncramp,2026-03-01T03:00:00+00:00\ncramp,last tuesday\n", encoding="utf-8")
    screen = make(qtbot, store, files=Files(bad))
    screen.import_csv()
    assert f"{bad}:3: started_at" in screen.notice.text()
    assert screen.notice.text().startswith("Nothing was imported")
    assert count(store) == 0


def test_the_doctor_report_covers_the_charted_weeks(qtbot: QtBot, store: DiaryStore, tmp_path: Path) -> None:
    if subprocess.run(["which", "pdftotext"], capture_output=True).returncode:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    fill(store)
    target = tmp_path / "report.pdf"
    files = Files(target)
    screen = make(qtbot, store, files=files)
    screen.export_report()
    assert files.asked == [("cramp-diary-2026-03-29.pdf", True)]
    assert target.stat().st_size > 1000
    assert screen.notice.text().startswith("Saved the doctor report (")
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "Nights of Mon 5 Jan 2026 to Sun 29 Mar 2026 (12 weeks, 84 nights)" in text


def test_a_cancelled_file_dialog_changes_nothing(qtbot: QtBot, store: DiaryStore, tmp_path: Path) -> None:
    screen = make(qtbot, store, files=Files(None))
    screen.export_csv()
    screen.export_report()
    screen.import_csv()
    assert not screen.notice.isVisibleTo(screen)
    assert all(path.name.startswith("diary.sqlite3") for path in tmp_path.iterdir())  # nothing written


# --- a damaged diary ---------------------------------------------------------------------------------

DAMAGED = "The diary /x/diary.sqlite3 is damaged (database disk image is malformed)."


def test_a_damaged_diary_offers_repair_and_nothing_that_writes(qtbot: QtBot, store: DiaryStore) -> None:
    store.add_episode(at(date(2026, 3, 29), 3), leg=Leg.LEFT, location=None, pain=5, duration_seconds=None)
    screen: DiaryScreen

    def repair() -> str:
        screen.set_diary(store)  # what the app does once the repaired diary is open again
        return "Repaired the diary: 1 cramp and 0 routine sessions saved; no entry was lost."

    screen = DiaryScreen(
        None,
        problem=DAMAGED,
        damaged=True,
        repair=repair,
        wall_clock=FakeWallClock(NOW),
        prompts=FakePrompts(Answers(), True, Files(None)),
    )
    qtbot.addWidget(screen)
    screen.show()
    assert screen.repair_card.isVisibleTo(screen)
    assert screen.repair_card.detail.text() == DAMAGED
    assert "logging a cramp here, exporting and importing are off" in screen.repair_card.means.text()
    assert not screen.problem.isVisibleTo(screen)  # the card says it, in plainer words
    # ... and nothing else on the page: the card already says what still records.
    overview = screen.overview
    assert not any(
        card.isVisibleTo(screen) for card in (overview.insight_card, overview.streak_card, overview.flags_card)
    )
    assert not overview.chart.isVisibleTo(screen)
    assert not screen.log_button.isEnabled()
    assert not screen.export_button.isEnabled()
    assert screen.export_button.toolTip() == "Off while the diary is damaged: repair it first."
    screen.log_cramp()  # nothing happens, nothing raises
    screen.import_csv()

    qtbot.mouseClick(screen.repair_card.repair_button, Qt.MouseButton.LeftButton)
    assert screen.notice.text() == "Repaired the diary: 1 cramp and 0 routine sessions saved; no entry was lost."
    assert not screen.repair_card.isVisibleTo(screen)
    assert screen.log_button.isEnabled()
    assert screen.export_button.isEnabled()
    assert screen.model.rowCount() == 1


def test_a_repair_that_fails_says_why_and_keeps_the_card(qtbot: QtBot) -> None:
    def repair() -> str:
        raise StorageError(StorageProblem.FULL, Path("/x/diary.sqlite3"), "database or disk is full")

    screen = DiaryScreen(None, problem=DAMAGED, damaged=True, repair=repair, wall_clock=FakeWallClock(NOW))
    qtbot.addWidget(screen)
    screen.show()
    screen.repair_diary()
    assert screen.notice.text().startswith("The diary could not be repaired:")
    assert "full" in screen.notice.text()
    assert screen.notice.property("role") == "warning"
    assert screen.repair_card.isVisibleTo(screen)


def test_without_a_way_to_repair_the_button_is_off(qtbot: QtBot) -> None:
    screen = DiaryScreen(None, problem=DAMAGED, damaged=True, wall_clock=FakeWallClock(NOW))
    qtbot.addWidget(screen)
    screen.show()
    assert screen.repair_card.isVisibleTo(screen)
    assert not screen.repair_card.repair_button.isEnabled()


def test_one_cramp_on_the_chart_is_said_in_the_singular(qtbot: QtBot, store: DiaryStore) -> None:
    store.add_episode(at(date(2026, 3, 29), 3), leg=None, location=None, pain=None, duration_seconds=None)
    screen = make(qtbot, store)
    assert "23 Mar: 1 cramp, 0 routine nights." in screen.overview.chart.accessibleDescription()
