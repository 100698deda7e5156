"""The routine editor on screen: errors pointed at exactly, hints, the outline, safe saves, preview.

The debounce timer is driven deterministically: tests either wait for the screen's
``checked`` signal (emitted when the timer fires) or call the timer's slot directly.
Dialogs are scripted through a fake :class:`Prompts`; nothing here waits on a modal
window or sleeps.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from cramp_coach.domain.player import PlayerStatus
from cramp_coach.domain.routine import Routine
from cramp_coach.domain.timeline import compile_routine
from cramp_coach.domain.wording import clock_text
from cramp_coach.storage import routine_library
from cramp_coach.storage.routine_library import RoutineLibrary, backup_path, load_catalog
from cramp_coach.ui.editor.screen import CHECK_DELAY_MS, EditorScreen
from cramp_coach.ui.player_controller import PlayerController
from cramp_coach.ui.theme import NIGHT
from cramp_coach.ui.widgets.wrapped_items import raw_text
from tests.gui.editor_screen_helpers import BUILTIN, Previews, duplicate_bedtime, line_of, put_cursor
from tests.helpers.fake_prompts import FakePrompts
from tests.helpers.fakes import FakeClock, FakeWallClock

# --- read-only built-ins, duplicate ---------------------------------------------------------


def test_built_ins_open_read_only_with_duplicate_to_edit(
    library: RoutineLibrary, screen: EditorScreen, prompts: FakePrompts
) -> None:
    assert screen.open_file(BUILTIN / "bedtime.yaml")
    assert screen.text_pane.editor.isReadOnly()
    assert not screen.top_bar.save_button.isEnabled()
    assert not screen.text_pane.banner.isHidden()
    assert screen.text_pane.banner_primary.text() == "Duplicate to edit"
    assert "read-only" in screen.text_pane.document_title.text()
    prompts.script("ask_id", "bedtime-jane")
    screen.text_pane.banner_primary.click()
    assert screen.document.path == library.user_dir / "bedtime-jane.yaml"
    assert not screen.text_pane.editor.isReadOnly()
    assert screen.top_bar.save_button.isEnabled()
    assert screen.document.path.read_bytes() == (BUILTIN / "bedtime.yaml").read_bytes()
    assert "bedtime-jane" in load_catalog(library.user_dir).routines


def test_the_list_shows_yours_built_ins_and_library_exercises(screen: EditorScreen, prompts: FakePrompts) -> None:
    duplicate_bedtime(screen, prompts)
    groups = {
        raw_text(screen.files_pane.tree.topLevelItem(index)): [
            raw_text(screen.files_pane.tree.topLevelItem(index).child(child))
            for child in range(screen.files_pane.tree.topLevelItem(index).childCount())
        ]
        for index in range(screen.files_pane.tree.topLevelItemCount())
    }
    assert groups["Your routines"] == ["Bedtime stretch\nbedtime-jane.yaml"]
    assert "Bedtime stretch\nbedtime.yaml" in groups["Built-in (read-only)"]
    assert "Wall calf stretch" in groups["Library exercises"]


# --- the live error list -----------------------------------------------------------------


def test_type_an_error_see_it_at_its_line_and_column_then_fix_it(
    screen: EditorScreen, prompts: FakePrompts, qtbot: QtBot
) -> None:
    duplicate_bedtime(screen, prompts)
    assert screen.text_pane.problems.count() == 0
    line = line_of(screen, "hold_seconds: 10")  # the wall calf stretch (steps[1]): heel raises has none
    put_cursor(screen, line, len("      hold_seconds: 10") + 1)
    with qtbot.waitSignal(screen.checked, timeout=CHECK_DELAY_MS * 10):
        qtbot.keyClicks(screen.text_pane.editor, "00")  # 1000 s: more than the 600 s allowed
        assert screen._check_timer.isActive()  # debounced: nothing is checked while typing
        assert screen.text_pane.problems.count() == 0
    assert screen.text_pane.problems.count() == 1
    item = screen.text_pane.problems.item(0)
    assert raw_text(item) == (
        f"{line}:21: steps[1].dose.hold_seconds: expected a number of seconds from 1 to 600, found the number 1000"
    )
    assert "1 problem" in screen.text_pane.problems_title.text()
    assert not screen.top_bar.preview_button.isEnabled()

    put_cursor(screen, 1, 1)
    screen.text_pane.problems.itemClicked.emit(item)
    assert screen.text_pane.editor.cursor_position() == (line - 1, 20)

    put_cursor(screen, line, len("      hold_seconds: 1000") + 1)
    qtbot.keyClick(screen.text_pane.editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(screen.text_pane.editor, Qt.Key.Key_Backspace)
    screen._check_timer.timeout.emit()  # or wait: the same slot either way
    assert screen.text_pane.problems.count() == 0
    assert "No problems" in screen.text_pane.problems_title.text()
    assert screen.top_bar.preview_button.isEnabled()


def test_a_yaml_syntax_error_is_located_too(screen: EditorScreen, prompts: FakePrompts) -> None:
    duplicate_bedtime(screen, prompts)
    line = line_of(screen, "  - exercise: toe-pulls")
    put_cursor(screen, line, 1)
    screen.text_pane.editor.insertPlainText("   bad: [unclosed\n")
    result = screen.revalidate()
    assert result is not None
    assert [issue.field for issue in result.issues] == ["yaml"]
    assert raw_text(screen.text_pane.problems.item(0)).startswith(
        f"{result.issues[0].line}:{result.issues[0].column}: yaml: "
    )


def test_the_hint_explains_the_key_at_the_cursor(screen: EditorScreen) -> None:
    screen.open_file(BUILTIN / "bedtime.yaml")
    put_cursor(screen, line_of(screen, "      rest_seconds: 10"), 8)
    # Invisible break points let the field path wrap in a narrow column.
    assert (
        screen.outline_pane.hint.text()
        .replace("\u200b", "")
        .startswith("steps[].dose.rest_seconds: Rest between the reps of")
    )
    put_cursor(screen, line_of(screen, "change_seconds"), 1)
    assert "Pause to get into position for the next exercise." in screen.outline_pane.hint.text()


# --- the outline -------------------------------------------------------------------------


def test_the_outline_lists_exercises_doses_and_the_compiled_total(screen: EditorScreen, prompts: FakePrompts) -> None:
    duplicate_bedtime(screen, prompts)
    routine = load_catalog().routines["bedtime"]
    assert screen.outline_pane.title.text() == "Bedtime stretch"
    assert clock_text(compile_routine(routine).total_seconds) in screen.outline_pane.facts.text()
    assert screen.outline_pane.items.count() == len(routine.steps)
    for index, step in enumerate(routine.steps):
        text = raw_text(screen.outline_pane.items.item(index))
        assert text.startswith(f"{index + 1}. {step.exercise.name}\n{step.dose.describe()}")
    # A broken edit keeps the last good outline, marked as such.
    put_cursor(screen, line_of(screen, "title:"), 1)
    screen.text_pane.editor.insertPlainText("x")
    screen.revalidate()
    assert screen.outline_pane.items.count() == len(routine.steps)
    assert "last version without problems" in screen.outline_pane.stale.text()


# --- saving --------------------------------------------------------------------------------


def test_an_edit_keeps_every_comment_and_the_key_order(screen: EditorScreen, prompts: FakePrompts) -> None:
    path = duplicate_bedtime(screen, prompts)
    original = path.read_text(encoding="utf-8")
    line = line_of(screen, "reps: 3", occurrence=0)
    put_cursor(screen, line, len("      reps: 3"))
    screen.text_pane.editor.textCursor().deleteChar()
    screen.text_pane.editor.insertPlainText("5")
    assert screen.document.dirty
    assert screen.save()
    saved = path.read_text(encoding="utf-8")
    assert saved == original.replace("      reps: 3\n", "      reps: 5\n", 1)
    assert saved.startswith("# cramp-coach built-in routine: the evidence-based bedtime stretch.")
    assert backup_path(path).read_text(encoding="utf-8") == original
    assert not screen.document.dirty
    assert load_catalog(path.parent).routines["bedtime-jane"].steps[1].dose.reps == 5


def test_invalid_work_is_kept_as_a_draft_never_as_the_routine(screen: EditorScreen, prompts: FakePrompts) -> None:
    path = duplicate_bedtime(screen, prompts)
    original = path.read_bytes()
    put_cursor(screen, line_of(screen, "- exercise: toe-pulls"), 20)
    screen.text_pane.editor.insertPlainText("x")  # toe-pxulls: unknown exercise
    prompts.script("choose", "Save as draft")
    assert screen.save()
    draft = path.with_name("bedtime-jane.draft.yaml")
    assert screen.document.path == draft
    assert path.read_bytes() == original
    assert "toe-pxulls" in draft.read_text(encoding="utf-8")
    assert "DRAFT" in screen.text_pane.document_title.text()
    assert load_catalog(path.parent).files_with_issues == ()  # the draft never loads
    # Fixing it and saving makes it the routine, and the draft goes.
    put_cursor(screen, line_of(screen, "toe-pxulls"), 20)
    screen.text_pane.editor.textCursor().deleteChar()
    assert screen.save()
    assert screen.document.path == path
    assert not draft.exists()


def test_a_failed_save_leaves_the_old_file_and_says_why(
    screen: EditorScreen, prompts: FakePrompts, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = duplicate_bedtime(screen, prompts)
    original = path.read_bytes()
    screen.text_pane.editor.insertPlainText("# a change\n")

    def full_disk(source: object, dest: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(routine_library.os, "replace", full_disk)
    assert not screen.save()
    assert prompts.asked[-1][0] == "inform"
    assert "No space left on device" in prompts.asked[-1][1]
    assert path.read_bytes() == original
    assert sorted(p.name for p in path.parent.iterdir() if p.suffix == ".tmp") == []
    assert screen.document.dirty


def test_ctrl_s_saves(screen: EditorScreen, prompts: FakePrompts, qtbot: QtBot) -> None:
    path = duplicate_bedtime(screen, prompts)
    put_cursor(screen, 1, 1)
    screen.text_pane.editor.insertPlainText("# saved with the keyboard\n")
    qtbot.keyClick(screen.text_pane.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
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
    screen.text_pane.editor.insertPlainText(" for Jane")
    put_cursor(screen, line_of(screen, "  - exercise: heel-raises"), 1)
    screen.text_pane.editor.textCursor().select(QTextCursor.SelectionType.LineUnderCursor)
    cursor = screen.text_pane.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Down, QTextCursor.MoveMode.KeepAnchor, 2)
    cursor.removeSelectedText()  # drop the heel raises (and their note)
    screen.text_pane.editor.setTextCursor(cursor)
    qtbot.mouseClick(screen.top_bar.fast_button, Qt.MouseButton.LeftButton)
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
    screen.text_pane.editor.insertPlainText("x")
    screen.play_preview(1.0)
    assert previews.played == []
    assert "Fix the problems first" in screen.text_pane.status.text()


def test_timers_are_parented_and_stop_when_hidden(
    library: RoutineLibrary, screen: EditorScreen, prompts: FakePrompts
) -> None:
    duplicate_bedtime(screen, prompts)
    screen.text_pane.editor.insertPlainText("# x\n")
    assert screen._check_timer.isActive()
    assert screen._check_timer.parent() is screen
    screen.hide()
    assert not screen._check_timer.isActive()
    assert os.fspath(library.user_dir) in screen.changes.watcher.directories()


def test_columns_after_characters_outside_the_basic_plane(screen: EditorScreen, prompts: FakePrompts) -> None:
    path = duplicate_bedtime(screen, prompts)
    line = line_of(screen, "hold_seconds: 10")
    put_cursor(screen, line, len("      hold_seconds: 10") + 1)
    screen.text_pane.editor.insertPlainText("  # 🦵🦵 and then")  # comment first: the value stays valid
    put_cursor(screen, line, len("      hold_seconds: 1") + 1)
    screen.text_pane.editor.insertPlainText("000")  # 10000 s, reported at the value's column
    result = screen.revalidate()
    assert result is not None
    (issue,) = result.issues
    assert (issue.line, issue.column) == (line, 21)
    put_cursor(screen, line, 1)
    screen.text_pane.problems.itemClicked.emit(screen.text_pane.problems.item(0))
    assert screen.text_pane.editor.cursor_position() == (line - 1, 20)
    # A problem after an emoji on the same line is underlined exactly there: the loader
    # counts code points, Qt counts UTF-16 units (the emoji is two of them).
    flow = "    dose: {hold_seconds: 10, note: 🦵, reps: 9999}"
    lines = screen.text_pane.editor.toPlainText().split("\n")
    lines[line - 2 : line + 3] = [flow]  # the wall calf stretch's block dose, now one line
    screen.text_pane.editor.setPlainText("\n".join(lines))
    result = screen.revalidate()
    assert result is not None
    reps = next(issue for issue in result.issues if issue.field.endswith("reps"))
    assert reps.column == flow.index("9999") + 1
    block = screen.text_pane.editor.document().findBlockByNumber(reps.line - 1)
    starts = sorted(
        selection.cursor.selectionStart() - block.position() for selection in screen.text_pane.editor.extraSelections()
    )
    assert flow.index("9999") + 1 in starts  # one more than the code-point index: the emoji
    assert path.exists()


def test_follows_the_apps_routines_but_not_its_own_echo(
    library: RoutineLibrary, screen: EditorScreen, prompts: FakePrompts, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = duplicate_bedtime(screen, prompts)
    # Another part of the app (an import from the command line, say) adds a routine.
    path.with_name("from-elsewhere.yaml").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    screen.follow_catalog(None)
    assert screen.files_pane.item_for(path.with_name("from-elsewhere.yaml")) is not None
    # A change this screen announced itself is not read a second time when the app echoes it.
    refreshes: list[None] = []
    real_refresh = library.refresh
    monkeypatch.setattr(library, "refresh", lambda: (refreshes.append(None), real_refresh())[1])
    screen.routines_changed.connect(lambda: screen.follow_catalog(None))
    screen.text_pane.editor.insertPlainText("# saved\n")
    assert screen.save()
    assert len(refreshes) == 1  # the library's own re-read after writing; the echo added none
    refreshes.clear()
    screen.hide()
    screen.follow_catalog(None)  # hidden: nothing is read until it is shown again
    assert refreshes == []
