"""Sound through playsound3 when QtMultimedia cannot load, with a fake player program.

The fake ``ffplay`` records what it was asked to play, then keeps running, so a test can
see that playing returned while the "sound" was still going (nothing blocks the UI).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from cramp_coach.ui.audio import cues, external
from cramp_coach.ui.audio.cues import NO_MULTIMEDIA, CuePlayer, WavOutput
from cramp_coach.ui.audio.external import ExternalPlayer
from tests.conftest import REPO

playsound3 = pytest.importorskip("playsound3", reason="the optional extra cramp-coach[playsound] is not installed")

SOUNDS = REPO / "assets" / "sounds"


@pytest.fixture
def fake_ffplay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Put a fake ``ffplay`` first on PATH; returns the log it writes each file it plays to."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "played.log"
    script = bin_dir / "ffplay"
    # The last argument is the file; `exec sleep` so stopping the player ends the process itself.
    script.write_text(f'#!/bin/sh\nfor last; do :; done\necho "$last" >> "{log}"\nexec sleep 30\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return log


def _played(log: Path) -> list[str]:
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def test_playing_returns_while_the_player_still_runs(qtbot: QtBot, fake_ffplay: Path) -> None:
    player = ExternalPlayer("ffplay", playsound3)
    assert player.play("cue:phase", SOUNDS / "phase.wav") is None
    assert player.is_playing("cue:phase")  # returned at once: the 30 s "sound" is still going
    qtbot.waitUntil(lambda: _played(fake_ffplay) == [str(SOUNDS / "phase.wav")], timeout=5000)
    player.stop()
    assert not player.is_playing("cue:phase")
    player.close()


def test_a_new_sound_on_a_channel_stops_the_last(qtbot: QtBot, fake_ffplay: Path) -> None:
    player = ExternalPlayer("ffplay", playsound3)
    player.play("speech", SOUNDS / "go.wav")
    first = player._playing["speech"]
    player.play("speech", SOUNDS / "finish.wav")
    qtbot.waitUntil(lambda: not first.is_alive(), timeout=5000)
    assert player.is_playing("speech")
    player.close()


def test_failures_are_sentences_not_exceptions(tmp_path: Path) -> None:
    player = ExternalPlayer("ffplay", playsound3)
    assert player.play("cue:go", tmp_path / "missing.wav") == "The sound file missing.wav could not be played"
    assert ExternalPlayer("no-such-backend", playsound3).play("cue:go", SOUNDS / "go.wav") == (
        "The sound file go.wav could not be played"
    )


def test_cues_fall_back_to_the_external_player_only_without_qtmultimedia(
    qtbot: QtBot, fake_ffplay: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cues, "_import_multimedia", lambda: None)
    parent = QObject()
    output = WavOutput(parent, external=lambda: ExternalPlayer("ffplay", playsound3))
    player = CuePlayer(SOUNDS, parent, output=output)
    problems: list[str] = []
    player.unavailable.connect(problems.append)
    assert player.available
    player.play("phase")
    player.play("finish")
    qtbot.waitUntil(lambda: len(_played(fake_ffplay)) == 2, timeout=5000)
    assert _played(fake_ffplay) == [str(SOUNDS / "phase.wav"), str(SOUNDS / "finish.wav")]
    assert problems == []
    assert player.history == ["phase", "finish"]
    assert output.external is not None
    output.external.close()


def test_without_a_player_program_sound_stays_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cues, "_import_multimedia", lambda: None)
    output = WavOutput(None, external=lambda: None)
    assert output.problem() == NO_MULTIMEDIA
    assert output.play("cue:go") == NO_MULTIMEDIA


def test_the_fallback_is_not_even_looked_for_when_qt_sound_loads() -> None:
    asked: list[bool] = []
    output = WavOutput(None, audio_outputs=list, external=lambda: asked.append(True) or None)
    assert asked == []
    assert output.external is None


def test_load_player_uses_playsound3s_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(playsound3, "DEFAULT_BACKEND", None)
    assert external.load_player() is None
    chosen = external.load_player("ffplay")
    assert chosen is not None
    assert chosen.backend == "ffplay"


def test_the_self_check_says_sound_goes_through_the_external_player(
    qtbot: QtBot, fake_ffplay: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from cramp_coach import paths
    from cramp_coach.ui.audio.speech import Speaker
    from cramp_coach.ui.selfcheck import SelfCheck

    monkeypatch.setattr(cues, "_import_multimedia", lambda: None)
    parent = QObject()
    output = WavOutput(parent, external=lambda: ExternalPlayer("ffplay", playsound3))
    check = SelfCheck(
        paths.DataPaths(tmp_path / "data"),
        parent,
        output=output,
        speaker=lambda folder, out: Speaker(folder, parent, output=out, executable="/none", native_engine=None),
        tray_available=lambda: True,
        platform_name="xcb",
        environ={"DISPLAY": ":0"},
    )
    with qtbot.waitSignal(check.finished, timeout=5000) as blocker:
        check.start()
    sound = blocker.args[0][1]
    assert sound.ok
    assert "through another program (ffplay)" in sound.says
    qtbot.waitUntil(lambda: _played(fake_ffplay) == [str(SOUNDS / "phase.wav")], timeout=5000)
    assert output.external is not None
    output.external.close()
