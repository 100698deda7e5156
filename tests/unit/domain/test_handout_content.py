"""What the handout says besides the exercises, decided without Qt: facts lines, source entries, numbered sources."""

from __future__ import annotations

import dataclasses

from cramp_coach.domain.handout_content import (
    SourceEntry,
    exercise_facts,
    numbered_references,
    routine_line,
    source_entries,
)
from cramp_coach.domain.protocol import (
    CrampLocation,
    CrampProtocol,
    LocationPlan,
    ProtocolStep,
    RedFlagTier,
    StandGate,
    Urgency,
)
from cramp_coach.domain.routine import Evidence, Position
from tests.helpers.builders import make_exercise, make_routine, make_step


def _step(title: str, *sources: str, evidence: Evidence = Evidence.GUIDELINE) -> ProtocolStep:
    return ProtocolStep(title=title, lines=("A line.",), say="Say it.", evidence=evidence, sources=sources)


def _protocol(*tiers: RedFlagTier) -> CrampProtocol:
    return CrampProtocol(
        id="test",
        disclaimer="Not medical advice.",
        sit_first_check=_step("Sit up first", "Falls leaflet"),
        stand_gate=StandGate("Stand?", ("Only if steady.",), "Can you stand?"),
        urgent_after_minutes=10,
        urgent_message="Over ten minutes: get advice.",
        locations=(
            LocationPlan(CrampLocation.CALF, "Calf", "", (_step("Stretch", "NHS", evidence=Evidence.COMMON_PRACTICE),)),
        ),
        default_location=CrampLocation.CALF,
        closing=_step("Afterwards", "NHS", "DVT page"),
        red_flags=tiers,
    )


def test_routine_line_counts_exercises_and_gives_length_and_positions() -> None:
    one = make_routine(make_step())
    assert routine_line(one) == "1 exercise · under a minute · standing"
    two = make_routine(make_step(), make_step(make_exercise("Toe pulls", position=Position.SITTING)))
    assert routine_line(two).startswith("2 exercises · ")
    assert routine_line(two).endswith(" · standing, then seated")


def test_exercise_facts_say_position_rest_length_and_evidence() -> None:
    exercise = make_exercise()
    assert exercise_facts(exercise, 105, 10, approximate=False) == (
        "Standing · 1 min 45 s in all · 10 s rests · Evidence: common practice"
    )
    assert exercise_facts(exercise, 30, None, approximate=True) == (
        "Standing · about 30 s in all · Evidence: common practice"
    )


def test_each_tier_with_sources_is_its_own_entry_after_the_first_aid() -> None:
    emergency = RedFlagTier(Urgency.EMERGENCY, "Call now", ("Chest pain.",), ("DVT page",))
    urgent = RedFlagTier(Urgency.URGENT, "Today", ("Over ten minutes.",), ("NHS", "NHS inform"))
    routine_tier = RedFlagTier(Urgency.ROUTINE, "Book", ("Often.",))  # an older file: no sources
    exercise = dataclasses.replace(make_exercise(), sources=("Trial",), evidence=Evidence.TRIAL)
    routine = make_routine(make_step(exercise), make_step(exercise))
    entries = source_entries(routine, _protocol(emergency, urgent, routine_tier))
    assert [entry.title for entry in entries] == [
        "Wall calf stretch",
        "During a cramp",
        "Warning signs: Call now",
        "Warning signs: Today",
    ]
    assert entries[1].evidence == "Advised by health services or common practice"
    assert entries[1].sources == ("Falls leaflet", "NHS", "DVT page")
    assert entries[2] == SourceEntry("Warning signs: Call now", "", ("DVT page",))
    assert entries[3].sources == ("NHS", "NHS inform")


def test_numbered_references_list_each_source_once_in_order_of_first_use() -> None:
    entries = (
        SourceEntry("A", "", ("Trial", "NHS")),
        SourceEntry("B", "", ("NHS", "DVT page", "NHS")),
        SourceEntry("C", "", ()),
    )
    references = numbered_references(entries)
    assert references.sources == ("Trial", "NHS", "DVT page")
    assert references.numbers == ((1, 2), (2, 3), ())
