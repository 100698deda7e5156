"""Doctor report: time to write the PDF from a ten-year diary (3,650 nights, 3,000 cramps).

Builds the same ten-year diary as ``diary_screen.py``, then times what "Doctor report
(PDF)…" and ``cramp-coach report`` do after the diary is open: the queries and
summaries (``gather``) and laying out and writing the A4 PDF (``write_report``), in
one process with a ``QGuiApplication`` on the offscreen platform. Two periods:

* the default, the last 12 weeks (the target: under 2 s);
* all ten years (monthly bars and every cramp in the table: a stress figure, no target).

It also times the whole command, ``python -m cramp_coach report -o FILE`` on that data
folder (a fresh process: Python and Qt start-up, catalog load, and the above).

    python benchmarks/diary_report.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtGui import QGuiApplication

from cramp_coach.domain.diary import last_night
from cramp_coach.domain.insights import report_period
from cramp_coach.storage.database import open_database
from cramp_coach.storage.diary_report import gather
from cramp_coach.storage.diary_sample import fill_sample
from cramp_coach.storage.diary_store import DiaryStore
from cramp_coach.storage.routine_library import load_catalog
from cramp_coach.ui.printing.report import write_report

TARGET_S = 2.0
NIGHTS, EPISODES = 3650, 3000


def timed(store: DiaryStore, first: date, last: date, out: Path, runs: int) -> tuple[list[float], int]:
    catalog = load_catalog()
    flags = catalog.protocol.diary_flags if catalog.protocol else ()
    now = datetime.now(timezone.utc)
    times, pages = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        pages = write_report(out, gather(store, first, last, flags, now=now))
        times.append(time.perf_counter() - started)
    return times, pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    app = QGuiApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        now = datetime.now(timezone.utc)
        last = last_night(now)
        first_night = last - (date(2026, 1, 1) - date(2016, 1, 2))  # 3,650 nights ending last night
        store = DiaryStore(open_database(folder / "diary.sqlite3"))
        result = fill_sample(store, first_night, NIGHTS, episodes=EPISODES, routine_from=60)
        added = f"{result.episodes_added} cramps and {result.sessions_added} routine sessions"
        print(f"diary: {added} over {NIGHTS} nights")

        first, last = report_period(now)
        times, pages = timed(store, first, last, folder / "12-weeks.pdf", args.runs)
        median = statistics.median(times)
        print(
            f"last 12 weeks ({first} to {last}): {pages} pages, median {median * 1000:.0f} ms, "
            f"max {max(times) * 1000:.0f} ms over {len(times)} runs (target < {TARGET_S:.0f} s)"
        )
        all_times, all_pages = timed(store, first_night, last, folder / "ten-years.pdf", max(1, args.runs // 2))
        print(
            f"all ten years: {all_pages} pages, median {statistics.median(all_times) * 1000:.0f} ms "
            f"({(folder / 'ten-years.pdf').stat().st_size // 1024} KiB)"
        )
        store = None  # type: ignore[assignment]  # close before the command below opens the file
        environment = {**os.environ, "CRAMP_COACH_DATA_DIR": str(folder), "QT_QPA_PLATFORM": "offscreen"}
        command = [sys.executable, "-m", "cramp_coach", "report", "-o", str(folder / "cli.pdf")]
        subprocess.run(command, env=environment, check=True, capture_output=True)  # warm the caches once
        cli = []
        for _ in range(max(1, args.runs // 2)):
            started = time.perf_counter()
            subprocess.run(command, env=environment, check=True, capture_output=True)
            cli.append(time.perf_counter() - started)
        print(f"`cramp-coach report` (12 weeks, whole process): median {statistics.median(cli) * 1000:.0f} ms")
    del app
    print(f"load average: {', '.join(f'{load:.2f}' for load in os.getloadavg())}")
    return 0 if median < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
