"""Diary summaries on hand-checked histories: weeks, streaks, comparisons, warnings, sentences.

The main fixture is an eight-week diary worked out by hand:

* tracked from Monday 2 Feb 2026; no routine for four weeks: 17 nights with 3 cramps and
  11 with 2, so 73 cramps in 28 nights (2.6 a night);
* the bedtime routine every night from Monday 2 Mar to Sunday 29 Mar: 2 cramps on each of
  2, 3 and 4 Mar, 1 on each of the other 25 nights, so 31 cramps in 28 nights (1.1 a night).

That reproduces the sentence the issue asks for, with the same figures.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from cramp_coach.domain.diary import CrampEpisode, Leg
from cramp_coach.domain.episode_summary import summarise_episodes
from cramp_coach.domain.insight_words import CAVEAT, NOT_ENOUGH_YET, change_text, insights
from cramp_coach.domain.insights import (
    DiaryHistory,
    NightTally,
    Streak,
    before_after,
    flag_is_met,
    flags_met,
    monthly,
    period_stats,
    routine_started,
    routine_streak,
    weekly,
    with_and_without,
)
from cramp_coach.domain.protocol import CrampLocation, DiaryFlag
from cramp_coach.domain.wording import duration_text

TRACKED = date(2026, 2, 2)  # a Monday
STARTED = date(2026, 3, 2)  # a Monday, 28 nights later
LAST = date(2026, 3, 29)  # a Sunday: the end of the 4th routine week
THREE_CRAMP_NIGHTS = 17


def _d(offset: int, base: date = TRACKED) -> date:
    return base + timedelta(days=offset)


def eight_weeks() -> list[NightTally]:
    tallies = []
    for offset in range(28):  # before: 17 nights of 3 cramps, then 11 of 2
        cramps = 3 if offset < THREE_CRAMP_NIGHTS else 2
        tallies.append(NightTally(_d(offset), cramps=cramps, rated=cramps, pain_sum=6 * cramps, pain_max=7))
    for offset in range(28):  # after: the routine every night
        cramps = 2 if offset < 3 else 1
        tallies.append(
            NightTally(_d(offset, STARTED), cramps=cramps, rated=1, pain_sum=4, pain_max=4, routines=1, sessions=1)
        )
    return tallies


@pytest.fixture
def history() -> DiaryHistory:
    return DiaryHistory(eight_weeks())


# --- the history and its periods ---------------------------------------------------------


def test_an_empty_history_tracks_nothing() -> None:
    empty = DiaryHistory([])
    assert not empty
    assert empty.tracked_since is None
    assert empty.night(TRACKED) == NightTally(TRACKED)
    assert empty.known(TRACKED, LAST) is None
    assert empty.known_until(LAST) is None


def test_the_history_is_tracked_from_its_first_entry_and_zero_fills(history: DiaryHistory) -> None:
    assert history.tracked_since == TRACKED
    assert history.latest == LAST
    assert history.night(date(2026, 1, 1)) == NightTally(date(2026, 1, 1))
    assert history.known(date(2026, 1, 1), LAST) == (TRACKED, LAST)


def test_the_known_nights_run_from_the_first_entry_to_the_last(history: DiaryHistory) -> None:
    # The one definition the insights, the warnings and the doctor report share.
    assert history.known(date(2026, 1, 1), LAST + timedelta(days=10)) == (TRACKED, LAST)
    assert history.known(_d(3), _d(9)) == (_d(3), _d(9))
    assert history.known(LAST + timedelta(days=1), LAST + timedelta(days=10)) is None  # all after the last entry
    assert history.known(date(2026, 1, 1), TRACKED - timedelta(days=1)) is None  # all before the first
    assert history.known_until(LAST + timedelta(days=10)) == LAST
    assert history.known_until(_d(5)) == _d(5)
    assert history.known_until(TRACKED - timedelta(days=1)) is None


def test_two_tallies_for_one_night_are_refused() -> None:
    with pytest.raises(ValueError, match="two tallies"):
        DiaryHistory([NightTally(TRACKED, cramps=1), NightTally(TRACKED, sessions=1)])


def test_period_stats_add_up_by_hand() -> None:
    history = DiaryHistory(
        [
            NightTally(_d(0), cramps=2, rated=2, pain_sum=12, pain_max=7),  # pain 5 and 7
            NightTally(_d(1), cramps=1),  # not rated
            NightTally(_d(2), routines=1, sessions=2),  # one stopped early, one completed
            NightTally(_d(3), sessions=1),  # stopped early only: not a routine night
        ]
    )
    stats = period_stats(history, _d(0), _d(4))
    assert (stats.nights, stats.cramps, stats.cramp_nights, stats.routine_nights) == (5, 3, 2, 1)
    assert (stats.rated, stats.average_pain, stats.pain_max) == (2, 6.0, 7)
    assert stats.cramps_per_night == pytest.approx(0.6)
    assert stats.adherence == pytest.approx(0.2)


def test_weeks_run_monday_to_sunday_and_the_edges_are_clipped(history: DiaryHistory) -> None:
    # Wednesday 4 Feb to Wednesday 18 Feb: a partial week, a full week, a partial week.
    weeks = weekly(history, _d(2), _d(16))
    assert [(week.first, week.last, week.nights) for week in weeks] == [
        (date(2026, 2, 4), date(2026, 2, 8), 5),
        (date(2026, 2, 9), date(2026, 2, 15), 7),
        (date(2026, 2, 16), date(2026, 2, 18), 3),
    ]
    assert [week.cramps for week in weeks] == [5 * 3, 7 * 3, 3 * 3]  # every one of these nights had 3


def test_the_chart_data_for_the_eight_weeks(history: DiaryHistory) -> None:
    weeks = weekly(history, TRACKED, LAST)
    assert len(weeks) == 8
    # Before: weeks 1–2 all 3s (21 each); week 3: 3 nights of 3 then 4 of 2 (17); week 4: 2s (14).
    # After: week 5 has 2, 3 and 4 Mar with 2 cramps and four nights with 1 (10); then 7 a week.
    assert [week.cramps for week in weeks] == [21, 21, 17, 14, 10, 7, 7, 7]
    assert [week.routine_nights for week in weeks] == [0, 0, 0, 0, 7, 7, 7, 7]
    assert sum(week.cramps for week in weeks) == 73 + 31


def test_months_are_calendar_months(history: DiaryHistory) -> None:
    months = monthly(history, TRACKED, LAST)
    assert [(m.first, m.last, m.nights) for m in months] == [
        (date(2026, 2, 2), date(2026, 2, 28), 27),
        (date(2026, 3, 1), date(2026, 3, 29), 29),
    ]
    assert [m.cramps for m in months] == [73 - 2, 2 + 31]  # 1 Mar (2 cramps) is in March
    assert [m.routine_nights for m in months] == [0, 28]


# --- streaks ------------------------------------------------------------------------------


def test_tonights_streak_counts_last_night_until_tonights_routine_is_done(history: DiaryHistory) -> None:
    tonight = LAST + timedelta(days=1)
    assert routine_streak(history, tonight) == Streak(current=28, longest=28)
    done = DiaryHistory([*eight_weeks(), NightTally(tonight, routines=1, sessions=1)])
    assert routine_streak(done, tonight) == Streak(current=29, longest=29)


def test_a_missed_night_ends_the_streak_and_the_longest_is_kept() -> None:
    routine = [0, 1, 2, 3, 5, 6]  # a gap on night 4
    history = DiaryHistory([NightTally(_d(n), routines=1, sessions=1) for n in routine])
    assert routine_streak(history, _d(7)) == Streak(current=2, longest=4)
    assert routine_streak(history, _d(8)) == Streak(current=0, longest=4)  # last night (7) was missed
    stopped_early = DiaryHistory([NightTally(_d(0), sessions=1)])
    assert routine_streak(stopped_early, _d(0)) == Streak(current=0, longest=0)


# --- comparisons ----------------------------------------------------------------------------


def test_before_and_after_the_routine_started(history: DiaryHistory) -> None:
    comparison = before_after(history, LAST)
    assert comparison is not None
    assert (comparison.started, comparison.weeks) == (STARTED, 4)
    assert (comparison.before.first, comparison.before.last) == (TRACKED, STARTED - timedelta(days=1))
    assert (comparison.before.nights, comparison.before.cramps) == (28, 73)
    assert (comparison.after.nights, comparison.after.cramps) == (28, 31)


def test_the_windows_shrink_to_what_the_diary_has_on_both_sides() -> None:
    # 10 nights tracked before the start and 15 since: one week on each side.
    tallies = [NightTally(_d(n), cramps=2) for n in range(10)]
    tallies += [NightTally(_d(n), cramps=1, routines=1, sessions=1) for n in range(10, 25)]
    comparison = before_after(DiaryHistory(tallies), _d(24))
    assert comparison is not None
    assert comparison.weeks == 1  # 10 nights before: one whole week
    assert (comparison.before.first, comparison.before.last) == (_d(3), _d(9))
    assert (comparison.before.cramps, comparison.after.cramps) == (14, 7)


def test_no_comparison_without_a_week_before_the_start_or_without_a_routine() -> None:
    started_at_once = DiaryHistory([NightTally(_d(n), cramps=1, routines=1, sessions=1) for n in range(30)])
    assert before_after(started_at_once, _d(29)) is None
    never = DiaryHistory([NightTally(_d(n), cramps=1) for n in range(30)])
    assert before_after(never, _d(29)) is None
    assert before_after(DiaryHistory([]), _d(29)) is None


def test_a_routine_taken_up_after_a_long_break_is_a_fresh_start() -> None:
    tallies = [NightTally(_d(0), routines=1, sessions=1)]  # one try, then nothing for 40 nights
    tallies += [NightTally(_d(n), cramps=2) for n in range(1, 41)]
    tallies += [NightTally(_d(n), routines=1, sessions=1) for n in range(41, 55)]
    history = DiaryHistory(tallies)
    assert routine_started(history, _d(54)) == _d(41)
    assert routine_started(history, _d(20)) == _d(0)  # as seen on an earlier night
    comparison = before_after(history, _d(54))
    assert comparison is not None
    assert (comparison.weeks, comparison.before.cramps, comparison.after.cramps) == (2, 28, 0)


def test_nights_with_and_without_the_routine(history: DiaryHistory) -> None:
    split = with_and_without(history, date(2026, 1, 5), LAST)  # 12 weeks, clipped to the tracked nights
    assert (split.with_nights, split.with_cramps, split.without_nights, split.without_cramps) == (28, 31, 28, 73)
    assert split.with_rate == pytest.approx(31 / 28)
    assert split.without_rate == pytest.approx(73 / 28)
    empty = with_and_without(DiaryHistory([]), TRACKED, LAST)
    assert (empty.with_rate, empty.without_rate) == (0.0, 0.0)


@pytest.mark.parametrize(
    ("now", "before", "words"),
    [
        (1.1, 2.6, "down from"),
        (2.6, 1.1, "up from"),
        (1.0, 1.05, "about the same as"),  # under 0.1 a night
        (2.0, 2.15, "about the same as"),  # under 10 %
        (2.0, 2.3, "down from"),
        (0.0, 0.0, "about the same as"),
    ],
)
def test_change_words(now: float, before: float, words: str) -> None:
    assert change_text(now, before) == words


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(0, "0 s"), (44.6, "45 s"), (60, "1 min"), (114, "1 min 54 s"), (599, "9 min 59 s"), (700, "11 min")],
)
def test_durations_read_as_spoken_not_as_clock_times(seconds: float, words: str) -> None:
    assert duration_text(seconds) == words


# --- sentences -----------------------------------------------------------------------------


def test_the_insights_read_as_the_issue_asks(history: DiaryHistory) -> None:
    assert insights(history, LAST) == [
        "In the 4 weeks since you started your bedtime routine on 2 Mar: 1.1 cramps a night, "
        "down from 2.6 in the 4 weeks before.",
        "Since your first diary entry on 2 Feb: 1.1 cramps a night after doing your routine (28 nights), "
        "2.6 on nights without it (28 nights).",
    ]


def test_nights_after_the_last_entry_are_unknown_not_quiet(history: DiaryHistory) -> None:
    # Eight weeks with nothing logged: the diary says it can't tell, and the figures end
    # with the last entry instead of counting 56 "nights without cramps".
    later = LAST + timedelta(days=56)
    assert insights(history, later) == [
        "Nothing is recorded after the night of 29 Mar, so the 56 nights since are left out: "
        "the diary can't tell quiet nights from nights that weren't logged.",
        "In the 4 weeks after you started your bedtime routine on 2 Mar: 1.1 cramps a night, "
        "down from 2.6 in the 4 weeks before.",
        "From your first diary entry on 2 Feb to your last on 29 Mar: 1.1 cramps a night after doing your "
        "routine (28 nights), 2.6 on nights without it (28 nights).",
    ]


def test_later_on_the_start_is_in_the_past_and_the_recent_trend_is_added(history: DiaryHistory) -> None:
    # Eight more weeks, every night logged (a routine stopped early: an entry, not a routine night).
    quiet = [NightTally(LAST + timedelta(days=n), sessions=1) for n in range(1, 57)]
    later = LAST + timedelta(days=56)
    assert insights(DiaryHistory([*eight_weeks(), *quiet]), later) == [
        "In the 4 weeks after you started your bedtime routine on 2 Mar: 1.1 cramps a night, "
        "down from 2.6 in the 4 weeks before.",
        "Over the last 12 weeks: 1.1 cramps a night after doing your routine (28 nights), "
        "0.0 on nights without it (56 nights).",
        "The last 4 weeks: 0.0 cramps a night, about the same as 0.0 in the 4 weeks before that.",
    ]


def test_too_little_data_says_so_and_the_caveat_makes_no_claim() -> None:
    assert insights(DiaryHistory([]), LAST) == [NOT_ENOUGH_YET]
    assert insights(DiaryHistory([NightTally(LAST, cramps=1)]), LAST) == [NOT_ENOUGH_YET]
    for word in ("cure", "treat", "because", "works"):
        assert word not in CAVEAT.lower()


# --- warnings ------------------------------------------------------------------------------

SEVERAL_NIGHTS = DiaryFlag(message="often", weeks=3, nights_with_cramps=3)
SEVERAL_A_NIGHT = DiaryFlag(message="many a night", weeks=2, nights_with_cramps=2, cramps_per_night=2)
DESPITE_ROUTINE = DiaryFlag(message="despite routine", weeks=4, nights_with_cramps=3, routine_nights=5)


def test_the_flags_on_the_eight_weeks(history: DiaryHistory) -> None:
    # Every routine night still had a cramp; nights with 2 cramps were only 2–4 Mar.
    assert flags_met(history, [SEVERAL_NIGHTS, SEVERAL_A_NIGHT, DESPITE_ROUTINE], LAST) == (
        SEVERAL_NIGHTS,
        DESPITE_ROUTINE,
    )
    # Two weeks after the start, the previous week still had nights of 2 and 3 cramps.
    assert SEVERAL_A_NIGHT in flags_met(history, [SEVERAL_A_NIGHT], STARTED + timedelta(days=2))


def _cramps_on(
    nights: list[int], per_night: int = 1, routine: list[int] | None = None, known_to: int | None = None
) -> DiaryHistory:
    """Cramps on ``nights``; ``known_to``: a night logged with only a routine stopped early, so it is known."""
    routine_nights = set(routine or [])
    every = sorted(set(nights) | routine_nights | ({known_to} if known_to is not None else set()))
    return DiaryHistory(
        NightTally(
            _d(n),
            cramps=per_night if n in nights else 0,
            routines=int(n in routine_nights),
            sessions=int(n in routine_nights or n == known_to),
        )
        for n in every
    )


def test_several_nights_a_week_for_three_weeks_exactly_at_the_threshold() -> None:
    last = _d(20)  # weeks: nights 14–20, 7–13, 0–6
    just = [0, 3, 6, 7, 10, 13, 14, 17, 20]
    assert flag_is_met(_cramps_on(just), SEVERAL_NIGHTS, last)
    assert not flag_is_met(_cramps_on([n for n in just if n != 10]), SEVERAL_NIGHTS, last)  # week 2 has 2
    # Night 21 logged without a cramp (a routine stopped early): the window moves on, week 15–21 has 2.
    assert not flag_is_met(_cramps_on(just, known_to=21), SEVERAL_NIGHTS, _d(21))
    # Night 21 not logged at all: it is unknown, so the warning still rests on the weeks up to night 20.
    assert flag_is_met(_cramps_on(just), SEVERAL_NIGHTS, _d(21))
    assert flag_is_met(_cramps_on(just), SEVERAL_NIGHTS, _d(30))


def test_a_flag_needing_several_cramps_a_night_ignores_nights_with_one() -> None:
    last = _d(13)
    assert flag_is_met(_cramps_on([1, 2, 8, 9], per_night=2), SEVERAL_A_NIGHT, last)
    assert not flag_is_met(_cramps_on([1, 2, 8, 9], per_night=1), SEVERAL_A_NIGHT, last)


def test_the_despite_routine_flag_needs_routine_nights_too() -> None:
    cramps = [n for n in range(28) if n % 2 == 0]  # 4 nights a week (even nights)
    most = [n for n in range(28) if n % 7 not in (5, 6)]  # 5 routine nights a week
    assert flag_is_met(_cramps_on(cramps, routine=most, known_to=27), DESPITE_ROUTINE, _d(27))
    fewer = [n for n in range(28) if n % 7 not in (4, 5, 6)]
    assert not flag_is_met(_cramps_on(cramps, routine=fewer, known_to=27), DESPITE_ROUTINE, _d(27))


# --- episodes, for the report --------------------------------------------------------------------


def _episode(hour: int, **fields: object) -> CrampEpisode:
    defaults: dict[str, object] = {
        "id": hour,
        "started_at": datetime(2026, 3, 2, hour, tzinfo=timezone.utc),
        "duration_seconds": None,
        "leg": None,
        "location": None,
        "pain": None,
        "note": "",
        "eased": None,
        "logged": True,
    }
    return CrampEpisode(**{**defaults, **fields})  # type: ignore[arg-type]


def test_episode_summary_counts_places_and_durations() -> None:
    episodes = [
        _episode(5, location=CrampLocation.FOOT, leg=Leg.LEFT, duration_seconds=30.0),
        _episode(1, location=CrampLocation.CALF, leg=Leg.LEFT, duration_seconds=120.0, note="after a long walk"),
        _episode(2, location=CrampLocation.CALF, leg=Leg.RIGHT, duration_seconds=60.0, note="  "),
        _episode(3, location=None, leg=None),
        _episode(4, location=CrampLocation.FOOT, leg=Leg.LEFT, note="woke twice"),
    ]
    summary = summarise_episodes(episodes)
    assert summary.count == 5
    assert summary.locations == ((CrampLocation.CALF, 2), (CrampLocation.FOOT, 2), (None, 1))
    assert summary.legs == ((Leg.LEFT, 3), (Leg.RIGHT, 1), (None, 1))
    assert (summary.median_seconds, summary.longest_seconds) == (60.0, 120.0)
    assert [episode.note for episode in summary.notes] == ["after a long walk", "woke twice"]  # oldest first
    empty = summarise_episodes([])
    assert (empty.count, empty.locations, empty.median_seconds) == (0, (), None)
