"""Bad values exit 1 with one sentence naming the option and what it allows; exit 2 is for usage errors only.

In-process through ``cli.main`` (no Qt: every refusal here happens before a report is
drawn), with the data folder the test conftest gives each test.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cramp_coach import cli
from cramp_coach.cli_values import OptionValueError, night_value, report_nights

RANGE = "from 1900-01-01 to 2200-12-31 (the diary's years)"


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run ``argv``, expect exit status 1, and return the single line it wrote to standard error."""
    assert cli.main(list(argv)) == 1
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err  # one sentence, never a traceback
    assert "Traceback" not in captured.err
    return lines[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "yesterday"], f"--from: expected a date like 2026-03-02 {RANGE}, found 'yesterday'"),
        (["--to", "2026-3-2"], f"--to: expected a date like 2026-03-02 {RANGE}, found '2026-3-2'"),
        (["--from", "20260302"], f"--from: expected a date like 2026-03-02 {RANGE}, found '20260302'"),
        (["--from", ""], f"--from: expected a date like 2026-03-02 {RANGE}, found ''"),
        (["--to", "2026-02-30"], f"--to: expected a date like 2026-03-02 {RANGE}, found '2026-02-30' (no such day)"),
        (["--from", "0001-01-01", "--to", "9999-12-31"], f"--from: expected a date {RANGE}, found '0001-01-01'"),
        (["--from", "1899-12-31"], f"--from: expected a date {RANGE}, found '1899-12-31'"),
        (["--to", "2201-01-01"], f"--to: expected a date {RANGE}, found '2201-01-01'"),
        (["--from", "2026-03-02", "--to", "2026-03-01"], "--from 2026-03-02 is after --to 2026-03-01; nothing"),
        (
            ["--from", "2200-12-31"],
            "--from 2200-12-31 is after last night",
        ),
    ],
)
def test_report_refuses_a_bad_date_with_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], message: str
) -> None:
    target = tmp_path / "r.pdf"
    line = refused(capsys, "report", *args, "-o", str(target))
    assert line.startswith(f"cramp-coach report: {message}")
    assert line.endswith("; nothing was written")
    assert not target.exists()


def test_from_alone_too_late_names_last_night(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    line = refused(capsys, "report", "--from", "2200-12-31", "-o", str(tmp_path / "r.pdf"))
    assert "where the report ends unless --to says otherwise" in line


def test_import_of_a_missing_file_or_a_folder_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    assert refused(capsys, "import", str(missing)) == (
        f"cramp-coach import: FILE.csv: there is no file {missing}; nothing was imported"
    )
    assert refused(capsys, "import", str(tmp_path)) == (
        f"cramp-coach import: FILE.csv: {tmp_path} is a folder; expected a CSV file; nothing was imported"
    )


def test_export_to_a_missing_folder_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    line = refused(capsys, "export", "-o", str(tmp_path / "missing" / "x.csv"))
    assert line.startswith(f"cramp-coach export: the folder {tmp_path / 'missing'} does not exist")


@pytest.mark.parametrize(
    "argv",
    [
        ["report"],  # -o is required
        ["report", "-o", "r.pdf", "--frm", "2026-03-02"],  # an unknown option
        ["report", "-o", "r.pdf", "--from"],  # an option without its value
        ["export", "--bogus"],
        ["import"],  # the file is missing
        ["diary"],  # the action is missing
        ["diary", "mend"],  # an unknown action
    ],
)
def test_usage_errors_still_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(argv)
    assert exited.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_the_nights_of_a_report() -> None:
    last = date(2026, 3, 29)
    assert report_nights(None, None, last_night=last, weeks=12) == (date(2026, 1, 5), last)
    assert report_nights(None, "2026-03-01", last_night=last, weeks=12) == (date(2025, 12, 8), date(2026, 3, 1))
    assert report_nights("2026-03-01", None, last_night=last, weeks=12) == (date(2026, 3, 1), last)
    assert report_nights("2026-03-01", "2026-03-01", last_night=last, weeks=12) == (date(2026, 3, 1),) * 2
    # --to alone near the first year: the 12 weeks are cut at the diary's first day, never before it.
    assert report_nights(None, "1900-01-05", last_night=last, weeks=12) == (date(1900, 1, 1), date(1900, 1, 5))


def test_a_night_value_is_exactly_yyyy_mm_dd() -> None:
    assert night_value("--from", "2200-12-31") == date(2200, 12, 31)
    assert night_value("--from", "1900-01-01") == date(1900, 1, 1)
    for text in ("2026-W10-1", "2026-03-02T00:00", " 2026-03-02", "２０２６-03-02"):
        with pytest.raises(OptionValueError, match="expected a date like 2026-03-02"):
            night_value("--from", text)
