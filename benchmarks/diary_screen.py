"""Diary screen: time to first paint with ten years of data (3,650 nights, 3,000 cramps).

Builds a diary file on disk with :func:`cramp_coach.storage.diary_sample.fill_sample`
(3,650 nights, exactly 3,000 cramp episodes, a routine on most nights: about 3,100
sessions), opens it the way the app does (``open_database`` + ``DiaryStore``), puts a
``DiaryScreen`` in the app's ``MainWindow`` beside a stand-in Home, and measures what the
user waits for: from ``show_screen(diary)`` (the Diary button) until the window reports
the diary's first paint. That includes every query (per-night tallies over ten years,
the entry count, the first page of the list) and the summaries, chart and list. Each
run switches back to Home first, so every run re-reads the diary as a real visit does.
The first run is reported separately (cold: first queries, first font use).

Target: median under 300 ms on the 2-core development machine.

    python benchmarks/diary_screen.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication, QWidget

from cramp_coach import paths
from cramp_coach.storage.database import open_database
from cramp_coach.storage.diary_sample import fill_sample
from cramp_coach.storage.diary_store import DiaryStore
from cramp_coach.storage.routine_library import load_catalog
from cramp_coach.ui import theme
from cramp_coach.ui.main_window import MainWindow

TARGET_MS = 300.0
NIGHTS, EPISODES = 3650, 3000


def size(path: Path) -> int:
    """The database and its write-ahead log, where fresh rows live until a checkpoint."""
    wal = path.with_name(path.name + "-wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def build_diary(path: Path) -> tuple[int, int]:
    store = DiaryStore(open_database(path))
    started = time.perf_counter()
    result = fill_sample(store, date(2016, 11, 1), NIGHTS, episodes=EPISODES, routine_from=60)
    print(f"built the diary in {time.perf_counter() - started:.2f} s: {result.episodes_added} cramps, "
          f"{result.sessions_added} routine sessions over {NIGHTS} nights ({size(path) // 1024} KiB)")  # fmt: skip
    return result.episodes_added, result.sessions_added


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    app = QApplication([])
    theme.apply(app, paths.builtin_assets_dir() / "style" / "app.qss", theme.NIGHT, 1.25)
    catalog = load_catalog()
    flags = catalog.protocol.diary_flags if catalog.protocol else ()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "diary.sqlite3"
        build_diary(path)
        store = DiaryStore(open_database(path))  # a fresh connection, as at app start

        window = MainWindow()
        home = QWidget()
        home.setObjectName("home")
        window.add_screen(home)
        started = time.perf_counter()
        from cramp_coach.ui.diary import DiaryScreen  # imported after first paint in the app

        screen = DiaryScreen(store, flags=flags)
        window.add_screen(screen)
        built_ms = (time.perf_counter() - started) * 1000
        window.show_screen(home)
        window.show()
        app.processEvents()

        painted: list[float] = []
        window.screen_painted.connect(lambda name: painted.append(time.perf_counter()) if name == "diary" else None)
        timings = []
        for _ in range(args.runs + 1):
            window.show_screen(home)
            app.processEvents()
            painted.clear()
            begin = time.perf_counter()
            window.show_screen(screen)
            while not painted:
                app.processEvents()
            timings.append((painted[0] - begin) * 1000)
        window.close()

    cold, warm = timings[0], timings[1:]
    median = statistics.median(warm)
    print(f"import + construct DiaryScreen: {built_ms:.1f} ms (after the app's first paint)")
    print(f"show → first paint, first visit: {cold:.1f} ms")
    print(
        f"show → first paint, {len(warm)} more visits: median {median:.1f} ms, "
        f"min {min(warm):.1f} ms, max {max(warm):.1f} ms (target < {TARGET_MS:.0f} ms)"
    )
    print(f"load average: {', '.join(f'{load:.2f}' for load in os.getloadavg())}")
    return 0 if median < TARGET_MS and cold < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
