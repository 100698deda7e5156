"""The Player state machine, driven only by a FakeClock: no test sleeps."""

from __future__ import annotations

import random

import pytest

from cramp_coach.domain.player import (
    DEFAULT_OUTRO,
    Countdown,
    CueEvent,
    Finished,
    Paused,
    PhaseStarted,
    Player,
    PlayerStatus,
    RepTick,
    Resumed,
)
from cramp_coach.domain.routine import DoseKind, Routine, Sides
from cramp_coach.domain.timeline import PhaseKind, compile_routine
from tests.helpers.builders import make_exercise, make_routine, make_step
from tests.helpers.fakes import FakeClock

T0 = 1000.0


def player_for(routine: Routine, *, gap_threshold: float = 5.0) -> Player:
    return Player(compile_routine(routine), outro=routine.outro, gap_threshold=gap_threshold)


def started(events: list[CueEvent]) -> list[tuple[int, float]]:
    """(phase index, scheduled start) of every PhaseStarted in ``events``."""
    return [(e.phase.index, e.at) for e in events if isinstance(e, PhaseStarted)]


def run(player: Player, start: float, end: float, step: float = 0.5) -> list[CueEvent]:
    """Tick from ``start`` to ``end`` like the UI timer would, below the gap threshold."""
    events: list[CueEvent] = []
    now = start
    while now < end:
        now = min(end, now + step)
        events += player.advance(now)
    return events


def cues(events: list[CueEvent]) -> list[CueEvent]:
    """The events other than PhaseStarted, whose Phase payload makes comparisons noisy."""
    return [e for e in events if not isinstance(e, PhaseStarted)]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def hold_routine() -> Routine:
    """Get ready 10, hold 10, rest 5, hold 10: 35 s, phase starts at 0, 10, 20, 25."""
    return make_routine(make_step(reps=2, hold_seconds=10, rest_seconds=5), outro="Good night.")


@pytest.fixture
def player(hold_routine: Routine) -> Player:
    return player_for(hold_routine)


class TestPlaying:
    def test_start_begins_the_first_phase_now(self, player: Player, clock: FakeClock) -> None:
        events = player.start(clock.monotonic())

        assert started(events) == [(0, T0)]
        assert cues(events) == []
        state = player.snapshot(clock.monotonic())
        assert state.status is PlayerStatus.RUNNING
        assert state.phase is not None
        assert state.phase.kind is PhaseKind.GET_READY
        assert state.remaining == 10
        assert state.deadline == T0 + 10

    def test_start_twice_is_ignored(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())

        assert player.start(clock.advance(1)) == []
        assert player.snapshot(clock.monotonic()).remaining == 9

    def test_ready_player_ignores_everything_but_start(self, player: Player, clock: FakeClock) -> None:
        now = clock.monotonic()
        for command in (player.advance, player.pause, player.resume, player.skip, player.back, player.done):
            assert command(now) == []
        state = player.snapshot(now)
        assert state.status is PlayerStatus.READY
        assert state.phase is None
        assert state.progress == 0

    def test_runs_to_the_end_and_completes(self, player: Player, clock: FakeClock) -> None:
        events = player.start(clock.monotonic())
        while player.status is not PlayerStatus.FINISHED:
            events += player.advance(clock.advance(0.5))

        assert started(events) == [(0, T0), (1, T0 + 10), (2, T0 + 20), (3, T0 + 25)]
        assert events[-1] == Finished(spoken="Good night.", completed=True)
        assert clock.monotonic() == T0 + 35
        state = player.snapshot(clock.monotonic())
        assert state.status is PlayerStatus.FINISHED
        assert state.completed
        assert state.phase is None
        assert state.phases_done == 4
        assert state.progress == 1
        assert state.elapsed_total == state.total_seconds == 35

    def test_nothing_happens_before_the_deadline(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())

        assert player.advance(T0 + 4.5) == []
        assert player.snapshot(T0 + 4.5).remaining == pytest.approx(5.5)

    def test_phase_ends_exactly_at_its_deadline(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())
        run(player, T0, T0 + 9.99)

        assert started(player.advance(T0 + 10)) == [(1, T0 + 10)]

    def test_default_outro(self, clock: FakeClock) -> None:
        player = player_for(make_routine(make_step(reps=1, hold_seconds=5), get_ready_seconds=0))
        player.start(clock.monotonic())

        assert player.advance(clock.advance(5)) == [Finished(spoken=DEFAULT_OUTRO, completed=True)]

    def test_snapshot_mid_routine(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())
        run(player, T0, T0 + 12)

        state = player.snapshot(T0 + 12)
        assert state.phase_index == 1
        assert state.phases_done == 1
        assert state.phase_elapsed == pytest.approx(2)
        assert state.remaining == pytest.approx(8)
        assert state.elapsed_total == pytest.approx(12)
        assert state.total_seconds == 35
        assert state.progress == pytest.approx(12 / 35)
        assert not state.completed

    def test_snapshot_does_not_move_the_player(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())

        state = player.snapshot(T0 + 30)
        assert state.phase_index == 0
        assert state.remaining == 0
        assert started(run(player, T0, T0 + 30)) == [(1, T0 + 10), (2, T0 + 20), (3, T0 + 25)]

    def test_a_now_earlier_than_before_counts_as_the_last_moment_seen(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())
        player.advance(T0 + 4)

        assert player.advance(T0 + 1) == []
        assert started(player.skip(T0 + 2)) == [(1, T0 + 4)]
        assert player.snapshot(T0 + 2).remaining == 10

    def test_several_short_phases_in_one_advance_play_in_order(self, clock: FakeClock) -> None:
        routine = make_routine(make_step(reps=3, hold_seconds=1, rest_seconds=0.5), get_ready_seconds=1)
        player = player_for(routine)
        player.start(clock.monotonic())

        events = player.advance(T0 + 4.2)  # below the 5 s gap threshold

        assert started(events) == [(1, T0 + 1), (2, T0 + 2), (3, T0 + 2.5), (4, T0 + 3.5), (5, T0 + 4)]
        assert player.snapshot(T0 + 4.2).remaining == pytest.approx(0.8)


class TestDeadlines:
    def test_phase_starts_never_drift_under_jittery_ticks(self, clock: FakeClock) -> None:
        # Fractional durations and irregular, late ticks: a Player that restarted each
        # phase at "now" would be off by up to a tick per phase, i.e. seconds by the end.
        routine = make_routine(
            make_step(reps=6, hold_seconds=2.3, rest_seconds=1.1, sides=Sides.LEFT_THEN_RIGHT),
            make_step(make_exercise("Heel raises"), kind=DoseKind.TIMED_REPS, reps=7, tempo_seconds=1.7, sets=3),
            get_ready_seconds=3.3,
            switch_sides_seconds=0.9,
            change_seconds=2.2,
            default_rest_seconds=1.3,
        )
        player = player_for(routine)
        timeline = player.timeline
        ticks = random.Random(20240115)
        events = player.start(clock.monotonic())
        while player.status is not PlayerStatus.FINISHED:
            events += player.advance(clock.advance(ticks.uniform(0.05, 0.45)))

        starts = started(events)
        assert [index for index, _ in starts] == list(range(len(timeline.phases)))
        for index, at in starts:
            assert at == pytest.approx(T0 + timeline.start_offset(index), abs=1e-9)
        # Detection is late by at most one tick, but the schedule itself did not move.
        assert clock.monotonic() - (T0 + timeline.total_seconds) < 0.45

    def test_remaining_is_deadline_minus_now_not_a_count_of_ticks(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())
        # Many tiny ticks, then one late one: remaining only depends on the time.
        for _ in range(37):
            player.advance(clock.advance(0.1))
        player.advance(clock.advance(2.6))

        assert player.snapshot(clock.monotonic()).remaining == pytest.approx(10 - 3.7 - 2.6)


class TestPause:
    def test_pause_keeps_remaining_exactly(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())
        player.advance(T0 + 3.25)

        assert player.pause(T0 + 3.25) == [Paused("user")]
        assert player.advance(T0 + 500) == []
        state = player.snapshot(T0 + 500)
        assert state.status is PlayerStatus.PAUSED
        assert state.remaining == 6.75
        assert state.deadline is None

        assert player.resume(T0 + 600) == [Resumed()]
        assert player.snapshot(T0 + 600).remaining == 6.75
        assert player.snapshot(T0 + 600).deadline == T0 + 606.75
        assert started(run(player, T0 + 600, T0 + 606.7)) == []
        assert started(player.advance(T0 + 606.75)) == [(1, T0 + 606.75)]

    def test_pause_and_resume_are_ignored_in_the_wrong_state(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())

        assert player.resume(T0 + 1) == []
        player.pause(T0 + 2)
        assert player.pause(T0 + 3) == []

    def test_toggle_pause(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())

        assert player.toggle_pause(T0 + 1) == [Paused("user")]
        assert player.toggle_pause(T0 + 4) == [Resumed()]
        assert player.snapshot(T0 + 4).remaining == 9

    def test_pause_catches_up_first(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())
        run(player, T0, T0 + 8)

        events = player.pause(T0 + 11)

        assert started(events) == [(1, T0 + 10)]
        assert cues(events)[-1] == Paused("user")
        assert player.snapshot(T0 + 50).remaining == 9

    def test_elapsed_total_stands_still_while_paused(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())
        player.pause(T0 + 4)

        assert player.snapshot(T0 + 400).elapsed_total == 4


class TestNavigation:
    def test_skip_starts_the_next_phase_now(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())

        assert started(player.skip(T0 + 3)) == [(1, T0 + 3)]
        assert player.snapshot(T0 + 3).deadline == T0 + 13
        assert started(run(player, T0 + 3, T0 + 13)) == [(2, T0 + 13)]

    def test_skip_while_paused_stays_paused_with_full_time(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())
        player.pause(T0 + 3)

        assert started(player.skip(T0 + 7)) == [(1, T0 + 7)]
        state = player.snapshot(T0 + 20)
        assert state.status is PlayerStatus.PAUSED
        assert state.phase_index == 1
        assert state.remaining == 10

    def test_skipping_the_last_phase_ends_uncompleted(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())
        run(player, T0, T0 + 26)

        assert player.skip(T0 + 27) == [Finished(spoken="Good night.", completed=False)]
        state = player.snapshot(T0 + 27)
        assert state.status is PlayerStatus.FINISHED
        assert not state.completed
        assert player.skip(T0 + 28) == []

    def test_back_restarts_the_previous_phase(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())
        run(player, T0, T0 + 21)  # in the rest (phase 2)

        assert started(player.back(T0 + 22)) == [(1, T0 + 22)]
        assert player.snapshot(T0 + 22).remaining == 10

    def test_back_on_the_first_phase_restarts_it(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())

        assert started(player.back(T0 + 4)) == [(0, T0 + 4)]
        assert player.snapshot(T0 + 4).remaining == 10
        assert player.status is PlayerStatus.RUNNING

    def test_restart_exercise_goes_to_its_change_phase(self, clock: FakeClock) -> None:
        routine = make_routine(
            make_step(reps=1, hold_seconds=10),
            make_step(make_exercise("Heel raises"), reps=3, hold_seconds=10, rest_seconds=5),
        )
        player = player_for(routine)
        timeline = player.timeline
        player.start(clock.monotonic())
        run(player, T0, T0 + 50)  # GR 0-10, W 10-20, CH 20-30, W 30-40, R 40-45, W 45-55
        assert player.snapshot(T0 + 50).phase_index == 5

        events = player.restart_exercise(T0 + 50)

        assert started(events) == [(timeline.exercise_start(1), T0 + 50)]
        assert timeline.phases[timeline.exercise_start(1)].kind is PhaseKind.CHANGE
        assert player.snapshot(T0 + 50).remaining == 10

    def test_restart_exercise_on_the_first_step_goes_to_get_ready(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())
        run(player, T0, T0 + 22)

        assert started(player.restart_exercise(T0 + 22)) == [(0, T0 + 22)]


class TestUntimed:
    @pytest.fixture
    def player(self) -> Player:
        # Get ready 5, ankle pumps (untimed), change 10, hold 10.
        return player_for(
            make_routine(
                make_step(make_exercise("Ankle pumps"), kind=DoseKind.UNTIMED_REPS, reps=10),
                make_step(reps=1, hold_seconds=10),
                get_ready_seconds=5,
            )
        )

    def test_waits_until_done(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())

        assert started(run(player, T0, T0 + 5.5)) == [(1, T0 + 5)]
        # Far longer than the gap threshold: an untimed phase simply keeps waiting.
        assert player.advance(T0 + 300) == []
        state = player.snapshot(T0 + 300)
        assert state.status is PlayerStatus.WAITING
        assert state.remaining is None
        assert state.phase_elapsed == 295
        # Progress counts the untimed phase at most at its estimate.
        assert state.elapsed_total == 5 + 30

        assert started(player.done(T0 + 301)) == [(2, T0 + 301)]
        assert player.snapshot(T0 + 301).status is PlayerStatus.RUNNING

    def test_done_is_ignored_for_timed_phases(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())

        assert player.done(T0 + 1) == []
        assert player.snapshot(T0 + 1).phase_index == 0

    def test_pause_and_resume_keep_the_elapsed_time(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())
        run(player, T0, T0 + 8)
        player.pause(T0 + 8)

        assert player.done(T0 + 9) == []  # Done is for a waiting phase, not a paused one
        assert player.resume(T0 + 100) == [Resumed()]
        state = player.snapshot(T0 + 101)
        assert state.status is PlayerStatus.WAITING
        assert state.phase_elapsed == 4

    def test_done_on_the_last_phase_completes(self, clock: FakeClock) -> None:
        player = player_for(make_routine(make_step(kind=DoseKind.UNTIMED_REPS, reps=5), get_ready_seconds=2))
        player.start(clock.monotonic())
        player.advance(T0 + 3)

        assert player.done(T0 + 20) == [Finished(spoken=DEFAULT_OUTRO, completed=True)]
        assert player.snapshot(T0 + 20).completed


class TestCountdown:
    def test_three_two_one_fire_once_each(self, player: Player, clock: FakeClock) -> None:
        events = player.start(clock.monotonic())
        fired: list[tuple[float, CueEvent]] = []
        while clock.monotonic() < T0 + 9.9:
            now = clock.advance(0.1)
            fired += [(now, e) for e in player.advance(now) if isinstance(e, Countdown)]

        assert cues(events) == []
        assert [e for _, e in fired] == [Countdown(3), Countdown(2), Countdown(1)]
        assert [t for t, _ in fired] == pytest.approx([T0 + 7, T0 + 8, T0 + 9])

    def test_a_stall_only_announces_the_latest_number(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())

        assert run(player, T0, T0 + 6.5) == []
        assert player.advance(T0 + 8.5) == [Countdown(2)]
        assert player.advance(T0 + 8.7) == []
        assert player.advance(T0 + 9.2) == [Countdown(1)]

    def test_no_countdown_for_a_phase_that_already_ended(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())

        run(player, T0, T0 + 6.5)

        events = player.advance(T0 + 10.5)

        assert started(events) == [(1, T0 + 10)]
        assert cues(events) == []

    def test_countdown_restarts_in_each_phase(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())
        assert run(player, T0, T0 + 9.5) == [Countdown(3), Countdown(2), Countdown(1)]

        assert cues(player.advance(T0 + 10)) == []
        assert run(player, T0 + 10, T0 + 17) == [Countdown(3)]

    def test_only_numbers_below_the_duration(self, clock: FakeClock) -> None:
        player = player_for(make_routine(make_step(reps=1, hold_seconds=3), get_ready_seconds=2.5))
        events = player.start(clock.monotonic())
        while player.status is not PlayerStatus.FINISHED:
            events += player.advance(clock.advance(0.25))

        numbers = [e.number for e in events if isinstance(e, Countdown)]
        # 2.5 s get-ready: 2, 1; 3 s hold: 2, 1 (a "3" would coincide with its start).
        assert numbers == [2, 1, 2, 1]

    def test_restarting_a_phase_allows_its_countdown_again(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())
        assert cues(run(player, T0, T0 + 9)) == [Countdown(3), Countdown(2), Countdown(1)]

        player.back(T0 + 9.5)

        assert run(player, T0 + 9.5, T0 + 15.5) == []
        assert player.advance(T0 + 16.6) == [Countdown(3)]


class TestRepTicks:
    @pytest.fixture
    def player(self) -> Player:
        # Get ready 10, then 4 heel raises at 2 s each (8 s).
        step = make_step(make_exercise("Heel raises"), kind=DoseKind.TIMED_REPS, reps=4, tempo_seconds=2)
        return player_for(make_routine(step))

    def test_ticks_each_new_rep(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())
        ticks: list[tuple[float, int]] = []
        while player.status is not PlayerStatus.FINISHED:
            now = clock.advance(0.5)
            ticks += [(now, e.rep) for e in player.advance(now) if isinstance(e, RepTick)]

        assert ticks == [(T0 + 12, 2), (T0 + 14, 3), (T0 + 16, 4)]

    def test_current_rep_in_snapshot(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())
        run(player, T0, T0 + 15.9)

        state = player.snapshot(T0 + 15.9)
        assert state.current_rep == 3
        assert state.phase is not None
        assert state.phase.tick_seconds == 2

    def test_a_stall_only_ticks_the_latest_rep(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())
        run(player, T0, T0 + 11)

        assert player.advance(T0 + 14.5) == [RepTick(3)]
        assert player.advance(T0 + 15) == [Countdown(3)]  # still rep 3; 3 s left
        assert player.advance(T0 + 16) == [RepTick(4), Countdown(2)]


class TestClockGap:
    def test_long_gap_pauses_as_of_the_last_tick(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())
        player.advance(T0 + 2)

        events = player.advance(T0 + 2 + 3600)  # the laptop slept for an hour

        assert events == [Paused("clock_gap")]
        state = player.snapshot(T0 + 3602)
        assert state.status is PlayerStatus.PAUSED
        assert state.phase_index == 0
        assert state.remaining == 8

    def test_resume_after_a_gap_continues_where_it_was(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())
        player.advance(T0 + 2)
        player.advance(T0 + 100)

        assert player.resume(T0 + 120) == [Resumed()]
        assert player.snapshot(T0 + 120).remaining == 8
        assert started(run(player, T0 + 120, T0 + 127.9)) == []
        assert started(player.advance(T0 + 128)) == [(1, T0 + 128)]

    def test_gap_at_the_threshold_still_catches_up(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())
        run(player, T0, T0 + 6)

        events = player.advance(T0 + 11)  # exactly 5 s: not yet a gap

        assert started(events) == [(1, T0 + 10)]

    def test_custom_gap_threshold(self, hold_routine: Routine, clock: FakeClock) -> None:
        player = player_for(hold_routine, gap_threshold=1.0)
        player.start(clock.monotonic())

        assert player.advance(T0 + 1.5) == [Paused("clock_gap")]
        assert player.snapshot(T0 + 1.5).remaining == 10

    def test_a_command_after_a_gap_sees_the_gap_first(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())
        player.advance(T0 + 4)

        assert player.pause(T0 + 60) == [Paused("clock_gap")]
        assert player.snapshot(T0 + 60).remaining == 6

    def test_skip_after_a_gap_moves_on_at_the_new_time_and_stays_paused(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())
        player.advance(T0 + 4)

        events = player.skip(T0 + 60)

        assert cues(events) == [Paused("clock_gap")]
        assert started(events) == [(1, T0 + 60)]
        state = player.snapshot(T0 + 61)
        assert state.status is PlayerStatus.PAUSED
        assert state.remaining == 10

    def test_no_gap_check_while_paused(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())
        player.pause(T0 + 1)

        player.advance(T0 + 1000)

        assert player.resume(T0 + 1000) == [Resumed()]
        assert player.advance(T0 + 1001) == []
        assert player.snapshot(T0 + 1001).remaining == 8


class TestStop:
    def test_stop_finishes_without_completing(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())
        run(player, T0, T0 + 14)

        assert player.stop(T0 + 14) == [Finished(spoken="", completed=False)]
        state = player.snapshot(T0 + 14)
        assert state.status is PlayerStatus.FINISHED
        assert not state.completed
        assert state.phase is None
        assert state.phases_done == 1
        assert state.elapsed_total == 14
        assert player.advance(T0 + 40) == []
        assert player.stop(T0 + 41) == []
        assert player.resume(T0 + 42) == []

    def test_stop_while_paused_keeps_the_paused_progress(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())
        player.pause(T0 + 3)

        player.stop(T0 + 30)

        assert player.snapshot(T0 + 30).elapsed_total == 3

    def test_stop_before_start(self, player: Player, clock: FakeClock) -> None:
        assert player.stop(clock.monotonic()) == [Finished(spoken="", completed=False)]
        assert player.snapshot(clock.monotonic()).elapsed_total == 0
        assert player.start(clock.monotonic()) == []

    def test_stop_after_the_end_is_ignored(self, player: Player, clock: FakeClock) -> None:
        player.start(clock.monotonic())
        player.advance(T0 + 4)
        events = player.advance(T0 + 8)
        assert events == [Countdown(2)]
        run(player, T0 + 8, T0 + 35)

        assert player.status is PlayerStatus.FINISHED
        assert player.stop(T0 + 36) == []
        assert player.snapshot(T0 + 36).completed
