"""The start-up catalog cache: reused only while nothing it was built from has changed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cramp_coach.domain.catalog import Catalog
from cramp_coach.storage import catalog_cache
from cramp_coach.storage.catalog_cache import load_cached


class CountingLoader:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> Catalog:
        self.calls += 1
        return Catalog(exercises={}, routines={}, protocol=None, issues=(), files_with_issues=(f"load {self.calls}",))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    routines = tmp_path / "routines"
    routines.mkdir()
    (routines / "mine.yaml").write_text("schema_version: 1\n")
    return routines


def test_unchanged_folders_reuse_the_cache(tmp_path: Path, folder: Path) -> None:
    load = CountingLoader()
    first = load_cached(tmp_path / "cache" / "catalog.pickle", [folder], load)
    second = load_cached(tmp_path / "cache" / "catalog.pickle", [folder], load)
    assert load.calls == 1
    assert second == first


@pytest.mark.parametrize("change", ["edit", "add", "remove", "image"])
def test_any_change_in_the_folders_means_a_fresh_load(tmp_path: Path, folder: Path, change: str) -> None:
    load = CountingLoader()
    cache = tmp_path / "catalog.pickle"
    load_cached(cache, [folder], load)
    target = folder / "mine.yaml"
    if change == "edit":
        stat = target.stat()
        target.write_text("schema_version: 2\n")
        os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    elif change == "add":
        (folder / "other.yaml").write_text("x")
    elif change == "remove":
        target.unlink()
    else:
        (folder / "pictures").mkdir()
        (folder / "pictures" / "calf.svg").write_text("<svg/>")
    assert load_cached(cache, [folder], load).files_with_issues == ("load 2",)


def test_a_new_app_version_means_a_fresh_load(tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load = CountingLoader()
    load_cached(tmp_path / "catalog.pickle", [folder], load)
    monkeypatch.setattr(catalog_cache, "__version__", "99.0")
    load_cached(tmp_path / "catalog.pickle", [folder], load)
    assert load.calls == 2


def test_a_corrupt_cache_is_ignored_and_rewritten(tmp_path: Path, folder: Path) -> None:
    cache = tmp_path / "catalog.pickle"
    cache.write_bytes(b"\x80\x05 not a pickle at all")
    load = CountingLoader()
    assert load_cached(cache, [folder], load).files_with_issues == ("load 1",)
    assert load_cached(cache, [folder], load).files_with_issues == ("load 1",)
    assert load.calls == 1


def test_an_unwritable_cache_folder_still_loads(tmp_path: Path, folder: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    load = CountingLoader()
    assert load_cached(blocker / "catalog.pickle", [folder], load).files_with_issues == ("load 1",)
    assert not list(tmp_path.glob("**/*.partial"))
