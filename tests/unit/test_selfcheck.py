"""The Qt-free half of ``cramp-coach check``: each probe with its missing part faked."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest

from cramp_coach import selfcheck
from cramp_coach.selfcheck import Finding


def test_a_writable_data_folder_is_ok_and_left_clean(tmp_path: Path) -> None:
    finding = selfcheck.check_data_folder(tmp_path / "new")
    assert finding.ok
    assert list((tmp_path / "new").iterdir()) == []


def test_an_unwritable_data_folder_says_so_and_what_to_do(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    finding = selfcheck.check_data_folder(blocker / "cramp-coach")
    assert not finding.ok
    assert "cannot be written" in finding.says
    assert "--data-dir" in finding.fix


def test_no_diary_yet_is_fine(tmp_path: Path) -> None:
    finding = selfcheck.check_diary(tmp_path / "diary.sqlite3")
    assert finding.ok
    assert "No diary yet" in finding.says


def test_a_healthy_diary_counts_its_entries(tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE cramp_episodes (id INTEGER PRIMARY KEY)")
        connection.execute("CREATE TABLE routine_sessions (id INTEGER PRIMARY KEY)")
        connection.executemany("INSERT INTO cramp_episodes DEFAULT VALUES", [()] * 2)
        connection.execute("INSERT INTO routine_sessions DEFAULT VALUES")
    connection.close()
    before = path.read_bytes()
    finding = selfcheck.check_diary(path)
    assert finding == Finding("Diary", True, "The diary is healthy (3 entries).")
    assert path.read_bytes() == before  # read-only


def test_a_damaged_diary_is_reported_not_repaired(tmp_path: Path) -> None:
    path = tmp_path / "diary.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    finding = selfcheck.check_diary(path)
    assert not finding.ok
    assert "cannot be read" in finding.says
    assert path.read_bytes() == b"this is not a database" * 100


def test_a_missing_speech_engine_says_what_to_install(tmp_path: Path) -> None:
    finding, wav = selfcheck.check_speech_engine(tmp_path, which=lambda _name: None, platform="linux")
    assert not finding.ok
    assert wav is None
    assert "sudo apt install espeak-ng" in finding.fix


def test_an_engine_that_writes_nothing_is_not_trusted(tmp_path: Path) -> None:
    calls: list[list[str]] = []

    def exits_zero_but_writes_nothing(args: list[str], **_kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        calls.append(args)
        return subprocess.CompletedProcess(args, 0, b"", b"")

    finding, _wav = selfcheck.check_speech_engine(
        tmp_path, which=lambda _name: "/usr/bin/espeak-ng", run=exits_zero_but_writes_nothing
    )
    assert not finding.ok
    assert "made no sound file" in finding.says
    assert calls[0][-1] == selfcheck.TEST_LINE


def test_an_engine_that_writes_a_wav_is_ok(tmp_path: Path) -> None:
    def writes(args: list[str], **_kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        Path(args[args.index("-w") + 1]).write_bytes(b"RIFF" + b"\0" * 4 + b"WAVE" + b"\0" * 40)
        return subprocess.CompletedProcess(args, 0, b"", b"")

    finding, wav = selfcheck.check_speech_engine(tmp_path, which=lambda _name: "/x/espeak-ng", run=writes)
    assert finding.ok
    assert wav == tmp_path / "check-voice.wav"


def test_sound_server_is_found_by_its_socket(tmp_path: Path) -> None:
    env = {"XDG_RUNTIME_DIR": str(tmp_path)}
    assert selfcheck.sound_server(env, "linux") is None
    (tmp_path / "pulse").mkdir()
    (tmp_path / "pulse" / "native").touch()
    assert selfcheck.sound_server(env, "linux") == "PulseAudio"
    (tmp_path / "pipewire-0").touch()
    assert selfcheck.sound_server(env, "linux") == "PipeWire"
    assert selfcheck.sound_server({}, "darwin") == "the system's"


@pytest.mark.parametrize(
    ("env", "session", "qt_choice"),
    [
        ({}, None, "xcb;offscreen"),
        ({"DISPLAY": ":0"}, "X11", "xcb;offscreen"),
        ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, "Wayland", "wayland;xcb;offscreen"),
        ({"QT_QPA_PLATFORM": "offscreen"}, None, None),  # the user's choice stands
    ],
)
def test_display_session_and_the_platforms_tried(env: dict[str, str], session: str | None, qt_choice: str) -> None:
    assert selfcheck.display_session(env, "linux") == session
    assert selfcheck.qt_platform_choice(env, "linux") == qt_choice


def test_report_and_exit_status() -> None:
    good = Finding("Voice", True, "Works.")
    bad = Finding("Sound", False, "No server.", "start one")
    tray = Finding("Reminders", False, "No tray.")
    assert selfcheck.exit_status([good]) == 0
    assert selfcheck.exit_status([good, bad]) == 1
    assert selfcheck.report([good, bad]) == "OK  Voice: Works.\nNO  Sound: No server.\n    What to do: start one."
    assert selfcheck.summary([good]) == "Everything the app needs works on this computer."
    assert selfcheck.summary([bad, good, tray]) == "Needs attention: sound and reminders."
