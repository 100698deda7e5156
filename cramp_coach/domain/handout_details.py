"""Who a printed handout is for and from: filled in the editor or on the command line."""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class HandoutDetails:
    """The names, date and contact printed at the top of a handout.

    Every field may be left empty; the handout then prints a blank line to write on by
    hand, so a physiotherapist can print first and fill in on paper.
    """

    patient: str = ""
    physiotherapist: str = ""
    date: datetime.date | None = None
    contact: str = ""
