"""Words for people, in one place: durations, clock times, counts, legs, places, positions.

Screens, the handout, the doctor report and the command line all say the same thing
the same way because they all ask this module. Speech has its own forms (``ten
seconds``) because a speech engine reads ``10 s`` badly.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from cramp_coach.domain.diary import Leg
    from cramp_coach.domain.protocol import CrampLocation
    from cramp_coach.domain.routine import Evidence, Position

    LEG_WORDS: dict[Leg, str]
    LOCATION_WORDS: dict[CrampLocation, str]
    POSITION_WORDS: dict[Position, str]
    EVIDENCE_WORDS: dict[Evidence, str]
    EVIDENCE_MEANING: dict[Evidence, str]


def _word_tables() -> dict[str, dict[object, str]]:
    # Built on first use (module __getattr__ below): Home's first frame needs only
    # plural(), and these tables would load the routine, protocol and diary types.
    from cramp_coach.domain.diary import Leg
    from cramp_coach.domain.protocol import CrampLocation
    from cramp_coach.domain.routine import Evidence, Position

    return {
        "LEG_WORDS": {Leg.LEFT: "Left", Leg.RIGHT: "Right", Leg.BOTH: "Both"},
        "LOCATION_WORDS": {
            CrampLocation.CALF: "Calf",
            CrampLocation.FOOT: "Foot or toes",
            CrampLocation.FRONT_THIGH: "Front of thigh",
            CrampLocation.BACK_THIGH: "Back of thigh",
        },
        "POSITION_WORDS": {
            Position.STANDING: "standing",
            Position.SITTING: "seated",
            Position.LYING: "lying down",
        },
        # How strong the support is, in a few plain words (Help & Sources, handouts).
        "EVIDENCE_WORDS": {
            Evidence.TRIAL: "Tested in a trial",
            Evidence.GUIDELINE: "Advised by health services",
            Evidence.COMMON_PRACTICE: "Common practice",
        },
        # What each evidence level means, in a sentence.
        "EVIDENCE_MEANING": {
            Evidence.TRIAL: "Tested in a randomised trial of people with night cramps. The evidence is still "
            "limited: it may help, it is not a cure.",
            Evidence.GUIDELINE: "Advised by national health services, clinical guidance or large clinics. "
            "This is expert advice, not tested in a trial.",
            Evidence.COMMON_PRACTICE: "Common practice, with little direct evidence either way. Included "
            "because it is gentle and widely used, or adapted by cramp-coach to be safer at night.",
        },
    }


def __getattr__(name: str) -> dict[object, str]:
    if name in ("LEG_WORDS", "LOCATION_WORDS", "POSITION_WORDS", "EVIDENCE_WORDS", "EVIDENCE_MEANING"):
        tables = _word_tables()
        globals().update(tables)
        return tables[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 night``, ``2 nights``, ``0 entries`` (give ``many`` when adding an s is wrong)."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def clock_text(seconds: float) -> str:
    """``2:05``: what a countdown shows (seconds rounded up, so 0:00 means done)."""
    whole = max(0, math.ceil(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def duration_text(seconds: float) -> str:
    """``45 s``, ``1 min 54 s``, ``12 min``: how a person writes a length (never ``1:54``, a clock time)."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    minutes, rest = divmod(whole, 60)
    if minutes >= 60:
        hours, minutes = divmod(minutes, 60)
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{minutes} min" if minutes >= 10 or rest == 0 else f"{minutes} min {rest} s"


def minutes_text(seconds: float) -> str:
    """``about 8 min``: a routine's length, where a rough figure reads better."""
    minutes = round(seconds / 60)
    return "under a minute" if minutes < 1 else f"about {minutes} min"


def day_text(night: date) -> str:
    """``3 Mar`` (no leading zero, English month names on every platform)."""
    return f"{night.day} {_MONTHS[night.month - 1]}"


def positions_text(positions: Sequence[Position]) -> str:
    """``standing, then seated``: the positions in the order they come, each change once.

    A routine that starts standing and ends in bed is not simply "standing".
    """
    words: dict[Position, str] = __getattr__("POSITION_WORDS")  # type: ignore[assignment]
    changes = [position for index, position in enumerate(positions) if index == 0 or positions[index - 1] != position]
    return ", then ".join(words[position] for position in changes)


def date_text(day: date) -> str:
    """``23 Nov 2026``: a calendar date with its year (review dates, handouts)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def weeks_text(weeks: int) -> str:
    """``week`` / ``6 weeks``, as in "in the last 6 weeks"."""
    return "week" if weeks == 1 else f"{weeks} weeks"


_ONES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def spoken_number(value: float) -> str:
    """Return a number as words for speech, e.g. ``10`` → ``ten``, ``45`` → ``forty-five``.

    Whole numbers from 0 to 100 become words; anything else keeps its digits
    (``7.5`` → ``7.5``), which speech engines read out correctly anyway.
    """
    if value != int(value) or not 0 <= value <= 100:
        return f"{value:g}"
    number = int(value)
    if number == 100:
        return "one hundred"
    if number < 20:
        return _ONES[number]
    tens, ones = divmod(number, 10)
    return _TENS[tens] if ones == 0 else f"{_TENS[tens]}-{_ONES[ones]}"


def spoken_duration(seconds: float) -> str:
    """Return a duration for speech: ``ten seconds``, ``one minute``, ``two minutes and five seconds``."""
    if seconds >= 60 and seconds == int(seconds):
        minutes, rest = divmod(int(seconds), 60)
        in_minutes = spoken_count(minutes, "minute")
        return in_minutes if rest == 0 else f"{in_minutes} and {spoken_count(rest, 'second')}"
    return spoken_count(seconds, "second")


def spoken_count(value: float, unit: str) -> str:
    return f"{spoken_number(value)} {unit}" + ("" if value == 1 else "s")
