"""The real ``cramp-coach`` process, started offscreen with its own data folder."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def run_app(
    data_dir: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 90
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CRAMP_COACH_DATA_DIR": str(data_dir), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "cramp_coach", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environment,
    )


def test_quit_after_first_paint(tmp_path: Path) -> None:
    result = run_app(tmp_path, env={"CRAMP_COACH_QUIT_AFTER_PAINT": "1", "CRAMP_COACH_TRACE_PAINT": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("painted home ")


def test_plays_the_bedtime_routine_and_records_it(tmp_path: Path) -> None:
    # 100x speed: the ~7-minute routine takes a few seconds of real time.
    result = run_app(tmp_path, "--start", "bedtime", "--time-scale", "100", "--quit-when-done")
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(tmp_path / "diary.sqlite3") as diary:
        rows = diary.execute("SELECT routine_id, status, phases_done, phases_total FROM routine_sessions").fetchall()
    [(routine_id, status, done, total)] = rows
    assert (routine_id, status) == ("bedtime", "completed")
    assert done == total > 20


def test_broken_user_routine_is_reported_and_the_app_still_starts(tmp_path: Path) -> None:
    routines = tmp_path / "routines"
    routines.mkdir()
    (routines / "mine.yaml").write_text("schema_version: 1\nkind: routine\ntitle: [\n")
    result = run_app(tmp_path, env={"CRAMP_COACH_QUIT_AFTER_PAINT": "1"})
    assert result.returncode == 0, result.stderr
    assert f"{routines / 'mine.yaml'}:4:1: yaml: expected valid YAML in the value, found nothing" in result.stderr


@pytest.mark.parametrize("emergency", [False, True])
def test_unknown_start_routine_is_a_clear_message(tmp_path: Path, emergency: bool) -> None:
    args = ["--start", "no-such-routine"] + (["--emergency"] if emergency else [])
    result = run_app(tmp_path, *args, env={"CRAMP_COACH_QUIT_AFTER_PAINT": "1"})
    assert result.returncode == 0
    assert "no routine with id 'no-such-routine'" in result.stderr


def test_second_launch_hands_over_to_the_running_app(tmp_path: Path) -> None:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CRAMP_COACH_TRACE_PAINT": "1"}
    primary = subprocess.Popen(
        [sys.executable, "-m", "cramp_coach", "--data-dir", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=environment,
    )
    try:
        assert primary.stdout is not None
        assert primary.stdout.readline().startswith("painted home ")
        # The server listens just after the first frame; a launch before that starts its own app.
        assert primary.stdout.readline().startswith("listening ")
        second = run_app(tmp_path, "--emergency", timeout=30)
        assert second.returncode == 0, second.stderr
        assert primary.stdout.readline().startswith("painted cramp-now ")
        assert primary.poll() is None, "the first instance keeps running"
    finally:
        primary.terminate()
        primary.wait(timeout=30)
        if primary.stdout is not None:
            primary.stdout.close()


@pytest.mark.parametrize(("number", "name"), [(signal.SIGTERM, "SIGTERM"), (signal.SIGINT, "SIGINT")])
def test_a_termination_signal_records_the_routine_as_stopped_and_checkpoints_the_diary(
    tmp_path: Path, number: signal.Signals, name: str
) -> None:
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "CRAMP_COACH_DATA_DIR": str(tmp_path),
        "CRAMP_COACH_TRACE_PAINT": "1",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "cramp_coach", "--start", "bedtime"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().startswith("painted player "), name
        process.send_signal(number)
        _, stderr = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 128 + number, stderr
    assert "Traceback" not in stderr
    assert "KeyboardInterrupt" not in stderr
    assert not (tmp_path / "diary.sqlite3-wal").exists() or (tmp_path / "diary.sqlite3-wal").stat().st_size == 0
    with sqlite3.connect(tmp_path / "diary.sqlite3") as diary:
        [(status,)] = diary.execute("SELECT status FROM routine_sessions").fetchall()
    assert status == "stopped"
