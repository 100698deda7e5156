"""``cramp-coach import-routine`` / ``export-routine``: messages, exit codes, and refusals that change nothing."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from cramp_coach import cli, paths
from cramp_coach.storage.atomic import backup_path
from cramp_coach.storage.library import load_catalog

BEDTIME = (paths.builtin_routines_dir() / "bedtime.yaml").read_text(encoding="utf-8")
INLINE = (
    "id: own-stretch, name: Own stretch, position: sitting, steps: [Sit.], cue: Sit., "
    "dose: {hold_seconds: 10}, evidence: common_practice, sources: [Her physiotherapist]"
)


@pytest.fixture
def routines(data_dir: Path) -> Path:
    return data_dir / "routines"


def test_import_then_refuse_a_clash_unless_told(
    tmp_path: Path, routines: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "jane.yaml"
    source.write_text(BEDTIME, encoding="utf-8")
    assert cli.main(["import-routine", str(source)]) == 0
    assert capsys.readouterr().out == f"imported {routines / 'jane.yaml'}\n"

    changed = BEDTIME.replace("hold_seconds: 10", "hold_seconds: 20")
    source.write_text(changed, encoding="utf-8")
    assert cli.main(["import-routine", str(source)]) == 1
    err = capsys.readouterr().err
    assert f"already in {routines}: jane.yaml" in err
    assert "use --replace" in err
    assert "--as NEW_ID" in err
    assert "nothing was imported" in err
    assert (routines / "jane.yaml").read_text(encoding="utf-8") == BEDTIME

    assert cli.main(["import-routine", str(source), "--as", "jane-2"]) == 0
    assert load_catalog(routines).routines["jane-2"].steps[1].dose.hold_seconds == 20

    assert cli.main(["import-routine", str(source), "--replace"]) == 0
    assert (routines / "jane.yaml").read_text(encoding="utf-8") == changed
    assert backup_path(routines / "jane.yaml").read_text(encoding="utf-8") == BEDTIME


def test_an_invalid_bundle_prints_every_problem_and_imports_nothing(
    tmp_path: Path, routines: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "bad.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("good.yaml", BEDTIME)
        bundle.writestr("bad.yaml", BEDTIME.replace("toe-pulls", "toe-pull").replace("reps: 3", "reps: lots", 1))
    assert cli.main(["import-routine", str(archive)]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("bad.zip/bad.yaml:50:13: steps[1].dose.reps: expected a whole number from 1 to 100")
    assert lines[1].startswith("bad.zip/bad.yaml:59:15: steps[3].exercise: expected a known exercise id")
    assert "2 problems" in err
    assert not routines.exists() or list(routines.iterdir()) == []


def test_a_zip_slip_archive_is_refused(tmp_path: Path, routines: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("jane.yaml", BEDTIME)
        bundle.writestr("../../outside.yaml", "x")
    assert cli.main(["import-routine", str(archive)]) == 1
    assert "refused: the archive entry '../../outside.yaml' points outside the bundle" in capsys.readouterr().err
    assert not (tmp_path.parent / "outside.yaml").exists()
    assert not routines.exists() or list(routines.iterdir()) == []


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as missing:
        cli.main(["import-routine", str(tmp_path / "nothing.zip")])
    assert missing.value.code == 2
    with pytest.raises(SystemExit) as unknown:
        cli.main(["export-routine", "no-such", "-o", str(tmp_path / "x.zip")])
    assert unknown.value.code == 2
    assert "no routine with id 'no-such'" in capsys.readouterr().err


def test_export_a_built_in_as_a_single_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dest = tmp_path / "bedtime.yaml"
    assert cli.main(["export-routine", "bedtime", "-o", str(dest)]) == 0
    assert capsys.readouterr().out == f"wrote {dest}: bedtime.yaml\n"
    assert dest.read_text(encoding="utf-8") == BEDTIME


@pytest.mark.parametrize(
    "member",
    ["r" * 300 + ".yaml", "images/" + "p" * 300 + ".png", "x" * 150 + "/" + "y" * 150 + "/jane.yaml"],
    ids=["routine", "picture", "folders"],
)
def test_overlong_member_names_are_refused_in_one_sentence(
    tmp_path: Path, routines: Path, capsys: pytest.CaptureFixture[str], member: str
) -> None:
    archive = tmp_path / "long.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("jane.yaml", BEDTIME)
        bundle.writestr(member, b"x")
    assert cli.main(["import-routine", str(archive)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"cramp-coach import-routine: refused: the archive entry '{member[:20]}")
    assert "characters; nothing was imported" in err
    assert not routines.exists() or list(routines.iterdir()) == []


def test_an_overlong_picture_name_is_a_validation_error(
    tmp_path: Path, routines: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "jane.yaml"
    long_name = "images/" + "p" * 300 + ".png"
    source.write_text(
        BEDTIME.replace("  - exercise: toe-pulls\n", f"  - exercise: {{{INLINE}, illustration: {long_name}}}\n"),
        encoding="utf-8",
    )
    assert cli.main(["import-routine", str(source)]) == 1
    out, err = capsys.readouterr()
    assert out.count("\n") == 1
    assert ": steps[3].exercise.illustration: expected a path inside the routine's folder" in out
    assert "which is longer than 200 characters" in out
    assert "nothing was imported" in err
    assert not routines.exists() or list(routines.iterdir()) == []


def test_damaged_compressed_data_is_refused_in_one_sentence(
    tmp_path: Path, routines: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "damaged.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("jane.yaml", BEDTIME)
    data = bytearray(archive.read_bytes())
    name_length, extra_length = int.from_bytes(data[26:28], "little"), int.from_bytes(data[28:30], "little")
    data[30 + name_length + extra_length] = 0x07  # a deflate block of the reserved type: zlib.error (found by fuzzing)
    archive.write_bytes(bytes(data))
    assert cli.main(["import-routine", str(archive)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("cramp-coach import-routine: could not read 'jane.yaml' from damaged.zip: ")
    assert not routines.exists() or list(routines.iterdir()) == []


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (["export-routine", "bedtime"], "bedtime.zip"),
        (["export-routine", "bedtime"], "bedtime.yaml"),
        (["export-routine", "bedtime"], "for-jane"),
        (["handout", "bedtime"], "bedtime.pdf"),
    ],
)
def test_a_missing_output_folder_is_refused_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], name: str
) -> None:
    target = tmp_path / "no-such-folder" / name
    assert cli.main([*command, "-o", str(target)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"cramp-coach {command[0]}: the folder {target.parent} does not exist; "
        f"create it first or choose another place for {name}\n"
    )
    assert not target.parent.exists()


def test_a_missing_routines_folder_is_a_clear_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "no-such-folder"
    assert cli.main(["--routines", str(missing), "validate", str(paths.builtin_routines_dir())]) == 0
    assert capsys.readouterr().err.splitlines()[0] == (
        f"cramp-coach: warning: the routines folder {missing} does not exist; "
        "going on with the built-in routines and your own"
    )
