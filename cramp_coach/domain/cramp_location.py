"""Where a cramp is: the one domain value Cramp now's first question needs.

In a module of its own, with no dataclasses, so the location picker can be built for a
cold ``--emergency`` start before the protocol's dataclasses are loaded
(``domain/cramp_opening.py``). ``domain/protocol.py`` re-exports it.
"""

from __future__ import annotations

from enum import Enum


class CrampLocation(Enum):
    """Where the cramp is."""

    CALF = "calf"
    FOOT = "foot"
    FRONT_THIGH = "front_thigh"
    BACK_THIGH = "back_thigh"
