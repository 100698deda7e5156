"""Replacing built-in content is never silent: named, with the routines it changes, and only with consent."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from cramp_coach import cli, paths
from cramp_coach.schema.kinds import FileKind
from cramp_coach.storage.bundle_import import apply_import
from cramp_coach.storage.bundle_plan import plan_import
from cramp_coach.storage.bundle_replacements import Replacement, ReplacesBuiltInError
from cramp_coach.storage.file_errors import BundleError
from cramp_coach.storage.library import RoutineLibrary, load_catalog

BUILTIN_EXERCISES = (paths.builtin_routines_dir() / "exercises.yaml").read_text(encoding="utf-8")
BEDTIME = (paths.builtin_routines_dir() / "bedtime.yaml").read_text(encoding="utf-8")
PROTOCOL = (paths.builtin_routines_dir() / "cramp-now.yaml").read_text(encoding="utf-8")
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>'

# A physiotherapist's library that redefines the built-in toe pulls (and adds one of her own).
REDEFINES_TOE_PULLS = """\
schema_version: 1
kind: exercise_library
exercises:
  - id: toe-pulls
    name: Toe pulls, her way
    position: sitting
    steps: [Sit up., Pull the towel.]
    cue: Pull the towel.
    dose: {hold_seconds: 30}
    evidence: common_practice
    sources: [Her physiotherapist]
  - id: janes-stretch
    name: Jane's stretch
    position: sitting
    steps: [Sit.]
    cue: Sit.
    dose: {hold_seconds: 10}
    evidence: common_practice
    sources: [Her physiotherapist]
"""


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture
def library(tmp_path: Path) -> RoutineLibrary:
    user = tmp_path / "patient" / "routines"
    user.mkdir(parents=True)
    return RoutineLibrary(user)


def bundle(path: Path, members: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_an_exercise_library_redefining_a_built_in_names_it_and_the_routines_it_changes(
    tmp_path: Path, library: RoutineLibrary
) -> None:
    plan = plan_import(bundle(tmp_path / "physio.zip", {"physio.yaml": REDEFINES_TOE_PULLS}), library)
    assert plan.ok
    assert plan.replacements == (Replacement(FileKind.EXERCISE_LIBRARY, "toe-pulls", ("bedtime",)),)
    assert plan.replacements[0].describe() == "the built-in exercise 'toe-pulls', used by 'bedtime'"
    with pytest.raises(ReplacesBuiltInError, match="it would replace the built-in exercise 'toe-pulls'"):
        apply_import(plan, library)
    with pytest.raises(ReplacesBuiltInError):
        apply_import(plan, library, replace=True)  # replacing *your* files is a different consent
    assert snapshot(library.user_dir) == {}
    assert apply_import(plan, library, replace_builtins=True) == [library.user_dir / "physio.yaml"]
    assert library.catalog.routines["bedtime"].steps[3].exercise.name == "Toe pulls, her way"


def test_a_copy_of_the_built_ins_replaces_nothing(tmp_path: Path, library: RoutineLibrary) -> None:
    plan = plan_import(bundle(tmp_path / "copy.zip", {"exercises.yaml": BUILTIN_EXERCISES}), library)
    assert plan.replacements == ()


def test_a_routine_with_a_built_in_id_and_a_protocol_are_replacements(tmp_path: Path, library: RoutineLibrary) -> None:
    archive = bundle(
        tmp_path / "all.zip",
        {"bedtime.yaml": BEDTIME.replace("hold_seconds: 10", "hold_seconds: 20"), "cramp-now.yaml": PROTOCOL},
    )
    plan = plan_import(archive, library)
    assert plan.ok
    assert [item.describe() for item in plan.replacements] == [
        "the Cramp-now first-aid steps (the built-in protocol)",
        "the built-in routine 'bedtime'",
    ]


@pytest.mark.parametrize("reserved", ["cramp-now", "exercises"])
def test_as_accepts_only_ids_a_routine_may_have(tmp_path: Path, library: RoutineLibrary, reserved: str) -> None:
    source = tmp_path / "jane.yaml"
    source.write_text(BEDTIME, encoding="utf-8")
    with pytest.raises(BundleError, match=f"'{reserved}' cannot be the id of an imported routine"):
        plan_import(source, library, new_id=reserved)
    with pytest.raises(BundleError, match="longer than 64 characters"):
        plan_import(source, library, new_id="a" * 65)
    assert plan_import(source, library, new_id="jane-2").routine_ids == ("jane-2",)


def test_a_folder_bundle_whose_picture_links_outside_is_refused_whole(tmp_path: Path, library: RoutineLibrary) -> None:
    folder = tmp_path / "from-physio"
    (folder / "images").mkdir(parents=True)
    secret = tmp_path / "secret.svg"
    secret.write_bytes(SVG)
    (folder / "images" / "towel.svg").symlink_to(secret)
    (folder / "jane.yaml").write_text(
        BEDTIME.replace(
            "  - exercise: toe-pulls\n",
            "  - exercise: {id: own, name: Own, position: sitting, steps: [Sit.], cue: Sit., "
            "dose: {hold_seconds: 10}, evidence: common_practice, sources: [Her physio], "
            "illustration: images/towel.svg}\n",
        ),
        encoding="utf-8",
    )
    plan = plan_import(folder, library)
    assert [issue.message for issue in plan.issues] == [
        "expected a picture inside the routine's folder, found 'images/towel.svg', a link to a file outside it"
    ]
    with pytest.raises(BundleError, match="problem"):
        apply_import(plan, library, replace=True, replace_builtins=True)
    assert snapshot(library.user_dir) == {}


def test_the_command_line_lists_replacements_and_needs_replace(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = bundle(tmp_path / "physio.zip", {"physio.yaml": REDEFINES_TOE_PULLS})
    routines = data_dir / "routines"
    assert cli.main(["import-routine", str(archive)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "  it replaces the built-in exercise 'toe-pulls', used by 'bedtime'",
        "cramp-coach import-routine: physio.zip replaces built-in content (listed above); use --replace to import "
        "it anyway (remove the imported files to go back); nothing was imported",
    ]
    assert not routines.exists() or snapshot(routines) == {}
    assert cli.main(["import-routine", str(archive), "--replace"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"imported {routines / 'physio.yaml'}",
        "replaced the built-in exercise 'toe-pulls', used by 'bedtime'",
    ]
    assert load_catalog(routines).exercises["toe-pulls"].name == "Toe pulls, her way"


def test_the_command_line_refuses_a_reserved_as(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "jane.yaml"
    source.write_text(BEDTIME, encoding="utf-8")
    assert cli.main(["import-routine", str(source), "--as", "cramp-now"]) == 1
    assert capsys.readouterr().err == (
        "cramp-coach import-routine: 'cramp-now' cannot be the id of an imported routine: 'cramp-now' is the name "
        "of the cramp-now protocol; choose another id; nothing was imported\n"
    )
