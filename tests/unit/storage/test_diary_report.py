"""The doctor report's words, gathered without Qt: only the nights the diary covers are counted.

A diary started last night is one night, not 84 cramp-free ones; nights after the last
entry are unknown too; under two weeks there are no averages. Hand-checked figures.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta, timezone

import pytest

from cramp_coach.domain.diary import Leg, SessionStatus
from cramp_coach.domain.protocol import CrampLocation
from cramp_coach.domain.report import ABOUT, MIN_NIGHTS_TO_AVERAGE, coverage_text, period_text, summary_rows
from cramp_coach.storage.database import open_memory_database
from cramp_coach.storage.diary_report import gather
from cramp_coach.storage.diary_store import DiaryStore
from tests.helpers.localtime import at

pytestmark = pytest.mark.usefixtures("london")

NOW = datetime(2026, 3, 30, 8, 30, tzinfo=timezone.utc)  # Monday morning: last night is Sunday 29 March
FIRST, LAST = date(2026, 1, 5), date(2026, 3, 29)  # the default 12 weeks, 84 nights


def test_a_diary_started_last_night_is_one_night_not_84() -> None:
    store = DiaryStore(open_memory_database())
    store.add_episode(at(LAST, 3), leg=Leg.LEFT, location=CrampLocation.CALF, pain=6, duration_seconds=90)
    data = gather(store, FIRST, LAST, (), now=NOW)
    assert period_text(data) == "Nights of Mon 5 Jan 2026 to Sun 29 Mar 2026 (12 weeks, 84 nights)."
    assert data.covered == (LAST, LAST)
    assert data.stats.nights == 1
    assert coverage_text(data) == (
        "The diary covers 1 of these 84 nights (the night of Sun 29 Mar 2026). The nights before its first entry "
        "are unknown and are left out of every figure. That is under two weeks: too few for averages, so the "
        "figures below are counts only."
    )
    rows = dict(summary_rows(data))
    assert rows["Cramps recorded"] == "1 cramp on 1 of 1 night"
    assert rows["Cramps per week"] == "not averaged: the diary covers only 1 night, under two weeks"
    assert rows["Pain (0 none – 10 worst)"] == "6 (1 of 1 cramp rated)"
    assert rows["Bedtime stretching routine"] == "played to the end on 0 of 1 night"
    assert all("a night" not in value and "on average" not in value for value in rows.values())
    assert [bar.nights for bar in data.bars] == [1]  # the chart has one (partial) week, not twelve


def test_nights_after_the_last_entry_are_unknown_too() -> None:
    store = DiaryStore(open_memory_database())
    start = date(2026, 2, 2)
    for offset in range(21):  # three weeks of a nightly routine, then nothing for the last five weeks
        night = start + timedelta(days=offset)
        session = store.start_session("bedtime", "Evening stretch", at(night, 22), 20)
        store.finish_session(session, at(night, 22, 5), SessionStatus.COMPLETED, 20, 300.0)
        if offset % 3 == 0:
            store.add_episode(at(night, 4), leg=Leg.RIGHT, location=None, pain=None, duration_seconds=None)
    data = gather(store, FIRST, LAST, (), now=NOW)
    assert data.covered == (start, date(2026, 2, 22))
    assert "The nights before its first entry and after its last entry are unknown" in coverage_text(data)
    rows = dict(summary_rows(data))
    assert rows["Cramps recorded"] == "7 cramps on 7 of 21 nights (33\u00a0%); 0.3 a night"
    assert rows["Cramps per week"] == "2.3 on average over 3 full weeks; fewest 2, most 3"
    assert rows["Bedtime stretching routine"] == "played to the end on 21 of 21 nights (100\u00a0%)"


def test_under_two_weeks_says_so_and_averages_nothing() -> None:
    store = DiaryStore(open_memory_database())
    for offset in range(MIN_NIGHTS_TO_AVERAGE - 1):
        store.add_episode(at(LAST - timedelta(days=offset), 2), leg=None, location=None, pain=4, duration_seconds=60)
    data = gather(store, FIRST, LAST, (), now=NOW)
    assert not data.averaged
    rows = dict(summary_rows(data))
    assert rows["Cramps recorded"] == "13 cramps on 13 of 13 nights"
    assert rows["Cramps per week"].startswith("not averaged")
    store.add_episode(at(LAST - timedelta(days=13), 2), leg=None, location=None, pain=4, duration_seconds=60)
    two_weeks = gather(store, FIRST, LAST, (), now=NOW)
    assert two_weeks.averaged
    assert dict(summary_rows(two_weeks))["Cramps per week"] == "7.0 on average over 2 full weeks; fewest 7, most 7"


def test_an_empty_diary_has_no_figures() -> None:
    data = gather(DiaryStore(open_memory_database()), FIRST, LAST, (), now=NOW)
    assert data.covered is None
    assert summary_rows(data) == [("Cramps recorded", "no diary entries for these nights")]
    assert coverage_text(data).startswith("The diary has no entries for these nights")
    assert data.bars == []


def test_the_explanation_names_the_unknown_nights() -> None:
    assert "nights of the period outside them are unknown" in ABOUT


def test_gathering_a_report_imports_no_qt() -> None:
    code = (
        "import sys, datetime as d\n"
        "from cramp_coach.storage.database import open_memory_database\n"
        "from cramp_coach.storage.diary_store import DiaryStore\n"
        "from cramp_coach.storage.diary_report import gather\n"
        "from cramp_coach.domain.report import summary_rows\n"
        "data = gather(DiaryStore(open_memory_database()), d.date(2026, 1, 5), d.date(2026, 3, 29), (),"
        " now=d.datetime.now(d.timezone.utc))\n"
        "summary_rows(data)\n"
        "print(sorted(name for name in sys.modules if name.startswith('PySide6')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
