"""Crash trials: kill the app and the command line (SIGKILL) at random moments while they write.

Four scenarios, taken in turn until ``--trials`` kills have been made (default 1,000):

``cramp``    the app (offscreen) logging cramps through Cramp now, as a person would:
             open (the episode is written at once), choose the calf, it eased, the log's
             answers saved, and again. The app's process prints a line after each write
             returns ("started ID", "logged ID PAIN"), so every printed line is a commit.
``routine``  the app playing the bedtime routine (``--start bedtime --time-scale 200``),
             recording the session after every phase; a separate read-only connection
             polls the diary, and what it saw is committed. The kill comes at a random
             moment after the session has appeared (not during start-up).
``import``   ``cramp-coach import`` of a 300-row CSV (fresh uids each time); it must add
             all of the file or none of it.
``save``     the routine library saving a routine over and over (``RoutineLibrary.save``,
             what the editor's Save does), each version numbered in its title.

Each scenario keeps one data folder for all its trials, so a kill can also damage what
earlier trials left. After every kill the script checks:

* **committed rows lost**: every row a process reported (or was seen) committed, in
  this trial or any earlier one, is still there with what was committed;
* **corrupt files**: ``PRAGMA integrity_check`` of the diary is ``ok`` (and the diary
  opens through :func:`cramp_coach.storage.database.open_database`);
* **partial routine files**: the routine file (and its ``.bak``) is byte for byte one of
  the versions the saver wrote, and it validates.
* **temporary files**: a kill mid-save can leave the save's temporary files behind
  (``.crash-trial.yaml.*.cramp-coach.tmp``); they are counted ("temp files left"), must
  never be listed by the routine library ("listed"), and must all be gone once they are
  a minute old and the library opens ("after open": the test ages them rather than wait).
* **partial imports**: an import killed half-way left all of its rows or none.

All of these but "temp files left" must be 0. Run from the repository root::

    .venv/bin/python benchmarks/crash_trials.py              # 1,000 kills (~20 min on 2 cores)
    .venv/bin/python benchmarks/crash_trials.py --trials 40  # a quick look

Exit status 1 if anything was lost, damaged or half-written.
"""

from __future__ import annotations

import argparse
import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ROUTINE_ID = "crash-trial"
IMPORT_ROWS = 300


# --- the workers (run in child processes) -----------------------------------------------------


def work_cramp(data: Path) -> None:
    """The real app, offscreen, logging cramps through Cramp now's controller; prints after each commit."""
    from PySide6.QtWidgets import QApplication

    from cramp_coach import cli
    from cramp_coach.app import CrampCoachApp
    from cramp_coach.domain.cramp_log import LogAnswers
    from cramp_coach.domain.diary import Leg
    from cramp_coach.domain.protocol import CrampLocation

    qt_app = QApplication(sys.argv[:1])
    app = CrampCoachApp(qt_app, cli.build_parser().parse_args(["--data-dir", str(data)]))
    app.start()
    app.complete()
    screen = app.cramp_screen
    assert screen is not None
    assert app.diary is not None
    controller = screen.controller
    print("ready", flush=True)
    for number in range(1_000_000):
        app.show_cramp_now()  # records the episode before anything is chosen
        episode = app.diary.episodes(limit=1)[0]
        print(f"started {episode.id}", flush=True)
        controller.choose_location(CrampLocation.CALF)
        controller.eased()
        duration = controller.finish_steps()
        pain = number % 11
        answers = LogAnswers(Leg.LEFT, CrampLocation.CALF, pain, f"trial {number}", duration)
        saved = controller.save_log(answers)
        if saved:
            print(f"logged {episode.id} {pain}", flush=True)
        screen.closed.emit()
        qt_app.processEvents()


def routine_version(template: str, number: int) -> str:
    """Version ``number`` of the routine the saver writes: the bedtime routine under a numbered title."""
    return template.replace("title: Bedtime stretch", f"title: Crash trial version {number:06d}", 1)


def work_save(data: Path, start: int) -> None:
    """The routine library saving version after version; prints after each save returns."""
    from cramp_coach.storage.routine_library import RoutineLibrary

    template = (REPO / "routines" / "bedtime.yaml").read_text(encoding="utf-8")
    library = RoutineLibrary(data / "routines")
    print("ready", flush=True)
    for number in range(start, start + 1_000_000):
        print(f"saving {number}", flush=True)
        library.save(ROUTINE_ID, routine_version(template, number))
        print(f"saved {number}", flush=True)


# --- the parent ---------------------------------------------------------------------------------


@dataclass
class Tally:
    trials: int = 0
    killed_while_running: int = 0
    commits_checked: int = 0  # distinct commits known (and re-checked after every later kill)
    rows_lost: int = 0
    corrupt: int = 0
    partial_files: int = 0
    partial_imports: int = 0
    temp_files_left: int = 0  # left by the kills (expected now and then)
    temp_files_listed: int = 0  # shown by the routine library as if they were routines (must be 0)
    temp_files_after_open: int = 0  # still there after aging them a minute and opening the library (must be 0)
    worker_failures: int = 0  # a looping worker that died before its kill: the trial tested nothing
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


def environment(data: Path, runtime: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        CRAMP_COACH_DATA_DIR=str(data),
        QT_QPA_PLATFORM="offscreen",
        QT_LOGGING_RULES="qt.*=false",
        XDG_RUNTIME_DIR=str(runtime),  # the single-instance socket stays in our scratch folder
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")])),
    )
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return env


class Child:
    """A child process whose stdout lines arrive in a queue (so the parent can wait for "ready")."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.stderr_tail = ""
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def wait_for(self, word: str, timeout: float = 60.0) -> list[str]:
        seen: list[str] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            if line is None:
                break
            seen.append(line)
            if line == word:
                return seen
        stderr = self.process.stderr.read() if self.process.stderr and self.process.poll() is not None else ""
        raise RuntimeError(f"the child never said {word!r}: {seen[-5:]} {stderr[-2000:]}")

    def kill(self) -> tuple[bool, list[str]]:
        """SIGKILL it; return (it was still running, every line it printed)."""
        running = self.process.poll() is None
        if running:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        self._reader.join()
        if self.process.stderr is not None:
            self.stderr_tail = self.process.stderr.read()[-600:]
            self.process.stderr.close()
        lines: list[str] = []
        while True:
            line = self.lines.get()
            if line is None:
                break
            lines.append(line)
        return running, lines


def integrity(diary: Path) -> str:
    from cramp_coach.storage.database import StorageError, open_database

    with closing(sqlite3.connect(diary)) as connection:  # recovers a WAL left by the kill, like the app
        result = str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    if result != "ok":
        return result
    try:
        open_database(diary).close()
    except StorageError as error:
        return str(error)
    return "ok"


class CrampScenario:
    name = "cramp"

    def __init__(self, root: Path, rng: random.Random) -> None:
        self.data = root / self.name
        self.env = environment(self.data, root / "runtime")
        self.rng = rng
        self.started: set[int] = set()
        self.logged: dict[int, int] = {}

    def trial(self, tally: Tally) -> None:
        child = Child([sys.executable, __file__, "--worker", "cramp", str(self.data)], self.env)
        child.wait_for("ready")
        time.sleep(self.rng.uniform(0.0, 1.0))
        running, lines = child.kill()
        tally.killed_while_running += running
        if not running:
            tally.worker_failures += 1
            tally.problems.append(f"cramp: the app's worker died before the kill: {child.stderr_tail}")
        for line in lines:
            word, *rest = line.split()
            if word == "started":
                self.started.add(int(rest[0]))
            elif word == "logged":
                self.logged[int(rest[0])] = int(rest[1])
        diary = self.data / "diary.sqlite3"
        state = integrity(diary)
        if state != "ok":
            tally.corrupt += 1
            tally.problems.append(f"cramp: {state}")
            return
        with closing(sqlite3.connect(diary)) as connection:
            rows = {
                int(i): (logged, pain)
                for i, logged, pain in connection.execute("SELECT id, logged, pain FROM cramp_episodes")
            }
        lost = [i for i in self.started if i not in rows]
        lost += [i for i, pain in self.logged.items() if i in rows and rows[i] != (1, pain)]
        tally.commits_checked = len(self.started) + len(self.logged)
        tally.rows_lost += len(lost)
        if lost:
            tally.problems.append(f"cramp: episodes lost or changed: {lost[:10]}")


class RoutineScenario:
    name = "routine"

    def __init__(self, root: Path, rng: random.Random) -> None:
        self.data = root / self.name
        self.env = environment(self.data, root / "runtime")
        self.rng = rng
        self.progress: dict[int, int] = {}  # session id -> phases_done seen committed

    def _poll(self, diary: Path) -> None:
        if not diary.exists():
            return
        try:
            with closing(sqlite3.connect(f"{diary.as_uri()}?mode=ro", uri=True, timeout=0.05)) as connection:
                for session_id, done in connection.execute("SELECT id, phases_done FROM routine_sessions"):
                    self.progress[int(session_id)] = max(self.progress.get(int(session_id), 0), int(done))
        except sqlite3.Error:
            pass  # not created yet, or busy for a moment: what was seen before still counts

    def trial(self, tally: Tally) -> None:
        diary = self.data / "diary.sqlite3"
        command = [
            sys.executable, "-m", "cramp_coach", "--data-dir", str(self.data),
            "--start", "bedtime", "--time-scale", "200", "--quit-when-done",
        ]  # fmt: skip
        known = set(self.progress)
        child = Child(command, self.env)
        # Kill while the routine is recorded, not while the app starts: wait (polling) until
        # this run's session is in the diary, then a random moment of its ~3 s at 200x.
        started = time.monotonic() + 60.0
        while time.monotonic() < started and child.process.poll() is None:
            self._poll(diary)
            if set(self.progress) - known:
                break
            time.sleep(0.01)
        deadline = time.monotonic() + self.rng.uniform(0.0, 3.5)
        while time.monotonic() < deadline and child.process.poll() is None:
            self._poll(diary)
            time.sleep(0.01)
        self._poll(diary)
        running, _lines = child.kill()
        tally.killed_while_running += running
        if not diary.exists():
            return
        state = integrity(diary)
        if state != "ok":
            tally.corrupt += 1
            tally.problems.append(f"routine: {state}")
            return
        with closing(sqlite3.connect(diary)) as connection:
            rows = {int(i): int(done) for i, done in connection.execute("SELECT id, phases_done FROM routine_sessions")}
        lost = [i for i, done in self.progress.items() if rows.get(i, -1) < done]
        tally.commits_checked = sum(self.progress.values()) + len(self.progress)
        tally.rows_lost += len(lost)
        if lost:
            tally.problems.append(f"routine: sessions lost or behind: {lost[:10]}")


class ImportScenario:
    name = "import"

    def __init__(self, root: Path, rng: random.Random) -> None:
        self.data = root / self.name
        self.env = environment(self.data, root / "runtime")
        self.rng = rng
        self.committed: set[str] = set()
        self.number = 0

    def _write_csv(self) -> tuple[Path, set[str]]:
        from cramp_coach.storage.diary_csv import write_csv
        from cramp_coach.storage.diary_rows import new_uid
        from cramp_coach.storage.diary_sample import sample_entries

        entries = sample_entries(date(2025, 1, 1), 200, seed=self.number)[:IMPORT_ROWS]
        rows = [(new_uid(), entry) for entry in entries]
        path = self.data.parent / f"import-{self.number}.csv"
        with path.open("w", encoding="utf-8", newline="") as stream:
            write_csv(rows, stream)
        return path, {uid for uid, _entry in rows}

    def trial(self, tally: Tally) -> None:
        self.number += 1
        source, uids = self._write_csv()
        child = Child([sys.executable, "-m", "cramp_coach", "import", str(source)], self.env)
        time.sleep(self.rng.uniform(0.05, 0.9))  # start-up, reading and checking, then the transaction
        running, _lines = child.kill()
        tally.killed_while_running += running
        source.unlink()
        diary = self.data / "diary.sqlite3"
        if not diary.exists():
            return
        state = integrity(diary)
        if state != "ok":
            tally.corrupt += 1
            tally.problems.append(f"import: {state}")
            return
        with closing(sqlite3.connect(diary)) as connection:
            present = {
                str(uid)
                for (uid,) in connection.execute(
                    "SELECT uid FROM cramp_episodes UNION ALL SELECT uid FROM routine_sessions"
                )
            }
        mine = len(uids & present)
        if mine not in (0, len(uids)):
            tally.partial_imports += 1
            tally.problems.append(f"import: {mine} of {len(uids)} rows of one file")
        if mine == len(uids):
            self.committed |= uids
        lost = len(self.committed - present)
        tally.commits_checked = len(self.committed)
        tally.rows_lost += lost
        if lost:
            tally.problems.append(f"import: {lost} rows of earlier imports missing")


class SaveScenario:
    name = "save"

    def __init__(self, root: Path, rng: random.Random) -> None:
        self.data = root / self.name
        self.env = environment(self.data, root / "runtime")
        self.rng = rng
        self.next_version = 0
        self.template = (REPO / "routines" / "bedtime.yaml").read_text(encoding="utf-8")

    def trial(self, tally: Tally) -> None:
        start = self.next_version
        child = Child([sys.executable, __file__, "--worker", "save", str(self.data), str(start)], self.env)
        child.wait_for("ready")
        time.sleep(self.rng.uniform(0.0, 0.5))
        running, lines = child.kill()
        tally.killed_while_running += running
        if not running:
            tally.worker_failures += 1
            tally.problems.append(f"save: the saver died before the kill: {child.stderr_tail}")
        saved = [int(line.split()[1]) for line in lines if line.startswith("saved ")]
        attempted = [int(line.split()[1]) for line in lines if line.startswith("saving ")]
        self.next_version = max([start, *attempted]) + 1
        folder = self.data / "routines"
        target = folder / f"{ROUTINE_ID}.yaml"
        if not target.exists():
            if saved:
                tally.rows_lost += 1
                tally.problems.append("save: the routine file is gone after a completed save")
            self._check_temp_files(folder, tally)
            return
        allowed = {routine_version(self.template, number).encode("utf-8") for number in range(0, self.next_version)}
        for path in (target, target.with_name(target.name + ".bak")):
            if path.exists() and path.read_bytes() not in allowed:
                tally.partial_files += 1
                tally.problems.append(f"save: {path.name} is not a complete version")
        if saved:
            current = target.read_bytes()
            versions = {routine_version(self.template, n).encode("utf-8"): n for n in range(0, self.next_version)}
            if versions.get(current, -1) < saved[-1]:
                tally.rows_lost += 1
                tally.problems.append(f"save: version {saved[-1]} was saved but the file is older")
        tally.commits_checked += len(saved)
        self._check_temp_files(folder, tally)

    @staticmethod
    def _check_temp_files(folder: Path, tally: Tally) -> None:
        """Count what the kill left; it is never listed, and opening the library clears it once stale."""
        from cramp_coach.storage.atomic import STALE_AFTER_SECONDS, is_temp_file
        from cramp_coach.storage.library import RoutineLibrary

        def temp_files() -> list[Path]:
            return [path for path in folder.rglob("*") if path.is_file() and path.name.endswith(".tmp")]

        leftovers = temp_files()
        tally.temp_files_left += len(leftovers)
        unrecognised = [path.name for path in leftovers if not is_temp_file(path)]
        if unrecognised:
            tally.problems.append(f"save: temporary files not recognised as ours: {unrecognised[:3]}")
        # Just killed, they are fresh: opening the library now leaves them (another instance
        # could be writing one) but must not list them.
        listed = [entry.path.name for entry in RoutineLibrary(folder).entries() if entry.path.name.endswith(".tmp")]
        tally.temp_files_listed += len(listed)
        if listed:
            tally.problems.append(f"save: the library lists temporary files: {listed[:3]}")
        then = time.time() - STALE_AFTER_SECONDS - 1
        for path in temp_files():
            os.utime(path, (then, then))  # a minute later, without waiting a minute
        RoutineLibrary(folder)
        remaining = temp_files()
        tally.temp_files_after_open += len(remaining)
        if remaining:
            tally.problems.append(f"save: temporary files left after the library opened: {remaining[:3]}")


def run(trials: int, seed: int, names: list[str]) -> dict[str, Tally]:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="crash-trials-") as scratch:
        root = Path(scratch)
        (root / "runtime").mkdir(mode=0o700)
        makers: dict[str, Callable[[Path, random.Random], object]] = {
            "cramp": CrampScenario,
            "routine": RoutineScenario,
            "import": ImportScenario,
            "save": SaveScenario,
        }
        scenarios = [makers[name](root, rng) for name in names]
        tallies = {name: Tally() for name in names}
        for number in range(trials):
            scenario = scenarios[number % len(scenarios)]
            tally = tallies[scenario.name]  # type: ignore[attr-defined]
            began = time.monotonic()
            scenario.trial(tally)  # type: ignore[attr-defined]
            tally.seconds += time.monotonic() - began
            tally.trials += 1
            if (number + 1) % 50 == 0 or number + 1 == trials:
                done = sum(t.trials for t in tallies.values())
                bad = sum(
                    t.rows_lost + t.corrupt + t.partial_files + t.partial_imports + t.temp_files_after_open
                    for t in tallies.values()
                )
                print(f"  {done}/{trials} kills, {bad} problems so far", file=sys.stderr, flush=True)
    return tallies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=1000, help="kills in all (default 1000)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed for the kill times")
    parser.add_argument(
        "--scenarios", default="cramp,routine,import,save", help="comma-separated subset of cramp,routine,import,save"
    )
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        kind, data, *rest = args.worker
        if kind == "cramp":
            work_cramp(Path(data))
        else:
            work_save(Path(data), int(rest[0]))
        return 0
    names = [name.strip() for name in args.scenarios.split(",") if name.strip()]
    print(f"crash trials: {args.trials} SIGKILLs over {', '.join(names)} (seed {args.seed}); "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)  # fmt: skip
    tallies = run(args.trials, args.seed, names)
    header = (
        f"{'scenario':<9} {'kills':>6} {'mid-run':>8} {'commits known':>14} {'rows lost':>10} {'corrupt':>8} "
        f"{'partial files':>14} {'partial imports':>16} {'temp files left':>16} {'listed':>7} {'after open':>11} "
        f"{'s/trial':>8}"
    )
    print(header)
    for name, t in tallies.items():
        per = t.seconds / t.trials if t.trials else 0.0
        print(
            f"{name:<9} {t.trials:>6} {t.killed_while_running:>8} {t.commits_checked:>14} {t.rows_lost:>10} "
            f"{t.corrupt:>8} {t.partial_files:>14} {t.partial_imports:>16} {t.temp_files_left:>16} "
            f"{t.temp_files_listed:>7} {t.temp_files_after_open:>11} {per:>8.2f}"
        )
    problems = [problem for t in tallies.values() for problem in t.problems]
    for problem in problems[:20]:
        print(f"  problem: {problem}")
    failed = any(
        t.rows_lost
        or t.corrupt
        or t.partial_files
        or t.partial_imports
        or t.worker_failures
        or t.temp_files_listed
        or t.temp_files_after_open
        for t in tallies.values()
    )
    print(
        "FAILED: something was lost, damaged, half-written or left behind"
        if failed
        else "all clear: 0 lost, 0 corrupt, 0 partial, 0 temporary files left after the library opened"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
