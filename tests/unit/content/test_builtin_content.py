"""The built-in routines and warning signs say what a careful clinician would want said.

Each test pins one content fix; docs/content-sources.md gives the source for each.
"""

from __future__ import annotations

import pytest

from cramp_coach.domain.catalog import Catalog
from cramp_coach.domain.protocol import CrampProtocol, Urgency
from cramp_coach.domain.routine import Evidence, Position
from cramp_coach.storage.routine_library import load_catalog


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def protocol(catalog: Catalog) -> CrampProtocol:
    assert catalog.protocol is not None
    return catalog.protocol


def _signs(protocol: CrampProtocol, urgency: Urgency) -> list[str]:
    return next(list(tier.signs) for tier in protocol.red_flags if tier.urgency is urgency)


def test_every_step_that_goes_from_standing_or_a_chair_to_bed_says_how(catalog: Catalog) -> None:
    for routine in catalog.routines.values():
        for before, step in zip(routine.steps, routine.steps[1:], strict=False):
            note = (step.note or "").lower()
            if before.exercise.position is Position.STANDING and step.exercise.position is not Position.STANDING:
                assert "sit back down" in note, (routine.id, step.exercise.id)
                assert "holding on" in note, (routine.id, step.exercise.id)
            from_chair = before.exercise.steps[0].lower().startswith("sit on") and "chair" in before.exercise.steps[0]
            if from_chair and "bed" in step.exercise.steps[0].lower():
                assert "slowly" in note, (routine.id, step.exercise.id)
                assert "dizzy" in note, (routine.id, step.exercise.id)


def test_the_wall_calf_cue_says_which_leg_goes_back(catalog: Catalog) -> None:
    exercise = catalog.exercises["wall-calf-stretch"]
    assert "step back with the leg you're stretching" in exercise.cue.lower()
    assert any("leg you are stretching" in step for step in exercise.steps)


def test_pregnancy_warning_signs_name_the_midwife_or_maternity_unit(protocol: CrampProtocol) -> None:
    pregnancy = [sign for tier in protocol.red_flags for sign in tier.signs if sign.startswith("You are pregnant")]
    assert len(pregnancy) >= 2
    for sign in pregnancy:
        assert "midwife or maternity unit" in sign


def test_the_new_medicine_sign_names_examples_and_never_says_stop(protocol: CrampProtocol) -> None:
    (sign,) = [sign for sign in _signs(protocol, Urgency.ROUTINE) if "new medicine" in sign]
    for word in ("statin", "water tablets", "diuretics", "Don't stop it on your own"):
        assert word in sign


def test_trial_label_only_on_the_tested_calf_and_hamstring_stretches(catalog: Catalog) -> None:
    trial = {exercise.id for exercise in catalog.exercises.values() if exercise.evidence is Evidence.TRIAL}
    assert "toe-pulls" not in trial  # a calf stretch alone: not what the trial tested
    assert trial == {
        "wall-calf-stretch",
        "standing-hamstring-stretch",
        "long-sit-towel-stretch",
        "chair-hamstring-stretch",
    }
    for exercise_id in trial:
        assert any(source.startswith("Hallegraeff") for source in catalog.exercises[exercise_id].sources)


def test_not_sure_points_a_thigh_cramp_to_the_thigh_buttons(protocol: CrampProtocol) -> None:
    assert "thigh" in protocol.not_sure_hint
    assert protocol.default_location.value in protocol.not_sure_hint


def test_the_routine_flag_waits_the_six_weeks_the_routines_ask_for(catalog: Catalog, protocol: CrampProtocol) -> None:
    for routine in catalog.routines.values():
        assert "six weeks" in (routine.note or ""), routine.id
    judging = [flag for flag in protocol.diary_flags if flag.routine_nights > 0]
    assert judging
    for flag in judging:
        assert flag.weeks >= 6
        assert f"{flag.weeks} weeks" in flag.message


def test_every_exercise_carries_a_plain_words_evidence_note(catalog: Catalog) -> None:
    for exercise in catalog.exercises.values():
        assert exercise.evidence_note, exercise.id
