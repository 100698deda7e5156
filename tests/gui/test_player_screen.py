"""The routine player on screen, driven by a fake clock: no sleeps, no real time."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cramp_coach.domain.diary import SessionStatus
from cramp_coach.domain.player import PlayerStatus
from cramp_coach.domain.routine import DoseKind, Position, Routine, Sides
from cramp_coach.domain.timeline import PhaseKind
from cramp_coach.storage.database import StorageError, StorageProblem, open_database
from cramp_coach.storage.diary_store import DiaryStore
from cramp_coach.ui.player_controller import PlayerController, SessionSummary
from cramp_coach.ui.screens.player_screen import PlayerScreen
from cramp_coach.ui.theme import NIGHT
from tests.helpers.builders import make_dose, make_exercise, make_routine, make_step
from tests.helpers.fakes import FakeClock, FakeWallClock, RecordingCues, RecordingSpeech


class RecordingDiary:
    """Stands in for the diary store; records calls like the real one's API."""

    def __init__(self) -> None:
        self.rows: dict[int, dict[str, object]] = {}

    def start_session(self, routine_id: str, title: str, started_at: datetime, phases_total: int) -> int:
        session_id = len(self.rows) + 1
        self.rows[session_id] = {"routine": routine_id, "status": "in_progress", "phases_total": phases_total}
        return session_id

    def update_session_progress(self, session_id: int, phases_done: int, seconds_done: float) -> None:
        self.rows[session_id]["phases_done"] = phases_done

    def finish_session(
        self, session_id: int, ended_at: datetime, status: SessionStatus, phases_done: int, seconds_done: float
    ) -> None:
        self.rows[session_id].update(status=status.value, phases_done=phases_done, seconds=seconds_done)


def short_routine() -> Routine:
    calf = make_exercise(
        "Wall calf stretch", dose=make_dose(hold_seconds=10, reps=2, rest_seconds=5, sides=Sides.LEFT_THEN_RIGHT)
    )
    pumps = make_exercise("Ankle pumps", position=Position.SITTING, dose=make_dose(DoseKind.UNTIMED_REPS, reps=10))
    return make_routine(make_step(calf), make_step(pumps), get_ready_seconds=5, change_seconds=5, outro="Sleep well.")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def rig(
    qtbot: QtBot, clock: FakeClock
) -> tuple[PlayerController, PlayerScreen, RecordingDiary, RecordingCues, RecordingSpeech]:
    diary, cues, speech = RecordingDiary(), RecordingCues(), RecordingSpeech()
    controller = PlayerController(clock, FakeWallClock(), diary=diary, cues=cues, speech=speech)
    screen = PlayerScreen(controller, lambda: NIGHT, lambda _path: None)
    qtbot.addWidget(screen)
    screen.resize(1000, 720)
    screen.show()
    qtbot.waitExposed(screen)
    yield controller, screen, diary, cues, speech
    controller.stop()


def run_until(controller: PlayerController, clock: FakeClock, condition: object, limit: float = 600) -> None:
    """Move the fake clock in 0.1 s ticks until ``condition()`` holds."""
    for _ in range(int(limit * 10)):
        if condition():  # type: ignore[operator]
            return
        clock.advance(0.1)
        controller.tick()
    raise AssertionError("condition never met")


def test_start_to_finish_records_one_completed_session(rig, clock: FakeClock, qtbot: QtBot) -> None:
    controller, screen, diary, cues, speech = rig
    finished: list[SessionSummary] = []
    controller.finished.connect(finished.append)
    controller.start(short_routine())
    assert screen.badge.text() == "Get ready"
    assert speech.prepared, "speech for every phase is prepared at the start"

    run_until(controller, clock, lambda: screen.title.text() == "Wall calf stretch")
    assert screen.counters.text().startswith("Left leg")
    assert screen.ring.text == "10"
    clock.advance(3.05)
    controller.tick()
    assert screen.ring.text == "7"

    run_until(controller, clock, lambda: screen.badge.text() == "Rest")
    assert screen.badge.property("phase") == "rest"
    run_until(controller, clock, lambda: screen.badge.text() == "Switch sides")
    run_until(controller, clock, lambda: screen.done_button.isVisible())
    assert screen.title.text() == "Ankle pumps"
    assert not screen.pause_button.isVisible()
    qtbot.mouseClick(screen.done_button, Qt.MouseButton.LeftButton)

    assert len(finished) == 1
    assert finished[0].completed
    assert list(diary.rows.values()) == [
        {
            "routine": "test-routine",
            "status": "completed",
            "phases_total": 10,
            "phases_done": 10,
            "seconds": finished[0].seconds_done,
        }
    ]
    assert cues.played.count("count") >= 3
    assert cues.played[-1] == "finish"
    assert speech.said[0].startswith("Get ready")
    assert speech.said[-1] == "Sleep well."


def test_keyboard_pause_resume_skip_back(rig, clock: FakeClock, qtbot: QtBot) -> None:
    controller, screen, *_ = rig
    controller.start(short_routine())
    run_until(controller, clock, lambda: screen.title.text() == "Wall calf stretch")
    clock.advance(2)
    controller.tick()

    screen.pause_button.setFocus()  # Space must still mean pause, not "click the focused button"
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert controller.player.status is PlayerStatus.PAUSED
    assert screen.pause_button.text() == "Resume"
    remaining = controller.snapshot().remaining
    clock.advance(30)
    controller.tick()
    assert controller.snapshot().remaining == pytest.approx(remaining)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert controller.player.status is PlayerStatus.RUNNING

    index = controller.snapshot().phase_index
    qtbot.keyClick(screen, Qt.Key.Key_Right)
    assert controller.snapshot().phase_index == index + 1
    assert screen.badge.text() == "Rest"
    qtbot.keyClick(screen, Qt.Key.Key_Left)
    assert controller.snapshot().phase_index == index


def test_escape_asks_before_stopping(rig, clock: FakeClock, qtbot: QtBot) -> None:
    controller, screen, diary, *_ = rig
    stopped: list[bool] = []
    screen.stopped_early.connect(lambda: stopped.append(True))
    controller.start(short_routine())
    run_until(controller, clock, lambda: screen.title.text() == "Wall calf stretch")

    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    assert screen.confirm.isVisible()
    assert controller.player.status is PlayerStatus.PAUSED
    qtbot.mouseClick(screen.keep_going_button, Qt.MouseButton.LeftButton)
    assert not screen.confirm.isVisible()
    assert controller.player.status is PlayerStatus.RUNNING

    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    qtbot.mouseClick(screen.end_now_button, Qt.MouseButton.LeftButton)
    assert stopped == [True]
    assert controller.player.status is PlayerStatus.FINISHED
    [row] = diary.rows.values()
    assert row["status"] == "stopped"
    assert 0 < row["phases_done"] < row["phases_total"]


def test_routine_plays_on_without_sound_or_diary(qtbot: QtBot, clock: FakeClock) -> None:
    controller = PlayerController(clock, FakeWallClock(), diary=None, cues=None, speech=None)
    screen = PlayerScreen(controller, lambda: NIGHT, lambda _path: None)
    qtbot.addWidget(screen)
    visual_cues: list[str] = []
    controller.cue.connect(visual_cues.append)
    finished: list[SessionSummary] = []
    controller.finished.connect(finished.append)
    controller.start(short_routine())
    run_until(controller, clock, lambda: controller.player.status is PlayerStatus.WAITING)
    controller.done()
    [summary] = finished
    assert summary.completed
    assert not summary.saved
    assert "count" in visual_cues
    assert visual_cues[-1] == "finish"


def test_failing_diary_is_reported_and_the_routine_goes_on(qtbot: QtBot, clock: FakeClock) -> None:
    class BrokenDiary(RecordingDiary):
        def start_session(self, *args: object) -> int:
            raise StorageError(
                StorageProblem.READ_ONLY, Path("/x/diary.sqlite3"), "attempt to write a readonly database"
            )

    controller = PlayerController(clock, FakeWallClock(), diary=BrokenDiary(), cues=None, speech=None)
    screen = PlayerScreen(controller, lambda: NIGHT, lambda _path: None)
    qtbot.addWidget(screen)
    controller.start(short_routine())
    assert "/x/diary.sqlite3" in screen.notice.text()
    run_until(controller, clock, lambda: controller.player.status is PlayerStatus.WAITING)
    assert controller.snapshot().phase.kind is PhaseKind.WORK


def test_finish_writes_one_row_to_the_real_diary(qtbot: QtBot, clock: FakeClock, tmp_path: Path) -> None:
    store = DiaryStore(open_database(tmp_path / "diary.sqlite3"))
    controller = PlayerController(clock, FakeWallClock(), diary=store, cues=None, speech=None)
    screen = PlayerScreen(controller, lambda: NIGHT, lambda _path: None)
    qtbot.addWidget(screen)
    controller.start(short_routine())
    run_until(controller, clock, lambda: controller.player.status is PlayerStatus.WAITING)
    [in_progress] = store.sessions()
    assert in_progress.status is SessionStatus.IN_PROGRESS
    assert in_progress.phases_done == 9
    controller.done()
    [session] = store.sessions()
    assert session.status is SessionStatus.COMPLETED
    assert (session.phases_done, session.phases_total) == (10, 10)
    assert session.seconds_done == pytest.approx(95.0)


def test_spoken_line_follows_the_chime_and_is_dropped_on_pause(rig, clock: FakeClock) -> None:
    controller, _screen, _diary, cues, speech = rig
    controller.start(short_routine())
    assert cues.played == ["phase"]
    assert speech.said == []  # not on top of the chime
    clock.advance(0.4)
    controller.tick()
    assert len(speech.said) == 1
    assert speech.said[0].startswith("Get ready")

    controller.skip()
    controller.pause()
    clock.advance(1)
    controller.tick()
    assert len(speech.said) == 1  # paused before it was due: never spoken late


def test_pictures_are_looked_up_once_per_routine_not_every_tick(qtbot: QtBot, clock: FakeClock) -> None:
    lookups: list[str] = []
    controller = PlayerController(clock, FakeWallClock(), diary=None, cues=None, speech=None)
    screen = PlayerScreen(controller, lambda: NIGHT, lambda name: lookups.append(name))
    qtbot.addWidget(screen)
    routine = make_routine(make_step(make_exercise(illustration="illustrations/calf.svg")))
    controller.start(routine)
    run_until(controller, clock, lambda: controller.player.status is PlayerStatus.FINISHED)
    assert lookups == ["illustrations/calf.svg"]
    controller.start(routine)
    assert lookups == ["illustrations/calf.svg"] * 2
