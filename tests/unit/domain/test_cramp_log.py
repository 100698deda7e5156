"""The log page's duration: shown as stated, saved as shown, nudged by whole minutes."""

from __future__ import annotations

import pytest

from cramp_coach.domain.cramp_log import LONGEST_SECONDS, nudge_duration, stated_duration
from cramp_coach.domain.wording import duration_text


@pytest.mark.parametrize(
    ("seconds", "minutes", "expected"),
    [
        (200, 1, 240),  # 3 min 20 s → 4 min
        (200, -1, 180),  # → 3 min
        (180, 1, 240),
        (180, -1, 120),
        (3, 1, 60),
        (3, -1, 0),
        (0, -1, 0),
        (LONGEST_SECONDS, 1, LONGEST_SECONDS),
    ],
)
def test_nudges_go_to_the_neighbouring_whole_minute(seconds: float, minutes: int, expected: float) -> None:
    assert nudge_duration(seconds, minutes) == expected


@pytest.mark.parametrize("measured", [0, 2.6, 59.4, 200.2, 599.4, 599.6, 740, 3725, 10_000])
def test_the_stated_duration_reads_exactly_as_it_is_saved(measured: float) -> None:
    stated = stated_duration(measured)
    assert abs(stated - measured) <= 30
    # Read back from its words, the figure is the same: nothing hidden by rounding.
    assert _seconds_from(duration_text(stated)) == stated


def _seconds_from(text: str) -> float:
    units = {"h": 3600, "min": 60, "s": 1}
    parts = text.split()
    return float(sum(int(number) * units[unit] for number, unit in zip(parts[::2], parts[1::2], strict=True)))
