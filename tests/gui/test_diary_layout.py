"""The diary's pages and its Log-a-cramp dialog fit every agreed window size, text size and theme.

Uses the generic checks in :mod:`tests.gui.layout_checks` (text not cut, nothing outside
the window unless it scrolls, no overlaps) and :mod:`tests.gui.reading_checks` (each thing
said once, no empty boxes, no narrow columns, the chart never cut at the fold when it
could be shown whole) on a diary with three months of entries and a frequency warning
showing, on an empty one and on a damaged one.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from pytestqt.qtbot import QtBot

from cramp_coach.storage.database import open_memory_database
from cramp_coach.storage.diary_sample import fill_sample
from cramp_coach.storage.diary_store import DiaryStore
from cramp_coach.storage.routine_library import load_catalog
from cramp_coach.ui.dialogs.episode_dialog import EpisodeDialog
from cramp_coach.ui.diary import DiaryScreen
from tests.gui.layout_checks import (
    LOOK_IDS,
    LOOKS,
    SIZES,
    assert_accessible,
    assert_fits,
    settle,
    show_at,
)
from tests.gui.reading_checks import reading_problems
from tests.helpers.fakes import AgreeingDiaryPrompts, FakeWallClock

NOW = datetime(2026, 5, 25, 7, 30, tzinfo=timezone.utc)
DAMAGED = "The diary /home/someone/.local/share/cramp-coach/diary.sqlite3 is damaged."


def assert_reads_well(screen: DiaryScreen) -> None:
    problems = reading_problems(screen)
    assert not problems, "\n".join(problems)


def sample_screen() -> DiaryScreen:
    store = DiaryStore(open_memory_database())
    fill_sample(store, date(2026, 2, 23), 91)
    screen = DiaryScreen(store, wall_clock=FakeWallClock(NOW), prompts=AgreeingDiaryPrompts())
    screen.follow_catalog(load_catalog())
    return screen


def damaged_screen() -> DiaryScreen:
    return DiaryScreen(
        None,
        problem=DAMAGED,
        damaged=True,
        repair=lambda: "",
        wall_clock=FakeWallClock(NOW),
        prompts=AgreeingDiaryPrompts(),
    )


@pytest.mark.usefixtures("london")
@pytest.mark.parametrize("look", LOOKS, ids=LOOK_IDS, indirect=True)
def test_every_page_fits(qtbot: QtBot, look: str) -> None:
    screen = sample_screen()
    qtbot.addWidget(screen)
    show_at(screen, look)
    assert screen.overview.flags_card.isVisibleTo(screen)  # the longest overview there is
    assert_fits(screen)
    assert_reads_well(screen)
    assert_accessible(screen)
    screen.show_page(screen.entries_page)
    screen.select(0)
    screen.delete_selected()  # the undo bar takes room from the list
    assert screen.undo_bar.isVisibleTo(screen)
    assert_fits(screen)
    assert_reads_well(screen)
    assert_accessible(screen)

    empty = DiaryScreen(
        DiaryStore(open_memory_database()), wall_clock=FakeWallClock(NOW), prompts=AgreeingDiaryPrompts()
    )
    qtbot.addWidget(empty)
    show_at(empty, look)
    assert_fits(empty)
    assert_reads_well(empty)
    empty.show_page(empty.entries_page)
    assert_fits(empty)

    damaged = damaged_screen()
    qtbot.addWidget(damaged)
    show_at(damaged, look)
    assert damaged.repair_card.isVisibleTo(damaged)
    assert_fits(damaged)
    assert_reads_well(damaged)
    assert_accessible(damaged)


@pytest.mark.usefixtures("london")
@pytest.mark.parametrize("look", [("1920x1080", "Largest", "day")], ids=["Largest"], indirect=True)
def test_a_wide_window_can_be_made_small_again(qtbot: QtBot, look: str) -> None:
    screen = sample_screen()
    qtbot.addWidget(screen)
    show_at(screen, look)  # everything on one title row
    for size in ("1366x768", "1024x600", look):
        show_at(screen, size)  # fails if the window cannot shrink to it
        assert_fits(screen)
        assert_reads_well(screen)


# Every size at both ends of the text sizes: the narrow streak column was at 1920x1080 Largest,
# a look the fitting test above leaves out. One theme: the themes change colours only.
READING_LOOKS = [(size, text, "night") for size in SIZES for text in ("Normal", "Largest")]


@pytest.mark.usefixtures("london")
@pytest.mark.parametrize("look", READING_LOOKS, ids=["-".join(look) for look in READING_LOOKS], indirect=True)
def test_the_overview_reads_well_at_every_size(qtbot: QtBot, look: str) -> None:
    screen = sample_screen()
    qtbot.addWidget(screen)
    show_at(screen, look)
    assert screen.overview.chart.property("keep_whole")  # so the check below looks at it
    assert_reads_well(screen)
    # Scrolled to the end, the chart is whole again or out of sight; nothing is an empty box.
    bar = screen.overview.verticalScrollBar()
    bar.setValue(bar.maximum())
    settle(screen)
    assert_reads_well(screen)
    damaged = damaged_screen()
    qtbot.addWidget(damaged)
    show_at(damaged, look)
    assert_reads_well(damaged)


@pytest.mark.parametrize("look", LOOKS, ids=LOOK_IDS, indirect=True)
def test_the_log_dialog_fits_and_scrolls_rather_than_cut(qtbot: QtBot, look: str) -> None:
    dialog = EpisodeDialog(NOW)
    qtbot.addWidget(dialog)
    width, height = (int(part) for part in look.split("x"))
    show_at(dialog, (min(width, 980), min(height, 820)))
    assert_fits(dialog)
    assert dialog.save_button.isVisible()
    assert dialog.save_button.geometry().bottom() <= dialog.height()  # Save never scrolls away


@pytest.mark.usefixtures("london")
@pytest.mark.parametrize("look", READING_LOOKS, ids=["-".join(look) for look in READING_LOOKS], indirect=True)
def test_first_sight_is_the_warning_then_the_chart(qtbot: QtBot, look: str) -> None:
    """Above the fold: the warning whole, then the chart itself (its bars), never only its buttons and a strip."""
    screen = sample_screen()
    qtbot.addWidget(screen)
    show_at(screen, look)
    overview = screen.overview
    fold = overview.viewport().height()
    card, chart, ranges = overview.flags_card, overview.chart, overview.ranges
    assert card.isVisibleTo(screen)
    assert card.mapTo(overview.viewport(), card.rect().bottomLeft()).y() < fold  # the warning whole
    top = chart.mapTo(overview.viewport(), chart.rect().topLeft()).y()
    assert fold - top >= chart.minimumSizeHint().height() / 2  # most of the chart in sight
    # The legend is with the chart: in the row above it, or drawn by the chart itself.
    assert overview.legend.isVisibleTo(screen) != chart.legend
    if ranges.y() > chart.y():  # the period buttons went under the chart: only when it could not be whole above
        whole = card.height() + ranges.height() + chart.minimumSizeHint().height()
        assert whole > fold
