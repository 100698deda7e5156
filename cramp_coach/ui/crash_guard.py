"""An uncaught exception must never take Cramp now away from someone mid-cramp.

:class:`CrashGuard` replaces ``sys.excepthook`` (PySide6 hands exceptions raised in slots
and event handlers to it): it appends the traceback to a log file in the data folder,
shows one calm, non-modal message with a **Cramp now** button, and lets the app go on.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

from cramp_coach import __version__

#: The log is started afresh (the old one kept as ``.1``) once it grows past this.
MAX_LOG_BYTES = 512 * 1024

MESSAGE = (
    "Something went wrong inside Cramp Coach. It carries on, and nothing you saved was lost.\n\n"
    "If you have a cramp now, press Cramp now."
)
DETAILS = "Details for the developers were saved in {log}."

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class CrashGuard:
    """Logs uncaught exceptions and tells the user calmly; install once, after the window exists."""

    def __init__(self, log_file: Path, parent: QWidget, cramp_now: Callable[[], None]) -> None:
        self.log_file = log_file
        self._parent = parent
        self._cramp_now = cramp_now
        self._box: QMessageBox | None = None
        self._previous = sys.excepthook
        self.count = 0

    def install(self) -> None:
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous

    def handle(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):  # Ctrl+C is handled as a signal, not a crash
            self._previous(kind, error, trace)
            return
        import traceback  # loaded only when something went wrong (the first frame is lighter)

        self.count += 1
        text = "".join(traceback.format_exception(kind, error, trace))
        print(text, file=sys.stderr, end="")
        written = self._write(text)
        try:
            self._show(written)
        except Exception:
            traceback.print_exc()

    def _write(self, text: str) -> bool:
        try:
            self.log_file.parent.mkdir(parents=True, exist_ok=True)
            if self.log_file.exists() and self.log_file.stat().st_size > MAX_LOG_BYTES:
                self.log_file.replace(self.log_file.with_name(self.log_file.name + ".1"))
            from datetime import datetime

            stamp = datetime.now().astimezone().isoformat(timespec="seconds")
            with self.log_file.open("a", encoding="utf-8") as log:
                log.write(f"--- {stamp} cramp-coach {__version__}\n{text}\n")
        except OSError:
            return False
        return True

    def _show(self, logged: bool) -> None:
        if self._box is None:
            # Imported here: a Qt class costs the first frame when it is first touched.
            from PySide6.QtWidgets import QMessageBox

            box = QMessageBox(self._parent)
            box.setWindowTitle("Cramp Coach")
            box.setIcon(QMessageBox.Icon.Information)
            box.setText(MESSAGE)
            cramp = box.addButton("Cramp now", QMessageBox.ButtonRole.ActionRole)
            cramp.setAccessibleName("Cramp now")
            box.addButton("Carry on", QMessageBox.ButtonRole.AcceptRole)
            cramp.clicked.connect(self._cramp_now)
            box.setModal(False)
            self._box = box
        # One box however many errors come: a loop of exceptions must not bury the screen.
        self._box.setInformativeText(DETAILS.format(log=self.log_file) if logged else "")
        self._box.show()
        self._box.raise_()

    @property
    def message_box(self) -> QMessageBox | None:
        return self._box
