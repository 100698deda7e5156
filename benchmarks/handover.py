"""Single-instance hand-over: how fast a second ``cramp-coach --emergency`` brings up Cramp now.

Each round:

1. starts a primary ``cramp-coach --data-dir DIR`` (offscreen, its own fresh temporary
   data folder, ``CRAMP_COACH_TRACE_PAINT=1``, stdout piped) and waits for its
   ``painted home <t>`` line, then lets it settle (``--settle``, default 1 s) so the app is
   idle on Home, as it would be when someone wakes up with a cramp;
2. takes ``t0 = time.monotonic()`` and launches ``cramp-coach --emergency`` with the same
   data folder; that second process must hand over through the local socket and exit 0;
3. waits for the primary's ``painted cramp-now <t>`` line.

**Hand-over time = t - t0** (``time.monotonic`` is CLOCK_MONOTONIC, shared by every
process on Linux): from launching the second process to the primary having painted
Cramp now. Target: median **< 150 ms**. Also printed, to show which side dominates: how
long the second process lived (spawn to exit; it exits as soon as the primary answered
"ok"), how long after that exit the primary painted Cramp now, and, for reference, the
lifetimes of ``python -c pass`` and ``cramp-coach --version`` (the client's own start-up
without any socket work) on this machine.

Bytecode is cached (``PYTHONPYCACHEPREFIX`` in the scratch folder, ``PYTHONDONTWRITEBYTECODE``
removed; the warm-up round fills it), as an installed app has it.

The primary is restarted for every round (SIGTERM, then SIGKILL after 3 s): there is no
clean way to send it back to Home from outside, and a restart makes every round alike.
``XDG_RUNTIME_DIR`` points at a private scratch folder, so the sockets never leak into
``/tmp``.

Run from the repository root (about 30 s with the defaults)::

    .venv/bin/python benchmarks/handover.py [--runs 9] [--warmups 1] [--settle 1.0] [--breakdown]

``--breakdown`` runs the primary inside a small wrapper (``runpy``) that times, on the
primary's clock, its synchronous hand-over steps (``on_instance_message``, ``theme.apply``,
``CrampScreen.open``, ``MainWindow.show_screen``/``bring_to_front``) and prints their
medians after the table, to show where the primary's share goes.

The exit status is 1 when the target is missed or a round fails. Standard library only.
"""

from __future__ import annotations

import argparse
import os
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

TARGET_MS = 150.0
PAINTED = re.compile(r"^painted (\S*) (\d+(?:\.\d+)?)$")
TIMING = re.compile(r"^timing (\S+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$")

# --breakdown: the primary runs inside this wrapper, which times (on the primary's own
# clock) the synchronous steps of the hand-over in the running app and prints
# "timing <step> <start> <end>" lines next to the app's "painted" lines.
BREAKDOWN_PROBE = r"""
import functools, runpy, sys, time
from cramp_coach import app
from cramp_coach.ui import main_window, theme
from cramp_coach.ui.screens import cramp_screen

def timed(owner, attribute, step):
    original = getattr(owner, attribute)
    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        start = time.monotonic()
        try:
            return original(*args, **kwargs)
        finally:
            print(f"timing {step} {start:.6f} {time.monotonic():.6f}", flush=True)
    setattr(owner, attribute, wrapper)

timed(app.CrampCoachApp, "on_instance_message", "on_instance_message")
timed(theme, "apply", "theme.apply")
timed(cramp_screen.CrampScreen, "open", "CrampScreen.open")
timed(main_window.MainWindow, "show_screen", "MainWindow.show_screen")
timed(main_window.MainWindow, "bring_to_front", "MainWindow.bring_to_front")
sys.argv = ["cramp-coach", *sys.argv[1:]]
runpy.run_module("cramp_coach", run_name="__main__", alter_sys=True)
"""


class Primary:
    """The already-running app; a reader thread turns its stdout into (screen, t) lines."""

    def __init__(self, argv: list[str], env: dict[str, str], stderr_path: Path) -> None:
        self._stderr = stderr_path.open("w")
        self.proc = subprocess.Popen(
            argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=self._stderr, text=True
        )
        self.stderr_path = stderr_path
        self.lines: queue.Queue[tuple[str, float] | None] = queue.Queue()
        self.timings: list[tuple[str, float, float]] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            match = PAINTED.match(line.strip())
            if match:
                self.lines.put((match.group(1), float(match.group(2))))
            timing = TIMING.match(line.strip())
            if timing:
                self.timings.append((timing.group(1), float(timing.group(2)), float(timing.group(3))))
        self.lines.put(None)  # end of output: the process exited

    def wait_painted(self, screen: str, timeout: float) -> float:
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise RuntimeError(f"no 'painted {screen}' line within {timeout:.0f} s; {self.tail()}")
            try:
                item = self.lines.get(timeout=remaining)
            except queue.Empty:
                continue
            if item is None:
                raise RuntimeError(f"the primary exited ({self.proc.wait()}) before painting {screen}; {self.tail()}")
            if item[0] == screen:
                return item[1]

    def tail(self) -> str:
        self._stderr.flush()
        return "primary stderr: " + self.stderr_path.read_text(errors="replace")[-2000:]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=3)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._stderr.close()


def app_command() -> list[str]:
    """The installed ``cramp-coach`` script next to this Python, else ``python -m cramp_coach``."""
    script = Path(sys.executable).with_name("cramp-coach")
    return [str(script)] if script.exists() else [sys.executable, "-m", "cramp_coach"]


def one_round(
    app: list[str], env: dict[str, str], scratch: Path, index: int, settle: float, breakdown: bool = False
) -> tuple[float, float, float, dict[str, float]]:
    """Return (hand-over, second process lifetime, second's exit -> primary painted) in seconds,
    and with ``breakdown`` the primary's step timings (ms, from t0)."""
    data_dir = scratch / f"data-{index:02d}"
    data_dir.mkdir()
    primary_argv = [sys.executable, "-c", BREAKDOWN_PROBE] if breakdown else app
    primary = Primary([*primary_argv, "--data-dir", str(data_dir)], env, scratch / f"primary-{index:02d}.err")
    try:
        primary.wait_painted("home", timeout=30)
        time.sleep(settle)
        if primary.proc.poll() is not None:
            raise RuntimeError(f"the primary exited ({primary.proc.returncode}) while idle; {primary.tail()}")
        t0 = time.monotonic()
        second = subprocess.Popen(
            [*app, "--data-dir", str(data_dir), "--emergency"],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            out, err = second.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            second.kill()
            out, err = second.communicate()
            raise RuntimeError(f"the second process did not exit within 10 s (no hand-over?)\n{err[-2000:]}") from None
        lifetime = time.monotonic() - t0
        if second.returncode != 0:
            raise RuntimeError(f"the second process exited {second.returncode}\n{out[-1000:]}{err[-2000:]}")
        painted = primary.wait_painted("cramp-now", timeout=10)
        steps: dict[str, float] = {}
        if breakdown:
            time.sleep(0.2)  # let the reader thread collect the timing lines
            for step, start, end in primary.timings:
                if start >= t0:
                    steps.setdefault(f"{step} starts", (start - t0) * 1000)
                    steps[f"{step} took"] = steps.get(f"{step} took", 0.0) + (end - start) * 1000
            steps["painted cramp-now"] = (painted - t0) * 1000
        return painted - t0, lifetime, painted - (t0 + lifetime), steps
    finally:
        primary.stop()


def median_lifetime(argv: list[str], env: dict[str, str], runs: int = 7) -> float:
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)  # warm-up
    times = []
    for _ in range(runs):
        start = time.monotonic()
        subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.monotonic() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9, help="measured rounds (default 9)")
    parser.add_argument("--warmups", type=int, default=1, help="unmeasured rounds first (default 1)")
    parser.add_argument("--settle", type=float, default=1.0, help="seconds idle on Home before the launch")
    parser.add_argument(
        "--breakdown",
        action="store_true",
        help="run the primary in a wrapper that times its hand-over steps (slightly slower)",
    )
    args = parser.parse_args()
    app = app_command()
    scratch = Path(tempfile.mkdtemp(prefix="cramp-handover-"))
    runtime = scratch / "runtime"
    runtime.mkdir(mode=0o700)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CRAMP_COACH_TRACE_PAINT="1", XDG_RUNTIME_DIR=str(runtime))
    env.pop("CRAMP_COACH_QUIT_AFTER_PAINT", None)
    env.pop("CRAMP_COACH_DATA_DIR", None)
    # Cached bytecode, as an installed app has (see startup.py), kept in the scratch folder.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    handovers: list[float] = []
    lifetimes: list[float] = []
    reactions: list[float] = []
    breakdowns: list[dict[str, float]] = []
    try:
        print(
            f"app command: {' '.join(app)}; {args.warmups} warm-up + {args.runs} measured rounds, "
            f"settle {args.settle:.1f} s on Home before each launch;"
            f" load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)"
        )
        for index in range(args.warmups + args.runs):
            handover, lifetime, reaction, steps = one_round(app, env, scratch, index, args.settle, args.breakdown)
            warmup = index < args.warmups
            tag = "warm-up" if warmup else f"run {index - args.warmups + 1:2d}"
            print(
                f"  {tag}: hand-over {handover * 1000:6.1f} ms, second process lived {lifetime * 1000:6.1f} ms,"
                f" then the primary painted Cramp now {reaction * 1000:6.1f} ms later",
                flush=True,
            )
            if not warmup:
                handovers.append(handover)
                lifetimes.append(lifetime)
                reactions.append(reaction)
                breakdowns.append(steps)
        python_pass = median_lifetime([sys.executable, "-c", "pass"], env)
        version = median_lifetime([*app, "--version"], env)
    except RuntimeError as error:
        print(f"FAILED: {error}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    median = statistics.median(handovers) * 1000
    passed = median < TARGET_MS
    print(f"\nhand-over (launch -> primary painted cramp-now), {len(handovers)} runs:")
    print(
        f"  median {median:.1f} ms, min {min(handovers) * 1000:.1f} ms, max {max(handovers) * 1000:.1f} ms"
        f"  -> target < {TARGET_MS:.0f} ms: {'PASS' if passed else f'MISS (by {median - TARGET_MS:.1f} ms)'}"
    )
    print("second process lifetime (spawn -> exit 0):")
    print(
        f"  median {statistics.median(lifetimes) * 1000:.1f} ms, min {min(lifetimes) * 1000:.1f} ms,"
        f" max {max(lifetimes) * 1000:.1f} ms"
    )
    print("primary's reaction (second process exited -> primary painted cramp-now):")
    print(
        f"  median {statistics.median(reactions) * 1000:.1f} ms, min {min(reactions) * 1000:.1f} ms,"
        f" max {max(reactions) * 1000:.1f} ms"
    )
    print(
        f"for reference, process lifetimes: python -c pass {python_pass * 1000:.1f} ms,"
        f" {' '.join(app)} --version {version * 1000:.1f} ms (medians of 7)"
    )
    if args.breakdown:
        print("\nprimary's steps (ms after t0, medians; 'took' = synchronous time in the step):")
        medians = {
            key: statistics.median([steps[key] for steps in breakdowns if key in steps]) for key in breakdowns[0]
        }
        order = sorted(medians, key=lambda key: (medians[key.replace(" took", " starts")], key.endswith("took")))
        for key in order:
            print(f"  {key:<36} {medians[key]:7.1f}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
