"""Guards against a Qt binding that corrupts the interpreter.

PySide6 6.12.0's ``SignalInstance.emit()`` returns ``True`` without taking a
reference, so every emission drains ``True``'s refcount; the player emits ten times a
second, and the process aborts ("deallocating True or False") minutes into a routine.
pyproject.toml pins a release without the bug; this test fails if the pin moves onto
one that has it.
"""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Source(QObject):
    fired = Signal(object)
source = Source()
received = [0]
def count(value):
    received[0] += 1
source.fired.connect(count)
before = sys.getrefcount(True), sys.getrefcount(None)
for _ in range(1000):
    source.fired.emit(None)
after = sys.getrefcount(True), sys.getrefcount(None)
print(before[0] - after[0], before[1] - after[1], received[0])
"""


def test_signal_emission_does_not_leak_or_drain_references() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    true_drained, none_drained, received = (int(value) for value in result.stdout.split())
    assert received == 1000
    # A few references either way are normal bookkeeping; a binding bug loses one per emit.
    assert abs(true_drained) < 50
    assert abs(none_drained) < 50
