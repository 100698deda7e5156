"""What the editor screen tests share: a preview recorder, cursor helpers, a copy of bedtime."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextCursor

from cramp_coach import paths
from cramp_coach.domain.routine import Routine
from cramp_coach.ui.editor.screen import EditorScreen
from tests.helpers.fake_prompts import FakePrompts

BUILTIN = paths.builtin_routines_dir()


class Previews:
    def __init__(self) -> None:
        self.played: list[tuple[Routine, float]] = []

    def __call__(self, routine: Routine, speed: float) -> None:
        self.played.append((routine, speed))


def line_of(screen: EditorScreen, needle: str, occurrence: int = 0) -> int:
    """1-based number of the line holding ``needle``."""
    lines = screen.text_pane.editor.toPlainText().split("\n")
    return [number for number, line in enumerate(lines, start=1) if needle in line][occurrence]


def put_cursor(screen: EditorScreen, line: int, column: int) -> None:
    """Cursor at 1-based line and column, as a click would put it."""
    block = screen.text_pane.editor.document().findBlockByNumber(line - 1)
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + column - 1)
    screen.text_pane.editor.setTextCursor(cursor)


def duplicate_bedtime(screen: EditorScreen, prompts: FakePrompts, new_id: str = "bedtime-jane") -> Path:
    screen.open_file(BUILTIN / "bedtime.yaml")
    prompts.script("ask_id", new_id)
    screen.file_actions.duplicate()
    assert screen.document.path is not None
    return screen.document.path
