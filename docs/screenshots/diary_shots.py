"""Screenshots of the diary with three months of realistic data, and the doctor report's pages.

    QT_QPA_PLATFORM=offscreen python docs/screenshots/diary_shots.py

Writes next to this file, at 1366x768 and the Normal text size unless named otherwise:

- diary-night.png, diary-day.png: the overview (a frequency warning, the chart, the streak, insights);
- diary-entries-night.png, diary-undo-night.png (after a deletion), diary-empty-night.png;
- diary-log-night.png: the "Log a cramp" dialog;
- diary-largest-1024x600-night.png, diary-entries-largest-1024x600-day.png: the Largest text on a
  1024x600 screen (the overview scrolls; the actions move to a row of their own);
- diary-damaged-night.png: a damaged diary, with its Repair button;
- diary-unlogged-night.png: the same diary ten nights after its last entry (those nights are unknown);
- report-page1.png, report-page2.png: the doctor report for the sample's last 12 weeks, and
  report-one-night.png: page 1 of the report the day after a diary was started (one night known).

The data is :func:`cramp_coach.storage.diary_sample.fill_sample`: 13 weeks, the bedtime
routine from week 5, on a fake clock at 08:30 on Monday 25 May 2026. The report pages
are the PDF rendered with pdftoppm.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtWidgets import QApplication, QWidget

from cramp_coach.domain.diary import Leg
from cramp_coach.domain.protocol import CrampLocation
from cramp_coach.storage.database import open_memory_database
from cramp_coach.storage.diary_report import gather
from cramp_coach.storage.diary_sample import fill_sample
from cramp_coach.storage.diary_store import DiaryStore
from cramp_coach.storage.routine_library import load_catalog
from cramp_coach.ui.dialogs.episode_dialog import EpisodeDialog
from cramp_coach.ui.diary import DiaryScreen
from cramp_coach.ui.printing.report import write_report
from tests.gui.layout_checks import set_look, show_at
from tests.helpers.fakes import AgreeingDiaryPrompts, FakeWallClock

OUT = Path(__file__).resolve().parent
NOW = datetime(2026, 5, 25, 8, 30).astimezone()
FIRST_NIGHT = date(2026, 2, 23)
NIGHTS = 91
DAMAGED = "The diary /home/ann/.local/share/cramp-coach/diary.sqlite3 is damaged (database disk image is malformed)."


def shoot(widget: QWidget, name: str) -> None:
    QApplication.processEvents()
    widget.grab().save(str(OUT / name), "PNG", 0)  # 0: the smallest file (zlib's best compression)
    print("wrote", OUT / name)


def screen_for(store: DiaryStore | None, size: str, now: datetime = NOW, **extra: object) -> DiaryScreen:
    screen = DiaryScreen(store, wall_clock=FakeWallClock(now), prompts=AgreeingDiaryPrompts(), **extra)  # type: ignore[arg-type]
    screen.follow_catalog(load_catalog())
    show_at(screen, size)
    return screen


def main() -> None:
    app = QApplication([])
    catalog = load_catalog()
    assert catalog.protocol is not None
    protocol = catalog.protocol
    labels = {plan.location: plan.label for plan in protocol.locations}
    store = DiaryStore(open_memory_database())
    fill_sample(store, FIRST_NIGHT, NIGHTS)

    for theme_name in ("night", "day"):
        set_look(app, text="Normal", theme_name=theme_name)
        screen = screen_for(store, "1366x768")
        shoot(screen, f"diary-{theme_name}.png")
        if theme_name == "night":
            dialog = EpisodeDialog(NOW, location_labels=labels)
            show_at(dialog, (980, 740))
            shoot(dialog, "diary-log-night.png")
            dialog.close()
            screen.show_page(screen.entries_page)
            screen.select(1)
            shoot(screen, "diary-entries-night.png")
            screen.delete_selected()
            shoot(screen, "diary-undo-night.png")
            screen.undo_delete()
            empty = screen_for(DiaryStore(open_memory_database()), "1366x768")
            shoot(empty, "diary-empty-night.png")
            empty.close()
            damaged = screen_for(None, "1366x768", problem=DAMAGED, damaged=True, repair=lambda: "")
            shoot(damaged, "diary-damaged-night.png")
            damaged.close()
            unlogged = screen_for(store, "1366x768", now=NOW + timedelta(days=10))
            shoot(unlogged, "diary-unlogged-night.png")
            unlogged.close()
        screen.close()

    set_look(app, text="Largest", theme_name="night")
    screen = screen_for(store, "1024x600")
    shoot(screen, "diary-largest-1024x600-night.png")
    screen.close()
    set_look(app, text="Largest", theme_name="day")
    screen = screen_for(store, "1024x600")
    screen.show_page(screen.entries_page)
    screen.select(0)
    shoot(screen, "diary-entries-largest-1024x600-day.png")
    screen.close()

    one_night = DiaryStore(open_memory_database())
    started = datetime(2026, 5, 25, 2, 40).astimezone()
    one_night.add_episode(started, leg=Leg.LEFT, location=CrampLocation.CALF, pain=6, duration_seconds=95)
    words = {"now": NOW, "location_labels": labels, "disclaimer": protocol.disclaimer}
    first, last = date(2026, 3, 2), date(2026, 5, 24)
    with tempfile.TemporaryDirectory() as tmp:
        pdf, one_pdf = Path(tmp) / "report.pdf", Path(tmp) / "one.pdf"
        pages = write_report(pdf, gather(store, first, last, protocol.diary_flags, **words))  # type: ignore[arg-type]
        write_report(one_pdf, gather(one_night, first, last, protocol.diary_flags, **words))  # type: ignore[arg-type]
        print(f"report: {pages} pages")
        if shutil.which("pdftoppm") is None:
            print("pdftoppm not found: skipping the report's PNGs")
            return
        shots = ((pdf, 1, "report-page1"), (pdf, 2, "report-page2"), (one_pdf, 1, "report-one-night"))
        for source, page, name in shots:
            stem = Path(tmp) / name
            only = ["-f", str(page), "-l", str(page), "-singlefile"]
            subprocess.run(["pdftoppm", "-png", "-r", "80", *only, str(source), str(stem)], check=True)
            shutil.copy(stem.with_suffix(".png"), OUT / f"{name}.png")
            print("wrote", OUT / f"{name}.png")
    app.quit()


if __name__ == "__main__":
    main()
