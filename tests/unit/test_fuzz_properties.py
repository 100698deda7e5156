"""Property tests (Hypothesis): mutated routine files, protocols, bundles and diary CSVs fail only in documented ways.

The mutations and the promises are in ``tests/helpers/fuzzing.py`` (shared with
``benchmarks/fuzz.py``, which runs them for minutes). Here they run on a fixed seed
(``derandomize``, no example database) so CI sees the same cases every time, in a few
seconds each. The diary CSV goes through ``cramp-coach import`` into a data folder with
a real diary file (``tests/unit/storage/test_diary_csv_properties.py`` checks the reader
and the store themselves).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cramp_coach.storage import diary_csv
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


@fixed(150)
@given(SEEDS)
def test_a_mutated_diary_csv_is_imported_whole_or_refused_leaving_the_data_folder_as_it_was(
    rng: random.Random,
) -> None:
    content = fuzzing.mutate_csv(fuzzing.diary_fixture().csv, rng)
    assert fuzzing.check_csv(content, fuzzing.pick_diary(rng)) in {"refused", "imported", "nothing new"}


@pytest.mark.parametrize("kind", sorted(fuzzing.CASES))
def test_the_checks_can_fail(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The oracle is not a rubber stamp: a broken promise is caught."""
    if kind in ("routine", "protocol"):

        def raising(*_args: object, **_kwargs: object) -> object:
            raise ValueError("boom")

        monkeypatch.setattr(fuzzing, "parse_text", raising)
        with pytest.raises(ValueError, match="boom"):
            fuzzing.CASES[kind](random.Random(1))()
    elif kind == "csv":

        def refuses_after_writing(path: Path) -> object:
            diary = path.parent.parent / "data" / "diary.sqlite3"  # the data folder beside the file (sandbox)
            diary.parent.mkdir(exist_ok=True)
            with diary.open("ab") as stream:
                stream.write(b"half a row")
            raise diary_csv.CsvFileError([f"{path}:2: boom"])

        monkeypatch.setattr(diary_csv, "read_csv", refuses_after_writing)
        with pytest.raises(fuzzing.FuzzFailureError, match="refused, yet the data folder changed"):
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


def _two_line_problem(path: Path) -> object:
    raise diary_csv.CsvFileError([f"{path}:2: pain: expected a whole number, found '6\n7'"])


@pytest.mark.parametrize(
    ("broken", "replacement", "caught"),
    [
        ("unguard_cell", lambda text: text, "does not read back the same"),  # a note gains an apostrophe
        ("read_csv", _two_line_problem, "not one file:line: message line"),
    ],
)
def test_the_csv_check_catches_a_note_changed_and_a_problem_over_two_lines(
    broken: str, replacement: object, caught: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(diary_csv, broken, replacement)
    with pytest.raises(fuzzing.FuzzFailureError, match=caught):
        fuzzing.check_csv(fuzzing.diary_fixture().csv, "none")  # the export itself, into a new diary
