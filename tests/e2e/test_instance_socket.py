"""The single-instance socket exists while the app runs and is gone when it ends (quit or SIGTERM)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cramp_coach import instance

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="named pipes on Windows leave no file")


def start_app(data_dir: Path, *args: str) -> subprocess.Popen[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CRAMP_COACH_DATA_DIR": str(data_dir)}
    return subprocess.Popen(
        [sys.executable, "-m", "cramp_coach", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
    )


def wait_for(condition: object, process: subprocess.Popen[str], seconds: float = 60) -> None:
    """Poll a real process (this is an end-to-end test: the app runs on its own clock)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        try:
            process.wait(timeout=0.05)
        except subprocess.TimeoutExpired:
            continue
        raise AssertionError(f"the app ended early: {process.communicate()}")
    process.kill()
    raise AssertionError("timed out")


@pytest.mark.parametrize("ending", ["sigterm", "hand-over-then-sigterm"])
def test_the_socket_is_removed_when_the_app_ends(tmp_path: Path, runtime_dir: Path, ending: str) -> None:
    socket_path = Path(instance.server_name(tmp_path))
    assert socket_path.parent == runtime_dir
    process = start_app(tmp_path)
    try:
        wait_for(socket_path.exists, process)
        if ending == "hand-over-then-sigterm":
            # The app answers once its event loop is free again (it builds the other screens first).
            wait_for(lambda: instance.hand_over(str(socket_path), "show"), process)
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert not socket_path.exists()
    assert list(runtime_dir.glob("cramp-coach-*.sock")) == []


def test_a_stale_socket_from_a_killed_app_is_replaced(tmp_path: Path, runtime_dir: Path) -> None:
    socket_path = Path(instance.server_name(tmp_path))
    killed = start_app(tmp_path)
    wait_for(socket_path.exists, killed)
    killed.kill()  # SIGKILL: nothing can clean up
    killed.communicate(timeout=60)
    assert socket_path.exists()
    assert not instance.hand_over(str(socket_path), "show")  # nobody answers: start normally
    second = start_app(tmp_path)
    try:
        wait_for(lambda: instance.hand_over(str(socket_path), "show"), second)
        second.send_signal(signal.SIGTERM)
        second.communicate(timeout=60)
    finally:
        if second.poll() is None:
            second.kill()
            second.communicate()
    assert not socket_path.exists()
