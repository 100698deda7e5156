"""When the Player's next event and a player display's next change are due: no timer, only numbers."""

from __future__ import annotations

import pytest

from cramp_coach.domain.display_cadence import arc_step, next_display_change
from cramp_coach.domain.player import Countdown, Player, PlayerStatus, RepTick
from cramp_coach.domain.routine import DoseKind
from cramp_coach.domain.timeline import compile_routine
from tests.helpers.builders import make_routine, make_step

T0 = 1000.0


def hold_player(hold: float = 10, get_ready: float = 5) -> Player:
    """Get ready ``get_ready`` s, then one ``hold`` s hold: 15 s in all by default."""
    routine = make_routine(make_step(hold_seconds=hold), get_ready_seconds=get_ready)
    return Player(compile_routine(routine), outro=None)


class TestNextDue:
    def test_the_deadline_when_no_cue_comes_first(self) -> None:
        player = hold_player()
        player.start(T0)
        # Get ready is 5 s: its countdown says 3, 2, 1 first, so at 1.2 s the next is "3" at 2 s.
        assert player.next_due(T0 + 1.2) == pytest.approx(T0 + 2)

    def test_each_countdown_number_then_the_deadline(self) -> None:
        player = hold_player()
        player.start(T0)
        seen = []
        now = T0
        while player.status is PlayerStatus.RUNNING and player.snapshot(now).phase_index == 0:
            due = player.next_due(now)
            assert due is not None
            assert due > now
            now = due
            seen.append((round(now - T0, 6), player.advance(now)))
        assert [(t, [type(e).__name__ for e in events]) for t, events in seen] == [
            (2.0, ["Countdown"]),
            (3.0, ["Countdown"]),
            (4.0, ["Countdown"]),
            (5.0, ["PhaseStarted"]),
        ]
        assert [e.number for _, events in seen[:3] for e in events if isinstance(e, Countdown)] == [3, 2, 1]

    def test_reps_of_a_ticking_phase_are_due_at_their_tempo(self) -> None:
        routine = make_routine(make_step(kind=DoseKind.TIMED_REPS, reps=4, tempo_seconds=2.5), get_ready_seconds=5)
        player = Player(compile_routine(routine), outro=None)
        player.start(T0)
        player.advance(T0 + 5)  # the reps begin
        assert player.next_due(T0 + 5.1) == pytest.approx(T0 + 7.5)
        assert player.advance(T0 + 7.5) == [RepTick(2)]
        assert player.next_due(T0 + 7.5) == pytest.approx(T0 + 10)

    def test_nothing_is_due_while_paused_or_finished(self) -> None:
        player = hold_player()
        player.start(T0)
        player.pause(T0 + 1)
        assert player.next_due(T0 + 2) is None
        player.stop(T0 + 3)
        assert player.next_due(T0 + 3) is None

    def test_a_moment_already_past_is_not_offered_again(self) -> None:
        player = hold_player()
        player.start(T0)
        player.advance(T0 + 2.0)  # "3" said
        assert player.next_due(T0 + 2.0) == pytest.approx(T0 + 3)


class TestNextDisplayChange:
    def test_digits_change_at_the_next_whole_second(self) -> None:
        player = hold_player()
        player.start(T0)
        change = next_display_change(player.snapshot(T0 + 0.3), arc_steps=1000, bar_steps=0)
        # 4.7 s left of get ready: "5" turns "4" in 0.7 s; the ring moves a pixel every 5 ms.
        assert change.words == pytest.approx(0.7)
        assert change.motion == pytest.approx(0.005)

    def test_the_arc_step_follows_the_ring_size(self) -> None:
        player = hold_player(hold=30, get_ready=30)
        player.start(T0)
        small = next_display_change(player.snapshot(T0), arc_steps=100, bar_steps=0)
        large = next_display_change(player.snapshot(T0), arc_steps=1000, bar_steps=0)
        assert small.motion == pytest.approx(0.3)
        assert large.motion == pytest.approx(0.03)

    def test_the_progress_bar_step_counts_when_it_comes_first(self) -> None:
        player = hold_player(hold=1000, get_ready=1000)  # 2000 s: a bar of 4 steps moves every 500 s
        player.start(T0)
        change = next_display_change(player.snapshot(T0 + 499.5), arc_steps=0, bar_steps=4)
        assert change.motion == pytest.approx(0.5)
        assert change.words == pytest.approx(0.5)  # the time left too, at 1500 s

    def test_nothing_changes_while_paused(self) -> None:
        player = hold_player()
        player.start(T0)
        player.pause(T0 + 1)
        change = next_display_change(player.snapshot(T0 + 2), arc_steps=1000, bar_steps=250)
        assert (change.words, change.motion) == (None, None)

    def test_an_untimed_phase_stops_changing_once_its_estimate_is_used(self) -> None:
        routine = make_routine(make_step(kind=DoseKind.UNTIMED_REPS, reps=10), get_ready_seconds=5)
        player = Player(compile_routine(routine), outro=None)
        player.start(T0)
        player.advance(T0 + 5)
        estimate = player.snapshot(T0 + 5).phase.estimate_seconds  # type: ignore[union-attr]
        waiting = next_display_change(player.snapshot(T0 + 5.25), arc_steps=1000, bar_steps=0)
        assert waiting.motion is None  # the ring is full: the reps wait for Done
        assert waiting.words == pytest.approx(0.75)  # the time left still counts down
        done_waiting = next_display_change(player.snapshot(T0 + 5 + estimate + 3), arc_steps=1000, bar_steps=250)
        assert (done_waiting.words, done_waiting.motion) == (None, None)


@pytest.mark.parametrize(
    ("fraction", "steps", "expected"),
    [(1.0, 880, 880), (0.0, 880, 0), (0.5, 880, 440), (0.5001, 880, 441), (1e-6, 880, 1), (0.999999, 880, 880)],
)
def test_arc_step_rounds_up_so_only_the_end_is_empty(fraction: float, steps: int, expected: int) -> None:
    assert arc_step(fraction, steps) == expected
