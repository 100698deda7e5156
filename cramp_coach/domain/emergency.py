"""The local emergency number: a default from the user's country, and what counts as one.

The app never hard-codes one number for everyone: the warning signs and the first-run
screen show the number from Settings, which starts from this default. The table holds
only well-known public numbers; anything else falls back to 112, which works from mobile
phones across Europe and in many other countries (the user can change it in Settings).
"""

from __future__ import annotations

import re

FALLBACK_EMERGENCY_NUMBER = "112"

# ISO 3166 country code → the number to call for an ambulance.
_BY_COUNTRY: dict[str, str] = {
    "GB": "999",
    "IM": "999",
    "JE": "999",
    "GG": "999",
    "HK": "999",
    "MY": "999",
    "US": "911",
    "CA": "911",
    "MX": "911",
    "PR": "911",
    "AU": "000",
    "NZ": "111",
    "JP": "119",
    "KR": "119",
    "TW": "119",
    "CN": "120",
    "SG": "995",
    "IN": "112",
}

_VALID = re.compile(r"^\+?[0-9]{2,6}$")


def default_emergency_number(country_code: str) -> str:
    """The default number for a two-letter country code (any case); 112 when unknown."""
    return _BY_COUNTRY.get(country_code.strip().upper(), FALLBACK_EMERGENCY_NUMBER)


def clean_emergency_number(text: str) -> str:
    """``text`` without spaces if it looks like an emergency number (2 to 6 digits).

    Raises ``ValueError`` with a sentence for people otherwise.
    """
    number = re.sub(r"[\s-]", "", text)
    if not _VALID.match(number):
        raise ValueError(f"An emergency number is 2 to 6 digits, like 999, 911 or 112, not '{text.strip()}'.")
    return number
