"""Gather the doctor report's facts from the diary (no Qt: ``cramp-coach report`` decides every figure here)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime

from cramp_coach.domain.diary import night_bounds
from cramp_coach.domain.insights import DiaryHistory
from cramp_coach.domain.protocol import CrampLocation, DiaryFlag
from cramp_coach.domain.report import ReportData, build_report
from cramp_coach.storage.diary_store import DiaryStore


def gather(
    store: DiaryStore,
    first: date,
    last: date,
    flags: Sequence[DiaryFlag],
    *,
    now: datetime,
    location_labels: Mapping[CrampLocation, str] | None = None,
    disclaimer: str = "",
) -> ReportData:
    """Query the diary for the nights ``first``–``last`` and summarise them (see :func:`build_report`)."""
    if last < first:
        raise ValueError(f"the report's last night {last} is before its first {first}")
    since, until = night_bounds(first, last)
    return build_report(
        DiaryHistory(store.night_tallies()),
        store.episodes(since=since, until=until),
        store.sessions(since=since, until=until),
        first,
        last,
        flags,
        now=now,
        location_words=location_labels,
        disclaimer=disclaimer,
    )
