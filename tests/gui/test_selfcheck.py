"""The self-check with each missing part faked: no display, no sound server, no device,
no speech engine, no tray; and everything present. Plus the Settings button."""

from __future__ import annotations

import stat
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from pytestqt.qtbot import QtBot

from cramp_coach import paths, selfcheck
from cramp_coach.selfcheck import Finding
from cramp_coach.ui.audio.cues import NO_DEVICE, NO_MULTIMEDIA, WavOutput
from cramp_coach.ui.audio.speech import Speaker
from cramp_coach.ui.selfcheck import SelfCheck, display_finding, sound_finding
from cramp_coach.ui.sound_check_panel import SoundCheckPanel
from tests.conftest import REPO

SOUNDS = REPO / "assets" / "sounds"


def _fake_engine(folder: Path) -> Path:
    """Stands in for espeak-ng: copies a real WAV to the file named after -w."""
    script = folder / "fake-espeak"
    script.write_text(
        f'#!/bin/sh\nwhile [ "$1" != "-w" ]; do shift; done\ncp "{SOUNDS / "finish.wav"}" "$2"\n', encoding="utf-8"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def _run(
    qtbot: QtBot,
    data: Path,
    *,
    devices: list[object],
    engine: str,
    tray: bool,
    platform_name: str,
    environ: dict[str, str],
) -> list[Finding]:
    parent = QObject()
    output = WavOutput(parent, audio_outputs=lambda: devices)
    check = SelfCheck(
        paths.DataPaths(data),
        parent,
        cache_dir=data / "speech",
        output=output,
        speaker=lambda folder, out: Speaker(folder, parent, output=out, executable=engine, native_engine=None),
        tray_available=lambda: tray,
        platform_name=platform_name,
        environ=environ,
        listen_ms=0,
    )
    with qtbot.waitSignal(check.finished, timeout=5000) as blocker:
        check.start()
    findings: list[Finding] = blocker.args[0]
    assert [finding.topic for finding in findings] == [
        "Display",
        "Sound",
        "Voice",
        "Data folder",
        "Diary",
        "Reminders",
    ]
    return findings


def _by_topic(findings: list[Finding]) -> dict[str, Finding]:
    return {finding.topic: finding for finding in findings}


def test_everything_missing_is_reported_in_plain_words(qtbot: QtBot, tmp_path: Path) -> None:
    findings = _by_topic(
        _run(
            qtbot,
            tmp_path / "data",
            devices=[],
            engine=str(tmp_path / "no-such-espeak"),
            tray=False,
            platform_name="offscreen",
            environ={"XDG_RUNTIME_DIR": str(tmp_path)},
        )
    )
    assert not findings["Display"].ok
    assert "No desktop was found" in findings["Display"].says
    assert not findings["Sound"].ok
    assert "No sound server is running" in findings["Sound"].says
    assert not findings["Voice"].ok
    assert "is not installed" in findings["Voice"].says
    assert "espeak-ng" in findings["Voice"].fix
    assert findings["Data folder"].ok
    assert findings["Diary"].ok
    assert not findings["Reminders"].ok
    assert selfcheck.exit_status(list(findings.values())) == 1


def test_everything_present_exits_zero(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "pulse").mkdir()
    (tmp_path / "pulse" / "native").touch()
    findings = _run(
        qtbot,
        tmp_path / "data",
        devices=["fake speakers"],
        engine=str(_fake_engine(tmp_path)),
        tray=True,
        platform_name="xcb",
        environ={"DISPLAY": ":0", "XDG_RUNTIME_DIR": str(tmp_path)},
    )
    assert [finding for finding in findings if not finding.ok] == []
    assert _by_topic(findings)["Voice"].says.startswith("A test line was spoken")
    assert (tmp_path / "data" / "speech").is_dir()  # the line really went through the render route
    assert selfcheck.exit_status(findings) == 0


def test_a_server_without_a_device_and_a_working_engine(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "pipewire-0").touch()
    findings = _by_topic(
        _run(
            qtbot,
            tmp_path / "data",
            devices=[],
            engine=str(_fake_engine(tmp_path)),
            tray=True,
            platform_name="wayland",
            environ={"WAYLAND_DISPLAY": "wayland-0", "XDG_RUNTIME_DIR": str(tmp_path)},
        )
    )
    assert findings["Sound"].says == "PipeWire is running but offers no speaker or headphones."
    assert findings["Voice"].ok  # the engine works; the sound finding says why nothing is heard
    assert "nothing can be heard until sound works" in findings["Voice"].says
    assert findings["Display"].ok


def test_a_damaged_diary_is_reported(qtbot: QtBot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "diary.sqlite3").write_bytes(b"garbage" * 200)
    findings = _by_topic(
        _run(
            qtbot,
            data,
            devices=[],
            engine=str(tmp_path / "none"),
            tray=True,
            platform_name="xcb",
            environ={"DISPLAY": ":0"},
        )
    )
    assert not findings["Diary"].ok
    assert "cramp-coach diary repair" in findings["Diary"].fix
    assert findings["Data folder"].ok


def test_display_and_sound_wording() -> None:
    assert "could not open a window" in display_finding("offscreen", "X11").says
    assert "libxcb-cursor0" in display_finding("offscreen", "X11").fix
    assert display_finding("xcb", "X11") == Finding("Display", True, "The app's window can be shown (X11).")
    missing = sound_finding(NO_MULTIMEDIA, "PulseAudio", "linux")
    assert "libpulse0" in missing.fix
    assert "cramp-coach[playsound]" in missing.fix
    assert sound_finding(NO_DEVICE, None, "linux").fix.startswith("log in to a desktop session")


def test_the_settings_button_plays_and_reports(qtbot: QtBot, tmp_path: Path) -> None:
    made: list[SelfCheck] = []

    def make(parent: QObject) -> SelfCheck:
        check = SelfCheck(
            paths.DataPaths(tmp_path / "data"),
            parent,
            output=WavOutput(parent, audio_outputs=lambda: []),
            speaker=lambda folder, out: Speaker(folder, parent, output=out, executable="/none", native_engine=None),
            tray_available=lambda: True,
            platform_name="xcb",
            environ={"DISPLAY": ":0", "XDG_RUNTIME_DIR": str(tmp_path)},
        )
        made.append(check)
        return check

    panel = SoundCheckPanel(make)
    qtbot.addWidget(panel)
    assert not panel.result.isVisibleTo(panel)
    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)
    assert not panel.button.isEnabled()  # one test at a time
    qtbot.waitUntil(panel.button.isEnabled, timeout=5000)
    assert panel.result.text() == "Needs attention: sound and voice."
    assert panel.dialog is not None
    text = panel.dialog.details.text()
    assert "✗ Sound: No sound server is running" in text
    assert "✗ Voice: The speech engine espeak-ng is not installed" in text
    assert "What to do: install the package espeak-ng" in text
    assert "✓ Display" in text
    assert len(made) == 1
    panel.dialog.reject()
