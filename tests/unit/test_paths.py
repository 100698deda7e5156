"""Where the app looks for its content and the user's data."""

from __future__ import annotations

from pathlib import Path

import pytest

from cramp_coach import paths


def test_data_dir_precedence(tmp_path: Path) -> None:
    env = {"CRAMP_COACH_DATA_DIR": str(tmp_path / "env"), "HOME": str(tmp_path / "home")}
    assert paths.resolve_data_dir(tmp_path / "flag", env).root == tmp_path / "flag"
    assert paths.resolve_data_dir(None, env).root == tmp_path / "env"
    assert paths.resolve_data_dir(None, {"HOME": str(tmp_path / "home")}).root == (
        tmp_path / "home" / ".local" / "share" / "cramp-coach"
    )


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("linux", {"HOME": "/h", "XDG_DATA_HOME": "/x"}, "/x/cramp-coach"),
        ("darwin", {"HOME": "/h"}, "/h/Library/Application Support/cramp-coach"),
        ("win32", {"HOME": "/h", "APPDATA": "/a"}, "/a/cramp-coach"),
    ],
)
def test_platform_defaults(platform: str, env: dict[str, str], expected: str) -> None:
    assert paths.default_data_dir(env, platform) == Path(expected)


def test_tests_never_use_the_real_data_dir(data_dir: Path) -> None:
    assert paths.resolve_data_dir().root == data_dir
    assert paths.resolve_data_dir().diary == data_dir / "diary.sqlite3"


def test_builtin_content_is_found() -> None:
    assert (paths.builtin_routines_dir() / "bedtime.yaml").is_file()
    assert (paths.builtin_assets_dir() / "illustrations").is_dir()
    assert paths.schema_file().is_file()
