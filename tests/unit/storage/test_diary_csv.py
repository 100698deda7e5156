"""CSV export and import: a lossless round trip, no duplicates on re-import, and all-or-nothing errors."""

from __future__ import annotations

import csv
import io
import re
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from cramp_coach.domain.diary import CrampEpisode, Leg, SessionStatus
from cramp_coach.domain.protocol import CrampLocation
from cramp_coach.storage import diary_csv
from cramp_coach.storage.database import open_database
from cramp_coach.storage.diary_csv import COLUMNS, CsvFileError, export_csv, import_csv, parse_csv, read_csv
from cramp_coach.storage.diary_store import DiaryStore
from tests.unit.storage.conftest import count_rows

REPO = Path(__file__).resolve().parents[3]
T0 = datetime(2026, 1, 12, 22, 0, tzinfo=timezone.utc)


def fill(diary: DiaryStore) -> None:
    session = diary.start_session("bedtime", "Bedtime stretch", T0, phases_total=20)
    diary.finish_session(session, T0 + timedelta(minutes=4, seconds=10), SessionStatus.COMPLETED, 20, 245.5)
    stopped = diary.start_session("bedtime-seated", "Evening stretch – seated", T0 + timedelta(days=1), 18)
    diary.finish_session(stopped, T0 + timedelta(days=1, minutes=2), SessionStatus.STOPPED, 7, 96.0)
    episode = diary.start_episode(T0 + timedelta(hours=5, minutes=10))  # from Cramp now, then logged
    diary.finish_episode(episode, duration_seconds=131.25, eased=True)
    diary.log_episode(episode, leg=Leg.LEFT, location=CrampLocation.CALF, pain=7, note='tight, "knotted"\nthen eased')
    diary.start_episode(T0 + timedelta(days=2, hours=6))  # abandoned before the log: nothing but a start
    diary.add_episode(
        T0 + timedelta(days=3, hours=4),
        leg=Leg.BOTH,
        location=CrampLocation.FRONT_THIGH,
        pain=0,
        duration_seconds=60.0,
        note="ünïcödé, commas, and ’quotes’",
    )


def snapshot(diary: DiaryStore) -> list[tuple[str, object]]:
    """Everything but the row ids, which are local to a diary file."""
    return [(uid, _without_id(entry)) for uid, entry in diary.export_entries()]


def _without_id(entry: object) -> object:
    import dataclasses

    return dataclasses.replace(entry, id=None)  # type: ignore[type-var]


def test_export_then_import_into_a_new_diary_is_lossless(diary: DiaryStore, tmp_path: Path) -> None:
    fill(diary)
    exported = tmp_path / "diary.csv"
    assert export_csv(diary, exported) == 5

    with closing(open_database(tmp_path / "new" / "diary.sqlite3")) as connection:
        fresh = DiaryStore(connection)
        result = import_csv(fresh, exported)
        assert (result.episodes_added, result.sessions_added, result.already_there) == (3, 2, 0)
        assert snapshot(fresh) == snapshot(diary)
        again = import_csv(fresh, exported)  # the same file twice: nothing new
        assert (again.episodes_added, again.sessions_added, again.already_there) == (0, 0, 5)
        assert fresh.entry_count() == 5


def test_importing_a_diarys_own_export_adds_nothing(diary: DiaryStore, diary_file: Path, tmp_path: Path) -> None:
    fill(diary)
    exported = tmp_path / "diary.csv"
    export_csv(diary, exported)
    result = import_csv(diary, exported)
    assert (result.episodes_added, result.sessions_added, result.already_there) == (0, 0, 5)
    assert count_rows(diary_file) == (3, 2)


def test_the_exported_file_reads_well_in_a_spreadsheet(diary: DiaryStore, tmp_path: Path) -> None:
    fill(diary)
    exported = tmp_path / "diary.csv"
    export_csv(diary, exported)
    with exported.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert list(rows[0]) == list(COLUMNS)
    assert [row["type"] for row in rows] == ["routine", "cramp", "routine", "cramp", "cramp"]  # oldest first
    first, cramp = rows[0], rows[1]
    assert first["started_at"] == "2026-01-12T22:00:00.000000+00:00"
    assert (first["status"], first["seconds_done"], first["phases_done"]) == ("completed", "245.5", "20")
    assert (cramp["leg"], cramp["location"], cramp["pain"], cramp["eased"], cramp["logged"]) == (
        "left",
        "calf",
        "7",
        "yes",
        "yes",
    )
    assert cramp["duration_seconds"] == "131.25"
    assert cramp["note"] == 'tight, "knotted"\nthen eased'
    assert rows[3]["logged"] == "no"
    assert all(re.fullmatch(r"[0-9a-f]{32}", row["uid"]) for row in rows)


def test_the_columns_are_documented_in_docs() -> None:
    document = (REPO / "docs" / "diary.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| `([a-z_]+)` \|", document, flags=re.MULTILINE)
    assert [name for name in documented if name in COLUMNS] == list(COLUMNS)


def test_a_hand_made_file_with_few_columns_and_local_times_imports(diary: DiaryStore) -> None:
    text = "type,started_at,pain,location\ncramp,2026-01-13 03:10,6,calf\nroutine,2026-01-13T22:00:00+00:00,,\n"
    with pytest.raises(CsvFileError, match=r"x.csv:3: routine_id: expected the routine's id"):
        parse_csv(text, "x.csv")
    text = "type,started_at,pain,location,routine_id\ncramp,2026-01-13 03:10,6,calf,\n"
    [(uid, episode)] = parse_csv(text, "x.csv")
    assert uid is None
    assert isinstance(episode, CrampEpisode)
    assert episode.started_at == datetime(2026, 1, 13, 3, 10).astimezone().astimezone(timezone.utc)
    assert (episode.pain, episode.location, episode.logged) == (6, CrampLocation.CALF, True)


def test_a_malformed_file_is_refused_whole_with_file_and_line(
    diary: DiaryStore, diary_file: Path, tmp_path: Path
) -> None:
    fill(diary)
    before = count_rows(diary_file)
    header = ",".join(COLUMNS)
    good = f"cramp,,2026-02-01T03:00:00+00:00,,,,,,,,,{'x'}" + "," * 7
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "\n".join(
            [
                header,
                good,  # line 2 is fine
                'cramp,,2026-02-02T03:00:00+00:00,,,,,,,,,"a note\nover two lines"' + "," * 7,  # lines 3–4: fine
                "cramp,,yesterday,,,,,,11,,,,,,,,,,",  # line 5: two problems, the first is reported
                "spasm,,2026-02-03T03:00:00+00:00,,,,,,,,,,,,,,,,",  # line 6
                "routine,,2026-02-03T22:00:00+00:00,,,,,,,,,,bedtime,,,finished,,,",  # line 7
                "cramp,abc,2026-02-04T03:00:00+00:00,,,,,,,,,,,,,,,,",  # line 8
                "cramp,,2026-02-05T03:00:00+00:00,,,-5,,,,,,,,,,,,,",  # line 9
                "cramp,,2026-02-06T03:00:00+00:00",  # line 10: too few fields
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    with pytest.raises(CsvFileError) as caught:
        import_csv(diary, bad)
    assert caught.value.problems == [
        f"{bad}:5: started_at: expected a date and time like 2026-03-02T03:10:00+00:00, found 'yesterday'",
        f"{bad}:6: type: expected cramp or routine, found 'spasm'",
        f"{bad}:7: status: expected one of in_progress, completed, stopped, interrupted, found 'finished'",
        f"{bad}:8: uid: expected 32 hexadecimal digits, found 'abc'",
        f"{bad}:9: duration_seconds: expected a number of seconds from 0 to 86400 (24 hours), found '-5'",
        f"{bad}:10: expected 19 fields like the header, found 3",
    ]
    assert str(caught.value).startswith("Nothing was imported:\n")
    assert count_rows(diary_file) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "bad.csv:1: expected a header row naming the columns, found an empty file"),
        (b"type,when\n", "bad.csv:1: unknown column 'when' (this file may come from a newer cramp-coach"),
        (b"type,note\n", "bad.csv:1: missing column started_at"),
        (b"type,started_at,type\n", "bad.csv:1: column type twice"),
        (b"type,started_at\ncramp,2026-01-01\n\xff\xfe\n", "bad.csv:3: expected UTF-8 text, found byte 0xff"),
        (b"type,started_at\ncramp,2026-01-01\x00\n", "bad.csv:2: expected text, found a NUL byte"),
        (b'type,started_at\ncramp,"2026-01-01\n', "bad.csv:2: unexpected end of data"),
    ],
)
def test_files_that_are_not_diary_csv_are_refused(tmp_path: Path, content: bytes, message: str) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    with pytest.raises(CsvFileError) as caught:
        read_csv(bad)
    assert message in caught.value.problems[0]


def test_a_row_whose_type_was_edited_is_still_the_entry_its_uid_names(
    diary: DiaryStore, diary_file: Path, tmp_path: Path
) -> None:
    # Found by benchmarks/fuzz.py: only the row's own kind was searched for its uid, so a
    # routine session edited into a cramp was added beside it with the same uid, and the
    # diary's next export was refused on import ("uid: … is also on line …").
    fill(diary)
    exported = tmp_path / "diary.csv"
    export_csv(diary, exported)
    text = exported.read_text(encoding="utf-8")
    assert text.count("\nroutine,") == 2
    edited = tmp_path / "edited.csv"
    edited.write_text(text.replace("\nroutine,", "\ncramp,"), encoding="utf-8", newline="")
    result = import_csv(diary, edited)
    assert (result.episodes_added, result.sessions_added, result.already_there) == (0, 0, 5)
    assert count_rows(diary_file) == (3, 2)
    export_csv(diary, exported)
    assert import_csv(diary, exported).already_there == 5


def test_duplicate_uids_in_one_file_are_refused(tmp_path: Path) -> None:
    uid = "0123456789abcdef0123456789abcdef"
    text = f"type,uid,started_at\ncramp,{uid},2026-01-01T03:00:00+00:00\ncramp,{uid},2026-01-02T03:00:00+00:00\n"
    with pytest.raises(CsvFileError, match=rf"f.csv:3: uid: {uid} is also on line 2"):
        parse_csv(text, "f.csv")


def test_a_cell_with_line_breaks_is_quoted_on_one_line_of_the_problem_list() -> None:
    # Found by benchmarks/fuzz.py: the cell was echoed as it was, so `cramp-coach import`
    # printed one problem over two lines, the second without its file and line.
    text = (
        "type,started_at,pain,leg\n"
        'cramp,2026-01-01T03:00:00+00:00,"6\n7",left\n'  # lines 2–3
        'cramp,2026-01-02T03:00:00+00:00,6,"left\r\u2028right"\n'  # line 4
    )
    with pytest.raises(CsvFileError) as caught:
        parse_csv(text, "f.csv")
    assert caught.value.problems == [
        r"f.csv:2: pain: expected a whole number, found '6\n7'",
        r"f.csv:4: leg: expected one of left, right, both, found 'left\r\u2028right'",
    ]


def test_only_the_first_fifty_problems_are_listed(tmp_path: Path) -> None:
    text = "type,started_at\n" + "cramp,never\n" * 60
    with pytest.raises(CsvFileError) as caught:
        parse_csv(text, "f.csv")
    assert len(caught.value.problems) == diary_csv.MAX_PROBLEMS
    assert caught.value.more == 10
    assert str(caught.value).endswith("… and 10 more")


def test_a_session_exported_while_running_comes_back_interrupted() -> None:
    text = "type,started_at,routine_id,status,seconds_done\nroutine,2026-01-12T22:00:00+00:00,bedtime,in_progress,90\n"
    [(_, session)] = parse_csv(text, "f.csv")
    assert session.status is SessionStatus.INTERRUPTED  # type: ignore[union-attr]
    assert session.ended_at == T0 + timedelta(seconds=90)  # type: ignore[union-attr]


def test_export_replaces_the_file_whole(diary: DiaryStore, tmp_path: Path) -> None:
    fill(diary)
    target = tmp_path / "diary.csv"
    target.write_text("old contents that are much longer than nothing " * 100)
    export_csv(diary, target)
    assert target.read_text(encoding="utf-8").startswith("type,uid,")
    assert not list(tmp_path.glob("*.partial"))


def test_write_csv_streams_to_any_text_stream(diary: DiaryStore) -> None:
    fill(diary)
    stream = io.StringIO(newline="")
    assert diary_csv.write_csv(diary.export_entries(), stream) == 5
    assert stream.getvalue().count("\r\n") >= 6
