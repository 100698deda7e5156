"""The routine library: atomic saves with backups, drafts, rename, delete/undo, checking text."""

from __future__ import annotations

import datetime
import errno
import os
import shutil
from pathlib import Path

import pytest

from cramp_coach import paths
from cramp_coach.storage import atomic, trash
from cramp_coach.storage.atomic import atomic_write, atomic_write_many, backup_path
from cramp_coach.storage.file_errors import IdClashError, InvalidFileError, LibraryError
from cramp_coach.storage.library import RoutineLibrary, Source, load_catalog
from cramp_coach.storage.routine_files import TextFile, read_text, scan

BEDTIME = paths.builtin_routines_dir() / "bedtime.yaml"

VALID = """\
# Jane's routine: her physio wrote this comment, and it must survive every save.
schema_version: 1
kind: routine
title: Jane's evening      # the title is shown on Home
summary: For Jane.
steps:
  - exercise: wall-calf-stretch
    dose: {hold_seconds: 20, reps: 2}   # longer holds since March
"""


def leftovers(folder: Path) -> list[str]:
    """Temporary files a write may have left behind (there must never be any)."""
    return sorted(path.name for path in folder.rglob("*.tmp"))


# --- atomic writes ---------------------------------------------------------------------


def test_atomic_write_creates_then_keeps_the_previous_version_as_backup(tmp_path: Path) -> None:
    target = tmp_path / "jane.yaml"
    atomic_write(target, b"first\n")
    assert target.read_bytes() == b"first\n"
    assert not backup_path(target).exists()
    atomic_write(target, b"second\n")
    assert target.read_bytes() == b"second\n"
    assert backup_path(target).read_bytes() == b"first\n"
    assert leftovers(tmp_path) == []


def test_a_failed_replace_leaves_the_old_file_intact_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "jane.yaml"
    target.write_bytes(b"the old, good version\n")
    real_replace = os.replace

    def failing_replace(source: str | os.PathLike[str], dest: str | os.PathLike[str]) -> None:
        if Path(dest) == target:  # the backup succeeds; the final swap fails (disk full)
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(source, dest)

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    with pytest.raises(LibraryError, match="No space left on device"):
        atomic_write(target, b"the new version\n")
    assert target.read_bytes() == b"the old, good version\n"
    assert leftovers(tmp_path) == []


def test_a_failed_fsync_leaves_the_old_file_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "jane.yaml"
    target.write_bytes(b"old\n")

    def failing_fsync(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(atomic.os, "fsync", failing_fsync)
    with pytest.raises(LibraryError, match="Input/output error"):
        atomic_write(target, b"new\n")
    assert target.read_bytes() == b"old\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["jane.yaml"]


def test_writing_several_files_is_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    existing = tmp_path / "a.yaml"
    existing.write_bytes(b"a: old\n")
    new = tmp_path / "images" / "b.svg"
    third = tmp_path / "c.yaml"
    real_replace = os.replace

    def failing_replace(source: str | os.PathLike[str], dest: str | os.PathLike[str]) -> None:
        if Path(dest) == third:
            raise OSError(errno.EACCES, "Permission denied")
        real_replace(source, dest)

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    with pytest.raises(LibraryError, match="Permission denied"):
        atomic_write_many([(existing, b"a: new\n"), (new, b"<svg/>"), (third, b"c\n")])
    assert existing.read_bytes() == b"a: old\n"
    assert not new.exists()
    assert not (tmp_path / "images").exists()
    assert not third.exists()
    assert leftovers(tmp_path) == []


def test_an_unwritable_folder_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Simulated, so it holds when the tests run as root (who may write anywhere).
    def refuse(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    with pytest.raises(LibraryError, match=r"Could not save .*jane.yaml: Permission denied"):
        atomic_write(tmp_path / "jane.yaml", b"x")
    assert list(tmp_path.iterdir()) == []


def test_existing_permissions_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "jane.yaml"
    target.write_bytes(b"old")
    target.chmod(0o644)
    atomic_write(target, b"new")
    assert target.stat().st_mode & 0o777 == 0o644


# --- reading text the way it was written ---------------------------------------------


def test_text_files_keep_their_line_ends_and_bom(tmp_path: Path) -> None:
    target = tmp_path / "windows.yaml"
    target.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: 2\r\n")
    file = read_text(target)
    assert file.text == "a: 1\nb: 2\n"
    assert file.encode(file.text + "c: 3\n") == b"\xef\xbb\xbfa: 1\r\nb: 2\r\nc: 3\r\n"


# --- saving routines -------------------------------------------------------------------


def test_saving_writes_the_text_exactly_comments_and_key_order_included(library: RoutineLibrary) -> None:
    path = library.save("jane", VALID)
    assert path == library.user_dir / "jane.yaml"
    assert path.read_text(encoding="utf-8") == VALID
    assert "jane" in load_catalog(library.user_dir).routines


def test_invalid_text_is_never_saved_as_active(library: RoutineLibrary) -> None:
    library.save("jane", VALID)
    broken = VALID.replace("hold_seconds: 20", "hold_seconds: 2000")
    with pytest.raises(InvalidFileError) as caught:
        library.save("jane", broken)
    (issue,) = caught.value.issues
    assert (issue.line, issue.column, issue.field) == (8, 26, "steps[0].dose.hold_seconds")
    assert (library.user_dir / "jane.yaml").read_text(encoding="utf-8") == VALID


def test_a_draft_is_kept_marked_and_never_loaded(library: RoutineLibrary) -> None:
    library.save("jane", VALID)
    broken = VALID.replace("hold_seconds: 20", "hold_seconds: twenty")
    draft = library.save_draft("jane", broken)
    assert draft.name == "jane.draft.yaml"
    assert draft.read_text(encoding="utf-8") == broken
    assert draft not in scan(library.user_dir)
    assert load_catalog(library.user_dir).files_with_issues == ()
    entries = {entry.path: entry for entry in library.entries()}
    assert entries[draft].draft
    assert entries[draft].id == "jane"
    # Finishing the draft replaces the active file and removes the draft.
    library.save("jane", VALID.replace("20", "25"), replaces_draft=True)
    assert not draft.exists()
    assert "hold_seconds: 25" in (library.user_dir / "jane.yaml").read_text(encoding="utf-8")


def test_a_draft_is_checked_under_its_routine_id(library: RoutineLibrary) -> None:
    result = library.check(VALID, library.user_dir / "jane.draft.yaml")
    assert result.issues == ()
    assert result.routine is not None
    assert result.routine.id == "jane"


def test_saving_keeps_line_ends_of_the_opened_file(library: RoutineLibrary) -> None:
    target = library.user_dir / "jane.yaml"
    target.write_bytes(VALID.replace("\n", "\r\n").encode())
    file = read_text(target)
    library.save("jane", file.text.replace("20", "30"), file=file)
    assert target.read_bytes() == VALID.replace("20", "30").replace("\n", "\r\n").encode()
    assert backup_path(target).read_bytes() == VALID.replace("\n", "\r\n").encode()


def test_create_refuses_an_id_in_use(library: RoutineLibrary) -> None:
    library.create("jane", VALID)
    with pytest.raises(IdClashError, match="'jane' is already used"):
        library.create("jane", VALID)


def test_create_keeps_invalid_text_as_a_draft(library: RoutineLibrary) -> None:
    created = library.create("jane", VALID.replace("wall-calf-stretch", "wall-calf-strech"))
    assert created.name == "jane.draft.yaml"


def test_ids_must_be_kebab_case(library: RoutineLibrary) -> None:
    with pytest.raises(LibraryError, match="not a usable id"):
        library.save("Jane Smith", VALID)
    with pytest.raises(LibraryError, match="not a usable id"):
        library.save("../escape", VALID)


# --- checking text ---------------------------------------------------------------------


def test_check_points_at_unknown_exercises(library: RoutineLibrary) -> None:
    result = library.check(VALID.replace("wall-calf-stretch", "wall-calf-strech"), library.user_dir / "jane.yaml")
    (issue,) = result.issues
    assert (issue.line, issue.column) == (7, 15)
    assert "did you mean 'wall-calf-stretch'" in issue.message


def test_an_edited_library_replaces_its_saved_version_while_checked(library: RoutineLibrary) -> None:
    own = library.user_dir / "exercises.yaml"
    text = (paths.builtin_routines_dir() / "exercises.yaml").read_text(encoding="utf-8")
    own.write_text(text, encoding="utf-8")
    library.refresh()
    result = library.check(text.replace("name: Wall calf stretch", "name: Calf stretch at the wall"), own)
    assert result.ok
    assert result.exercises["wall-calf-stretch"].name == "Calf stretch at the wall"


# --- rename, delete, restore -----------------------------------------------------------


def test_rename_moves_the_file_and_its_backup(library: RoutineLibrary) -> None:
    path = library.save("jane", VALID)
    library.save("jane", VALID.replace("20", "25"))
    renamed = library.rename(path, "jane-smith")
    assert renamed == library.user_dir / "jane-smith.yaml"
    assert not path.exists()
    assert backup_path(renamed).exists()
    assert library.find("jane-smith") == renamed


def test_rename_refuses_a_clash_and_changes_nothing(library: RoutineLibrary) -> None:
    jane = library.save("jane", VALID)
    other = library.save("bob", VALID.replace("Jane's", "Bob's"))
    with pytest.raises(IdClashError, match="'bob' is already used"):
        library.rename(jane, "bob")
    assert jane.read_text(encoding="utf-8") == VALID
    assert "Bob's" in other.read_text(encoding="utf-8")


def test_rename_keeps_a_draft_a_draft(library: RoutineLibrary) -> None:
    draft = library.save_draft("jane", "not: valid: yaml")
    assert library.rename(draft, "jane-2").name == "jane-2.draft.yaml"


def test_built_in_files_cannot_be_changed(library: RoutineLibrary) -> None:
    with pytest.raises(LibraryError, match="duplicate it to edit"):
        library.rename(BEDTIME, "mine")
    with pytest.raises(LibraryError, match="duplicate it to edit"):
        library.delete(BEDTIME)
    assert BEDTIME.exists()


def test_delete_moves_to_the_trash_and_restore_brings_it_back(library: RoutineLibrary) -> None:
    path = library.save("jane", VALID)
    deleted = library.delete(path)
    assert not path.exists()
    assert deleted.trashed.parent == library.user_dir / ".trash"
    assert library.find("jane") is None
    assert library.restore(deleted) == path
    assert path.read_text(encoding="utf-8") == VALID


def test_restore_refuses_to_overwrite_a_newer_file(library: RoutineLibrary) -> None:
    path = library.save("jane", VALID)
    deleted = library.delete(path)
    library.save("jane", VALID.replace("20", "30"))
    with pytest.raises(IdClashError):
        library.restore(deleted)
    assert "30" in path.read_text(encoding="utf-8")
    assert deleted.trashed.exists()


def test_old_trash_is_emptied(library: RoutineLibrary) -> None:
    now = datetime.datetime(2026, 11, 23, tzinfo=datetime.timezone.utc)
    first = library.delete(library.save("old", VALID), now=now)
    later = now + datetime.timedelta(days=trash.TRASH_KEEP_DAYS + 1)
    library.delete(library.save("new", VALID), now=later)
    assert not first.trashed.exists()


# --- listing ---------------------------------------------------------------------------


def test_entries_list_every_folder_with_its_source(tmp_path: Path, user_dir: Path) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    shutil.copy(BEDTIME, extra / "bedtime.yaml")
    (user_dir / "jane.yaml").write_text(VALID, encoding="utf-8")
    library = RoutineLibrary(user_dir, extra_dir=extra)
    sources = {(entry.source, entry.path.name) for entry in library.entries()}
    assert (Source.BUILTIN, "bedtime.yaml") in sources
    assert (Source.USER, "jane.yaml") in sources
    assert (Source.EXTRA, "bedtime.yaml") in sources
    assert library.find("bedtime") == extra / "bedtime.yaml"
    assert library.find("bedtime", Source.BUILTIN) == BEDTIME
    assert [entry.editable for entry in library.entries() if entry.path.name == "jane.yaml"] == [True]


def test_images_resolve_next_to_the_file_first_then_the_built_in_assets(library: RoutineLibrary) -> None:
    own = library.user_dir / "illustrations" / "wall-calf-stretch.svg"
    own.parent.mkdir()
    own.write_text("<svg/>")
    assert library.resolve_asset("illustrations/wall-calf-stretch.svg", library.user_dir) == own
    assert library.resolve_asset("illustrations/toe-pulls.svg", library.user_dir) == (
        paths.builtin_assets_dir() / "illustrations" / "toe-pulls.svg"
    )
    assert library.resolve_asset("illustrations/none.svg") is None


def test_a_text_file_defaults_to_plain_utf8() -> None:
    assert TextFile("x").encode("é\n") == "é\n".encode()


def test_the_old_module_still_offers_every_name() -> None:
    from cramp_coach.storage import atomic as new_atomic
    from cramp_coach.storage import library as new_library
    from cramp_coach.storage import routine_library

    assert routine_library.RoutineLibrary is new_library.RoutineLibrary
    assert routine_library.atomic_write is new_atomic.atomic_write
    for name in routine_library.__all__:
        assert hasattr(routine_library, name), name


def test_a_routine_cannot_take_the_name_of_the_protocol_or_the_exercise_library(library: RoutineLibrary) -> None:
    with pytest.raises(InvalidFileError) as refused:
        library.save("cramp-now", VALID)
    assert [issue.message for issue in refused.value.issues] == [
        "expected another file name (the file name is the id), found 'cramp-now.yaml', "
        "the name of the cramp-now protocol"
    ]
    assert library.create("exercises", VALID).name == "exercises.draft.yaml"  # kept, but never loaded
    assert not (library.user_dir / "cramp-now.yaml").exists()
    assert not (library.user_dir / "exercises.yaml").exists()
    with pytest.raises(LibraryError, match="is not a usable id: it is longer than 64 characters"):
        library.save("x" * 65, VALID)
