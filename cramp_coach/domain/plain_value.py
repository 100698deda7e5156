"""Equality, hashing and repr from a ``fields()`` tuple, for the first frame's plain classes.

:class:`~cramp_coach.domain.routine_card.RoutineCard` and
:class:`~cramp_coach.domain.cramp_opening.CrampOpening` are built before the first frame,
where the dataclasses machinery costs more than the whole screen; this gives them the
value semantics a frozen dataclass would.
"""

from __future__ import annotations


class PlainValue:
    """Equal when of the same class with equal :meth:`fields`; immutable by convention."""

    __slots__ = ()

    def fields(self) -> tuple[object, ...]:
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.fields() == self.fields()

    def __hash__(self) -> int:
        return hash(self.fields())

    def __repr__(self) -> str:
        return f"{type(self).__name__}{self.fields()!r}"
