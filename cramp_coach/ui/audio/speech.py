"""Spoken guidance: each phase's line, said as the phase starts, without blocking the UI.

The route (docs/sound.md): ``espeak-ng`` renders each line to a WAV file
ahead of time, in a :class:`~PySide6.QtCore.QProcess` (asynchronous: the UI thread never
waits for it), into a cache folder keyed by the SHA-1 of the voice, the rate and the text.
Saying a line then only plays a cached file through the same :class:`WavOutput` as the
cues. :meth:`Speaker.prepare` renders a routine's lines at its start, while the get-ready
countdown runs; a line that is not ready yet is rendered at once and spoken when it is,
but only if it is still the latest request and less than ``max_delay`` (1.5 s) late: a
stale instruction is worse than none.

Renders run one at a time (about 20–50 ms each); one that takes longer than 5 s is
killed and its line skipped. A render is written to a temporary name and only renamed
into the cache once it is a valid RIFF/WAVE file, so a killed or failed render never
leaves a broken cache entry (espeak-ng exits 0 even when it could not write the file).

When espeak-ng is missing, a platform's own engine can stand in through QTextToSpeech
(:func:`default_native_engine`: "darwin" on macOS, "winrt" on Windows). It is never
"speechd" by default: that constructor blocks the UI for 1.5–1.9 s.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import shutil
import sys
from collections import deque
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QObject, QProcess, QTimer, Signal

from cramp_coach.domain.clock import Clock, SystemClock
from cramp_coach.ui.audio.cues import WavOutput

_log = logging.getLogger(__name__)

#: The WavOutput channel spoken lines play on; one channel, so a new line stops the last.
SPEECH_CHANNEL = "speech"

_NATIVE_ENGINES = {"darwin": "darwin", "win32": "winrt"}


def default_native_engine(platform: str = sys.platform) -> str | None:
    """The QTextToSpeech engine to fall back on when espeak-ng is missing, if any.

    Only engines built into the operating system, which start quickly. Linux gets none:
    its "speechd" engine blocks its constructor for 1.5–1.9 s and needs a daemon.
    """
    return _NATIVE_ENGINES.get(platform)


#: This platform's :func:`default_native_engine`.
DEFAULT_NATIVE_ENGINE = default_native_engine()


class Speaker(QObject):
    """Says a phase's line when the phase starts; never blocks, never raises.

    Attributes:
        history: the lines spoken while enabled, oldest first, including lines handed to
            playback while no device could make them heard (as with cues). Lines dropped
            as stale, or that could not be rendered, are not in it.

    Signals:
        spoken(str): a line started playing (or would have, with no device).
        unavailable(str): a line could not be heard, with a short reason for the user,
            e.g. "Speech engine espeak-ng not found — spoken guidance is off." Emitted once.
    """

    spoken = Signal(str)
    unavailable = Signal(str)

    def __init__(
        self,
        cache_dir: Path,
        parent: QObject | None = None,
        *,
        enabled: bool = True,
        volume: float = 0.8,
        rate_wpm: int = 150,
        voice: str = "en",
        executable: str = "espeak-ng",
        native_engine: str | None = DEFAULT_NATIVE_ENGINE,
        output: WavOutput | None = None,
        clock: Clock | None = None,
        max_delay: float = 1.5,
        render_timeout_ms: int = 5000,
    ) -> None:
        """Create a speaker; nothing is rendered, and espeak-ng not looked up, until first use.

        Args:
            cache_dir: where rendered lines are kept (the app passes ``<data-dir>/cache/speech``).
            parent: the owning QObject.
            enabled: False when the user turned the voice off.
            volume: 0..1, as a slider position.
            rate_wpm: speaking rate in words per minute (espeak-ng ``-s``).
            voice: espeak-ng voice (``-v``), also the native engine's locale.
            executable: the espeak-ng program, by name on ``PATH`` or as a path.
            native_engine: the QTextToSpeech engine used when espeak-ng is missing, or None.
            output: the WAV output to play through; defaults to a new one of its own.
            clock: the monotonic clock that dates say() requests (tests pass a fake).
            max_delay: how late, in seconds, a line may still be spoken once rendered.
            render_timeout_ms: a render running longer than this is killed and skipped.
        """
        super().__init__(parent)
        self._cache_dir = cache_dir
        self._enabled = enabled
        self._volume = min(max(float(volume), 0.0), 1.0)
        self._rate_wpm = rate_wpm
        self._voice = voice
        self._executable = executable
        self._native_engine = native_engine
        self._output = output if output is not None else WavOutput(self, volume=volume)
        self._output.set_volume(volume, [SPEECH_CHANNEL])
        self._clock = clock if clock is not None else SystemClock()
        self._max_delay = max_delay
        self.history: list[str] = []
        self._reported = False
        self._engine_path: str | None = None
        self._engine_resolved = False
        self._native: Any = None  # QTextToSpeech, created on first need
        self._native_resolved = False
        self._queue: deque[str] = deque()
        self._process: QProcess | None = None
        self._rendering: str | None = None  # the text the running process renders
        self._wanted: tuple[str, float] | None = None  # latest say() still waiting: (text, asked at)
        self._kill_timer = QTimer(self)
        self._kill_timer.setSingleShot(True)
        self._kill_timer.setInterval(render_timeout_ms)
        self._kill_timer.timeout.connect(self._on_kill_timer_timeout)

    @property
    def available(self) -> bool:
        """True when lines can be heard right now: espeak-ng found and a sound device present.

        Also True when espeak-ng is missing but the native engine is running.
        """
        if self._engine() is not None:
            return self._output.available
        return self._native_voice() is not None

    @property
    def enabled(self) -> bool:
        """False when the user turned the voice off; nothing is then rendered or said."""
        return self._enabled

    @property
    def busy(self) -> bool:
        """True while lines are rendering or queued for rendering."""
        return self._process is not None or bool(self._queue)

    def cache_path(self, text: str) -> Path:
        """Where the rendering of ``text`` (with this voice and rate) is cached."""
        key = f"{self._voice}\0{self._rate_wpm}\0{_clean(text)}"
        return self._cache_dir / f"{hashlib.sha1(key.encode('utf-8')).hexdigest()}.wav"

    def prepare(self, texts: Iterable[str]) -> None:
        """Queue every line not yet cached for rendering, and return at once.

        Call it when a routine starts: the get-ready countdown leaves time for all of them.
        """
        if not self._enabled:
            return
        if self._engine() is None:
            if self._native_voice() is None:
                self._report(f"Speech engine {self._executable} not found")
            return
        for raw in texts:
            text = _clean(raw)
            if text and text != self._rendering and text not in self._queue and not self.cache_path(text).is_file():
                self._queue.append(text)
        self._render_next()

    def say(self, text: str) -> None:
        """Speak ``text`` now, interrupting the previous line; return at once.

        A line that is not rendered yet is rendered first (ahead of any prepared ones) and
        spoken when ready, unless another say() came in meanwhile or it is over
        ``max_delay`` late.
        """
        text = _clean(text)
        if not self._enabled or not text:
            return
        self._wanted = None
        self._output.stop([SPEECH_CHANNEL])
        path = self.cache_path(text)
        if path.is_file():
            self._speak(text, path)
            return
        if self._engine() is None:
            native = self._native_voice()
            if native is None:
                self._report(f"Speech engine {self._executable} not found")
                return
            native.stop()
            native.say(text)
            self._record(text)
            return
        self._wanted = (text, self._clock.monotonic())
        if text != self._rendering:
            if text in self._queue:
                self._queue.remove(text)
            self._queue.appendleft(text)
            self._render_next()

    def stop(self) -> None:
        """Silence the current line and forget one still waiting to be rendered."""
        self._wanted = None
        self._output.stop([SPEECH_CHANNEL])
        if self._native is not None:
            self._native.stop()

    def shutdown(self) -> None:
        """Stop speaking and end any render in flight (the app is closing)."""
        self.stop()
        self._queue.clear()
        process, self._process = self._process, None
        if process is not None:
            process.finished.disconnect(self._on_process_finished)
            process.errorOccurred.disconnect(self._on_process_error_occurred)
            process.kill()
            process.waitForFinished(1000)

    def set_enabled(self, enabled: bool) -> None:
        """Turn the voice on or off; off also stops speaking and drops queued renders."""
        self._enabled = enabled
        if not enabled:
            self._queue.clear()
            self.stop()

    def set_volume(self, volume: float) -> None:
        """Set the voice volume, 0..1 as a slider position (clamped)."""
        self._volume = min(max(float(volume), 0.0), 1.0)
        self._output.set_volume(self._volume, [SPEECH_CHANNEL])
        if self._native is not None:
            self._native.setVolume(self._volume)

    # -- rendering ---------------------------------------------------------------------

    def _engine(self) -> str | None:
        # Looked up once, at first use, so constructing a Speaker costs nothing.
        if not self._engine_resolved:
            self._engine_resolved = True
            self._engine_path = shutil.which(self._executable)
            if self._engine_path is None:
                _log.warning("speech engine %s not found; spoken guidance is off", self._executable)
        return self._engine_path

    def _render_next(self) -> None:
        """Start rendering the next queued line, unless a render is already running."""
        while self._process is None and self._queue:
            engine = self._engine()
            if engine is None:
                self._queue.clear()
                return
            text = self._queue.popleft()
            final = self.cache_path(text)
            if final.is_file():  # rendered meanwhile (e.g. queued twice from prepare and say)
                self._deliver(text, final)
                continue
            try:
                self._cache_dir.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                _log.warning("speech cache %s cannot be created: %s", self._cache_dir, exc)
                self._queue.clear()
                self._wanted = None
                self._report("The speech cache folder cannot be written")
                return
            process = QProcess(self)
            process.setProgram(engine)
            # "--" ends the options, so a line such as "-5 degrees" is read as text.
            args = ["-v", self._voice, "-s", str(self._rate_wpm), "-w", str(_partial(final)), "--", text]
            process.setArguments(args)
            process.finished.connect(self._on_process_finished)
            process.errorOccurred.connect(self._on_process_error_occurred)
            self._process = process
            self._rendering = text
            self._kill_timer.start()
            process.start()

    def _on_process_finished(self, exit_code: int, exit_status: QProcess.ExitStatus) -> None:
        process, text = self._process, self._rendering
        if process is None or text is None:
            return
        self._end_render(process)
        final = self.cache_path(text)
        partial = _partial(final)
        if exit_status == QProcess.ExitStatus.NormalExit and exit_code == 0 and _is_wav(partial):
            partial.replace(final)
            self._deliver(text, final)
        else:
            error = bytes(process.readAllStandardError().data()).decode("utf-8", "replace").strip()
            _log.warning("could not render %r (exit %s, %s): %s", text, exit_code, exit_status.name, error)
            partial.unlink(missing_ok=True)
            if self._wanted is not None and self._wanted[0] == text:
                self._wanted = None  # skip this line; the next phase's line will come
        self._render_next()

    def _on_process_error_occurred(self, error: QProcess.ProcessError) -> None:
        process = self._process
        if error != QProcess.ProcessError.FailedToStart or process is None:
            return  # a crash or a kill is handled when `finished` follows
        _log.warning("speech engine %s failed to start: %s", self._executable, process.errorString())
        self._end_render(process)
        # The program is there no more (or is not executable): every other line would fail too.
        self._engine_path = None
        self._queue.clear()
        self._wanted = None
        self._report(f"Speech engine {self._executable} could not be started")

    def _on_kill_timer_timeout(self) -> None:
        if self._process is not None:
            _log.warning(
                "speech engine took over %d ms to render %r; killed", self._kill_timer.interval(), self._rendering
            )
            self._process.kill()  # `finished` follows, with a crash exit: the line is skipped

    def _end_render(self, process: QProcess) -> None:
        self._kill_timer.stop()
        self._process = None
        self._rendering = None
        process.deleteLater()

    def _deliver(self, text: str, path: Path) -> None:
        """A render finished: speak it if it is what was last asked for, and still on time."""
        if self._wanted is None or self._wanted[0] != text:
            return
        late = self._clock.monotonic() - self._wanted[1]
        self._wanted = None
        if late > self._max_delay:
            _log.info("dropped %r: ready %.1f s after it was asked for", text, late)
            return
        self._speak(text, path)

    # -- speaking ----------------------------------------------------------------------

    def _speak(self, text: str, path: Path) -> None:
        self._output.load(SPEECH_CHANNEL, path)
        problem = self._output.play(SPEECH_CHANNEL)
        self._record(text)
        if problem is not None:
            self._report(problem)

    def _record(self, text: str) -> None:
        self.history.append(text)
        self.spoken.emit(text)

    def _report(self, problem: str) -> None:
        if not self._reported:
            self._reported = True
            _log.info("spoken guidance is off: %s", problem)
            self.unavailable.emit(f"{problem} — spoken guidance is off.")

    def _native_voice(self) -> Any:
        """The QTextToSpeech fallback, created on first need; None when there is none."""
        if self._native_resolved:
            return self._native
        self._native_resolved = True
        if self._native_engine is None:
            return None
        try:
            # Same reason as QtMultimedia: on Linux the import needs libpulse.so.0.
            tts_module = importlib.import_module("PySide6.QtTextToSpeech")
        except ImportError as exc:
            _log.warning("QtTextToSpeech cannot be imported: %s", exc)
            return None
        tts_class = tts_module.QTextToSpeech
        if self._native_engine not in tts_class.availableEngines():
            _log.warning("text-to-speech engine %r is not available", self._native_engine)
            return None
        native = tts_class(self._native_engine, self)
        if native.state() == tts_class.State.Error:
            _log.warning("text-to-speech engine %r failed: %s", self._native_engine, native.errorString())
            native.deleteLater()
            return None
        native.setLocale(QLocale(self._voice))
        native.setVolume(self._volume)
        # espeak-ng's default is 175 wpm; QTextToSpeech's rate is -1..1 around the engine's normal pace.
        native.setRate(min(max((self._rate_wpm - 175) / 175, -1.0), 1.0))
        self._native = native
        return native


def _clean(text: str) -> str:
    # One spelling per line, so "Hold  it.\n" and "Hold it." share a cache entry.
    return " ".join(text.split())


def _partial(final: Path) -> Path:
    return final.with_name(final.stem + ".partial.wav")


def _is_wav(path: Path) -> bool:
    """True when ``path`` starts like a RIFF/WAVE file with at least a header's worth of data."""
    try:
        with path.open("rb") as file:
            header = file.read(44)
    except OSError:
        return False
    return len(header) == 44 and header[:4] == b"RIFF" and header[8:12] == b"WAVE"
