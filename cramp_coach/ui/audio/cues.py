"""Short sound cues (a new phase, 3-2-1, go, a rep tick, finished) and the WAV output they share with speech.

:class:`WavOutput` is the only code in the app that touches QtMultimedia. It plays short
WAV files through preloaded, parented QSoundEffects and treats sound as fire-and-forget:
it never blocks, never raises, never waits for an audio signal (Qt's "finished" signals
lag the real sound by over a second on PulseAudio; the UI is timed by its own QTimer).
Every reason sound cannot be heard (QtMultimedia missing because ``libpulse0`` is not
installed, no audio device, a missing or undecodable file) comes back as a short human
sentence instead of an exception.

:class:`CuePlayer` maps cue names to the WAVs in ``assets/sounds/`` (made by
:mod:`cramp_coach.ui.audio.make_cues`), keeps a log of the cues that fired, audible or
not, for the screen's visual fallback and for tests, and says once that sound is off.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal

from cramp_coach.ui.audio.external import ExternalPlayer, load_player

_log = logging.getLogger(__name__)

#: The cues :meth:`CuePlayer.play` knows, each played from ``<sounds_dir>/<name>.wav``.
CUE_NAMES: tuple[str, ...] = ("phase", "count", "go", "tick", "finish")

NO_DEVICE = "No sound device found"
NO_MULTIMEDIA = "Sound support is not installed on this computer"


def _import_multimedia() -> ModuleType | None:
    """Import QtMultimedia, or return None when this machine cannot load it."""
    try:
        # Imported here, not at the top: on Linux the import itself fails without
        # libpulse.so.0 (apt libpulse0), and PySide6-Essentials alone has no QtMultimedia.
        # A missing sound library must cost the app its sound, never its start.
        return importlib.import_module("PySide6.QtMultimedia")
    except ImportError as exc:
        _log.warning("QtMultimedia cannot be imported, sound is off: %s", exc)
        return None


class WavOutput(QObject):
    """Plays short WAV files on named channels, fire-and-forget.

    Each channel is one QSoundEffect, parented to this object and decoded once when its
    file is loaded, so playing it later costs only the audio onset (7–31 ms measured).
    Loading a different file onto a channel stops what that channel was playing, which is
    how a new spoken line interrupts the previous one. Effects are created only while an
    audio device exists, so a machine without one does no decoding at all, and headphones
    plugged in later still work: the effect is created at the first play that finds them.

    Args:
        parent: the owning QObject.
        volume: the starting volume of every channel, 0..1, as a slider position.
        audio_outputs: returns the current audio output devices; defaults to
            ``QMediaDevices.audioOutputs``. Tests pass a fake so results do not depend
            on the machine running them.
        external: plays files when QtMultimedia cannot load; by default an
            :class:`~cramp_coach.ui.audio.external.ExternalPlayer` if the optional
            ``playsound3`` finds a player program, else none (sound is then off).
    """

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        volume: float = 0.8,
        audio_outputs: Callable[[], Sequence[object]] | None = None,
        external: Callable[[], ExternalPlayer | None] = load_player,
    ) -> None:
        super().__init__(parent)
        self._multimedia = _import_multimedia()
        # The fallback only when Qt's own route is missing: it costs a process per sound.
        self.external = external() if self._multimedia is None else None
        if audio_outputs is None and self._multimedia is not None:
            audio_outputs = self._multimedia.QMediaDevices.audioOutputs
            # The first call connects to the sound server (~50 ms when none is running): pay
            # it here, at start-up, not at the first cue. Later calls are sub-microsecond.
            audio_outputs()
        self._audio_outputs = audio_outputs
        self._default_volume = _clamp(volume)
        self._sources: dict[str, Path] = {}
        self._volumes: dict[str, float] = {}
        self._effects: dict[str, Any] = {}  # channel -> QSoundEffect (Any: QtMultimedia may be absent)

    @property
    def available(self) -> bool:
        """True when sound can be heard right now (QtMultimedia loaded and a device present)."""
        return self.problem() is None

    @property
    def loading(self) -> bool:
        """True while any channel's file is still being decoded."""
        if self._multimedia is None:
            return False
        loading = self._multimedia.QSoundEffect.Status.Loading
        return any(effect.status() == loading for effect in self._effects.values())

    def problem(self) -> str | None:
        """Return why no sound can be heard right now, or None when it can.

        Through an external player no device can be asked for: it counts as able.
        """
        if self.external is not None:
            return None
        if self._multimedia is None or self._audio_outputs is None:
            return NO_MULTIMEDIA
        if not self._audio_outputs():
            return NO_DEVICE
        return None

    def load(self, channel: str, path: Path) -> None:
        """Give ``channel`` the WAV at ``path``, decoding it now if a device is present.

        Loading the file the channel already has does nothing; loading another one stops
        the channel first.
        """
        if self._sources.get(channel) == path:
            return
        self._sources[channel] = path
        if self.external is not None:
            self.external.stop([channel])
            return
        effect = self._effects.pop(channel, None)
        if effect is not None:
            effect.stop()
            if path.is_file():
                effect.setSource(QUrl.fromLocalFile(str(path)))
                self._effects[channel] = effect
                return
            effect.deleteLater()  # so play() reports the file as missing, not as undecodable
        if self.problem() is None:
            self._create(channel)

    def play(self, channel: str) -> str | None:
        """Start ``channel``'s sound and return at once.

        Returns:
            None when the sound was started (or queued until its file finishes loading),
            otherwise a short human reason why it could not be heard.
        """
        if self.external is not None:
            return self._play_external(channel)
        problem = self.problem()
        if problem is not None or self._multimedia is None:
            return problem or NO_MULTIMEDIA
        path = self._sources.get(channel)
        if path is None:
            return f"No sound is loaded for {channel!r}"
        try:
            effect = self._effects.get(channel)
            if effect is None:
                effect = self._create(channel)
            if effect is None:
                return f"The sound file {path.name} is missing"
            if effect.status() == self._multimedia.QSoundEffect.Status.Error:
                # Never call play() on an effect in Error: Qt resets it to Null and the
                # reason is lost. Undecodable files and unusable devices both end here.
                return f"The sound file {path.name} could not be played"
            effect.play()
        except RuntimeError:
            # The C++ effect is already gone (the window is closing): sound is cosmetic.
            _log.warning("sound %s could not be played", path.name, exc_info=True)
            return f"The sound file {path.name} could not be played"
        return None

    def _play_external(self, channel: str) -> str | None:
        path = self._sources.get(channel)
        if path is None:
            return f"No sound is loaded for {channel!r}"
        if not path.is_file():
            return f"The sound file {path.name} is missing"
        return self.external.play(channel, path) if self.external is not None else NO_MULTIMEDIA

    def stop(self, channels: Iterable[str] | None = None) -> None:
        """Stop the given channels (all when None); a no-op for silent ones."""
        if self.external is not None:
            self.external.stop(channels)
        names = self._effects.keys() if channels is None else channels
        for name in list(names):
            effect = self._effects.get(name)
            if effect is not None:
                effect.stop()

    def set_volume(self, volume: float, channels: Iterable[str] | None = None) -> None:
        """Set the volume (0..1, a slider position) of the given channels, or of all of them."""
        volume = _clamp(volume)
        names = list(self._sources) if channels is None else list(channels)
        if channels is None:
            self._default_volume = volume
        for name in names:
            self._volumes[name] = volume
            effect = self._effects.get(name)
            if effect is not None:
                effect.setVolume(self._linear(volume))

    def _create(self, channel: str) -> Any:
        """Create and start loading ``channel``'s effect; None when its file is missing."""
        path = self._sources[channel]
        if self._multimedia is None or not path.is_file():
            _log.warning("sound file missing: %s", path)
            return None
        # Parented: an unparented effect can outlive its Python wrapper and fire signals into
        # a half-torn-down interpreter at exit ("Internal C++ object already deleted").
        effect = self._multimedia.QSoundEffect(self)
        effect.setVolume(self._linear(self._volumes.get(channel, self._default_volume)))
        effect.setSource(QUrl.fromLocalFile(str(path)))
        self._effects[channel] = effect
        return effect

    def _linear(self, volume: float) -> float:
        # A slider position is perceptual; QSoundEffect wants a linear gain. Without the
        # conversion the bottom half of the slider would be nearly all of the loudness.
        if self._multimedia is None:
            return volume
        qt_audio = self._multimedia.QtAudio
        return float(
            qt_audio.convertVolume(
                volume, qt_audio.VolumeScale.LogarithmicVolumeScale, qt_audio.VolumeScale.LinearVolumeScale
            )
        )


class CuePlayer(QObject):
    """Plays the named sound cues, and tells the screen when it cannot.

    Every cue that fires while enabled is recorded, whether or not it could be heard, so
    the player screen can flash instead and tests can check what fired. The first time a
    cue cannot be heard, :attr:`unavailable` says why, once for the object's lifetime.

    Attributes:
        history: the names of the cues that fired while enabled, oldest first. One short
            interned string per cue: a night of routines is a few thousand entries at most.

    Signals:
        played(str): a cue fired (right after its sound was started): for a visual flash.
        unavailable(str): a cue could not be heard, with a short reason for the user, e.g.
            "No sound device found — cues are shown on screen only." Emitted once.
    """

    played = Signal(str)
    unavailable = Signal(str)

    def __init__(
        self,
        sounds_dir: Path,
        parent: QObject | None = None,
        *,
        enabled: bool = True,
        volume: float = 0.8,
        output: WavOutput | None = None,
    ) -> None:
        """Preload every cue in ``sounds_dir``; ``output`` defaults to a new WavOutput of its own."""
        super().__init__(parent)
        self._output = output if output is not None else WavOutput(self, volume=volume)
        self._enabled = enabled
        self._reported = False
        self.history: list[str] = []
        missing = [name for name in CUE_NAMES if not (sounds_dir / f"{name}.wav").is_file()]
        if missing:
            _log.warning("sound cues missing from %s: %s", sounds_dir, ", ".join(missing))
        for name in CUE_NAMES:
            self._output.set_volume(volume, [_channel(name)])
            self._output.load(_channel(name), sounds_dir / f"{name}.wav")

    @property
    def available(self) -> bool:
        """True when cues can be heard right now (when enabled)."""
        return self._output.available

    @property
    def enabled(self) -> bool:
        """False when the user turned sound off; nothing then plays or is recorded."""
        return self._enabled

    def play(self, name: str) -> None:
        """Play the cue ``name`` (one of :data:`CUE_NAMES`) and return immediately.

        Unknown names are logged and ignored: a typo must not take the routine down.
        """
        if name not in CUE_NAMES:
            _log.warning("unknown sound cue %r ignored", name)
            return
        if not self._enabled:
            return
        # Sound first, bookkeeping after, so slots connected to `played` never delay the onset.
        problem = self._output.play(_channel(name))
        self.history.append(name)
        self.played.emit(name)
        if problem is not None and not self._reported:
            self._reported = True
            _log.info("sound cues are off: %s", problem)
            self.unavailable.emit(f"{problem} — cues are shown on screen only.")

    def set_enabled(self, enabled: bool) -> None:
        """Turn the cues on or off; turning them off also silences one that is playing."""
        self._enabled = enabled
        if not enabled:
            self._output.stop([_channel(name) for name in CUE_NAMES])

    def set_volume(self, volume: float) -> None:
        """Set the cue volume, 0..1 as a slider position (clamped)."""
        self._output.set_volume(volume, [_channel(name) for name in CUE_NAMES])


def _channel(name: str) -> str:
    # Prefixed so a WavOutput shared with the Speaker never mixes up their channels.
    return f"cue:{name}"


def _clamp(volume: float) -> float:
    return min(max(float(volume), 0.0), 1.0)
