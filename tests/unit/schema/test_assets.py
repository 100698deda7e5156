"""The one picture rule: inside its folder, links followed only while they stay inside."""

from __future__ import annotations

from pathlib import Path

import pytest

from cramp_coach.schema.assets import AssetResolver, find_in, leaves_folder
from cramp_coach.schema.kinds import FileKind
from cramp_coach.schema.names import MAX_ID_LENGTH, MAX_NAME_LENGTH, id_problem, is_valid_id, relative_path_problem


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "routines"
    (root / "images").mkdir(parents=True)
    (root / "images" / "own.svg").write_text("<svg/>")
    return root


def test_a_regular_file_inside_the_folder_is_found(folder: Path) -> None:
    assert find_in(folder, "images/own.svg") == folder / "images" / "own.svg"
    assert find_in(folder, "images\\own.svg") == folder / "images" / "own.svg"  # a bundle made on Windows
    assert find_in(folder, "images/none.svg") is None
    assert find_in(folder, "images") is None  # a folder is not a picture


def test_a_link_that_stays_inside_is_followed(folder: Path) -> None:
    (folder / "images" / "alias.svg").symlink_to("own.svg")
    assert find_in(folder, "images/alias.svg") == folder / "images" / "alias.svg"
    assert not leaves_folder(folder, "images/alias.svg")


def test_a_link_leading_out_is_never_followed(tmp_path: Path, folder: Path) -> None:
    secret = tmp_path / "secret.svg"
    secret.write_text("<svg/>")
    (folder / "images" / "out.svg").symlink_to(secret)
    (folder / "linked").symlink_to(tmp_path, target_is_directory=True)
    assert find_in(folder, "images/out.svg") is None
    assert find_in(folder, "linked/secret.svg") is None
    assert leaves_folder(folder, "images/out.svg")
    assert leaves_folder(folder, "linked/secret.svg")
    assert not leaves_folder(folder, "images/own.svg")
    assert not leaves_folder(folder, "images/none.svg")


def test_paths_that_escape_are_refused_before_the_disk_is_asked(folder: Path) -> None:
    (folder.parent / "up.svg").write_text("<svg/>")
    for bad in ("../up.svg", "/etc/passwd", "images/../../up.svg", "C:/x.svg", "", "a//b.svg", "a\x00.svg"):
        assert relative_path_problem(bad) is not None, bad
        assert find_in(folder, bad) is None, bad


def test_long_names_are_refused() -> None:
    assert (
        relative_path_problem("x" * MAX_NAME_LENGTH + ".png") == f"has a name longer than {MAX_NAME_LENGTH} characters"
    )
    assert relative_path_problem("/".join(["abcdefghij"] * 25)) is not None
    assert relative_path_problem("images/" + "x" * 90 + ".png") is None


def test_the_resolver_looks_next_to_the_file_first(tmp_path: Path, folder: Path) -> None:
    assets = tmp_path / "assets"
    (assets / "images").mkdir(parents=True)
    (assets / "images" / "own.svg").write_text("<svg/>")
    (assets / "images" / "shared.svg").write_text("<svg/>")
    resolver = AssetResolver([assets])
    assert resolver("images/own.svg") == assets / "images" / "own.svg"
    assert resolver.with_base(folder)("images/own.svg") == folder / "images" / "own.svg"
    assert resolver.with_base(folder)("images/shared.svg") == assets / "images" / "shared.svg"
    assert resolver.with_base(None) is resolver
    assert resolver("images/none.svg") is None


def test_ids_are_short_kebab_case_and_reserved_names_keep_their_kind() -> None:
    assert is_valid_id("bedtime-jane")
    assert not is_valid_id("x" * (MAX_ID_LENGTH + 1))
    assert id_problem("x" * (MAX_ID_LENGTH + 1)) == f"it is longer than {MAX_ID_LENGTH} characters"
    assert id_problem("Jane") is not None
    assert (
        id_problem("cramp-now", FileKind.ROUTINE)
        == "'cramp-now' is the name of the cramp-now protocol; choose another id"
    )
    assert id_problem("exercises", FileKind.ROUTINE) is not None
    assert id_problem("cramp-now", FileKind.CRAMP_PROTOCOL) is None
    assert id_problem("exercises", FileKind.EXERCISE_LIBRARY) is None
    assert id_problem("cramp-now") is None  # kind unknown yet (a draft)


def test_file_kinds_read_and_print_as_written_in_files() -> None:
    assert FileKind.parse("routine") is FileKind.ROUTINE
    assert FileKind.parse("recipe") is None
    assert FileKind.parse(None) is None
    assert f"{FileKind.CRAMP_PROTOCOL}" == "cramp_protocol"
    assert FileKind.ROUTINE == "routine"  # comparisons with the text in a file keep working
