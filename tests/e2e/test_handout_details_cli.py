"""``cramp-coach handout --patient NAME --by NAME``: the names on paper, a bad date refused in one sentence."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")


def run(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CRAMP_COACH_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "cramp_coach", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_names_date_contact_and_the_safety_page(tmp_path: Path) -> None:
    out = tmp_path / "jane.pdf"
    result = run(
        "handout", "bedtime", "-o", str(out), "--patient", "Jane Doe", "--by", "Sam Lee",
        "--contact", "Clinic 01234 567890", "--date", "2026-11-30",
        data_dir=tmp_path / "data",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = re.sub(r"\s+", " ", subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout)
    for line in ("For: Jane Doe", "From: Sam Lee, physiotherapist", "Date: 30 Nov 2026", "Contact: Clinic 01234"):
        assert line in text
    assert "During a cramp" in text
    assert "Warning signs" in text
    assert "Where this advice comes from" in text
    assert "From your physiotherapist" not in text  # the built-in note is nobody's own
    assert not (tmp_path / "data").exists()  # making a handout writes nothing to the data folder


def test_a_bad_date_is_a_usage_error_in_one_sentence(tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    result = run("handout", "bedtime", "-o", str(out), "--date", "30/11/2026", data_dir=tmp_path / "data")
    assert result.returncode == 2
    assert "expected a date like 2026-11-23, found '30/11/2026'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
