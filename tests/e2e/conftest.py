"""End-to-end tests share one runtime folder, checked empty at the end: the app removes its socket."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session", autouse=True)
def runtime_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """``XDG_RUNTIME_DIR`` for every app started here; no ``cramp-coach-*.sock`` may be left in it.

    Without this the single-instance sockets of test runs would pile up in the real
    runtime folder (or /tmp), which is how a stale one was first noticed.
    """
    folder = tmp_path_factory.mktemp("runtime")
    folder.chmod(0o700)
    before = os.environ.get("XDG_RUNTIME_DIR")
    os.environ["XDG_RUNTIME_DIR"] = str(folder)
    yield folder
    if before is None:
        del os.environ["XDG_RUNTIME_DIR"]
    else:
        os.environ["XDG_RUNTIME_DIR"] = before
    left = sorted(path.name for path in folder.glob("cramp-coach-*.sock"))
    assert left == [], f"the app left its single-instance socket behind: {left}"
