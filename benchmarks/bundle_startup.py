"""Start-up of the packaged app (the PyInstaller bundle in the .deb) against the venv install.

Both run the same code; the question is what the frozen bundle costs or saves: its own
bootloader unpacks nothing (one-folder), but imports come from a zip archive instead of
.pyc files. Each round starts every command once, in a shuffled order, offscreen, with an
almost empty environment (as ``env -i`` gives: PATH, HOME, LANG, XDG_RUNTIME_DIR), a warm
private data folder per command, ``CRAMP_COACH_QUIT_AFTER_PAINT=1`` and
``CRAMP_COACH_TRACE_PAINT=1``. The figure is spawn to the ``painted <screen> <t>`` line
(CLOCK_MONOTONIC is shared by all processes on Linux), for Home and for ``--emergency``.

    .venv/bin/python benchmarks/bundle_startup.py [--bundle dist/cramp-coach] [--venv .venv] [--runs 15]

``--bundle`` may also be a .deb (it is unpacked into a scratch folder first). Standard
library only.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def first_paint(command: list[str], env: dict[str, str]) -> float:
    started = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False)
    line = next((line for line in result.stdout.splitlines() if line.startswith("painted ")), None)
    if result.returncode != 0 or line is None:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}): {result.stderr[-500:]}")
    return float(line.split()[2]) - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bundle", default=str(ROOT / "dist" / "cramp-coach"), help="bundle folder or .deb")
    parser.add_argument("--venv", default=str(ROOT / ".venv"), help="virtual environment with cramp-coach installed")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--warmups", type=int, default=2)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bundle-startup-") as scratch_name:
        scratch = Path(scratch_name)
        bundle = Path(args.bundle)
        if bundle.suffix == ".deb":
            subprocess.run(["dpkg-deb", "-x", str(bundle), str(scratch / "deb")], check=True)
            bundle = scratch / "deb" / "opt" / "cramp-coach"
        commands = {
            "bundle": [str(bundle / "cramp-coach")],
            "venv": [str(Path(args.venv) / "bin" / "cramp-coach")],
        }
        runtime = scratch / "runtime"
        runtime.mkdir(mode=0o700)
        env = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(scratch),
            "LANG": "C.UTF-8",
            "XDG_RUNTIME_DIR": str(runtime),
            "QT_QPA_PLATFORM": "offscreen",
            "CRAMP_COACH_QUIT_AFTER_PAINT": "1",
            "CRAMP_COACH_TRACE_PAINT": "1",
        }
        cases = [(name, screen) for name in commands for screen in ("home", "emergency")]
        times: dict[tuple[str, str], list[float]] = {case: [] for case in cases}
        for round_number in range(args.warmups + args.runs):
            random.shuffle(cases)
            for name, screen in cases:
                data = scratch / f"data-{name}"
                extra = ["--emergency"] if screen == "emergency" else []
                elapsed = first_paint([*commands[name], "--data-dir", str(data), *extra], env)
                if round_number >= args.warmups:
                    times[(name, screen)].append(elapsed)
        size = sum(path.stat().st_size for path in bundle.rglob("*") if path.is_file() and not path.is_symlink())
        print(f"bundle: {bundle} ({size / 1e6:.0f} MB on disk); venv: {args.venv}")
        print(f"{args.runs} runs each after {args.warmups} warm-up rounds, first paint in ms:")
        print(f"{'command':<8} {'screen':<10} {'median':>7} {'min':>7} {'max':>7}")
        for name in commands:
            for screen in ("home", "emergency"):
                values = [1000 * value for value in times[(name, screen)]]
                print(f"{name:<8} {screen:<10} {statistics.median(values):7.0f} {min(values):7.0f} {max(values):7.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
