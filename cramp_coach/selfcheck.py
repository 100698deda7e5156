"""``cramp-coach check``: does everything the night needs work on this computer?

The parts that need no Qt live here: the data folder, the diary, the speech engine, and
what the session offers (a display, a sound server). Sound output, the window system and
the tray are asked of Qt in :mod:`cramp_coach.ui.selfcheck`, which also plays the test
chime and speaks the test line. Every finding says in plain words what works, or what
is wrong and what to install or do about it. Every probe takes its outside world as
arguments, so tests can fake each missing part.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import subprocess

from cramp_coach.paths import DataPaths

#: What the voice test says (the Settings button and ``cramp-coach check``).
TEST_LINE = "This is Cramp Coach. If you can hear this, sound and voice are working."
#: The cue played as the sound test: the soft two-note chime that starts every phase.
TEST_CHIME = "phase"

SPEECH_ENGINE = "espeak-ng"


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing checked.

    Attributes:
        topic: what was checked, e.g. "Sound", "Voice", "Display".
        ok: True when it works.
        says: one plain sentence: what works, or what is wrong.
        fix: what to install or do (empty when ``ok``).
    """

    topic: str
    ok: bool
    says: str
    fix: str = ""


def install_hint(package: str, platform: str = sys.platform) -> str:
    """How to install a Debian/Ubuntu package, or a word for other systems."""
    if platform.startswith("linux"):
        return f"install the package {package} (on Debian or Ubuntu: sudo apt install {package})"
    return f"install {package}"


# -- data ----------------------------------------------------------------------------------


def check_data_folder(root: Path) -> Finding:
    """Can the diary, settings and routines be written in ``root``?"""
    import tempfile  # here: the Settings screen imports this module for summary()

    topic = "Data folder"
    try:
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=root, prefix=".check-", suffix=".tmp"):
            pass
    except OSError as error:
        reason = error.strerror or str(error)
        return Finding(
            topic,
            False,
            f"{root} cannot be written ({reason}), so nothing you do can be saved.",
            "check that the folder (or the disk) is yours and not full, or start the app with --data-dir "
            "pointing at a folder you can write",
        )
    return Finding(topic, True, f"{root} can be written.")


def check_diary(path: Path) -> Finding:
    """Is the diary readable and sound? Opened read-only: the check never changes it."""
    topic = "Diary"
    if not path.exists():
        return Finding(topic, True, "No diary yet: it starts the first time you record a routine or a cramp.")
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=2.0)
        try:
            verdict = [row[0] for row in connection.execute("PRAGMA quick_check")]
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            entries = sum(
                connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("routine_sessions", "cramp_episodes")
                if table in tables and verdict == ["ok"]
            )
        finally:
            connection.close()
    except sqlite3.Error as error:
        return Finding(
            topic,
            False,
            f"The diary {path} cannot be read ({error}).",
            "close any other copy of the app and try again; if it stays, run cramp-coach diary repair",
        )
    if verdict != ["ok"]:
        return Finding(
            topic,
            False,
            f"The diary {path} is damaged ({verdict[0]}).",
            "run cramp-coach diary repair (or Repair the diary on the Diary screen), or restore a backup",
        )
    noun = "entry" if entries == 1 else "entries"
    return Finding(topic, True, f"The diary is healthy ({entries} {noun}).")


# -- speech --------------------------------------------------------------------------------

Runner = Callable[..., "subprocess.CompletedProcess[Any]"]


def check_speech_engine(
    workdir: Path,
    *,
    executable: str = SPEECH_ENGINE,
    which: Callable[[str], str | None] = shutil.which,
    run: Runner | None = None,
    platform: str = sys.platform,
) -> tuple[Finding, Path | None]:
    """Render the test line with espeak-ng into ``workdir``.

    Returns:
        The finding, and the rendered WAV (None when it could not be made). espeak-ng exits
        0 even when it could not write, so only a real RIFF/WAVE file counts.
    """
    topic = "Voice"
    program = which(executable)
    if program is None:
        if platform in ("darwin", "win32"):
            return Finding(topic, True, f"{executable} is not installed; the system's own voice speaks instead."), None
        return (
            Finding(
                topic,
                False,
                f"The speech engine {executable} is not installed, so the steps are not read aloud.",
                install_hint(executable, platform),
            ),
            None,
        )
    import subprocess

    target = workdir / "check-voice.wav"
    run = run or subprocess.run
    try:
        run([program, "-w", str(target), "--", TEST_LINE], capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError) as error:
        return (
            Finding(
                topic,
                False,
                f"The speech engine {executable} did not work ({error}).",
                f"reinstall {executable}",
            ),
            None,
        )
    if not is_wav(target):
        return (
            Finding(
                topic,
                False,
                f"The speech engine {executable} ran but made no sound file.",
                f"reinstall {executable} and its voice data",
            ),
            None,
        )
    return Finding(topic, True, f"{executable} can read the steps aloud."), target


def is_wav(path: Path) -> bool:
    """True when ``path`` starts like a RIFF/WAVE file with at least a header's worth of data."""
    try:
        with path.open("rb") as file:
            header = file.read(44)
    except OSError:
        return False
    return len(header) == 44 and header[:4] == b"RIFF" and header[8:12] == b"WAVE"


# -- the session ---------------------------------------------------------------------------


def sound_server(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> str | None:
    """The sound server whose socket this session can see (Linux), e.g. "PipeWire".

    Other systems always have their own sound service, so the answer is "the system's".
    Returns None on Linux when neither PulseAudio nor PipeWire is listening.
    """
    if not platform.startswith("linux"):
        return "the system's"
    runtime = environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid() if hasattr(os, 'getuid') else 0}"
    pulse = environ.get("PULSE_SERVER", "")
    if pulse:
        return "PulseAudio"
    if Path(runtime, "pipewire-0").exists():
        return "PipeWire"
    if Path(runtime, "pulse", "native").exists():
        return "PulseAudio"
    return None


def display_session(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> str | None:
    """The desktop session the app can open a window on (Linux: Wayland or X11), or None."""
    if not platform.startswith("linux"):
        return "the desktop"
    if environ.get("WAYLAND_DISPLAY"):
        return "Wayland"
    if environ.get("DISPLAY"):
        return "X11"
    return None


def qt_platform_choice(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> str | None:
    """The QT_QPA_PLATFORM to try for the check, ending with a screenless fallback.

    Without a display Qt aborts the whole process; with a fallback list it opens the first
    platform that works, and the check can then say which one that was. None: leave Qt's
    own choice (another system, or the user chose a platform).
    """
    if environ.get("QT_QPA_PLATFORM") or not platform.startswith("linux"):
        return None
    if environ.get("WAYLAND_DISPLAY"):
        return "wayland;xcb;offscreen"
    return "xcb;offscreen"


# -- the report ----------------------------------------------------------------------------


def report(findings: Iterable[Finding]) -> str:
    """The findings as plain text, one block per topic, problems with what to do."""
    lines = []
    for finding in findings:
        mark = "OK " if finding.ok else "NO "
        lines.append(f"{mark} {finding.topic}: {finding.says}")
        if finding.fix:
            lines.append(f"    What to do: {finding.fix}.")
    return "\n".join(lines)


def summary(findings: Sequence[Finding]) -> str:
    """One closing sentence."""
    problems = [finding.topic.lower() for finding in findings if not finding.ok]
    if not problems:
        return "Everything the app needs works on this computer."
    listed = problems[0] if len(problems) == 1 else ", ".join(problems[:-1]) + " and " + problems[-1]
    return f"Needs attention: {listed}."


def exit_status(findings: Sequence[Finding]) -> int:
    """0 when everything works, 1 otherwise."""
    return 0 if all(finding.ok for finding in findings) else 1


def run(data: DataPaths) -> int:
    """``cramp-coach check``: with Qt when it loads (sound, display, tray, and the test
    chime and line), otherwise the checks that need no Qt plus why Qt did not load."""
    try:
        from cramp_coach.ui.selfcheck import run_check
    except ImportError as error:
        import tempfile

        with tempfile.TemporaryDirectory(prefix="cramp-coach-check-") as workdir:
            voice, _wav = check_speech_engine(Path(workdir))
        findings = [
            Finding(
                "Display",
                False,
                f"The app's window toolkit (Qt) could not be loaded: {error}.",
                "reinstall Cramp Coach; from a source checkout, install it again with pip",
            ),
            voice,
            check_data_folder(data.root),
            check_diary(data.diary),
        ]
        print(report(findings))
        print(summary(findings))
        return exit_status(findings)
    return run_check(data)
