"""What Help & Sources says, as plain values: built from the loaded content, shown by the UI.

Everything comes from the routine files (disclaimer, warning signs, each exercise's and
each Cramp-now step's evidence and sources), so a physiotherapist's own files are
described as faithfully as the built-ins. The screen only lays these values out; the
printed handout uses the same evidence words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from cramp_coach.domain.protocol import CrampProtocol, ProtocolStep, Urgency
from cramp_coach.domain.routine import Evidence, Exercise, Routine
from cramp_coach.domain.wording import EVIDENCE_MEANING, EVIDENCE_WORDS, POSITION_WORDS, date_text

#: Anchors of the sections, so other screens can open Help at the right place.
ABOUT = "about"
EMERGENCY = "emergency"
EVIDENCE = "evidence"
ROUTINES = "routines"
EXERCISES = "exercises"
CRAMP_NOW = "cramp-now"
YOUR_DATA = "your-data"


@dataclass(frozen=True, slots=True)
class HelpItem:
    """One thing described: a name, its evidence in plain words, notes and sources.

    Attributes:
        title: e.g. ``Wall calf stretch`` or ``Calf · Rub the calf``.
        evidence: the evidence level in a few words (empty for items without one).
        lines: plain sentences (what it is, the evidence note).
        sources: where it comes from, one per entry.
        tone: ``warning`` for the warning signs that need help today or now (the screen
            draws those cards with a red border); empty otherwise.
    """

    title: str
    evidence: str = ""
    lines: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    tone: str = ""


@dataclass(frozen=True, slots=True)
class HelpSection:
    anchor: str
    title: str
    intro: tuple[str, ...]
    items: tuple[HelpItem, ...] = ()


@dataclass(frozen=True, slots=True)
class DataLocations:
    """Where the user's data lives, as text to show (paths are the user's own)."""

    folder: str
    diary: str
    routines: str
    settings: str


def _evidence(level: Evidence) -> str:
    return EVIDENCE_WORDS[level]


def _reviewed(days: Iterable[date | None]) -> date | None:
    known = [day for day in days if day is not None]
    return min(known) if known else None


def step_item(step: ProtocolStep, where: str) -> HelpItem:
    lines = (step.caution,) if step.caution else ()
    return HelpItem(f"{where} · {step.title}", _evidence(step.evidence), lines, step.sources)


def exercise_item(exercise: Exercise) -> HelpItem:
    lines = [f"Done {POSITION_WORDS[exercise.position]}."]
    if exercise.evidence_note:
        lines.append(exercise.evidence_note)
    return HelpItem(exercise.name, _evidence(exercise.evidence), tuple(lines), exercise.sources)


def help_sections(
    protocol: CrampProtocol | None,
    exercises: Mapping[str, Exercise],
    routines: Mapping[str, Routine],
    *,
    version: str,
    emergency_number: str,
    data: DataLocations,
) -> tuple[HelpSection, ...]:
    """Every section of Help & Sources, in reading order."""
    used = {step.exercise.id: step.exercise for routine in routines.values() for step in routine.steps}
    every_exercise = {**exercises, **used}
    reviewed = _reviewed(
        [protocol.reviewed if protocol else None]
        + [exercise.reviewed for exercise in every_exercise.values()]
        + [routine.reviewed for routine in routines.values()]
    )
    sections = [
        HelpSection(
            ABOUT,
            "What Cramp Coach is, and is not",
            (protocol.disclaimer,)
            if protocol
            else (
                "Cramp Coach guides gentle bedtime stretches and simple first-aid steps for ordinary "
                "night-time leg cramps. It does not diagnose or treat any illness.",
            ),
        ),
        _emergency_section(protocol, emergency_number),
        HelpSection(
            EVIDENCE,
            "How strong is the evidence?",
            ("Every exercise and every Cramp-now step carries one of three labels:",),
            tuple(HelpItem(EVIDENCE_WORDS[level], lines=(EVIDENCE_MEANING[level],)) for level in Evidence),
        ),
        HelpSection(
            ROUTINES,
            "Bedtime routines",
            ("Where each routine's design comes from.",),
            tuple(
                HelpItem(routine.title, lines=(routine.summary,), sources=routine.sources)
                for routine in sorted(routines.values(), key=lambda routine: routine.title)
            ),
        ),
        HelpSection(
            EXERCISES,
            "Exercises",
            ("Each exercise, how strong the support for it is, and its sources.",),
            tuple(exercise_item(exercise) for exercise in sorted(every_exercise.values(), key=lambda e: e.name)),
        ),
    ]
    if protocol is not None:
        steps = [step_item(protocol.sit_first_check, "Before standing")]
        for plan in protocol.locations:
            steps += [step_item(step, plan.label) for step in plan.steps]
        steps.append(step_item(protocol.closing, "Afterwards"))
        sections.append(
            HelpSection(
                CRAMP_NOW,
                "Cramp now steps",
                (
                    "The first-aid steps for each place a cramp can be, with their evidence and sources. "
                    "Steps done standing are shown only after you say you can stand safely.",
                ),
                tuple(steps),
            )
        )
    sections.append(
        HelpSection(
            YOUR_DATA,
            "About this copy, and your data",
            (
                f"Cramp Coach version {version}.",
                f"Content last reviewed against its sources: {date_text(reviewed)}."
                if reviewed
                else "The content does not say when it was last reviewed.",
                "Your diary, settings and your own routines stay on this computer. "
                "Cramp Coach sends nothing over the internet.",
                f"Data folder: {data.folder}",
                f"Diary: {data.diary}",
                f"Your own routines: {data.routines}",
                f"Settings: {data.settings}",
            ),
        )
    )
    return tuple(sections)


def _emergency_section(protocol: CrampProtocol | None, emergency_number: str) -> HelpSection:
    intro = (
        f"Your emergency number: {emergency_number}. You can change it in Settings.",
        "These warning signs are the same for everyone; the app does not judge your symptoms.",
    )
    if protocol is None:
        return HelpSection(EMERGENCY, "Warning signs", intro)
    return HelpSection(
        EMERGENCY,
        "Warning signs",
        intro,
        tuple(
            HelpItem(
                tier.title,
                lines=tuple(f"• {sign}" for sign in tier.signs),
                sources=tier.sources,
                tone="" if tier.urgency is Urgency.ROUTINE else "warning",
            )
            for tier in protocol.red_flags
        ),
    )
