"""Test-wide set-up: headless Qt, a throw-away data folder, and the ``gui`` marker.

Tests never touch the real diary: ``CRAMP_COACH_DATA_DIR`` points at a fresh
temporary folder for every test. Qt runs offscreen (without it, a machine with no
display aborts the whole run).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cramp_coach.storage.routine_library import RoutineLibrary

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# pytest-qt's binding, here rather than in pyproject's [tool.pytest]: the Qt-free tests run
# in a venv without PySide6 or pytest-qt, where an unknown ini key fails --strict-config.
os.environ.setdefault("PYTEST_QT_API", "pyside6")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false")

REPO = Path(__file__).resolve().parent.parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "qtbot" in fixtures or "qapp" in fixtures:
            item.add_marker(pytest.mark.gui)
        if "e2e" in item.path.parts:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    data_dir = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("CRAMP_COACH_DATA_DIR", str(data_dir))
    return data_dir


@pytest.fixture
def data_dir(_isolated_data_dir: Path) -> Path:
    return _isolated_data_dir


@pytest.fixture
def london(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is Europe/London (GMT in winter, BST in summer) for the test, then back.

    The diary's nights run noon to noon local time, so its tests pin the zone, clock
    changes included. Use it with ``pytestmark = pytest.mark.usefixtures("london")``.
    """
    if not hasattr(time, "tzset"):
        pytest.skip("needs time.tzset (POSIX)")
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def user_dir(tmp_path: Path) -> Path:
    """An empty folder for the user's own routines."""
    folder = tmp_path / "routines"
    folder.mkdir()
    return folder


@pytest.fixture
def library(user_dir: Path) -> RoutineLibrary:
    """The routine library over the built-ins and that empty folder."""
    return RoutineLibrary(user_dir)
