"""Mutated routine files, protocols and bundles, and what must hold for each (shared by tests and benchmarks/fuzz.py).

Every ``check_*`` function runs one case and raises :class:`FuzzFailureError` (or lets an
unexpected exception through) when the project breaks its promise:

* a routine-format text, however mangled, is *reported* (issues with a line and column),
  never raised; and what validates builds into domain values and a playable timeline;
* a bundle is refused with a :class:`~cramp_coach.storage.file_errors.LibraryError`
  (one sentence for the user) or planned; a plan that is clean imports, loads without
  issues, and writes nothing outside the user's routines folder; nothing is left in the
  temporary folder.

Mutations start from the shipped files (routines, exercise library, Cramp-now protocol)
and a few real pictures, so most cases get past the first line and exercise the deeper
checks. Each mutator takes a :class:`random.Random`: Hypothesis hands one in for the
test suite (fixed seed), the fuzz benchmark its own seeded one.
"""

from __future__ import annotations

import io
import random
import stat
import struct
import tempfile
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cramp_coach import paths
from cramp_coach.domain.timeline import compile_routine
from cramp_coach.schema.catalog import assemble
from cramp_coach.schema.kinds import FileKind
from cramp_coach.schema.loader import ParsedFile, parse_text
from cramp_coach.storage.bundle_import import apply_import
from cramp_coach.storage.bundle_plan import plan_import
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


def mutate_text(text: str, rng: random.Random, rounds: int | None = None) -> str:
    """A few random edits: characters, tokens, whole lines moved, dropped, doubled or re-indented."""
    lines = text.split("\n")
    for _ in range(rounds if rounds is not None else rng.randint(1, 4)):
        choice = rng.random()
        index = rng.randrange(len(lines)) if lines else 0
        if not lines:
            lines = [rng.choice(TOKENS)]
        elif choice < 0.3:
            line = lines[index]
            at = rng.randint(0, len(line))
            lines[index] = line[:at] + rng.choice(TOKENS) + line[at:]
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


# --- one case of each kind, from a seed (for the fuzz benchmark) ----------------------------


def routine_case(rng: random.Random) -> Callable[[], str]:
    name = rng.choice([*ROUTINE_FILES, "exercises.yaml"])
    text = mutate_text(SHIPPED[name], rng)
    return lambda: (check_text(name, text), "checked")[1]


def protocol_case(rng: random.Random) -> Callable[[], str]:
    text = mutate_text(SHIPPED[PROTOCOL_FILE], rng)
    return lambda: (check_text(PROTOCOL_FILE, text), "checked")[1]


def zip_case(rng: random.Random) -> Callable[[], str]:
    members = bundle_members(rng)
    archive = zip_bytes(members, rng)
    return lambda: check_bundle(archive, members)


def folder_case(rng: random.Random) -> Callable[[], str]:
    members = bundle_members(rng)
    return lambda: check_bundle(None, members)


CASES: dict[str, Callable[[random.Random], Callable[[], str]]] = {
    "routine": routine_case,
    "protocol": protocol_case,
    "zip": zip_case,
    "folder": folder_case,
}
