"""What every routine-editor test starts from: an empty routines folder, scripted dialogs,
recorded previews, and the editor screen shown at a laptop size."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from cramp_coach.storage.routine_library import RoutineLibrary
from cramp_coach.ui.editor.screen import EditorScreen
from cramp_coach.ui.theme import NIGHT
from tests.gui.editor_screen_helpers import Previews
from tests.helpers.fake_prompts import FakePrompts


@pytest.fixture
def prompts() -> FakePrompts:
    return FakePrompts()


@pytest.fixture
def previews() -> Previews:
    return Previews()


@pytest.fixture
def screen(qtbot: QtBot, library: RoutineLibrary, prompts: FakePrompts, previews: Previews) -> Iterator[EditorScreen]:
    widget = EditorScreen(library, previews, lambda: NIGHT, prompts=prompts)
    qtbot.addWidget(widget)
    widget.resize(1300, 850)
    widget.show()
    yield widget
    widget.hide()  # stops the timers
