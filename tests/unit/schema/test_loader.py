"""The loader's contract: every mistake is reported at its exact line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from cramp_coach.schema.catalog import assemble
from cramp_coach.schema.loader import parse_file, parse_text
from cramp_coach.schema.spec import MAX_FILE_BYTES

DATA = Path(__file__).resolve().parents[2] / "data"

ROUTINE_HEAD = "schema_version: 1\nkind: routine\ntitle: T\nsummary: S\n"
STEP = "steps:\n  - exercise: calf-stretch\n"

# (document, expected issues as "line:column: field: message"); documents are written so
# the expected positions can be checked by counting lines and columns by eye.
INVALID = [
    pytest.param("", ["1:1: schema_version: expected a routine-format file, found an empty file"], id="empty"),
    pytest.param(
        "- a\n- b\n", ["1:1: expected a mapping with schema_version and kind, found a list"], id="not-mapping"
    ),
    pytest.param(
        "kind: routine\n",
        ["1:1: schema_version: expected 1 (required), found nothing"],
        id="no-version",
    ),
    pytest.param(
        "schema_version: 2\nkind: routine\ncolour: blue\n",
        [
            "1:17: schema_version: expected 1 or lower, found 2: this file was written for a newer "
            "cramp-coach; update the app to use it"
        ],
        id="newer-version-stops-there",
    ),
    pytest.param(
        "schema_version: 1\nkind: routin\n",
        [
            "2:7: kind: expected one of exercise_library, routine, cramp_protocol (did you mean 'routine'?), "
            "found text 'routin'"
        ],
        id="kind-typo",
    ),
    pytest.param(
        "schema_version: 1\nkind: routine\ntitle: [a\n",
        [
            "3:8: yaml: expected the [ ] list starting here to be closed, found something other than the expected "
            "',' or ']' at line 4, column 1"
        ],
        id="syntax",
    ),
    pytest.param(
        ROUTINE_HEAD + "get_ready_seconds: ten\n" + STEP,
        ["5:20: get_ready_seconds: expected a number of seconds from 0 to 120, found text 'ten'"],
        id="number-as-text",
    ),
    pytest.param(
        ROUTINE_HEAD + "change_seconds: 500\n" + STEP,
        ["5:17: change_seconds: expected a number of seconds from 0 to 120, found the number 500"],
        id="out-of-range",
    ),
    pytest.param(
        ROUTINE_HEAD + "titel: X\n" + STEP,
        ["5:1: titel: expected a field of routine (did you mean 'title'?), found unknown field 'titel'"],
        id="unknown-key-suggests",
    ),
    pytest.param(
        "schema_version: 1\nkind: routine\ntitel: T\nsummary: S\n" + STEP,
        ["3:1: titel: expected a field of routine (did you mean 'title'?), found unknown field 'titel'"],
        id="typo-of-required-field-reported-once",
    ),
    pytest.param(
        ROUTINE_HEAD + "title: again\n" + STEP,
        ["5:1: title: expected each field once, found 'title' again (first on line 3)"],
        id="duplicate-key",
    ),
    pytest.param(
        ROUTINE_HEAD + "steps: []\n",
        ["5:8: steps: expected at least 1 item, found 0"],
        id="empty-steps",
    ),
    pytest.param(
        ROUTINE_HEAD + STEP + "    dose: {hold_seconds: 10, tempo_seconds: 2}\n",
        [
            "7:30: steps[0].dose.tempo_seconds: expected only one of hold_seconds, tempo_seconds, untimed, "
            "duration_seconds, found hold_seconds and tempo_seconds"
        ],
        id="two-timings",
    ),
    pytest.param(
        ROUTINE_HEAD + STEP + "    dose: {reps: 3}\n",
        [
            "7:11: steps[0].dose: expected exactly one of hold_seconds, tempo_seconds, untimed, duration_seconds, "
            "found none of them"
        ],
        id="no-timing",
    ),
    pytest.param(
        ROUTINE_HEAD + STEP + "    dose: {duration_seconds: 60, reps: 2}\n",
        ["7:34: steps[0].dose.reps: expected not together with duration_seconds, found both"],
        id="reps-with-continuous",
    ),
    pytest.param(
        ROUTINE_HEAD + STEP + "    dose: {untimed: false, reps: 2}\n",
        ["7:21: steps[0].dose.untimed: expected true (leave the field out otherwise), found false"],
        id="untimed-false",
    ),
    pytest.param(
        ROUTINE_HEAD + STEP + "    dose: {hold_seconds: 10, sides: both}\n",
        ["7:37: steps[0].dose.sides: expected one of together, left_then_right, found text 'both'"],
        id="bad-choice",
    ),
    pytest.param(
        ROUTINE_HEAD + "steps:\n  - exercise: Calf Stretch\n",
        ["6:15: steps[0].exercise: expected a kebab-case id like 'wall-calf-stretch', found text 'Calf Stretch'"],
        id="bad-id",
    ),
    pytest.param(
        ROUTINE_HEAD + "steps:\n  - exercise: [calf-stretch]\n",
        ["6:15: steps[0].exercise: expected a known exercise id or an exercise, found a list"],
        id="exercise-as-list",
    ),
    pytest.param(
        ROUTINE_HEAD + "summary: ''\n".replace("summary", "intro") + STEP,
        ["5:8: intro: expected non-empty text, found empty text"],
        id="empty-text",
    ),
    pytest.param(
        "schema_version: 1\nkind: exercise_library\nreviewed: 2026-13-01\nexercises:\n"
        "  - {id: a, name: A, position: lying, steps: [x], cue: c, dose: {hold_seconds: 5}, evidence: trial,"
        " sources: [s], illustration: ../../etc/passwd.svg}\n",
        [
            "3:11: reviewed: expected a date like 2026-11-23, found '2026-13-01'",
            "5:129: exercises[0].illustration: expected a path inside the routine's folder or the built-in assets, "
            "found text '../../etc/passwd.svg', which points outside its folder",
        ],
        id="bad-date-and-escaping-path",
    ),
    pytest.param(
        "schema_version: 1\nkind: exercise_library\nexercises:\n"
        "  - {id: a, name: A, position: lying, steps: [x], cue: c, dose: {hold_seconds: 5}, evidence: trial,"
        " sources: [s]}\n"
        "  - {id: a, name: B, position: lying, steps: [x], cue: c, dose: {hold_seconds: 5}, evidence: trial,"
        " sources: [s]}\n",
        ["5:10: exercises[1].id: expected a unique id, found 'a' again (first on line 4)"],
        id="duplicate-exercise-id",
    ),
    pytest.param(
        "schema_version: 1\nkind: routine\n" + "a: " + "[" * 70 + "]" * 70 + "\n",
        ["3:67: yaml: expected at most 64 levels of nesting, found more"],
        id="too-deep",
    ),
]


@pytest.mark.parametrize(("text", "expected"), INVALID)
def test_invalid_document_reports_exact_positions(text: str, expected: list[str]) -> None:
    parsed = parse_text(text, "r.yaml")
    assert [str(issue).removeprefix("r.yaml:") for issue in parsed.issues] == expected
    assert not parsed.ok


def test_five_mistakes_file_gives_five_errors_in_place() -> None:
    library = parse_file(DATA / "library.yaml")
    routine = parse_file(DATA / "invalid" / "five-mistakes.yaml", display="five-mistakes.yaml")
    catalog = assemble([library, routine])
    assert [str(issue) for issue in catalog.issues] == [
        "five-mistakes.yaml:5:20: get_ready_seconds: expected a number of seconds from 0 to 120, found the number -5",
        "five-mistakes.yaml:7:15: steps[0].exercise: expected a known exercise id (did you mean 'calf-stretch'?), "
        "found 'calf-strech'",
        "five-mistakes.yaml:8:39: steps[0].dose.sidez: expected a field of dose (did you mean 'sides'?), "
        "found unknown field 'sidez'",
        "five-mistakes.yaml:12:7: steps[1].dose.rest_seconds: expected only together with hold_seconds, "
        "found it without",
        "five-mistakes.yaml:14:33: steps[2].dose.reps: expected a whole number from 1 to 100, found the number 2.5",
    ]
    assert catalog.routines == {}


def test_alias_bomb_is_refused_not_expanded() -> None:
    lines = ["schema_version: 1", "kind: routine", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 8)]
    lines += ["title: T", "summary: S", "steps:", "  - exercise: calf-stretch", "    note: *a7"]
    parsed = parse_text("\n".join(lines) + "\n", "bomb.yaml")
    # the unknown a0..a7 keys are reported, their values never walked; the alias used
    # as a note is walked and refused as not text, without expanding 10^8 nodes
    assert any("steps[0].note: expected text, found a list" in str(issue) for issue in parsed.issues)


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("# " + "x" * MAX_FILE_BYTES)
    issues = parse_file(big).issues
    assert len(issues) == 1
    assert issues[0].field == "file"
    assert "expected at most 1024 KiB" in issues[0].message


def test_non_utf8_file_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "latin.yaml"
    bad.write_bytes("schema_version: 1\ntitle: caf\xe9\n".encode("latin-1"))
    [issue] = parse_file(bad).issues
    assert issue.message == "expected UTF-8 text, found byte 0xe9 at offset 28"


def test_missing_file_is_reported_not_raised(tmp_path: Path) -> None:
    [issue] = parse_file(tmp_path / "gone.yaml").issues
    assert issue.field == "file"
    assert "could not be read" in issue.message


def test_file_name_must_be_an_id(tmp_path: Path) -> None:
    path = tmp_path / "My Routine.yaml"
    path.write_text(ROUTINE_HEAD + STEP)
    [issue] = parse_file(path, display="My Routine.yaml").issues
    assert str(issue) == (
        "My Routine.yaml:1:1: id: expected a kebab-case file name like 'bedtime.yaml' "
        "(the file name is the id), found 'My Routine.yaml'"
    )


def test_valid_routine_builds_with_defaults_and_overrides() -> None:
    library = parse_file(DATA / "library.yaml")
    text = ROUTINE_HEAD + STEP + "  - exercise: toe-pulls\n    dose: {tempo_seconds: 2, reps: 5, sets: 2}\n"
    routine_file = parse_text(text, "evening.yaml")
    catalog = assemble([library, routine_file])
    assert catalog.issues == ()
    routine = catalog.routines["evening"]
    assert routine.get_ready_seconds == 10
    assert routine.steps[0].dose == catalog.exercises["calf-stretch"].dose
    assert routine.steps[1].dose.tempo_seconds == 2
    assert routine.steps[1].dose.sets == 2
    assert routine.position.value == "standing"


def test_later_source_overrides_earlier_by_id() -> None:
    library = parse_file(DATA / "library.yaml")
    first = parse_text(ROUTINE_HEAD + STEP, "evening.yaml")
    second = parse_text(ROUTINE_HEAD.replace("title: T", "title: Mine") + STEP, "evening.yaml")
    catalog = assemble([library, first, second])
    assert catalog.routines["evening"].title == "Mine"


def test_one_broken_file_does_not_stop_the_others() -> None:
    library = parse_file(DATA / "library.yaml")
    broken = parse_text("schema_version: 1\nkind: routine\ntitle: [\n", "broken.yaml")
    good = parse_text(ROUTINE_HEAD + STEP, "good.yaml")
    catalog = assemble([library, broken, good])
    assert list(catalog.routines) == ["good"]
    assert catalog.files_with_issues == ("broken.yaml",)
