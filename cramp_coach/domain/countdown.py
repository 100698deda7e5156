"""The 3-2-1 before a timer ends, shared by the Player and the Cramp-now flow.

Each number is announced once per timer. When a stall skips past several numbers only
the latest is announced: "three, two, one" arriving together would be noise, not a cue.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The numbers announced before a timer ends.
COUNTDOWN_NUMBERS = (3, 2, 1)

# Absorbs float rounding at exact boundaries (e.g. a deadline built from a sum of
# fractional durations), so a tick landing "exactly" on a boundary counts as reaching it.
EPSILON = 1e-9


@dataclass(frozen=True, slots=True)
class Countdown:
    """The current timer has ``number`` seconds (3, 2 or 1) left."""

    number: int


class CountdownCues:
    """Which countdown number, if any, a timer has newly reached."""

    def __init__(self) -> None:
        self._last = COUNTDOWN_NUMBERS[0] + 1

    def reset(self) -> None:
        """A new timer starts: every number may be announced again."""
        self._last = COUNTDOWN_NUMBERS[0] + 1

    def pending(self, duration: float) -> tuple[int, ...]:
        """The numbers still to announce for a ``duration``-second timer, highest first."""
        return tuple(number for number in COUNTDOWN_NUMBERS if number < duration and number < self._last)

    def due(self, remaining: float, duration: float) -> Countdown | None:
        """The cue for ``remaining`` seconds left of a ``duration``-second timer, once each.

        Numbers not below the duration are never announced (a 3-second rest says only
        "two, one").
        """
        reached = [
            number
            for number in COUNTDOWN_NUMBERS
            if number < duration and remaining <= number + EPSILON and number < self._last
        ]
        if not reached:
            return None
        self._last = min(reached)
        return Countdown(self._last)
