"""With the voice off, the screen still shows every warning the voice would have said.

These tests read the shipped ``routines/cramp-now.yaml``: each safety word in a step's
spoken ``say`` line must also be in its visible ``title``, ``lines`` or ``caution``.
"""

from __future__ import annotations

import pytest

from cramp_coach.domain.catalog import Catalog
from cramp_coach.domain.protocol import CrampLocation, CrampProtocol, ProtocolStep
from cramp_coach.storage.routine_library import load_catalog

# A spoken safety word → the words that count as showing it on screen.
SAFETY_WORDS: dict[str, tuple[str, ...]] = {
    "swollen": ("swollen",),
    "don't rub": ("don't rub",),
    "don't warm": ("don't warm", "don't rub, warm"),
    "warning signs": ("warning signs",),
    "reduced feeling": ("reduced feeling",),
    "fall asleep": ("fall asleep",),
    "cloth": ("cloth",),
    "dizzy": ("dizzy",),
    "unsteady": ("unsteady",),
    "wobbly": ("wobbly",),
    "pregnant": ("pregnant",),
    "hold on": ("hold",),
    "sit back down": ("sit back down",),
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def protocol(catalog: Catalog) -> CrampProtocol:
    assert catalog.protocol is not None
    return catalog.protocol


def _all_steps(protocol: CrampProtocol) -> list[tuple[str, ProtocolStep]]:
    steps = [("sit_first_check", protocol.sit_first_check), ("closing", protocol.closing)]
    for plan in protocol.locations:
        steps += [(f"{plan.location.value}: {step.title}", step) for step in plan.steps]
    return steps


def _visible(step: ProtocolStep) -> str:
    return " ".join((step.title, *step.lines, step.caution)).lower()


def test_the_shipped_protocol_loads_cleanly(catalog: Catalog) -> None:
    assert not catalog.issues, catalog.issues


def test_every_spoken_safety_word_is_also_on_screen(protocol: CrampProtocol) -> None:
    missing = []
    for where, step in _all_steps(protocol):
        said, shown = step.say.lower(), _visible(step)
        for word, shown_as in SAFETY_WORDS.items():
            if word in said and not any(form in shown for form in shown_as):
                missing.append(f"{where}: says {word!r} but does not show it")
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("location", [CrampLocation.CALF, CrampLocation.FRONT_THIGH, CrampLocation.BACK_THIGH])
def test_the_first_calf_and_thigh_step_checks_for_a_clot(protocol: CrampProtocol, location: CrampLocation) -> None:
    caution = protocol.plan(location).steps[0].caution.lower()
    for word in ("one leg", "swollen", "hot", "red", "darker", "don't rub, warm or stretch", "warning signs"):
        assert word in caution


def test_every_rub_and_warmth_step_shows_its_warning(protocol: CrampProtocol) -> None:
    checked = 0
    for where, step in _all_steps(protocol):
        text = " ".join((step.title, *step.lines)).lower()
        if "rub" in text or "warm" in text:
            checked += 1
            assert "swollen" in step.caution, where
            assert "Warning signs" in step.caution, where
        if "warm" in step.title.lower():
            assert "reduced feeling" in step.caution.lower(), where
    assert checked == 7  # four rub steps and three warmth steps


def test_the_last_standing_step_of_each_run_says_sit_back_down(protocol: CrampProtocol) -> None:
    for plan in protocol.locations:
        steps = protocol.steps_for(plan.location, can_stand=True)
        for index, step in enumerate(steps):
            last_of_run = step.standing and (index + 1 == len(steps) or not steps[index + 1].standing)
            if last_of_run:
                assert "sit back down, holding on" in _visible(step), (plan.label, step.title)
            if step.standing:
                assert any(word in _visible(step) for word in ("dizzy", "unsteady", "wobbly")), step.title
