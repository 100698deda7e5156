"""Replacing the user's own content is never silent either: named, with the routines it changes, only with consent."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from cramp_coach import cli, paths
from cramp_coach.schema.kinds import FileKind
from cramp_coach.storage.bundle_import import ImportClashError, apply_import
from cramp_coach.storage.bundle_plan import plan_import
from cramp_coach.storage.bundle_replacements import Replacement, ReplacesBuiltInError, ReplacesYoursError
from cramp_coach.storage.file_errors import BundleError
from cramp_coach.storage.library import RoutineLibrary, Source, load_catalog

PROTOCOL = (paths.builtin_routines_dir() / "cramp-now.yaml").read_text(encoding="utf-8")


def library_file(*exercises: tuple[str, str]) -> str:
    """An exercise library with one exercise per (id, name)."""
    items = "".join(
        f"  - id: {exercise_id}\n"
        f"    name: {name}\n"
        "    position: sitting\n"
        "    steps: [Sit with a towel round your foot., Pull gently.]\n"
        "    cue: Pull the towel gently.\n"
        "    dose: {hold_seconds: 15}\n"
        "    evidence: common_practice\n"
        "    sources: [Her physiotherapist]\n"
        for exercise_id, name in exercises
    )
    return f"schema_version: 1\nkind: exercise_library\nexercises:\n{items}"


def routine_file(title: str, *exercise_ids: str) -> str:
    steps = "".join(f"  - exercise: {exercise_id}\n" for exercise_id in exercise_ids)
    return f"schema_version: 1\nkind: routine\ntitle: {title}\nsummary: For Jane.\nsteps:\n{steps}"


MINE = library_file(("towel-stretch", "Towel stretch"))
UPDATED = library_file(("towel-stretch", "Towel stretch, gentler"))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def bundle(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


@pytest.fixture
def library(tmp_path: Path) -> RoutineLibrary:
    """A patient who already has a physiotherapist's exercise and two routines that use it."""
    user = tmp_path / "patient" / "routines"
    user.mkdir(parents=True)
    (user / "physio-exercises.yaml").write_text(MINE, encoding="utf-8")
    (user / "jane.yaml").write_text(routine_file("Jane's evening", "towel-stretch", "toe-pulls"), encoding="utf-8")
    (user / "jane-morning.yaml").write_text(routine_file("Jane's morning", "towel-stretch"), encoding="utf-8")
    return RoutineLibrary(user)


def test_a_new_file_redefining_your_exercise_names_it_and_needs_consent(
    tmp_path: Path, library: RoutineLibrary
) -> None:
    before = snapshot(library.user_dir)
    plan = plan_import(bundle(tmp_path / "update.zip", {"towels.yaml": UPDATED}), library)
    assert plan.ok
    assert plan.clashes == ()
    assert plan.replacements == (
        Replacement(FileKind.EXERCISE_LIBRARY, "towel-stretch", ("jane", "jane-morning"), Source.USER),
    )
    assert plan.replacements[0].describe() == "your exercise 'towel-stretch', used by 'jane' and 'jane-morning'"
    with pytest.raises(ReplacesYoursError, match="it would replace your exercise 'towel-stretch'"):
        apply_import(plan, library)
    with pytest.raises(ReplacesYoursError):
        apply_import(plan, library, replace_builtins=True)  # consent to built-ins is not consent to yours
    assert snapshot(library.user_dir) == before
    assert apply_import(plan, library, replace=True) == [library.user_dir / "towels.yaml"]
    assert library.catalog.routines["jane"].steps[0].exercise.name == "Towel stretch, gentler"


def test_an_updated_copy_of_your_library_names_the_changed_exercise_not_the_same_one(
    tmp_path: Path, library: RoutineLibrary
) -> None:
    updated = library_file(("towel-stretch", "Towel stretch, gentler"), ("heel-raise", "Heel raise"))
    plan = plan_import(bundle(tmp_path / "update.zip", {"physio-exercises.yaml": updated}), library)
    assert [str(item.relative) for item in plan.clashes] == ["physio-exercises.yaml"]
    assert [item.describe() for item in plan.replacements] == [
        "your exercise 'towel-stretch', used by 'jane' and 'jane-morning'"
    ]
    assert plan.beyond_clashes == plan.replacements  # the file's name does not say which exercise changes
    with pytest.raises(ImportClashError):
        apply_import(plan, library)

    same_exercise = library_file(("towel-stretch", "Towel stretch"), ("heel-raise", "Heel raise"))
    plan = plan_import(bundle(tmp_path / "more.zip", {"physio-exercises.yaml": same_exercise}), library)
    assert plan.replacements == ()  # only an exercise added: nothing of yours changes
    assert [str(item.relative) for item in plan.clashes] == ["physio-exercises.yaml"]


def test_your_routine_is_named_and_the_clash_question_covers_it(tmp_path: Path, library: RoutineLibrary) -> None:
    new_jane = routine_file("Jane's evening, week two", "towel-stretch")
    plan = plan_import(bundle(tmp_path / "jane.zip", {"jane.yaml": new_jane}), library)
    assert plan.replacements == (Replacement(FileKind.ROUTINE, "jane", ("jane",), Source.USER),)
    assert plan.replacements[0].describe() == "your routine 'jane'"
    assert plan.beyond_clashes == ()  # "you already have jane.yaml" names it
    assert apply_import(plan, library, replace=True) == [library.user_dir / "jane.yaml"]
    again = plan_import(bundle(tmp_path / "jane.zip", {"jane.yaml": new_jane}), library)
    assert (again.replacements, again.clashes) == ((), ())  # the very same file replaces nothing


def test_a_routine_replaced_in_the_same_import_still_counts_as_using_the_exercise(
    tmp_path: Path, library: RoutineLibrary
) -> None:
    new_jane = routine_file("Jane's evening, week two", "towel-stretch")
    plan = plan_import(bundle(tmp_path / "u.zip", {"physio-exercises.yaml": UPDATED, "jane.yaml": new_jane}), library)
    assert [item.describe() for item in plan.replacements] == [
        "your exercise 'towel-stretch', used by 'jane' and 'jane-morning'",
        "your routine 'jane'",
    ]


def test_a_routine_of_yours_that_overrides_a_built_in_is_yours(tmp_path: Path, library: RoutineLibrary) -> None:
    bedtime = (paths.builtin_routines_dir() / "bedtime.yaml").read_text(encoding="utf-8")
    (library.user_dir / "bedtime.yaml").write_text(bedtime.replace("hold_seconds: 10", "hold_seconds: 15"))
    library.refresh()
    plan = plan_import(
        bundle(tmp_path / "b.zip", {"bedtime.yaml": bedtime.replace("hold_seconds: 10", "hold_seconds: 20")}), library
    )
    assert [item.describe() for item in plan.replacements] == ["your routine 'bedtime'"]
    assert plan.overrides == ("bedtime",)  # the built-in stays installed underneath


def test_your_exercise_overriding_a_built_in_is_named_as_yours(tmp_path: Path, library: RoutineLibrary) -> None:
    (library.user_dir / "my-toe-pulls.yaml").write_text(library_file(("toe-pulls", "Toe pulls, mine")))
    library.refresh()
    plan = plan_import(
        bundle(tmp_path / "p.zip", {"physio.yaml": library_file(("toe-pulls", "Toe pulls, hers"))}), library
    )
    assert [item.describe() for item in plan.replacements] == [
        "your exercise 'toe-pulls', used by 'bedtime' and 'jane'"
    ]
    with pytest.raises(ReplacesYoursError):
        apply_import(plan, library, replace_builtins=True)


def test_an_exercise_your_own_later_file_would_hide_is_refused_not_dropped(
    tmp_path: Path, library: RoutineLibrary
) -> None:
    # Files load in name order and a later one wins: "physio-exercises.yaml" would still decide.
    before = snapshot(library.user_dir)
    plan = plan_import(bundle(tmp_path / "a.zip", {"a-towels.yaml": UPDATED}), library)
    assert plan.replacements == ()  # nothing of yours would change...
    assert [str(issue) for issue in plan.issues] == [  # ...and nor would anything else: refused
        "a.zip/a-towels.yaml:4:9: exercises[0].id: expected an id that your own physio-exercises.yaml does not "
        "define too (it loads after a-towels.yaml, so its version would still be used; rename one of the two "
        "files or the exercise), found 'towel-stretch'"
    ]
    with pytest.raises(BundleError, match="1 problem"):
        apply_import(plan, library, replace=True, replace_builtins=True)
    assert snapshot(library.user_dir) == before
    same = library_file(("towel-stretch", "Towel stretch"), ("heel-raise", "Heel raise"))
    assert plan_import(bundle(tmp_path / "b.zip", {"a-more.yaml": same}), library).ok  # the same version: fine


def test_your_own_cramp_now_steps_are_named(tmp_path: Path, library: RoutineLibrary) -> None:
    (library.user_dir / "cramp-now.yaml").write_text(
        PROTOCOL.replace("disclaimer: >-\n", "disclaimer: >-\n  Mine.\n", 1)
    )
    library.refresh()
    assert library.catalog.protocol is not None
    assert library.catalog.protocol.disclaimer.startswith("Mine. ")
    plan = plan_import(bundle(tmp_path / "c.zip", {"cramp-now.yaml": PROTOCOL}), library)
    assert [item.describe() for item in plan.replacements] == ["your own Cramp-now first-aid steps"]
    assert plan.beyond_clashes == plan.replacements
    with pytest.raises(ImportClashError):
        apply_import(plan, library, replace_builtins=True)


def test_built_in_and_yours_together_need_both_consents(tmp_path: Path, library: RoutineLibrary) -> None:
    both = library_file(("towel-stretch", "Towel stretch, gentler"), ("toe-pulls", "Toe pulls, hers"))
    plan = plan_import(bundle(tmp_path / "both.zip", {"towels.yaml": both}), library)
    assert [item.describe() for item in plan.replacements] == [
        "your exercise 'towel-stretch', used by 'jane' and 'jane-morning'",
        "the built-in exercise 'toe-pulls', used by 'bedtime' and 'jane'",
    ]
    with pytest.raises(ReplacesBuiltInError, match="toe-pulls") as refused:
        apply_import(plan, library, replace=True)
    assert "towel-stretch" not in str(refused.value)
    assert apply_import(plan, library, replace=True, replace_builtins=True) == [library.user_dir / "towels.yaml"]


# --- the command line ------------------------------------------------------------------


def test_the_command_line_lists_your_replaced_exercise_and_needs_replace(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    routines = data_dir / "routines"
    routines.mkdir()
    (routines / "physio-exercises.yaml").write_text(MINE, encoding="utf-8")
    (routines / "jane.yaml").write_text(routine_file("Jane's evening", "towel-stretch"), encoding="utf-8")
    archive = bundle(tmp_path / "update.zip", {"towels.yaml": UPDATED})
    before = snapshot(routines)
    assert cli.main(["import-routine", str(archive)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "  it replaces your exercise 'towel-stretch', used by 'jane'",
        "cramp-coach import-routine: update.zip replaces your own content (listed above); use --replace to import "
        "it anyway (remove the imported files to go back); nothing was imported",
    ]
    assert snapshot(routines) == before
    assert cli.main(["import-routine", str(archive), "--replace"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"imported {routines / 'towels.yaml'}",
        "replaced your exercise 'towel-stretch', used by 'jane'",
    ]
    assert load_catalog(routines).routines["jane"].steps[0].exercise.name == "Towel stretch, gentler"


def test_the_command_line_names_your_routine_before_the_clash(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    routines = data_dir / "routines"
    routines.mkdir()
    (routines / "jane.yaml").write_text(routine_file("Jane's evening", "toe-pulls"), encoding="utf-8")
    source = tmp_path / "jane.yaml"
    source.write_text(routine_file("Jane's evening, week two", "toe-pulls"), encoding="utf-8")
    assert cli.main(["import-routine", str(source)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "  it replaces your routine 'jane'"
    assert lines[1] == f"cramp-coach import-routine: already in {routines}: jane.yaml"
    assert lines[2].endswith("nothing was imported")
    assert "Jane's evening\n" in (routines / "jane.yaml").read_text(encoding="utf-8")
