"""The diary commands say "1 entry", "1 cramp", "1 problem": singular and plural right, as real processes."""

from __future__ import annotations

from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

from cramp_coach.domain.diary import Leg
from cramp_coach.storage.database import open_database
from cramp_coach.storage.diary_store import DiaryStore
from tests.e2e.test_diary_cli import run


def test_one_of_each_is_said_in_the_singular(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    with closing(open_database(old / "diary.sqlite3")) as connection:
        DiaryStore(connection).add_episode(
            datetime(2026, 3, 2, 3, 10, tzinfo=timezone.utc), leg=Leg.LEFT, location=None, pain=5, duration_seconds=60
        )
    csv = tmp_path / "one.csv"
    exported = run(old, "export", "-o", str(csv))
    assert exported.stderr.strip() == "exported 1 entry"
    imported = run(new, "import", str(csv))
    assert imported.stdout.strip() == "imported 1 cramp and 0 routine sessions; 0 already in the diary"

    bad = tmp_path / "bad.csv"
    bad.write_text("type,started_at,pain\ncramp,2026-03-02T03:00:00+00:00,eleven\n", encoding="utf-8")
    refused = run(new, "import", str(bad))
    assert refused.returncode == 1
    assert refused.stderr.strip() == "cramp-coach import: 1 problem; nothing was imported"
