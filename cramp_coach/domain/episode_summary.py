"""Where and how long the cramps of a period were: the doctor report's episode figures."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from cramp_coach.domain.diary import CrampEpisode, Leg
from cramp_coach.domain.protocol import CrampLocation

_Key = TypeVar("_Key", CrampLocation, Leg)


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
