"""The editor asks before an import replaces built-in content or the user's own, and changes nothing when told no."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cramp_coach.domain.routine import Routine
from cramp_coach.storage.atomic import backup_path
from cramp_coach.storage.library import RoutineLibrary
from cramp_coach.ui.editor.screen import EditorScreen
from cramp_coach.ui.editor.sharing import REPLACE_BUILT_INS, REPLACE_YOURS_TITLE
from cramp_coach.ui.theme import NIGHT
from tests.helpers.fake_prompts import FakePrompts
from tests.unit.storage.test_bundle_replacements import REDEFINES_TOE_PULLS
from tests.unit.storage.test_bundle_replaces_yours import MINE, UPDATED, bundle, routine_file, snapshot


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


# --- the user's own content (from an earlier bundle or the editor) -------------------------


class TextPrompts(FakePrompts):
    """Also keeps the text of every choice offered."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def choose(self, title: str, text: str, options: Sequence[str]) -> str | None:
        self.texts.append(text)
        return super().choose(title, text, options)


@pytest.fixture
def patient(tmp_path: Path) -> RoutineLibrary:
    """A patient who already has a physiotherapist's exercise and a routine that uses it."""
    user = tmp_path / "patient" / "routines"
    user.mkdir(parents=True)
    (user / "physio-exercises.yaml").write_text(MINE, encoding="utf-8")
    (user / "jane.yaml").write_text(routine_file("Jane's evening", "towel-stretch"), encoding="utf-8")
    return RoutineLibrary(user)


@pytest.fixture
def patient_screen(qtbot: QtBot, patient: RoutineLibrary) -> Iterator[tuple[EditorScreen, TextPrompts]]:
    def preview(_routine: Routine, _speed: float) -> None:
        raise AssertionError("no preview expected")

    prompts = TextPrompts()
    widget = EditorScreen(patient, preview, lambda: NIGHT, prompts=prompts)
    qtbot.addWidget(widget)
    yield widget, prompts
    widget.hide()


def test_your_exercise_is_named_with_its_routines_and_no_changes_nothing(
    patient_screen: tuple[EditorScreen, TextPrompts], patient: RoutineLibrary, tmp_path: Path
) -> None:
    screen, prompts = patient_screen
    archive = bundle(tmp_path / "update.zip", {"towels.yaml": UPDATED})
    before = snapshot(patient.user_dir)
    prompts.script("choose", None)
    assert screen.sharing.import_from(archive) == []
    assert prompts.asked == [("choose", REPLACE_YOURS_TITLE)]
    assert prompts.texts == [
        "update.zip replaces:\n• your exercise 'towel-stretch', used by 'jane'\n\n"
        "Delete the imported files later to go back."
    ]
    assert snapshot(patient.user_dir) == before
    prompts.script("choose", REPLACE_BUILT_INS)
    assert screen.sharing.import_from(archive) == [patient.user_dir / "towels.yaml"]
    assert patient.catalog.routines["jane"].steps[0].exercise.name == "Towel stretch, gentler"


def test_your_routine_is_asked_about_once_by_name(
    patient_screen: tuple[EditorScreen, TextPrompts], patient: RoutineLibrary, tmp_path: Path
) -> None:
    screen, prompts = patient_screen
    archive = bundle(tmp_path / "jane.zip", {"jane.yaml": routine_file("Jane's evening, week two", "towel-stretch")})
    prompts.script("choose", "Replace mine (a backup is kept)")
    assert screen.sharing.import_from(archive) == [patient.user_dir / "jane.yaml"]
    assert prompts.asked == [("choose", "Already in your routines")]
    assert prompts.texts == ["You already have: jane.yaml."]


def test_an_updated_copy_of_your_library_names_the_exercise_then_settles_the_file(
    patient_screen: tuple[EditorScreen, TextPrompts], patient: RoutineLibrary, tmp_path: Path
) -> None:
    screen, prompts = patient_screen
    archive = bundle(tmp_path / "update.zip", {"physio-exercises.yaml": UPDATED})
    prompts.script("choose", REPLACE_BUILT_INS, "Replace mine (a backup is kept)")
    assert screen.sharing.import_from(archive) == [patient.user_dir / "physio-exercises.yaml"]
    assert prompts.asked == [("choose", REPLACE_YOURS_TITLE), ("choose", "Already in your routines")]
    assert "• your exercise 'towel-stretch', used by 'jane'" in prompts.texts[0]
    assert backup_path(patient.user_dir / "physio-exercises.yaml").read_text(encoding="utf-8") == MINE
