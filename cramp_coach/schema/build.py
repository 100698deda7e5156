"""Turn validated values (from :mod:`.loader`) into frozen domain objects.

Only called on values that passed validation, so it trusts their shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from cramp_coach.domain.protocol import (
    CrampLocation,
    CrampProtocol,
    DiaryFlag,
    LocationPlan,
    ProtocolStep,
    RedFlagTier,
    StandGate,
    Urgency,
)
from cramp_coach.domain.routine import (
    Dose,
    DoseKind,
    Evidence,
    Exercise,
    Position,
    Routine,
    RoutineStep,
    Sides,
)
from cramp_coach.schema.spec import LOCATION_NAMES


def build_dose(value: Mapping[str, Any]) -> Dose:
    if "hold_seconds" in value:
        kind = DoseKind.HOLD
    elif "tempo_seconds" in value:
        kind = DoseKind.TIMED_REPS
    elif "duration_seconds" in value:
        kind = DoseKind.CONTINUOUS
    else:
        kind = DoseKind.UNTIMED_REPS
    return Dose(
        kind=kind,
        reps=value.get("reps", 1),
        hold_seconds=value.get("hold_seconds"),
        tempo_seconds=value.get("tempo_seconds"),
        duration_seconds=value.get("duration_seconds"),
        sets=value.get("sets", 1),
        rest_seconds=value.get("rest_seconds"),
        set_rest_seconds=value.get("set_rest_seconds"),
        sides=Sides(value.get("sides", "together")),
    )


def build_exercise(value: Mapping[str, Any], reviewed: date | None = None) -> Exercise:
    """``reviewed`` is the review date of the file the exercise is written in."""
    return Exercise(
        id=value["id"],
        name=value["name"],
        position=Position(value["position"]),
        steps=tuple(value["steps"]),
        cue=value["cue"],
        dose=build_dose(value["dose"]),
        evidence=Evidence(value["evidence"]),
        sources=tuple(value["sources"]),
        cautions=tuple(value.get("cautions", ())),
        illustration=value.get("illustration"),
        evidence_note=value.get("evidence_note"),
        reviewed=reviewed,
    )


def build_library(value: Mapping[str, Any]) -> dict[str, Exercise]:
    return {exercise["id"]: build_exercise(exercise, value.get("reviewed")) for exercise in value["exercises"]}


def build_routine(routine_id: str, value: Mapping[str, Any], library: Mapping[str, Exercise]) -> Routine:
    """Build a routine whose exercise references are known to exist in ``library``."""
    steps = []
    for step in value["steps"]:
        reference = step["exercise"]
        exercise = (
            library[reference] if isinstance(reference, str) else build_exercise(reference, value.get("reviewed"))
        )
        dose = build_dose(step["dose"]) if "dose" in step else exercise.dose
        steps.append(RoutineStep(exercise=exercise, dose=dose, note=step.get("note")))
    return Routine(
        id=routine_id,
        title=value["title"],
        summary=value["summary"],
        steps=tuple(steps),
        get_ready_seconds=value["get_ready_seconds"],
        default_rest_seconds=value["default_rest_seconds"],
        switch_sides_seconds=value["switch_sides_seconds"],
        change_seconds=value["change_seconds"],
        intro=value.get("intro"),
        outro=value.get("outro"),
        note=value.get("note"),
        sources=tuple(value.get("sources", ())),
        reviewed=value.get("reviewed"),
    )


def _protocol_step(value: Mapping[str, Any]) -> ProtocolStep:
    return ProtocolStep(
        title=value["title"],
        lines=tuple(value["lines"]),
        say=value["say"],
        timer_seconds=value.get("timer_seconds"),
        standing=value["standing"],
        illustration=value.get("illustration"),
        caution=value.get("caution", ""),
        evidence=Evidence(value["evidence"]),
        sources=tuple(value.get("sources", ())),
    )


def build_protocol(protocol_id: str, value: Mapping[str, Any]) -> CrampProtocol:
    locations = tuple(
        LocationPlan(
            location=CrampLocation(name),
            label=value["locations"][name]["label"],
            hint=value["locations"][name]["hint"],
            steps=tuple(_protocol_step(step) for step in value["locations"][name]["steps"]),
        )
        for name in LOCATION_NAMES
    )
    order = list(Urgency)
    tiers = sorted(
        (
            RedFlagTier(Urgency(tier["urgency"]), tier["title"], tuple(tier["signs"]), tuple(tier.get("sources", ())))
            for tier in value["red_flags"]
        ),
        key=lambda tier: order.index(tier.urgency),
    )
    return CrampProtocol(
        id=protocol_id,
        disclaimer=value["disclaimer"],
        sit_first_check=_protocol_step(value["sit_first_check"]),
        stand_gate=StandGate(
            value["stand_gate"]["title"], tuple(value["stand_gate"]["lines"]), value["stand_gate"]["say"]
        ),
        urgent_after_minutes=value["urgent_after_minutes"],
        urgent_message=value["urgent_message"],
        locations=locations,
        default_location=CrampLocation(value["default_location"]),
        not_sure_hint=value.get("not_sure_hint", ""),
        in_short=tuple(value.get("in_short", ())),
        reviewed=value.get("reviewed"),
        closing=_protocol_step(value["closing"]),
        red_flags=tuple(tiers),
        diary_flags=tuple(
            DiaryFlag(
                message=flag["message"],
                weeks=flag["weeks"],
                nights_with_cramps=flag["nights_with_cramps"],
                cramps_per_night=flag["cramps_per_night"],
                routine_nights=flag["routine_nights"],
            )
            for flag in value.get("diary_flags", ())
        ),
    )
