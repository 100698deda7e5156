"""Keep PySide6's ``Qt`` namespace out of the first frame.

The first time any code touches ``PySide6.QtCore.Qt`` (even ``from PySide6.QtCore import
Qt``), PySide6 builds all of the namespace's ~130 Python enums at once: about 124 million
instructions here, a fifth of what a bare PySide6 window costs to reach its first frame
(benchmarks/startup_instructions.py). Someone mid-cramp is waiting for that frame, so the
modules the first frame needs (the main window, Home, the shared widgets) import ``Qt``
only inside functions that run later, and small touches that can wait (a plain-text
flag, a pointing-hand cursor, a shortcut's scope) are queued here while the app starts
and done right after the first paint.

Outside the app's start (tests, later screens) ``later()`` runs its work at once.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)

_queue: list[Callable[[], None]] | None = None
_shown = True


def start() -> None:
    """From now until :func:`painted`, :func:`later` queues its work (``app.main`` calls this)."""
    global _queue, _shown
    _queue = []
    _shown = False


def showing() -> None:
    """The window is about to be shown for the first time (``app.start`` calls this)."""
    global _shown
    _shown = True


def before_show() -> bool:
    """True while the app builds its first screen: Qt polishes no widget before it is shown."""
    return not _shown


def later(work: Callable[[], None]) -> None:
    """Run ``work`` now, or just after the first paint while the app is starting."""
    if _queue is None:
        work()
    else:
        _queue.append(work)


def painted() -> None:
    """The first frame is on screen: run what waited for it."""
    global _queue, _shown
    queue, _queue, _shown = _queue or [], None, True
    for work in queue:
        try:
            work()
        except RuntimeError as error:  # its widget was deleted before the first paint
            log.debug("skipped deferred first-frame work: %s", error)


def end_at_once_on_ctrl_c() -> None:
    """Until the first frame, Ctrl+C (SIGINT) ends the app at once, without a traceback.

    Set through ``_signal``, the C module behind ``signal`` that Python loads at start-up:
    importing ``signal`` itself builds three enum classes (about 4 million instructions)
    that nothing before the first frame needs.
    """
    c_signal = importlib.import_module("_signal")
    c_signal.signal(c_signal.SIGINT, c_signal.SIG_DFL)
