"""Screenshots of the routine editor and the first page of a patient handout.

    QT_QPA_PLATFORM=offscreen python docs/screenshots/editor_shots.py

Writes, next to this file:

* ``editor-outline.png``: a copy of the built-in bedtime routine, open and valid, with
  the hint for the dose field at the cursor and the outline with the total time, in
  the window the app opens the first time on a 1280x720 laptop (1100x605: 90 % of the
  screen less a 48 px panel; Normal text, night theme);
* ``editor-error.png``: the same file with two mistakes typed in, listed under the text
  at their line:column, underlined in place, the cursor on the first one (the same look);
* ``editor-largest-1366x768.png`` (night) and ``editor-largest-1024x600.png`` (day): the
  same mistakes at the Largest text size on a laptop and on a small screen;
* ``handout-page1.png`` (and ``handout-page2.png``): the handout PDF rendered with
  ``pdftoppm`` (poppler-utils).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QTextCursor
from PySide6.QtWidgets import QApplication, QWidget

from cramp_coach import paths
from cramp_coach.storage.routine_library import RoutineLibrary
from cramp_coach.ui import theme
from cramp_coach.ui.editor.screen import EditorScreen
from cramp_coach.ui.printing import handout
from cramp_coach.ui.window_geometry import default_geometry

OUT = Path(__file__).resolve().parent
#: The first window on a 1280x720 screen whose panel takes 48 px (as the app places it).
SIZE = default_geometry((0, 0, 1280, 720 - 48))[2:]
STYLE = paths.builtin_assets_dir() / "style" / "app.qss"


def with_few_colours(image: QImage) -> QImage:
    """``image`` with its 256 most used colours (each pixel takes the nearest): a flat UI
    looks the same, and the file is a quarter of the size for the docs."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = bytes(image.constBits())
    counts = Counter(data[index : index + 4] for index in range(0, len(data), 4))
    table = [int.from_bytes(colour, "little") for colour, _count in counts.most_common(256)]
    return image.convertToFormat(QImage.Format.Format_Indexed8, table, Qt.ImageConversionFlag.ThresholdDither)


def shoot(widget: QWidget, name: str) -> None:
    QApplication.processEvents()
    with_few_colours(widget.grab().toImage()).save(str(OUT / name))
    print("wrote", OUT / name)


def put_cursor(screen: EditorScreen, needle: str, column: int, occurrence: int = 0) -> None:
    lines = screen.text_pane.editor.toPlainText().split("\n")
    line = [number for number, text in enumerate(lines) if needle in text][occurrence]
    block = screen.text_pane.editor.document().findBlockByNumber(line)
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + column)
    screen.text_pane.editor.setTextCursor(cursor)


def with_two_mistakes(screen: EditorScreen) -> None:
    """A hold of 1000 s and a misspelt exercise id; the cursor on the first problem."""
    put_cursor(screen, "hold_seconds: 10", len("      hold_seconds: 10"))
    screen.text_pane.editor.insertPlainText("00")
    put_cursor(screen, "- exercise: toe-pulls", len("  - exercise: toe-pull"))
    screen.text_pane.editor.textCursor().deleteChar()
    screen.revalidate()
    first = screen.text_pane.problems.item(0)
    screen.text_pane.problems.setCurrentItem(first)
    screen.text_pane.problems.itemClicked.emit(first)


def open_copy(library: RoutineLibrary, palette: theme.Palette, size: tuple[int, int]) -> EditorScreen:
    screen = EditorScreen(library, lambda _routine, _speed: None, lambda: palette)
    screen.resize(*size)
    screen.show()
    screen.open_file(library.user_path("bedtime-jane"))
    return screen


def main() -> None:
    app = QApplication([])
    theme.apply(app, STYLE, theme.NIGHT, 1.0)
    with tempfile.TemporaryDirectory() as tmp:
        library = RoutineLibrary(Path(tmp) / "routines")
        bedtime = (paths.builtin_routines_dir() / "bedtime.yaml").read_text(encoding="utf-8")
        library.create("bedtime-jane", bedtime)
        screen = open_copy(library, theme.NIGHT, SIZE)
        put_cursor(screen, "hold_seconds: 10", len("      hold_seconds: 1"), occurrence=1)
        screen.text_pane.editor.centerCursor()
        shoot(screen, "editor-outline.png")
        with_two_mistakes(screen)
        shoot(screen, "editor-error.png")
        screen.hide()

        for palette, size in ((theme.NIGHT, (1366, 768)), (theme.DAY, (1024, 600))):
            theme.apply(app, STYLE, palette, 1.75)  # Largest
            screen = open_copy(library, palette, size)
            with_two_mistakes(screen)
            shoot(screen, f"editor-largest-{size[0]}x{size[1]}.png")
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
