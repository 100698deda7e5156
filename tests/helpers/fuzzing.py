"""Mutated routine files, protocols, bundles and diary CSVs, and what must hold for each (also for benchmarks/fuzz.py).

Every ``check_*`` function runs one case and raises :class:`FuzzFailureError` (or lets an
unexpected exception through) when the project breaks its promise:

* a routine-format text, however mangled, is *reported* (issues with a line and column),
  never raised; and what validates builds into domain values and a playable timeline;
* a bundle is refused with a :class:`~cramp_coach.storage.file_errors.LibraryError`
  (one sentence for the user) or planned; a plan that is clean imports, loads without
  issues, and writes nothing outside the user's routines folder; nothing is left in the
  temporary folder;
* a diary CSV given to ``cramp-coach import`` is imported whole (every row as it was
  read, and the diary then exports and reads back unchanged, notes byte for byte) or
  refused with exit status 1, one ``file:line: message`` line per problem and one
  sentence on standard error, the data folder left byte for byte as it was; nothing is
  written outside the data folder.

Mutations start from the shipped files (routines, exercise library, Cramp-now protocol),
a few real pictures and the export of a small diary, so most cases get past the first line and exercise the deeper
checks. Each mutator takes a :class:`random.Random`: Hypothesis hands one in for the
test suite (fixed seed), the fuzz benchmark its own seeded one.
"""

from __future__ import annotations

import csv
import dataclasses
import gc
import hashlib
import io
import random
import re
import sqlite3
import stat
import struct
import tempfile
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path

from cramp_coach import cli, paths
from cramp_coach.domain.diary import Leg, SessionStatus
from cramp_coach.domain.diary_bounds import MAX_NAME_CHARS, MAX_NOTE_CHARS
from cramp_coach.domain.protocol import CrampLocation
from cramp_coach.domain.timeline import compile_routine
from cramp_coach.schema.catalog import assemble
from cramp_coach.schema.kinds import FileKind
from cramp_coach.schema.loader import ParsedFile, parse_text
from cramp_coach.storage.bundle_import import apply_import
from cramp_coach.storage.bundle_plan import plan_import
from cramp_coach.storage.database import open_database
from cramp_coach.storage.diary_csv import export_csv, parse_csv, read_csv, write_csv
from cramp_coach.storage.diary_rows import Entry
from cramp_coach.storage.diary_store import DiaryStore
from cramp_coach.storage.file_errors import LibraryError
from cramp_coach.storage.library import RoutineLibrary

BUILTIN_DIR = paths.builtin_routines_dir()
ASSETS = [paths.builtin_assets_dir()]
SHIPPED = {path.name: path.read_text(encoding="utf-8") for path in sorted(BUILTIN_DIR.glob("*.yaml"))}
ROUTINE_FILES = sorted(name for name, text in SHIPPED.items() if "kind: routine" in text)
PROTOCOL_FILE = "cramp-now.yaml"
SVG = (paths.builtin_assets_dir() / "illustrations" / "toe-pulls.svg").read_bytes()

# Fragments that stress YAML and the schema: quotes, flow brackets, anchors and aliases,
# tags, tabs, control characters, huge and negative numbers, long words, odd spaces.
TOKENS = [
    "'",
    '"',
    "[",
    "]",
    "{",
    "}",
    ": ",
    "- ",
    "&a ",
    "*a",
    "!!python/object:os.system ",
    "!!binary ",
    "\t",
    "\x07",
    "\x00",
    "\ufeff",
    "\u2028",
    "#",
    "|",
    ">",
    "? ",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "1e308",
    "-1",
    ".nan",
    "0x1F",
    "~",
    "null",
    "yes",
    "2026-02-30",
    "x" * 300,
    "../../etc/passwd",
    "images/" + "p" * 300 + ".png",
    "illustration: ",
    "exercise: ",
    "hold_seconds: ",
    "reps: ",
    "standing: true",
    "sides: ",
    "\n  ",
    "é",
    "🦵",
]


class FuzzFailureError(AssertionError):
    """A promise broken by one case (the case is in the message)."""


def png_bytes(width: int = 3, height: int = 2) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rows = (b"\x00" + b"\x80\x40\x20" * width) * height
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


# --- mutators ---------------------------------------------------------------------------


def mutate_text(text: str, rng: random.Random, rounds: int | None = None, tokens: Sequence[str] = TOKENS) -> str:
    """A few random edits: characters, tokens, whole lines moved, dropped, doubled or re-indented."""
    lines = text.split("\n")
    for _ in range(rounds if rounds is not None else rng.randint(1, 4)):
        choice = rng.random()
        index = rng.randrange(len(lines)) if lines else 0
        if not lines:
            lines = [rng.choice(tokens)]
        elif choice < 0.3:
            line = lines[index]
            at = rng.randint(0, len(line))
            lines[index] = line[:at] + rng.choice(tokens) + line[at:]
        elif choice < 0.45:
            line = lines[index]
            if line:
                at = rng.randrange(len(line))
                lines[index] = (
                    line[:at] + chr(rng.choice([rng.randrange(32, 127), rng.randrange(0, 0x3000)])) + line[at + 1 :]
                )
        elif choice < 0.55:
            del lines[index]
        elif choice < 0.65:
            lines.insert(rng.randrange(len(lines) + 1), lines[index])
        elif choice < 0.75:
            lines[index] = " " * rng.choice([1, 2, 3, 4, 6]) + lines[index].lstrip()
        elif choice < 0.85:
            other = rng.randrange(len(lines))
            lines[index], lines[other] = lines[other], lines[index]
        elif choice < 0.95:
            # a number somewhere becomes another number (bounds, floats, huge)
            words = lines[index].split(" ")
            spots = [i for i, word in enumerate(words) if word.strip(",]}").isdigit()]
            if spots:
                spot = rng.choice(spots)
                words[spot] = rng.choice(["0", "-5", "2.5", "100000", "1e9", "9" * 30, "0.0001"])
                lines[index] = " ".join(words)
        else:
            lines = lines[: index + 1]  # cut short
    return "\n".join(lines)


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        choice = rng.random()
        if not out:
            out += bytes([rng.randrange(256)])
        elif choice < 0.5:
            out[rng.randrange(len(out))] = rng.randrange(256)
        elif choice < 0.7:
            at = rng.randrange(len(out))
            del out[at : at + rng.randint(1, 64)]
        elif choice < 0.9:
            at = rng.randrange(len(out) + 1)
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        else:
            del out[rng.randrange(len(out)) :]
    return bytes(out)


@dataclass
class Member:
    name: str
    data: bytes
    symlink: bool = False
    encrypted: bool = False


def bundle_members(rng: random.Random) -> list[Member]:
    """A routine with an inline exercise and its picture, maybe a library or protocol, then mutations."""
    routine_name = rng.choice(ROUTINE_FILES)
    picture = rng.choice(["images/towel.svg", "images/photo.png", "illustrations/toe-pulls.svg"])
    inline = (
        "  - exercise: {id: own-stretch, name: Own stretch, position: sitting, steps: [Sit.], cue: Sit., "
        f"dose: {{hold_seconds: 10}}, evidence: common_practice, sources: [Her physio], illustration: {picture}}}\n"
    )
    routine = SHIPPED[routine_name].replace("steps:\n", "steps:\n" + inline, 1)
    members = [Member("jane.yaml", routine.encode())]
    if picture == "images/towel.svg":
        members.append(Member(picture, SVG))
    elif picture == "images/photo.png":
        members.append(Member(picture, png_bytes()))
    if rng.random() < 0.3:
        members.append(Member("exercises.yaml", SHIPPED["exercises.yaml"].encode()))
    if rng.random() < 0.2:
        members.append(Member(PROTOCOL_FILE, SHIPPED[PROTOCOL_FILE].encode()))
    if rng.random() < 0.3:
        prefix = rng.choice(["from-physio/", "a/", "Jane's routine/"])
        members = [Member(prefix + member.name, member.data) for member in members]
    for _ in range(rng.randint(0, 3)):
        member = rng.choice(members)
        choice = rng.random()
        if choice < 0.3 and member.name.endswith(".yaml"):
            member.data = mutate_text(member.data.decode("utf-8", "replace"), rng).encode()
        elif choice < 0.5:
            member.data = mutate_bytes(member.data, rng)
        elif choice < 0.7:
            member.name = rng.choice(
                [
                    "../" + member.name,
                    "/" + member.name,
                    "C:" + member.name,
                    member.name.replace("/", "\\"),
                    member.name.upper(),
                    "x" * rng.choice([99, 100, 101, 300]) + ".yaml",
                    member.name + "\x00",
                    "./" + member.name,
                    member.name.replace(".yaml", ".YML"),
                    "images//" + member.name,
                ]
            )
        elif choice < 0.8:
            members.append(Member(member.name, member.data))  # the same name twice
        elif choice < 0.9:
            member.symlink = True
        else:
            member.encrypted = True
    return members


def zip_bytes(members: list[Member], rng: random.Random) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name": a duplicate is the point
        for member in members:
            info = zipfile.ZipInfo(member.name)
            info.compress_type = zipfile.ZIP_DEFLATED
            if member.symlink:
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            if member.encrypted:
                info.flag_bits |= 0x1
            archive.writestr(info, member.data)
    data = buffer.getvalue()
    return mutate_bytes(data, rng) if rng.random() < 0.15 else data


# --- the promises ---------------------------------------------------------------------------


def check_text(name: str, text: str, base_dir: Path | None = None) -> None:
    """Validation reports and never raises; what validates builds and plays."""
    parsed = parse_text(text, name, base_dir=base_dir, asset_roots=ASSETS)
    for issue in parsed.issues:
        if issue.line < 1 or issue.column < 1 or not issue.message:
            raise FuzzFailureError(f"{name}: an issue without a place or message: {issue!r}")
    context = [] if parsed.kind is FileKind.EXERCISE_LIBRARY else [_shipped_library()]
    catalog = assemble([*context, parsed])
    if parsed.ok and parsed.kind is FileKind.ROUTINE:
        routine = catalog.routines.get(parsed.stem)
        if routine is None and not parsed.issues:
            raise FuzzFailureError(f"{name}: validated but did not build")
        if routine is not None:
            compile_routine(routine)
    if parsed.ok and parsed.kind is FileKind.CRAMP_PROTOCOL and catalog.protocol is None:
        raise FuzzFailureError(f"{name}: a valid protocol did not build")


@lru_cache(maxsize=1)
def _shipped_library() -> ParsedFile:
    return parse_text(SHIPPED["exercises.yaml"], "exercises.yaml", asset_roots=ASSETS)


@contextmanager
def sandbox() -> Iterator[tuple[Path, Path]]:
    """A private temporary folder (also used by ``tempfile``): (source folder, user's routines folder)."""
    with tempfile.TemporaryDirectory(prefix="cramp-fuzz-") as raw:
        root = Path(raw)
        scratch = root / "tmp"
        scratch.mkdir()
        saved = tempfile.tempdir
        tempfile.tempdir = str(scratch)
        try:
            yield root / "source", root / "data" / "routines"
        finally:
            tempfile.tempdir = saved
        left = sorted(str(path.relative_to(scratch)) for path in scratch.rglob("*"))
        if left:
            raise FuzzFailureError(f"temporary files left behind: {left[:5]}")


def check_bundle(archive: bytes | None, members: list[Member]) -> str:
    """Import a bundle (a zip, or a folder when ``archive`` is None); returns what happened."""
    with sandbox() as (source_dir, user_dir):
        source_dir.mkdir()
        user_dir.mkdir(parents=True)
        if archive is not None:
            source = source_dir / "bundle.zip"
            source.write_bytes(archive)
        else:
            source = source_dir / "bundle"
            _write_folder(source, members)
        before_source = _listing(source_dir)
        library = RoutineLibrary(user_dir, asset_roots=ASSETS)
        try:
            plan = plan_import(source, library)
        except LibraryError as error:
            _one_sentence(str(error))
            outcome = "refused"
        else:
            if not plan.ok:
                outcome = "invalid"
            else:
                try:
                    written = apply_import(plan, library, replace=True, replace_builtins=True)
                except LibraryError as error:
                    _one_sentence(str(error))
                    outcome = "not written"
                else:
                    outcome = "imported"
                    for path in written:
                        if not path.resolve().is_relative_to(user_dir.resolve()):
                            raise FuzzFailureError(f"wrote outside the routines folder: {path}")
                        parsed = library.parsed_file(path)
                        if parsed is not None and parsed.issues:
                            raise FuzzFailureError(f"imported a file that does not load cleanly: {parsed.issues[:2]}")
        if _listing(source_dir) != before_source:
            raise FuzzFailureError("the bundle's own folder was changed")
        if outcome != "imported" and _listing(user_dir):
            raise FuzzFailureError(f"{outcome}, yet files were written: {_listing(user_dir)[:5]}")
        return outcome


def _one_sentence(message: str) -> None:
    if not message or "\n" in message or "Traceback" in message:
        raise FuzzFailureError(f"not a one-line message: {message!r}")


def _listing(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*")) if folder.exists() else []


def _write_folder(folder: Path, members: list[Member]) -> None:
    folder.mkdir()
    for member in members:
        name = member.name.replace("\\", "/").lstrip("/")
        if not name or "\x00" in name or ".." in name.split("/") or ":" in name or len(name) > 200:
            continue  # not a name a folder can hold; zips cover those
        target = folder / name
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if member.symlink:
                target.symlink_to(folder.parent / "outside.svg")
                (folder.parent / "outside.svg").write_bytes(SVG)
            else:
                target.write_bytes(member.data)
        except OSError:
            continue


# --- the diary CSV -----------------------------------------------------------------------------

CSV_T0 = datetime(2026, 1, 12, 22, 0, tzinfo=timezone.utc)
# Cells that stress the import: times at and past the diary's years (and the ends of
# datetime, which overflow when moved to UTC), numbers at and past the limits, NaN,
# formula starters with and without the export's apostrophe, quotes, line breaks,
# invisible characters, uids that are odd or another row's, and texts at the limits.
CSV_CELLS = [
    "",
    " ",
    "0001-01-01T00:00:00+05:00",
    "9999-12-31T23:59:59-12:00",
    "1899-12-31T23:59:59+00:00",
    "1900-01-01T00:00:00+00:00",
    "2200-12-31T23:59:59+00:00",
    "2200-12-31T23:59:59-14:00",
    "2026-02-30T00:00:00+00:00",
    "2026-01-12T22:00:00",
    "2026-01-12T22:00:00Z",
    "2026-01-12 22:00",
    "2026-01-12T22:00:00.1234567+00:00",
    "1e308",
    "-0",
    "nan",
    "inf",
    "-1",
    "86400",
    "86400.0001",
    "10",
    "11",
    "1000001",
    "9" * 30,
    "٣",
    "yes",
    "YES",
    "no",
    "maybe",
    "left",
    "both",
    "calf",
    "front_thigh",
    "cramp",
    "routine",
    "in_progress",
    "interrupted",
    "stopped",
    "'",
    "'=1",
    "''=1",
    "=cmd|' /C calc'!A0",
    "+1",
    "-",
    "@SUM(A1)",
    "\t",
    "\r",
    "\n",
    "\r\n",
    "6\n7",
    "left\r\nright",
    "2026-01-12\rT22:00:00+00:00",
    '"',
    '""',
    ",",
    "\x00",
    "\ufeff",
    "\u2028",
    "A" * 32,
    "0" * 31,
    "g" * 32,
    "x" * MAX_NAME_CHARS,
    "x" * (MAX_NAME_CHARS + 1),
    "n" * MAX_NOTE_CHARS,
    "n" * (MAX_NOTE_CHARS + 1),
]
CSV_TOKENS = [",", '"', "'", "=", "\r", "\t", "\x00", "\ufeff", "é", "🦵", ",,,", '""', "\\", "--"]


@dataclass(frozen=True)
class DiaryFixture:
    """A small diary as files: its export, the diary itself, and the diary holding only its first entries."""

    csv: bytes
    full: bytes
    half: bytes
    full_entries: dict[str, Entry]
    half_entries: dict[str, Entry]


def _without_id(entry: Entry) -> Entry:
    return dataclasses.replace(entry, id=None)


def _entries(store: DiaryStore) -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for uid, entry in store.export_entries():
        if uid in entries:  # its next export would be refused on import
            raise FuzzFailureError(f"the diary holds uid {uid} twice: {entries[uid]!r} and {entry!r}")
        entries[uid] = _without_id(entry)
    return entries


def _fixed_uids(connection: sqlite3.Connection) -> None:
    # uids are random; fixed ones make the export, and so every case, the same in every
    # process, which --replay KIND:SEED needs.
    for table in ("cramp_episodes", "routine_sessions"):
        for (row_id,) in connection.execute(f"SELECT id FROM {table}").fetchall():
            uid = hashlib.md5(f"{table} {row_id}".encode()).hexdigest()
            connection.execute(f"UPDATE {table} SET uid = ? WHERE id = ?", (uid, row_id))
    connection.commit()


@lru_cache(maxsize=1)
def diary_fixture() -> DiaryFixture:
    """Made once with the project's own writes and export, so the fuzz starts from what users have."""
    with tempfile.TemporaryDirectory(prefix="cramp-fuzz-diary-") as raw:
        path = Path(raw) / "diary.sqlite3"
        with closing(open_database(path)) as connection:  # closed: everything is in the file, no -wal
            store = DiaryStore(connection)
            store.add_episode(
                CSV_T0, leg=Leg.LEFT, location=CrampLocation.CALF, pain=6, duration_seconds=90.5, note="after a walk"
            )
            session = store.start_session("bedtime", "Bedtime stretch", CSV_T0 - timedelta(hours=1), 20)
            store.finish_session(session, CSV_T0 - timedelta(minutes=55), SessionStatus.COMPLETED, 20, 245.5)
            _fixed_uids(connection)
            half_entries = _entries(store)
        half = path.read_bytes()
        with closing(open_database(path)) as connection:
            store = DiaryStore(connection)
            episode = store.start_episode(CSV_T0 + timedelta(days=1, hours=5))
            store.finish_episode(episode, duration_seconds=131.25, eased=True)
            store.log_episode(
                episode, leg=Leg.BOTH, location=CrampLocation.FRONT_THIGH, pain=0, note='=SUM(A1)\n"knotted", then\r\t'
            )
            store.start_episode(CSV_T0 + timedelta(days=2))  # abandoned before the log: a start only
            store.add_episode(
                CSV_T0 + timedelta(days=3), leg=None, location=None, pain=None, duration_seconds=None, note="'@ ünï, 🦵"
            )
            stopped = store.start_session("own-routine", "-Own, “seated”", CSV_T0 + timedelta(days=4), 18)
            store.finish_session(stopped, CSV_T0 + timedelta(days=4, minutes=2), SessionStatus.STOPPED, 7, 96.0)
            _fixed_uids(connection)
            full_entries = _entries(store)
            export_csv(store, Path(raw) / "diary.csv")
        return DiaryFixture(
            csv=(Path(raw) / "diary.csv").read_bytes(),
            full=path.read_bytes(),
            half=half,
            full_entries=full_entries,
            half_entries=half_entries,
        )


def mutate_csv(data: bytes, rng: random.Random) -> bytes:
    """Whole-file edits (bytes, lines, tokens), or edits of cells, rows and columns written back as CSV."""
    choice = rng.random()
    if choice < 0.15:
        return mutate_bytes(data, rng)
    text = data.decode("utf-8")
    if choice < 0.35:
        return mutate_text(text, rng, tokens=CSV_TOKENS).encode("utf-8", "surrogatepass")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    for _ in range(rng.randint(1, 4)):
        header = rows[0]
        column = rng.randrange(len(header)) if header else 0
        row = rng.choice(rows[1:]) if len(rows) > 1 else header
        at = rng.randrange(len(row)) if row else 0
        edit = rng.random()
        if edit < 0.45 and row:
            row[at] = rng.choice([*CSV_CELLS, *(other[1] for other in rows[1:] if len(other) > 1)])
        elif edit < 0.55:  # the same reordering of every row: still a valid file
            order = list(range(len(header)))
            rng.shuffle(order)
            rows = [[line[i] for i in order if i < len(line)] for line in rows]
        elif edit < 0.62:  # a whole column left out
            rows = [line[:column] + line[column + 1 :] for line in rows]
        elif edit < 0.7 and header:
            name = header[column]
            header[column] = rng.choice([name.upper(), f" {name} ", "mood", header[(column + 1) % len(header)]])
        elif edit < 0.78:
            rows.insert(rng.randrange(1, len(rows) + 1), list(row))
        elif edit < 0.84 and len(rows) > 1:
            del rows[rng.randrange(1, len(rows))]
        elif edit < 0.9 and row:
            del row[at]
        elif edit < 0.95:
            rows.insert(rng.randrange(1, len(rows) + 1), [] if rng.random() < 0.5 else [""] * len(header))
        else:
            row.insert(at, rng.choice(CSV_CELLS))
    buffer = io.StringIO(newline="")
    ending = rng.choice(["\r\n", "\r\n", "\n", "\r"])
    csv.writer(
        buffer, lineterminator=ending, quoting=csv.QUOTE_ALL if rng.random() < 0.3 else csv.QUOTE_MINIMAL
    ).writerows(rows)
    encoded = (("\ufeff" if rng.random() < 0.1 else "") + buffer.getvalue()).encode("utf-8", "surrogatepass")
    return mutate_bytes(encoded, rng) if rng.random() < 0.1 else encoded


def pick_diary(rng: random.Random) -> str:
    """Which diary the CSV goes into: none yet, the one it was exported from, or one holding part of it."""
    return rng.choice(["none", "full", "half"])


_IMPORTED = re.compile(
    r"imported (\d+) cramps? and (\d+) routine sessions?; (\d+) already in the diary\n",
)


def check_csv(content: bytes, diary: str) -> str:
    """``cramp-coach import`` of ``content`` into a data folder holding ``diary``; returns what happened."""
    fixture = diary_fixture()
    before_entries = {"none": {}, "full": fixture.full_entries, "half": fixture.half_entries}[diary]
    with sandbox() as (source_dir, routines_dir):
        data_dir = routines_dir.parent
        source_dir.mkdir()
        source = source_dir / "diary, ünï.csv"
        source.write_bytes(content)
        if diary != "none":
            data_dir.mkdir()
            (data_dir / paths.DIARY_FILE).write_bytes(fixture.full if diary == "full" else fixture.half)
        root = source_dir.parent
        before = _contents(root)
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            status = cli.main(["--data-dir", str(data_dir), "import", str(source)])
        # The command leaves closing the diary to the end of its process; here that is
        # the garbage collector, and SQLite removes its -wal and -shm files only then.
        gc.collect()
        after = _contents(root)
        outside = {name for name in set(before) | set(after) if not _in(name, data_dir.relative_to(root))}
        changed = sorted(name for name in outside if before.get(name) != after.get(name))
        if changed:
            raise FuzzFailureError(f"wrote outside the data folder: {changed[:5]}")
        if status == 1:
            _check_refusal(out.getvalue(), err.getvalue(), source, content)
            data_changed = sorted(name for name in set(before) | set(after) if before.get(name) != after.get(name))
            if data_changed:
                raise FuzzFailureError(f"refused, yet the data folder changed: {data_changed[:5]}")
            return "refused"
        if status != 0:
            raise FuzzFailureError(f"exit status {status}: {err.getvalue()!r}")
        return _check_import(out.getvalue(), err.getvalue(), source, data_dir, before_entries)


def _check_refusal(out: str, err: str, source: Path, content: bytes) -> None:
    # Lines as the csv module counts them (any of \r\n, \n or \r ends one); one more for
    # "the file ended inside a quoted field".
    lines = sum(1 for _line in io.StringIO(content.decode("utf-8", "replace"), newline="")) + 1
    problems = out.split("\n")
    if not out.endswith("\n") or not out.strip():
        raise FuzzFailureError(f"refused without listing a problem: {out!r}")
    for problem in problems[:-1]:
        match = re.match(re.escape(str(source)) + r":(\d+): \S", problem)
        if match is None or problem.splitlines() != [problem]:
            raise FuzzFailureError(f"a problem that is not one file:line: message line: {problem!r}")
        if not 1 <= int(match.group(1)) <= lines:
            raise FuzzFailureError(f"a problem on line {match.group(1)} of a {lines}-line file: {problem!r}")
    if not re.fullmatch(r"cramp-coach import: .+; nothing was imported\n", err):
        raise FuzzFailureError(f"not one sentence on standard error: {err!r}")


def _check_import(out: str, err: str, source: Path, data_dir: Path, before: dict[str, Entry]) -> str:
    match = _IMPORTED.fullmatch(out)
    if match is None or err:
        raise FuzzFailureError(f"imported, but said {out!r} and {err!r}")
    episodes, sessions, held = (int(group) for group in match.groups())
    rows = read_csv(source)  # what the import read: it succeeded, so this does too
    left = sorted(path.name for path in data_dir.iterdir() if path.name != paths.DIARY_FILE)
    if left:
        raise FuzzFailureError(f"files left beside the diary: {left}")
    with closing(open_database(data_dir / paths.DIARY_FILE)) as connection:
        store = DiaryStore(connection)
        after = _entries(store)
        buffer = io.StringIO(newline="")
        write_csv(store.export_entries(), buffer)
    if episodes + sessions + held != len(rows) or len(after) != len(before) + episodes + sessions:
        raise FuzzFailureError(f"{out.strip()!r} for {len(rows)} rows, and {len(before)} → {len(after)} entries")
    for held_uid, held_entry in before.items():
        if after.get(held_uid) != held_entry:
            raise FuzzFailureError(f"an entry the diary held changed: {held_entry!r} → {after.get(held_uid)!r}")
    new = {uid: entry for uid, entry in after.items() if uid not in before}
    for uid, entry in rows:
        if uid is not None and uid not in before and new.get(uid) != entry:
            raise FuzzFailureError(f"imported {new.get(uid)!r}, the file says {entry!r}")
    without_uid = [entry for uid, entry in rows if uid is None]
    for uid, entry in new.items():
        if all(uid != row_uid for row_uid, _entry in rows) and entry not in without_uid:
            raise FuzzFailureError(f"imported an entry the file does not hold: {entry!r}")
    back = {uid: entry for uid, entry in parse_csv(buffer.getvalue(), "export.csv") if uid is not None}
    if back != after:
        lost = [
            (after.get(uid), back.get(uid)) for uid in sorted(set(back) | set(after)) if back.get(uid) != after.get(uid)
        ]
        raise FuzzFailureError(f"the diary's export does not read back the same: {lost[:2]!r}")
    return "imported" if episodes + sessions else "nothing new"


def _contents(folder: Path) -> dict[str, bytes | None]:
    """Every file's bytes (None for a folder), by path relative to ``folder``."""
    return {str(path.relative_to(folder)): None if path.is_dir() else path.read_bytes() for path in folder.rglob("*")}


def _in(name: str, folder: Path) -> bool:
    return Path(name) == folder or Path(name).is_relative_to(folder)


# --- one case of each kind, from a seed (for the fuzz benchmark) ----------------------------


def routine_case(rng: random.Random) -> Callable[[], str]:
    name = rng.choice([*ROUTINE_FILES, "exercises.yaml"])
    text = mutate_text(SHIPPED[name], rng)
    return lambda: _checked(name, text)


def protocol_case(rng: random.Random) -> Callable[[], str]:
    text = mutate_text(SHIPPED[PROTOCOL_FILE], rng)
    return lambda: _checked(PROTOCOL_FILE, text)


def _checked(name: str, text: str) -> str:
    check_text(name, text)
    return "checked"


def zip_case(rng: random.Random) -> Callable[[], str]:
    members = bundle_members(rng)
    archive = zip_bytes(members, rng)
    return lambda: check_bundle(archive, members)


def folder_case(rng: random.Random) -> Callable[[], str]:
    members = bundle_members(rng)
    return lambda: check_bundle(None, members)


def csv_case(rng: random.Random) -> Callable[[], str]:
    content = mutate_csv(diary_fixture().csv, rng)
    diary = pick_diary(rng)
    return lambda: check_csv(content, diary)


CASES: dict[str, Callable[[random.Random], Callable[[], str]]] = {
    "routine": routine_case,
    "protocol": protocol_case,
    "zip": zip_case,
    "folder": folder_case,
    "csv": csv_case,
}
