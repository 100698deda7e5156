"""Fixtures for the diary tests: a fresh diary file (the pinned time zone is in tests/conftest.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from cramp_coach.storage.database import open_database
from cramp_coach.storage.diary_store import DiaryStore
from tests.helpers.fakes import FakeWallClock


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
