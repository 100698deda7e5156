"""The Cramp-now protocol: first-aid steps per cramp location, warning signs, disclaimer.

The content lives in ``routines/cramp-now.yaml``; this module only gives it shape and
the one rule that matters most at night: standing steps are hidden unless the user
has said they can stand safely, and every run of standing steps starts with the
sit-first check.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from cramp_coach.domain.cramp_location import CrampLocation as CrampLocation  # where it always was
from cramp_coach.domain.routine import Evidence


class Urgency(Enum):
    """The three tiers of warning signs, most urgent first."""

    EMERGENCY = "emergency"
    URGENT = "urgent"
    ROUTINE = "routine"


@dataclass(frozen=True, slots=True)
class ProtocolStep:
    """One screen of the Cramp-now flow.

    ``caution`` is a safety line shown on screen in large print (empty: none). It is
    never only spoken, so a person with the voice off still sees it; the format requires
    one on every step that talks about rubbing or warming a leg.
    """

    title: str
    lines: tuple[str, ...]
    say: str
    timer_seconds: float | None = None
    standing: bool = False
    illustration: str | None = None
    caution: str = ""
    evidence: Evidence = Evidence.COMMON_PRACTICE
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LocationPlan:
    """The ordered steps for one cramp location."""

    location: CrampLocation
    label: str
    hint: str
    steps: tuple[ProtocolStep, ...]


@dataclass(frozen=True, slots=True)
class RedFlagTier:
    """One tier of warning signs and what to do about them.

    ``sources`` say where the signs come from (shown in Help & Sources and on handouts,
    not on the Cramp-now screen, where only the signs matter).
    """

    urgency: Urgency
    title: str
    signs: tuple[str, ...]
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DiaryFlag:
    """A frequency warning the diary shows when the user's own record meets it.

    It is met when, in each of the last ``weeks`` weeks (7 nights each, counted back
    from last night, or from the diary's last entry if that is earlier: nights nobody
    logged never clear a warning), at least ``nights_with_cramps`` nights had ``cramps_per_night`` or
    more cramps, and (when ``routine_nights`` is above 0) at least that many nights had
    a completed routine. The thresholds come from ``routines/cramp-now.yaml``.
    """

    message: str
    weeks: int
    nights_with_cramps: int
    cramps_per_night: int = 1
    routine_nights: int = 0


@dataclass(frozen=True, slots=True)
class StandGate:
    """The question asked before the first standing step: can you stand safely?"""

    title: str
    lines: tuple[str, ...]
    say: str


@dataclass(frozen=True, slots=True)
class CrampProtocol:
    """The whole Cramp-now protocol."""

    id: str
    disclaimer: str
    sit_first_check: ProtocolStep
    stand_gate: StandGate
    urgent_after_minutes: float
    urgent_message: str
    locations: tuple[LocationPlan, ...]
    default_location: CrampLocation
    closing: ProtocolStep
    red_flags: tuple[RedFlagTier, ...]
    diary_flags: tuple[DiaryFlag, ...] = ()
    #: Words under the "Not sure" button (empty: the screen says which steps it starts).
    not_sure_hint: str = ""
    #: When the file was last reviewed against its sources (``reviewed:``).
    reviewed: date | None = None
    #: The first aid in a few lines, for paper (handouts).
    in_short: tuple[str, ...] = ()

    def plan(self, location: CrampLocation) -> LocationPlan:
        for plan in self.locations:
            if plan.location is location:
                return plan
        raise KeyError(location)

    def steps_for(self, location: CrampLocation, *, can_stand: bool) -> tuple[ProtocolStep, ...]:
        """The steps to show, in order.

        Without ``can_stand`` every standing step is dropped. With it, the sit-first
        check goes before each run of consecutive standing steps, so nobody is told to
        stand straight from lying down.
        """
        result: list[ProtocolStep] = []
        previous_standing = False
        for step in self.plan(location).steps:
            if step.standing and not can_stand:
                continue
            if step.standing and not previous_standing:
                result.append(self.sit_first_check)
            result.append(step)
            previous_standing = step.standing
        return tuple(result)
