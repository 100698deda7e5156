"""The editor's file actions: new, rename, delete and undo, adding exercises, outside changes.

Also unsaved changes when leaving. Dialogs are scripted through a fake :class:`Prompts`;
nothing here waits on a modal window or sleeps.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cramp_coach.storage.routine_library import RoutineLibrary, backup_path, load_catalog
from cramp_coach.ui.dialogs.editor_dialogs import NewRoutineDialog
from cramp_coach.ui.editor.prompts import NewRoutineRequest
from cramp_coach.ui.editor.screen import EditorScreen
from cramp_coach.ui.widgets.wrapped_items import raw_text
from tests.gui.editor_screen_helpers import BUILTIN, duplicate_bedtime
from tests.helpers.fake_prompts import FakePrompts

# --- new, rename, delete, add ---------------------------------------------------------------


def test_new_routine_from_picked_exercises(library: RoutineLibrary, screen: EditorScreen, prompts: FakePrompts) -> None:
    prompts.script("new_routine", NewRoutineRequest("jane-gentle", "Jane: gentle", None, ("toe-pulls", "ankle-pumps")))
    screen.file_actions.new_routine()
    path = library.user_dir / "jane-gentle.yaml"
    assert screen.document.path == path
    routine = load_catalog(path.parent).routines["jane-gentle"]
    assert routine.title == "Jane: gentle"
    assert [step.exercise.id for step in routine.steps] == ["toe-pulls", "ankle-pumps"]
    assert screen.outline_pane.items.count() == 2


def test_new_routine_from_a_template(library: RoutineLibrary, screen: EditorScreen, prompts: FakePrompts) -> None:
    prompts.script(
        "new_routine", NewRoutineRequest("seated-jane", "Seated, for Jane", BUILTIN / "bedtime-seated.yaml", ())
    )
    screen.file_actions.new_routine()
    routine = load_catalog(library.user_dir).routines["seated-jane"]
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
    assert screen.document.path == path.with_name("jane-nights.yaml")
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
    assert screen.document.path == path.with_name("jane-nights.yaml")


def test_renaming_onto_a_built_in_id_asks_first(screen: EditorScreen, prompts: FakePrompts) -> None:
    duplicate_bedtime(screen, prompts)
    prompts.script("ask_id", "bedtime")
    prompts.script("choose", None)
    screen.file_actions.rename()
    assert screen.document.path is not None
    assert screen.document.path.name == "bedtime-jane.yaml"


def test_delete_then_undo(screen: EditorScreen, prompts: FakePrompts) -> None:
    path = duplicate_bedtime(screen, prompts)
    content = path.read_bytes()
    screen.file_actions.delete()
    assert not path.exists()
    assert screen.document.path is None
    assert screen.text_pane.undo_button.isVisible()
    assert "Deleted bedtime-jane.yaml" in screen.text_pane.status.text()
    screen.text_pane.undo_button.click()
    assert path.read_bytes() == content
    assert screen.document.path == path


def test_add_an_exercise_from_the_library(screen: EditorScreen, prompts: FakePrompts) -> None:
    duplicate_bedtime(screen, prompts)
    exercises = screen.files_pane.tree.topLevelItem(screen.files_pane.tree.topLevelItemCount() - 1)
    ankle = next(
        exercises.child(i) for i in range(exercises.childCount()) if raw_text(exercises.child(i)) == "Ankle pumps"
    )
    screen.files_pane.tree.setCurrentItem(ankle)
    screen.files_pane.add_button.click()
    result = screen.revalidate()
    assert result is not None
    assert result.routine is not None
    assert result.routine.steps[-1].exercise.id == "ankle-pumps"
    screen.text_pane.editor.undo()
    result = screen.revalidate()
    assert result is not None
    assert result.routine is not None
    assert result.routine.steps[-1].exercise.id == "toe-pulls"


# --- unsaved changes and other programs ------------------------------------------------------


def test_leaving_with_unsaved_changes_asks(screen: EditorScreen, prompts: FakePrompts, qtbot: QtBot) -> None:
    path = duplicate_bedtime(screen, prompts)
    screen.text_pane.editor.insertPlainText("# unsaved\n")
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
    with qtbot.waitSignal(screen.changes.watcher.fileChanged, timeout=5000):
        path.write_text(changed, encoding="utf-8")
    assert screen.text_pane.editor.toPlainText() == changed
    assert "reloaded" in screen.text_pane.status.text()
    assert not screen.document.dirty


def test_with_unsaved_changes_the_user_chooses(screen: EditorScreen, prompts: FakePrompts) -> None:
    path = duplicate_bedtime(screen, prompts)
    screen.text_pane.editor.insertPlainText("# mine\n")
    theirs = path.read_text(encoding="utf-8") + "# theirs\n"
    path.write_text(theirs, encoding="utf-8")
    screen.changes.file_changed(path)
    assert not screen.text_pane.banner.isHidden()
    assert "changed by another program" in screen.text_pane.banner_text.text()
    screen.text_pane.banner_secondary.click()  # Keep mine
    assert screen.text_pane.editor.toPlainText().startswith("# mine\n")
    assert screen.save()
    assert path.read_text(encoding="utf-8").startswith("# mine\n")
    assert backup_path(path).read_text(encoding="utf-8") == theirs
    # And the other way: theirs wins.
    screen.text_pane.editor.insertPlainText("# mine again\n")
    path.write_text(theirs, encoding="utf-8")
    screen.changes.file_changed(path)
    screen.text_pane.banner_primary.click()  # Reload theirs
    assert screen.text_pane.editor.toPlainText() == theirs


def test_our_own_save_is_not_mistaken_for_another_program(screen: EditorScreen, prompts: FakePrompts) -> None:
    path = duplicate_bedtime(screen, prompts)
    screen.text_pane.editor.insertPlainText("# mine\n")
    screen.save()
    screen.changes.file_changed(path)
    assert screen.text_pane.banner.isHidden()
