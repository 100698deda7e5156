"""The start-up floor: the cheapest possible PySide6 window, for ``startup.py`` to compare with.

A bare ``QApplication`` + ``QWidget`` holding one ``QLabel``; the widget's first
``paintEvent`` schedules ``QTimer.singleShot(0, app.quit)``, so the process lives from
its start to its first painted frame plus teardown. No project code is imported: any
PySide6 app pays at least this much, so the app's start-up target is expressed as a
ratio to it (Home and ``--emergency`` within 1.5x this floor, see ``startup.py``).

Like the app with ``CRAMP_COACH_TRACE_PAINT=1``, it prints ``painted bare <t>`` with
``t = time.monotonic()`` at the first paint, so ``startup.py`` can time process start to
first frame exactly and not only the whole process lifetime.

Run (no display needed)::

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bare_window.py
    hyperfine -N --warmup 2 --runs 15 'env QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bare_window.py'

On the development machine this kind of script took a median of about 208 ms (whole process).
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget


class FirstPaintWindow(QWidget):
    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self._app = app
        self._painted = False
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Bare window: the start-up floor"))
        self.resize(640, 480)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            print(f"painted bare {time.monotonic():.6f}", flush=True)
            QTimer.singleShot(0, self._app.quit)


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = FirstPaintWindow(app)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
