"""Screenshots of the routine editor (night theme) and the first page of a patient handout.

    QT_QPA_PLATFORM=offscreen python docs/screenshots/editor_shots.py

Writes, next to this file:

* ``editor-outline.png``: a copy of the built-in bedtime routine, open and valid, with
  the hint for the dose field at the cursor and the outline with the total time;
* ``editor-error.png``: the same file with two mistakes typed in, listed under the text
  at their line:column, underlined in place, the cursor on the first one;
* ``handout-page1.png`` (and ``handout-page2.png``): the handout PDF rendered with
  ``pdftoppm`` (poppler-utils).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QWidget

from cramp_coach import paths
from cramp_coach.storage.routine_library import RoutineLibrary
from cramp_coach.ui import theme
from cramp_coach.ui.editor.screen import EditorScreen
from cramp_coach.ui.printing import handout

OUT = Path(__file__).resolve().parent
SIZE = (1280, 800)


def shoot(widget: QWidget, name: str) -> None:
    QApplication.processEvents()
    widget.grab().save(str(OUT / name))
    print("wrote", OUT / name)


def put_cursor(screen: EditorScreen, needle: str, column: int, occurrence: int = 0) -> None:
    lines = screen.editor.toPlainText().split("\n")
    line = [number for number, text in enumerate(lines) if needle in text][occurrence]
    block = screen.editor.document().findBlockByNumber(line)
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + column)
    screen.editor.setTextCursor(cursor)


def main() -> None:
    app = QApplication([])
    theme.apply(app, paths.builtin_assets_dir() / "style" / "app.qss", theme.NIGHT, 1.0)
    with tempfile.TemporaryDirectory() as tmp:
        library = RoutineLibrary(Path(tmp) / "routines")
        bedtime = (paths.builtin_routines_dir() / "bedtime.yaml").read_text(encoding="utf-8")
        path = library.create("bedtime-jane", bedtime)
        screen = EditorScreen(library, lambda _routine, _speed: None, lambda: theme.NIGHT)
        screen.resize(*SIZE)
        screen.show()
        screen.open_file(path)
        put_cursor(screen, "hold_seconds: 10", len("      hold_seconds: 1"), occurrence=1)
        screen.editor.centerCursor()
        shoot(screen, "editor-outline.png")

        # Two typical slips: a hold of 1000 s, and a misspelt exercise id.
        put_cursor(screen, "hold_seconds: 10", len("      hold_seconds: 10"))
        screen.editor.insertPlainText("00")
        put_cursor(screen, "- exercise: toe-pulls", len("  - exercise: toe-pull"))
        screen.editor.textCursor().deleteChar()
        screen.revalidate()
        first = screen.problems.item(0)
        screen.problems.setCurrentItem(first)
        screen.problems.itemClicked.emit(first)
        shoot(screen, "editor-error.png")
        screen.hide()

        pdf = Path(tmp) / "handout.pdf"
        handout.write_pdf(
            pdf,
            library.catalog.routines["bedtime"],
            disclaimer=library.disclaimer(),
            resolve_asset=library.resolve_asset,
        )
        subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(OUT / "handout-page")], check=True)
        for number in (1, 2):
            made = OUT / f"handout-page-{number}.png"
            if made.exists():
                made.replace(OUT / f"handout-page{number}.png")
                print("wrote", OUT / f"handout-page{number}.png")


if __name__ == "__main__":
    main()
