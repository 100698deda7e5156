"""What a playing routine wakes up and repaints, per simulated second: a fake clock, the timer fired by hand."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cramp_coach.domain.player import PlayerStatus
from cramp_coach.ui.player_controller import MIN_FRAME, PlayerController
from cramp_coach.ui.screens.player_screen import PlayerScreen
from cramp_coach.ui.theme import NIGHT
from tests.gui.layout_checks import reset_look, set_look
from tests.helpers.builders import make_routine, make_step
from tests.helpers.fakes import FakeClock, FakeWallClock

GET_READY = 5.0
HOLD = 10.0


class Recorder(QObject):
    """Notes the events of one type that reach the widgets it watches."""

    def __init__(self, kind: QEvent.Type, *widgets: QWidget) -> None:
        super().__init__()
        self.kind = kind
        self.seen: list[tuple[QObject, QEvent]] = []
        self.rects: list[tuple[QObject, int, int, int, int]] = []
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == self.kind:
            rect = getattr(event, "rect", None)
            if rect is not None:
                r = rect()
                self.rects.append((watched, r.x(), r.y(), r.width(), r.height()))
            self.seen.append((watched, event))
        return False


def shown_player(qtbot: QtBot, clock: FakeClock) -> tuple[PlayerController, PlayerScreen]:
    """A player screen on a 1024x600 window, its controller on ``clock``, nothing started."""
    controller = PlayerController(clock, FakeWallClock(), diary=None, cues=None, speech=None)
    screen = PlayerScreen(controller, lambda: NIGHT, lambda _path: None)
    qtbot.addWidget(screen)
    screen.resize(1024, 600)
    screen.show()
    qtbot.waitExposed(screen)
    return controller, screen


@pytest.fixture
def rig(qtbot: QtBot) -> Iterator[tuple[PlayerController, PlayerScreen, FakeClock]]:
    clock = FakeClock()
    controller, screen = shown_player(qtbot, clock)
    controller.start(make_routine(make_step(hold_seconds=HOLD), get_ready_seconds=GET_READY))
    QApplication.processEvents()
    yield controller, screen, clock
    controller.stop()


def timer_of(controller: PlayerController) -> QTimer:
    timer = controller.findChild(QTimer, "player-tick")
    assert timer is not None
    return timer


def fire(controller: PlayerController, clock: FakeClock) -> tuple[float, int, Qt.TimerType]:
    """Let the controller's timer run out on the fake clock: (time it fired, its interval, its type)."""
    timer = timer_of(controller)
    assert timer.isActive()
    assert timer.isSingleShot()
    interval, kind = timer.interval(), timer.timerType()
    timer.stop()
    clock.advance(interval / 1000)
    controller.tick()
    QApplication.processEvents()  # the repaints it asked for
    return clock.monotonic(), interval, kind


def play_until(controller: PlayerController, clock: FakeClock, end: float) -> list[tuple[float, int, Qt.TimerType]]:
    wakes = []
    while clock.monotonic() < end and timer_of(controller).isActive():
        wakes.append(fire(controller, clock))
    return wakes


def test_the_timer_wakes_for_each_cue_on_time_and_for_the_ring_a_few_times_a_second(rig) -> None:
    controller, _screen, clock = rig
    start = clock.monotonic()
    cues: list[tuple[str, float]] = []
    controller.cue.connect(lambda name: cues.append((name, round(clock.monotonic() - start, 3))))
    wakes = play_until(controller, clock, start + GET_READY + HOLD + 1)
    # Every countdown number and phase change exactly on its second (a millisecond timer
    # rounded up), from a precise timer; nothing polled in between.
    assert cues == [
        ("count", 2.0),
        ("count", 3.0),
        ("count", 4.0),
        ("phase", 5.0),
        ("count", 12.0),
        ("count", 13.0),
        ("count", 14.0),
        ("finish", 15.0),
    ]
    on_cue = {round(t - start, 3): kind for t, _, kind in wakes}
    assert all(on_cue[t] is Qt.TimerType.PreciseTimer for _, t in cues)
    # The ring moves (a 300-pixel ring: a pixel every few hundredths of a second) at
    # most every MIN_FRAME; the digits' whole seconds and the cues come on top.
    for second in range(int(GET_READY + HOLD)):
        count = sum(1 for t, _, _ in wakes if second < t - start <= second + 1)
        assert math.floor(1 / MIN_FRAME) - 1 <= count <= math.ceil(1 / MIN_FRAME) + 2, (second, count)
    frames = [interval for _, interval, kind in wakes if kind is Qt.TimerType.CoarseTimer]
    assert min(frames) >= 1  # never a busy loop
    assert controller.player is not None
    assert controller.player.status is PlayerStatus.FINISHED
    assert not timer_of(controller).isActive()


def test_a_paused_routine_does_not_wake_at_all(rig) -> None:
    controller, _screen, clock = rig
    play_until(controller, clock, clock.monotonic() + 1)
    controller.pause()
    assert not timer_of(controller).isActive()
    controller.resume()
    assert timer_of(controller).isActive()


def test_a_sped_up_clock_wakes_the_timer_sooner(qtbot: QtBot) -> None:
    from cramp_coach.domain.clock import ScaledClock

    base = FakeClock()
    clock = ScaledClock(10.0, base=base)
    controller = PlayerController(clock, FakeWallClock(), diary=None, cues=None, speech=None)
    controller.start(make_routine(make_step(hold_seconds=HOLD), get_ready_seconds=GET_READY))
    # First the spoken line, 0.35 s of routine after the chime: 35 ms of real time at 10x.
    assert timer_of(controller).interval() == 35
    timer_of(controller).stop()
    base.advance(0.035)
    controller.tick()
    # Then the first countdown number ("3"), 2 s into the routine: 165 ms later at 10x.
    assert timer_of(controller).interval() == 165
    controller.stop()


def test_between_whole_seconds_only_the_rings_moving_end_is_repainted(rig) -> None:
    controller, screen, clock = rig
    play_until(controller, clock, clock.monotonic() + GET_READY + 0.5)  # into the hold
    ring = screen.ring
    paints = Recorder(QEvent.Type.Paint, ring, screen, screen.body, screen.time_left, screen.progress)
    wakes = play_until(controller, clock, clock.monotonic() + 3)
    ring_area = ring.width() * ring.height()
    ring_rects = [(w, h) for watched, _, _, w, h in paints.rects if watched is ring]
    small = [area for area in (w * h for w, h in ring_rects) if area < ring_area * 0.02]
    # One repaint a wake, nearly all of them a few hundred pixels round the arc's end;
    # the others are the digits' box, once a second.
    assert len(ring_rects) <= len(wakes)
    assert len(small) >= len(ring_rects) - 4
    assert len(small) >= 3 * (math.floor(1 / MIN_FRAME) - 2)
    # The opaque ring repaints nothing behind it: the screen only under the time left
    # (once a second) and the progress bar.
    label, bar = screen.time_left.geometry(), screen.progress.geometry()
    behind = [QRect(x, y, w, h) for watched, x, y, w, h in paints.rects if watched in (screen, screen.body)]
    assert all(label.united(bar).contains(rect) for rect in behind), behind
    assert sum(1 for watched, *_ in paints.rects if watched is screen.time_left) <= 3


def test_the_time_left_ticks_without_laying_out_the_screen(rig) -> None:
    controller, screen, clock = rig
    play_until(controller, clock, clock.monotonic() + 1.5)
    before = screen.time_left.text()
    layouts = Recorder(QEvent.Type.LayoutRequest, screen, screen.body)
    play_until(controller, clock, clock.monotonic() + 2.5)  # inside get ready: no new words
    assert screen.time_left.text() != before
    assert layouts.seen == []


@pytest.mark.parametrize("text_size", ["Normal", "Largest"])
def test_the_time_left_has_room_for_its_longest_text(qtbot: QtBot, qapp: QApplication, text_size: str) -> None:
    set_look(qapp, text=text_size)
    try:
        controller, screen = shown_player(qtbot, FakeClock())
        # 10 min 5 s: "10:05 left" is the longest this routine shows.
        controller.start(make_routine(make_step(hold_seconds=600), get_ready_seconds=5))
        label = screen.time_left
        assert label.text() == "10:05 left"
        assert QFontMetrics(label.font()).horizontalAdvance(label.text()) <= label.contentsRect().width()
        controller.stop()
    finally:
        reset_look(qapp)
