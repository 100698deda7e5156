"""The Cramp-now flow, driven only by a FakeClock: sequences, the stand gate, timers, the urgent warning."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pytest

from cramp_coach.domain.cramp_flow import (
    Countdown,
    CrampFlow,
    FlowClosed,
    FlowEvent,
    FlowStage,
    StandGateReached,
    StepStarted,
    TimerEnded,
    UrgentWarning,
)
from cramp_coach.domain.protocol import (
    CrampLocation,
    CrampProtocol,
    LocationPlan,
    ProtocolStep,
    RedFlagTier,
    StandGate,
    Urgency,
)
from cramp_coach.storage.routine_library import load_catalog
from tests.helpers.fakes import FakeClock

T0 = 1000.0


def step(title: str, *, timer: float | None = 30, standing: bool = False) -> ProtocolStep:
    return ProtocolStep(title=title, lines=(f"{title}.",), say=f"Say {title}.", timer_seconds=timer, standing=standing)


SIT_FIRST = step("Sit up first")
CLOSING = step("Afterwards", timer=None)


def make_protocol(*plans: LocationPlan, urgent_after_minutes: float = 10) -> CrampProtocol:
    return CrampProtocol(
        id="test",
        disclaimer="Not medical advice.",
        sit_first_check=SIT_FIRST,
        stand_gate=StandGate("Stand?", ("Only if steady.",), "Can you stand?"),
        urgent_after_minutes=urgent_after_minutes,
        urgent_message="Over ten minutes: get advice.",
        locations=plans,
        default_location=plans[0].location,
        closing=CLOSING,
        red_flags=(RedFlagTier(Urgency.EMERGENCY, "Call now", ("Chest pain.",)),),
    )


def plan(location: CrampLocation, *steps: ProtocolStep) -> LocationPlan:
    return LocationPlan(location=location, label=location.value, hint="", steps=steps)


@pytest.fixture
def calf_protocol() -> CrampProtocol:
    """Like the built-in calf plan: two seated, two standing, two seated."""
    return make_protocol(
        plan(
            CrampLocation.CALF,
            step("Stretch"),
            step("Rub", timer=60),
            step("Stand", standing=True),
            step("Walk", timer=60, standing=True),
            step("Warmth", timer=300),
            step("Rest", timer=120),
        ),
        plan(CrampLocation.FOOT, step("Pull toes"), step("Rub sole", timer=None)),
    )


@cache
def _builtin() -> CrampProtocol:
    protocol = load_catalog().protocol
    assert protocol is not None, "the built-in Cramp-now protocol must load"
    return protocol


@pytest.fixture
def builtin() -> CrampProtocol:
    return _builtin()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


def titles(events: list[FlowEvent]) -> list[str]:
    return [e.step.title for e in events if isinstance(e, StepStarted)]


def walk(
    flow: CrampFlow, clock: FakeClock, answer: Callable[[], bool | None] = lambda: None, seconds: float = 5
) -> tuple[list[str], list[FlowEvent]]:
    """Tap Next every ``seconds`` until the closing card, answering the gate with ``answer()``.

    Returns the titles shown (``"<gate>"`` where the gate appeared) and every event.
    """
    shown: list[str] = []
    events: list[FlowEvent] = []
    for _ in range(50):
        state = flow.snapshot(clock.monotonic())
        if state.stage is FlowStage.CLOSING:
            return shown, events
        clock.advance(seconds)
        if state.stage is FlowStage.STAND_GATE:
            shown.append("<gate>")
            choice = answer()
            assert choice is not None, "the gate appeared but the test gave no answer"
            new = flow.stand_choice(choice, clock.monotonic())
        else:
            new = flow.next(clock.monotonic())
        events += new
        shown += titles(new)
    raise AssertionError("the flow never reached the closing card")


def start(flow: CrampFlow, clock: FakeClock, location: CrampLocation | None) -> list[str]:
    return titles(flow.choose_location(location, clock.monotonic()))


# -- every location's sequence -----------------------------------------------------------


@pytest.mark.parametrize("location", list(CrampLocation))
def test_builtin_seated_sequence_when_staying_seated(
    builtin: CrampProtocol, clock: FakeClock, location: CrampLocation
) -> None:
    flow = CrampFlow(builtin)
    shown = start(flow, clock, location)
    more, _ = walk(flow, clock, answer=lambda: False)
    seated = [s.title for s in builtin.steps_for(location, can_stand=False)]
    gate_at = next(i for i, s in enumerate(builtin.plan(location).steps) if s.standing)
    assert shown + more == [*seated[:gate_at], "<gate>", *seated[gate_at:]]
    assert all(not s.standing for s in builtin.steps_for(location, can_stand=False))
    assert flow.stage is FlowStage.CLOSING


@pytest.mark.parametrize("location", list(CrampLocation))
def test_builtin_sequence_with_standing_puts_the_sit_first_check_right_before_standing(
    builtin: CrampProtocol, clock: FakeClock, location: CrampLocation
) -> None:
    flow = CrampFlow(builtin)
    shown = start(flow, clock, location)
    more, events = walk(flow, clock, answer=lambda: True)
    sequence = shown + more
    expected = [s.title for s in builtin.steps_for(location, can_stand=True)]
    gate_at = next(i for i, s in enumerate(builtin.plan(location).steps) if s.standing)
    assert sequence == [*expected[:gate_at], "<gate>", *expected[gate_at:]]
    started = [e.step for e in events if isinstance(e, StepStarted)]
    for position, shown_step in enumerate(started):
        if shown_step.standing:
            previous = started[position - 1]
            assert previous.standing or previous is builtin.sit_first_check
    assert sequence[gate_at + 1] == builtin.sit_first_check.title


@pytest.mark.parametrize("location", list(CrampLocation))
def test_builtin_setting_never_shows_the_gate_nor_a_standing_step(
    builtin: CrampProtocol, clock: FakeClock, location: CrampLocation
) -> None:
    flow = CrampFlow(builtin, cannot_stand_at_night=True)
    shown = start(flow, clock, location)
    more, events = walk(flow, clock)  # answer() returns None: the gate must never appear
    assert shown + more == [s.title for s in builtin.steps_for(location, can_stand=False)]
    assert not any(isinstance(e, StandGateReached) for e in events)
    assert builtin.sit_first_check.title not in shown + more
    assert flow.snapshot(clock.monotonic()).can_stand is False


def test_not_sure_starts_the_default_location(builtin: CrampProtocol, clock: FakeClock) -> None:
    flow = CrampFlow(builtin)
    shown = start(flow, clock, None)
    assert flow.location is builtin.default_location
    assert shown == [builtin.steps_for(builtin.default_location, can_stand=False)[0].title]


# -- the stand gate ----------------------------------------------------------------------


def test_the_gate_appears_when_the_next_step_is_standing(calf_protocol: CrampProtocol, clock: FakeClock) -> None:
    flow = CrampFlow(calf_protocol)
    first = flow.choose_location(CrampLocation.CALF, clock.monotonic())
    assert first == [StepStarted(calf_protocol.plan(CrampLocation.CALF).steps[0], 0, 4)]
    flow.next(clock.advance(5))
    events = flow.next(clock.advance(5))
    assert events == [StandGateReached()]
    state = flow.snapshot(clock.monotonic())
    assert state.stage is FlowStage.STAND_GATE
    assert state.step is None
    assert state.remaining is None
    assert state.can_stand is None


def test_standing_inserts_the_sit_first_check_and_recounts(calf_protocol: CrampProtocol, clock: FakeClock) -> None:
    flow = CrampFlow(calf_protocol)
    flow.choose_location(CrampLocation.CALF, clock.monotonic())
    flow.next(clock.advance(5))
    flow.next(clock.advance(5))
    events = flow.stand_choice(True, clock.advance(5))
    assert events == [StepStarted(SIT_FIRST, 2, 7)]
    assert titles(flow.next(clock.advance(5))) == ["Stand"]
    assert flow.snapshot(clock.monotonic()).can_stand is True


def test_staying_seated_skips_every_standing_step(calf_protocol: CrampProtocol, clock: FakeClock) -> None:
    flow = CrampFlow(calf_protocol)
    flow.choose_location(CrampLocation.CALF, clock.monotonic())
    flow.next(clock.advance(5))
    flow.next(clock.advance(5))
    events = flow.stand_choice(False, clock.advance(5))
    assert [(e.step.title, e.index, e.count) for e in events if isinstance(e, StepStarted)] == [("Warmth", 2, 4)]
    assert flow.snapshot(clock.monotonic()).can_stand is False


def test_the_gate_is_asked_once_and_each_standing_run_gets_its_sit_first_check(clock: FakeClock) -> None:
    protocol = make_protocol(
        plan(
            CrampLocation.CALF,
            step("Stretch"),
            step("Stand", standing=True),
            step("Rub"),
            step("Walk", standing=True),
            step("Rest"),
        )
    )
    flow = CrampFlow(protocol)
    shown = start(flow, clock, CrampLocation.CALF)
    more, events = walk(flow, clock, answer=lambda: True)
    assert shown + more == ["Stretch", "<gate>", "Sit up first", "Stand", "Rub", "Sit up first", "Walk", "Rest"]
    assert sum(isinstance(e, StandGateReached) for e in events) == 1


def test_a_plan_that_starts_standing_asks_at_once(clock: FakeClock) -> None:
    protocol = make_protocol(plan(CrampLocation.CALF, step("Stand", standing=True), step("Rest")))
    flow = CrampFlow(protocol)
    assert flow.choose_location(CrampLocation.CALF, clock.monotonic()) == [StandGateReached()]
    assert titles(flow.stand_choice(False, clock.advance(2))) == ["Rest"]


def test_a_location_with_only_seated_steps_never_shows_the_gate(clock: FakeClock) -> None:
    protocol = make_protocol(plan(CrampLocation.FOOT, step("Pull toes"), step("Rub sole", timer=None)))
    flow = CrampFlow(protocol)
    shown = start(flow, clock, CrampLocation.FOOT)
    more, events = walk(flow, clock)
    assert shown + more == ["Pull toes", "Rub sole"]
    assert not any(isinstance(e, StandGateReached) for e in events)


def test_staying_seated_when_only_standing_steps_are_left_closes(clock: FakeClock) -> None:
    protocol = make_protocol(plan(CrampLocation.CALF, step("Stretch"), step("Stand", standing=True)))
    flow = CrampFlow(protocol)
    flow.choose_location(CrampLocation.CALF, clock.monotonic())
    flow.next(clock.advance(5))
    events = flow.stand_choice(False, clock.advance(5))
    assert events == [FlowClosed(CLOSING, eased=False)]


def test_the_gate_ignores_next_and_repeat(calf_protocol: CrampProtocol, clock: FakeClock) -> None:
    flow = CrampFlow(calf_protocol)
    flow.choose_location(CrampLocation.CALF, clock.monotonic())
    flow.next(clock.advance(5))
    flow.next(clock.advance(5))
    assert flow.next(clock.advance(1)) == []
    assert flow.repeat(clock.advance(1)) == []
    assert flow.stage is FlowStage.STAND_GATE


def test_stand_choice_is_ignored_away_from_the_gate(calf_protocol: CrampProtocol, clock: FakeClock) -> None:
    flow = CrampFlow(calf_protocol)
    assert flow.stand_choice(True, clock.monotonic()) == []
    flow.choose_location(CrampLocation.CALF, clock.monotonic())
    assert flow.stand_choice(True, clock.advance(1)) == []
    assert flow.snapshot(clock.monotonic()).can_stand is None


# -- timers ------------------------------------------------------------------------------


def test_the_timer_runs_on_its_deadline(calf_protocol: CrampProtocol, clock: FakeClock) -> None:
    flow = CrampFlow(calf_protocol)
    flow.choose_location(CrampLocation.CALF, clock.monotonic())
    assert flow.snapshot(clock.monotonic()).remaining == 30
    # A late, irregular tick changes nothing: remaining is always deadline − now.
    flow.advance(clock.advance(12.7))
    assert flow.snapshot(clock.monotonic()).remaining == pytest.approx(17.3)
    assert flow.advance(clock.set(T0 + 29.999)) == [Countdown(1)]
    events = flow.advance(clock.set(T0 + 30))
    assert events == [TimerEnded(calf_protocol.plan(CrampLocation.CALF).steps[0])]
    state = flow.snapshot(clock.monotonic())
    assert state.remaining == 0
    assert state.timer_ended
    assert state.stage is FlowStage.STEP  # the step waits for the user's Next


def test_timer_ended_fires_once_and_the_step_stays(calf_protocol: CrampProtocol, clock: FakeClock) -> None:
    flow = CrampFlow(calf_protocol)
    flow.choose_location(CrampLocation.CALF, clock.monotonic())
    flow.advance(clock.advance(30))
    assert flow.advance(clock.advance(100)) == []
    assert flow.snapshot(clock.monotonic()).step == calf_protocol.plan(CrampLocation.CALF).steps[0]


def test_countdown_numbers_fire_once_each(calf_protocol: CrampProtocol, clock: FakeClock) -> None:
    flow = CrampFlow(calf_protocol)
    flow.choose_location(CrampLocation.CALF, clock.monotonic())
    events: list[FlowEvent] = []
    for _ in range(160):  # 32 s in 0.2 s ticks, like the screen's timer
        events += flow.advance(clock.advance(0.2))
    cues = [e for e in events if isinstance(e, (Countdown, TimerEnded))]
    assert cues == [
        Countdown(3),
        Countdown(2),
        Countdown(1),
        TimerEnded(calf_protocol.plan(CrampLocation.CALF).steps[0]),
    ]


def test_a_stall_announces_only_the_latest_countdown_number(calf_protocol: CrampProtocol, clock: FakeClock) -> None:
    flow = CrampFlow(calf_protocol)
    flow.choose_location(CrampLocation.CALF, clock.monotonic())
    flow.advance(clock.advance(26))
    assert flow.advance(clock.advance(2.5)) == [Countdown(2)]


def test_next_before_the_timer_ends_starts_the_next_step_at_once(
    calf_protocol: CrampProtocol, clock: FakeClock
) -> None:
    flow = CrampFlow(calf_protocol)
    flow.choose_location(CrampLocation.CALF, clock.monotonic())
    assert titles(flow.next(clock.advance(4))) == ["Rub"]
    assert flow.snapshot(clock.monotonic()).remaining == 60
    assert flow.advance(clock.advance(59)) == [Countdown(1)]
    assert flow.advance(clock.advance(1)) == [TimerEnded(calf_protocol.plan(CrampLocation.CALF).steps[1])]


def test_repeat_restarts_the_current_steps_timer(calf_protocol: CrampProtocol, clock: FakeClock) -> None:
    flow = CrampFlow(calf_protocol)
    flow.choose_location(CrampLocation.CALF, clock.monotonic())
    flow.advance(clock.advance(31))
    events = flow.repeat(clock.advance(3))
    assert events == [StepStarted(calf_protocol.plan(CrampLocation.CALF).steps[0], 0, 4)]
    state = flow.snapshot(clock.monotonic())
    assert state.remaining == 30
    assert not state.timer_ended
    assert state.elapsed == 34  # the episode keeps counting through a repeat
    assert flow.advance(clock.advance(29.5)) == [Countdown(1)]
    assert flow.advance(clock.advance(0.5)) == [TimerEnded(calf_protocol.plan(CrampLocation.CALF).steps[0])]


def test_a_step_without_a_timer_just_waits(clock: FakeClock) -> None:
    protocol = make_protocol(plan(CrampLocation.FOOT, step("Rub sole", timer=None)))
    flow = CrampFlow(protocol)
    flow.choose_location(CrampLocation.FOOT, clock.monotonic())
    assert flow.snapshot(clock.monotonic()).remaining is None
    assert flow.advance(clock.advance(120)) == []
    assert flow.repeat(clock.advance(1)) == [StepStarted(protocol.plan(CrampLocation.FOOT).steps[0], 0, 1)]


def test_time_never_runs_backwards(calf_protocol: CrampProtocol, clock: FakeClock) -> None:
    flow = CrampFlow(calf_protocol)
    flow.choose_location(CrampLocation.CALF, clock.monotonic())
    flow.advance(T0 + 10)
    assert flow.advance(T0 + 5) == []
    assert flow.snapshot(T0 + 5).remaining == 20


# -- "It's eased", the closing card and leaving ------------------------------------------------


def test_eased_jumps_to_the_closing_card(calf_protocol: CrampProtocol, clock: FakeClock) -> None:
    flow = CrampFlow(calf_protocol)
    flow.choose_location(CrampLocation.CALF, clock.monotonic())
    flow.next(clock.advance(40))
    events = flow.eased(clock.advance(20))
    assert events == [FlowClosed(CLOSING, eased=True)]
    state = flow.snapshot(clock.advance(300))
    assert state.stage is FlowStage.CLOSING
    assert state.step is CLOSING
    assert state.eased
    assert state.elapsed == 60  # frozen when it eased


def test_eased_works_at_the_gate(calf_protocol: CrampProtocol, clock: FakeClock) -> None:
    flow = CrampFlow(calf_protocol)
    flow.choose_location(CrampLocation.CALF, clock.monotonic())
    flow.next(clock.advance(5))
    flow.next(clock.advance(5))
    assert flow.eased(clock.advance(5)) == [FlowClosed(CLOSING, eased=True)]


def test_commands_before_a_location_are_ignored(calf_protocol: CrampProtocol, clock: FakeClock) -> None:
    flow = CrampFlow(calf_protocol)
    now = clock.monotonic()
    assert flow.next(now) == flow.repeat(now) == flow.eased(now) == flow.advance(now) == []
    state = flow.snapshot(now)
    assert (state.stage, state.location, state.step, state.count, state.elapsed) == (
        FlowStage.CHOOSING,
        None,
        None,
        0,
        0,
    )


def test_a_location_is_chosen_once(calf_protocol: CrampProtocol, clock: FakeClock) -> None:
    flow = CrampFlow(calf_protocol)
    flow.choose_location(CrampLocation.CALF, clock.monotonic())
    assert flow.choose_location(CrampLocation.FOOT, clock.advance(1)) == []
    assert flow.location is CrampLocation.CALF


def test_next_past_the_last_step_closes_without_easing(clock: FakeClock) -> None:
    protocol = make_protocol(plan(CrampLocation.FOOT, step("Pull toes")))
    flow = CrampFlow(protocol)
    flow.choose_location(CrampLocation.FOOT, clock.monotonic())
    events = flow.next(clock.advance(45))
    assert events[-1] == FlowClosed(CLOSING, eased=False)
    assert flow.snapshot(clock.advance(100)).elapsed == 45


def test_next_on_the_closing_card_leaves(calf_protocol: CrampProtocol, clock: FakeClock) -> None:
    flow = CrampFlow(calf_protocol)
    flow.choose_location(CrampLocation.CALF, clock.monotonic())
    flow.eased(clock.advance(30))
    assert flow.next(clock.advance(10)) == []
    assert flow.stage is FlowStage.DONE
    assert flow.snapshot(clock.monotonic()).elapsed == 30


def test_leaving_mid_step_freezes_the_duration(calf_protocol: CrampProtocol, clock: FakeClock) -> None:
    flow = CrampFlow(calf_protocol)
    flow.choose_location(CrampLocation.CALF, clock.monotonic())
    flow.leave(clock.advance(75))
    state = flow.snapshot(clock.advance(1000))
    assert state.stage is FlowStage.DONE
    assert state.elapsed == 75
    assert state.remaining is None
    assert flow.advance(clock.monotonic()) == []  # no urgent warning once left
    assert flow.next(clock.monotonic()) == []


# -- the urgent warning --------------------------------------------------------------------


def test_urgent_warning_fires_once_at_exactly_the_threshold(calf_protocol: CrampProtocol, clock: FakeClock) -> None:
    flow = CrampFlow(calf_protocol)
    flow.choose_location(CrampLocation.CALF, clock.monotonic())
    assert flow.urgent_deadline() == T0 + 600
    warnings: list[FlowEvent] = []
    for _ in range(2999):  # up to 599.8 s, in 0.2 s ticks
        warnings += [e for e in flow.advance(clock.advance(0.2)) if isinstance(e, UrgentWarning)]
    assert warnings == []
    assert flow.advance(clock.set(T0 + 599.999)) == []
    assert not flow.snapshot(clock.monotonic()).urgent_raised
    assert flow.advance(clock.set(T0 + 600)) == [UrgentWarning("Over ten minutes: get advice.")]
    assert flow.snapshot(clock.monotonic()).urgent_raised
    assert flow.advance(clock.advance(600)) == []


def test_urgent_clock_starts_at_the_first_step_not_the_current_one(
    calf_protocol: CrampProtocol, clock: FakeClock
) -> None:
    flow = CrampFlow(calf_protocol)
    clock.advance(500)  # the picker was open a long time: that does not count
    flow.choose_location(CrampLocation.CALF, clock.monotonic())
    flow.next(clock.advance(300))
    flow.repeat(clock.advance(200))
    assert not any(isinstance(e, UrgentWarning) for e in flow.advance(clock.advance(99)))
    assert any(isinstance(e, UrgentWarning) for e in flow.advance(clock.advance(1)))


def test_urgent_warning_arrives_with_a_command_too(calf_protocol: CrampProtocol, clock: FakeClock) -> None:
    flow = CrampFlow(calf_protocol)
    flow.choose_location(CrampLocation.CALF, clock.monotonic())
    events = flow.next(clock.advance(600))
    assert [type(e) for e in events] == [TimerEnded, UrgentWarning, StepStarted]
    assert titles(events) == ["Rub"]


def test_no_urgent_warning_once_eased(calf_protocol: CrampProtocol, clock: FakeClock) -> None:
    flow = CrampFlow(calf_protocol)
    flow.choose_location(CrampLocation.CALF, clock.monotonic())
    flow.eased(clock.advance(599))
    assert flow.advance(clock.advance(10)) == []
    assert not flow.snapshot(clock.monotonic()).urgent_raised


def test_urgent_warning_still_fires_at_the_gate_and_on_the_closing_card(
    calf_protocol: CrampProtocol, clock: FakeClock
) -> None:
    flow = CrampFlow(calf_protocol)
    flow.choose_location(CrampLocation.CALF, clock.monotonic())
    flow.next(clock.advance(5))
    flow.next(clock.advance(5))
    assert flow.stage is FlowStage.STAND_GATE
    assert flow.advance(clock.set(T0 + 600)) == [UrgentWarning("Over ten minutes: get advice.")]

    other = CrampFlow(make_protocol(plan(CrampLocation.FOOT, step("Pull toes"))))
    start_at = clock.monotonic()
    other.choose_location(CrampLocation.FOOT, start_at)
    other.next(clock.advance(40))  # past the last step without saying it eased
    assert other.stage is FlowStage.CLOSING
    assert other.advance(clock.set(start_at + 600)) == [UrgentWarning("Over ten minutes: get advice.")]


def test_urgent_threshold_comes_from_the_protocol(clock: FakeClock) -> None:
    protocol = make_protocol(plan(CrampLocation.CALF, step("Stretch")), urgent_after_minutes=0.5)
    flow = CrampFlow(protocol)
    flow.choose_location(CrampLocation.CALF, clock.monotonic())
    assert flow.advance(clock.advance(29.9)) == [Countdown(1)]
    assert flow.advance(clock.advance(0.1)) == [
        TimerEnded(protocol.plan(CrampLocation.CALF).steps[0]),
        UrgentWarning("Over ten minutes: get advice."),
    ]


def test_elapsed_counts_from_the_first_step(calf_protocol: CrampProtocol, clock: FakeClock) -> None:
    flow = CrampFlow(calf_protocol)
    assert flow.snapshot(clock.advance(50)).elapsed == 0
    flow.choose_location(CrampLocation.CALF, clock.monotonic())
    flow.next(clock.advance(42))
    assert flow.snapshot(clock.advance(8)).elapsed == 50


# -- from the moment Cramp now opens ---------------------------------------------------------


def test_the_duration_counts_from_opening_and_the_warning_from_the_first_step(
    calf_protocol: CrampProtocol, clock: FakeClock
) -> None:
    flow = CrampFlow(calf_protocol, opened_at=clock.monotonic())
    clock.advance(40)  # reading the picker
    assert flow.snapshot(clock.monotonic()).elapsed == 40
    flow.choose_location(CrampLocation.CALF, clock.monotonic())
    clock.advance(10 * 60 - 1)
    assert not any(isinstance(e, UrgentWarning) for e in flow.advance(clock.monotonic()))
    assert flow.snapshot(clock.monotonic()).elapsed == 40 + 599
    clock.advance(1)
    assert any(isinstance(e, UrgentWarning) for e in flow.advance(clock.monotonic()))


def test_leaving_the_picker_freezes_the_duration(calf_protocol: CrampProtocol, clock: FakeClock) -> None:
    flow = CrampFlow(calf_protocol, opened_at=clock.monotonic())
    clock.advance(25)
    flow.leave(clock.monotonic())
    clock.advance(100)
    state = flow.snapshot(clock.monotonic())
    assert (state.stage, state.elapsed, state.location) == (FlowStage.DONE, 25, None)


@pytest.mark.parametrize(("seconds", "mistake"), [(0, True), (9.9, True), (10, False), (60, False)])
def test_leaving_the_picker_within_seconds_is_a_mistake(
    calf_protocol: CrampProtocol, clock: FakeClock, seconds: float, mistake: bool
) -> None:
    flow = CrampFlow(calf_protocol, opened_at=clock.monotonic())
    clock.advance(seconds)
    flow.leave(clock.monotonic())
    assert flow.opened_by_mistake(clock.monotonic() + 100) is mistake


def test_choosing_anything_is_never_a_mistake(calf_protocol: CrampProtocol, clock: FakeClock) -> None:
    flow = CrampFlow(calf_protocol, opened_at=clock.monotonic())
    flow.choose_location(None, clock.monotonic())
    flow.leave(clock.monotonic())
    assert not flow.opened_by_mistake(clock.monotonic())
    assert not CrampFlow(calf_protocol).opened_by_mistake(clock.monotonic())  # no opening time known


def test_the_setting_given_when_choosing_wins(calf_protocol: CrampProtocol, clock: FakeClock) -> None:
    flow = CrampFlow(calf_protocol, cannot_stand_at_night=False, opened_at=clock.monotonic())
    flow.choose_location(CrampLocation.CALF, clock.monotonic(), cannot_stand_at_night=True)
    shown, _ = walk(flow, clock)  # the walk fails if the gate appears
    assert "<gate>" not in shown
    assert flow.cannot_stand_at_night
