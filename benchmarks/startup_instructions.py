"""Start-up in instructions: what it costs to reach the first frame, whatever the machine is doing.

``startup.py`` times start-up on the wall clock, which a busy machine (a test run on the
other core, a second benchmark) inflates by a factor of two or more. This script counts
the instructions executed until the first frame with valgrind's callgrind, which is the
same on a loaded machine as on an idle one, for:

* **floor** - ``bare_window.py`` (a bare PySide6 window), ended inside its first paint;
* **home** and **emergency** - the app with ``CRAMP_COACH_QUIT_AFTER_PAINT=exit``, which
  ends the process inside its first paint, with a *warm* data folder (an earlier start
  left the catalog cache and the first frame's index) and a *fresh* one (whose first frame
  comes from the built-in routines' generated index, storage/first_frame_builtin.py).

Each command runs once without valgrind first (to compile the ``.pyc`` files and warm
the data folder). Instructions are not milliseconds (cache misses and disk reads are not
counted), but the ratio to the floor moves with the code, not with the machine.

    .venv/bin/python benchmarks/startup_instructions.py   # needs valgrind; about a minute per command
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"home, warm": 1.2, "home, fresh": 1.4, "emergency, warm": 1.3, "emergency, fresh": 1.5}


def count(command: list[str], environment: dict[str, str]) -> int:
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "callgrind.out"
        result = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *command],
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
    match = re.search(r"Collected : (\d+)", result.stderr)
    if not match:
        raise SystemExit(f"callgrind gave no count for {command}: {result.stderr[-800:]}")
    return int(match.group(1))


def main() -> int:
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt install valgrind)", file=sys.stderr)
        return 2
    scratch = Path(tempfile.mkdtemp(prefix="cramp-startup-ir-"))
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    environment |= {
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_RUNTIME_DIR": str(scratch),
        "PYTHONPYCACHEPREFIX": str(scratch / "pycache"),
    }
    exit_at_paint = {**environment, "CRAMP_COACH_QUIT_AFTER_PAINT": "exit"}
    floor_script = scratch / "bare_exit.py"
    # The floor ends the same way as the app: inside its first paint.
    floor_script.write_text(
        (ROOT / "benchmarks" / "bare_window.py")
        .read_text(encoding="utf-8")
        .replace("QTimer.singleShot(0, self._app.quit)", "__import__('os')._exit(0)"),
        encoding="utf-8",
    )
    python = sys.executable
    warm = scratch / "warm"
    app = [python, "-m", "cramp_coach", "--data-dir"]
    # Warm-ups: .pyc files, and a data folder with the catalog cache and the first frame's index.
    subprocess.run([python, str(floor_script)], env=environment, capture_output=True, check=False)
    for extra in ([], ["--emergency"]):
        subprocess.run([*app, str(warm), *extra], env={**environment, "CRAMP_COACH_QUIT_AFTER_PAINT": "1"},
                       capture_output=True, check=False)  # fmt: skip

    floor = count([python, str(floor_script)], environment)
    rows = {"floor": floor}
    for name, extra in (("home", []), ("emergency", ["--emergency"])):
        rows[f"{name}, warm"] = count([*app, str(warm), *extra], exit_at_paint)
        fresh = Path(tempfile.mkdtemp(dir=scratch))
        rows[f"{name}, fresh"] = count([*app, str(fresh), *extra], exit_at_paint)

    print("Instructions to the first painted frame (callgrind), offscreen")
    print(f"{'command':20} {'instructions':>14} {'x floor':>8}  target")
    missed = False
    for name, instructions in rows.items():
        ratio = instructions / floor
        target = TARGETS.get(name)
        verdict = "" if target is None else f"<= {target}x: {'ok' if ratio <= target else 'MISS'}"
        missed |= target is not None and ratio > target
        print(f"{name:20} {instructions / 1e6:12.0f} M {ratio:7.2f}x  {verdict}")
    shutil.rmtree(scratch, ignore_errors=True)
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
