"""The doctor report: a real A4 PDF, read back with poppler's pdftotext and pdfinfo."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import closing
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from cramp_coach.domain.diary import Leg, SessionStatus
from cramp_coach.domain.protocol import CrampLocation, DiaryFlag
from cramp_coach.domain.report import ReportData, summary_rows
from cramp_coach.storage.database import open_database, open_memory_database
from cramp_coach.storage.diary_report import gather
from cramp_coach.storage.diary_sample import fill_sample
from cramp_coach.storage.diary_store import DiaryStore
from cramp_coach.ui.printing.report import write_report
from tests.helpers.localtime import at

pytestmark = [
    pytest.mark.skipif(
        shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None, reason="needs poppler-utils"
    ),
    pytest.mark.usefixtures("london"),
]

NOW = datetime(2026, 3, 30, 8, 30, tzinfo=timezone.utc)
FIRST, LAST = date(2026, 3, 16), date(2026, 3, 29)


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in out.splitlines())}


def two_weeks(store: DiaryStore) -> None:
    """Hand-checked: 14 nights, the routine on 10 of them (3 cramps on those); 9 cramps on 6 nights."""
    routine_nights = [0, 1, 2, 3, 4, 7, 8, 9, 10, 11]
    for offset in routine_nights:
        session = store.start_session("bedtime", "Evening stretch", at(FIRST + timedelta(days=offset), 22), 28)
        store.finish_session(session, at(FIRST + timedelta(days=offset), 22, 5), SessionStatus.COMPLETED, 28, 250.0)
    stopped = store.start_session("bedtime", "Evening stretch", at(FIRST + timedelta(days=5), 22), 28)
    store.finish_session(stopped, at(FIRST + timedelta(days=5), 22, 2), SessionStatus.STOPPED, 9, 80.0)
    cramps = [  # (night offset, hour, leg, where, pain, seconds, note)
        (0, 3, Leg.LEFT, CrampLocation.CALF, 7, 120, "after a long walk"),
        (0, 5, Leg.LEFT, CrampLocation.CALF, 5, 60, ""),
        (5, 2, Leg.RIGHT, CrampLocation.FOOT, 8, 300, "toes curled"),
        (6, 4, Leg.BOTH, CrampLocation.CALF, 6, 90, ""),
        (6, 5, Leg.LEFT, CrampLocation.CALF, None, None, ""),
        (9, 3, Leg.LEFT, CrampLocation.BACK_THIGH, 3, 30, ""),
        (12, 1, Leg.RIGHT, CrampLocation.CALF, 4, 45, ""),
        (13, 4, Leg.RIGHT, CrampLocation.CALF, 9, 700, "worst one yet"),
        (13, 6, None, None, None, None, ""),
    ]
    for offset, hour, leg, where, pain, seconds, note in cramps:
        store.add_episode(
            at(FIRST + timedelta(days=offset), hour),
            leg=leg,
            location=where,
            pain=pain,
            duration_seconds=None if seconds is None else float(seconds),
            note=note,
        )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[DiaryStore]:
    with closing(open_database(tmp_path / "diary.sqlite3")) as connection:
        yield DiaryStore(connection)


def data_for(
    store: DiaryStore, first: date = FIRST, last: date = LAST, flags: tuple[DiaryFlag, ...] = ()
) -> ReportData:
    return gather(store, first, last, flags, now=NOW)


def test_the_summary_in_words_by_hand(store: DiaryStore) -> None:
    two_weeks(store)
    rows = dict(summary_rows(data_for(store)))
    assert rows["Cramps recorded"] == "9 cramps on 6 of 14 nights (43\u00a0%); 0.6 a night"
    assert rows["Cramps per week"] == "4.5 on average over 2 full weeks; fewest 4, most 5"
    assert rows["Pain (0 none – 10 worst)"] == "average 6.0 (7 of 9 cramps rated); worst 9"
    assert rows["How long"] == "median 1 min 30 s, longest 11 min (7 with a duration)"
    assert rows["Bedtime stretching routine"] == (
        "played to the end on 10 of 14 nights (71\u00a0%); 1 more started but not finished"
    )
    assert rows["Cramps a night, with / without the routine"] == ("0.3 on routine nights (10), 1.5 on other nights (4)")
    assert (
        rows["Where"]
        == "calf 6 (67\u00a0%), foot or toes 1 (11\u00a0%), back of thigh 1 (11\u00a0%), not recorded 1 (11\u00a0%)"
    )
    assert (
        rows["Which leg"] == "left 4 (44\u00a0%), right 3 (33\u00a0%), both 1 (11\u00a0%), not recorded 1 (11\u00a0%)"
    )


def test_the_pdf_is_a4_with_the_expected_text(qapp: QApplication, store: DiaryStore, tmp_path: Path) -> None:
    two_weeks(store)
    flag = DiaryFlag(message="Cramps on 2 or more nights a week for 2 weeks: see your doctor.", weeks=2,
                     nights_with_cramps=2)  # fmt: skip
    target = tmp_path / "report.pdf"
    pages = write_report(target, data_for(store, flags=(flag,)))
    info = pdf_info(target)
    assert info["Pages"] == str(pages) == "2"
    assert info["Page size"] == "595 x 842 pts (A4)"
    assert info["Title"] == "Leg cramp diary, 2026-03-16 to 2026-03-29"
    text = pdf_text(target)
    for expected in (
        "Night-time leg cramp diary",
        "Nights of Mon 16 Mar 2026 to Sun 29 Mar 2026 (2 weeks, 14 nights)",
        "Flagged by the diary",
        "Cramps on 2 or more nights a week for 2 weeks: see your doctor.",
        "9 cramps on 6 of 14 nights (43 %)",  # split() reads the no-break space as a space
        "Cramps and routine nights per week",
        "Pain: average score per week",
        "The patient's notes",
        "after a long walk",
        "worst one yet",
        "Every cramp recorded",
        "Page 1 of 2",
        "Page 2 of 2",
        "not a medical device",
    ):
        assert expected in " ".join(text.split()), expected  # wrapped lines joined
    # The table lists each cramp's own date: the 3 a.m. cramp of the night of Mon 16 Mar is on Tue 17 Mar.
    assert re.search(r"Tue 17 Mar\s+03:00\s+Left\s+Calf\s+7/10\s+2 min\s+after a long walk", text)
    assert re.search(r"Mon 30 Mar\s+04:00\s+Right\s+Calf\s+9/10\s+11 min\s+worst one yet", text)


def test_an_empty_diary_gives_one_honest_page(qapp: QApplication, tmp_path: Path) -> None:
    store = DiaryStore(open_memory_database())
    target = tmp_path / "empty.pdf"
    assert write_report(target, data_for(store)) == 1
    text = " ".join(pdf_text(target).split())
    assert "The diary has no entries for these nights, so nothing is known about them" in text
    assert "no diary entries for these nights" in text
    assert "No cramps were recorded in this period." in text
    assert "per week" not in text  # no chart and no averages over nights nobody recorded
    assert "Page 1 of 1" in text


def test_one_night_of_diary_is_reported_as_one_night(qapp: QApplication, tmp_path: Path) -> None:
    store = DiaryStore(open_memory_database())
    store.add_episode(at(LAST, 3), leg=Leg.LEFT, location=CrampLocation.CALF, pain=6, duration_seconds=90)
    target = tmp_path / "one.pdf"
    write_report(target, data_for(store, LAST - timedelta(days=83), LAST))
    text = " ".join(pdf_text(target).split())
    for expected in (
        "(12 weeks, 84 nights)",
        "The diary covers 1 of these 84 nights (the night of Sun 29 Mar 2026).",
        "too few for averages",
        "1 cramp on 1 of 1 night",
        "not averaged: the diary covers only 1 night, under two weeks",
        "not a medical test",  # the diary's caveat
        "It cannot diagnose, treat or rule out any illness",  # the disclaimer, whole
        "nights of the period outside them are unknown",
        "Not charted: under two weeks of diary",
    ):
        assert expected in text, expected
    for wrong in ("1 of 84 nights", "0.0 a week", "1 nights", "1 cramps", "Pain: average score per week"):
        assert wrong not in text, wrong


def test_a_long_diary_repeats_the_table_header_on_every_page(qapp: QApplication, tmp_path: Path) -> None:
    store = DiaryStore(open_memory_database())
    fill_sample(store, date(2025, 12, 1), 140)
    data = data_for(store, date(2025, 12, 1), date(2026, 4, 19))
    target = tmp_path / "long.pdf"
    pages = write_report(target, data)
    assert pages >= 4
    texts = [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(target), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for page in range(1, pages + 1)
    ]
    table_pages = [page for page in texts if re.search(r"\d\d:\d\d\s+(Left|Right|Both|–)\s", page)]
    assert len(table_pages) >= 2
    assert all(re.search(r"Date\s+Time\s+Leg\s+Where\s+Pain\s+How long\s+Note", page) for page in table_pages)
    # 20 weeks: still weekly bars; more than 26 weeks: monthly.
    assert data.per == "week"
    assert gather(store, date(2025, 6, 1), date(2026, 4, 19), (), now=NOW).per == "month"
    assert f"Page {pages} of {pages}" in texts[-1]


def test_a_period_that_ends_before_it_starts_is_refused(store: DiaryStore) -> None:
    with pytest.raises(ValueError, match="before its first"):
        gather(store, LAST, FIRST, (), now=NOW)


def test_a_failed_write_leaves_no_half_file(qapp: QApplication, store: DiaryStore, tmp_path: Path) -> None:
    folder = tmp_path / "not-there"
    with pytest.raises(OSError):  # noqa: PT011 - the OS decides which one
        write_report(folder / "report.pdf", data_for(store))
    assert not folder.exists()
