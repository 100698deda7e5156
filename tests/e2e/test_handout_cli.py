"""``cramp-coach handout``, ``export-routine`` and ``import-routine`` as real processes.

The handout is made with no display at all (no DISPLAY, no QT_QPA_PLATFORM): the
command must pick the offscreen platform by itself.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cramp_coach.storage.routine_library import load_catalog

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")


def run(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {
        key: value for key, value in os.environ.items() if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["CRAMP_COACH_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "cramp_coach", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_handout_without_a_display(tmp_path: Path) -> None:
    out = tmp_path / "bedtime.pdf"
    result = run("handout", "bedtime", "-o", str(out), data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"wrote .*bedtime\.pdf \([1-4] pages?, A4\)\n", result.stdout)
    text = re.sub(
        r"\s+", " ", subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    )
    routine = load_catalog().routines["bedtime"]
    for step in routine.steps:
        assert step.exercise.name in text
        assert step.dose.describe() in text


def test_handout_of_an_unknown_routine_is_a_usage_error(tmp_path: Path) -> None:
    result = run("handout", "no-such-routine", "-o", str(tmp_path / "x.pdf"), data_dir=tmp_path / "data")
    assert result.returncode == 2
    assert "no routine with id 'no-such-routine' (known: bedtime, bedtime-seated)" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_handout_of_a_routine_file_with_problems_lists_them(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 1\nkind: routine\ntitle: T\nsummary: S\nsteps:\n  - exercise: nope\n")
    result = run("handout", str(broken), "-o", str(tmp_path / "x.pdf"), data_dir=tmp_path / "data")
    assert result.returncode == 1
    assert result.stdout.startswith(f"{broken}:6:15: steps[0].exercise: expected a known exercise id")
    assert not (tmp_path / "x.pdf").exists()


def test_export_on_one_machine_import_on_another(tmp_path: Path) -> None:
    physio = tmp_path / "physio"
    patient = tmp_path / "patient"
    (physio / "routines").mkdir(parents=True)
    bedtime = (Path(__file__).resolve().parents[2] / "routines" / "bedtime.yaml").read_text(encoding="utf-8")
    (physio / "routines" / "jane.yaml").write_text(bedtime.replace("hold_seconds: 10", "hold_seconds: 20"))
    bundle = tmp_path / "jane.zip"
    exported = run("export-routine", "jane", "-o", str(bundle), data_dir=physio)
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout == f"wrote {bundle}: jane.yaml\n"
    imported = run("import-routine", str(bundle), data_dir=patient)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout == f"imported {patient / 'routines' / 'jane.yaml'}\n"
    assert load_catalog(patient / "routines").routines["jane"].steps[1].dose.hold_seconds == 20
