"""``cramp-coach check`` as a real process on whatever machine runs the tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TOPICS = ("Display", "Sound", "Voice", "Data folder", "Diary", "Reminders")


def test_check_reports_every_topic_and_exits_by_what_it_found(tmp_path: Path) -> None:
    # No display on purpose (whatever this machine has): the check must fall back, not abort.
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["CRAMP_COACH_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "cramp_coach", "check"], capture_output=True, text=True, timeout=60, env=env
    )
    lines = result.stdout.splitlines()
    found = {line[4:].split(":")[0]: line[:2] for line in lines if line[:3] in ("OK ", "NO ")}
    assert set(found) == set(TOPICS), result.stdout + result.stderr
    assert found["Display"] == "NO"
    assert "No desktop was found" in result.stdout
    assert found["Data folder"] == "OK"
    assert lines[-1].startswith("Needs attention:")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
