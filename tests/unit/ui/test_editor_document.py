"""The editor's document without Qt: dirty state, checking, the outline's source, saving.

No QApplication here: the document is plain Python over the routine library.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cramp_coach import paths
from cramp_coach.storage.routine_library import (
    InvalidFileError,
    RoutineLibrary,
    backup_path,
    load_catalog,
    read_text,
)
from cramp_coach.ui.editor.document import EditorDocument, ReadOnlyError

BEDTIME = paths.builtin_routines_dir() / "bedtime.yaml"


@pytest.fixture
def mine(library: RoutineLibrary) -> Path:
    """A copy of the built-in bedtime routine in the user's folder."""
    return library.create("bedtime-jane", BEDTIME.read_text(encoding="utf-8"))


def test_nothing_open(library: RoutineLibrary) -> None:
    document = EditorDocument(library)
    assert document.path is None
    assert not document.dirty
    assert not document.editable
    assert document.check() is None
    assert document.outline.result is None
    assert not document.outline.checked


def test_a_built_in_is_read_only_and_cannot_be_saved(library: RoutineLibrary) -> None:
    document = EditorDocument(library)
    document.open(BEDTIME)
    assert not document.editable
    before = BEDTIME.read_bytes()
    document.set_text(document.text + "# mine\n")
    assert document.dirty
    with pytest.raises(ReadOnlyError):
        document.save()
    with pytest.raises(ReadOnlyError):
        document.save_draft()
    assert BEDTIME.read_bytes() == before


def test_dirty_follows_the_text_not_the_keystrokes(library: RoutineLibrary, mine: Path) -> None:
    document = EditorDocument(library)
    document.open(mine)
    original = document.text
    assert document.editable
    assert not document.dirty
    document.set_text(original + "# x\n")
    assert document.dirty
    document.set_text(original)  # typed and taken back
    assert not document.dirty


def test_the_outline_keeps_the_last_version_without_problems(library: RoutineLibrary, mine: Path) -> None:
    document = EditorDocument(library)
    document.open(mine)
    good = document.check()
    assert good is not None
    assert good.ok
    assert document.routine is not None
    assert document.outline.result is good
    assert not document.outline.stale
    document.set_text(document.text.replace("title: Bedtime stretch", "titel: Bedtime stretch", 1))
    broken = document.check()
    assert broken is not None
    assert not broken.ok
    assert document.routine is None
    assert document.outline.result is good
    assert document.outline.stale
    document.open(mine)  # a new file forgets the old results
    assert document.outline.result is None


def test_save_writes_the_text_exactly_and_keeps_a_backup(library: RoutineLibrary, mine: Path) -> None:
    document = EditorDocument(library)
    document.open(mine)
    original = mine.read_text(encoding="utf-8")
    document.set_text(original.replace("      reps: 3\n", "      reps: 5\n", 1))
    saved = document.save()
    assert (saved.path, saved.draft, saved.replaced) == (mine, False, True)
    assert mine.read_text(encoding="utf-8") == document.text
    assert backup_path(mine).read_text(encoding="utf-8") == original
    assert not document.dirty
    assert document.is_disk_text(read_text(mine))  # our own save is recognised
    assert load_catalog(mine.parent).routines["bedtime-jane"].steps[1].dose.reps == 5


def test_text_with_problems_goes_to_a_draft_never_to_the_routine(library: RoutineLibrary, mine: Path) -> None:
    document = EditorDocument(library)
    document.open(mine)
    original = mine.read_bytes()
    document.set_text(document.text.replace("exercise: toe-pulls", "exercise: toe-pxulls", 1))
    with pytest.raises(InvalidFileError):
        document.save()
    assert mine.read_bytes() == original
    saved = document.save_draft()
    draft = mine.with_name("bedtime-jane.draft.yaml")
    assert (saved.path, saved.draft, saved.replaced) == (draft, True, False)
    assert document.path == draft
    assert document.is_draft
    assert not document.dirty
    assert mine.read_bytes() == original
    # Reopening the routine offers the newer draft.
    routine = EditorDocument(library)
    routine.open(mine)
    assert routine.newer_draft() == draft
    # Fixed, the draft becomes the routine and goes away.
    document.set_text(document.text.replace("toe-pxulls", "toe-pulls"))
    saved = document.save()
    assert (saved.path, saved.draft) == (mine, False)
    assert not draft.exists()
    assert routine.newer_draft() is None


def test_a_change_by_another_program_is_told_apart_from_ours(library: RoutineLibrary, mine: Path) -> None:
    document = EditorDocument(library)
    document.open(mine)
    document.set_text(document.text + "# mine\n")
    theirs = mine.read_text(encoding="utf-8") + "# theirs\n"
    mine.write_text(theirs, encoding="utf-8")
    assert not document.is_disk_text(read_text(mine))
    document.adopt_disk_version()  # "Keep mine": theirs becomes the base, mine stays unsaved
    assert document.is_disk_text(read_text(mine))
    assert document.dirty
    document.save()
    assert backup_path(mine).read_text(encoding="utf-8") == theirs


def test_a_rename_keeps_the_text_and_state(library: RoutineLibrary, mine: Path) -> None:
    document = EditorDocument(library)
    document.open(mine)
    document.set_text(document.text + "# unsaved\n")
    target = library.rename(mine, "jane-nights")
    document.moved(target)
    assert document.path == target
    assert document.dirty
    result = document.check()
    assert result is not None
    assert result.routine is not None
    assert result.routine.id == "jane-nights"


def test_the_document_needs_no_qt() -> None:
    script = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6'):\n"
        "            raise ImportError('Qt is blocked in this test')\n"
        "sys.meta_path.insert(0, Block())\n"
        "from cramp_coach import paths\n"
        "from cramp_coach.storage.routine_library import RoutineLibrary\n"
        "from cramp_coach.ui.editor import document, file_actions, host, prompts\n"
        "doc = document.EditorDocument(RoutineLibrary(paths.builtin_routines_dir()))\n"
        "doc.open(paths.builtin_routines_dir() / 'bedtime.yaml')\n"
        "assert doc.check().ok\n"
        "assert 'PySide6' not in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
