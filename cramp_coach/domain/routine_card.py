"""What Home shows of a routine: its id, title, summary and one line of facts.

A plain class, not a dataclass, and no routine or timeline import at module level:
Home's first frame is built from these, read back from a small index
(``storage/first_frame_index.py``) before the routine files or the domain's dataclasses are
loaded (the dataclasses machinery alone costs a start-up more than the whole Home screen).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cramp_coach.domain.plain_value import PlainValue

if TYPE_CHECKING:
    from cramp_coach.domain.routine import Routine


class RoutineCard(PlainValue):
    """One routine as Home lists it. Equal when every field is."""

    __slots__ = ("facts", "id", "summary", "title")

    def __init__(self, id: str, title: str, summary: str, facts: str) -> None:
        self.id = id
        self.title = title
        self.summary = summary
        self.facts = facts

    @classmethod
    def of(cls, routine: Routine) -> RoutineCard:
        return cls(routine.id, routine.title, routine.summary, routine_facts(routine))

    def fields(self) -> tuple[str, str, str, str]:
        return (self.id, self.title, self.summary, self.facts)


def routine_facts(routine: Routine) -> str:
    """``about 8 min · standing, then seated``: the length and the positions in order (Home, handouts)."""
    from cramp_coach.domain.timeline import compile_routine
    from cramp_coach.domain.wording import minutes_text, positions_text

    length = minutes_text(compile_routine(routine).total_seconds)
    return f"{length} · {positions_text([step.exercise.position for step in routine.steps])}"
