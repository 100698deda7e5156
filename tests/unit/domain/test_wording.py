"""Words for people: one place, one way of saying each thing."""

from __future__ import annotations

import pytest

from cramp_coach.domain.wording import clock_text, duration_text, minutes_text, plural


@pytest.mark.parametrize(
    ("count", "word", "many", "expected"),
    [
        (0, "night", None, "0 nights"),
        (1, "night", None, "1 night"),
        (2, "cramp", None, "2 cramps"),
        (1, "entry", "entries", "1 entry"),
        (3, "entry", "entries", "3 entries"),
    ],
)
def test_plural_agrees_with_the_count(count: int, word: str, many: str | None, expected: str) -> None:
    assert plural(count, word, many) == expected


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(0, "0:00"), (0.2, "0:01"), (59.5, "1:00"), (125, "2:05"), (-3, "0:00")],
)
def test_clock_rounds_up_so_zero_means_done(seconds: float, expected: str) -> None:
    assert clock_text(seconds) == expected


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(45, "45 s"), (114, "1 min 54 s"), (725, "12 min"), (3600, "1 h"), (5400, "1 h 30 min")],
)
def test_durations_read_as_a_person_writes_them(seconds: float, expected: str) -> None:
    assert duration_text(seconds) == expected


def test_routine_length_is_rough() -> None:
    assert minutes_text(20) == "under a minute"
    assert minutes_text(8 * 60 + 10) == "about 8 min"
