"""One rule for unknown nights, on a real diary and a fake wall clock: the insights, the warnings and the report agree.

The diary knows the nights from its first entry to its last. Nights after the last entry
are unknown, never "nights without cramps": the Diary screen's sentences say so, the
warnings rest on the weeks up to the last entry, and the doctor report leaves the same
nights out. Three diaries: started yesterday, a gap of 10 days at the end, and entries
only long ago.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from datetime import date, datetime, timedelta, timezone

import pytest

from cramp_coach.domain.diary import Leg, SessionStatus, last_night
from cramp_coach.domain.insight_words import NOT_ENOUGH_YET, flags_as_of, insights
from cramp_coach.domain.insights import DiaryHistory, flags_met, report_period
from cramp_coach.domain.protocol import CrampLocation, DiaryFlag
from cramp_coach.domain.report import FLAGS_NOTE, coverage_text, flags_note, known_weekly_bars
from cramp_coach.storage.database import open_memory_database
from cramp_coach.storage.diary_report import gather
from cramp_coach.storage.diary_store import DiaryStore
from tests.helpers.fakes import FakeWallClock
from tests.helpers.localtime import at

pytestmark = pytest.mark.usefixtures("london")

STARTED = date(2026, 3, 2)  # a Monday: the routine from here on
LAST_ENTRY = date(2026, 3, 29)  # a Sunday: the diary's last entry
SEVERAL_NIGHTS = DiaryFlag(message="Cramps on several nights a week.", weeks=3, nights_with_cramps=3)


@pytest.fixture
def clock() -> FakeWallClock:
    return FakeWallClock(datetime(2026, 3, 30, 8, 30, tzinfo=timezone.utc))  # Monday morning


@pytest.fixture
def store(clock: FakeWallClock) -> Iterator[DiaryStore]:
    with closing(open_memory_database()) as connection:
        yield DiaryStore(connection, wall_clock=clock)


def eight_weeks(store: DiaryStore, last: date = LAST_ENTRY) -> None:
    """Four weeks with 2 cramps a night, then four with the routine nightly and 1 cramp a night, ending ``last``."""
    for offset in range(56):
        night = last - timedelta(days=55 - offset)
        if offset >= 28:
            session = store.start_session("bedtime", "Evening stretch", at(night, 22), 20)
            store.finish_session(session, at(night, 22, 5), SessionStatus.COMPLETED, 20, 300.0)
        for hour in (3,) if offset >= 28 else (2, 4):
            store.add_episode(at(night, hour), leg=Leg.LEFT, location=CrampLocation.CALF, pain=5, duration_seconds=60)


def seen_at(store: DiaryStore, now: datetime) -> tuple[DiaryHistory, date]:
    return DiaryHistory(store.night_tallies()), last_night(now)


def test_a_diary_started_yesterday_is_one_night_everywhere(store: DiaryStore, clock: FakeWallClock) -> None:
    yesterday = last_night(clock.now())
    session = store.start_session("bedtime", "Evening stretch", at(yesterday, 22), 20)
    store.finish_session(session, at(yesterday, 22, 5), SessionStatus.COMPLETED, 20, 300.0)
    store.add_episode(at(yesterday, 3), leg=Leg.LEFT, location=CrampLocation.CALF, pain=6, duration_seconds=90)
    history, last = seen_at(store, clock.now())
    assert insights(history, last) == [NOT_ENOUGH_YET]  # nothing unknown to mention, nothing to compare
    assert history.known(*report_period(clock.now())) == (yesterday, yesterday)
    assert flags_met(history, [SEVERAL_NIGHTS], last) == ()
    data = gather(store, *report_period(clock.now()), [SEVERAL_NIGHTS], now=clock.now())
    assert data.covered == (yesterday, yesterday)
    assert flags_note(data) == FLAGS_NOTE
    assert data.stats.nights == 1

    # The same evening, after tonight's routine: the diary's first night is still yesterday's.
    clock.set(at(yesterday + timedelta(days=1), 22, 30))
    history, last = seen_at(store, clock.now())
    assert insights(history, last) == [NOT_ENOUGH_YET]


def test_a_diary_whose_first_entry_is_tonight_knows_no_night_yet(store: DiaryStore, clock: FakeWallClock) -> None:
    clock.set(datetime(2026, 3, 30, 21, 30, tzinfo=timezone.utc))  # Monday 22:30 BST
    tonight = date(2026, 3, 30)
    session = store.start_session("bedtime", "Evening stretch", at(tonight, 22), 20)
    store.finish_session(session, at(tonight, 22, 5), SessionStatus.COMPLETED, 20, 300.0)
    history, last = seen_at(store, clock.now())
    assert history.known_until(last) is None
    assert insights(history, last) == [NOT_ENOUGH_YET]  # not "nothing recorded since…": it has only just begun


def test_a_gap_of_ten_nights_at_the_end_is_unknown_not_cramp_free(store: DiaryStore, clock: FakeWallClock) -> None:
    eight_weeks(store)
    clock.set(clock.now() + timedelta(days=10))  # Thursday 9 April: last night is Wednesday 8 April
    history, last = seen_at(store, clock.now())
    assert last - LAST_ENTRY == timedelta(days=10)
    lines = insights(history, last)
    assert lines == [
        "Nothing is recorded after the night of 29 Mar, so the 10 nights since are left out: "
        "the diary can't tell quiet nights from nights that weren't logged.",
        "In the 4 weeks after you started your bedtime routine on 2 Mar: 1.0 cramps a night, "
        "down from 2.0 in the 4 weeks before.",
        "From your first diary entry on 2 Feb to your last on 29 Mar: 1.0 cramps a night after doing your "
        "routine (28 nights), 2.0 on nights without it (28 nights).",
    ]
    assert not any("0.0" in line or "no cramps" in line.lower() for line in lines)
    # The warning rests on the three weeks up to the last entry: ten unlogged nights don't clear it.
    assert flags_met(history, [SEVERAL_NIGHTS], last) == (SEVERAL_NIGHTS,)
    assert flags_as_of(history, last) == "Up to your last entry, on the night of 29 Mar (nothing is recorded since):"
    # The report leaves out exactly the same nights, and shows the same warning.
    first, report_last = report_period(clock.now())
    data = gather(store, first, report_last, [SEVERAL_NIGHTS], now=clock.now())
    assert data.covered == history.known(first, report_last) == (date(2026, 2, 2), LAST_ENTRY)
    assert data.stats.nights == 56
    assert data.flags == (SEVERAL_NIGHTS,)
    assert "after its last entry are unknown" in coverage_text(data)
    assert flags_note(data).endswith(
        "They rest on the weeks up to the diary's last entry, the night of Sun 29 Mar 2026; "
        "nothing is recorded after it."
    )


def test_one_unlogged_night_is_said_as_last_night(store: DiaryStore, clock: FakeWallClock) -> None:
    eight_weeks(store)
    clock.set(clock.now() + timedelta(days=1))
    history, last = seen_at(store, clock.now())
    assert insights(history, last)[0] == (
        "Nothing is recorded after the night of 29 Mar, so last night is left out: "
        "the diary can't tell a quiet night from one that wasn't logged."
    )
    assert insights(history, last)[2].startswith("From your first diary entry on 2 Feb to your last on 29 Mar: ")


def test_entries_only_long_ago_are_dated_with_their_year(store: DiaryStore, clock: FakeWallClock) -> None:
    long_ago = date(2025, 3, 30)  # a Sunday, a year before the clock's Monday
    eight_weeks(store, long_ago)
    history, last = seen_at(store, clock.now())
    gap = (last - long_ago).days
    assert insights(history, last) == [
        f"Nothing is recorded after the night of 30 Mar 2025, so the {gap} nights since are left out: "
        "the diary can't tell quiet nights from nights that weren't logged.",
        "In the 4 weeks after you started your bedtime routine on 3 Mar: 1.0 cramps a night, "
        "down from 2.0 in the 4 weeks before.",
        "From your first diary entry on 3 Feb 2025 to your last on 30 Mar 2025: 1.0 cramps a night after doing "
        "your routine (28 nights), 2.0 on nights without it (28 nights).",
    ]
    assert flags_met(history, [SEVERAL_NIGHTS], last) == (SEVERAL_NIGHTS,)
    assert "30 Mar 2025" in flags_as_of(history, last)
    # The report for the last 12 weeks knows none of its nights: no figures at all, and it says why.
    data = gather(store, *report_period(clock.now()), [SEVERAL_NIGHTS], now=clock.now())
    assert data.covered is None
    assert coverage_text(data).startswith("The diary has no entries for these nights")
    assert data.flags == ()  # a warning from a year ago is not this period's


def test_a_quiet_night_that_was_logged_counts_and_the_note_goes(store: DiaryStore, clock: FakeWallClock) -> None:
    eight_weeks(store)
    clock.set(clock.now() + timedelta(days=1))
    monday = LAST_ENTRY + timedelta(days=1)
    session = store.start_session("bedtime", "Evening stretch", at(monday, 22), 20)
    store.finish_session(session, at(monday, 22, 5), SessionStatus.COMPLETED, 20, 300.0)
    history, last = seen_at(store, clock.now())
    lines = insights(history, last)
    assert lines[0].startswith("In the 4 weeks after you started your bedtime routine on 2 Mar")
    assert not any(line.startswith("Nothing is recorded") for line in lines)
    assert flags_as_of(history, last) == ""


def test_the_screens_chart_counts_known_nights_only(store: DiaryStore) -> None:
    # Entries from Wednesday 4 to Friday 20 March; the chart shows Monday 2 to Sunday 29 March.
    for night in (date(2026, 3, 4), date(2026, 3, 10), date(2026, 3, 20)):
        store.add_episode(at(night, 3), leg=Leg.LEFT, location=CrampLocation.CALF, pain=5, duration_seconds=60)
    history = DiaryHistory(store.night_tallies())
    bars = known_weekly_bars(history, date(2026, 3, 2), date(2026, 3, 29))
    assert [(bar.label, bar.nights, bar.cramps, bar.partial, bar.unknown) for bar in bars] == [
        ("2 Mar", 5, 1, True, False),  # Monday and Tuesday are before the first entry
        ("9 Mar", 7, 1, False, False),
        ("16 Mar", 5, 1, True, False),  # Saturday and Sunday are after the last
        ("23 Mar", 0, 0, False, True),  # nothing known: "Nothing recorded", not a bar of 0
    ]
