"""The "how long" answer on Cramp now's log page, as whole-minute nudges from the measured time.

The page shows the measured duration exactly as it will be saved ("3 min 20 s"); each
tap on − or + moves to the neighbouring whole minute, so what is on screen is always
what the diary gets, with no hidden rounding either way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from cramp_coach.domain.diary import Leg
from cramp_coach.domain.protocol import CrampLocation


@dataclass(frozen=True, slots=True)
class LogAnswers:
    """What the log page holds when Save is pressed (``None``: not answered)."""

    leg: Leg | None
    location: CrampLocation | None
    pain: int | None
    note: str
    duration_seconds: float


#: From this length on, a person states a duration in whole minutes (``duration_text`` does too).
WHOLE_MINUTES_FROM = 10 * 60.0

#: The longest a logged cramp can be said to have lasted (a day), so + cannot run away.
LONGEST_SECONDS = 24 * 60 * 60.0


def nudge_duration(seconds: float, minutes: int) -> float:
    """``seconds`` moved to the ``minutes``-th whole minute above (positive) or below it.

    From 3 min 20 s, +1 gives 4 min and −1 gives 3 min; from exactly 3 min, +1 gives 4 min
    and −1 gives 2 min. Never below 0 or above :data:`LONGEST_SECONDS`.
    """
    whole = seconds / 60
    if minutes > 0:
        target = math.floor(whole + 1e-9) + minutes
    elif minutes < 0:
        target = math.ceil(whole - 1e-9) + minutes
    else:
        return min(max(seconds, 0.0), LONGEST_SECONDS)
    return min(max(target * 60.0, 0.0), LONGEST_SECONDS)


def stated_duration(measured: float) -> float:
    """The measured seconds as the log page states them, which is also what it saves.

    Whole seconds under ten minutes, whole minutes from there, matching
    :func:`cramp_coach.domain.wording.duration_text` so the words on screen and the
    number in the diary never disagree.
    """
    measured = min(max(measured, 0.0), LONGEST_SECONDS)
    if measured < WHOLE_MINUTES_FROM:
        return float(round(measured))
    return round(measured / 60) * 60.0
