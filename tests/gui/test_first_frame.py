"""The first frame never builds PySide6's Qt namespace (a fifth of a bare window's start-up)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from cramp_coach.ui import first_frame
from cramp_coach.ui.widgets.common import label

PROBE = """
import os, sys
import PySide6.QtCore as core
from cramp_coach import cli
from cramp_coach.ui.main_window import MainWindow
seen = {}
original = MainWindow.eventFilter
def watch(self, watched, event):
    result = original(self, watched, event)
    if self._painted and not seen:
        seen["qt"] = "Qt" in vars(core)
        print("qt namespace built:", seen["qt"], flush=True)
        os._exit(0)
    return result
MainWindow.eventFilter = watch
sys.exit(cli.main(["--data-dir", sys.argv[1], *sys.argv[2:]]))
"""


def test_home_reaches_its_first_frame_without_the_qt_namespace(tmp_path: Path) -> None:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    warm_up = [sys.executable, "-c", PROBE, str(tmp_path)]
    subprocess.run(warm_up, env=environment, capture_output=True, text=True, timeout=60, check=False)
    result = subprocess.run(warm_up, env=environment, capture_output=True, text=True, timeout=60, check=False)
    assert "qt namespace built: False" in result.stdout, result.stdout + result.stderr


def test_work_waits_for_the_first_paint_only_while_the_app_starts(qtbot: QtBot) -> None:
    done: list[str] = []
    first_frame.later(lambda: done.append("at once"))
    assert done == ["at once"]
    first_frame.start()
    try:
        first_frame.later(lambda: done.append("after paint"))
        text = label("<b>not bold</b>")
        qtbot.addWidget(text)
        assert done == ["at once"]
    finally:
        first_frame.painted()
    assert done == ["at once", "after paint"]
    assert text.textFormat().name == "PlainText"
