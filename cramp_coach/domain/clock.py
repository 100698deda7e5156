"""The two clocks the domain reads, as injectable protocols, and their real implementations.

Timing uses only the monotonic :class:`Clock`: it never jumps when the user changes the
system time or daylight saving starts. Wall time (:class:`WallClock`) is for diary
timestamps only and is always timezone-aware UTC. Tests pass fakes
(``tests/helpers/fakes.py``) instead of patching :mod:`time`.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from datetime import datetime


class Clock(Protocol):
    """A monotonic clock in seconds; only differences between readings mean anything."""

    def monotonic(self) -> float:
        """Return the current monotonic time in seconds."""
        ...


class WallClock(Protocol):
    """The calendar time: diary entries' stamps, and when night falls for the "auto" theme."""

    def now(self) -> datetime:
        """Return the current time as an aware datetime in UTC."""
        ...

    def local_hour(self) -> int:
        """Return the hour (0-23) of the local time on this computer."""
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
        # Imported here: the first frame asks only for the hour, and importing datetime
        # (its pure-Python definitions run before the C ones replace them) costs it ~6 M
        # instructions. timezone.utc rather than datetime.UTC: Python 3.10 is supported.
        from datetime import datetime, timezone

        return datetime.now(timezone.utc)

    def local_hour(self) -> int:
        """Return the hour of the local time (:func:`time.localtime`)."""
        return time.localtime().tm_hour


class ScaledClock:
    """A monotonic clock running ``scale`` times faster than ``base``.

    For demos and end-to-end tests (``--time-scale``) and the editor's 10x preview.
    Changing the scale keeps the reading continuous, so a running countdown never jumps.
    """

    def __init__(self, scale: float = 1.0, base: Clock | None = None) -> None:
        self._base_clock: Clock = base or SystemClock()
        self._scale = scale
        self._origin = self._base_clock.monotonic()
        self._start = self._origin

    def monotonic(self) -> float:
        """Return the scaled reading."""
        return self._start + (self._base_clock.monotonic() - self._origin) * self._scale

    @property
    def scale(self) -> float:
        """How many times faster than the base clock this one runs."""
        return self._scale

    def set_scale(self, scale: float) -> None:
        """Run ``scale`` times faster from now on, continuing from the current reading."""
        now = self.monotonic()
        self._origin, self._start, self._scale = self._base_clock.monotonic(), now, scale
