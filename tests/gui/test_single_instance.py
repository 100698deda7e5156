"""The instance server removes its socket file when it closes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from cramp_coach.ui.single_instance import InstanceServer

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="named pipes on Windows leave no file")


@pytest.fixture
def name(tmp_path: Path) -> str:
    return str(tmp_path / "cramp-coach-test.sock")  # short: Unix socket paths are limited to ~100 bytes


def test_close_removes_the_socket_file(qapp: QApplication, name: str) -> None:
    server = InstanceServer(name)
    assert server.listening
    assert Path(name).exists()
    server.close()
    assert not Path(name).exists()
    server.close()  # twice is harmless
