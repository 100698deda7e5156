"""Property tests (Hypothesis): mutated routine files, protocols and bundles fail only in documented ways.

The mutations and the promises are in ``tests/helpers/fuzzing.py`` (shared with
``benchmarks/fuzz.py``, which runs them for minutes). Here they run on a fixed seed
(``derandomize``, no example database) so CI sees the same cases every time, in a few
seconds each.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import fuzzing


def fixed(examples: int) -> settings:
    return settings(
        derandomize=True,
        database=None,
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )


SEEDS = st.randoms(use_true_random=False)


@fixed(150)
@given(SEEDS, st.sampled_from([*fuzzing.ROUTINE_FILES, "exercises.yaml"]))
def test_a_mutated_routine_or_library_is_reported_never_raised(rng: random.Random, name: str) -> None:
    fuzzing.check_text(name, fuzzing.mutate_text(fuzzing.SHIPPED[name], rng))


@fixed(100)
@given(SEEDS)
def test_a_mutated_cramp_now_protocol_is_reported_never_raised(rng: random.Random) -> None:
    fuzzing.check_text(fuzzing.PROTOCOL_FILE, fuzzing.mutate_text(fuzzing.SHIPPED[fuzzing.PROTOCOL_FILE], rng))


@fixed(60)
@given(SEEDS)
def test_a_mutated_zip_bundle_is_refused_or_imported_whole(rng: random.Random) -> None:
    members = fuzzing.bundle_members(rng)
    assert fuzzing.check_bundle(fuzzing.zip_bytes(members, rng), members) in {"refused", "invalid", "imported"}


@fixed(40)
@given(SEEDS)
def test_a_mutated_folder_bundle_is_refused_or_imported_whole(rng: random.Random) -> None:
    members = fuzzing.bundle_members(rng)
    assert fuzzing.check_bundle(None, members) in {"refused", "invalid", "imported"}


@pytest.mark.parametrize("kind", sorted(fuzzing.CASES))
def test_the_checks_can_fail(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The oracle is not a rubber stamp: a broken promise is caught."""
    if kind in ("routine", "protocol"):

        def raising(*_args: object, **_kwargs: object) -> object:
            raise ValueError("boom")

        monkeypatch.setattr(fuzzing, "parse_text", raising)
        with pytest.raises(ValueError, match="boom"):
            fuzzing.CASES[kind](random.Random(1))()
    else:

        def writes_outside(plan: object, library: object, **_kwargs: object) -> list[object]:
            outside = library.user_dir.parent / "outside.yaml"  # type: ignore[attr-defined]
            outside.write_text("x")
            return [outside]

        monkeypatch.setattr(fuzzing, "apply_import", writes_outside)
        monkeypatch.setattr(fuzzing, "plan_import", lambda *_a, **_k: _CleanPlan())
        with pytest.raises(fuzzing.FuzzFailureError, match="wrote outside the routines folder"):
            fuzzing.CASES[kind](random.Random(1))()


class _CleanPlan:
    ok = True
