"""Sound through an external player program, for machines where QtMultimedia cannot load.

Only used when ``import PySide6.QtMultimedia`` fails (on Linux: ``libpulse0`` is missing)
*and* the optional extra is installed (``pip install 'cramp-coach[playsound]'``, which
brings ``playsound3``). playsound3 starts a player program per sound (``gst-play-1.0``,
``ffplay``, ``aplay``; ``afplay`` on macOS; WinMM on Windows) and, with ``block=False``,
returns at once with a handle. :class:`ExternalPlayer` keeps one handle per channel, so a
new sound on a channel stops the one before (a new spoken line interrupts the last, as
with QSoundEffect). It never blocks and never raises: every failure comes back as a
short sentence, like :class:`~cramp_coach.ui.audio.cues.WavOutput`'s. docs/sound.md says
what it costs (a process per cue, 48–58 ms onset, no volume control).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

_log = logging.getLogger(__name__)


class ExternalPlayer:
    """Plays WAV files through playsound3 without waiting for them.

    Args:
        backend: playsound3's name for the player program ("gstreamer", "ffplay", "alsa"…).
        module: the playsound3 module (tests pass the real one with a fake player on PATH).
    """

    def __init__(self, backend: str, module: Any) -> None:
        self.backend = backend
        self._module = module
        self._playing: dict[str, Any] = {}  # channel -> playsound3.Sound (a process handle)
        # Stopped players not yet seen to exit: kept so their processes are reaped, never waited on.
        self._ending: list[Any] = []

    def play(self, channel: str, path: Path) -> str | None:
        """Start ``path`` on ``channel`` and return at once: None, or why it could not start."""
        self.stop([channel])
        try:
            self._playing[channel] = self._module.playsound(path, block=False, backend=self.backend)
        except Exception as error:  # a missing file, a player that vanished: sound is never fatal
            _log.warning("%s could not play %s: %s", self.backend, path.name, error)
            return f"The sound file {path.name} could not be played"
        return None

    def is_playing(self, channel: str) -> bool:
        """True while the player program for ``channel`` is still running."""
        sound = self._playing.get(channel)
        return sound is not None and bool(sound.is_alive())

    def stop(self, channels: Iterable[str] | None = None) -> None:
        """Stop the given channels (all when None) without waiting for the players to exit."""
        self._ending = [sound for sound in self._ending if _alive(sound)]  # reap the ones that ended
        for name in list(self._playing if channels is None else channels):
            sound = self._playing.pop(name, None)
            if sound is not None and _alive(sound):
                try:
                    sound.stop()
                except Exception:  # it ended meanwhile
                    _log.debug("stopping %s", name, exc_info=True)
                self._ending.append(sound)

    def close(self, timeout: float = 1.0) -> None:
        """Stop everything and wait (briefly) for the players to exit: for the app's exit."""
        self.stop()
        for sound in self._ending:
            try:
                sound.subprocess.wait(timeout)
            except Exception:
                _log.debug("a player did not exit", exc_info=True)
        self._ending = []


def _alive(sound: Any) -> bool:
    try:
        return bool(sound.is_alive())
    except Exception:
        return False


def load_player(backend: str | None = None) -> ExternalPlayer | None:
    """An :class:`ExternalPlayer` when playsound3 is installed and finds a player program.

    Importing playsound3 probes for player programs (a few short subprocesses), so this is
    only called once QtMultimedia has already failed, after the first frame.
    """
    try:
        module = importlib.import_module("playsound3")
    except ImportError:
        return None  # the optional extra is not installed
    except Exception as error:  # its probe of the player programs failed in an unexpected way
        _log.warning("playsound3 could not start: %s", error)
        return None
    chosen = backend or module.DEFAULT_BACKEND
    if chosen is None:
        _log.warning("playsound3 is installed but found no player program (e.g. gst-play-1.0)")
        return None
    _log.info("QtMultimedia is missing: playing sound through playsound3 (%s)", chosen)
    return ExternalPlayer(chosen, module)
