"""The diary screen's sentences: insights, the caveat, and what the warnings rest on, in plain words.

They are deliberately plain and modest: they report the user's own numbers, say "down
from" or "up from", and never claim the routine caused a change. Only known nights
count (:meth:`~cramp_coach.domain.insights.DiaryHistory.known`): when the last entry is
older than last night, the sentences say so and end with it.
"""

from __future__ import annotations

from datetime import date, timedelta

from cramp_coach.domain.insights import (
    COMPARISON_WEEKS,
    MIN_NIGHTS_TO_COMPARE,
    ONE_DAY,
    WEEK_NIGHTS,
    BeforeAfter,
    DiaryHistory,
    PeriodStats,
    RoutineComparison,
    before_after,
    period_stats,
    with_and_without,
)
from cramp_coach.domain.wording import date_text, day_text, weeks_text

CAVEAT = (
    "These figures are your own diary, not a medical test. Cramps come and go for many reasons, "
    "so small changes may mean little."
)
NOT_ENOUGH_YET = (
    "Keep logging: after a week or two of entries, the diary can compare nights with and without your routine."
)


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
