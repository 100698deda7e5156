"""The routine editor on screen: errors pointed at exactly, safe saves, preview, sharing.

The debounce timer is driven deterministically: tests either wait for the screen's
``checked`` signal (emitted when the timer fires) or call the timer's slot directly.
Dialogs are scripted through a fake :class:`Prompts`; nothing here waits on a modal
window or sleeps.
"""

from __future__ import annotations

import datetime
import errno
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from cramp_coach import paths
from cramp_coach.domain.handout_details import HandoutDetails
from cramp_coach.domain.player import PlayerStatus
from cramp_coach.domain.routine import Routine
from cramp_coach.domain.timeline import compile_routine
from cramp_coach.domain.wording import clock_text
from cramp_coach.storage import routine_library
from cramp_coach.storage.routine_library import RoutineLibrary, backup_path, load_catalog
from cramp_coach.ui.dialogs.editor_dialogs import HandoutDetailsDialog, NewRoutineDialog
from cramp_coach.ui.editor.prompts import NewRoutineRequest, with_suffix_from
from cramp_coach.ui.editor.screen import CHECK_DELAY_MS, EditorScreen
from cramp_coach.ui.editor.sharing import BUNDLE_SUFFIX, EXPORT_FILTERS
from cramp_coach.ui.player_controller import PlayerController
from cramp_coach.ui.theme import NIGHT
from cramp_coach.ui.widgets.wrapped_items import raw_text
from tests.helpers.fake_prompts import FakePrompts
from tests.helpers.fakes import FakeClock, FakeWallClock

BUILTIN = paths.builtin_routines_dir()


class Previews:
    def __init__(self) -> None:
        self.played: list[tuple[Routine, float]] = []

    def __call__(self, routine: Routine, speed: float) -> None:
        self.played.append((routine, speed))


@pytest.fixture
def user_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "routines"
    folder.mkdir()
    return folder


@pytest.fixture
def prompts() -> FakePrompts:
    return FakePrompts()


@pytest.fixture
def previews() -> Previews:
    return Previews()


@pytest.fixture
def screen(qtbot: QtBot, user_dir: Path, prompts: FakePrompts, previews: Previews) -> Iterator[EditorScreen]:
    widget = EditorScreen(RoutineLibrary(user_dir), previews, lambda: NIGHT, prompts=prompts)
    qtbot.addWidget(widget)
    widget.resize(1300, 850)
    widget.show()
    yield widget
    widget.hide()  # stops the timers


def line_of(screen: EditorScreen, needle: str, occurrence: int = 0) -> int:
    """1-based number of the line holding ``needle``."""
    lines = screen.editor.toPlainText().split("\n")
    return [number for number, line in enumerate(lines, start=1) if needle in line][occurrence]


def put_cursor(screen: EditorScreen, line: int, column: int) -> None:
    """Cursor at 1-based line and column, as a click would put it."""
    block = screen.editor.document().findBlockByNumber(line - 1)
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + column - 1)
    screen.editor.setTextCursor(cursor)


def duplicate_bedtime(screen: EditorScreen, prompts: FakePrompts, new_id: str = "bedtime-jane") -> Path:
    screen.open_file(BUILTIN / "bedtime.yaml")
    prompts.script("ask_id", new_id)
    screen.file_actions.duplicate()
    assert screen.path is not None
    return screen.path


# --- read-only built-ins, duplicate ---------------------------------------------------------


def test_built_ins_open_read_only_with_duplicate_to_edit(screen: EditorScreen, prompts: FakePrompts) -> None:
    assert screen.open_file(BUILTIN / "bedtime.yaml")
    assert screen.editor.isReadOnly()
    assert not screen.save_button.isEnabled()
    assert not screen.banner.isHidden()
    assert screen.banner_primary.text() == "Duplicate to edit"
    assert "read-only" in screen.document_title.text()
    prompts.script("ask_id", "bedtime-jane")
    screen.banner_primary.click()
    assert screen.path == screen._library.user_dir / "bedtime-jane.yaml"
    assert not screen.editor.isReadOnly()
    assert screen.save_button.isEnabled()
    assert screen.path.read_bytes() == (BUILTIN / "bedtime.yaml").read_bytes()
    assert "bedtime-jane" in load_catalog(screen._library.user_dir).routines


def test_the_list_shows_yours_built_ins_and_library_exercises(screen: EditorScreen, prompts: FakePrompts) -> None:
    duplicate_bedtime(screen, prompts)
    groups = {
        raw_text(screen.files.topLevelItem(index)): [
            raw_text(screen.files.topLevelItem(index).child(child))
            for child in range(screen.files.topLevelItem(index).childCount())
        ]
        for index in range(screen.files.topLevelItemCount())
    }
    assert groups["Your routines"] == ["Bedtime stretch\nbedtime-jane.yaml"]
    assert "Bedtime stretch\nbedtime.yaml" in groups["Built-in (read-only)"]
    assert "Wall calf stretch" in groups["Library exercises"]


# --- the live error list -----------------------------------------------------------------


def test_type_an_error_see_it_at_its_line_and_column_then_fix_it(
    screen: EditorScreen, prompts: FakePrompts, qtbot: QtBot
) -> None:
    duplicate_bedtime(screen, prompts)
    assert screen.problems.count() == 0
    line = line_of(screen, "hold_seconds: 10")  # the wall calf stretch (steps[1]): heel raises has none
    put_cursor(screen, line, len("      hold_seconds: 10") + 1)
    with qtbot.waitSignal(screen.checked, timeout=CHECK_DELAY_MS * 10):
        qtbot.keyClicks(screen.editor, "00")  # 1000 s: more than the 600 s allowed
        assert screen._check_timer.isActive()  # debounced: nothing is checked while typing
        assert screen.problems.count() == 0
    assert screen.problems.count() == 1
    item = screen.problems.item(0)
    assert raw_text(item) == (
        f"{line}:21: steps[1].dose.hold_seconds: expected a number of seconds from 1 to 600, found the number 1000"
    )
    assert "1 problem" in screen.problems_title.text()
    assert not screen.preview_button.isEnabled()

    put_cursor(screen, 1, 1)
    screen.problems.itemClicked.emit(item)
    assert screen.editor.cursor_position() == (line - 1, 20)

    put_cursor(screen, line, len("      hold_seconds: 1000") + 1)
    qtbot.keyClick(screen.editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(screen.editor, Qt.Key.Key_Backspace)
    screen._check_timer.timeout.emit()  # or wait: the same slot either way
    assert screen.problems.count() == 0
    assert "No problems" in screen.problems_title.text()
    assert screen.preview_button.isEnabled()


def test_a_yaml_syntax_error_is_located_too(screen: EditorScreen, prompts: FakePrompts) -> None:
    duplicate_bedtime(screen, prompts)
    line = line_of(screen, "  - exercise: toe-pulls")
    put_cursor(screen, line, 1)
    screen.editor.insertPlainText("   bad: [unclosed\n")
    result = screen.revalidate()
    assert result is not None
    assert [issue.field for issue in result.issues] == ["yaml"]
    assert raw_text(screen.problems.item(0)).startswith(f"{result.issues[0].line}:{result.issues[0].column}: yaml: ")


def test_the_hint_explains_the_key_at_the_cursor(screen: EditorScreen) -> None:
    screen.open_file(BUILTIN / "bedtime.yaml")
    put_cursor(screen, line_of(screen, "      rest_seconds: 10"), 8)
    # Invisible break points let the field path wrap in a narrow column.
    assert screen.hint.text().replace("\u200b", "").startswith("steps[].dose.rest_seconds: Rest between the reps of")
    put_cursor(screen, line_of(screen, "change_seconds"), 1)
    assert "Pause to get into position for the next exercise." in screen.hint.text()


# --- the outline -------------------------------------------------------------------------


def test_the_outline_lists_exercises_doses_and_the_compiled_total(screen: EditorScreen, prompts: FakePrompts) -> None:
    duplicate_bedtime(screen, prompts)
    routine = load_catalog().routines["bedtime"]
    assert screen.outline_title.text() == "Bedtime stretch"
    assert clock_text(compile_routine(routine).total_seconds) in screen.outline_facts.text()
    assert screen.outline.count() == len(routine.steps)
    for index, step in enumerate(routine.steps):
        text = raw_text(screen.outline.item(index))
        assert text.startswith(f"{index + 1}. {step.exercise.name}\n{step.dose.describe()}")
    # A broken edit keeps the last good outline, marked as such.
    put_cursor(screen, line_of(screen, "title:"), 1)
    screen.editor.insertPlainText("x")
    screen.revalidate()
    assert screen.outline.count() == len(routine.steps)
    assert "last version without problems" in screen.outline_stale.text()


# --- saving --------------------------------------------------------------------------------


def test_an_edit_keeps_every_comment_and_the_key_order(screen: EditorScreen, prompts: FakePrompts) -> None:
    path = duplicate_bedtime(screen, prompts)
    original = path.read_text(encoding="utf-8")
    line = line_of(screen, "reps: 3", occurrence=0)
    put_cursor(screen, line, len("      reps: 3"))
    screen.editor.textCursor().deleteChar()
    screen.editor.insertPlainText("5")
    assert screen.dirty
    assert screen.save()
    saved = path.read_text(encoding="utf-8")
    assert saved == original.replace("      reps: 3\n", "      reps: 5\n", 1)
    assert saved.startswith("# cramp-coach built-in routine: the evidence-based bedtime stretch.")
    assert backup_path(path).read_text(encoding="utf-8") == original
    assert not screen.dirty
    assert load_catalog(path.parent).routines["bedtime-jane"].steps[1].dose.reps == 5


def test_invalid_work_is_kept_as_a_draft_never_as_the_routine(screen: EditorScreen, prompts: FakePrompts) -> None:
    path = duplicate_bedtime(screen, prompts)
    original = path.read_bytes()
    put_cursor(screen, line_of(screen, "- exercise: toe-pulls"), 20)
    screen.editor.insertPlainText("x")  # toe-pxulls: unknown exercise
    prompts.script("choose", "Save as draft")
    assert screen.save()
    draft = path.with_name("bedtime-jane.draft.yaml")
    assert screen.path == draft
    assert path.read_bytes() == original
    assert "toe-pxulls" in draft.read_text(encoding="utf-8")
    assert "DRAFT" in screen.document_title.text()
    assert load_catalog(path.parent).files_with_issues == ()  # the draft never loads
    # Fixing it and saving makes it the routine, and the draft goes.
    put_cursor(screen, line_of(screen, "toe-pxulls"), 20)
    screen.editor.textCursor().deleteChar()
    assert screen.save()
    assert screen.path == path
    assert not draft.exists()


def test_a_failed_save_leaves_the_old_file_and_says_why(
    screen: EditorScreen, prompts: FakePrompts, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = duplicate_bedtime(screen, prompts)
    original = path.read_bytes()
    screen.editor.insertPlainText("# a change\n")

    def full_disk(source: object, dest: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(routine_library.os, "replace", full_disk)
    assert not screen.save()
    assert prompts.asked[-1][0] == "inform"
    assert "No space left on device" in prompts.asked[-1][1]
    assert path.read_bytes() == original
    assert sorted(p.name for p in path.parent.iterdir() if p.suffix == ".tmp") == []
    assert screen.dirty


def test_ctrl_s_saves(screen: EditorScreen, prompts: FakePrompts, qtbot: QtBot) -> None:
    path = duplicate_bedtime(screen, prompts)
    put_cursor(screen, 1, 1)
    screen.editor.insertPlainText("# saved with the keyboard\n")
    qtbot.keyClick(screen.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert path.read_text(encoding="utf-8").startswith("# saved with the keyboard\n")


# --- preview -------------------------------------------------------------------------------


def test_preview_plays_the_edited_unsaved_routine(qtbot: QtBot, user_dir: Path, prompts: FakePrompts) -> None:
    clock = FakeClock()
    controller = PlayerController(clock, FakeWallClock(), diary=None, cues=None, speech=None)
    speeds: list[float] = []

    def preview(routine: Routine, speed: float) -> None:
        speeds.append(speed)
        controller.start(routine)

    screen = EditorScreen(RoutineLibrary(user_dir), preview, lambda: NIGHT, prompts=prompts)
    qtbot.addWidget(screen)
    path = duplicate_bedtime(screen, prompts)
    saved = path.read_bytes()
    put_cursor(screen, line_of(screen, "title: Bedtime stretch"), len("title: Bedtime stretch") + 1)
    screen.editor.insertPlainText(" for Jane")
    put_cursor(screen, line_of(screen, "  - exercise: heel-raises"), 1)
    screen.editor.textCursor().select(QTextCursor.SelectionType.LineUnderCursor)
    cursor = screen.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Down, QTextCursor.MoveMode.KeepAnchor, 2)
    cursor.removeSelectedText()  # drop the heel raises (and their note)
    screen.editor.setTextCursor(cursor)
    qtbot.mouseClick(screen.fast_button, Qt.MouseButton.LeftButton)
    assert speeds == [10.0]
    assert controller.routine is not None
    assert controller.routine.title == "Bedtime stretch for Jane"
    assert [step.exercise.id for step in controller.routine.steps] == [
        "wall-calf-stretch",
        "standing-hamstring-stretch",
        "toe-pulls",
    ]
    seen = set()
    for _ in range(4000):
        clock.advance(0.5)
        controller.tick()
        snapshot = controller.snapshot()
        assert snapshot is not None
        if snapshot.status is PlayerStatus.FINISHED:
            break
        seen.add(snapshot.phase.exercise_name)
    assert seen == {"Wall calf stretch", "Standing hamstring stretch", "Toe pulls in bed"}
    assert path.read_bytes() == saved  # preview never saves


def test_preview_is_refused_while_there_are_problems(
    screen: EditorScreen, prompts: FakePrompts, previews: Previews
) -> None:
    duplicate_bedtime(screen, prompts)
    put_cursor(screen, line_of(screen, "title:"), 1)
    screen.editor.insertPlainText("x")
    screen.play_preview(1.0)
    assert previews.played == []
    assert "Fix the problems first" in screen.status.text()


# --- new, rename, delete, add ---------------------------------------------------------------


def test_new_routine_from_picked_exercises(screen: EditorScreen, prompts: FakePrompts) -> None:
    prompts.script("new_routine", NewRoutineRequest("jane-gentle", "Jane: gentle", None, ("toe-pulls", "ankle-pumps")))
    screen.file_actions.new_routine()
    path = screen._library.user_dir / "jane-gentle.yaml"
    assert screen.path == path
    routine = load_catalog(path.parent).routines["jane-gentle"]
    assert routine.title == "Jane: gentle"
    assert [step.exercise.id for step in routine.steps] == ["toe-pulls", "ankle-pumps"]
    assert screen.outline.count() == 2


def test_new_routine_from_a_template(screen: EditorScreen, prompts: FakePrompts) -> None:
    prompts.script(
        "new_routine", NewRoutineRequest("seated-jane", "Seated, for Jane", BUILTIN / "bedtime-seated.yaml", ())
    )
    screen.file_actions.new_routine()
    routine = load_catalog(screen._library.user_dir).routines["seated-jane"]
    assert routine.title == "Seated, for Jane"
    assert len(routine.steps) == 4


def test_the_new_routine_dialog_checks_the_id(qtbot: QtBot) -> None:
    exercises = load_catalog().exercises
    dialog = NewRoutineDialog([], exercises, lambda value: "" if value == "ok-id" else "taken")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    dialog.title_edit.setText("Ok id")
    assert dialog.id_edit.text() == "ok-id"
    assert not ok.isEnabled()  # no exercise ticked yet
    dialog.exercises.item(0).setCheckState(Qt.CheckState.Checked)
    assert ok.isEnabled()
    dialog.id_edit.setText("other")
    assert not ok.isEnabled()
    assert dialog.problem.text() == "taken"


def test_rename_checks_for_clashes(screen: EditorScreen, prompts: FakePrompts) -> None:
    duplicate_bedtime(screen, prompts, "other")
    path = duplicate_bedtime(screen, prompts, "bedtime-jane")
    prompts.script("ask_id", "jane-nights")
    screen.file_actions.rename()
    assert screen.path == path.with_name("jane-nights.yaml")
    assert not path.exists()
    # The dialog refuses a taken id (the fake asserts the check passes): a clash made
    # behind its back is still refused by the library, and nothing moves.
    screen.file_actions.id_problem = lambda value: ""  # type: ignore[method-assign]
    prompts.script("ask_id", "other")
    screen.file_actions.rename()
    assert (
        "inform",
        "That id is taken: 'other' is already used by " + str(path.with_name("other.yaml")) + "; choose another id",
    ) in prompts.asked
    assert screen.path == path.with_name("jane-nights.yaml")


def test_renaming_onto_a_built_in_id_asks_first(screen: EditorScreen, prompts: FakePrompts) -> None:
    duplicate_bedtime(screen, prompts)
    prompts.script("ask_id", "bedtime")
    prompts.script("choose", None)
    screen.file_actions.rename()
    assert screen.path is not None
    assert screen.path.name == "bedtime-jane.yaml"


def test_delete_then_undo(screen: EditorScreen, prompts: FakePrompts) -> None:
    path = duplicate_bedtime(screen, prompts)
    content = path.read_bytes()
    screen.file_actions.delete()
    assert not path.exists()
    assert screen.path is None
    assert screen.undo_button.isVisible()
    assert "Deleted bedtime-jane.yaml" in screen.status.text()
    screen.undo_button.click()
    assert path.read_bytes() == content
    assert screen.path == path


def test_add_an_exercise_from_the_library(screen: EditorScreen, prompts: FakePrompts) -> None:
    duplicate_bedtime(screen, prompts)
    exercises = screen.files.topLevelItem(screen.files.topLevelItemCount() - 1)
    ankle = next(
        exercises.child(i) for i in range(exercises.childCount()) if raw_text(exercises.child(i)) == "Ankle pumps"
    )
    screen.files.setCurrentItem(ankle)
    screen.add_button.click()
    result = screen.revalidate()
    assert result is not None
    assert result.routine is not None
    assert result.routine.steps[-1].exercise.id == "ankle-pumps"
    screen.editor.undo()
    result = screen.revalidate()
    assert result is not None
    assert result.routine is not None
    assert result.routine.steps[-1].exercise.id == "toe-pulls"


# --- unsaved changes and other programs ------------------------------------------------------


def test_leaving_with_unsaved_changes_asks(screen: EditorScreen, prompts: FakePrompts, qtbot: QtBot) -> None:
    path = duplicate_bedtime(screen, prompts)
    screen.editor.insertPlainText("# unsaved\n")
    prompts.script("choose", None)
    with qtbot.assertNotEmitted(screen.back_requested):
        screen.request_back()
    prompts.script("choose", "Discard changes")
    with qtbot.waitSignal(screen.back_requested, timeout=1000):
        screen.request_back()
    assert "# unsaved" not in path.read_text(encoding="utf-8")


def test_a_file_changed_by_another_program_is_reloaded(
    screen: EditorScreen, prompts: FakePrompts, qtbot: QtBot
) -> None:
    path = duplicate_bedtime(screen, prompts)
    changed = path.read_text(encoding="utf-8").replace("Bedtime stretch", "Changed elsewhere", 1)
    with qtbot.waitSignal(screen.watcher.fileChanged, timeout=5000):
        path.write_text(changed, encoding="utf-8")
    assert screen.editor.toPlainText() == changed
    assert "reloaded" in screen.status.text()
    assert not screen.dirty


def test_with_unsaved_changes_the_user_chooses(screen: EditorScreen, prompts: FakePrompts) -> None:
    path = duplicate_bedtime(screen, prompts)
    screen.editor.insertPlainText("# mine\n")
    theirs = path.read_text(encoding="utf-8") + "# theirs\n"
    path.write_text(theirs, encoding="utf-8")
    screen.changes.file_changed(path)
    assert not screen.banner.isHidden()
    assert "changed by another program" in screen.banner_text.text()
    screen.banner_secondary.click()  # Keep mine
    assert screen.editor.toPlainText().startswith("# mine\n")
    assert screen.save()
    assert path.read_text(encoding="utf-8").startswith("# mine\n")
    assert backup_path(path).read_text(encoding="utf-8") == theirs
    # And the other way: theirs wins.
    screen.editor.insertPlainText("# mine again\n")
    path.write_text(theirs, encoding="utf-8")
    screen.changes.file_changed(path)
    screen.banner_primary.click()  # Reload theirs
    assert screen.editor.toPlainText() == theirs


def test_our_own_save_is_not_mistaken_for_another_program(screen: EditorScreen, prompts: FakePrompts) -> None:
    path = duplicate_bedtime(screen, prompts)
    screen.editor.insertPlainText("# mine\n")
    screen.save()
    screen.changes.file_changed(path)
    assert screen.banner.isHidden()


# --- sharing and handouts ---------------------------------------------------------------------


def test_import_rejects_an_invalid_bundle_and_changes_nothing(
    screen: EditorScreen, prompts: FakePrompts, tmp_path: Path
) -> None:
    archive = tmp_path / "from-physio.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr(
            "jane.yaml", "schema_version: 1\nkind: routine\ntitle: J\nsummary: S\nsteps:\n  - exercise: nope\n"
        )
    before = sorted(p.name for p in screen._library.user_dir.rglob("*"))
    assert screen.sharing.import_from(archive) == []
    (issues,) = prompts.issues_shown
    assert [(issue.line, issue.column, issue.field) for issue in issues] == [(6, 15, "steps[0].exercise")]
    assert sorted(p.name for p in screen._library.user_dir.rglob("*")) == before


def test_import_with_a_clash_can_use_a_new_id(screen: EditorScreen, prompts: FakePrompts, tmp_path: Path) -> None:
    path = duplicate_bedtime(screen, prompts)
    incoming = tmp_path / path.name
    incoming.write_text(path.read_text(encoding="utf-8").replace("Bedtime stretch", "From the physio", 1))
    prompts.script("choose", "Import it under a new id")
    prompts.script("ask_id", "bedtime-jane-2")
    written = screen.sharing.import_from(incoming)
    assert written == [path.with_name("bedtime-jane-2.yaml")]
    assert screen.path == path.with_name("bedtime-jane-2.yaml")
    assert "From the physio" in screen.editor.toPlainText()


def test_export_then_import_on_another_machine(
    screen: EditorScreen, prompts: FakePrompts, tmp_path: Path, qtbot: QtBot, previews: Previews
) -> None:
    duplicate_bedtime(screen, prompts)
    dest = screen.sharing.export_to(tmp_path / "for-jane.zip")
    assert dest is not None
    other = EditorScreen(RoutineLibrary(tmp_path / "patient"), previews, lambda: NIGHT, prompts=prompts)
    qtbot.addWidget(other)
    assert other.sharing.import_from(dest) == [tmp_path / "patient" / "bedtime-jane.yaml"]
    assert other.result is not None
    assert other.result.ok


def test_export_suggests_a_name_the_patients_desktop_opens(
    screen: EditorScreen, prompts: FakePrompts, tmp_path: Path, qtbot: QtBot, previews: Previews
) -> None:
    duplicate_bedtime(screen, prompts)
    prompts.script("save_path", tmp_path / "for-jane")  # typed without an extension
    dest = screen.sharing.export_to(None)
    assert prompts.suggested[-1].name == "bedtime-jane.cramp.zip"
    assert dest == tmp_path / "for-jane.cramp.zip"
    assert zipfile.is_zipfile(dest)
    # The name the desktop's file type for bundles matches (double-click opens the app).
    mime = ElementTree.parse(paths.builtin_assets_dir() / "metainfo" / "cramp-coach-mime.xml")
    globs = [glob.get("pattern") for glob in mime.iter("{http://www.freedesktop.org/standards/shared-mime-info}glob")]
    assert globs == [f"*{BUNDLE_SUFFIX}"]
    patient = EditorScreen(RoutineLibrary(tmp_path / "patient"), previews, lambda: NIGHT, prompts=prompts)
    qtbot.addWidget(patient)
    assert patient.sharing.import_from(dest) == [tmp_path / "patient" / "bedtime-jane.yaml"]


def test_a_typed_name_gets_the_whole_extension_of_its_filter() -> None:
    assert with_suffix_from(Path("jane"), EXPORT_FILTERS) == Path("jane.cramp.zip")
    assert with_suffix_from(Path("jane"), "Routine file only (*.yaml)") == Path("jane.yaml")
    assert with_suffix_from(Path("jane.zip"), EXPORT_FILTERS) == Path("jane.zip")  # as typed


JANE = HandoutDetails(
    patient="Jane Doe", physiotherapist="Sam Lee", date=datetime.date(2026, 12, 2), contact="01632 960123"
)


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("needs poppler-utils (pdftotext)")
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_handout_pdf_from_the_editor_with_who_it_is_for(
    screen: EditorScreen, prompts: FakePrompts, tmp_path: Path
) -> None:
    duplicate_bedtime(screen, prompts)
    prompts.script("handout_details", JANE)
    prompts.script("save_path", tmp_path / "jane")
    written = screen.sharing.save_handout(None)
    assert written == tmp_path / "jane.pdf"
    assert "Handout saved" in screen.status.text()
    text = pdf_text(written)
    for value in ("Jane Doe", "Sam Lee", "01632 960123"):
        assert value in text
    # The form is offered first with today's date, then as it was last filled in.
    assert prompts.details_offered[0] == HandoutDetails(date=datetime.date.today())
    prompts.script("handout_details", None)  # cancelled: nothing is asked or written after it
    assert screen.sharing.save_handout(None) is None
    assert prompts.details_offered[1] == replace(JANE, date=datetime.date.today())
    assert prompts.asked[-1] == ("handout_details", "Handout details")


def test_the_handout_form_gives_back_what_was_typed(qtbot: QtBot) -> None:
    dialog = HandoutDetailsDialog(HandoutDetails(date=datetime.date(2026, 12, 2)))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.patient, "  Jane Doe ")
    qtbot.keyClicks(dialog.contact, "01632 960123")
    assert dialog.details() == HandoutDetails("Jane Doe", "", datetime.date(2026, 12, 2), "01632 960123")
    dialog.with_date.setChecked(False)  # to be written in by hand
    assert not dialog.date.isEnabled()
    assert dialog.details().date is None


def test_timers_are_parented_and_stop_when_hidden(screen: EditorScreen, prompts: FakePrompts) -> None:
    duplicate_bedtime(screen, prompts)
    screen.editor.insertPlainText("# x\n")
    assert screen._check_timer.isActive()
    assert screen._check_timer.parent() is screen
    screen.hide()
    assert not screen._check_timer.isActive()
    assert os.fspath(screen._library.user_dir) in screen.watcher.directories()


def test_print_goes_through_a_printer(screen: EditorScreen, prompts: FakePrompts, tmp_path: Path) -> None:
    duplicate_bedtime(screen, prompts)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # a "printer" that writes a file
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    prompts.script("handout_details", JANE)
    prompts.script("printer", printer)
    screen.print_button.click()
    assert re.fullmatch(r"Sent \d+ pages to the printer\.", screen.status.text())
    assert "Jane Doe" in pdf_text(tmp_path / "printed.pdf")


def test_columns_after_characters_outside_the_basic_plane(screen: EditorScreen, prompts: FakePrompts) -> None:
    path = duplicate_bedtime(screen, prompts)
    line = line_of(screen, "hold_seconds: 10")
    put_cursor(screen, line, len("      hold_seconds: 10") + 1)
    screen.editor.insertPlainText("  # 🦵🦵 and then")  # comment first: the value stays valid
    put_cursor(screen, line, len("      hold_seconds: 1") + 1)
    screen.editor.insertPlainText("000")  # 10000 s, reported at the value's column
    result = screen.revalidate()
    assert result is not None
    (issue,) = result.issues
    assert (issue.line, issue.column) == (line, 21)
    put_cursor(screen, line, 1)
    screen.problems.itemClicked.emit(screen.problems.item(0))
    assert screen.editor.cursor_position() == (line - 1, 20)
    # A problem after an emoji on the same line is underlined exactly there: the loader
    # counts code points, Qt counts UTF-16 units (the emoji is two of them).
    flow = "    dose: {hold_seconds: 10, note: 🦵, reps: 9999}"
    lines = screen.editor.toPlainText().split("\n")
    lines[line - 2 : line + 3] = [flow]  # the wall calf stretch's block dose, now one line
    screen.editor.setPlainText("\n".join(lines))
    result = screen.revalidate()
    assert result is not None
    reps = next(issue for issue in result.issues if issue.field.endswith("reps"))
    assert reps.column == flow.index("9999") + 1
    block = screen.editor.document().findBlockByNumber(reps.line - 1)
    starts = sorted(
        selection.cursor.selectionStart() - block.position() for selection in screen.editor.extraSelections()
    )
    assert flow.index("9999") + 1 in starts  # one more than the code-point index: the emoji
    assert path.exists()


def test_follows_the_apps_routines_but_not_its_own_echo(
    screen: EditorScreen, prompts: FakePrompts, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = duplicate_bedtime(screen, prompts)
    # Another part of the app (an import from the command line, say) adds a routine.
    path.with_name("from-elsewhere.yaml").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    screen.follow_catalog(None)
    assert screen.files_pane.item_for(path.with_name("from-elsewhere.yaml")) is not None
    # A change this screen announced itself is not read a second time when the app echoes it.
    refreshes: list[None] = []
    real_refresh = screen._library.refresh
    monkeypatch.setattr(screen._library, "refresh", lambda: (refreshes.append(None), real_refresh())[1])
    screen.routines_changed.connect(lambda: screen.follow_catalog(None))
    screen.editor.insertPlainText("# saved\n")
    assert screen.save()
    assert len(refreshes) == 1  # the library's own re-read after writing; the echo added none
    refreshes.clear()
    screen.hide()
    screen.follow_catalog(None)  # hidden: nothing is read until it is shown again
    assert refreshes == []
