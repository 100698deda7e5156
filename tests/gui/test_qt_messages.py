"""Qt's messages reach Python's logging; what the app already says in plain words stays at debug."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from PySide6.QtCore import qInstallMessageHandler, qWarning

from cramp_coach.ui import qt_messages


@pytest.fixture
def routed() -> Iterator[None]:
    before = qt_messages.install()
    yield
    qInstallMessageHandler(before)  # pytest-qt's own handler, put back


def test_a_qt_warning_is_logged_as_a_warning(routed: None, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        qWarning("QPainter::begin: Paint device returned engine == 0")
    [record] = [record for record in caplog.records if record.name.startswith("qt.")]
    assert record.levelno == logging.WARNING
    assert record.getMessage() == "QPainter::begin: Paint device returned engine == 0"


def test_no_sound_server_is_left_to_the_apps_own_words(routed: None, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        qWarning("PulseAudioService: pa_context_connect() failed")
    [record] = [record for record in caplog.records if record.name.startswith("qt.")]
    assert record.levelno == logging.DEBUG
