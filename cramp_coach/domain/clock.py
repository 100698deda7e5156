"""The two clocks the domain reads, as injectable protocols, and their real implementations.

Timing uses only the monotonic :class:`Clock`: it never jumps when the user changes the
system time or daylight saving starts. Wall time (:class:`WallClock`) is for diary
timestamps only and is always timezone-aware UTC. Tests pass fakes
(``tests/helpers/fakes.py``) instead of patching :mod:`time`.
"""

from __future__ import annotations

import time
from datetime import datetime, timezone
from typing import Protocol


class Clock(Protocol):
    """A monotonic clock in seconds; only differences between readings mean anything."""

    def monotonic(self) -> float:
        """Return the current monotonic time in seconds."""
        ...


class WallClock(Protocol):
    """The calendar time, used only to stamp diary entries."""

    def now(self) -> datetime:
        """Return the current time as an aware datetime in UTC."""
        ...


class SystemClock:
    """The real monotonic clock (:func:`time.monotonic`)."""

    def monotonic(self) -> float:
        """Return :func:`time.monotonic`."""
        return time.monotonic()


class SystemWallClock:
    """The real calendar clock, in UTC."""

    def now(self) -> datetime:
        """Return the current time as an aware UTC datetime."""
        # timezone.utc rather than datetime.UTC: the package still supports Python 3.10.
        return datetime.now(timezone.utc)
