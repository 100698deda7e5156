"""The parts of the self-check that need Qt: sound output, the window system, the tray,
plus the test itself (a chime, then a spoken line), for ``cramp-coach check`` and the
"Test sound and voice" button in Settings (:mod:`cramp_coach.ui.sound_check_panel`).

:class:`SelfCheck` never blocks: it plays and speaks through the app's own audio route
(:class:`~cramp_coach.ui.audio.cues.WavOutput`, :class:`~cramp_coach.ui.audio.speech.Speaker`),
waits for the line in the event loop, and emits ``finished`` with the findings. Whether a
sound was *heard* no program can know; the findings say what was played and, when nothing
could be, why and what to install.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSystemTrayIcon

from cramp_coach import paths, selfcheck
from cramp_coach.selfcheck import Finding
from cramp_coach.ui import qt_messages
from cramp_coach.ui.audio.cues import NO_DEVICE, NO_MULTIMEDIA, WavOutput
from cramp_coach.ui.audio.speech import Speaker

log = logging.getLogger(__name__)

SCREENLESS = ("offscreen", "minimal")
CHIME_CHANNEL = "check:chime"


def display_finding(platform_name: str, session: str | None) -> Finding:
    """Can the app show a window here? ``platform_name`` is the Qt platform that loaded."""
    topic = "Display"
    if platform_name not in SCREENLESS:
        where = {"xcb": "X11", "wayland": "Wayland"}.get(platform_name, platform_name)
        return Finding(topic, True, f"The app's window can be shown ({where}).")
    if session is None:
        return Finding(
            topic,
            False,
            "No desktop was found here (this looks like a remote or text-only session), so no window can be shown.",
            "run the app from your desktop's menu or a terminal inside the desktop",
        )
    return Finding(
        topic,
        False,
        f"A desktop ({session}) is running, but the app could not open a window on it.",
        "install the window-system libraries Qt needs (on Debian or Ubuntu: sudo apt install libxcb-cursor0 "
        "libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libegl1), or reinstall the cramp-coach package",
    )


def sound_finding(problem: str | None, server: str | None, platform: str = sys.platform) -> Finding:
    """Can chimes be played? ``problem`` is :meth:`WavOutput.problem`, ``server`` what
    :func:`selfcheck.sound_server` found."""
    topic = "Sound"
    if problem is None:
        return Finding(topic, True, "A test chime was played. If you heard nothing, check the volume and mute.")
    if problem == NO_MULTIMEDIA:
        if platform.startswith("linux"):
            fix = (
                f"{selfcheck.install_hint('libpulse0', platform)}; or, with Python, "
                "pip install 'cramp-coach[playsound]' to play sound through another program"
            )
        else:
            fix = "reinstall Cramp Coach"
        return Finding(topic, False, "Sound support could not be loaded, so chimes cannot be played.", fix)
    if problem == NO_DEVICE and server is None:
        return Finding(
            topic,
            False,
            "No sound server is running (PulseAudio or PipeWire), so chimes and the voice cannot be heard.",
            "log in to a desktop session, which starts one; or install and start pipewire-pulse or pulseaudio",
        )
    if problem == NO_DEVICE:
        return Finding(
            topic,
            False,
            f"{server} is running but offers no speaker or headphones.",
            "connect speakers or headphones and check in the desktop's sound settings that one is selected",
        )
    return Finding(topic, False, f"The test chime could not be played: {problem}.", "reinstall Cramp Coach")


def tray_finding(available: bool, platform_name: str) -> Finding:
    """Can the bedtime reminder sit in the notification area?"""
    topic = "Reminders"
    if available:
        return Finding(topic, True, "The notification area is there, so the bedtime reminder can pop up.")
    if platform_name in SCREENLESS:
        return Finding(topic, False, "Without a desktop there is no notification area for the bedtime reminder.")
    return Finding(
        topic,
        False,
        "This desktop shows no notification area (system tray), so the bedtime reminder cannot pop up.",
        "on GNOME, add the AppIndicator extension (sudo apt install gnome-shell-extension-appindicator), "
        "then log out and in",
    )


def voice_finding(spoken: bool, problem: str, *, sound_ok: bool, engine: str = selfcheck.SPEECH_ENGINE) -> Finding:
    """Could the test line be spoken? ``problem`` is the Speaker's ``unavailable`` text."""
    topic = "Voice"
    if spoken and sound_ok:
        return Finding(topic, True, "A test line was spoken. If you heard nothing, check the volume and mute.")
    if spoken:
        return Finding(topic, True, f"{engine} can read the steps aloud (nothing can be heard until sound works).")
    if "not found" in problem:
        return Finding(
            topic,
            False,
            f"The speech engine {engine} is not installed, so the steps are not read aloud.",
            selfcheck.install_hint(engine),
        )
    if problem:
        return Finding(topic, False, f"The test line could not be spoken: {problem}.", f"reinstall {engine}")
    return Finding(topic, False, f"{engine} did not make the test line in time.", f"reinstall {engine}")


class SelfCheck(QObject):
    """Runs every check once; ``finished(list[Finding])`` when the spoken line is done.

    Args:
        data: the data folder in use.
        sounds_dir: where the cue WAVs are (the chime is ``phase.wav``).
        cache_dir: where the test line is rendered.
        volume: 0..1, the user's volume.
        output: the WAV output (tests pass one with fake devices).
        speaker: makes the Speaker from (cache_dir, output) (tests pass a missing engine).
        tray_available: whether a notification area exists.
        platform_name: the Qt platform that loaded ("xcb", "wayland", "offscreen"…).
        environ: the environment, for the session and sound-server probes.
        timeout_ms: how long to wait for the spoken line.
        listen_ms: how long to let the spoken line play before ``finished``.
    """

    finished = Signal(list)

    def __init__(
        self,
        data: paths.DataPaths,
        parent: QObject | None = None,
        *,
        sounds_dir: Path | None = None,
        cache_dir: Path | None = None,
        volume: float = 0.8,
        output: WavOutput | None = None,
        speaker: Callable[[Path, WavOutput], Speaker] | None = None,
        tray_available: Callable[[], bool] = QSystemTrayIcon.isSystemTrayAvailable,
        platform_name: str | None = None,
        environ: Mapping[str, str] = os.environ,
        timeout_ms: int = 4000,
        listen_ms: int = 2500,
    ) -> None:
        super().__init__(parent)
        self._data = data
        self._sounds = sounds_dir or paths.builtin_assets_dir() / "sounds"
        self._output = output if output is not None else WavOutput(self, volume=volume)
        make_speaker = speaker or (lambda folder, out: Speaker(folder, self, output=out, volume=volume))
        self._speaker = make_speaker(cache_dir or data.root / "cache" / "speech", self._output)
        self._tray_available = tray_available
        self._platform_name = platform_name or QGuiApplication.platformName()
        self._environ = environ
        self._listen_ms = listen_ms
        self._findings: list[Finding] = []
        self._spoken = False
        self._speech_problem = ""
        self._done = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self._finish)
        self._speaker.spoken.connect(self._on_spoken)
        self._speaker.unavailable.connect(self._on_speech_unavailable)
        self.results: list[Finding] = []

    def start(self) -> None:
        """Check, play the chime, ask for the line; ``finished`` follows (at most ``timeout_ms`` later)."""
        self._findings = [
            display_finding(self._platform_name, selfcheck.display_session(self._environ)),
            self._sound(),
            selfcheck.check_data_folder(self._data.root),
            selfcheck.check_diary(self._data.diary),
            tray_finding(self._tray_available(), self._platform_name),
        ]
        self._timer.start()
        self._speaker.say(selfcheck.TEST_LINE)  # spoken/unavailable follow, now or after the render

    def _sound(self) -> Finding:
        self._output.load(CHIME_CHANNEL, self._sounds / f"{selfcheck.TEST_CHIME}.wav")
        problem = self._output.play(CHIME_CHANNEL)
        if problem is None and self._output.external is not None:
            return Finding(
                "Sound",
                True,
                f"A test chime was played through another program ({self._output.external.backend}), because "
                "Qt's own sound could not load; the volume slider has no effect that way.",
            )
        return sound_finding(problem, selfcheck.sound_server(self._environ))

    def _on_spoken(self, _text: str) -> None:
        self._spoken = True
        if self._findings[1].ok:
            self._timer.start(self._listen_ms)  # leave the line time to be heard before a CLI exits
        else:
            QTimer.singleShot(0, self._finish)  # nothing to hear

    def _on_speech_unavailable(self, problem: str) -> None:
        self._speech_problem = problem
        if not self._spoken:
            QTimer.singleShot(0, self._finish)

    def _finish(self) -> None:
        if self._done:
            return
        self._done = True
        self._timer.stop()
        sound_ok = self._findings[1].ok
        voice = voice_finding(self._spoken, self._speech_problem, sound_ok=sound_ok)
        self.results = [*self._findings[:2], voice, *self._findings[2:]]
        self.finished.emit(self.results)


def run_check(data: paths.DataPaths) -> int:
    """``cramp-coach check``: print the findings, exit 0 when everything works."""
    from PySide6.QtWidgets import QApplication

    choice = selfcheck.qt_platform_choice()
    if choice is not None:
        os.environ["QT_QPA_PLATFORM"] = choice  # a screenless fallback instead of an abort
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false;qt.qpa.*=false")
    app = QApplication.instance() or QApplication(["cramp-coach"])
    qt_messages.install()  # the report says it in plain words; Qt's own line would follow it
    check = SelfCheck(data)
    check.finished.connect(lambda _findings: app.quit())
    QTimer.singleShot(0, check.start)
    app.exec()
    print(selfcheck.report(check.results))
    print(selfcheck.summary(check.results))
    return selfcheck.exit_status(check.results)
