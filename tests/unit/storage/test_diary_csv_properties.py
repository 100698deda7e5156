"""Property tests (Hypothesis) for the diary CSV: notes round-trip, mutated files fail only in documented ways.

Fixed seed (``derandomize``) and a few hundred cases each, so the run is repeatable and
takes a few seconds; ``benchmarks/`` has nothing to add for this module.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cramp_coach.domain.diary import CrampEpisode, Leg, RoutineSession, SessionStatus
from cramp_coach.domain.protocol import CrampLocation
from cramp_coach.storage.database import StorageError, open_database, open_memory_database
from cramp_coach.storage.diary_csv import CsvFileError, export_csv, import_csv, parse_csv, read_csv, write_csv
from cramp_coach.storage.diary_rows import new_uid
from cramp_coach.storage.diary_store import DiaryStore

SETTINGS = settings(derandomize=True, max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
T0 = datetime(2026, 1, 12, 22, 0, tzinfo=timezone.utc)

# Every character a note can hold: anything but NUL (refused by the store) and lone surrogates
# (which no UTF-8 file can hold), with the troublesome ones made likely.
NOTE_CHARS = st.one_of(
    st.sampled_from(["=", "+", "-", "@", "\t", "\r", "\n", "'", '"', ",", " ", "\u2028", "\ufeff"]),
    st.characters(exclude_categories=["Cs"], exclude_characters="\0"),
)
NOTES = st.text(NOTE_CHARS, max_size=40)


def _csv_text(rows: list[tuple[str, CrampEpisode | RoutineSession]]) -> str:
    import io

    buffer = io.StringIO(newline="")
    write_csv(rows, buffer)
    return buffer.getvalue()


def _episode(note: str, minute: int = 0) -> CrampEpisode:
    return CrampEpisode(
        id=None,
        started_at=T0 + timedelta(minutes=minute),
        duration_seconds=90.5,
        leg=Leg.LEFT,
        location=CrampLocation.CALF,
        pain=6,
        note=note,
        eased=True,
        logged=True,
    )


@SETTINGS
@given(st.lists(NOTES, min_size=1, max_size=5))
def test_any_note_round_trips_byte_for_byte(notes: list[str]) -> None:
    text = _csv_text([(new_uid(), _episode(note, minute)) for minute, note in enumerate(notes)])
    back = parse_csv(text, "notes.csv")
    assert [getattr(entry, "note", None) for _uid, entry in back] == notes


@settings(derandomize=True, max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(NOTES, min_size=1, max_size=5))
def test_any_note_survives_a_diary_export_and_import_into_another_diary(notes: list[str]) -> None:
    # The whole way a note travels to a new computer: the diary, export_csv's UTF-8 file,
    # read_csv (which also drops a byte-order mark) and the other diary.
    with (
        tempfile.TemporaryDirectory() as scratch,
        closing(open_memory_database()) as first,
        closing(open_memory_database()) as second,
    ):
        diary = DiaryStore(first)
        for minute, note in enumerate(notes):
            diary.add_episode(
                T0 + timedelta(minutes=minute), leg=None, location=None, pain=None, duration_seconds=None, note=note
            )
        exported = Path(scratch) / "diary.csv"
        export_csv(diary, exported)
        other = DiaryStore(second)
        import_csv(other, exported)
        assert [getattr(entry, "note", None) for _uid, entry in other.export_entries()] == notes


def _sample_file() -> bytes:
    rows: list[tuple[str, CrampEpisode | RoutineSession]] = [
        (new_uid(), _episode("after a long walk", 0)),
        (new_uid(), _episode('=HYPERLINK("x")', 60)),
        (
            new_uid(),
            RoutineSession(
                id=None,
                routine_id="bedtime",
                routine_title="Evening stretch",
                started_at=T0 - timedelta(hours=1),
                ended_at=T0 - timedelta(minutes=55),
                status=SessionStatus.COMPLETED,
                phases_done=20,
                phases_total=20,
                seconds_done=245.0,
            ),
        ),
    ]
    return _csv_text(rows).encode("utf-8")


SAMPLE = _sample_file()
HOSTILE_CELLS = st.sampled_from(
    [
        b"0001-01-01T00:00:00+05:00",
        b"9999-12-31T23:59:59-12:00",
        b"1e308",
        b"-0",
        b"nan",
        b"inf",
        b"99999999999999999999999999",
        b"\xff\xfe",
        b'"',
        b"\x00",
        b"=cmd",
        b"'",
        b"\r",
        b"routine",
        b"cramp",
        b"in_progress",
    ]
)


@st.composite
def mutated_files(draw: st.DrawFn) -> bytes:
    data = bytearray(SAMPLE)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "cell", "line"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 30))]
        elif kind == "cell":  # replace the text between two commas with something hostile
            start = data.find(b",", at)
            end = data.find(b",", start + 1) if start >= 0 else -1
            if start >= 0 and end > start:
                data[start + 1 : end] = draw(HOSTILE_CELLS)
        else:  # repeat or drop a whole line
            lines = bytes(data).split(b"\r\n")
            index = draw(st.integers(0, len(lines) - 1))
            if draw(st.booleans()):
                lines.insert(index, lines[index])
            else:
                del lines[index]
            data = bytearray(b"\r\n".join(lines))
    return bytes(data)


def _listing(folder: Path) -> set[str]:
    return {str(path.relative_to(folder)) for path in folder.rglob("*")}


@SETTINGS
@given(mutated_files())
def test_a_mutated_csv_is_imported_or_refused_never_anything_else(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        source = root / "mutated.csv"
        source.write_bytes(content)
        before = _listing(root)
        with closing(open_memory_database()) as connection:
            store = DiaryStore(connection)
            refused: CsvFileError | None = None
            try:
                rows = read_csv(source)
            except CsvFileError as error:
                refused = error
            if refused is not None:
                assert refused.problems
                assert all(problem.startswith(str(source)) for problem in refused.problems)
            else:
                result = store.import_entries(rows)  # every parsed row keeps the limits: no ValueError
                assert result.episodes_added + result.sessions_added + result.already_there == len(rows)
        assert _listing(root) == before  # reading and importing wrote nothing anywhere


@settings(derandomize=True, max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_files())
def test_a_mutated_csv_imported_into_a_diary_file_writes_only_in_the_data_folder(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        data = root / "data"
        source = root / "incoming" / "mutated.csv"
        source.parent.mkdir()
        source.write_bytes(content)
        outside = _listing(root) - {str(p.relative_to(root)) for p in [data, *data.rglob("*")]}
        try:
            with closing(open_database(data / "diary.sqlite3")) as connection:
                import_csv(DiaryStore(connection), source)
        except (CsvFileError, StorageError):
            pass
        now_outside = {name for name in _listing(root) if not name.startswith("data")}
        assert now_outside == outside
        assert os.listdir(source.parent) == ["mutated.csv"]
