"""Cramp now's :class:`CrampController`, built the first time it is needed.

A cold ``--emergency`` start asks "Where is the cramp?" before the protocol, the flow
and their dataclasses are loaded (``ui/first_frame.py``). The cramp is still timed from
the moment the screen opened: :meth:`LazyController.open` notes that moment and starts
the flow from it at once, or just after the first frame while the app is starting.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from cramp_coach.domain.clock import Clock, WallClock
from cramp_coach.ui import first_frame
from cramp_coach.ui.audio.sinks import CueSink, SpeechSink

if TYPE_CHECKING:
    from cramp_coach.domain.cramp_flow import CrampFlow
    from cramp_coach.domain.protocol import CrampProtocol
    from cramp_coach.ui.cramp.controller import CrampController, EpisodeRecorder


#: Builds the controller with the diary and sound known at that moment (the screen's part).
ControllerFactory = Callable[["EpisodeRecorder | None", "CueSink | None", "SpeechSink | None"], "CrampController"]


class LazyController:
    """Holds the controller until it is built; the sound and the diary may come first."""

    def __init__(
        self,
        build: ControllerFactory,
        clock: Clock,
        wall_clock: WallClock,
        *,
        diary: EpisodeRecorder | None,
        cues: CueSink | None,
        speech: SpeechSink | None,
    ) -> None:
        """``build`` makes the controller and connects its signals (the screen's slots)."""
        self._build = build
        self._clock = clock
        self._wall_clock = wall_clock
        self._diary, self._cues, self._speech = diary, cues, speech
        self._built: CrampController | None = None
        self._opened_at: tuple[float, datetime] | None = None  # opened, flow not started yet

    @property
    def built(self) -> CrampController | None:
        """The controller if it exists already; never builds it."""
        return self._built

    def get(self) -> CrampController:
        """The controller, built now if it was not yet."""
        if self._built is None:
            self._built = self._build(self._diary, self._cues, self._speech)
        return self._built

    def open(self) -> None:
        """A new cramp, timed from now; its flow starts at once, or after the first frame while the app starts."""
        self._opened_at = (self._clock.monotonic(), self._wall_clock.now())
        first_frame.later(self.start_pending)

    def start_pending(self) -> None:
        """Start the flow :meth:`open` asked for (if it has not started yet), from the moment it was asked."""
        if self._opened_at is not None:
            at, self._opened_at = self._opened_at, None
            self.get().open(at=at)

    @property
    def active(self) -> bool:
        """True from :meth:`open` until the flow is left (a cramp is being recorded)."""
        return self._opened_at is not None or (self._built is not None and self._built.active)

    @property
    def flow(self) -> CrampFlow | None:
        self.start_pending()
        return None if self._built is None else self._built.flow

    def attach_sound(self, cues: CueSink | None, speech: SpeechSink | None) -> None:
        self._cues, self._speech = cues, speech
        if self._built is not None:
            self._built.attach_sound(cues, speech)

    def attach_diary(self, diary: EpisodeRecorder | None) -> None:
        """The diary, once open; a cramp opened before is recorded then, with its real start."""
        self._diary = diary
        self.start_pending()
        if self._built is not None:
            self._built.attach_diary(diary)

    def set_protocol(self, protocol: CrampProtocol) -> None:
        if self._built is not None:
            self._built.set_protocol(protocol)

    def abandon(self) -> None:
        """Record how far the episode got and stop its timer and voice (if one is open)."""
        self.start_pending()
        if self._built is not None:
            self._built.abandon()
