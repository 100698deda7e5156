"""Fixtures for the Qt tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication


@pytest.fixture
def restore_app_style(qapp: QApplication) -> Iterator[None]:
    """The app styles the whole QApplication; later tests must not inherit it."""
    sheet, palette = qapp.styleSheet(), qapp.palette()
    yield
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
