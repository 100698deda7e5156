"""Patient handout generation time: in the app, and as the ``cramp-coach handout`` command.

Two figures for the built-in ``bedtime`` routine (four exercises with illustrations, two
A4 pages) and for a long routine (eight exercises, scaled to fit two pages):

* ``in-app``: ``handout.write_pdf`` in a running Qt application (what the editor's
  Handout PDF button costs): the first run (fonts and SVGs loaded cold) and the median
  of the following runs;
* ``command``: ``python -m cramp_coach handout bedtime -o FILE.pdf`` as a fresh process
  with no display (start-up, loading routines, Qt, writing), median of several runs.

Target: under 1.5 s each.

    python benchmarks/editor_handout.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGET_S = 1.5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    from PySide6.QtGui import QGuiApplication

    from cramp_coach.domain.routine import Routine
    from cramp_coach.storage.routine_library import RoutineLibrary
    from cramp_coach.ui.printing import handout

    app = QGuiApplication([])
    worst = 0.0
    print(f"load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        library = RoutineLibrary(Path(tmp) / "routines")
        bedtime = library.catalog.routines["bedtime"]
        seated = library.catalog.routines["bedtime-seated"]
        long = Routine(
            id="long", title="Long programme", summary="Eight exercises.", steps=bedtime.steps + seated.steps
        )
        for routine in (bedtime, long):
            times = []
            for _ in range(args.runs + 1):
                start = time.perf_counter()
                pages = handout.write_pdf(
                    Path(tmp) / f"{routine.id}.pdf",
                    routine,
                    disclaimer=library.disclaimer(),
                    resolve_asset=library.resolve_asset,
                )
                times.append(time.perf_counter() - start)
            first, rest = times[0], times[1:]
            worst = max(worst, first, *rest)
            print(
                f"in-app  {routine.id:>8} ({len(routine.steps)} exercises, {pages} pages): "
                f"first {first * 1000:6.1f} ms, then median {statistics.median(rest) * 1000:6.1f} ms, "
                f"max {max(rest) * 1000:6.1f} ms"
            )
        del app

        env = {key: value for key, value in os.environ.items() if key not in ("DISPLAY", "WAYLAND_DISPLAY")}
        env.pop("QT_QPA_PLATFORM", None)
        env["CRAMP_COACH_DATA_DIR"] = str(Path(tmp) / "data")
        command = [sys.executable, "-m", "cramp_coach", "handout", "bedtime", "-o", str(Path(tmp) / "cli.pdf")]
        subprocess.run(command, env=env, check=True, capture_output=True)  # warm the bytecode cache
        wall = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run(command, env=env, check=True, capture_output=True)
            wall.append(time.perf_counter() - start)
    median = statistics.median(wall)
    worst = max(worst, median)
    print(
        f"command  bedtime: median {median * 1000:6.1f} ms, max {max(wall) * 1000:6.1f} ms (fresh process, no display)"
    )
    verdict = "met" if worst < TARGET_S else "MISSED"
    print(f"target: every figure < {TARGET_S} s: {verdict}")
    return 0 if worst < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
