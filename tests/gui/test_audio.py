"""Sound cues, spoken guidance and the cue generator, on a machine that may have no sound at all.

Cue and speaker tests inject the audio devices (none, or a fake one) so they behave the
same on a laptop with speakers and on CI with no sound card. Speech tests run the real
espeak-ng (CI installs it); the only waiting is on its processes, through qtbot.
"""

from __future__ import annotations

import logging
import math
import shutil
import stat
import struct
import sys
import time
import wave
from pathlib import Path

import pytest
from PySide6.QtTextToSpeech import QTextToSpeech
from pytestqt.qtbot import QtBot

from cramp_coach.ui.audio import make_cues
from cramp_coach.ui.audio.cues import CUE_NAMES, CuePlayer, WavOutput
from cramp_coach.ui.audio.speech import Speaker, default_native_engine
from tests.conftest import REPO
from tests.helpers.fakes import FakeClock

SOUNDS = REPO / "assets" / "sounds"
NO_DEVICE_CUES = "No sound device found — cues are shown on screen only."
NO_DEVICE_SPEECH = "No sound device found — spoken guidance is off."

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")


def _no_devices() -> list[object]:
    return []


def _one_fake_device() -> list[object]:
    return ["fake speakers"]


def _read_wav(path: Path) -> tuple[wave._wave_params, tuple[int, ...]]:
    with wave.open(str(path), "rb") as wav:
        params = wav.getparams()
        frames = wav.readframes(params.nframes)
    count = len(frames) // params.sampwidth
    return params, struct.unpack(f"<{count}h", frames) if params.sampwidth == 2 else ()


def _fake_engine(tmp_path: Path, body: str) -> Path:
    """An executable shell script standing in for espeak-ng."""
    script = tmp_path / "fake-espeak"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


# -- the generated cue WAVs --------------------------------------------------------------


@pytest.mark.parametrize("cue", make_cues.CUES, ids=lambda cue: cue.name)
def test_shipped_cue_is_the_designed_format_length_and_level(cue: make_cues.Cue) -> None:
    params, samples = _read_wav(SOUNDS / f"{cue.name}.wav")

    assert (params.framerate, params.nchannels, params.sampwidth) == (44_100, 1, 2)
    assert params.nframes / params.framerate == pytest.approx(cue.duration, abs=0.001)
    peak_dbfs = 20 * math.log10(max(abs(s) for s in samples) / 32_767)
    assert -6.5 < peak_dbfs < -5.5, f"{cue.name} ({cue.purpose}) peaks at {peak_dbfs:.1f} dBFS"
    # A quiet first and last sample: starting or stopping mid-wave is heard as a click.
    assert abs(samples[0]) < 100
    assert samples[-1] == 0


def test_shipped_cue_durations_are_as_designed() -> None:
    durations = {cue.name: cue.duration for cue in make_cues.CUES}

    assert durations == {"phase": 0.35, "count": 0.12, "go": 0.25, "tick": 0.05, "finish": 0.9}
    assert set(durations) == set(CUE_NAMES)


def test_shipped_cues_are_what_the_generator_makes_today(tmp_path: Path) -> None:
    assert make_cues.main(["--out", str(tmp_path)]) == 0

    for cue in make_cues.CUES:
        _, shipped = _read_wav(SOUNDS / f"{cue.name}.wav")
        _, fresh = _read_wav(tmp_path / f"{cue.name}.wav")
        assert len(fresh) == len(shipped)
        # ±1 LSB: another platform's libm may round a sine differently in the last bit.
        assert max(abs(a - b) for a, b in zip(shipped, fresh, strict=True)) <= 1, f"regenerate {cue.name}.wav"


# -- CuePlayer ------------------------------------------------------------------------


def test_no_device_plays_return_at_once_report_once_and_are_recorded(qtbot: QtBot) -> None:
    cues = CuePlayer(SOUNDS, output=WavOutput(audio_outputs=_no_devices))
    reasons: list[str] = []
    cues.unavailable.connect(reasons.append)
    flashed: list[str] = []
    cues.played.connect(flashed.append)

    started = time.perf_counter()
    for name in ("phase", "count", "count", "go", "tick", "finish"):
        cues.play(name)
    elapsed = time.perf_counter() - started

    assert elapsed < 0.25
    assert not cues.available
    assert reasons == [NO_DEVICE_CUES]
    assert cues.history == ["phase", "count", "count", "go", "tick", "finish"]
    assert flashed == cues.history


def test_unknown_cue_is_logged_and_ignored(qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    cues = CuePlayer(SOUNDS, output=WavOutput(audio_outputs=_no_devices))
    reasons: list[str] = []
    cues.unavailable.connect(reasons.append)

    with caplog.at_level(logging.WARNING, logger="cramp_coach.ui.audio.cues"):
        cues.play("fanfare")

    assert cues.history == []
    assert reasons == []
    assert "unknown sound cue 'fanfare'" in caplog.text


def test_disabled_cues_record_nothing_until_enabled(qtbot: QtBot) -> None:
    cues = CuePlayer(SOUNDS, enabled=False, output=WavOutput(audio_outputs=_no_devices))
    reasons: list[str] = []
    cues.unavailable.connect(reasons.append)

    cues.play("phase")
    cues.play("tick")
    assert (cues.history, reasons) == ([], [])

    cues.set_enabled(True)
    cues.play("tick")
    assert cues.history == ["tick"]
    assert reasons == [NO_DEVICE_CUES]


def test_missing_sounds_folder_reports_the_missing_file(qtbot: QtBot, tmp_path: Path) -> None:
    cues = CuePlayer(tmp_path / "no-such-folder", output=WavOutput(audio_outputs=_one_fake_device))
    reasons: list[str] = []
    cues.unavailable.connect(reasons.append)

    cues.play("phase")
    cues.play("finish")

    assert cues.history == ["phase", "finish"]
    assert reasons == ["The sound file phase.wav is missing — cues are shown on screen only."]


def test_undecodable_wav_neither_raises_nor_hangs(qtbot: QtBot, tmp_path: Path) -> None:
    for name in CUE_NAMES:
        (tmp_path / f"{name}.wav").write_bytes(b"RIFF\x10\x00\x00\x00WAVEnot really a wave file" * 20)
    output = WavOutput(audio_outputs=_one_fake_device)
    cues = CuePlayer(tmp_path, output=output)
    reasons: list[str] = []
    cues.unavailable.connect(reasons.append)

    # Decoding happens off the caller's back; wait for it to give up (it must, promptly).
    qtbot.waitUntil(lambda: not output.loading, timeout=5000)
    cues.play("count")
    cues.play("count")

    assert cues.history == ["count", "count"]
    assert reasons == ["The sound file count.wav could not be played — cues are shown on screen only."]


def test_without_qtmultimedia_cues_stay_silent_and_say_why(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    # What a Linux machine without libpulse0 does: the import itself fails.
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)
    cues = CuePlayer(SOUNDS)
    reasons: list[str] = []
    cues.unavailable.connect(reasons.append)

    cues.set_volume(0.5)
    cues.play("phase")

    assert not cues.available
    assert cues.history == ["phase"]
    assert reasons == ["Sound support is not installed on this computer — cues are shown on screen only."]


def test_real_audio_stack_never_raises_whatever_the_machine_has(qtbot: QtBot) -> None:
    # No injected devices: the real QMediaDevices (no sound card on CI, maybe speakers here).
    cues = CuePlayer(SOUNDS, volume=0.0)
    reasons: list[str] = []
    cues.unavailable.connect(reasons.append)

    for name in CUE_NAMES:
        cues.play(name)
    cues.set_volume(2.0)
    cues.set_enabled(False)

    assert cues.history == list(CUE_NAMES)
    assert len(reasons) <= 1
    assert cues.available == (reasons == [])


# -- Speaker ----------------------------------------------------------------------------


def _speaker(cache: Path, **kwargs: object) -> Speaker:
    kwargs.setdefault("output", WavOutput(audio_outputs=_no_devices))
    kwargs.setdefault("native_engine", None)
    return Speaker(cache, **kwargs)  # type: ignore[arg-type]


@needs_espeak
def test_prepare_renders_every_line_to_a_cached_wav(qtbot: QtBot, tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "speech"
    speaker = _speaker(cache)
    lines = ["Sit on the edge of the bed.", "Hold for thirty seconds.", "Relax."]

    speaker.prepare([*lines, "Relax."])
    assert speaker.busy  # prepare() only queued the work
    qtbot.waitUntil(lambda: not speaker.busy and all(speaker.cache_path(t).is_file() for t in lines), timeout=10_000)

    for text in lines:
        path = speaker.cache_path(text)
        assert path.parent == cache
        assert path.read_bytes()[:4] == b"RIFF"
        params, _ = _read_wav(path)
        assert params.nchannels == 1
        assert params.nframes / params.framerate > 0.3  # real speech, not an empty file
    assert sorted(p.name for p in cache.iterdir()) == sorted(speaker.cache_path(t).name for t in lines)
    assert speaker.history == []  # preparing is not speaking


@needs_espeak
def test_say_speaks_a_prepared_line_at_once(qtbot: QtBot, tmp_path: Path) -> None:
    speaker = _speaker(tmp_path)
    speaker.prepare(["Flex your foot."])
    qtbot.waitUntil(lambda: not speaker.busy, timeout=10_000)

    speaker.say("Flex  your foot.\n")  # same line, other whitespace: same cache entry

    assert speaker.history == ["Flex your foot."]
    assert not speaker.busy


@needs_espeak
def test_say_renders_an_unprepared_line_then_speaks_it(qtbot: QtBot, tmp_path: Path) -> None:
    speaker = _speaker(tmp_path)
    reasons: list[str] = []
    speaker.unavailable.connect(reasons.append)

    with qtbot.waitSignal(speaker.spoken, timeout=5000) as blocker:
        speaker.say("Point your toes towards your knee.")
        assert speaker.history == []  # not rendered yet: say() did not wait for it

    assert blocker.args == ["Point your toes towards your knee."]
    assert speaker.history == ["Point your toes towards your knee."]
    assert speaker.cache_path("Point your toes towards your knee.").is_file()
    assert reasons == [NO_DEVICE_SPEECH]  # heard by no one, but the screen knows what was said


@needs_espeak
def test_a_newer_say_drops_the_line_still_rendering(qtbot: QtBot, tmp_path: Path) -> None:
    speaker = _speaker(tmp_path)

    speaker.say("Straighten your knee.")
    speaker.say("Now the other leg.")
    qtbot.waitUntil(lambda: not speaker.busy, timeout=10_000)

    assert speaker.history == ["Now the other leg."]
    assert speaker.cache_path("Straighten your knee.").is_file()  # rendered, cached, never said


@needs_espeak
def test_a_line_ready_too_late_is_not_spoken(qtbot: QtBot, tmp_path: Path) -> None:
    clock = FakeClock()
    speaker = _speaker(tmp_path, clock=clock)

    speaker.say("Hold it there.")
    clock.advance(2.0)  # the render "took" two seconds
    qtbot.waitUntil(lambda: not speaker.busy, timeout=10_000)
    assert speaker.history == []
    assert speaker.cache_path("Hold it there.").is_file()

    speaker.say("Breathe out slowly.")
    clock.advance(1.0)  # late, but within the 1.5 s allowed
    qtbot.waitUntil(lambda: not speaker.busy, timeout=10_000)
    assert speaker.history == ["Breathe out slowly."]


@needs_espeak
def test_disabled_speaker_renders_and_says_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    speaker = _speaker(tmp_path / "cache", enabled=False)

    speaker.prepare(["One.", "Two."])
    speaker.say("Three.")

    assert not speaker.busy
    assert speaker.history == []
    assert not (tmp_path / "cache").exists()


def test_missing_espeak_is_a_quiet_no_op(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda *args, **kwargs: None)
    speaker = _speaker(tmp_path, native_engine=default_native_engine("linux"))
    reasons: list[str] = []
    speaker.unavailable.connect(reasons.append)

    speaker.prepare(["Stand up slowly."])
    speaker.say("Stand up slowly.")
    speaker.say("Sit down.")
    speaker.stop()

    assert not speaker.available
    assert not speaker.busy
    assert speaker.history == []
    assert reasons == ["Speech engine espeak-ng not found — spoken guidance is off."]
    assert list(tmp_path.iterdir()) == []
    assert speaker.findChild(QTextToSpeech) is None  # Linux never falls back to the slow speechd engine


def test_nonexistent_engine_path_is_a_quiet_no_op(qtbot: QtBot, tmp_path: Path) -> None:
    speaker = _speaker(tmp_path / "cache", executable=str(tmp_path / "no-such-espeak"))
    reasons: list[str] = []
    speaker.unavailable.connect(reasons.append)

    speaker.say("Hello.")
    speaker.say("Hello again.")

    assert speaker.history == []
    assert len(reasons) == 1
    assert reasons[0].endswith("not found — spoken guidance is off.")


def test_an_engine_that_cannot_start_is_reported_once(qtbot: QtBot, tmp_path: Path) -> None:
    engine = tmp_path / "broken-espeak"
    engine.write_text("#!/no/such/interpreter\n", encoding="utf-8")
    engine.chmod(0o755)
    speaker = _speaker(tmp_path / "cache", executable=str(engine))
    reasons: list[str] = []
    speaker.unavailable.connect(reasons.append)

    with qtbot.waitSignal(speaker.unavailable, timeout=5000):
        speaker.prepare(["One.", "Two."])
        speaker.say("Three.")
    speaker.say("Four.")
    qtbot.waitUntil(lambda: not speaker.busy, timeout=5000)

    assert speaker.history == []
    assert reasons == [f"Speech engine {engine} could not be started — spoken guidance is off."]


def test_a_hung_render_is_killed_and_the_line_skipped(qtbot: QtBot, tmp_path: Path) -> None:
    engine = _fake_engine(tmp_path, "exec sleep 30")
    speaker = _speaker(tmp_path / "cache", executable=str(engine), render_timeout_ms=200)

    speaker.say("This engine never answers.")
    qtbot.waitUntil(lambda: not speaker.busy, timeout=5000)

    assert speaker.history == []
    assert list((tmp_path / "cache").iterdir()) == []  # no cache entry, no half-written file


def test_a_render_that_is_not_a_wav_is_never_cached(qtbot: QtBot, tmp_path: Path) -> None:
    # Like espeak-ng, this exits 0 whatever happened; only the file tells the truth.
    engine = _fake_engine(tmp_path, 'while [ "$#" -gt 0 ]; do [ "$1" = -w ] && printf junk > "$2"; shift; done')
    speaker = _speaker(tmp_path / "cache", executable=str(engine))

    speaker.say("Garbage in.")
    qtbot.waitUntil(lambda: not speaker.busy, timeout=5000)

    assert speaker.history == []
    assert list((tmp_path / "cache").iterdir()) == []


def test_native_engine_stands_in_when_espeak_is_missing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda *args, **kwargs: None)
    speaker = _speaker(tmp_path, native_engine="mock")
    reasons: list[str] = []
    speaker.unavailable.connect(reasons.append)

    speaker.say("Rub the muscle gently.")

    tts = speaker.findChild(QTextToSpeech)
    assert tts is not None
    assert tts.engine() == "mock"
    assert tts.state() == QTextToSpeech.State.Speaking
    assert speaker.available
    assert speaker.history == ["Rub the muscle gently."]
    assert reasons == []
    speaker.stop()
    qtbot.waitUntil(lambda: tts.state() == QTextToSpeech.State.Ready, timeout=2000)


@pytest.mark.parametrize(
    ("platform", "engine"), [("linux", None), ("darwin", "darwin"), ("win32", "winrt"), ("freebsd14", None)]
)
def test_native_fallback_is_only_a_fast_built_in_engine(platform: str, engine: str | None) -> None:
    assert default_native_engine(platform) == engine
