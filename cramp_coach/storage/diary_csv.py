"""The diary as CSV: export for spreadsheets and new computers, and re-import without duplicates.

Format 1, one row per cramp episode and per routine session, oldest first, UTF-8,
comma-separated with a header row (RFC 4180 quoting, so notes may hold commas, quotes
and line breaks). The columns, in order (``docs/diary.md`` has the same table):

================  =====================================================================
``type``          ``cramp`` or ``routine``
``uid``           the row's permanent id (32 hex digits); how import recognises rows it has
``started_at``    when it started: ISO-8601 with the UTC offset, e.g. ``2026-03-02T03:10:00.000000+00:00``
``local_time``    the same moment in the computer's local time, ``YYYY-MM-DD HH:MM`` (for reading only)
``night``         the night it belongs to, ``YYYY-MM-DD`` (noon to noon; for reading only)
``duration_seconds``  cramp: how long it lasted, in seconds
``leg``           cramp: ``left``, ``right`` or ``both``
``location``      cramp: ``calf``, ``foot``, ``front_thigh`` or ``back_thigh``
``pain``          cramp: 0 (none) to 10 (worst)
``eased``         cramp: ``yes`` or ``no``, if the user said
``logged``        cramp: ``yes`` when the log was filled in, ``no`` when only the start was recorded
``note``          cramp: the user's note
``routine_id``    routine: the routine's id (its file name)
``routine_title`` routine: its title when it was played
``ended_at``      routine: when it ended (ISO-8601 with offset)
``status``        routine: ``completed``, ``stopped`` or ``interrupted``
``phases_done``   routine: steps played
``phases_total``  routine: steps in the routine
``seconds_done``  routine: active seconds played
================  =====================================================================

Blank means "not recorded". **Safe in spreadsheets**: a cell that would start with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return (which a spreadsheet could run as
a formula) is written with a leading apostrophe, as OWASP advises, and so is one that
starts with apostrophes followed by one of those; import removes exactly that one
apostrophe, so every note comes back byte for byte. Values keep the diary's limits
(``domain/diary_bounds.py``): times from 1900 to 2200, durations up to 24 hours, pain 0–10.

Import reads this format back: ``local_time`` and ``night``
are ignored (they follow from ``started_at``); columns may be missing (blank) but an
unknown column is refused, since it would mean a newer format. A time without an
offset is read as local time. Every row is checked before anything is written, and
one problem anywhere means nothing is imported: :class:`CsvFileError` lists them all as
``file:line: message``. Rows whose ``uid`` the diary already holds are skipped, so the
same file can be imported twice.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from enum import Enum
from pathlib import Path
from typing import TextIO, TypeVar

from cramp_coach.domain.diary import MAX_PAIN, CrampEpisode, Leg, RoutineSession, SessionStatus, night_of
from cramp_coach.domain.diary_bounds import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    MAX_NAME_CHARS,
    MAX_PHASES,
    MAX_SECONDS,
    check_entry,
    check_time,
)
from cramp_coach.domain.errors import CrampCoachError
from cramp_coach.domain.protocol import CrampLocation
from cramp_coach.storage.diary_rows import Entry, to_db_time
from cramp_coach.storage.diary_store import DiaryStore
from cramp_coach.storage.diary_transfer import ImportResult

_T = TypeVar("_T")
_E = TypeVar("_E", bound=Enum)

FORMAT_VERSION = 1
COLUMNS = (
    "type",
    "uid",
    "started_at",
    "local_time",
    "night",
    "duration_seconds",
    "leg",
    "location",
    "pain",
    "eased",
    "logged",
    "note",
    "routine_id",
    "routine_title",
    "ended_at",
    "status",
    "phases_done",
    "phases_total",
    "seconds_done",
)
REQUIRED = ("type", "started_at")
#: A diary of ten years is about 1 MB of CSV; anything far bigger is not one of ours.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: At most this many problems are listed; the count of the rest is added.
MAX_PROBLEMS = 50

_UID = re.compile(r"^[0-9a-f]{32}$")
# OWASP's list of characters that make a spreadsheet read a cell as a formula. A cell of
# apostrophes followed by one of them gets one more apostrophe too, so import can always
# remove exactly the one export added.
_ARMED = re.compile(r"^'*[=+\-@\t\r]")
_GUARDED = re.compile(r"^'+[=+\-@\t\r]")
_YES_NO = {"yes": True, "no": False}
# A problem quotes the cell it found, and a quoted cell may hold line breaks: shown as
# escapes, so each problem stays one ``file:line: message`` line (str.splitlines' breaks).
_ONE_LINE = {ord(char): repr(char)[1:-1] for char in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}


class CsvFileError(CrampCoachError):
    """The file cannot be imported; nothing was changed.

    Attributes:
        problems: ``file:line: message`` lines, in file order.
    """

    def __init__(self, problems: list[str], more: int = 0) -> None:
        self.problems = problems
        self.more = more
        lines = problems + ([f"… and {more} more"] if more else [])
        super().__init__("Nothing was imported:\n" + "\n".join(lines))


# --- export ------------------------------------------------------------------------------


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def guard_cell(text: str) -> str:
    """``text`` as written to the file: with a leading apostrophe if a spreadsheet could run it."""
    return "'" + text if _ARMED.match(text) else text


def unguard_cell(text: str) -> str:
    """The inverse of :func:`guard_cell`: removes exactly the apostrophe it added."""
    return text[1:] if _GUARDED.match(text) else text


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _row(uid: str, entry: Entry) -> dict[str, str]:
    local = entry.started_at.astimezone()
    row = dict.fromkeys(COLUMNS, "")
    row.update(
        uid=uid,
        started_at=to_db_time(entry.started_at),
        local_time=local.strftime("%Y-%m-%d %H:%M"),
        night=night_of(entry.started_at).isoformat(),
    )
    if isinstance(entry, CrampEpisode):
        row.update(
            type="cramp",
            duration_seconds=_number(entry.duration_seconds),
            leg="" if entry.leg is None else entry.leg.value,
            location="" if entry.location is None else entry.location.value,
            pain="" if entry.pain is None else str(entry.pain),
            eased=_yes_no(entry.eased),
            logged=_yes_no(entry.logged),
            note=entry.note,
        )
    else:
        row.update(
            type="routine",
            routine_id=entry.routine_id,
            routine_title=entry.routine_title,
            ended_at="" if entry.ended_at is None else to_db_time(entry.ended_at),
            status=entry.status.value,
            phases_done=str(entry.phases_done),
            phases_total=str(entry.phases_total),
            seconds_done=_number(entry.seconds_done),
        )
    return row


def write_csv(rows: Iterable[tuple[str, Entry]], stream: TextIO) -> int:
    """Write the header and ``rows`` to ``stream`` (opened with ``newline=""``); return how many rows."""
    writer = csv.DictWriter(stream, fieldnames=COLUMNS)
    writer.writeheader()
    count = 0
    for uid, entry in rows:
        writer.writerow({column: guard_cell(value) for column, value in _row(uid, entry).items()})
        count += 1
    return count


def export_csv(store: DiaryStore, path: Path) -> int:
    """Write the whole diary to ``path`` (replacing it whole, never half-written); return the rows written."""
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as stream:
            count = write_csv(store.export_entries(), stream)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return count


# --- import ------------------------------------------------------------------------------


class _RowError(Exception):
    pass


@dataclass(frozen=True, slots=True)
class _Cells:
    values: dict[str, str]

    def text(self, name: str) -> str:
        return (self.values.get(name) or "").strip()

    def optional(self, name: str, parse: Callable[[str], _T]) -> _T | None:
        text = self.text(name)
        if not text:
            return None
        try:
            return parse(text)
        except ValueError as error:
            raise _RowError(f"{name}: {error}") from None


def _time(text: str) -> datetime:
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"expected a date and time like 2026-03-02T03:10:00+00:00, found '{text}'") from None
    try:
        return check_time(when.astimezone(timezone.utc), "time")  # a naive time is read as local time
    except (ValueError, OverflowError, OSError):  # OverflowError: year 1 or 9999 moved to UTC
        raise ValueError(f"expected a date and time from {EARLIEST_YEAR} to {LATEST_YEAR}, found '{text}'") from None


def _choice(kind: type[_E]) -> Callable[[str], _E]:
    def parse(text: str) -> _E:
        try:
            return kind(text)
        except ValueError:
            names = ", ".join(str(member.value) for member in kind)
            raise ValueError(f"expected one of {names}, found '{text}'") from None

    return parse


def _whole(low: int, high: int | None = None) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise ValueError(f"expected a whole number, found '{text}'") from None
        if value < low or (high is not None and value > high):
            bounds = f"from {low} to {high}" if high is not None else f"of at least {low}"
            raise ValueError(f"expected a whole number {bounds}, found {value}")
        return value

    return parse


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"expected a number of seconds, found '{text}'") from None
    if not 0 <= value <= MAX_SECONDS:  # also refuses NaN and infinity
        raise ValueError(f"expected a number of seconds from 0 to {MAX_SECONDS} (24 hours), found '{text}'")
    return value


def _flag(text: str) -> bool:
    if text.lower() not in _YES_NO:
        raise ValueError(f"expected yes or no, found '{text}'")
    return _YES_NO[text.lower()]


def _entry(cells: _Cells) -> tuple[str | None, Entry]:
    kind = cells.text("type")
    uid = cells.text("uid").lower() or None
    if uid is not None and not _UID.match(uid):
        raise _RowError(f"uid: expected 32 hexadecimal digits, found '{cells.text('uid')}'")
    started = cells.optional("started_at", _time)
    if started is None:
        raise _RowError("started_at: expected a date and time, found nothing")
    if kind == "cramp":
        logged = cells.optional("logged", _flag)
        return uid, CrampEpisode(
            id=None,
            started_at=started,
            duration_seconds=cells.optional("duration_seconds", _seconds),
            leg=cells.optional("leg", _choice(Leg)),
            location=cells.optional("location", _choice(CrampLocation)),
            pain=cells.optional("pain", _whole(0, MAX_PAIN)),
            note=cells.values.get("note") or "",  # exactly as written: a leading tab is part of the note
            eased=cells.optional("eased", _flag),
            logged=True if logged is None else bool(logged),
        )
    if kind == "routine":
        routine_id = cells.text("routine_id")
        if not routine_id:
            raise _RowError("routine_id: expected the routine's id, found nothing")
        title = cells.values.get("routine_title") or ""
        for name, value in (("routine_id", routine_id), ("routine_title", title)):
            if len(value) > MAX_NAME_CHARS:
                raise _RowError(f"{name}: expected at most {MAX_NAME_CHARS} characters, found {len(value)}")
        status = cells.optional("status", _choice(SessionStatus)) or SessionStatus.COMPLETED
        seconds = cells.optional("seconds_done", _seconds) or 0.0
        ended = cells.optional("ended_at", _time)
        if status is SessionStatus.IN_PROGRESS:
            status = SessionStatus.INTERRUPTED  # it was running when exported; it never finished here
        if ended is None:
            ended = started + timedelta(seconds=seconds)
        if ended < started:
            raise _RowError("ended_at: expected a time after started_at")
        return uid, RoutineSession(
            id=None,
            routine_id=routine_id,
            routine_title=title if title.strip() else routine_id,
            started_at=started,
            ended_at=ended,
            status=status,
            phases_done=cells.optional("phases_done", _whole(0, MAX_PHASES)) or 0,
            phases_total=cells.optional("phases_total", _whole(0, MAX_PHASES)) or 0,
            seconds_done=seconds,
        )
    raise _RowError(f"type: expected cramp or routine, found '{kind}'" if kind else "type: expected cramp or routine")


def parse_csv(text: str, name: str) -> list[tuple[str | None, Entry]]:
    """Every row of ``text`` as ``(uid, entry)``; :class:`CsvFileError` lists every problem (``name:line: …``)."""
    problems: list[str] = []
    rows: list[tuple[str | None, Entry]] = []
    seen_uids: dict[str, int] = {}
    if "\0" in text:  # a binary file, not a spreadsheet's text
        line = text[: text.index("\0")].count("\n") + 1
        raise CsvFileError([f"{name}:{line}: expected text, found a NUL byte (is this a CSV file?)"])
    # strict: a stray quote or a quoted field left open at the end is an error, not a guess.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None or not any(cell.strip() for cell in header):
            raise CsvFileError([f"{name}:1: expected a header row naming the columns, found an empty file"])
        columns = [cell.strip().lower() for cell in header]
        unknown = [column for column in columns if column not in COLUMNS]
        missing = [column for column in REQUIRED if column not in columns]
        duplicated = sorted({column for column in columns if columns.count(column) > 1})
        if unknown:
            problems.append(
                f"{name}:1: unknown column{'s' if len(unknown) > 1 else ''} {', '.join(repr(c) for c in unknown)}"
                f" (this file may come from a newer cramp-coach; format {FORMAT_VERSION} has: {', '.join(COLUMNS)})"
            )
        if missing:
            problems.append(f"{name}:1: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
        if duplicated:
            problems.append(f"{name}:1: column{'s' if len(duplicated) > 1 else ''} {', '.join(duplicated)} twice")
        if problems:
            raise CsvFileError(problems)
        line = reader.line_num + 1
        for record in reader:
            if not any(cell.strip() for cell in record):
                line = reader.line_num + 1
                continue  # blank lines (a trailing one, say) are harmless
            try:
                if len(record) != len(columns):
                    raise _RowError(f"expected {len(columns)} fields like the header, found {len(record)}")
                uid, entry = _entry(_Cells(dict(zip(columns, map(unguard_cell, record), strict=True))))
                check_entry(entry)  # the limits the diary keeps (a note too long, say)
                if uid is not None:
                    if uid in seen_uids:
                        raise _RowError(f"uid: {uid} is also on line {seen_uids[uid]}")
                    seen_uids[uid] = line
                rows.append((uid, entry))
            except (_RowError, ValueError) as problem:
                problems.append(f"{name}:{line}: {str(problem).translate(_ONE_LINE)}")
            line = reader.line_num + 1
    except csv.Error as error:
        problems.append(f"{name}:{reader.line_num}: {error}")
    if problems:
        raise CsvFileError(problems[:MAX_PROBLEMS], max(0, len(problems) - MAX_PROBLEMS))
    return rows


def read_csv(path: Path) -> list[tuple[str | None, Entry]]:
    """Read and check the file at ``path``; :class:`CsvFileError` when it is not a diary CSV."""
    name = str(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CsvFileError([f"{name}:1: expected at most {MAX_FILE_BYTES // 2**20} MB, found a bigger file"])
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        raise CsvFileError(
            [f"{name}:{line}: expected UTF-8 text, found byte 0x{error.object[error.start]:02x}"]
        ) from None
    except OSError as error:
        raise CsvFileError([f"{name}: could not be read: {error.strerror or error}"]) from None
    return parse_csv(text, name)


def import_csv(store: DiaryStore, path: Path) -> ImportResult:
    """Check the whole file, then add its new rows in one transaction (all or nothing)."""
    return store.import_entries(read_csv(path))
