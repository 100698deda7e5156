"""The doctor report's content, without Qt: what it says, gathered from per-night tallies and entries.

:func:`build_report` turns the diary's facts for a period into a :class:`ReportData`;
:func:`summary_rows`, :func:`coverage_text` and :data:`ABOUT` put it into words. The
storage layer queries the diary (:func:`cramp_coach.storage.diary_report.gather`), and
``ui/printing/report.py`` only paints, so ``cramp-coach report`` decides every figure
before Qt is even imported, and tests read the words without a PDF.

Honesty rules (``docs/diary.md``):

- the diary **covers** the nights from its first entry to its last; nights of the
  period before the first or after the last are unknown: they are named, and never
  counted or averaged (a diary started yesterday is one night, not 84 cramp-free ones);
- with under two weeks covered (:data:`MIN_NIGHTS_TO_AVERAGE`) there are no weekly or
  nightly averages, and the report says so in words;
- the report carries the app's full disclaimer and the diary's own caveat.

The chart's bars (:class:`ChartBar`) live here too: the screen and the PDF draw the same
values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from cramp_coach.domain.diary import CrampEpisode, Leg, RoutineSession, SessionStatus
from cramp_coach.domain.episode_summary import EpisodeSummary, summarise_episodes
from cramp_coach.domain.insight_words import change_text
from cramp_coach.domain.insights import (
    BeforeAfter,
    DiaryHistory,
    PeriodStats,
    RoutineComparison,
    before_after,
    flags_met,
    monthly,
    period_stats,
    weekly,
    with_and_without,
)
from cramp_coach.domain.protocol import CrampLocation, DiaryFlag
from cramp_coach.domain.wording import LEG_WORDS, LOCATION_WORDS, day_text, duration_text, plural, weeks_text

#: Periods longer than this many weeks are charted per month, so the bars stay readable.
WEEKLY_UP_TO_WEEKS = 26
#: Under two weeks of covered nights, no averages per week or per night are given.
MIN_NIGHTS_TO_AVERAGE = 14

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

#: Used when no Cramp-now protocol (whose ``disclaimer`` is the app's own) could be loaded.
DISCLAIMER = (
    "Cramp Coach offers gentle stretches and simple first-aid steps for ordinary leg cramps. It cannot diagnose, "
    "treat or rule out any illness, and it is no substitute for advice from a doctor, nurse, midwife or "
    "physiotherapist."
)
ABOUT = (
    "The patient recorded these figures with Cramp Coach, a self-help app for night-time leg cramps that is not "
    "a medical device. A night runs from noon to noon, local time, so a cramp at 3 a.m. counts for the night "
    "before (the lists give each cramp's own date and time). The diary covers the nights from its first entry to "
    "its last; nights of the period outside them are unknown and are left out of every figure. Within them, a "
    "night with nothing recorded counts as a night without cramps and without the routine: the diary cannot tell "
    "a quiet night from one the patient did not log. Every cramp recorded counts, including ones whose details "
    "were not filled in. A routine night is a night on which the bedtime stretching routine was played to the end."
)


#: The diary screen's caveat (:data:`cramp_coach.domain.insight_words.CAVEAT`), told to the doctor.
CAVEAT = (
    "These figures are the patient's own diary, not a medical test. Cramps come and go for many reasons, "
    "so small changes may mean little."
)
#: Above the warnings met: they are the app's, shown to the patient, not a clinical finding.
FLAGS_NOTE = (
    "The app showed the patient these warnings, from thresholds in its content, to suggest talking to a doctor; "
    "they are not a diagnosis."
)


@dataclass(frozen=True, slots=True)
class ChartBar:
    """One week (or month) on the chart.

    Attributes:
        label: the x-axis label, e.g. ``2 Mar`` (the week's Monday) or ``Mar 26``.
        cramps: cramps in the period.
        routine_nights: nights with a completed routine.
        nights: nights in the period (fewer than 7 for a week still running).
        partial: the period is not whole (still running, clipped, or only partly known); drawn lighter.
        pain: the average pain score, ``None`` if no cramp was rated.
        unknown: none of its nights is known (all before the first entry or after the last):
            drawn as "nothing recorded", never as a bar of 0.
    """

    label: str
    cramps: int
    routine_nights: int
    nights: int
    partial: bool = False
    pain: float | None = None
    unknown: bool = False


def bars_from(periods: Sequence[PeriodStats], *, monthly: bool = False, full_nights: int = 7) -> list[ChartBar]:
    """Chart bars for weekly (or ``monthly``) periods; a period shorter than ``full_nights`` is partial."""
    bars = []
    for period in periods:
        if monthly:
            label = f"{_MONTHS[period.first.month - 1]} {period.first.year % 100:02d}"
            partial = period.first.day != 1 or (period.last + timedelta(days=1)).day != 1
        else:
            label = day_text(period.first)
            partial = period.nights < full_nights
        bars.append(ChartBar(label, period.cramps, period.routine_nights, period.nights, partial, period.average_pain))
    return bars


def known_weekly_bars(history: DiaryHistory, first: date, last: date) -> list[ChartBar]:
    """The diary screen's weekly bars for ``first``–``last``, counting only known nights.

    A week with no known night (:meth:`DiaryHistory.known`) is ``unknown``, so the chart
    says nothing was recorded instead of drawing 0; a week only partly known is partial.
    """
    bars = []
    for week in weekly(history, first, last):
        label = day_text(week.first)
        span = history.known(week.first, week.last)
        if span is None:
            bars.append(ChartBar(label, 0, 0, 0, unknown=True))
            continue
        known = period_stats(history, *span)
        bars.append(
            ChartBar(label, known.cramps, known.routine_nights, known.nights, known.nights < 7, known.average_pain)
        )
    return bars


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything the report shows.

    Attributes:
        first, last: the period asked for (nights).
        made: when the report was made.
        covered: the nights of the period the diary covers (``None``: none of them).
        stats: totals over the covered nights only.
        per: ``"week"`` or ``"month"``, how the chart groups nights.
        bars: the chart's bars, over the covered nights only.
        summary, episodes: the cramps of the period, oldest first.
        split: cramps on routine nights and on the other covered nights.
        comparison: before/after starting the routine, when the diary allows it.
        flags: the diary's warnings met as of ``last``.
        stopped_sessions: routines started but not finished in the period.
        location_words: how to name each cramp location.
        disclaimer: the app's disclaimer, printed whole.
    """

    first: date
    last: date
    made: datetime
    covered: tuple[date, date] | None
    stats: PeriodStats
    per: str
    bars: list[ChartBar]
    summary: EpisodeSummary
    episodes: list[CrampEpisode]
    split: RoutineComparison
    comparison: BeforeAfter | None
    flags: tuple[DiaryFlag, ...]
    stopped_sessions: int
    location_words: Mapping[CrampLocation, str] = field(default_factory=lambda: dict(LOCATION_WORDS))
    disclaimer: str = DISCLAIMER

    @property
    def nights(self) -> int:
        """Nights in the period asked for."""
        return (self.last - self.first).days + 1

    @property
    def averaged(self) -> bool:
        """Whether the diary covers enough nights (two weeks) for averages."""
        return self.stats.nights >= MIN_NIGHTS_TO_AVERAGE


def build_report(
    history: DiaryHistory,
    episodes: Sequence[CrampEpisode],
    sessions: Sequence[RoutineSession],
    first: date,
    last: date,
    flags: Sequence[DiaryFlag],
    *,
    now: datetime,
    location_words: Mapping[CrampLocation, str] | None = None,
    disclaimer: str = "",
) -> ReportData:
    """Summarise the nights ``first``–``last`` from the whole diary's tallies and the period's entries."""
    if last < first:
        raise ValueError(f"the report's last night {last} is before its first {first}")
    covered = history.known(first, last)  # the same known nights as the diary screen's insights
    per_month = (last - first).days + 1 > WEEKLY_UP_TO_WEEKS * 7
    if covered is None:
        stats = PeriodStats(first, last, 0, 0, 0, 0, 0, 0, None)
        bars: list[ChartBar] = []
        split = RoutineComparison(0, 0, 0, 0)
        comparison = None
    else:
        stats = period_stats(history, *covered)
        buckets = monthly(history, *covered) if per_month else weekly(history, *covered)
        bars = bars_from(buckets, monthly=per_month)
        split = with_and_without(history, *covered)
        comparison = before_after(history, covered[1])
    ordered = sorted(episodes, key=lambda episode: episode.started_at)
    return ReportData(
        first=first,
        last=last,
        made=now,
        covered=covered,
        stats=stats,
        per="month" if per_month else "week",
        bars=bars,
        summary=summarise_episodes(ordered),
        episodes=ordered,
        split=split,
        comparison=comparison if comparison is not None and comparison.started <= last else None,
        # Worked out up to the last known night of the period; none when it knows no night of it.
        flags=flags_met(history, flags, covered[1]) if covered is not None else (),
        stopped_sessions=sum(1 for session in sessions if session.status is not SessionStatus.COMPLETED),
        location_words={**LOCATION_WORDS, **(location_words or {})},
        disclaimer=disclaimer or DISCLAIMER,
    )


# --- words --------------------------------------------------------------------------------


def long_date(day: date) -> str:
    """``Mon 16 Mar 2026``."""
    return f"{day.strftime('%a')} {day_text(day)} {day.year}"


def percent(part: int, whole: int) -> str:
    # A no-break space: "10 %" never breaks across lines in the report's narrow cells.
    return f"{round(100 * part / whole)}\u00a0%" if whole else "–"


def flags_note(data: ReportData) -> str:
    """Above the warnings met: whose they are and, when the diary stops before the period does, up to when."""
    if data.covered is None or data.covered[1] >= data.last:
        return FLAGS_NOTE
    return (
        f"{FLAGS_NOTE} They rest on the weeks up to the diary's last entry, the night of "
        f"{long_date(data.covered[1])}; nothing is recorded after it."
    )


def period_text(data: ReportData) -> str:
    """``Nights of Mon 5 Jan 2026 to Sun 29 Mar 2026 (12 weeks, 84 nights).``"""
    weeks = f"{plural(data.nights // 7, 'week')}, " if data.nights % 7 == 0 else ""
    return f"Nights of {long_date(data.first)} to {long_date(data.last)} ({weeks}{plural(data.nights, 'night')})."


def coverage_text(data: ReportData) -> str:
    """Which nights of the period the diary covers, and what that means for the figures, in words."""
    if data.covered is None:
        return (
            "The diary has no entries for these nights, so nothing is known about them: there are no figures to report."
        )
    start, end = data.covered
    count = data.stats.nights
    if count == data.nights:
        text = "The diary covers every night of this period."
    else:
        span = f"the night of {long_date(start)}" if start == end else f"{long_date(start)} to {long_date(end)}"
        gaps = []
        if start > data.first:
            gaps.append("before its first entry")
        if end < data.last:
            gaps.append("after its last entry")
        text = (
            f"The diary covers {count} of these {plural(data.nights, 'night')} ({span}). "
            f"The nights {' and '.join(gaps)} are unknown and are left out of every figure."
        )
    if not data.averaged:
        text += " That is under two weeks: too few for averages, so the figures below are counts only."
    return text


def summary_rows(data: ReportData) -> list[tuple[str, str]]:
    """The summary table: (what, value) in plain words, over the covered nights only."""
    stats, summary = data.stats, data.summary
    if data.covered is None:
        return [("Cramps recorded", "no diary entries for these nights")]
    nights = plural(stats.nights, "night")
    if not stats.cramps:
        return [
            ("Cramps recorded", f"none on the {nights} the diary covers"),
            ("Bedtime stretching routine", _routine_text(data)),
        ]
    cramps = f"{plural(stats.cramps, 'cramp')} on {stats.cramp_nights} of {nights}"
    if data.averaged:
        cramps += f" ({percent(stats.cramp_nights, stats.nights)}); {stats.cramps_per_night:.1f} a night"
    rows = [("Cramps recorded", cramps)]
    if data.per == "week":
        rows.append(("Cramps per week", _weekly_text(data)))
    if stats.rated == 1:
        rows.append(("Pain (0 none – 10 worst)", f"{stats.pain_max} (1 of {plural(stats.cramps, 'cramp')} rated)"))
    elif stats.rated:
        assert stats.average_pain is not None
        rows.append(
            (
                "Pain (0 none – 10 worst)",
                f"average {stats.average_pain:.1f} ({stats.rated} of {plural(stats.cramps, 'cramp')} rated); "
                f"worst {stats.pain_max}",
            )
        )
    else:
        rows.append(("Pain (0 none – 10 worst)", "no pain scores recorded"))
    if summary.median_seconds is not None and summary.longest_seconds is not None:
        timed = sum(1 for episode in data.episodes if episode.duration_seconds is not None)
        how_long = (
            f"{duration_text(summary.longest_seconds)} (the only cramp with a duration)"
            if timed == 1
            else f"median {duration_text(summary.median_seconds)}, longest {duration_text(summary.longest_seconds)} "
            f"({timed} with a duration)"
        )
        rows.append(("How long", how_long))
    rows.append(("Bedtime stretching routine", _routine_text(data)))
    split = data.split
    if data.averaged and split.with_nights and split.without_nights:
        rows.append(
            (
                "Cramps a night, with / without the routine",
                f"{split.with_rate:.1f} on routine nights ({split.with_nights}), "
                f"{split.without_rate:.1f} on other nights ({split.without_nights})",
            )
        )
    if data.comparison is not None:
        rows.append(("Before and after starting the routine", _before_after_text(data.comparison)))
    rows.append(("Where", _counts(summary.locations, data.location_words, summary.count)))
    rows.append(("Which leg", _counts(summary.legs, LEG_WORDS, summary.count)))
    return rows


def _before_after_text(comparison: BeforeAfter) -> str:
    """The diary screen's before/after sentence, in the third person for the doctor."""
    span = weeks_text(comparison.weeks)
    after, before = comparison.after.cramps_per_night, comparison.before.cramps_per_night
    return (
        f"In the {span} after the bedtime routine was started on {day_text(comparison.started)}: "
        f"{after:.1f} cramps a night, {change_text(after, before)} {before:.1f} in the {span} before."
    )


def _weekly_text(data: ReportData) -> str:
    if not data.averaged:
        return f"not averaged: the diary covers only {plural(data.stats.nights, 'night')}, under two weeks"
    full = [bar for bar in data.bars if not bar.partial]
    if len(full) < 2:
        return "not averaged: fewer than two whole weeks (Monday to Sunday) are covered"
    counts = [bar.cramps for bar in full]
    return (
        f"{sum(counts) / len(counts):.1f} on average over {plural(len(full), 'full week')}; "
        f"fewest {min(counts)}, most {max(counts)}"
    )


def _routine_text(data: ReportData) -> str:
    stats = data.stats
    text = f"played to the end on {stats.routine_nights} of {plural(stats.nights, 'night')}"
    if data.averaged:
        text += f" ({percent(stats.routine_nights, stats.nights)})"
    if data.stopped_sessions:
        text += f"; {data.stopped_sessions} more started but not finished"
    return text


def _counts(
    counts: Sequence[tuple[CrampLocation | Leg | None, int]],
    words: Mapping[CrampLocation, str] | Mapping[Leg, str],
    total: int,
) -> str:
    if not counts:
        return "–"
    parts = []
    for value, count in counts:
        name = "not recorded" if value is None else words[value].lower()  # type: ignore[index]
        parts.append(f"{name} {count} ({percent(count, total)})")
    return ", ".join(parts)


__all__ = [
    "ABOUT",
    "CAVEAT",
    "FLAGS_NOTE",
    "ChartBar",
    "ReportData",
    "bars_from",
    "build_report",
    "coverage_text",
    "flags_note",
    "known_weekly_bars",
    "long_date",
    "period_text",
    "summary_rows",
]
