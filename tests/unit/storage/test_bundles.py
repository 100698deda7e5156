"""Sharing routines: import checks first and changes nothing when anything is wrong; exports import cleanly."""

from __future__ import annotations

import errno
import os
import stat
import zipfile
from pathlib import Path

import pytest

from cramp_coach.storage import atomic
from cramp_coach.storage.atomic import backup_path
from cramp_coach.storage.bundle_archive import MAX_IMAGE_BYTES
from cramp_coach.storage.bundle_export import export_bundle
from cramp_coach.storage.bundle_import import ImportClashError, apply_import
from cramp_coach.storage.bundle_plan import plan_import
from cramp_coach.storage.file_errors import BundleError, LibraryError
from cramp_coach.storage.library import RoutineLibrary

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>'

ROUTINE = """\
# Jane's routine, with a stretch drawn for her.
schema_version: 1
kind: routine
title: Jane's evening
summary: For Jane.
steps:
  - exercise: wall-calf-stretch
    dose: {hold_seconds: 20, reps: 2}
  - exercise:
      id: janes-towel-stretch
      name: Jane's towel stretch
      position: sitting
      steps: [Sit with the towel round your foot., Pull gently.]
      cue: Pull the towel gently.
      dose: {hold_seconds: 15, reps: 3}
      evidence: common_practice
      sources: [Her physiotherapist]
      illustration: images/towel.svg
"""

BROKEN = """\
schema_version: 1
kind: routine
title: Broken
summary: Two mistakes.
steps:
  - exercise: wall-calf-strech
    dose: {hold_seconds: ten}
"""


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes: to prove nothing changed."""
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture
def library(tmp_path: Path) -> RoutineLibrary:
    user = tmp_path / "patient" / "routines"
    user.mkdir(parents=True)
    (user / "existing.yaml").write_text(ROUTINE.replace("Jane's evening", "Existing"), encoding="utf-8")
    (user / "images").mkdir()
    (user / "images" / "towel.svg").write_bytes(SVG)
    return RoutineLibrary(user)


@pytest.fixture
def bundle_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "from-physio"
    (folder / "images").mkdir(parents=True)
    (folder / "jane.yaml").write_text(ROUTINE, encoding="utf-8")
    (folder / "images" / "towel.svg").write_bytes(SVG.replace(b'r="4"', b'r="3"'))
    (folder / "notes.txt").write_text("not part of the bundle")
    return folder


def make_zip(path: Path, members: dict[str, bytes], *, symlink: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        if symlink is not None:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return path


# --- import ----------------------------------------------------------------------------


def test_import_a_single_routine_file(tmp_path: Path, library: RoutineLibrary) -> None:
    source = tmp_path / "bob.yaml"
    source.write_text(ROUTINE.replace("images/towel.svg", "illustrations/toe-pulls.svg"), encoding="utf-8")
    plan = plan_import(source, library)
    assert plan.ok
    assert plan.routine_ids == ("bob",)
    assert [str(item.relative) for item in plan.files] == ["bob.yaml"]  # the picture is a built-in one
    assert apply_import(plan, library) == [library.user_dir / "bob.yaml"]
    assert "bob" in library.catalog.routines


def test_import_a_folder_brings_the_routine_and_only_the_images_it_names(
    bundle_dir: Path, library: RoutineLibrary
) -> None:
    (library.user_dir / "images" / "towel.svg").unlink()
    plan = plan_import(bundle_dir, library)
    assert plan.ok
    assert sorted(str(item.relative) for item in plan.files) == ["images/towel.svg", "jane.yaml"]
    apply_import(plan, library)
    assert (library.user_dir / "jane.yaml").read_text(encoding="utf-8") == ROUTINE
    assert not (library.user_dir / "notes.txt").exists()
    assert "jane" in library.catalog.routines


def test_import_a_zip_made_by_compressing_a_folder(tmp_path: Path, library: RoutineLibrary) -> None:
    archive = make_zip(
        tmp_path / "jane.zip",
        {"from-physio/jane.yaml": ROUTINE.encode(), "from-physio/images/towel.svg": SVG},
    )
    plan = plan_import(archive, library)
    assert plan.ok, plan.issues
    assert {str(item.relative): item.identical for item in plan.files} == {"jane.yaml": False, "images/towel.svg": True}
    apply_import(plan, library)
    assert "jane" in library.catalog.routines


def test_an_invalid_bundle_is_rejected_with_its_errors_and_changes_nothing(
    tmp_path: Path, library: RoutineLibrary
) -> None:
    archive = make_zip(tmp_path / "broken.zip", {"broken.yaml": BROKEN.encode(), "images/x.svg": SVG})
    before = snapshot(library.user_dir.parent)
    plan = plan_import(archive, library)
    assert not plan.ok
    assert [(issue.file, issue.line, issue.column, issue.field) for issue in plan.issues] == [
        ("broken.zip/broken.yaml", 6, 15, "steps[0].exercise"),
        ("broken.zip/broken.yaml", 7, 26, "steps[0].dose.hold_seconds"),
    ]
    assert "did you mean 'wall-calf-stretch'" in plan.issues[0].message
    with pytest.raises(BundleError, match="nothing was imported"):
        apply_import(plan, library)
    assert snapshot(library.user_dir.parent) == before


def test_a_missing_image_is_an_error_at_its_line(tmp_path: Path, library: RoutineLibrary) -> None:
    source = tmp_path / "bob.yaml"
    source.write_text(ROUTINE.replace("images/towel.svg", "images/missing.svg"), encoding="utf-8")
    (issue,) = plan_import(source, library).issues
    assert (issue.line, issue.field) == (18, "steps[1].exercise.illustration")


@pytest.mark.parametrize(
    "member",
    ["../evil.yaml", "images/../../evil.svg", "/etc/evil.yaml", "C:/evil.yaml", "..\\evil.yaml", "./../evil.yaml"],
)
def test_zip_slip_is_refused_before_anything_is_unpacked(tmp_path: Path, library: RoutineLibrary, member: str) -> None:
    archive = make_zip(tmp_path / "evil.zip", {"jane.yaml": ROUTINE.encode(), member: b"schema_version: 1\n"})
    before = snapshot(tmp_path)
    with pytest.raises(BundleError, match="points outside the bundle"):
        plan_import(archive, library)
    assert snapshot(tmp_path) == before
    assert not (tmp_path / "evil.yaml").exists()


def test_symbolic_links_in_a_zip_are_refused(tmp_path: Path, library: RoutineLibrary) -> None:
    archive = make_zip(tmp_path / "link.zip", {"jane.yaml": ROUTINE.encode()}, symlink="images/towel.svg")
    with pytest.raises(BundleError, match="symbolic link"):
        plan_import(archive, library)


def test_a_zip_bomb_is_refused(tmp_path: Path, library: RoutineLibrary) -> None:
    archive = make_zip(
        tmp_path / "bomb.zip", {"jane.yaml": ROUTINE.encode(), "images/towel.svg": b"0" * (MAX_IMAGE_BYTES + 1)}
    )
    assert archive.stat().st_size < 100_000
    with pytest.raises(BundleError, match="larger than"):
        plan_import(archive, library)


def test_a_symlinked_image_in_a_folder_refuses_the_bundle(
    tmp_path: Path, bundle_dir: Path, library: RoutineLibrary
) -> None:
    secret = tmp_path / "secret.svg"
    secret.write_bytes(SVG)
    (bundle_dir / "images" / "towel.svg").unlink()
    (bundle_dir / "images" / "towel.svg").symlink_to(secret)
    before = snapshot(library.user_dir)
    # The patient already has an images/towel.svg, so the routine itself would validate:
    # the link is refused all the same, and nothing is written.
    with pytest.raises(BundleError, match=r"refused: the picture from-physio/images/towel\.svg is a link"):
        plan_import(bundle_dir, library)
    assert snapshot(library.user_dir) == before


def test_not_a_bundle(tmp_path: Path, library: RoutineLibrary) -> None:
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(BundleError, match="expected a routine file"):
        plan_import(tmp_path / "notes.txt", library)
    (tmp_path / "bad.zip").write_bytes(b"not a zip")
    with pytest.raises(BundleError, match="could not read"):
        plan_import(tmp_path / "bad.zip", library)
    (tmp_path / "empty").mkdir()
    with pytest.raises(BundleError, match="no routine files"):
        plan_import(tmp_path / "empty", library)


def test_clashes_are_refused_unless_replacing(bundle_dir: Path, library: RoutineLibrary) -> None:
    (bundle_dir / "jane.yaml").rename(bundle_dir / "existing.yaml")
    before = snapshot(library.user_dir)
    plan = plan_import(bundle_dir, library)
    assert sorted(str(item.relative) for item in plan.clashes) == ["existing.yaml", "images/towel.svg"]
    with pytest.raises(ImportClashError, match=r"existing\.yaml"):
        apply_import(plan, library)
    assert snapshot(library.user_dir) == before
    apply_import(plan, library, replace=True)
    target = library.user_dir / "existing.yaml"
    assert target.read_text(encoding="utf-8") == ROUTINE
    assert backup_path(target).read_bytes() == before["existing.yaml"]


def test_import_under_a_new_id(tmp_path: Path, library: RoutineLibrary) -> None:
    source = tmp_path / "existing.yaml"
    source.write_text(ROUTINE, encoding="utf-8")
    plan = plan_import(source, library, new_id="existing-jane")
    assert plan.ok  # its picture is not beside it, but already in the patient's folder
    assert plan.clashes == ()
    apply_import(plan, library)
    assert "existing-jane" in library.catalog.routines
    with pytest.raises(BundleError, match="cannot be the id of an imported routine"):
        plan_import(source, library, new_id="Not An Id")


def test_a_failure_while_writing_puts_everything_back(
    bundle_dir: Path, library: RoutineLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    (library.user_dir / "images" / "towel.svg").unlink()
    before = snapshot(library.user_dir)
    plan = plan_import(bundle_dir, library)
    real_replace = os.replace

    def failing_replace(source: str | os.PathLike[str], dest: str | os.PathLike[str]) -> None:
        if Path(dest).name == "towel.svg":
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(source, dest)

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    with pytest.raises(LibraryError, match="No space left"):
        apply_import(plan, library)
    assert snapshot(library.user_dir) == before


def test_importing_the_same_bundle_twice_changes_nothing(bundle_dir: Path, library: RoutineLibrary) -> None:
    apply_import(plan_import(bundle_dir, library), library, replace=True)
    again = plan_import(bundle_dir, library)
    assert again.clashes == ()
    assert apply_import(again, library) == []


# --- export ----------------------------------------------------------------------------


def test_export_zip_round_trips_onto_a_fresh_machine(tmp_path: Path, library: RoutineLibrary) -> None:
    (tmp_path / "out").mkdir()
    result = export_bundle(library, library.user_dir / "existing.yaml", tmp_path / "out" / "existing.zip")
    assert result.files == ("existing.yaml", "images/towel.svg")
    with zipfile.ZipFile(result.dest) as archive:
        assert sorted(archive.namelist()) == ["existing.yaml", "images/towel.svg"]
    fresh = RoutineLibrary(tmp_path / "fresh" / "routines")
    plan = plan_import(result.dest, fresh)
    assert plan.ok
    apply_import(plan, fresh)
    assert fresh.catalog.routines["existing"].title == "Existing"
    assert fresh.resolve_asset("images/towel.svg", fresh.user_dir) == fresh.user_dir / "images" / "towel.svg"


def test_export_brings_the_users_own_exercise_library_when_needed(tmp_path: Path, library: RoutineLibrary) -> None:
    (library.user_dir / "my-exercises.yaml").write_text(
        "schema_version: 1\nkind: exercise_library\nexercises:\n"
        "  - id: jane-special\n    name: Jane's special\n    position: lying\n"
        "    steps: [Lie down.]\n    cue: Lie down.\n    dose: {hold_seconds: 5}\n"
        "    evidence: common_practice\n    sources: [Her physio]\n",
        encoding="utf-8",
    )
    (library.user_dir / "uses-it.yaml").write_text(
        "schema_version: 1\nkind: routine\ntitle: Uses it\nsummary: S.\nsteps:\n  - exercise: jane-special\n",
        encoding="utf-8",
    )
    library.refresh()
    result = export_bundle(library, library.user_dir / "uses-it.yaml", tmp_path / "uses-it.zip")
    assert result.files == ("uses-it.yaml", "my-exercises.yaml")
    fresh = RoutineLibrary(tmp_path / "fresh")
    assert plan_import(result.dest, fresh).ok


def test_export_to_a_single_file_or_a_folder(tmp_path: Path, library: RoutineLibrary) -> None:
    builtin = library.find("bedtime")
    assert builtin is not None
    single = export_bundle(library, builtin, tmp_path / "bedtime.yaml")
    assert single.dest.read_bytes() == builtin.read_bytes()
    with pytest.raises(BundleError, match=r"needs other files too \(images/towel.svg\)"):
        export_bundle(library, library.user_dir / "existing.yaml", tmp_path / "existing.yaml")
    folder = export_bundle(library, library.user_dir / "existing.yaml", tmp_path / "to-jane")
    assert snapshot(folder.dest) == {
        "existing.yaml": (library.user_dir / "existing.yaml").read_bytes(),
        "images/towel.svg": SVG,
    }
    with pytest.raises(BundleError, match="not an empty folder"):
        export_bundle(library, library.user_dir / "existing.yaml", tmp_path / "to-jane")


def test_a_routine_with_problems_is_not_exported(tmp_path: Path, library: RoutineLibrary) -> None:
    (library.user_dir / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    library.refresh()
    with pytest.raises(BundleError, match="has problems"):
        export_bundle(library, library.user_dir / "broken.yaml", tmp_path / "broken.zip")
    assert not (tmp_path / "broken.zip").exists()
