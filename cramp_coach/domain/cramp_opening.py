"""What Cramp now's first question shows: the location choices, "Not sure" and the disclaimer.

A plain class, not a dataclass, like :class:`~cramp_coach.domain.routine_card.RoutineCard`:
a cold ``--emergency`` start builds the location picker from this, read back from a small
index (``storage/first_frame_index.py``), before the protocol's dataclasses are loaded;
the full protocol (the steps, timers and warning signs) follows right after the first frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cramp_coach.domain.cramp_location import CrampLocation
from cramp_coach.domain.plain_value import PlainValue

if TYPE_CHECKING:
    from cramp_coach.domain.protocol import CrampProtocol

#: (location value, label, hint) of one choice: what the index stores.
ChoiceFields = tuple[str, str, str]
#: A :class:`CrampOpening` as plain values (what the first frame's index stores).
OpeningFields = tuple[tuple[ChoiceFields, ...], str, str, str]


class LocationChoice:
    """One big button of the picker: "Calf" / "back of the lower leg"."""

    __slots__ = ("hint", "label", "location")

    def __init__(self, location: CrampLocation, label: str, hint: str) -> None:
        self.location = location
        self.label = label
        self.hint = hint

    def fields(self) -> ChoiceFields:
        return (self.location.value, self.label, self.hint)


class CrampOpening(PlainValue):
    """The picker's words, in the protocol's order. Equal when every field is."""

    __slots__ = ("choices", "default_location", "disclaimer", "not_sure_hint")

    def __init__(
        self,
        choices: tuple[LocationChoice, ...],
        default_location: CrampLocation,
        not_sure_hint: str,
        disclaimer: str,
    ) -> None:
        self.choices = choices
        self.default_location = default_location
        self.not_sure_hint = not_sure_hint
        self.disclaimer = disclaimer

    @classmethod
    def of(cls, protocol: CrampProtocol) -> CrampOpening:
        default = protocol.plan(protocol.default_location)
        return cls(
            tuple(LocationChoice(plan.location, plan.label, plan.hint) for plan in protocol.locations),
            protocol.default_location,
            protocol.not_sure_hint or f"start with the {default.label.lower()} steps",
            protocol.disclaimer,
        )

    def fields(self) -> OpeningFields:
        """Plain values only (strings and tuples), for ``marshal``."""
        choices = tuple(choice.fields() for choice in self.choices)
        return (choices, self.default_location.value, self.not_sure_hint, self.disclaimer)

    @classmethod
    def from_fields(cls, fields: OpeningFields) -> CrampOpening:
        """Back from :meth:`fields`; ``ValueError`` or ``TypeError`` when they are not such values."""
        choices, default, hint, disclaimer = fields
        return cls(
            tuple(LocationChoice(CrampLocation(str(value)), str(label), str(text)) for value, label, text in choices),
            CrampLocation(str(default)),
            str(hint),
            str(disclaimer),
        )
