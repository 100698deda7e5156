"""Start-up time: process start to the first painted frame, for Home and for ``--emergency``.

Measures, side by side in one run (interleaved round by round, in a shuffled order, so
every command sees the same machine conditions):

* **floor** - ``benchmarks/bare_window.py``: a bare PySide6 QApplication + QWidget with a
  QLabel that quits from its first ``paintEvent``. Any PySide6 app pays this much.
* **home** - ``cramp-coach --data-dir DIR`` (first frame = the Home screen).
* **emergency** - ``cramp-coach --data-dir DIR --emergency`` (first frame = Cramp now).

Each round runs both app commands twice: with a *fresh* (new, empty) temporary data
folder, the way a first launch looks, and with a *warm* data folder (one per command)
that earlier runs already filled (diary, settings), the way every later night looks. All runs are
offscreen (``QT_QPA_PLATFORM=offscreen``, ``XDG_RUNTIME_DIR`` a private scratch folder so
the single-instance sockets never leak into ``/tmp``) with ``CRAMP_COACH_QUIT_AFTER_PAINT=1`` and
``CRAMP_COACH_TRACE_PAINT=1``; the floor prints the same ``painted <name> <t>`` line.

Bytecode: every command runs with cached ``.pyc`` files (``PYTHONPYCACHEPREFIX`` in the
scratch folder, ``PYTHONDONTWRITEBYTECODE`` removed; the warm-ups fill the cache), as an
installed app has them. When the calling shell sets ``PYTHONDONTWRITEBYTECODE`` (so an
editable install recompiles the project's modules at every start), one more row,
"home, warm, no .pyc cache", runs Home with the shell's own setting to show that cost.

Two figures per run:

* **first paint** - ``t`` from the ``painted`` line minus ``time.monotonic()`` taken just
  before the process is spawned (CLOCK_MONOTONIC is shared by all processes on Linux).
  This is the figure the targets apply to.
* **process** - the whole process lifetime (spawn to exit, teardown included), which is
  what ``hyperfine`` or ``/usr/bin/time`` would report.

Targets (on the median first paint): **Home <= 1.2x the floor with a warm data folder and
<= 1.4x with a fresh one**; **emergency <= 1.3x warm and <= 1.5x fresh**.

Then, once each:

* ``python -X importtime -m cramp_coach`` (Home, warm data folder, quit after the first
  paint): the 15 most expensive imports by self time, the 15 by cumulative time, and the
  self time per top-level package, so the heavy modules that could be made lazy stand out;
  modules that the floor imports too are marked, since making them lazy cannot help.
  (``-X importtime`` inflates import times somewhat; compare entries with each other.)
* A heavy-module check: the app runs inside a small wrapper (``runpy``) that takes a
  snapshot of ``sys.modules`` and of the Qt libraries mapped into the process from inside
  the first-paint signal, for Home and for ``--emergency``; it prints loaded / not loaded
  for QtCharts, matplotlib, QtPdf and QtTextToSpeech (none of which may be loaded by the
  first paint), and for information QtMultimedia.

Run from the repository root (about 80 s with the defaults)::

    .venv/bin/python benchmarks/startup.py [--runs 15] [--warmups 2] [--profile]

``--profile`` adds a cProfile of one Home start-up (project functions by cumulative time),
to see what beyond imports takes the time.

The exit status is 1 when a target is missed, a heavy module is loaded at first paint,
or a run fails. Standard library only (the floor script needs PySide6).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
#: Issue 9's targets, by the start of each row's label ("home, warm data dir"…).
TARGETS = {"home, warm": 1.2, "home, fresh": 1.4, "emergency, warm": 1.3, "emergency, fresh": 1.5}


def target_for(label: str) -> float:
    return next(ratio for prefix, ratio in TARGETS.items() if label.startswith(prefix))


HEAVY_MODULES = ("PySide6.QtCharts", "matplotlib", "PySide6.QtPdf", "PySide6.QtTextToSpeech")
INFO_MODULES = ("PySide6.QtMultimedia", "PySide6.QtNetwork", "PySide6.QtSvg", "sqlite3", "yaml")
PAINTED = re.compile(r"^painted (\S*) (\d+(?:\.\d+)?)$", re.MULTILINE)
IMPORT_LINE = re.compile(r"^import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)\s*$")

# Runs the app exactly as ``python -m cramp_coach`` does, but snapshots sys.modules and the
# mapped Qt libraries from inside MainWindow.first_paint (the app's own quit-after-paint
# slot only queues the quit, so nothing else runs in between). Importing main_window
# first loads nothing the app would not load anyway: app.py imports it at module level.
PROBE = r"""
import atexit, json, os, runpy, sys
out = os.environ["STARTUP_PROBE_OUT"]
report = {}

def qt_libraries():
    names = set()
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.rsplit(None, 1)[-1]
                base = os.path.basename(path)
                if base.startswith("libQt6"):
                    names.add(base.split(".so")[0])
    except OSError:
        pass
    return sorted(names)

def snapshot(tag):
    if tag not in report:
        report[tag] = {"modules": sorted(sys.modules), "qt_libraries": qt_libraries()}

def write():
    snapshot("exit")
    with open(out, "w") as handle:
        json.dump(report, handle)

atexit.register(write)
from cramp_coach.ui import main_window
_init = main_window.MainWindow.__init__

def _patched_init(self, *args, **kwargs):
    _init(self, *args, **kwargs)
    self.first_paint.connect(lambda: snapshot("first_paint"))

main_window.MainWindow.__init__ = _patched_init
sys.argv = ["cramp-coach", *sys.argv[1:]]
runpy.run_module("cramp_coach", run_name="__main__", alter_sys=True)
"""


@dataclass
class Variant:
    label: str
    expect: str  # the screen object name of the first painted frame
    argv: list[str]
    data_dir: str | None  # "fresh", "warm" or None (the floor takes no data folder)
    env: dict[str, str] | None = None  # None: the common benchmark environment
    first_paint: list[float] = field(default_factory=list)
    process: list[float] = field(default_factory=list)


def app_command() -> list[str]:
    """The installed ``cramp-coach`` script next to this Python, else ``python -m cramp_coach``."""
    script = Path(sys.executable).with_name("cramp-coach")
    return [str(script)] if script.exists() else [sys.executable, "-m", "cramp_coach"]


def bench_env(scratch: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", CRAMP_COACH_QUIT_AFTER_PAINT="1", CRAMP_COACH_TRACE_PAINT="1")
    env.pop("CRAMP_COACH_DATA_DIR", None)
    # Cached bytecode, as after `pip install .` (which compiles .pyc files) or with Python's
    # defaults. The cache lives in the scratch folder, so nothing is written next to the
    # sources, and the warm-up rounds fill it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    # The single-instance sockets go to $XDG_RUNTIME_DIR: keep them in the scratch folder.
    runtime = scratch / "runtime"
    runtime.mkdir(mode=0o700)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    return env


def run_once(argv: list[str], env: dict[str, str], expect: str) -> tuple[float, float]:
    """Spawn, wait for exit; return (seconds to first paint, process lifetime)."""
    start = time.monotonic()
    result = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60)
    end = time.monotonic()
    match = PAINTED.search(result.stdout)
    if result.returncode != 0 or match is None:
        raise RuntimeError(
            f"{' '.join(argv)}: exit {result.returncode}, no 'painted' line\n"
            f"stdout: {result.stdout[-1500:]}\nstderr: {result.stderr[-3000:]}"
        )
    if match.group(1) != expect:
        raise RuntimeError(f"{' '.join(argv)}: first painted screen was {match.group(1)!r}, expected {expect!r}")
    return float(match.group(2)) - start, end - start


def fmt_ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f}"


def measure(args: argparse.Namespace, scratch: Path, env: dict[str, str]) -> list[Variant]:
    app = app_command()
    warm_dirs = {"home": scratch / "warm-home", "emergency": scratch / "warm-emergency"}
    for folder in warm_dirs.values():
        folder.mkdir()
    variants = [
        Variant("floor (bare_window.py)", "bare", [sys.executable, str(BENCH_DIR / "bare_window.py")], None),
        Variant("home, fresh data dir", "home", app, "fresh"),
        Variant("home, warm data dir", "home", [*app, "--data-dir", str(warm_dirs["home"])], "warm"),
        Variant("emergency, fresh data dir", "cramp-now", [*app, "--emergency"], "fresh"),
        Variant(
            "emergency, warm data dir",
            "cramp-now",
            [*app, "--emergency", "--data-dir", str(warm_dirs["emergency"])],
            "warm",
        ),
    ]
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        # This shell forbids writing bytecode and an editable install has no .pyc files,
        # so every start compiles the project's modules: show what that costs.
        inherited = dict(env)
        inherited.pop("PYTHONPYCACHEPREFIX", None)
        for key in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX"):
            if key in os.environ:
                inherited[key] = os.environ[key]
        variants.append(
            Variant(
                "home, warm, no .pyc cache",
                "home",
                [*app, "--data-dir", str(warm_dirs["home"])],
                "warm",
                inherited,
            )
        )
    rng = random.Random(2026)
    fresh_count = 0
    total = args.warmups + args.runs
    for round_index in range(total):
        order = list(variants)
        rng.shuffle(order)
        for variant in order:
            argv = list(variant.argv)
            if variant.data_dir == "fresh":
                fresh_count += 1
                folder = scratch / f"fresh-{fresh_count:03d}"
                folder.mkdir()
                argv += ["--data-dir", str(folder)]
            first_paint, process = run_once(argv, variant.env or env, variant.expect)
            if round_index >= args.warmups:
                variant.first_paint.append(first_paint)
                variant.process.append(process)
        phase = "warm-up" if round_index < args.warmups else "run"
        print(f"  {phase} {round_index + 1}/{total} done", file=sys.stderr, flush=True)
    return variants


def report_times(variants: list[Variant], runs: int) -> bool:
    floor = variants[0]
    floor_paint = statistics.median(floor.first_paint)
    floor_process = statistics.median(floor.process)
    ok = True
    print(f"\nStart-up, {runs} interleaved runs each (after warm-ups), milliseconds, offscreen")
    print(f"app command: {' '.join(app_command())} [--emergency] --data-dir DIR")
    header = (
        f"{'command':<28} {'median':>7} {'min':>7} {'max':>7} {'x floor':>8}"
        f" | {'process median':>14} {'x floor':>8}  target"
    )
    print("\nfirst paint = spawn -> 'painted' line; process = spawn -> exit")
    print(header)
    print("-" * len(header))
    for variant in variants:
        median = statistics.median(variant.first_paint)
        ratio = median / floor_paint
        process_median = statistics.median(variant.process)
        if variant is floor:
            verdict = "(the floor)"
        elif variant.env is not None:
            verdict = f"(info: {(median - statistics.median(variants[2].first_paint)) * 1000:+.0f} ms vs cached)"
        else:
            target = target_for(variant.label)
            passed = ratio <= target
            ok &= passed
            verdict = f"<= {target}x: {'PASS' if passed else 'MISS'}"
            if not passed:
                verdict += f" (by {(median - target * floor_paint) * 1000:.0f} ms)"
        print(
            f"{variant.label:<28} {fmt_ms(median)} {fmt_ms(min(variant.first_paint))}"
            f" {fmt_ms(max(variant.first_paint))} {ratio:7.2f}x | {fmt_ms(process_median):>14}"
            f" {process_median / floor_process:7.2f}x  {verdict}"
        )
    print(
        f"\nfloor: first paint {floor_paint * 1000:.1f} ms, process {floor_process * 1000:.1f} ms;"
        f" Home warm must paint within {TARGETS['home, warm'] * floor_paint * 1000:.1f} ms"
    )
    return ok


def parse_importtime(stderr: str) -> list[tuple[int, int, str]]:
    """(self us, cumulative us, module) for each ``-X importtime`` line."""
    rows = []
    for line in stderr.splitlines():
        match = IMPORT_LINE.match(line)
        if match:
            rows.append((int(match.group(1)), int(match.group(2)), match.group(4)))
    return rows


def import_times(env: dict[str, str], data_dir: Path) -> None:
    floor = subprocess.run(
        [sys.executable, "-X", "importtime", str(BENCH_DIR / "bare_window.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    floor_rows = parse_importtime(floor.stderr)
    floor_modules = {name for _, _, name in floor_rows}
    argv = [sys.executable, "-X", "importtime", "-m", "cramp_coach", "--data-dir", str(data_dir)]
    result = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60)
    rows = parse_importtime(result.stderr)
    if not rows:
        print(f"\n-X importtime produced no data (exit {result.returncode}):\n{result.stderr[-2000:]}")
        return
    total_self = sum(row[0] for row in rows)
    extra_self = sum(row[0] for row in rows if row[2] not in floor_modules)
    print(
        f"\nImports at start-up (Home, warm data dir, -X importtime, exit {result.returncode}):"
        f" {len(rows)} modules, {total_self / 1000:.1f} ms self time in total;"
        f" the floor imports {len(floor_modules)} modules in {sum(r[0] for r in floor_rows) / 1000:.1f} ms;"
        f" modules the floor does not import: {len(set(r[2] for r in rows) - floor_modules)},"
        f" {extra_self / 1000:.1f} ms"
    )
    print("('floor' = the bare window imports it too, so making it lazy would not help)")
    print("\nTop 15 by self time (time spent in the module itself, shared libraries included):")
    print(f"{'self ms':>8} {'cumul ms':>9}  module")
    for self_us, cumulative_us, name in sorted(rows, reverse=True)[:15]:
        mark = "  (floor)" if name in floor_modules else ""
        print(f"{self_us / 1000:8.1f} {cumulative_us / 1000:9.1f}  {name}{mark}")
    print("\nTop 15 by cumulative time (the module and everything it imported first):")
    print(f"{'cumul ms':>9} {'self ms':>8}  module")
    for self_us, cumulative_us, name in sorted(rows, key=lambda row: row[1], reverse=True)[:15]:
        mark = "  (floor)" if name in floor_modules else ""
        print(f"{cumulative_us / 1000:9.1f} {self_us / 1000:8.1f}  {name}{mark}")
    per_package: dict[str, list[int]] = {}
    for self_us, _, name in rows:
        if name in floor_modules:
            continue
        entry = per_package.setdefault(name.split(".")[0], [0, 0])
        entry[0] += self_us
        entry[1] += 1
    print("\nSelf time per top-level package, modules the floor does not import (top 10):")
    for name, (self_us, count) in sorted(per_package.items(), key=lambda item: item[1][0], reverse=True)[:10]:
        print(f"{self_us / 1000:8.1f} ms  {name} ({count} modules)")


def profile_startup(env: dict[str, str], scratch: Path, data_dir: Path, top: int = 25) -> None:
    """cProfile of one Home start-up (quit after the first paint): where the time goes beyond imports."""
    import pstats

    out = scratch / "startup.prof"
    argv = [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "cramp_coach", "--data-dir", str(data_dir)]
    result = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60)
    if result.returncode != 0 or not out.exists():
        print(f"\ncProfile run failed (exit {result.returncode}):\n{result.stderr[-2000:]}")
        return
    stats = pstats.Stats(str(out))
    rows = []
    for (filename, line, function), (_, calls, _, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        if "cramp_coach" in filename and "<frozen" not in filename:
            where = filename.split("cramp_coach", 1)[1].lstrip("/")
            rows.append((cumulative, calls, f"cramp_coach/{where}:{line} {function}"))
    print(f"\ncProfile of one Home start-up (inflated by profiling; total {stats.total_tt * 1000:.0f} ms):")  # type: ignore[attr-defined]
    print(f"top {top} project functions by cumulative time (imports included where a function imports):")
    print(f"{'cumul ms':>9} {'calls':>6}  function")
    for cumulative, calls, name in sorted(rows, reverse=True)[:top]:
        print(f"{cumulative * 1000:9.1f} {calls:6d}  {name}")


def heavy_module_check(env: dict[str, str], scratch: Path) -> bool:
    ok = True
    print("\nModules loaded at the first painted frame (snapshot taken inside MainWindow.first_paint):")
    for label, extra in (("home", []), ("emergency", ["--emergency"])):
        folder = scratch / f"probe-{label}"
        folder.mkdir()
        out = scratch / f"probe-{label}.json"
        probe_env = dict(env, STARTUP_PROBE_OUT=str(out))
        argv = [sys.executable, "-c", PROBE, "--data-dir", str(folder), *extra]
        result = subprocess.run(argv, env=probe_env, capture_output=True, text=True, timeout=60)
        if result.returncode != 0 or not out.exists():
            print(f"  {label}: probe failed (exit {result.returncode}):\n{result.stderr[-2000:]}")
            ok = False
            continue
        report = json.loads(out.read_text())
        at_paint = report.get("first_paint")
        at_exit = report["exit"]
        if at_paint is None:
            print(f"  {label}: the first_paint signal never fired")
            ok = False
            continue
        modules = set(at_paint["modules"])
        exit_modules = set(at_exit["modules"])
        pyside = sorted(name for name in modules if name.startswith("PySide6.Qt"))
        print(f"\n  {label}: {len(modules)} modules in sys.modules; PySide6 modules: {', '.join(pyside)}")
        print(f"  {label}: Qt libraries mapped: {', '.join(at_paint['qt_libraries'])}")
        for name in HEAVY_MODULES + INFO_MODULES:
            loaded = name in modules or any(module.startswith(name + ".") for module in modules)
            later = not loaded and name in exit_modules
            heavy = name in HEAVY_MODULES
            state = "LOADED" if loaded else "not loaded"
            note = " (must not be)" if heavy and loaded else ("" if heavy else " (info)")
            if later:
                note += " (imported after the first paint, before exit)"
            print(f"    {name:<24} {state}{note}")
            if heavy and loaded:
                ok = False
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15, help="measured runs per command (default 15)")
    parser.add_argument("--warmups", type=int, default=2, help="unmeasured rounds first (default 2)")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of one Home start-up")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="cramp-startup-"))
    env = bench_env(scratch)
    try:
        print(
            f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {args.warmups} warm-up rounds +"
            f" {args.runs} measured rounds (each round runs every command once, shuffled)",
            file=sys.stderr,
        )
        load_before = os.getloadavg()
        variants = measure(args, scratch, env)
        load_after = os.getloadavg()
        times_ok = report_times(variants, args.runs)
        print(
            f"load average (1/5/15 min) before: {' '.join(f'{x:.2f}' for x in load_before)},"
            f" after: {' '.join(f'{x:.2f}' for x in load_after)} ({os.cpu_count()} CPUs)"
        )
        import_times(env, scratch / "warm-home")
        if args.profile:
            profile_startup(env, scratch, scratch / "warm-home")
        modules_ok = heavy_module_check(env, scratch)
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        print(f"FAILED: {error}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(
        f"\nstart-up targets: {'all met' if times_ok else 'MISSED'}; heavy modules at first paint: "
        f"{'none' if modules_ok else 'FOUND (or probe failed)'}"
    )
    return 0 if times_ok and modules_ok else 1


if __name__ == "__main__":
    sys.exit(main())
