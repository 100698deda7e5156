"""Generate the cue sounds in ``assets/sounds/`` from a few lines of arithmetic.

Run ``python -m cramp_coach.ui.audio.make_cues`` (optionally ``--out DIR``) after changing
a cue below, and commit the WAVs. Standard library only (:mod:`wave`, :mod:`math`): no Qt,
no numpy, no recorded samples whose licence would need tracking.

The cues are played in a dark bedroom, often right next to someone asleep, so they are
soft rather than attention-grabbing: bell-like sine tones with a smooth attack (no click
at the start), an exponential decay and a short fade that lands exactly on zero (no click
at the end), normalised to a peak of −6 dBFS. Every file is 44.1 kHz, 16-bit, mono.
"""

from __future__ import annotations

import argparse
import math
import struct
import sys
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cramp_coach import paths

SAMPLE_RATE = 44_100
SAMPLE_WIDTH = 2  # bytes: 16-bit PCM
PEAK_DBFS = -6.0
FULL_SCALE = 32_767


@dataclass(frozen=True, slots=True)
class Note:
    """One struck tone inside a cue.

    Attributes:
        frequency: the fundamental, in Hz.
        start: when it is struck, in seconds from the start of the cue.
        decay: the exponential decay's time constant, in seconds (amplitude falls to 37 %).
        partials: (frequency ratio, relative amplitude) pairs added to the fundamental;
            higher partials also decay faster, which is what makes a tone sound struck.
        level: the note's loudness relative to the other notes of the cue.
    """

    frequency: float
    start: float
    decay: float
    partials: tuple[tuple[float, float], ...] = ((2.0, 0.18), (3.0, 0.05))
    level: float = 1.0


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue sound: a few notes, an attack and a closing fade.

    Attributes:
        name: the file stem (``phase`` → ``phase.wav``) and the name players use.
        duration: the length of the file, in seconds.
        notes: the notes struck, in any order.
        attack: the raised-cosine fade-in of every note, in seconds. At least a couple of
            milliseconds: an instant onset is heard as a click.
        fade_out: the raised-cosine fade over the last part of the file, in seconds, so
            the last sample is exactly zero whatever the notes were doing.
        purpose: what the cue means, for the docs and the tests' error messages.
    """

    name: str
    duration: float
    notes: tuple[Note, ...]
    attack: float
    fade_out: float
    purpose: str

    @property
    def frames(self) -> int:
        """The number of samples in the file."""
        return round(self.duration * SAMPLE_RATE)


# A struck wood block: inharmonic partials (not integer ratios) and a very short decay.
_WOOD = ((2.76, 0.35), (5.4, 0.08))

CUES: tuple[Cue, ...] = (
    Cue(
        name="phase",
        duration=0.35,
        notes=(Note(659.25, 0.0, 0.09), Note(880.0, 0.11, 0.10)),  # E5 then A5: a soft rising fourth
        attack=0.006,
        fade_out=0.06,
        purpose="a new phase begins",
    ),
    Cue(
        name="count",
        duration=0.12,
        notes=(Note(880.0, 0.0, 0.06, partials=((2.0, 0.08),)),),  # A5, nearly pure
        attack=0.006,
        fade_out=0.03,
        purpose="3-2-1 before a timed phase ends",
    ),
    Cue(
        name="go",
        duration=0.25,
        notes=(Note(1174.66, 0.0, 0.10, partials=((2.0, 0.08),)),),  # D6: a fourth above "count"
        attack=0.006,
        fade_out=0.05,
        purpose="a timed phase has just ended",
    ),
    Cue(
        name="tick",
        duration=0.05,
        notes=(Note(1100.0, 0.0, 0.012, partials=_WOOD),),
        attack=0.0015,
        fade_out=0.012,
        purpose="each rep at the tempo",
    ),
    Cue(
        name="finish",
        duration=0.9,
        # C5, E5, G5: a calm major arpeggio; the last note is a little quieter so it settles.
        notes=(Note(523.25, 0.0, 0.22), Note(659.25, 0.2, 0.22), Note(783.99, 0.4, 0.25, level=0.9)),
        attack=0.008,
        fade_out=0.12,
        purpose="the routine is finished",
    ),
)


def _raised_cosine(x: float) -> float:
    """0 → 0, 1 → 1 along half a cosine: a fade with no corner at either end."""
    return 0.5 - 0.5 * math.cos(math.pi * min(max(x, 0.0), 1.0))


def synthesise(cue: Cue) -> list[float]:
    """Return the cue's samples as floats in −1..1, peak-normalised to :data:`PEAK_DBFS`."""
    samples = [0.0] * cue.frames
    for note in cue.notes:
        first = round(note.start * SAMPLE_RATE)
        for i in range(first, cue.frames):
            t = (i - first) / SAMPLE_RATE
            onset = _raised_cosine(t / cue.attack)
            angle = 2 * math.pi * note.frequency * t
            value = math.sin(angle) * math.exp(-t / note.decay)
            for ratio, amplitude in note.partials:
                # Higher partials die away faster (decay / ratio), as on a real bell or bar.
                value += amplitude * math.sin(angle * ratio) * math.exp(-t * ratio / note.decay)
            samples[i] += note.level * onset * value
    fade_frames = max(1, round(cue.fade_out * SAMPLE_RATE))
    for k in range(fade_frames):
        # k == 0 is the last sample: it gets a gain of exactly 0.
        samples[cue.frames - 1 - k] *= _raised_cosine(k / fade_frames)
    peak = max(abs(s) for s in samples)
    gain = 10 ** (PEAK_DBFS / 20) / peak
    return [s * gain for s in samples]


def to_pcm16(samples: Sequence[float]) -> bytes:
    """Little-endian signed 16-bit PCM, as WAV files store it."""
    return struct.pack(f"<{len(samples)}h", *(round(s * FULL_SCALE) for s in samples))


def write_cue(cue: Cue, out_dir: Path) -> Path:
    """Write ``<out_dir>/<cue.name>.wav`` and return its path."""
    path = out_dir / f"{cue.name}.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(SAMPLE_WIDTH)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(to_pcm16(synthesise(cue)))
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """Write every cue into ``--out`` (default: the shipped ``assets/sounds/``)."""
    parser = argparse.ArgumentParser(
        prog="python -m cramp_coach.ui.audio.make_cues", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--out", type=Path, default=paths.builtin_assets_dir() / "sounds", help="where to write the WAVs"
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for cue in CUES:
        path = write_cue(cue, args.out)
        print(f"{path}: {cue.duration:.2f} s, {cue.purpose}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
