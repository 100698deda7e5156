"""Sound cues and spoken guidance for the player and the cramp-now screens.

- :mod:`~cramp_coach.ui.audio.cues` plays the short WAV cues from ``assets/sounds/``
  (``phase``, ``count``, ``go``, ``tick``, ``finish``) and holds :class:`WavOutput`, the
  one place that touches QtMultimedia.
- :mod:`~cramp_coach.ui.audio.speech` speaks a phase's line: espeak-ng renders it to a
  cached WAV ahead of time and the same output plays it.
- :mod:`~cramp_coach.ui.audio.make_cues` regenerates the cue WAVs (standard library only).

Sound is always optional: with no audio device, no speech engine or a bad file, nothing
blocks or raises; each player says once, through its ``unavailable`` signal, that sound
is off, and keeps recording which cues fired so the screen can show them instead.
This package's ``__init__`` imports nothing, so the generator runs without Qt.
See ``docs/sound.md``.
"""
