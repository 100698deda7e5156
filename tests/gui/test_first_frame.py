"""The first frame never builds PySide6's Qt namespace (a fifth of a bare window's start-up),
nor, on Home, the Python classes of every QEvent subclass."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from cramp_coach.ui import first_frame
from cramp_coach.ui.cramp.urgent_banner import UrgentBanner
from cramp_coach.ui.widgets.common import label, restyle

PROBE = """
import os, sys
import PySide6.QtCore as core
import PySide6.QtWidgets as widgets
from cramp_coach import cli
from cramp_coach.ui.main_window import MainWindow
seen = {}
original = MainWindow.report_paint
def watch(self, screen):
    result = original(self, screen)
    if self._painted and not seen:
        seen["qt"] = "Qt" in vars(core)
        print("qt namespace built:", seen["qt"], flush=True)
        print("event classes built:", "QGraphicsSceneEvent" in vars(widgets), flush=True)
        os._exit(0)
    return result
MainWindow.report_paint = watch
sys.exit(cli.main(["--data-dir", sys.argv[1], *sys.argv[2:]]))
"""


@pytest.mark.parametrize("start", [[], ["--emergency"]], ids=["home", "emergency"])
def test_the_first_frame_never_builds_the_qt_namespace(tmp_path: Path, start: list[str]) -> None:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(tmp_path)}
    warm_up = [sys.executable, "-c", PROBE, str(tmp_path / "data"), *start]
    subprocess.run(warm_up, env=environment, capture_output=True, text=True, timeout=60, check=False)
    result = subprocess.run(warm_up, env=environment, capture_output=True, text=True, timeout=60, check=False)
    assert "qt namespace built: False" in result.stdout, result.stdout + result.stderr
    if not start:
        # Home's first frame hands no plain QEvent to Python (main_window.Screen says why);
        # Cramp now's frame still refits on a style change through changeEvent.
        assert "event classes built: False" in result.stdout, result.stdout + result.stderr


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


def test_the_urgent_banner_keeps_its_markup_when_built_before_the_first_paint(qtbot: QtBot) -> None:
    first_frame.start()
    try:
        banner = UrgentBanner("Call for help.")
        qtbot.addWidget(banner)
    finally:
        first_frame.painted()
    assert banner.message.textFormat().name == "RichText"


def test_a_role_set_before_the_window_is_shown_applies_when_it_is(qtbot: QtBot) -> None:
    host = QWidget()
    host.setStyleSheet('QLabel[role="title"] { font-size: 40px; } QLabel { font-size: 10px; }')
    first_frame.start()
    try:
        text = label("Where is the cramp?", parent=host)
        text.setProperty("role", "title")
        restyle(text)  # nothing is polished yet: a no-op
        first_frame.showing()
        qtbot.addWidget(host)
        host.show()
        assert text.font().pixelSize() == 40
        text.setProperty("role", "")
        restyle(text)  # shown: polished again at once
        assert text.font().pixelSize() == 10
    finally:
        first_frame.painted()


SIGNAL_PROBE = """
import gc, os, signal, sys
from PySide6.QtCore import QTimer
from cramp_coach import cli
from cramp_coach.ui.main_window import MainWindow
seen = []
original = MainWindow.report_paint
def watch(self, screen):
    result = original(self, screen)
    if self._painted and not seen:
        seen.append(signal.getsignal(signal.SIGINT) is signal.SIG_DFL)
        print("at first paint, Ctrl+C ends at once:", seen[0], flush=True)
        print("at first paint, the cycle collector is off:", not gc.isenabled(), flush=True)
        def later():
            print("after it, a clean ending:", signal.getsignal(signal.SIGINT) is not signal.SIG_DFL, flush=True)
            print("and the cycle collector is on:", gc.isenabled(), flush=True)
            os._exit(0)
        QTimer.singleShot(50, later)
    return result
MainWindow.report_paint = watch
sys.exit(cli.main(["--data-dir", sys.argv[1]]))
"""


def test_before_the_first_frame_ctrl_c_ends_at_once_and_nothing_is_collected(
    tmp_path: Path,
) -> None:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(tmp_path)}
    command = [sys.executable, "-c", SIGNAL_PROBE, str(tmp_path / "data")]
    result = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=60, check=False)
    assert "at first paint, Ctrl+C ends at once: True" in result.stdout, result.stdout + result.stderr
    assert "after it, a clean ending: True" in result.stdout, result.stdout + result.stderr
    # Start-up makes objects that live on: collecting them before the first frame only walks them.
    assert "at first paint, the cycle collector is off: True" in result.stdout, result.stdout + result.stderr
    assert "and the cycle collector is on: True" in result.stdout, result.stdout + result.stderr
