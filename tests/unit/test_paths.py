"""Where the app looks for its content and the user's data."""

from __future__ import annotations

from pathlib import Path

import pytest

from cramp_coach import paths


@pytest.fixture
def windows_folders_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """platformdirs asks the Windows shell API, which is missing here: read the variables instead."""
    import platformdirs.windows

    monkeypatch.setattr(platformdirs.windows, "_RESOLVE_WIN_FOLDER", platformdirs.windows.get_win_folder_from_env_vars)


def test_data_dir_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = {"CRAMP_COACH_DATA_DIR": str(tmp_path / "env"), "HOME": str(tmp_path / "home")}
    assert paths.resolve_data_dir(tmp_path / "flag", env).root == tmp_path / "flag"
    assert paths.resolve_data_dir(None, env).root == tmp_path / "env"
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setattr(paths.sys, "platform", "linux")
    assert paths.resolve_data_dir(None, {"HOME": str(tmp_path / "home")}).root == (
        tmp_path / "home" / ".local" / "share" / "cramp-coach"
    )


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("linux", {"HOME": "/h", "XDG_DATA_HOME": "/x"}, "/x/cramp-coach"),
        ("linux", {"HOME": "/h"}, "/h/.local/share/cramp-coach"),
        ("darwin", {"HOME": "/h"}, "/h/Library/Application Support/cramp-coach"),
        # The local folder, not the roaming one: an SQLite diary must not roam (see paths.py).
        ("win32", {"HOME": "/h", "APPDATA": "/a", "LOCALAPPDATA": "/l"}, "/l/cramp-coach"),
    ],
)
@pytest.mark.usefixtures("windows_folders_from_env")
def test_platform_defaults(platform: str, env: dict[str, str], expected: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("XDG_DATA_HOME", "APPDATA", "LOCALAPPDATA"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert paths.default_data_dir(platform) == Path(expected)


def _old_diary(folder: Path) -> None:
    (folder / "routines").mkdir(parents=True)
    (folder / "routines" / "mine.yaml").write_text("mine", encoding="utf-8")
    (folder / "diary.sqlite3").write_bytes(b"old diary")
    (folder / "settings.ini").write_text("[General]\nvoice=false\n", encoding="utf-8")


def test_migration_moves_an_old_folder_into_the_new_place(tmp_path: Path) -> None:
    old, new = tmp_path / "Roaming" / "cramp-coach", tmp_path / "Local" / "cramp-coach"
    _old_diary(old)
    message = paths.migrate_legacy_data(new, [old])
    assert message == f"Moved your data folder from {old} to {new}."
    assert (new / "diary.sqlite3").read_bytes() == b"old diary"
    assert (new / "routines" / "mine.yaml").read_text(encoding="utf-8") == "mine"
    assert not old.exists()
    assert paths.migrate_legacy_data(new, [old]) is None  # once only


def test_migration_fills_a_new_folder_that_has_no_diary_and_keeps_the_old_one(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    _old_diary(old)
    new.mkdir()
    (new / "settings.ini").write_text("new settings", encoding="utf-8")
    message = paths.migrate_legacy_data(new, [old])
    assert message is not None
    assert "left as it was" in message
    assert (new / "diary.sqlite3").read_bytes() == b"old diary"
    assert (new / "routines" / "mine.yaml").is_file()
    assert (new / "settings.ini").read_text(encoding="utf-8") == "new settings"  # never overwritten
    assert (old / "diary.sqlite3").read_bytes() == b"old diary"
    assert not list(new.glob(".*migrating"))


def test_migration_never_touches_a_diary_already_in_the_new_place(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    _old_diary(old)
    new.mkdir()
    (new / "diary.sqlite3").write_bytes(b"new diary")
    assert paths.migrate_legacy_data(new, [old]) is None
    assert (new / "diary.sqlite3").read_bytes() == b"new diary"
    assert not (new / "routines").exists()


def test_migration_ignores_old_folders_without_a_diary(tmp_path: Path) -> None:
    old = tmp_path / "old"
    old.mkdir()
    (old / "settings.ini").write_text("x", encoding="utf-8")
    assert paths.migrate_legacy_data(tmp_path / "new", [old, tmp_path / "missing"]) is None
    assert not (tmp_path / "new").exists()


@pytest.mark.usefixtures("windows_folders_from_env")
def test_the_default_folder_picks_up_the_old_windows_diary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths.sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    _old_diary(tmp_path / "Roaming" / "cramp-coach")
    env = {"HOME": str(tmp_path), "APPDATA": str(tmp_path / "Roaming")}
    data = paths.resolve_data_dir(None, env)
    assert data.root == tmp_path / "Local" / "cramp-coach"
    assert data.diary.read_bytes() == b"old diary"


def test_an_explicit_folder_is_never_migrated_into(tmp_path: Path) -> None:
    old = tmp_path / "home" / ".local" / "share" / "cramp-coach"
    _old_diary(old)
    data = paths.resolve_data_dir(tmp_path / "mine", {"HOME": str(tmp_path / "home")})
    assert not data.root.exists()
    assert old.joinpath("diary.sqlite3").is_file()


def test_tests_never_use_the_real_data_dir(data_dir: Path) -> None:
    assert paths.resolve_data_dir().root == data_dir
    assert paths.resolve_data_dir().diary == data_dir / "diary.sqlite3"


def test_builtin_content_is_found() -> None:
    assert (paths.builtin_routines_dir() / "bedtime.yaml").is_file()
    assert (paths.builtin_assets_dir() / "illustrations").is_dir()
    assert paths.schema_file().is_file()
