"""``cramp-coach report``, ``export`` and ``import`` as real processes, with no display."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import pytest

from cramp_coach.storage.database import open_database
from cramp_coach.storage.diary_sample import fill_sample
from cramp_coach.storage.diary_store import DiaryStore

POPPLER = shutil.which("pdftotext") is not None and shutil.which("pdfinfo") is not None


def run(data_dir: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "CRAMP_COACH_DATA_DIR": str(data_dir)}
    environment.pop("QT_QPA_PLATFORM", None)  # the report command must manage without being told
    environment.pop("DISPLAY", None)
    environment.pop("WAYLAND_DISPLAY", None)
    return subprocess.run(
        [sys.executable, "-m", "cramp_coach", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        cwd=cwd,
    )


def pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[1] for line in out.splitlines() if line.startswith("Pages:")))


@pytest.mark.skipif(not POPPLER, reason="needs poppler-utils")
def test_report_on_an_empty_data_folder_without_a_display(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run(data, "report", "-o", str(tmp_path / "report.pdf"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"wrote {tmp_path / 'report.pdf'} (1 page, nights of ")
    assert pages(tmp_path / "report.pdf") == 1
    assert not (data / "diary.sqlite3").exists()  # a report never creates a diary


@pytest.mark.skipif(not POPPLER, reason="needs poppler-utils")
def test_report_for_chosen_nights(tmp_path: Path) -> None:
    with closing(open_database(tmp_path / "diary.sqlite3")) as connection:
        fill_sample(DiaryStore(connection), date(2026, 1, 5), 70)
    target = tmp_path / "march.pdf"
    result = run(tmp_path, "report", "--from", "2026-02-02", "--to", "2026-03-01", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert "nights of 2026-02-02 to 2026-03-01" in result.stdout
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "Nights of Mon 2 Feb 2026 to Sun 1 Mar 2026 (4 weeks, 28 nights)" in " ".join(text.split())
    only_to = run(tmp_path, "report", "--to", "2026-03-01", "-o", str(target))
    assert "nights of 2025-12-08 to 2026-03-01" in only_to.stdout  # 12 weeks ending there


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-03-02", "--to", "2026-03-01"], "--from 2026-03-02 is after --to 2026-03-01"),
        (["--from", "yesterday"], "--from: expected a date like 2026-03-02 from 1900-01-01 to 2200-12-31"),
    ],
)
def test_report_bad_dates_are_bad_input(tmp_path: Path, args: list[str], message: str) -> None:
    result = run(tmp_path, "report", *args, "-o", str(tmp_path / "r.pdf"))
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1
    assert message in result.stderr
    assert not (tmp_path / "r.pdf").exists()


def test_export_and_import_move_a_diary_to_a_new_computer(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    with closing(open_database(old / "diary.sqlite3")) as connection:
        result = fill_sample(DiaryStore(connection), date(2026, 1, 5), 30)
    entries = result.episodes_added + result.sessions_added
    exported = run(old, "export", "-o", str(tmp_path / "diary.csv"))
    assert exported.returncode == 0, exported.stderr
    assert exported.stderr.strip() == f"exported {entries} entries"

    first = run(new, "import", str(tmp_path / "diary.csv"))
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == (
        f"imported {result.episodes_added} cramps and {result.sessions_added} routine sessions; 0 already in the diary"
    )
    again = run(new, "import", str(tmp_path / "diary.csv"))
    assert again.stdout.strip() == f"imported 0 cramps and 0 routine sessions; {entries} already in the diary"
    with closing(sqlite3.connect(new / "diary.sqlite3")) as diary:
        assert diary.execute("SELECT count(*) FROM cramp_episodes").fetchone()[0] == result.episodes_added

    to_stdout = run(new, "export")
    assert to_stdout.stdout.splitlines()[0].startswith("type,uid,started_at,")
    assert len(to_stdout.stdout.splitlines()) == entries + 1


def test_a_malformed_csv_is_refused_with_file_and_line_and_nothing_changes(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    start = date(2026, 1, 5)
    bad.write_text(
        "type,started_at,pain\n"
        f"cramp,{start}T03:00:00+00:00,4\n"
        f"cramp,{start + timedelta(days=1)}T03:00:00+00:00,eleven\n",
        encoding="utf-8",
    )
    result = run(tmp_path, "import", str(bad))
    assert result.returncode == 1
    assert result.stdout.strip() == f"{bad}:3: pain: expected a whole number, found 'eleven'"
    assert "nothing was imported" in result.stderr
    assert not (tmp_path / "diary.sqlite3").exists()  # checked before the diary was even opened
    missing = run(tmp_path, "import", str(tmp_path / "nope.csv"))
    assert missing.returncode == 1
