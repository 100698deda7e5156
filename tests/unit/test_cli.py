"""``cramp-coach validate`` and ``cramp-coach schema``: output and exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cramp_coach import cli, paths

DATA = Path(__file__).resolve().parents[1] / "data"


def test_builtin_routines_validate_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", str(paths.builtin_routines_dir())]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "all clean" in err


def test_errors_are_printed_compiler_style_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(DATA / "library.yaml", tmp_path / "library.yaml")
    shutil.copy(DATA / "invalid" / "five-mistakes.yaml", tmp_path / "five-mistakes.yaml")
    assert cli.main(["validate", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 5
    assert lines[0].startswith(f"{tmp_path / 'five-mistakes.yaml'}:5:20: get_ready_seconds: ")
    assert "2 files checked: 5 errors in 1 file" in err


def test_json_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\nkind: routine\ntitle: T\nsummary: S\nsteps: []\n")
    assert cli.main(["validate", "--format", "json", str(bad)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report == {
        "files_checked": 1,
        "issues": [
            {
                "file": str(bad),
                "line": 5,
                "column": 8,
                "field": "steps",
                "message": "expected at least 1 item, found 0",
            }
        ],
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate", "/no/such/place.yaml"], "no such file or folder"),
        (["validate", "EMPTY"], "no .yaml files in folder"),
        (["validate", "NOTYAML"], "not a .yaml file"),
        (["validate"], "required: PATH"),
        (["validate", "--format", "xml", "x.yaml"], "invalid choice"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes.txt").write_text("hello")
    args = [
        str(tmp_path / "empty") if a == "EMPTY" else str(tmp_path / "notes.txt") if a == "NOTYAML" else a for a in args
    ]
    with pytest.raises(SystemExit) as exit_info:
        cli.main(args)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_references_resolve_against_builtin_exercises(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "schema_version: 1\nkind: routine\ntitle: Mine\nsummary: S\n"
        "steps:\n  - exercise: wall-calf-stretch\n  - exercise: wall-calf-strech\n"
    )
    assert cli.main(["validate", str(mine)]) == 1
    out = capsys.readouterr().out
    assert out == (
        f"{mine}:7:15: steps[1].exercise: expected a known exercise id (did you mean 'wall-calf-stretch'?), "
        "found 'wall-calf-strech'\n"
    )


def test_schema_path_and_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["schema", "--path"]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path.is_file()
    assert cli.main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "cramp-coach routine format"


def test_the_command_names_that_skip_the_full_parser_are_exactly_the_sub_commands() -> None:
    import argparse

    parser = cli.build_parser()
    [commands] = [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]
    assert set(commands.choices) == cli.COMMAND_NAMES


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["--data-dir", "before", "export"], "before"),
        (["export", "--data-dir", "after"], "after"),
        (["--data-dir", "before", "export", "--data-dir", "after"], "after"),
        (["export"], None),
    ],
)
def test_the_data_folder_may_be_named_before_or_after_the_command(arguments: list[str], expected: str | None) -> None:
    assert cli.build_parser().parse_args(arguments).data_dir == expected
