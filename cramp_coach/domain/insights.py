"""What the diary means: per-night tallies summed into weeks, streaks, comparisons and warnings.

Everything here is pure and works on :class:`NightTally` values, one per night (see
:func:`cramp_coach.domain.diary.night_of` for what a night is), which the store
computes in SQL. Ten years are 3,650 tallies, so every function simply walks them.

Definitions used throughout (and in ``docs/diary.md``):

- a **routine night** is a night with at least one routine played to the end (status
  ``completed``); a routine stopped early or interrupted is listed in the diary but
  does not count;
- every cramp episode counts, logged or not (pressing Cramp now records one);
- the diary **knows** the nights from its first entry to its last (:meth:`DiaryHistory.known`):
  nights before the first or after the last are unknown, not "nights without cramps", and
  never enter an average, a comparison or a warning. The doctor report uses the same rule;
- within them, a night with nothing recorded is a night without cramps and without the
  routine (the diary cannot tell a quiet night from one that was not logged);
- rates are **cramps per night**: cramps on the nights in question / those nights.

The sentences the diary screen shows are in :mod:`cramp_coach.domain.insight_words`; the
doctor report's summary of where and how long the cramps were is in
:mod:`cramp_coach.domain.episode_summary`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from cramp_coach.domain.diary import last_night
from cramp_coach.domain.protocol import DiaryFlag

ONE_DAY = timedelta(days=1)
WEEK_NIGHTS = 7

#: The before/after comparison uses up to this many weeks on each side of the start.
COMPARISON_WEEKS = 4
#: A break in the routine at least this long makes the next routine night a fresh start.
RESTART_AFTER_NIGHTS = 28
#: Each side of a comparison needs at least this many nights before it is shown.
MIN_NIGHTS_TO_COMPARE = 7


@dataclass(frozen=True, slots=True)
class NightTally:
    """What happened on one night.

    Attributes:
        night: the night, named by the date of its evening.
        cramps: cramp episodes that started during the night.
        rated: how many of them have a pain score.
        pain_sum: the sum of those pain scores.
        pain_max: the worst pain score, ``None`` when none was rated.
        routines: routine sessions played to the end.
        sessions: routine sessions started, however they ended.
    """

    night: date
    cramps: int = 0
    rated: int = 0
    pain_sum: int = 0
    pain_max: int | None = None
    routines: int = 0
    sessions: int = 0

    def __post_init__(self) -> None:
        if min(self.cramps, self.rated, self.pain_sum, self.routines, self.sessions) < 0:
            raise ValueError(f"negative count in {self!r}")
        if self.rated > self.cramps:
            raise ValueError(f"more rated cramps than cramps in {self!r}")

    @property
    def routine_night(self) -> bool:
        return self.routines > 0

    @property
    def has_entries(self) -> bool:
        return self.cramps > 0 or self.sessions > 0


def nights_between(first: date, last: date) -> Iterator[date]:
    """Every night from ``first`` to ``last``, both included."""
    night = first
    while night <= last:
        yield night
        night += ONE_DAY


class DiaryHistory:
    """Per-night tallies, with a zero tally for any night that has no entries.

    Attributes:
        tracked_since: the first night with an entry (``None`` for an empty diary).
        latest: the last night with an entry (``None`` for an empty diary).
    """

    def __init__(self, tallies: Iterable[NightTally]) -> None:
        self._by_night: dict[date, NightTally] = {}
        for tally in tallies:
            if tally.night in self._by_night:
                raise ValueError(f"two tallies for the night of {tally.night}")
            self._by_night[tally.night] = tally
        with_entries = [night for night, tally in self._by_night.items() if tally.has_entries]
        self.tracked_since: date | None = min(with_entries, default=None)
        self.latest: date | None = max(with_entries, default=None)

    def __bool__(self) -> bool:
        return self.tracked_since is not None

    def night(self, night: date) -> NightTally:
        return self._by_night.get(night) or NightTally(night)

    def nights(self, first: date, last: date) -> Iterator[NightTally]:
        """Tallies for ``first`` to ``last`` inclusive, zero-filled."""
        for night in nights_between(first, last):
            yield self.night(night)

    def known(self, first: date, last: date) -> tuple[date, date] | None:
        """The nights of ``first``–``last`` the diary knows about; ``None`` if it knows none of them.

        That is the one definition of the known period, shared by the insight sentences,
        the warnings and the doctor report: the nights from the first entry to the last.
        Nights before the first entry or after the last are unknown: the user may simply
        not have been logging, so they are never counted as nights without cramps.
        """
        if self.tracked_since is None or self.latest is None:
            return None
        start, end = max(first, self.tracked_since), min(last, self.latest)
        return (start, end) if start <= end else None

    def known_until(self, last: date) -> date | None:
        """The last known night up to ``last`` (the last entry's night, or ``last``); ``None`` if none is known."""
        span = self.known(date.min, last)
        return None if span is None else span[1]

    def routine_nights(self) -> list[date]:
        """Every routine night, oldest first."""
        return sorted(night for night, tally in self._by_night.items() if tally.routine_night)


# --- periods ---------------------------------------------------------------------------

#: The doctor report's default period, ending last night.
REPORT_WEEKS = 12


def report_period(now: datetime, weeks: int = REPORT_WEEKS) -> tuple[date, date]:
    """The nights of the last ``weeks`` weeks, ending with last night (see :func:`~.diary.last_night`)."""
    last = last_night(now)
    return last - timedelta(days=weeks * WEEK_NIGHTS - 1), last


@dataclass(frozen=True, slots=True)
class PeriodStats:
    """Totals over a run of nights (a week, a month, a report's period).

    Attributes:
        first: the first night covered.
        last: the last night covered.
        nights: how many nights that is.
        cramps: cramp episodes in total.
        cramp_nights: nights with at least one cramp.
        routine_nights: nights with a completed routine.
        rated: cramps with a pain score.
        pain_sum: the sum of those scores.
        pain_max: the worst score, ``None`` if none was rated.
    """

    first: date
    last: date
    nights: int
    cramps: int
    cramp_nights: int
    routine_nights: int
    rated: int
    pain_sum: int
    pain_max: int | None

    @property
    def cramps_per_night(self) -> float:
        return self.cramps / self.nights if self.nights else 0.0

    @property
    def average_pain(self) -> float | None:
        return self.pain_sum / self.rated if self.rated else None

    @property
    def adherence(self) -> float:
        """The share of nights with a completed routine (0–1)."""
        return self.routine_nights / self.nights if self.nights else 0.0


def period_stats(history: DiaryHistory, first: date, last: date) -> PeriodStats:
    """Totals over the nights ``first`` to ``last`` inclusive (zero nights if ``last < first``)."""
    nights = cramps = cramp_nights = routine_nights = rated = pain_sum = 0
    pain_max: int | None = None
    for tally in history.nights(first, last):
        nights += 1
        cramps += tally.cramps
        cramp_nights += tally.cramps > 0
        routine_nights += tally.routine_night
        rated += tally.rated
        pain_sum += tally.pain_sum
        if tally.pain_max is not None:
            pain_max = tally.pain_max if pain_max is None else max(pain_max, tally.pain_max)
    return PeriodStats(first, last, nights, cramps, cramp_nights, routine_nights, rated, pain_sum, pain_max)


def week_start(night: date) -> date:
    """The Monday of the week ``night`` is in (weeks run Monday night to Sunday night)."""
    return night - timedelta(days=night.weekday())


def weekly(history: DiaryHistory, first: date, last: date) -> list[PeriodStats]:
    """One :class:`PeriodStats` per Monday-to-Sunday week touching ``first``–``last``, clipped to it.

    This is the chart's data: bars of ``cramps`` and ``routine_nights`` per week. The
    first and last weeks may be partial (``nights`` < 7), e.g. the week still running.
    """
    buckets = []
    start = week_start(first)
    while start <= last:
        end = start + timedelta(days=WEEK_NIGHTS - 1)
        buckets.append(period_stats(history, max(start, first), min(end, last)))
        start = end + ONE_DAY
    return buckets


def monthly(history: DiaryHistory, first: date, last: date) -> list[PeriodStats]:
    """One :class:`PeriodStats` per calendar month touching ``first``–``last``, clipped to it."""
    buckets = []
    start = first.replace(day=1)
    while start <= last:
        following = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        buckets.append(period_stats(history, max(start, first), min(following - ONE_DAY, last)))
        start = following
    return buckets


# --- streaks -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Streak:
    """Routine nights in a row.

    Attributes:
        current: the run ending tonight, or last night while tonight's routine is still to
            come (so the streak does not look broken all evening).
        longest: the longest run in the whole diary.
    """

    current: int
    longest: int


def routine_streak(history: DiaryHistory, tonight: date) -> Streak:
    """The current and longest runs of routine nights, as seen on ``tonight``."""
    longest = run = 0
    previous: date | None = None
    for night in history.routine_nights():
        if night > tonight:
            break
        run = run + 1 if previous is not None and night - previous == ONE_DAY else 1
        longest = max(longest, run)
        previous = night
    current = 0
    night = tonight if history.night(tonight).routine_night else tonight - ONE_DAY
    while history.night(night).routine_night:
        current += 1
        night -= ONE_DAY
    return Streak(current=current, longest=longest)


# --- comparisons -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BeforeAfter:
    """Cramps per night in equal windows before and after the routine (re)started.

    Attributes:
        started: the first routine night of the current run of routine use.
        weeks: the length of each window, in weeks.
        before: the ``weeks`` weeks of nights before ``started``.
        after: the ``weeks`` weeks of nights from ``started`` on.
    """

    started: date
    weeks: int
    before: PeriodStats
    after: PeriodStats


def routine_started(history: DiaryHistory, last: date) -> date | None:
    """The first routine night on or before ``last`` that followed a break of 28 nights or more.

    So a routine taken up again after a long pause counts as a fresh start, and the
    comparison is about the habit as it is now.
    """
    started: date | None = None
    previous: date | None = None
    for night in history.routine_nights():
        if night > last:
            break
        if previous is None or (night - previous).days > RESTART_AFTER_NIGHTS:
            started = night
        previous = night
    return started


def before_after(history: DiaryHistory, last: date, *, max_weeks: int = COMPARISON_WEEKS) -> BeforeAfter | None:
    """The before/after comparison, or ``None`` without at least a week of tracked nights each side.

    Both windows have the same length: up to ``max_weeks`` weeks, shortened to what the
    diary has before the start and up to ``last``.
    """
    started = routine_started(history, last)
    if started is None or history.tracked_since is None:
        return None
    nights_before = (started - history.tracked_since).days
    nights_after = (last - started).days + 1
    weeks = min(max_weeks, nights_before // WEEK_NIGHTS, nights_after // WEEK_NIGHTS)
    if weeks * WEEK_NIGHTS < MIN_NIGHTS_TO_COMPARE:
        return None
    span = timedelta(days=weeks * WEEK_NIGHTS)
    before = period_stats(history, started - span, started - ONE_DAY)
    after = period_stats(history, started, started + span - ONE_DAY)
    return BeforeAfter(started=started, weeks=weeks, before=before, after=after)


@dataclass(frozen=True, slots=True)
class RoutineComparison:
    """Cramps on nights with a completed routine and on nights without one.

    Attributes:
        with_nights: routine nights in the period.
        with_cramps: cramps on those nights.
        without_nights: the other known nights in the period.
        without_cramps: cramps on those.
    """

    with_nights: int
    with_cramps: int
    without_nights: int
    without_cramps: int

    @property
    def with_rate(self) -> float:
        return self.with_cramps / self.with_nights if self.with_nights else 0.0

    @property
    def without_rate(self) -> float:
        return self.without_cramps / self.without_nights if self.without_nights else 0.0


def with_and_without(history: DiaryHistory, first: date, last: date) -> RoutineComparison:
    """Split the known nights in ``first``–``last`` into routine nights and the rest."""
    counts = [0, 0, 0, 0]
    span = history.known(first, last)
    if span is not None:
        for tally in history.nights(*span):
            offset = 0 if tally.routine_night else 2
            counts[offset] += 1
            counts[offset + 1] += tally.cramps
    return RoutineComparison(*counts)


# --- warnings ----------------------------------------------------------------------------


def flag_is_met(history: DiaryHistory, flag: DiaryFlag, last: date) -> bool:
    """Whether each of the ``flag.weeks`` 7-night weeks ending with the last known night meets the rule.

    The weeks end with ``last``, or with the last entry if that is earlier: nights after
    it are unknown (:meth:`DiaryHistory.known`) and never count as quiet nights, so a
    warning is never cleared by nights nobody logged. A week reaching back before the
    first entry counts only its known nights: the rule asks for *at least* so many, so
    what is known either meets it or the week does not count as meeting it.
    """
    end = history.known_until(last)
    if end is None:
        return False
    for week in range(flag.weeks):
        week_end = end - timedelta(days=week * WEEK_NIGHTS)
        tallies = list(history.nights(week_end - timedelta(days=WEEK_NIGHTS - 1), week_end))
        qualifying = sum(1 for tally in tallies if tally.cramps >= flag.cramps_per_night)
        routine_nights = sum(1 for tally in tallies if tally.routine_night)
        if qualifying < flag.nights_with_cramps or routine_nights < flag.routine_nights:
            return False
    return True


def flags_met(history: DiaryHistory, flags: Sequence[DiaryFlag], last: date) -> tuple[DiaryFlag, ...]:
    """The flags the diary meets as of the night ``last`` (or its last entry, if earlier), in declared order."""
    return tuple(flag for flag in flags if flag_is_met(history, flag, last))
