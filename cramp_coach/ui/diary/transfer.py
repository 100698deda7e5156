"""Export and import from the diary screen: the doctor report, the CSV, and a CSV from another computer.

Each function asks its question through :class:`~cramp_coach.ui.diary.prompts.DiaryPrompts`,
does the work through storage, and returns a :class:`Notice` in plain words for the
screen's notice line. Nothing here imports Qt except the report's painter, and that only
when a report is asked for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from cramp_coach.domain.protocol import CrampLocation, DiaryFlag
from cramp_coach.domain.wording import plural
from cramp_coach.storage.database import StorageError
from cramp_coach.storage.diary_store import DiaryStore
from cramp_coach.ui.diary.prompts import DiaryPrompts


@dataclass(frozen=True, slots=True)
class Notice:
    """What to tell the user afterwards.

    Attributes:
        text: one or two sentences ("" when the user cancelled).
        warning: it failed; shown in the warning colour.
        changed: the diary's contents changed (the screen re-reads it).
    """

    text: str = ""
    warning: bool = False
    changed: bool = False


CANCELLED = Notice()


def export_report(
    diary: DiaryStore,
    prompts: DiaryPrompts,
    period: tuple[date, date],
    flags: Sequence[DiaryFlag],
    *,
    now: datetime,
    words: Mapping[CrampLocation, str],
    disclaimer: str = "",
) -> Notice:
    """Ask where, then write the doctor report for the nights of ``period``."""
    first, last = period
    path = prompts.save_path(
        "Save the doctor report", Path.home() / f"cramp-diary-{last.isoformat()}.pdf", "PDF files (*.pdf)"
    )
    if path is None:
        return CANCELLED
    from cramp_coach.storage.diary_report import gather
    from cramp_coach.ui.printing.report import write_report  # only when asked: a heavier module

    try:
        pages = write_report(
            path, gather(diary, first, last, flags, now=now, location_labels=words, disclaimer=disclaimer)
        )
    except (StorageError, OSError) as error:
        return Notice(f"The report could not be saved: {error}", warning=True)
    return Notice(f"Saved the doctor report ({plural(pages, 'page')}) to {path}.")


def export_csv(diary: DiaryStore, prompts: DiaryPrompts, *, now: datetime) -> Notice:
    """Ask where, then write the whole diary as CSV."""
    from cramp_coach.storage.diary_csv import export_csv as write

    suggested = Path.home() / f"cramp-diary-{now.astimezone():%Y-%m-%d}.csv"
    path = prompts.save_path("Save the diary as CSV", suggested, "CSV files (*.csv)")
    if path is None:
        return CANCELLED
    try:
        rows = write(diary, path)
    except (StorageError, OSError) as error:
        return Notice(f"The CSV could not be saved: {error}", warning=True)
    return Notice(f"Saved {plural(rows, 'entry', 'entries')} to {path}.")


def import_csv(diary: DiaryStore, prompts: DiaryPrompts) -> Notice:
    """Ask which file, then add the entries the diary does not hold yet (all or nothing)."""
    from cramp_coach.storage.diary_csv import CsvFileError
    from cramp_coach.storage.diary_csv import import_csv as read

    path = prompts.open_path("Import a diary CSV", "CSV files (*.csv);;All files (*)")
    if path is None:
        return CANCELLED
    try:
        result = read(diary, path)
    except (CsvFileError, StorageError) as error:
        return Notice(str(error), warning=True)
    held = result.already_there
    return Notice(
        f"Imported {plural(result.episodes_added, 'cramp')} and {plural(result.sessions_added, 'routine')}; "
        f"{held} {'was' if held == 1 else 'were'} already in the diary.",
        changed=True,
    )
