"""Option values the diary commands check themselves, so a bad value exits 1 with one sentence.

The project's convention for every command: exit status 2 is for usage errors only (an
unknown option, a missing argument), which argparse reports; a value the command cannot
use (a date it cannot read, one outside the diary's years, ``--from`` after ``--to``, a
file that is not there) is bad input: one sentence naming the option and what it allows,
exit status 1, nothing written. So these options are read by argparse as plain text and
checked here, never with an argparse ``type=`` (whose errors exit 2).

Standard library only: the commands check their values before any diary, catalog or Qt
is loaded.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from cramp_coach.domain.diary_bounds import EARLIEST_YEAR, LATEST_YEAR

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
FIRST_DAY, LAST_DAY = date(EARLIEST_YEAR, 1, 1), date(LATEST_YEAR, 12, 31)
#: The range every night option allows, in words.
NIGHT_RANGE = f"from {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()} (the diary's years)"


class OptionValueError(ValueError):
    """A value a command cannot use; ``str()`` is one sentence naming the option and what it allows."""


def night_value(option: str, text: str) -> date:
    """The night ``text`` names (``YYYY-MM-DD``, within the diary's years), or :class:`OptionValueError`."""
    if not _ISO_DAY.fullmatch(text):
        raise OptionValueError(f"{option}: expected a date like 2026-03-02 {NIGHT_RANGE}, found '{text}'")
    try:
        night = date.fromisoformat(text)
    except ValueError:
        raise OptionValueError(
            f"{option}: expected a date like 2026-03-02 {NIGHT_RANGE}, found '{text}' (no such day)"
        ) from None
    if not FIRST_DAY <= night <= LAST_DAY:
        raise OptionValueError(f"{option}: expected a date {NIGHT_RANGE}, found '{text}'")
    return night


def report_nights(first: str | None, last: str | None, *, last_night: date, weeks: int) -> tuple[date, date]:
    """The nights a report covers, from ``--from``/``--to`` as typed (``None``: not given).

    The default is the ``weeks`` weeks ending ``last_night``; ``--to`` alone gives the
    ``weeks`` weeks ending there (never before the diary's first year); ``--from`` alone
    runs to ``last_night``.
    """
    start = night_value("--from", first) if first is not None else None
    end = night_value("--to", last) if last is not None else last_night
    if start is None:
        return max(end - timedelta(days=weeks * 7 - 1), FIRST_DAY), end
    if start > end:
        if last is not None:
            raise OptionValueError(f"--from {start} is after --to {end}")
        raise OptionValueError(
            f"--from {start} is after last night ({end}), where the report ends unless --to says otherwise"
        )
    return start, end


def existing_file(option: str, text: str) -> str:
    """``text`` when it names an existing file, else :class:`OptionValueError` saying what it is instead."""
    from pathlib import Path

    path = Path(text)
    if path.is_dir():
        raise OptionValueError(f"{option}: {text} is a folder; expected a CSV file")
    if not path.is_file():
        raise OptionValueError(f"{option}: there is no file {text}")
    return text
