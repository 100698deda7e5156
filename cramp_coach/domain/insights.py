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

The insight sentences are deliberately plain and modest: they report the user's own
numbers, say "down from" or "up from", and never claim the routine caused a change.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TypeVar

from cramp_coach.domain.diary import CrampEpisode, Leg, last_night
from cramp_coach.domain.protocol import CrampLocation, DiaryFlag
from cramp_coach.domain.wording import date_text, day_text, weeks_text

_Key = TypeVar("_Key", CrampLocation, Leg)

ONE_DAY = timedelta(days=1)
WEEK_NIGHTS = 7

#: The before/after comparison uses up to this many weeks on each side of the start.
COMPARISON_WEEKS = 4
#: A break in the routine at least this long makes the next routine night a fresh start.
RESTART_AFTER_NIGHTS = 28
#: Each side of a comparison needs at least this many nights before it is shown.
MIN_NIGHTS_TO_COMPARE = 7

CAVEAT = (
    "These figures are your own diary, not a medical test. Cramps come and go for many reasons, "
    "so small changes may mean little."
)
NOT_ENOUGH_YET = (
    "Keep logging: after a week or two of entries, the diary can compare nights with and without your routine."
)


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


# --- words -------------------------------------------------------------------------------


def rate_text(rate: float) -> str:
    return f"{rate:.1f}"


def change_text(now: float, before: float) -> str:
    """``down from`` / ``up from`` / ``about the same as``: a change under 0.1 a night or 10 % is "about the same"."""
    if abs(now - before) < max(0.1, 0.1 * max(now, before)):
        return "about the same as"
    return "down from" if now < before else "up from"


def describe_before_after(comparison: BeforeAfter, end: date, *, up_to_now: bool = True) -> str:
    """The before/after sentence for a diary known up to ``end`` (``up_to_now``: that is last night)."""
    span = weeks_text(comparison.weeks)
    recent = up_to_now and (end - comparison.started).days + 1 <= comparison.weeks * WEEK_NIGHTS
    when = f"{'since' if recent else 'after'} you started your bedtime routine on {day_text(comparison.started)}"
    after, before = comparison.after.cramps_per_night, comparison.before.cramps_per_night
    return (
        f"In the {span} {when}: {rate_text(after)} cramps a night, "
        f"{change_text(after, before)} {rate_text(before)} in the {span} before."
    )


def describe_with_and_without(comparison: RoutineComparison, since: str) -> str:
    return (
        f"{since}: {rate_text(comparison.with_rate)} cramps a night after doing your "
        f"routine ({comparison.with_nights} nights), {rate_text(comparison.without_rate)} on nights without it "
        f"({comparison.without_nights} nights)."
    )


def describe_trend(recent: PeriodStats, earlier: PeriodStats, up_to: str = "") -> str:
    """The recent trend; ``up_to`` names the last entry when the diary stops before last night."""
    span = weeks_text(recent.nights // WEEK_NIGHTS)
    now, before = recent.cramps_per_night, earlier.cramps_per_night
    change = f"{change_text(now, before)} {rate_text(before)}"
    which = f"The {span} up to {up_to}" if up_to else f"The last {span}"
    return f"{which}: {rate_text(now)} cramps a night, {change} in the {span} before that."


def entry_day_text(night: date, last: date) -> str:
    """``29 Mar``, or ``29 Mar 2025`` when the night is half a year or more before ``last``."""
    return day_text(night) if (last - night).days < 183 else date_text(night)


def unknown_recent_text(history: DiaryHistory, last: date) -> str | None:
    """What the diary does not know about the nights up to ``last``: those after its last entry.

    ``None`` when the last entry is on ``last`` or later, or when the diary is empty.
    """
    if history.latest is None or history.latest >= last:
        return None
    gap = (last - history.latest).days
    after = f"after the night of {entry_day_text(history.latest, last)}"
    if gap == 1:
        return (
            f"Nothing is recorded {after}, so last night is left out: "
            "the diary can't tell a quiet night from one that wasn't logged."
        )
    return (
        f"Nothing is recorded {after}, so the {gap} nights since are left out: "
        "the diary can't tell quiet nights from nights that weren't logged."
    )


def insights(history: DiaryHistory, last: date, *, weeks: int = 12) -> list[str]:
    """Plain sentences about the diary up to the night ``last``; the caveat is :data:`CAVEAT`.

    Only known nights count (:meth:`DiaryHistory.known`): when the last entry is before
    ``last``, the first sentence says the nights since are unknown and the comparisons
    end with the last entry, saying so. Each comparison appears only when both its sides
    have at least a week of known nights; with too little data the list ends with
    :data:`NOT_ENOUGH_YET`.
    """
    lines = []
    unknown = unknown_recent_text(history, last)
    if unknown is not None:
        lines.append(unknown)
    end = history.known_until(last)
    if end is None or history.tracked_since is None:
        return [*lines, NOT_ENOUGH_YET]
    up_to_now = end == last
    last_entry = "" if up_to_now else f"your last entry on {entry_day_text(end, last)}"
    comparisons = []
    comparison = before_after(history, end)
    if comparison is not None:
        comparisons.append(describe_before_after(comparison, end, up_to_now=up_to_now))
    first = end - timedelta(days=weeks * WEEK_NIGHTS - 1)
    split = with_and_without(history, first, end)
    if min(split.with_nights, split.without_nights) >= MIN_NIGHTS_TO_COMPARE:
        first_entry = entry_day_text(history.tracked_since, last)
        if history.tracked_since <= first:
            span_words = weeks_text(weeks)
            since = f"Over the last {span_words}" if up_to_now else f"Over the {span_words} up to {last_entry}"
        else:
            since = (
                f"Since your first diary entry on {first_entry}"
                if up_to_now
                else f"From your first diary entry on {first_entry} to your last on {entry_day_text(end, last)}"
            )
        comparisons.append(describe_with_and_without(split, since))
    span = timedelta(days=COMPARISON_WEEKS * WEEK_NIGHTS)
    # The recent trend, unless the before/after comparison already covers those nights.
    overlaps = comparison is not None and comparison.after.last > end - span
    if not overlaps and end - 2 * span + ONE_DAY >= history.tracked_since:
        recent = period_stats(history, end - span + ONE_DAY, end)
        earlier = period_stats(history, end - 2 * span + ONE_DAY, end - span)
        comparisons.append(describe_trend(recent, earlier, last_entry))
    return [*lines, *comparisons] if comparisons else [*lines, NOT_ENOUGH_YET]


#: Under the warnings met on the diary screen.
FLAGS_NOTE = "From your own entries: a reason to talk to a doctor, not a diagnosis."


def flags_as_of(history: DiaryHistory, last: date) -> str:
    """Above the warnings met: up to which night they were worked out, when that is before ``last``.

    The warnings' own words (content, in the protocol YAML) say "the last 3 weeks"; when
    nothing is recorded after an earlier night, this line says which weeks those are.
    Empty when the diary is known up to ``last``.
    """
    end = history.known_until(last)
    if end is None or end >= last:
        return ""
    return f"Up to your last entry, on the night of {entry_day_text(end, last)} (nothing is recorded since):"


# --- episodes (for the doctor report) ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EpisodeSummary:
    """Where and how long the cramps in a period were.

    Attributes:
        count: episodes in total.
        locations: cramps per location, most frequent first; ``None`` is "not recorded".
        legs: cramps per leg, most frequent first; ``None`` is "not recorded".
        median_seconds: the median duration of the episodes with one, else ``None``.
        longest_seconds: the longest duration, else ``None``.
        notes: the episodes with a note, oldest first.
    """

    count: int
    locations: tuple[tuple[CrampLocation | None, int], ...]
    legs: tuple[tuple[Leg | None, int], ...]
    median_seconds: float | None
    longest_seconds: float | None
    notes: tuple[CrampEpisode, ...]


def _median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _ranked(counter: Counter[_Key | None], order: Sequence[_Key]) -> tuple[tuple[_Key | None, int], ...]:
    # Most frequent first; ties in the declared order, "not recorded" (None) last.
    def key(item: tuple[_Key | None, int]) -> tuple[bool, int, int]:
        value, count = item
        return (value is None, -count, 0 if value is None else order.index(value))

    return tuple(sorted(counter.items(), key=key))


def summarise_episodes(episodes: Iterable[CrampEpisode]) -> EpisodeSummary:
    """Count locations and legs, and the duration figures, of ``episodes`` (any order)."""
    ordered = sorted(episodes, key=lambda episode: episode.started_at)
    locations: Counter[CrampLocation | None] = Counter(episode.location for episode in ordered)
    legs: Counter[Leg | None] = Counter(episode.leg for episode in ordered)
    durations = [episode.duration_seconds for episode in ordered if episode.duration_seconds is not None]
    return EpisodeSummary(
        count=len(ordered),
        locations=_ranked(locations, list(CrampLocation)),
        legs=_ranked(legs, list(Leg)),
        median_seconds=_median(durations) if durations else None,
        longest_seconds=max(durations) if durations else None,
        notes=tuple(episode for episode in ordered if episode.note.strip()),
    )
