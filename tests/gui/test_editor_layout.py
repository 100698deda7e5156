"""The editor fits the screens physiotherapists have: the text gets the room, nothing is cut.

Sizes come from the fonts in use (never expected pixels): "60 columns" is 60 advances
of the editor's own monospace font, "25 lines" 25 of its line spacings. Besides fitting
(:mod:`tests.gui.layout_checks`), the screen must read well (:mod:`tests.gui.reading_checks`):
no column of wrapped text too narrow to read, each thing said once, no empty boxes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cramp_coach import paths
from cramp_coach.storage.routine_library import RoutineLibrary
from cramp_coach.ui.editor.files_pane import ENTRY_ROLE
from cramp_coach.ui.editor.files_pane import MIN_COLUMNS as FILES_MIN_COLUMNS
from cramp_coach.ui.editor.screen import EditorScreen
from cramp_coach.ui.editor.text_pane import MAX_PROBLEM_ROWS
from cramp_coach.ui.settings import AppSettings
from cramp_coach.ui.theme import NIGHT
from cramp_coach.ui.widgets.wrapped_items import ITEM_PADDING, raw_text
from cramp_coach.ui.widgets.yaml_editor import YamlEditor
from cramp_coach.ui.window_geometry import default_geometry
from tests.gui.layout_checks import LOOK_IDS, LOOKS, assert_fits, reset_look, set_look, settle, show_at
from tests.gui.reading_checks import reading_problems
from tests.helpers.fake_prompts import FakePrompts

BEDTIME = paths.builtin_routines_dir() / "bedtime.yaml"
#: A 1280x720 laptop screen less a desktop panel (a taskbar or a top bar takes 32 to
#: 48 px; the taller here): what Qt reports as the screen's available geometry.
LAPTOP_720 = (0, 0, 1280, 720 - 48)
#: The title bar a window manager draws above the window (37 px on GNOME at 100 %).
TITLE_BAR = 37
#: The editor's room on that laptop: the window the app opens the first time
#: (window_geometry.default_geometry), and the window maximised under its title bar.
LAPTOP_WINDOWS = {
    "first-start": default_geometry(LAPTOP_720)[2:],
    "maximised": (LAPTOP_720[2], LAPTOP_720[3] - TITLE_BAR),
}
SAVED = "Saved bedtime-jane.yaml (the previous version is kept as a .bak file)."
#: A title as long as a physiotherapist may write (80 characters).
LONGEST_TITLE = "Bedtime stretches for Margaret, as agreed with her physiotherapist at the clinic"


@pytest.fixture
def look(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    reset_look(qapp)


def editor(qtbot: QtBot, tmp_path: Path, settings: AppSettings | None = None, title: str = "") -> EditorScreen:
    """The editor on the user folder ``tmp_path/routines``, which holds a copy of bedtime (titled ``title``)."""
    library = RoutineLibrary(tmp_path / "routines")
    text = BEDTIME.read_text(encoding="utf-8")
    if title:
        text = text.replace("\ntitle: Bedtime stretch\n", f"\ntitle: {title}\n", 1)
    library.create("bedtime-jane", text)
    screen = EditorScreen(
        library,
        lambda _routine, _speed: None,
        lambda: NIGHT,
        prompts=FakePrompts(),
        settings=settings,
    )
    qtbot.addWidget(screen)
    return screen


def open_with_problems(screen: EditorScreen, count: int) -> None:
    """Your copy of the bedtime routine, with ``count`` holds made too long (one problem each)."""
    path = screen.files_pane.tree.topLevelItem(0).child(0).data(0, ENTRY_ROLE)  # the first of yours
    screen.open_file(Path(path), ask=False)
    editor = screen.text_pane.editor
    broken = editor.toPlainText()
    for _ in range(count):
        broken = broken.replace("hold_seconds: 10\n", "hold_seconds: 1000\n", 1)
    broken += "".join(f"unknown_{number}: x\n" for number in range(max(0, count - broken.count(": 1000\n"))))
    editor.setPlainText(broken)
    result = screen.revalidate()
    assert result is not None
    assert len(result.issues) == count


def whole_lines(editor: YamlEditor) -> int:
    """The lines of text a person sees whole in the text area (a wrapped line counts each part)."""
    height = editor.viewport().height()
    block = editor.firstVisibleBlock()
    whole = 0
    while block.isValid():
        top = editor.blockBoundingGeometry(block).translated(editor.contentOffset()).top()
        if top >= height:
            break
        layout = block.layout()
        lines = (layout.lineAt(index) for index in range(layout.lineCount()))
        whole += sum(1 for line in lines if top + line.y() + line.height() <= height)
        block = block.next()
    return whole


def fits_on_a_line(editor: YamlEditor, columns: int) -> bool:
    """Whether a line of ``columns`` characters shows on one line (typed at the top, then undone)."""
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.insertText("#" * columns + "\n")
    settle(editor)
    block = editor.document().firstBlock()
    editor.blockBoundingRect(block)  # lays the line out now
    fits = block.layout().lineCount() == 1
    editor.undo()
    return fits


def text_columns(screen: EditorScreen) -> float:
    """Columns of the editor's font that fit in its text area, as the layout measures them."""
    editor = screen.text_pane.editor
    room = editor.viewport().width() - 2 * editor.document().documentMargin()
    return room / editor.fontMetrics().horizontalAdvance("M")


@pytest.mark.parametrize("window", LAPTOP_WINDOWS)
@pytest.mark.parametrize("problems", [0, 1])
def test_sixty_columns_and_twenty_five_lines_on_a_1280x720_laptop(
    qtbot: QtBot, tmp_path: Path, look: QApplication, problems: int, window: str
) -> None:
    set_look(look, text="Normal")
    screen = editor(qtbot, tmp_path)
    show_at(screen, LAPTOP_WINDOWS[window])
    open_with_problems(screen, problems)
    screen.say(SAVED)  # what the last action did stays on show
    screen.text_pane.editor.verticalScrollBar().setValue(0)
    settle(screen)
    assert_fits(screen)
    text = screen.text_pane
    assert whole_lines(text.editor) >= 25
    assert fits_on_a_line(text.editor, 60)
    # What the check found is on show: the count, and each problem whole.
    assert text.problems_title.isVisible()
    assert text.problems.isVisible() == bool(problems)
    for row in range(text.problems.count()):
        assert text.problems.visualItemRect(text.problems.item(row)).bottom() < text.problems.viewport().height()
    # The file names are whole, each on one line.
    tree = screen.files_pane.tree
    names = [
        tree.topLevelItem(group).child(row)
        for group in range(2)
        for row in range(tree.topLevelItem(group).childCount())
    ]
    assert names
    assert all(item.text(0) == raw_text(item) for item in names if item is not None)


def test_no_problems_is_one_line_and_problems_take_only_their_rows(
    qtbot: QtBot, tmp_path: Path, look: QApplication
) -> None:
    set_look(look, text="Normal")
    screen = editor(qtbot, tmp_path)
    show_at(screen, LAPTOP_WINDOWS["first-start"])
    open_with_problems(screen, 0)
    settle(screen)
    title, problems = screen.text_pane.problems_title, screen.text_pane.problems
    assert title.text() == "✓ No problems"
    assert not problems.isVisible()
    assert title.height() < 2 * title.fontMetrics().lineSpacing()

    open_with_problems(screen, 2)
    settle(screen)
    rows = [problems.visualItemRect(problems.item(row)) for row in range(2)]
    assert problems.isVisible()
    assert all(rect.bottom() < problems.viewport().height() for rect in rows)  # both rows whole
    assert problems.viewport().height() <= sum(rect.height() for rect in rows) + 8  # and no more

    problems.clear()
    screen.text_pane.show_problems(screen.document.result.issues * (MAX_PROBLEM_ROWS + 3), has_document=True)  # type: ignore[union-attr]
    settle(screen)
    # Then it scrolls, showing whole rows only (the scroll bar says there are more).
    heights = [problems.visualItemRect(problems.item(row)).height() for row in range(MAX_PROBLEM_ROWS)]
    shown = problems.viewport().height()
    assert shown <= sum(heights) + 8
    assert any(abs(shown - sum(heights[:count])) <= 8 for count in range(1, MAX_PROBLEM_ROWS + 1))
    assert problems.verticalScrollBar().maximum() > 0


@pytest.mark.parametrize(
    ("size", "text", "theme_name"),
    [*LOOKS, ("1100x780", "Large", "night"), ("1280x720", "Largest", "day")],
    ids=[*LOOK_IDS, "1100x780-Large-night", "1280x720-Largest-day"],
)
def test_nothing_is_cut_or_drawn_over(
    qtbot: QtBot, tmp_path: Path, look: QApplication, size: str, text: str, theme_name: str
) -> None:
    set_look(look, text=text, theme_name=theme_name)
    screen = editor(qtbot, tmp_path)
    width, height = (int(part) for part in size.split("x"))
    show_at(screen, (width, height))
    open_with_problems(screen, 1)
    screen.say(SAVED)
    settle(screen)
    assert_fits(screen)
    assert not reading_problems(screen), "\n".join(reading_problems(screen))
    # Home and Save stay in reach: the top row never scrolls away.
    for button in (screen.top_bar.back_button, screen.top_bar.save_button):
        assert screen.rect().contains(button.geometry().translated(button.parentWidget().mapTo(screen, QPoint())))
    assert not screen.columns.horizontalScrollBar().isVisible()  # the columns fit side by side
    if width >= 1100:  # a laptop or larger: each file name stays whole on a line of its own
        tree = screen.files_pane.tree
        for group in range(2):
            for row in range(tree.topLevelItem(group).childCount()):
                item = tree.topLevelItem(group).child(row)
                name = raw_text(item).split("\n")[-1].split()[0]
                assert name in item.text(0).split("\n"), item.text(0)
    # Still a usable text at the largest text on the smallest screen (it scrolls, and
    # the dividers can give it more room).
    assert text_columns(screen) >= 22  # 23 columns of the text's font, less its margins
    assert whole_lines(screen.text_pane.editor) >= 4


def mean_colour(widget: QWidget) -> tuple[float, float, float]:
    image = widget.grab().toImage()
    pixels = [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())]
    return tuple(sum(getattr(pixel, part)() for pixel in pixels) / len(pixels) for part in ("red", "green", "blue"))  # type: ignore[return-value]


@pytest.mark.parametrize("theme_name", ["night", "day"])
def test_save_looks_unavailable_for_a_read_only_file(
    qtbot: QtBot, tmp_path: Path, look: QApplication, theme_name: str
) -> None:
    set_look(look, text="Normal", theme_name=theme_name)
    screen = editor(qtbot, tmp_path)
    show_at(screen, LAPTOP_WINDOWS["first-start"])
    open_with_problems(screen, 0)
    save = screen.top_bar.save_button
    settle(screen)
    usable = mean_colour(save)
    screen.open_file(BEDTIME, ask=False)  # built-in: read-only
    settle(screen)
    assert not save.isEnabled()
    assert max(abs(a - b) for a, b in zip(mean_colour(save), usable, strict=True)) > 40  # not the same bright button


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


def put_cursor(screen: EditorScreen, needle: str) -> None:
    """The text cursor in the middle of the first line holding ``needle`` (its hint shows)."""
    editor = screen.text_pane.editor
    lines = editor.toPlainText().split("\n")
    number = next(index for index, line in enumerate(lines) if needle in line)
    block = editor.document().findBlockByNumber(number)
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + lines[number].index(needle) + len(needle) // 2)
    editor.setTextCursor(cursor)


@pytest.mark.parametrize("theme_name", ["night", "day"])
@pytest.mark.parametrize("size", ["1366x768", "1024x600"])
@pytest.mark.parametrize("needle", ["# cramp-coach", "hold_seconds"])
def test_a_long_hint_at_the_largest_text_is_whole_and_keeps_field_names_whole(
    qtbot: QtBot, tmp_path: Path, look: QApplication, size: str, theme_name: str, needle: str
) -> None:
    set_look(look, text="Largest", theme_name=theme_name)
    screen = editor(qtbot, tmp_path, title=LONGEST_TITLE)
    show_at(screen, size)
    open_with_problems(screen, 0)
    assert screen.outline_pane.title.text() == LONGEST_TITLE
    put_cursor(screen, needle)  # "Fields of a routine: …" (14 names) or a field path with its help
    settle(screen)
    hint = screen.outline_pane.hint
    assert ("switch_sides_seconds" if needle.startswith("#") else "dose.") in hint.text().replace("\u200b", "")
    assert hint.height() >= hint.heightForWidth(hint.width())  # its last line too
    assert_fits(screen)
    assert not reading_problems(screen), "\n".join(reading_problems(screen))
    assert not screen.columns.horizontalScrollBar().isVisible()
    if size == "1366x768":  # room enough: every field name stays whole on a line
        assert not re.search(r"_\u200b|\u200b_", hint.text()), hint.text()
    # The file list keeps lines of a readable length (a title is not a word a line).
    tree = screen.files_pane.tree
    room = tree.viewport().width() - tree.indentation() - 2 * ITEM_PADDING
    assert room >= FILES_MIN_COLUMNS * tree.fontMetrics().averageCharWidth()
    assert any(len(line.split()) >= 2 for line in tree.topLevelItem(1).child(0).text(0).split("\n"))


def test_the_outline_goes_under_the_files_when_three_readable_columns_do_not_fit(
    qtbot: QtBot, tmp_path: Path, look: QApplication
) -> None:
    set_look(look, text="Largest")
    settings = AppSettings(tmp_path / "settings.ini")
    screen = editor(qtbot, tmp_path, settings, title=LONGEST_TITLE)
    show_at(screen, "1024x600")
    open_with_problems(screen, 1)
    settle(screen)
    files, outline = screen.files_pane, screen.outline_pane
    assert screen.columns.stacked is not None
    # One column under the other on the left, the text beside them, wider than its narrow width.
    assert outline.mapTo(screen, QPoint()).y() >= files.mapTo(screen, QPoint()).y() + files.height()
    assert outline.x() == files.x()
    assert text_columns(screen) >= 32
    assert_fits(screen)
    assert not reading_problems(screen), "\n".join(reading_problems(screen))
    # The remembered dividers are for three columns side by side: moving these keeps nothing.
    screen.columns.splitter.splitterMoved.emit(10, 1)
    screen.hide()
    assert not settings.editor_panes
