"""Fixtures for the diary tests: a fresh diary file and a pinned local time zone."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from cramp_coach.storage.database import open_database
from cramp_coach.storage.diary_store import DiaryStore
from tests.helpers.fakes import FakeWallClock


@pytest.fixture
def london(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is Europe/London (GMT in winter, BST in summer) for the test, then back."""
    if not hasattr(time, "tzset"):
        pytest.skip("needs time.tzset (POSIX)")
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def diary_file(tmp_path: Path) -> Path:
    return tmp_path / "diary" / "diary.sqlite3"


@pytest.fixture
def diary(diary_file: Path) -> Iterator[DiaryStore]:
    with closing(open_database(diary_file)) as connection:
        yield DiaryStore(connection, wall_clock=FakeWallClock())


def count_rows(path: Path) -> tuple[int, int]:
    """(episodes, sessions) in the diary at ``path``, read with a separate connection."""
    with closing(sqlite3.connect(path)) as connection:
        episodes = connection.execute("SELECT count(*) FROM cramp_episodes").fetchone()[0]
        sessions = connection.execute("SELECT count(*) FROM routine_sessions").fetchone()[0]
    return int(episodes), int(sessions)
