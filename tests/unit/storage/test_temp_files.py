"""A save killed mid-write leaves no lasting hidden files: ours are recognisable, never loaded, and cleared."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from cramp_coach import paths
from cramp_coach.storage import atomic
from cramp_coach.storage.atomic import STALE_AFTER_SECONDS, TEMP_SUFFIX, is_temp_file, remove_stale_temp_files
from cramp_coach.storage.library import RoutineLibrary

BEDTIME = (paths.builtin_routines_dir() / "bedtime.yaml").read_text(encoding="utf-8")
REPO = Path(__file__).resolve().parents[3]


class Killed(BaseException):
    """Stands in for SIGKILL: nothing after it runs, no ``except OSError`` clean-up included."""


def hidden(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob(".*") if path.is_file())


def age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_write_stopped_before_the_swap_leaves_only_a_temp_file_we_recognise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "jane.yaml"
    target.write_text("old", encoding="utf-8")

    def killed(_source: object, _dest: object) -> None:
        raise Killed

    monkeypatch.setattr(atomic.os, "replace", killed)
    with pytest.raises(Killed):
        atomic.atomic_write(target, b"new")
    # The new version and the copy of the old one for the backup, both still on their way in.
    left = sorted(path.name for path in tmp_path.iterdir() if path != target)
    assert len(left) == 2
    assert all(name.startswith(".jane.yaml.") and name.endswith(TEMP_SUFFIX) for name in left)
    assert all(is_temp_file(tmp_path / name) for name in left)
    assert target.read_text(encoding="utf-8") == "old"


@pytest.mark.parametrize(
    "name",
    [
        f".jane.yaml.k3x9a0_q{TEMP_SUFFIX}",
        f".jane.yaml.bak.k3x9a0_q{TEMP_SUFFIX}",
        ".jane.yaml.k3x9a0_q.tmp",  # what earlier versions wrote
        ".jane.yaml.bak.k3x9a0_q.tmp",
        ".towel.PNG.abcdefgh.tmp",
    ],
)
def test_our_temp_files_are_recognised(name: str) -> None:
    assert is_temp_file(Path(name))


@pytest.mark.parametrize(
    "name",
    [
        "jane.yaml",
        "jane.yaml.bak",
        "notes.tmp",
        ".notes.tmp",
        f"jane{TEMP_SUFFIX}",  # not hidden: not a name we write
        ".jane.yaml.swp",
        ".jane.yaml.toolong123.tmp",
        ".report.pdf.abcdefgh.tmp",
        ".jane.yaml.ABC-EFGH.tmp",
    ],
)
def test_other_files_are_not_taken_for_ours(name: str) -> None:
    assert not is_temp_file(Path(name))


def test_leftovers_are_never_listed_or_loaded(tmp_path: Path) -> None:
    user = tmp_path / "routines"
    user.mkdir()
    (user / "jane.yaml").write_text(BEDTIME, encoding="utf-8")
    for name in (f".jane.yaml.k3x9a0_q{TEMP_SUFFIX}", ".evening.yaml.abcdefgh.tmp"):
        (user / name).write_text(BEDTIME, encoding="utf-8")  # a complete routine, even
    library = RoutineLibrary(user)  # fresh files: left where they are
    assert len(hidden(user)) == 2
    assert [entry.path.name for entry in library.entries() if entry.path.parent == user] == ["jane.yaml"]
    assert "evening" not in library.catalog.routines


def test_opening_the_library_clears_stale_leftovers_and_only_those(tmp_path: Path) -> None:
    user = tmp_path / "routines"
    (user / "images").mkdir(parents=True)
    (user / ".trash").mkdir()
    stale = [
        user / f".jane.yaml.k3x9a0_q{TEMP_SUFFIX}",
        user / f".jane.yaml.bak.abcdefgh{TEMP_SUFFIX}",
        user / "images" / f".towel.svg.12345678{TEMP_SUFFIX}",
        user / ".evening.yaml.abcdefgh.tmp",
    ]
    fresh = user / f".jane.yaml.zzzzzzzz{TEMP_SUFFIX}"  # another instance may be writing it right now
    others = [
        user / ".notes.tmp",
        user / "notes.tmp",
        user / ".jane.yaml.swp",
        user / ".trash" / ".x.yaml.abcdefgh.tmp",
    ]
    for path in [*stale, fresh, *others]:
        path.write_bytes(b"partial")
    for path in [*stale, *others]:
        age(path, STALE_AFTER_SECONDS + 60)
    RoutineLibrary(user)
    assert [path for path in stale if path.exists()] == []
    assert fresh.exists()
    assert all(path.exists() for path in others)


def test_the_age_limit_is_a_minute(tmp_path: Path) -> None:
    leftover = tmp_path / f".jane.yaml.abcdefgh{TEMP_SUFFIX}"
    leftover.write_bytes(b"partial")
    written = leftover.stat().st_mtime
    assert remove_stale_temp_files(tmp_path, now=written + STALE_AFTER_SECONDS - 1) == []
    assert remove_stale_temp_files(tmp_path, now=written + STALE_AFTER_SECONDS) == [leftover]
    assert remove_stale_temp_files(tmp_path / "missing") == []


def test_a_save_killed_with_sigkill_is_cleared_when_the_library_next_opens(tmp_path: Path) -> None:
    user = tmp_path / "routines"
    user.mkdir()
    (user / "jane.yaml").write_text(BEDTIME, encoding="utf-8")
    # The saver is killed for real between writing its temporary file and swapping it in.
    saver = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from cramp_coach.storage import atomic
        from cramp_coach.storage.library import RoutineLibrary
        atomic.os.replace = lambda *_args: os.kill(os.getpid(), signal.SIGKILL)
        library = RoutineLibrary(Path({str(user)!r}))
        library.save("jane", Path({str(user / "jane.yaml")!r}).read_text().replace("Bedtime stretch", "Killed"))
        """
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-c", saver], env=env, capture_output=True, timeout=60, check=False)
    assert result.returncode == -signal.SIGKILL, result.stderr
    left = hidden(user)
    assert left
    assert all(is_temp_file(user / name) for name in left)
    assert (user / "jane.yaml").read_text(encoding="utf-8") == BEDTIME
    for name in left:
        age(user / name, STALE_AFTER_SECONDS + 1)
    library = RoutineLibrary(user)
    assert hidden(user) == []
    assert library.catalog.routines["jane"].title == "Bedtime stretch"
