"""Memory and CPU while a routine plays: peak RSS and mean CPU of ``cramp-coach --start bedtime``.

Starts ``cramp-coach --data-dir DIR --start bedtime`` in real time (no ``--time-scale``),
offscreen (or, with ``--platform xcb``, on the X server in ``DISPLAY``, e.g. under
``xvfb-run``: a real X server repaints differently), with a fresh temporary data folder
and ``CRAMP_COACH_TRACE_PAINT=1`` (its ``painted player <t>`` line marks when the routine
started). Every ``--interval`` seconds (default 0.5) it reads ``/proc/<pid>/status``
(VmRSS, VmHWM, Threads, voluntary context switches: how often the app went to sleep,
i.e. its wake-ups) and ``/proc/<pid>/stat`` (utime + stime, and cutime + cstime for
finished child processes such as espeak-ng renders), and sums the RSS of any live child
processes.

The measured window lasts ``--seconds`` (default 60). It opens after a settle of at least
``--settle`` seconds (default 5) from launch **and** after the routine's get-ready
countdown (15 s for the built-in bedtime routine; read from the compiled routine), so it
covers real work phases: the phases it spans are listed. For information, the CPU spent
in start-up and during the get-ready countdown is printed too.

Figures and targets:

* **peak RSS** = VmHWM at the end of the window (the high-water mark of the app process
  over its whole life, start-up included), in MB (MiB): target **< 150 MB**;
* **mean CPU** = (utime + stime ticks in the window) / (seconds x SC_CLK_TCK), as a
  percentage of one core, app process only: target **≤ 1 %**.

On a busy machine each wake-up of the app costs far more than the little it draws
(its code and data have left the processor's caches), so the wake-ups per second are
printed too: they, more than the drawing, decide the CPU figure.

Without a sound device (as on the 2-core VM) the app creates no QSoundEffect and plays
nothing, so audio decoding and output are not in these figures; espeak-ng renders (child
processes) still run and are reported separately.

Before the measured launch, one launch that quits at its first frame fills the bytecode
cache (``PYTHONPYCACHEPREFIX`` in the scratch folder), as an installed app has it. Finally
the app is stopped politely (SIGTERM, then SIGKILL after 3 s).

Run from the repository root (about 80 s with the defaults)::

    .venv/bin/python benchmarks/routine_resources.py [--seconds 60] [--routine bedtime]
    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python benchmarks/routine_resources.py --platform xcb

The exit status is 1 when a target is missed or the app fails. Standard library only
(plus the project's Qt-free routine loader, to know the routine's phases).
"""

from __future__ import annotations

import argparse
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

# Running the file directly puts benchmarks/ (not the repository) on sys.path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET_RSS_MB = 150.0
TARGET_CPU_PERCENT = 1.0
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAINTED = re.compile(r"^painted (\S*) (\d+(?:\.\d+)?)$")


@dataclass(frozen=True)
class Sample:
    t: float  # time.monotonic()
    rss_kb: int
    hwm_kb: int
    threads: int
    ticks: int  # utime + stime of the app
    child_ticks: int  # cutime + cstime: children it has waited for
    children_rss_kb: int  # live child processes
    children: int
    wakeups: int  # voluntary context switches of the app's threads so far


def read_sample(pid: int) -> Sample:
    now = time.monotonic()
    status = {}
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            key, _, value = line.partition(":")
            status[key] = value.split()
    with open(f"/proc/{pid}/stat") as handle:
        # Field 2 (comm) may contain spaces; everything after its closing parenthesis splits cleanly.
        fields = handle.read().rsplit(")", 1)[1].split()
    # fields[0] is field 3 (state); utime..cstime are fields 14..17.
    utime, stime, cutime, cstime = (int(value) for value in fields[11:15])
    children_rss, children = 0, 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                child_fields = handle.read().rsplit(")", 1)[1].split()
            if int(child_fields[1]) == pid:
                children += 1
                with open(f"/proc/{entry}/status") as handle:
                    for line in handle:
                        if line.startswith("VmRSS:"):
                            children_rss += int(line.split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return Sample(
        now,
        int(status["VmRSS"][0]),
        int(status["VmHWM"][0]),
        int(status["Threads"][0]),
        utime + stime,
        cutime + cstime,
        children_rss,
        children,
        int(status["voluntary_ctxt_switches"][0]),
    )


def routine_schedule(routine_id: str) -> list[tuple[float, float, str]] | None:
    """(start, end, label) of each phase, seconds from the routine's start; None if unknown."""
    try:
        from cramp_coach.domain.timeline import compile_routine
        from cramp_coach.storage.routine_library import load_catalog

        routine = load_catalog().routines[routine_id]
        timeline = compile_routine(routine)
    except Exception as error:
        print(f"(could not compile routine {routine_id!r}: {error}; assuming a 10 s get-ready)")
        return None
    schedule, at = [], 0.0
    for phase in timeline.phases:
        length = phase.estimate_seconds
        schedule.append((at, at + length, f"{phase.kind.value}: {phase.exercise_name} {phase.label}".strip()))
        at += length
    return schedule


def app_command() -> list[str]:
    """The installed ``cramp-coach`` script next to this Python, else ``python -m cramp_coach``."""
    script = Path(sys.executable).with_name("cramp-coach")
    return [str(script)] if script.exists() else [sys.executable, "-m", "cramp_coach"]


def mb(kb: int) -> float:
    return kb / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the measured window (default 60)")
    parser.add_argument("--settle", type=float, default=5.0, help="minimum seconds after launch (default 5)")
    parser.add_argument("--interval", type=float, default=0.5, help="sampling interval in seconds (default 0.5)")
    parser.add_argument("--routine", default="bedtime", help="routine id (default bedtime)")
    parser.add_argument(
        "--platform",
        choices=("offscreen", "xcb"),
        default="offscreen",
        help="Qt platform (default offscreen; xcb needs DISPLAY, e.g. under xvfb-run)",
    )
    args = parser.parse_args()
    if args.platform == "xcb" and not os.environ.get("DISPLAY"):
        print("--platform xcb needs an X server in DISPLAY (run it under xvfb-run -a).", file=sys.stderr)
        return 1

    schedule = routine_schedule(args.routine)
    get_ready = schedule[0][1] if schedule and schedule[0][2].startswith("get_ready") else 10.0

    scratch = Path(tempfile.mkdtemp(prefix="cramp-resources-"))
    runtime = scratch / "runtime"
    runtime.mkdir(mode=0o700)
    data_dir = scratch / "data"
    data_dir.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM=args.platform, CRAMP_COACH_TRACE_PAINT="1", XDG_RUNTIME_DIR=str(runtime))
    env.pop("CRAMP_COACH_QUIT_AFTER_PAINT", None)
    env.pop("CRAMP_COACH_DATA_DIR", None)
    # Cached bytecode, as an installed app has (see startup.py), kept in the scratch folder.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    argv = [*app_command(), "--data-dir", str(data_dir), "--start", args.routine]
    # One launch that quits at its first frame fills the bytecode cache, as an installed app has it.
    subprocess.run(
        [*app_command(), "--data-dir", str(scratch / "warm-up")],
        env=dict(env, CRAMP_COACH_QUIT_AFTER_PAINT="1"),
        capture_output=True,
        timeout=60,
    )
    stderr_path = scratch / "app.err"
    painted: queue.Queue[tuple[str, float]] = queue.Queue()
    samples: list[Sample] = []
    launch = time.monotonic()
    with stderr_path.open("w") as stderr:
        proc = subprocess.Popen(
            argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=stderr, text=True
        )

    def read_stdout() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            match = PAINTED.match(line.strip())
            if match:
                painted.put((match.group(1), float(match.group(2))))

    threading.Thread(target=read_stdout, daemon=True).start()
    screens: list[tuple[str, float]] = []
    failure = ""
    try:
        # Wait for the player screen: the routine (and its get-ready countdown) has started.
        routine_start = -1.0  # not yet
        deadline = launch + 30
        while routine_start < 0:
            if proc.poll() is not None:
                raise RuntimeError(f"the app exited ({proc.returncode}) before the routine started")
            try:
                name, when = painted.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise RuntimeError("no 'painted player' line within 30 s") from None
            screens.append((name, when))
            if name == "player":
                routine_start = when
        window_start = max(launch + args.settle, routine_start + get_ready + 1.0)
        window_end = window_start + args.seconds
        next_sample = launch
        while True:
            now = time.monotonic()
            if now >= window_end:
                break
            if proc.poll() is not None:
                raise RuntimeError(f"the app exited ({proc.returncode}) during the measurement")
            if now >= next_sample:
                samples.append(read_sample(proc.pid))
                next_sample += args.interval
                # Never sample late at the window's edges: they define the CPU figure.
                for edge in (routine_start + get_ready, window_start, window_end):
                    if now < edge < next_sample:
                        next_sample = edge
            time.sleep(max(0.0, min(next_sample, window_end) - time.monotonic()))
        samples.append(read_sample(proc.pid))
        while not painted.empty():
            screens.append(painted.get())
    except (RuntimeError, OSError) as error:
        failure = str(error)
    finally:
        exit_note = "still running"
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=3)
                exit_note = f"stopped by SIGTERM (exit {proc.returncode})"
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                exit_note = "did not stop on SIGTERM within 3 s: SIGKILL"
        else:
            exit_note = f"had exited by itself ({proc.returncode})"
        app_stderr = stderr_path.read_text(errors="replace")
        shutil.rmtree(scratch, ignore_errors=True)
    if failure:
        print(f"FAILED: {failure}\napp stderr:\n{app_stderr[-3000:]}", file=sys.stderr)
        return 1

    def sample_at(t: float) -> Sample:
        """The first sample taken at or after t."""
        return next(sample for sample in samples if sample.t >= t - 1e-6)

    first, last = sample_at(window_start), samples[-1]
    seconds = last.t - first.t
    ticks = last.ticks - first.ticks
    cpu = ticks / (seconds * CLK_TCK) * 100
    child_cpu = (last.child_ticks - first.child_ticks) / (seconds * CLK_TCK) * 100
    in_window = [sample for sample in samples if sample.t >= first.t]
    peak_mb = mb(last.hwm_kb)
    rss_ok = peak_mb < TARGET_RSS_MB
    cpu_ok = cpu <= TARGET_CPU_PERCENT
    wakeups = (last.wakeups - first.wakeups) / seconds

    print(
        f"command: {' '.join([*argv[:1], '--data-dir', 'TMP', *argv[3:]])} ({args.platform}, real time);"
        f" load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)"
    )
    print(f"routine started {routine_start - launch:.2f} s after launch (painted player); get-ready {get_ready:.0f} s")
    print(
        f"window: {first.t - routine_start:.1f} .. {last.t - routine_start:.1f} s into the routine"
        f" ({seconds:.1f} s, {len(in_window)} samples every {args.interval:g} s; SC_CLK_TCK={CLK_TCK})"
    )
    if schedule:
        lo, hi = first.t - routine_start, last.t - routine_start
        covered = [label for start, end, label in schedule if end > lo and start < hi]
        print(f"phases in the window ({len(covered)}): " + "; ".join(covered))
    print(f"screens painted: {', '.join(name for name, _ in screens)}")
    print()
    print(
        f"peak RSS (VmHWM): {peak_mb:.1f} MB  -> target < {TARGET_RSS_MB:.0f} MB: "
        + ("PASS" if rss_ok else f"MISS (by {peak_mb - TARGET_RSS_MB:.1f} MB)")
    )
    print(
        f"VmRSS in the window: start {mb(first.rss_kb):.1f} MB, end {mb(last.rss_kb):.1f} MB,"
        f" max {mb(max(sample.rss_kb for sample in in_window)):.1f} MB; threads {last.threads}"
    )
    print(
        f"mean CPU in the window: {cpu:.2f} % of one core ({ticks} ticks in {seconds:.1f} s)  -> target ≤ "
        f"{TARGET_CPU_PERCENT:.0f} %: " + ("PASS" if cpu_ok else f"MISS (by {cpu - TARGET_CPU_PERCENT:.2f} points)")
    )
    print(f"wake-ups in the window: {wakeups:.1f} a second (voluntary context switches of the app)")
    print(
        f"child processes: {child_cpu:.2f} % of one core in the window (finished children, e.g. espeak-ng);"
        f" at most {max(sample.children for sample in samples)} alive at a sample,"
        f" peak {mb(max(sample.children_rss_kb for sample in samples)):.1f} MB RSS together"
    )
    ready_end = sample_at(routine_start + get_ready)
    for label, a, b in (
        ("launch -> first sample", None, samples[0]),
        ("get-ready countdown (approx.)", samples[0], ready_end),
    ):
        spent = b.ticks - (a.ticks if a else 0)
        children_spent = b.child_ticks - (a.child_ticks if a else 0)
        span = b.t - (a.t if a else launch)
        print(
            f"for information, {label}: {spent / CLK_TCK:.2f} s CPU in {span:.2f} s"
            + (f" ({spent / (span * CLK_TCK) * 100:.1f} % of one core)" if span > 0 else "")
            + f", finished children {children_spent / CLK_TCK:.2f} s"
        )
    print(f"app {exit_note}")
    if app_stderr.strip():
        lines = app_stderr.strip().splitlines()
        print(f"app stderr ({len(lines)} lines), last 5: " + " | ".join(lines[-5:]))
    return 0 if rss_ok and cpu_ok else 1


if __name__ == "__main__":
    sys.exit(main())
