"""Screenshots of Help & Sources, the first-run welcome and the handout's safety pages.

    QT_QPA_PLATFORM=offscreen python docs/screenshots/content_shots.py

Writes, next to this file:

* ``help-night-largest-1024x600.png`` and ``help-day-normal-1366x768.png``: the top of
  Help & Sources; ``help-steps-night-largest-1024x600.png``: opened from Cramp now, at
  the first-aid steps with their evidence and sources; ``help-signs-day-normal-1366x768.png``:
  the warning signs, each tier with its sources;
* ``first-run-night-largest-1024x600.png`` and ``first-run-day-normal-1366x768.png``;
* ``handout-names.png``, ``handout-safety.png`` and ``handout-sources.png``: pages 1, 3
  and 4 of the bedtime handout made with ``cramp-coach handout bedtime --patient …
  --by …`` (rendered with ``pdftoppm`` from poppler-utils).
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from cramp_coach import __version__, paths
from cramp_coach.domain import help_content
from cramp_coach.domain.handout_details import HandoutDetails
from cramp_coach.storage.routine_library import RoutineLibrary, load_catalog
from cramp_coach.ui import theme
from cramp_coach.ui.printing import handout
from cramp_coach.ui.screens.first_run import FirstRunSheet
from cramp_coach.ui.screens.help_screen import HelpScreen, sections_for
from cramp_coach.ui.settings import AppSettings

# Beside this script, or in the folder given as the first argument (to compare before replacing).
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
STYLE = paths.builtin_assets_dir() / "style" / "app.qss"
# A made-up data folder, so no real path of the machine that made the pictures shows.
EXAMPLE_DATA = paths.DataPaths(Path("/home/pat/.local/share/cramp-coach"))
VIEWS = (
    (theme.NIGHT, 1.75, (1024, 600), "night-largest-1024x600"),
    (theme.DAY, 1.0, (1366, 768), "day-normal-1366x768"),
)


def with_few_colours(image: QImage) -> QImage:
    """``image`` with its 256 most used colours (each pixel takes the nearest): the flat UI
    looks the same and the file stays small enough for the docs (under about 150 KB)."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = bytes(image.constBits())
    counts = Counter(data[index : index + 4] for index in range(0, len(data), 4))
    table = [int.from_bytes(colour, "little") for colour, _count in counts.most_common(256)]
    return image.convertToFormat(QImage.Format.Format_Indexed8, table, Qt.ImageConversionFlag.ThresholdDither)


def shoot(widget: QWidget, size: tuple[int, int], name: str) -> None:
    widget.resize(*size)
    widget.show()
    QApplication.processEvents()
    QApplication.processEvents()
    with_few_colours(widget.grab().toImage()).save(str(OUT / name))
    print("wrote", OUT / name)


def main() -> None:
    app = QApplication([])
    catalog = load_catalog()
    with tempfile.TemporaryDirectory() as tmp:
        for palette, scale, size, suffix in VIEWS:
            theme.apply(app, STYLE, palette, scale)
            sections = sections_for(catalog, version=__version__, emergency_number="999", data=EXAMPLE_DATA)
            shoot(HelpScreen(sections), size, f"help-{suffix}.png")
            anchor, name = (
                (help_content.CRAMP_NOW, "help-steps")
                if palette is theme.NIGHT
                else (help_content.EMERGENCY, "help-signs")
            )
            at_section = HelpScreen(sections)
            at_section.resize(*size)
            at_section.show()
            QApplication.processEvents()
            at_section.show_section(anchor)
            shoot(at_section, size, f"{name}-{suffix}.png")
            home = QWidget()
            settings = AppSettings(Path(tmp) / f"settings-{suffix}.ini", country="GB")
            assert catalog.protocol is not None
            FirstRunSheet(settings, catalog.protocol.disclaimer, home)
            shoot(home, size, f"first-run-{suffix}.png")

        library = RoutineLibrary(Path(tmp) / "routines")
        pdf = Path(tmp) / "bedtime.pdf"
        handout.write_pdf(
            pdf,
            library.catalog.routines["bedtime"],
            disclaimer=library.disclaimer(),
            resolve_asset=library.resolve_asset,
            details=HandoutDetails("Jane Doe", "Sam Lee", datetime.date(2026, 11, 30), "Clinic: 01234 567890"),
            protocol=library.catalog.protocol,
            emergency_number="999",
            today=datetime.date(2026, 11, 30),
        )
        for page, name in ((1, "handout-names"), (3, "handout-safety"), (4, "handout-sources")):
            target = OUT / name
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "60",
                    "-f",
                    str(page),
                    "-l",
                    str(page),
                    "-singlefile",
                    str(pdf),
                    str(target),
                ],
                check=True,
            )
            print("wrote", target.with_suffix(".png"))


if __name__ == "__main__":
    main()
