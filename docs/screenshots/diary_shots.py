"""Screenshots of the diary with three months of realistic data, and the doctor report's pages.

    QT_QPA_PLATFORM=offscreen python docs/screenshots/diary_shots.py

Writes diary-night.png, diary-day.png, diary-entries-night.png, diary-log-night.png (the
"Log a cramp" dialog), diary-undo-night.png (after a deletion), diary-empty-night.png, and report-page1.png /
report-page2.png (the PDF rendered with pdftoppm) next to this file. The data is
:func:`cramp_coach.storage.diary_sample.sample_entries`: 13 weeks, the bedtime routine
from week 5, on a fake clock at 08:30 on Monday 25 May 2026.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtWidgets import QApplication, QWidget

from cramp_coach import paths
from cramp_coach.storage.database import open_memory_database
from cramp_coach.storage.diary_report import gather
from cramp_coach.storage.diary_sample import fill_sample
from cramp_coach.storage.diary_store import DiaryStore
from cramp_coach.storage.routine_library import load_catalog
from cramp_coach.ui import theme
from cramp_coach.ui.dialogs.episode_dialog import EpisodeDialog
from cramp_coach.ui.diary import DiaryScreen
from cramp_coach.ui.printing.report import write_report
from tests.helpers.fakes import FakeWallClock

OUT = Path(__file__).resolve().parent
SIZE = (1100, 780)
NOW = datetime(2026, 5, 25, 8, 30).astimezone()
FIRST_NIGHT = date(2026, 2, 23)
NIGHTS = 91


def shoot(widget: QWidget, name: str, size: tuple[int, int] = SIZE) -> None:
    widget.resize(*size)
    widget.show()
    QApplication.processEvents()
    widget.grab().save(str(OUT / name))
    print("wrote", OUT / name)


def main() -> None:
    app = QApplication([])
    catalog = load_catalog()
    assert catalog.protocol is not None
    flags = catalog.protocol.diary_flags
    labels = {plan.location: plan.label for plan in catalog.protocol.locations}
    store = DiaryStore(open_memory_database())
    fill_sample(store, FIRST_NIGHT, NIGHTS)
    clock = FakeWallClock(NOW)
    qss = paths.builtin_assets_dir() / "style" / "app.qss"

    for palette in (theme.NIGHT, theme.DAY):
        theme.apply(app, qss, palette, 1.25)
        screen = DiaryScreen(store, wall_clock=clock, flags=flags, location_labels=labels)
        shoot(screen, f"diary-{palette.name}.png")
        if palette is theme.NIGHT:
            dialog = EpisodeDialog(NOW, location_labels=labels)
            shoot(dialog, "diary-log-night.png", (1000, 660))
            dialog.close()
            screen.show_page(screen.entries_page)
            screen.select(1)
            shoot(screen, "diary-entries-night.png")
            screen._prompts.confirm = lambda _title, _text, _action: True  # type: ignore[method-assign]
            screen.delete_selected()
            shoot(screen, "diary-undo-night.png")
            screen.undo_delete()
            screen.show_page(screen.overview)
            empty = DiaryScreen(DiaryStore(open_memory_database()), wall_clock=clock, flags=flags)
            shoot(empty, "diary-empty-night.png")
            empty.close()
        screen.close()

    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "report.pdf"
        first, last = date(2026, 3, 2), date(2026, 5, 24)
        pages = write_report(pdf, gather(store, first, last, flags, now=NOW, location_labels=labels))
        print(f"report: {pages} pages")
        if shutil.which("pdftoppm") is None:
            print("pdftoppm not found: skipping the report's PNGs")
            return
        for page in (1, 2):
            stem = Path(tmp) / f"page{page}"
            subprocess.run(
                ["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)],
                check=True,
            )
            shutil.copy(stem.with_suffix(".png"), OUT / f"report-page{page}.png")
            print("wrote", OUT / f"report-page{page}.png")
    app.quit()


if __name__ == "__main__":
    main()
