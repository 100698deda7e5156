"""The editor asks before an import replaces built-in content, and changes nothing when told no."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cramp_coach.domain.routine import Routine
from cramp_coach.storage.library import RoutineLibrary
from cramp_coach.ui.editor.screen import EditorScreen
from cramp_coach.ui.editor.sharing import REPLACE_BUILT_INS
from cramp_coach.ui.theme import NIGHT
from tests.helpers.fake_prompts import FakePrompts
from tests.unit.storage.test_bundle_replacements import REDEFINES_TOE_PULLS


@pytest.fixture
def library(tmp_path: Path) -> RoutineLibrary:
    return RoutineLibrary(tmp_path / "routines")


@pytest.fixture
def prompts() -> FakePrompts:
    return FakePrompts()


@pytest.fixture
def screen(qtbot: QtBot, library: RoutineLibrary, prompts: FakePrompts) -> Iterator[EditorScreen]:
    def preview(_routine: Routine, _speed: float) -> None:
        raise AssertionError("no preview expected")

    widget = EditorScreen(library, preview, lambda: NIGHT, prompts=prompts)
    qtbot.addWidget(widget)
    yield widget
    widget.hide()


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    path = tmp_path / "physio.zip"
    with zipfile.ZipFile(path, "w") as bundle:
        bundle.writestr("physio.yaml", REDEFINES_TOE_PULLS)
    return path


def test_declining_changes_nothing(
    screen: EditorScreen, prompts: FakePrompts, library: RoutineLibrary, archive: Path
) -> None:
    prompts.script("choose", None)
    assert screen.sharing.import_from(archive) == []
    assert prompts.asked == [("choose", "Replace built-in content?")]
    assert not library.user_dir.exists() or list(library.user_dir.iterdir()) == []


def test_consenting_imports_and_the_routines_use_it(
    screen: EditorScreen, prompts: FakePrompts, library: RoutineLibrary, archive: Path
) -> None:
    prompts.script("choose", REPLACE_BUILT_INS)
    assert screen.sharing.import_from(archive) == [library.user_dir / "physio.yaml"]
    assert library.catalog.exercises["toe-pulls"].name == "Toe pulls, her way"
