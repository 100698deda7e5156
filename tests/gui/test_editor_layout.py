"""The editor fits the screens physiotherapists have: the text gets the room, nothing is cut.

Sizes come from the fonts in use (never expected pixels): "60 columns" is 60 advances
of the editor's own monospace font, "25 lines" 25 of its line spacings.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cramp_coach import paths
from cramp_coach.storage.routine_library import RoutineLibrary
from cramp_coach.ui.editor.screen import EditorScreen
from cramp_coach.ui.editor.text_pane import MAX_PROBLEM_ROWS
from cramp_coach.ui.settings import AppSettings
from cramp_coach.ui.theme import NIGHT
from cramp_coach.ui.widgets.wrapped_items import raw_text
from tests.gui.layout_checks import LOOK_IDS, LOOKS, assert_fits, reset_look, set_look, settle, show_at
from tests.helpers.fake_prompts import FakePrompts

BEDTIME = paths.builtin_routines_dir() / "bedtime.yaml"
#: The inside of a maximised window on a 1280x720 screen: a title bar and a desktop panel
#: take about 64 px of the height.
LAPTOP_720 = (1280, 720 - 64)


@pytest.fixture
def look(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    reset_look(qapp)


def editor(qtbot: QtBot, tmp_path: Path, settings: AppSettings | None = None) -> EditorScreen:
    library = RoutineLibrary(tmp_path / "routines")
    screen = EditorScreen(
        library, lambda _routine, _speed: None, lambda: NIGHT, prompts=FakePrompts(), settings=settings
    )
    qtbot.addWidget(screen)
    return screen


def open_with_problems(screen: EditorScreen, count: int) -> None:
    """Your copy of the bedtime routine, with ``count`` holds made too long (one problem each)."""
    path = screen._library.user_path("bedtime-jane")
    if not path.exists():
        path = screen._library.create("bedtime-jane", BEDTIME.read_text(encoding="utf-8"))
    screen.open_file(path, ask=False)
    broken = screen.text_pane.editor.toPlainText()
    for _ in range(count):
        broken = broken.replace("hold_seconds: 10\n", "hold_seconds: 1000\n", 1)
    broken += "".join(f"unknown_{number}: x\n" for number in range(max(0, count - broken.count(": 1000\n"))))
    screen.text_pane.editor.setPlainText(broken)
    result = screen.revalidate()
    assert result is not None
    assert len(result.issues) == count


def text_room(screen: EditorScreen) -> tuple[float, float]:
    """(columns, lines) of the editor's font that fit in its text area."""
    editor = screen.text_pane.editor
    metrics = editor.fontMetrics()
    margin = 2 * editor.document().documentMargin()
    viewport = editor.viewport()
    return (viewport.width() - margin) / metrics.horizontalAdvance("M"), (
        viewport.height() - margin
    ) / metrics.lineSpacing()


@pytest.mark.parametrize("problems", [0, 1])
def test_sixty_columns_and_twenty_five_lines_on_a_1280x720_laptop(
    qtbot: QtBot, tmp_path: Path, look: QApplication, problems: int
) -> None:
    set_look(look, text="Normal")
    screen = editor(qtbot, tmp_path)
    show_at(screen, LAPTOP_720)
    open_with_problems(screen, problems)
    settle(screen)
    columns, lines = text_room(screen)
    assert columns >= 60, columns
    assert lines >= 25, lines
    # The file names are whole, each on one line.
    tree = screen.files_pane.tree
    names = [
        tree.topLevelItem(group).child(row)
        for group in range(2)
        for row in range(tree.topLevelItem(group).childCount())
    ]
    assert all(item.text(0) == raw_text(item) for item in names if item is not None)


def test_no_problems_is_one_line_and_problems_take_only_their_rows(
    qtbot: QtBot, tmp_path: Path, look: QApplication
) -> None:
    set_look(look, text="Normal")
    screen = editor(qtbot, tmp_path)
    show_at(screen, LAPTOP_720)
    open_with_problems(screen, 0)
    settle(screen)
    assert screen.text_pane.problems_title.text() == "✓ No problems"
    assert not screen.text_pane.problems.isVisible()
    assert screen.text_pane.problems_title.height() < 2 * screen.text_pane.problems_title.fontMetrics().lineSpacing()

    open_with_problems(screen, 2)
    settle(screen)
    rows = [screen.text_pane.problems.visualItemRect(screen.text_pane.problems.item(row)) for row in range(2)]
    assert screen.text_pane.problems.isVisible()
    assert all(rect.bottom() < screen.text_pane.problems.viewport().height() for rect in rows)  # both rows whole
    assert screen.text_pane.problems.viewport().height() <= sum(rect.height() for rect in rows) + 8  # and no more

    many = MAX_PROBLEM_ROWS + 3
    screen.text_pane.problems.clear()
    screen.text_pane.show_problems(screen.document.result.issues * many, has_document=True)  # type: ignore[union-attr]
    settle(screen)
    one_row = screen.text_pane.problems.visualItemRect(screen.text_pane.problems.item(0)).height()
    assert screen.text_pane.problems.viewport().height() <= MAX_PROBLEM_ROWS * one_row + 8  # then it scrolls


@pytest.mark.parametrize(
    ("size", "text", "theme_name"), [*LOOKS, ("1100x780", "Large", "night")], ids=[*LOOK_IDS, "1100x780-Large-night"]
)
def test_nothing_is_cut_or_drawn_over(
    qtbot: QtBot, tmp_path: Path, look: QApplication, size: str, text: str, theme_name: str
) -> None:
    set_look(look, text=text, theme_name=theme_name)
    screen = editor(qtbot, tmp_path)
    width, height = (int(part) for part in size.split("x"))
    show_at(screen, (width, height))
    open_with_problems(screen, 1)
    screen.say("Saved bedtime-jane.yaml (the previous version is kept as a .bak file).")
    settle(screen)
    assert_fits(screen)
    columns, lines = text_room(screen)
    # Still a usable text at the largest text on the smallest screen (it scrolls, and
    # the dividers can give it more room).
    assert columns >= 28
    assert lines >= 4


def test_divider_positions_are_remembered(qtbot: QtBot, tmp_path: Path, look: QApplication) -> None:
    set_look(look, text="Normal")
    settings = AppSettings(tmp_path / "settings.ini")
    first = editor(qtbot, tmp_path, settings)
    show_at(first, (1280, 720))
    sizes = first.columns.splitter.sizes()
    moved = [sizes[0] + 60, sizes[1] - 100, sizes[2] + 40]
    first.columns.splitter.setSizes(moved)
    first.columns.splitter.splitterMoved.emit(moved[0], 1)  # what dragging a divider reports
    first.hide()  # leaving the editor keeps where the dividers were left
    assert settings.editor_panes

    again = AppSettings(tmp_path / "settings.ini")  # as after a restart
    second = editor(qtbot, tmp_path / "again", again)
    show_at(second, (1280, 720))
    assert second.columns.splitter.sizes() == first.columns.splitter.sizes()
