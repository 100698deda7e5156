"""What a printed handout says besides the exercises: who it is for, the safety page, the sources.

Plain values built from the loaded content, so the PDF painter only lays them out and
a test can read them without Qt. The safety page repeats, on paper, what the app shows
under Cramp now and Help & Sources: the first-aid steps in short, the three tiers of
warning signs, and where every piece of advice comes from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cramp_coach.domain.handout_details import HandoutDetails
from cramp_coach.domain.protocol import CrampProtocol
from cramp_coach.domain.routine import Exercise, Routine
from cramp_coach.domain.wording import EVIDENCE_WORDS, POSITION_WORDS, date_text, duration_text, plural

#: Printed when a detail is left empty: a line to write on.
BLANK = "_" * 28


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """One thing the handout tells the reader to do, how strong the support is, and where it comes from."""

    title: str
    evidence: str
    sources: tuple[str, ...]


def detail_lines(details: HandoutDetails) -> tuple[tuple[str, str], ...]:
    """``(label, value)`` pairs for the top of the handout; empty values become a line to write on."""
    return (
        ("For", details.patient or BLANK),
        ("From", f"{details.physiotherapist}, physiotherapist" if details.physiotherapist else BLANK),
        ("Date", date_text(details.date) if details.date else BLANK),
        ("Contact", details.contact or BLANK),
    )


def note_heading(details: HandoutDetails, *, written_by_physiotherapist: bool) -> str:
    """The heading over the routine's note: it names a physiotherapist only when one wrote it."""
    if not written_by_physiotherapist:
        return "About this routine"
    if details.physiotherapist:
        return f"From your physiotherapist, {details.physiotherapist}"
    return "From your physiotherapist"


def emergency_line(emergency_number: str) -> str:
    """Under the emergency tier: the number, or a line to write it on."""
    return f"Your emergency number: {emergency_number or BLANK[:10]}"


def routine_line(routine: Routine) -> str:
    """Under the title: ``4 exercises · about 7 min · standing, then seated``."""
    from cramp_coach.domain.routine_card import routine_facts

    return f"{plural(len(routine.steps), 'exercise')} · {routine_facts(routine)}"


def exercise_facts(exercise: Exercise, seconds: float, rest: float | None, *, approximate: bool) -> str:
    """Under an exercise's dose, e.g. ``Standing · 1 min 45 s in all · 10 s rests · Evidence: …``.

    ``approximate`` when the routine has untimed steps, so its lengths are estimates.
    """
    facts = [
        POSITION_WORDS[exercise.position].capitalize(),
        f"{'about ' if approximate else ''}{duration_text(seconds)} in all",
    ]
    if rest:
        facts.append(f"{duration_text(rest)} rests")  # short: the line must fit beside the picture
    facts.append(f"Evidence: {EVIDENCE_WORDS[exercise.evidence].lower()}")
    return " · ".join(facts)


def _unique(sources: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(sources))


def source_entries(routine: Routine, protocol: CrampProtocol | None) -> tuple[SourceEntry, ...]:
    """The routine's exercises (in order, each once), the routine itself, first aid, then each tier of warning signs."""
    entries: list[SourceEntry] = []
    seen: set[str] = set()
    for step in routine.steps:
        exercise = step.exercise
        if exercise.id in seen:
            continue
        seen.add(exercise.id)
        entries.append(SourceEntry(exercise.name, EVIDENCE_WORDS[exercise.evidence], exercise.sources))
    if routine.sources:
        entries.append(SourceEntry(f"The routine as a whole ({routine.title})", "", routine.sources))
    if protocol is not None:
        steps = [protocol.sit_first_check, protocol.closing]
        steps += [step for plan in protocol.locations for step in plan.steps]
        levels = sorted({step.evidence for step in steps}, key=list(EVIDENCE_WORDS).index)
        entries.append(
            SourceEntry(
                "During a cramp",
                " or ".join(EVIDENCE_WORDS[level] for level in levels).capitalize(),
                _unique(source for step in steps for source in step.sources),
            )
        )
        entries += [
            SourceEntry(f"Warning signs: {tier.title}", "", tier.sources) for tier in protocol.red_flags if tier.sources
        ]
    return tuple(entries)


@dataclass(frozen=True, slots=True)
class References:
    """Sources numbered once each, in order of first use, and each entry's numbers.

    On paper a source shared by many entries is listed once, like a reference list in
    a leaflet, instead of being repeated under every exercise.
    """

    sources: tuple[str, ...]
    numbers: tuple[tuple[int, ...], ...]


def numbered_references(entries: Iterable[SourceEntry]) -> References:
    """Number every distinct source from 1; ``numbers[i]`` are the ones entry ``i`` cites."""
    order: dict[str, int] = {}
    numbers: list[tuple[int, ...]] = []
    for entry in entries:
        numbers.append(tuple(order.setdefault(source, len(order) + 1) for source in _unique(entry.sources)))
    return References(tuple(order), tuple(numbers))
