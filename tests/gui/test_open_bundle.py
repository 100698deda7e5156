"""A bundle double-clicked in the file manager: nothing is added without a yes."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cramp_coach import paths
from cramp_coach.domain.errors import Issue
from cramp_coach.storage.library import RoutineLibrary
from cramp_coach.ui.open_bundle import ADD, REPLACE, REPLACE_BUILT_INS, open_bundle
from tests.unit.storage.test_bundle_replaces_yours import MINE, UPDATED, bundle, routine_file

ROUTINE = """\
schema_version: 1
kind: routine
title: Jane's evening
summary: For Jane.
steps:
  - exercise: wall-calf-stretch
    dose: {hold_seconds: 20, reps: 2}
"""


class Answers:
    """Records every question; ``choose`` answers from a script."""

    def __init__(self, *choices: str | None) -> None:
        self.choices = list(choices)
        self.asked: list[tuple[str, str]] = []

    def choose(self, title: str, text: str, options: Sequence[str]) -> str | None:
        self.asked.append(("choose", text))
        answer = self.choices.pop(0)
        assert answer is None or answer in options
        return answer

    def show_issues(self, title: str, text: str, issues: Sequence[Issue]) -> None:
        self.asked.append(("issues", text))

    def inform(self, title: str, text: str) -> None:
        self.asked.append(("inform", text))


def _bundle(tmp_path: Path, text: str = ROUTINE) -> Path:
    archive = tmp_path / "jane.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("janes-evening.yaml", text)
    return archive


def test_asks_first_and_adds_on_yes(tmp_path: Path) -> None:
    library = RoutineLibrary(tmp_path / "routines")
    answers = Answers(ADD)
    written = open_bundle(_bundle(tmp_path), library, answers)
    assert [path.name for path in written] == ["janes-evening.yaml"]
    kind, question = answers.asked[0]
    assert kind == "choose"
    assert question.startswith("jane.zip holds the routine “janes-evening”. It was checked and has no errors.")
    assert answers.asked[-1] == ("inform", "Added from jane.zip. You will find it on the Home screen.")


def test_no_means_nothing_is_written(tmp_path: Path) -> None:
    library = RoutineLibrary(tmp_path / "routines")
    assert open_bundle(_bundle(tmp_path), library, Answers(None)) == []
    assert not (tmp_path / "routines" / "janes-evening.yaml").exists()


def test_a_broken_bundle_is_explained_and_nothing_is_asked(tmp_path: Path) -> None:
    library = RoutineLibrary(tmp_path / "routines")
    answers = Answers()
    assert (
        open_bundle(_bundle(tmp_path, ROUTINE.replace("wall-calf-stretch", "wall-calf-strech")), library, answers) == []
    )
    [(kind, text)] = answers.asked
    assert kind == "issues"
    assert text.startswith("jane.zip has 1 problem, so nothing was added.")


def test_not_a_bundle_at_all(tmp_path: Path) -> None:
    junk = tmp_path / "photos.zip"
    junk.write_bytes(b"not a zip")
    answers = Answers()
    assert open_bundle(junk, RoutineLibrary(tmp_path / "routines"), answers) == []
    [(kind, text)] = answers.asked
    assert kind == "inform"
    assert text.startswith("photos.zip could not be opened:")
    assert text.endswith("Nothing was changed.")


def test_a_routine_already_there_is_replaced_only_when_chosen(tmp_path: Path) -> None:
    library = RoutineLibrary(tmp_path / "routines")
    (tmp_path / "routines").mkdir()
    mine = tmp_path / "routines" / "janes-evening.yaml"
    mine.write_text(ROUTINE.replace("Jane's evening", "Mine"), encoding="utf-8")
    answers = Answers(None)
    assert open_bundle(_bundle(tmp_path), library, answers) == []
    assert "You already have: janes-evening.yaml." in answers.asked[0][1]
    assert "Mine" in mine.read_text(encoding="utf-8")
    assert open_bundle(_bundle(tmp_path), library, Answers(REPLACE)) == [mine]
    assert "Jane's evening" in mine.read_text(encoding="utf-8")


def test_a_running_app_shows_the_added_routine_when_the_launch_hands_over(
    qapp: QApplication, qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    from cramp_coach import cli
    from cramp_coach.app import CrampCoachApp

    sheet, palette = qapp.styleSheet(), qapp.palette()
    running = CrampCoachApp(qapp, cli.build_parser().parse_args(["--data-dir", str(data_dir)]))
    qtbot.addWidget(running.window)
    running.start()
    running.complete()
    try:
        assert "janes-evening" not in running.home.routine_buttons
        # `cramp-coach --open jane.zip` in a second process: ask, add, then hand over "show".
        open_bundle(_bundle(tmp_path), RoutineLibrary(data_dir / "routines"), Answers(ADD))
        running.on_instance_message("show")
        assert "janes-evening" in running.home.routine_buttons
    finally:
        qapp.setStyleSheet(sheet)
        qapp.setPalette(palette)


def test_your_exercise_replaced_is_named_and_needs_a_yes(tmp_path: Path) -> None:
    user = tmp_path / "routines"
    user.mkdir()
    (user / "physio-exercises.yaml").write_text(MINE, encoding="utf-8")
    (user / "jane.yaml").write_text(routine_file("Jane's evening", "towel-stretch"), encoding="utf-8")
    library = RoutineLibrary(user)
    archive = bundle(tmp_path / "update.zip", {"towels.yaml": UPDATED})
    answers = Answers(None)
    assert open_bundle(archive, library, answers) == []
    assert answers.asked == [
        (
            "choose",
            "update.zip holds 1 file for your routines. It was checked and has no errors.\n\n"
            "It replaces:\n• your exercise 'towel-stretch', used by 'jane'\n\nAdd it to Cramp Coach?",
        )
    ]
    assert not (user / "towels.yaml").exists()
    assert open_bundle(archive, library, Answers(REPLACE)) == [user / "towels.yaml"]
    assert library.catalog.routines["jane"].steps[0].exercise.name == "Towel stretch, gentler"


def test_a_bundle_replacing_a_built_in_routine_is_named_and_added_on_yes(tmp_path: Path) -> None:
    bedtime = (paths.builtin_routines_dir() / "bedtime.yaml").read_text(encoding="utf-8")
    archive = bundle(tmp_path / "b.zip", {"bedtime.yaml": bedtime.replace("hold_seconds: 10", "hold_seconds: 20")})
    library = RoutineLibrary(tmp_path / "routines")
    answers = Answers(REPLACE_BUILT_INS)
    assert open_bundle(archive, library, answers) == [tmp_path / "routines" / "bedtime.yaml"]
    assert "It replaces:\n• the built-in routine 'bedtime'\n\nAdd it to Cramp Coach?" in answers.asked[0][1]
    assert answers.asked[-1] == ("inform", "Added from b.zip. You will find it on the Home screen.")
