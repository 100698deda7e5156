"""The Cramp-now controller on its own: a fake clock, a recording diary, no widgets and no sleeps."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from cramp_coach.domain.cramp_flow import FlowStage
from cramp_coach.domain.cramp_log import LogAnswers
from cramp_coach.domain.diary import CrampEpisode, Leg
from cramp_coach.domain.protocol import CrampLocation, CrampProtocol
from cramp_coach.storage.database import StorageError, StorageProblem
from cramp_coach.storage.diary_store import DeletedEntry
from cramp_coach.storage.routine_library import load_catalog
from cramp_coach.ui.cramp.controller import DIARY_UPDATE_SECONDS, TIME_UP, CrampController
from tests.helpers.fakes import FakeClock, FakeWallClock, RecordingCues, RecordingSpeech


@dataclass
class FakeDiary:
    """Records every call; ``fail`` makes the next write raise like a full disk."""

    calls: list[tuple[str, object]] = field(default_factory=list)
    fail: bool = False

    def _call(self, name: str, value: object) -> None:
        if self.fail:
            raise StorageError(StorageProblem.FULL, Path("diary.sqlite3"), "disk full")
        self.calls.append((name, value))

    def start_episode(self, started_at: datetime) -> int:
        self._call("start", started_at)
        return 7

    def finish_episode(self, episode_id: int, *, duration_seconds: float, eased: bool | None) -> None:
        self._call("finish", (duration_seconds, eased))

    def log_episode(self, episode_id: int, **answers: object) -> None:
        self._call("log", answers)

    def note_episode_location(self, episode_id: int, location: CrampLocation) -> None:
        self._call("location", location)

    def delete_episode(self, episode_id: int) -> DeletedEntry:
        self._call("delete", episode_id)
        started = datetime(2024, 1, 15, tzinfo=timezone.utc)
        episode = CrampEpisode(episode_id, started, None, None, None, None, "", None, logged=False)
        return DeletedEntry("cramp_episodes", (episode_id,), episode)

    def restore(self, deleted: DeletedEntry) -> int:
        self._call("restore", deleted)
        return 7

    def names(self) -> list[str]:
        return [name for name, _ in self.calls]


@dataclass
class Rig:
    controller: CrampController
    clock: FakeClock
    wall: FakeWallClock
    diary: FakeDiary
    cues: RecordingCues
    speech: RecordingSpeech
    awake: list[bool]
    signals: list[tuple[str, object]]

    def move(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.controller.tick()

    def seen(self, name: str) -> list[object]:
        return [value for signal, value in self.signals if signal == name]


def _protocol() -> CrampProtocol:
    protocol = load_catalog().protocol
    assert protocol is not None
    return protocol


@pytest.fixture
def rig(qapp: QApplication) -> Rig:
    clock, wall, diary = FakeClock(), FakeWallClock(), FakeDiary()
    cues, speech, awake = RecordingCues(), RecordingSpeech(), []
    setting = {"cannot_stand": False}
    controller = CrampController(
        _protocol(),
        lambda: setting["cannot_stand"],
        clock,
        wall,
        diary=diary,
        cues=cues,
        speech=speech,
        keep_awake=awake.append,
    )
    signals: list[tuple[str, object]] = []
    controller.step_started.connect(lambda event: signals.append(("step", event.step.title)))
    controller.gate_reached.connect(lambda: signals.append(("gate", None)))
    controller.flow_closed.connect(lambda event: signals.append(("closed", event.eased)))
    controller.urgent.connect(lambda message: signals.append(("urgent", message)))
    controller.notice.connect(lambda text: signals.append(("notice", text)))
    controller.not_recorded.connect(lambda deleted: signals.append(("not_recorded", deleted)))
    return Rig(controller, clock, wall, diary, cues, speech, awake, signals)


def test_open_records_a_cramp_at_once_without_running_a_timer(rig: Rig) -> None:
    rig.controller.open()
    assert rig.diary.calls == [("start", rig.wall.now())]
    assert rig.controller.active
    assert not rig.controller.running
    assert rig.awake == []
    assert rig.speech.prepared  # the first line of every location, ready while the user decides


def test_choosing_starts_the_timer_the_voice_and_the_duration(rig: Rig) -> None:
    rig.controller.open()
    rig.move(12)
    rig.controller.choose_location(CrampLocation.CALF)
    first = _protocol().steps_for(CrampLocation.CALF, can_stand=False)[0]
    assert rig.seen("step") == [first.title]
    assert rig.speech.said == [first.say]
    assert rig.cues.played == ["phase"]
    assert rig.controller.running
    assert rig.awake == [True]
    assert ("location", CrampLocation.CALF) in rig.diary.calls  # known at once, before any log
    assert rig.diary.calls[-1] == ("finish", (12.0, None))


def test_not_sure_leaves_the_location_unknown(rig: Rig) -> None:
    rig.controller.open()
    rig.controller.choose_location(None)
    assert "location" not in rig.diary.names()


def test_a_long_step_rewrites_the_duration_every_half_minute(rig: Rig) -> None:
    rig.controller.open()
    rig.controller.choose_location(CrampLocation.CALF)
    writes = rig.diary.names().count("finish")
    rig.move(DIARY_UPDATE_SECONDS - 1)
    rig.controller.next()  # a new step writes at once
    rig.move(DIARY_UPDATE_SECONDS - 1)
    assert rig.diary.names().count("finish") == writes + 1
    rig.move(1)
    assert rig.diary.names().count("finish") == writes + 2


def test_the_timer_ends_with_a_cue_and_a_prompt_once(rig: Rig) -> None:
    rig.controller.open()
    rig.controller.choose_location(CrampLocation.FOOT)
    for _ in range(40):
        rig.move(1)
    assert rig.cues.played == ["phase", "count", "count", "count", "finish"]
    assert rig.speech.said.count(TIME_UP) == 1


def test_leaving_within_seconds_deletes_the_cramp_and_undo_restores_it(rig: Rig) -> None:
    rig.controller.open()
    rig.move(4)
    rig.controller.abandon()
    assert rig.diary.names() == ["start", "delete"]
    (deleted,) = rig.seen("not_recorded")
    rig.controller.undo_not_recorded(deleted)
    assert rig.diary.calls[-1] == ("restore", deleted)
    assert not rig.controller.active


def test_leaving_the_picker_later_keeps_the_cramp_with_its_duration(rig: Rig) -> None:
    rig.controller.open()
    rig.move(30)
    rig.controller.abandon()
    assert rig.diary.calls[-1] == ("finish", (30.0, None))
    assert rig.seen("not_recorded") == []


def test_the_log_saves_the_duration_it_is_given(rig: Rig) -> None:
    rig.controller.open()
    rig.controller.choose_location(CrampLocation.CALF)
    rig.move(3)
    rig.controller.eased()
    assert rig.seen("closed") == [True]
    assert rig.controller.finish_steps() == 3
    assert rig.awake == [True, False]
    assert rig.controller.save_log(LogAnswers(leg=Leg.LEFT, location=None, pain=4, note="", duration_seconds=3.0))
    name, answers = rig.diary.calls[-1]
    assert name == "log"
    assert answers == {"leg": Leg.LEFT, "location": None, "pain": 4, "note": "", "duration_seconds": 3.0}
    assert rig.controller.flow is not None
    assert rig.controller.flow.stage is FlowStage.DONE


def test_a_failing_diary_is_reported_once_and_never_stops_the_steps(rig: Rig) -> None:
    rig.controller.open()
    rig.diary.fail = True
    rig.controller.choose_location(CrampLocation.CALF)
    rig.controller.next()
    rig.move(60)
    assert len(rig.seen("notice")) == 1
    assert len(rig.seen("step")) == 2
    assert not rig.controller.can_log
    rig.diary.fail = False
    rig.controller.open()  # a new cramp tries the diary again
    assert rig.controller.can_log


def test_a_cramp_opened_before_the_diary_is_recorded_when_it_arrives(qapp: QApplication) -> None:
    clock, wall, diary = FakeClock(), FakeWallClock(), FakeDiary()
    controller = CrampController(_protocol(), lambda: False, clock, wall, diary=None, cues=None, speech=None)
    opened = wall.now()
    controller.open()
    wall.advance(2)
    clock.advance(2)
    controller.attach_diary(diary)
    assert diary.calls == [("start", opened), ("finish", (2.0, None))]


def test_a_new_protocol_applies_to_the_next_cramp_only(rig: Rig) -> None:
    from dataclasses import replace

    rig.controller.open()
    rig.controller.choose_location(CrampLocation.CALF)
    newer = replace(_protocol(), urgent_after_minutes=1)
    rig.controller.set_protocol(newer)
    rig.move(61)
    assert rig.seen("urgent") == []  # the running cramp keeps its protocol
    rig.controller.open()
    rig.controller.choose_location(CrampLocation.CALF)
    rig.move(61)
    assert rig.seen("urgent") == [newer.urgent_message]
