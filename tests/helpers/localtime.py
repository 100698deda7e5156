"""Local-time helpers for the diary tests (used with the ``london`` fixture)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone


def at(night: date, hour: int, minute: int = 0) -> datetime:
    """``hour`` o'clock local on the night ``night`` (hours under 12 are the next morning), in UTC."""
    day = night + timedelta(days=1) if hour < 12 else night
    return datetime(day.year, day.month, day.day, hour, minute).astimezone().astimezone(timezone.utc)
