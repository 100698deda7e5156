"""The diary commands with hostile input and damaged diaries, as real processes: one sentence, exit 1."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from cramp_coach.storage.database import open_database
from cramp_coach.storage.diary_store import DiaryStore
from tests.e2e.test_diary_cli import run

T0 = datetime(2026, 3, 2, 3, 10, tzinfo=timezone.utc)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _damaged_diary(data: Path) -> Path:
    diary = data / "diary.sqlite3"
    with closing(open_database(diary)) as connection:
        store = DiaryStore(connection)
        for minute in range(100):
            store.start_episode(T0 + timedelta(minutes=minute))
        root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'cramp_episodes_by_start'")
        page = int(root.fetchone()[0])
        size = int(connection.execute("PRAGMA page_size").fetchone()[0])
    with diary.open("r+b") as file:
        file.seek((page - 1) * size + 8)
        file.write(b"\x00" * (size - 8))
    return diary


def test_export_import_and_report_refuse_a_damaged_diary_and_leave_it_untouched(tmp_path: Path) -> None:
    data = tmp_path / "data"
    diary = _damaged_diary(data)
    before = _digest(diary)
    csv_file = tmp_path / "in.csv"
    csv_file.write_text("type,started_at\r\ncramp,2026-01-01T00:00:00+00:00\r\n", encoding="utf-8")

    for args in (
        ["export", "-o", str(tmp_path / "out.csv")],
        ["import", str(csv_file)],
        ["report", "-o", str(tmp_path / "r.pdf")],
    ):
        result = run(data, *args)
        assert result.returncode == 1, result
        assert "exported" not in result.stderr
        assert "imported" not in result.stdout
        assert "is damaged" in result.stderr
        assert "cramp-coach diary repair" in result.stderr
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.csv").exists()
    assert not (tmp_path / "r.pdf").exists()
    assert _digest(diary) == before  # header included

    check = run(data, "diary", "check")
    assert check.returncode == 1
    assert "is damaged" in check.stderr
    assert _digest(diary) == before


def test_diary_repair_saves_the_readable_rows_and_keeps_the_damaged_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    diary = _damaged_diary(data)
    before = _digest(diary)

    result = run(data, "diary", "repair")

    assert result.returncode == 0, result.stderr
    assert "Repaired the diary" in result.stdout
    assert "saved 100 cramps and 0 routine sessions" in result.stdout
    kept = [path for path in data.iterdir() if path.name.startswith("diary-damaged-")]
    assert len(kept) == 1
    assert _digest(kept[0]) == before
    assert run(data, "diary", "check").returncode == 0
    exported = run(data, "export")
    assert exported.returncode == 0
    assert exported.stderr.strip() == "exported 100 entries"
    again = run(data, "diary", "repair")
    assert again.returncode == 0
    assert "healthy; nothing needed repairing" in again.stdout


def test_export_to_a_missing_folder_is_one_sentence_and_exit_1(tmp_path: Path) -> None:
    missing = tmp_path / "missing" / "x.csv"
    result = run(tmp_path / "data", "export", "-o", str(missing))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"cramp-coach export: the folder {missing.parent} does not exist; create it first or choose another "
        "place for x.csv; nothing was written"
    )
    assert not missing.parent.exists()  # refused, not created


def test_export_onto_a_folder_is_refused(tmp_path: Path) -> None:
    result = run(tmp_path / "data", "export", "-o", str(tmp_path))
    assert result.returncode == 1
    assert "is a folder; give the name of a file" in result.stderr
    assert ".partial" not in result.stderr


def test_report_to_a_missing_folder_prints_no_painter_noise(tmp_path: Path) -> None:
    missing = tmp_path / "missing" / "x.pdf"
    result = run(tmp_path / "data", "report", "-o", str(missing))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip() == (
        f"cramp-coach report: the folder {missing.parent} does not exist; create it first or choose another "
        "place for x.pdf; nothing was written"
    )


@pytest.mark.parametrize(
    ("args", "found"),
    [(["--from", "0001-01-01", "--to", "9999-12-31"], "0001-01-01"), (["--to", "2201-01-01"], "2201-01-01")],
)
def test_report_dates_outside_the_diarys_years_are_refused(tmp_path: Path, args: list[str], found: str) -> None:
    result = run(tmp_path / "data", "report", *args, "-o", str(tmp_path / "r.pdf"))
    assert result.returncode == 1  # a bad value is bad input, not a usage error
    assert f"expected a date from 1900-01-01 to 2200-12-31 (the diary's years), found '{found}'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "r.pdf").exists()


def test_a_csv_with_times_in_year_1_and_9999_is_refused_with_file_and_line(tmp_path: Path) -> None:
    source = tmp_path / "old.csv"
    source.write_text(
        "type,started_at\r\ncramp,0001-01-01T00:00:00+00:00\r\ncramp,9999-12-31T23:59:59-01:00\r\n", encoding="utf-8"
    )
    result = run(tmp_path / "data", "import", str(source))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{source}:2: started_at: expected a date and time from 1900 to 2200, found '0001-01-01T00:00:00+00:00'",
        f"{source}:3: started_at: expected a date and time from 1900 to 2200, found '9999-12-31T23:59:59-01:00'",
    ]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "data" / "diary.sqlite3").exists()


def test_a_poisoned_duration_never_enters(tmp_path: Path) -> None:
    source = tmp_path / "poison.csv"
    source.write_text("type,started_at,duration_seconds\r\ncramp,2026-01-01T00:00:00+00:00,1e308\r\n", encoding="utf-8")
    result = run(tmp_path / "data", "import", str(source))
    assert result.returncode == 1
    assert "duration_seconds: expected a number of seconds from 0 to 86400 (24 hours), found '1e308'" in result.stdout
    assert not (tmp_path / "data" / "diary.sqlite3").exists()
    with pytest.raises(sqlite3.OperationalError):
        sqlite3.connect(f"file:{tmp_path / 'data' / 'diary.sqlite3'}?mode=ro", uri=True).execute("SELECT 1")
