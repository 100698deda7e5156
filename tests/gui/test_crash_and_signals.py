"""An exception in a slot and a termination signal: logged, told calmly, ended cleanly."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cramp_coach.ui.crash_guard import MAX_LOG_BYTES, CrashGuard
from cramp_coach.ui.termination import TerminationSignals


class Emitter(QObject):
    fired = Signal()


@pytest.fixture
def guard(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[CrashGuard, list[str]]]:
    window = QWidget()
    qtbot.addWidget(window)
    asked: list[str] = []
    crash_guard = CrashGuard(tmp_path / "logs" / "cramp-coach.log", window, lambda: asked.append("cramp now"))
    crash_guard.install()
    yield crash_guard, asked
    crash_guard.uninstall()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_logged_and_told_with_cramp_now_one_click_away(
    guard: tuple[CrashGuard, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    crash_guard, asked = guard
    emitter = Emitter()

    def broken() -> None:
        raise ValueError("a bug in a slot")

    emitter.fired.connect(broken)
    emitter.fired.emit()  # PySide6 hands the exception to sys.excepthook; the app goes on
    emitter.fired.emit()

    assert crash_guard.count == 2
    log = crash_guard.log_file.read_text(encoding="utf-8")
    assert log.count("ValueError: a bug in a slot") == 2
    assert "in broken" in log
    box = crash_guard.message_box
    assert box is not None
    assert box.isVisible()
    assert not box.isModal()
    assert str(crash_guard.log_file) in box.informativeText()
    [cramp] = [button for button in box.buttons() if button.text() == "Cramp now"]
    cramp.click()
    assert asked == ["cramp now"]
    assert "ValueError" in capsys.readouterr().err  # still on stderr for a terminal user


def test_the_log_is_started_afresh_when_it_grows_too_big(guard: tuple[CrashGuard, list[str]]) -> None:
    crash_guard, _ = guard
    crash_guard.log_file.parent.mkdir(parents=True)
    crash_guard.log_file.write_text("x" * (MAX_LOG_BYTES + 1))
    try:
        raise RuntimeError("again")
    except RuntimeError:
        crash_guard.handle(*sys.exc_info())  # type: ignore[arg-type]
    assert crash_guard.log_file.stat().st_size < MAX_LOG_BYTES
    assert crash_guard.log_file.with_name("cramp-coach.log.1").stat().st_size > MAX_LOG_BYTES


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM])
def test_a_termination_signal_wakes_the_event_loop_once(qtbot: QtBot, number: signal.Signals) -> None:
    signals = TerminationSignals()
    signals.install()
    try:
        received: list[int] = []
        signals.requested.connect(received.append)
        with qtbot.waitSignal(signals.requested, timeout=5000):
            os.kill(os.getpid(), number)
        os.kill(os.getpid(), number)  # a second Ctrl+C does not start a second shutdown
        QApplication.processEvents()  # the second wake-up byte is read, and ignored
        assert received == [number]
    finally:
        signals.uninstall()
    assert signal.getsignal(number) is not signals._on_signal
