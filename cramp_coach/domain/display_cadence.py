"""When a playing routine's display next changes, so the screen is redrawn only then.

A player screen shows, from a :class:`~cramp_coach.domain.player.PlayerState`: the
phase's whole seconds left (rounded up), the routine's time left (whole seconds, rounded
up), a progress bar of ``bar_steps`` steps and a ring whose arc is ``arc_steps`` steps
round (one step per device pixel of arc). Each of these moves at its own pace: the
digits once a second, a 300-pixel ring for a 30 s hold about 30 times a second, a
250-step bar for a ten-minute routine every 2.4 s. :func:`next_display_change` says how
long until each kind moves next, so the UI's timer can sleep until then instead of
waking at a fixed rate, and :func:`arc_step` is the ring's own rounding of the same
fraction, so the two agree about when a step is reached.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from cramp_coach.domain.countdown import EPSILON
from cramp_coach.domain.player import PlayerState, PlayerStatus


def arc_step(fraction: float, steps: int) -> int:
    """The arc's length in steps for ``fraction`` (0..1) of the ring, rounded up.

    Rounded up, so a phase that has begun shows a full ring and only its very end an
    empty one.
    """
    return max(0, min(steps, math.ceil(fraction * steps - EPSILON)))


def _until_ceil_drops(value: float) -> float:
    """Seconds until ``ceil(value)`` drops, for a value falling by one each second."""
    return value - (math.ceil(value - EPSILON) - 1)


@dataclass(frozen=True, slots=True)
class DisplayChange:
    """Seconds from a snapshot until its display changes; ``None``: not by itself.

    Attributes:
        words: the next change of a number in digits (the seconds left, the time left):
            due on time.
        motion: the next step of the ring's arc (one device pixel) or of the progress
            bar, which a redraw may leave a little longer (it then moves a few pixels).
    """

    words: float | None
    motion: float | None


def next_display_change(state: PlayerState, *, arc_steps: int, bar_steps: int) -> DisplayChange:
    """How long after ``state`` was taken what a player screen shows of it changes.

    Nothing changes by itself while paused, finished, or in an untimed phase that has
    used up its estimate and waits for Done. Events of the Player itself (a new phase,
    rep or countdown number) are :meth:`Player.next_due`'s.
    """
    phase = state.phase
    if phase is None or state.status not in (PlayerStatus.RUNNING, PlayerStatus.WAITING):
        return DisplayChange(None, None)
    # Everything shown moves with the phase's elapsed time, which counts towards the
    # routine's total only up to the phase's estimate.
    growing = phase.estimate_seconds - state.phase_elapsed
    words: list[float] = []
    motion: list[float] = []
    if growing > EPSILON:
        left = state.total_seconds - state.elapsed_total
        if left > EPSILON:
            words.append(_until_ceil_drops(left))
        if state.total_seconds > 0 and bar_steps > 0:
            shown = math.floor(state.progress * bar_steps + EPSILON)
            if shown < bar_steps:
                motion.append((shown + 1) / bar_steps * state.total_seconds - state.elapsed_total)
    remaining = state.remaining
    if state.status is PlayerStatus.RUNNING and remaining is not None and phase.duration and remaining > EPSILON:
        words.append(_until_ceil_drops(remaining))
        if arc_steps > 0:
            step_seconds = phase.duration / arc_steps
            motion.append(_until_ceil_drops(remaining / step_seconds) * step_seconds)
    return DisplayChange(_soonest(words), _soonest(motion))


def _soonest(changes: list[float]) -> float | None:
    ahead = [change for change in changes if change > EPSILON]
    return min(ahead) if ahead else None
