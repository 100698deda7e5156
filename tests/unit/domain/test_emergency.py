"""The local emergency number: a default per country, and only plausible numbers stored."""

from __future__ import annotations

import pytest

from cramp_coach.domain.emergency import clean_emergency_number, default_emergency_number


@pytest.mark.parametrize(
    ("country", "number"),
    [("GB", "999"), ("gb", "999"), ("US", "911"), ("CA", "911"), ("AU", "000"), ("DE", "112"), ("FR", "112")],
)
def test_default_follows_the_country(country: str, number: str) -> None:
    assert default_emergency_number(country) == number


@pytest.mark.parametrize("country", ["", "ZZ", "C"])
def test_unknown_country_falls_back_to_112(country: str) -> None:
    assert default_emergency_number(country) == "112"


def test_spaces_are_removed_from_a_number() -> None:
    assert clean_emergency_number(" 9 1 1 ") == "911"


@pytest.mark.parametrize("text", ["", "9", "call 999", "1234567", "999!"])
def test_implausible_numbers_are_refused_with_a_sentence(text: str) -> None:
    with pytest.raises(ValueError, match="An emergency number is 2 to 6 digits"):
        clean_emergency_number(text)
