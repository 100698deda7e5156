"""Qt's own messages, through Python's logging rather than straight onto the terminal.

Qt writes its warnings to standard error as they come. Routed through :mod:`logging`
they take the app's format and name their source (``qt.<category>``), and the ones that
say what the app already tells the person in plain words (no sound server: the player's
notice, ``cramp-coach check``) are kept at debug level instead of following the report.
(qutebrowser routes Qt's messages the same way.)
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

#: What ``qInstallMessageHandler`` takes and gives back (``None``: Qt's own printing).
Handler = Callable[[QtMsgType, QMessageLogContext, str], object] | None

#: The beginnings of Qt messages whose news the app gives itself.
ALREADY_SAID = ("PulseAudioService: pa_context_connect() failed",)

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def install() -> Handler:
    """From now on, Qt's messages go to the ``qt.*`` loggers; returns the handler before."""
    return cast(Handler, qInstallMessageHandler(log_message))


def log_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    level = logging.DEBUG if message.startswith(ALREADY_SAID) else _LEVELS.get(kind, logging.WARNING)
    logging.getLogger(f"qt.{context.category or 'default'}").log(level, message)
