"""Cramp now: the emergency screen for someone mid-cramp, at night, maybe with one hand free.

One thing at a time, huge and dark: where is it? → one first-aid step per screen →
(only when asked) "Can you stand safely?" → a closing card → an optional one-screen log.
The order, the words, the timers and the warning signs come from the
:class:`~cramp_coach.domain.protocol.CrampProtocol`; the rules live in the pure
:class:`~cramp_coach.domain.cramp_flow.CrampFlow`; the timer, sound and diary in the
:class:`~cramp_coach.ui.cramp.controller.CrampController`; each page in its own module
under ``ui/cramp/``. This screen only arranges them: a top bar (Home, where you are,
Warning signs), the urgent banner, the current page, a notice line.

The keys are listed in :mod:`cramp_coach.ui.cramp.keys`.

Safety choices worth knowing before changing anything here:

- the warning signs are a page of the stack that the user opens and closes; the flow's
  timer keeps running underneath, so they never pause, block or reset a step;
- the stand gate's default focus is "Stay sitting or lying", and no key but a
  deliberate press of "I can stand safely" shows a standing step;
- every page's buttons sit outside its scroll area, so they can never scroll away;
- a failing diary never stops the flow: the first StorageError shows a small notice and
  the rest of the episode is not written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QHideEvent, QPaintEvent
from PySide6.QtWidgets import (
    QWidget,
)

from cramp_coach.domain.clock import Clock, WallClock
from cramp_coach.domain.cramp_location import CrampLocation
from cramp_coach.domain.cramp_opening import CrampOpening
from cramp_coach.domain.wording import clock_text
from cramp_coach.ui import first_frame
from cramp_coach.ui.audio.sinks import CueSink, SpeechSink
from cramp_coach.ui.cramp.frame import CrampFrame
from cramp_coach.ui.cramp.keys import CrampKeys
from cramp_coach.ui.cramp.lazy_controller import LazyController
from cramp_coach.ui.cramp.locations_page import LocationsPage

if TYPE_CHECKING:  # built after the first paint
    from cramp_coach.domain.cramp_flow import CrampFlow, FlowClosed, StepStarted
    from cramp_coach.domain.protocol import CrampProtocol
    from cramp_coach.ui.cramp.closing_page import ClosingPage
    from cramp_coach.ui.cramp.controller import CrampController, EpisodeRecorder
    from cramp_coach.ui.cramp.gate_page import GatePage
    from cramp_coach.ui.cramp.log_page import LogPage
    from cramp_coach.ui.cramp.not_recorded import NotRecordedBar
    from cramp_coach.ui.cramp.pages import LatePages
    from cramp_coach.ui.cramp.step_page import StepPage
    from cramp_coach.ui.cramp.urgent_banner import UrgentBanner
    from cramp_coach.ui.cramp.warnings_page import WarningsPage

__all__ = ["CrampScreen"]


class CrampScreen(CrampFrame):
    """The Cramp-now screen: location picker, steps, stand gate, warning signs, closing card, log.

    Call :meth:`open` each time the screen is shown: it records a new cramp and resets
    to the location picker.

    Signals:
        closed(): the user left (Home, Esc, or Save/Skip on the log page). The episode
            has already been written as far as the diary allows.
    """

    closed = Signal()
    help_requested = Signal()  # Help & Sources, from the locations page

    def __init__(
        self,
        protocol: CrampProtocol | Callable[[], CrampProtocol],
        cannot_stand: Callable[[], bool],
        clock: Clock,
        wall_clock: WallClock,
        *,
        diary: EpisodeRecorder | None,
        cues: CueSink | None,
        speech: SpeechSink | None,
        resolve_asset: Callable[[str], Path | None],
        keep_awake: Callable[[bool], None] = lambda _on: None,
        emergency_number: Callable[[], str] = lambda: "",
        opening: CrampOpening | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """Build the location picker; the other pages are built just after the first paint.

        ``protocol`` is the protocol, or a function that loads it: with ``opening`` (the
        picker's words), a cold ``--emergency`` start shows the first question before the
        protocol, its dataclasses and the :class:`CrampController` are loaded. The next
        seven arguments go to the controller (see there); ``resolve_asset`` finds a
        picture named in the protocol, and ``emergency_number`` reads the local emergency
        number from the settings each time it is shown.
        """
        super().__init__(lambda: self.protocol.urgent_message, parent)
        self.setObjectName("cramp")
        self._protocol: CrampProtocol | None = None
        if callable(protocol):
            self._load_protocol = protocol
        else:
            self._protocol = protocol
        self._resolve_asset = resolve_asset
        self._emergency_number = emergency_number

        def build(diary: EpisodeRecorder | None, cues: CueSink | None, speech: SpeechSink | None) -> CrampController:
            from cramp_coach.ui.cramp.controller import CrampController

            built = CrampController(
                self.protocol, cannot_stand, clock, wall_clock, diary=diary, cues=cues, speech=speech,
                keep_awake=keep_awake, parent=self,
            )  # fmt: skip
            self._wire(built)
            return built

        self._lazy = LazyController(build, clock, wall_clock, diary=diary, cues=cues, speech=speech)
        self._opening = opening or CrampOpening.of(self.protocol)
        self._return_page: QWidget | None = None
        self._stale_pages = False
        self._not_recorded: NotRecordedBar | None = None
        self.home_button.clicked.connect(self.leave)
        self.warnings_button.clicked.connect(self.show_warnings)
        self.locations_page = self._new_locations_page()
        self.stack.addWidget(self.locations_page)
        # The first question must be on screen fast (a cold --emergency start): the pages
        # needed only later are built just after, or at once if something needs them first.
        self._late_scheduled = False

        # No key reaches a window before it is on screen: the keys (and QShortcut) wait
        # for the first frame while the app starts (ui/first_frame.py).
        self._keys: CrampKeys | None = None
        first_frame.later(self._add_keys)
        self._show_page(self.locations_page)

    def _add_keys(self) -> None:
        self._keys = CrampKeys(
            self,
            next_step=self.next,
            repeat=self.repeat,
            eased=self.eased,
            warnings=self.show_warnings,
            main_action=lambda: self._default_focus(self.stack.currentWidget()),
            escape=self._on_escape,
        )
        self._follow_keys()

    # -- construction ---------------------------------------------------------------------

    @property
    def protocol(self) -> CrampProtocol:
        """The protocol the next cramp follows (loaded on first use)."""
        if self._protocol is None:
            self._protocol = self._load_protocol()
        return self._protocol

    @property
    def controller(self) -> CrampController:
        """The timer, sound and diary of the flow (built on first use: after the first frame of a cold start)."""
        return self._lazy.get()

    def _wire(self, controller: CrampController) -> None:
        controller.step_started.connect(self._on_step)
        controller.gate_reached.connect(lambda: self._show_page(self.gate_page))
        controller.urgent.connect(self._on_urgent)
        controller.flow_closed.connect(self._on_closed)
        controller.changed.connect(self._render)
        controller.notice.connect(self.show_notice)
        controller.not_recorded.connect(self._offer_undo)

    def _new_locations_page(self) -> LocationsPage:
        page = LocationsPage(self._opening)
        page.chosen.connect(self.choose_location)
        page.help_requested.connect(self.help_requested)
        return page

    def _ensure_pages(self) -> LatePages:
        """Build every page after the location picker (once)."""
        if self._pages is not None:
            return self._pages
        from cramp_coach.ui.cramp.pages import LatePages, PageActions

        pages = self._pages = LatePages.build(self.protocol, self._resolve_asset)
        actions = (self.next, self.repeat, self.eased, self.stand_choice, self.save_log, self.skip_log)
        pages.connect(PageActions(*actions, hide_warnings=self.hide_warnings))
        pages.install(self.stack, compact=self._compact)
        self._fit(self.size())
        pages.settle(self.stack.contentsRect())
        self._render()
        return pages

    # The pages after the picker, built on first use.
    @property
    def step_page(self) -> StepPage:
        return self._ensure_pages().step

    @property
    def gate_page(self) -> GatePage:
        return self._ensure_pages().gate

    @property
    def closing_page(self) -> ClosingPage:
        return self._ensure_pages().closing

    @property
    def log_page(self) -> LogPage:
        return self._ensure_pages().log

    @property
    def warnings_page(self) -> WarningsPage:
        return self._ensure_pages().warnings

    def _rebuild_pages(self) -> None:
        """Build every page again from the current protocol (only while no cramp is running)."""
        self._stale_pages = False
        old: list[QWidget] = [self.locations_page, *(self._pages.all() if self._pages else ())]
        self._pages = None
        self.locations_page = self._new_locations_page()
        self.stack.insertWidget(0, self.locations_page)
        self.locations_page.set_compact(self._compact)
        self._show_page(self.locations_page)
        for page in old:
            self.stack.removeWidget(page)
            page.deleteLater()
        self._ensure_pages()
        if self._banner is not None:
            self._banner.set_message(self.protocol.urgent_message, "")

    # -- wiring ---------------------------------------------------------------------------------

    @property
    def flow(self) -> CrampFlow | None:
        """The running flow (from :meth:`open` on), for tests and the app."""
        return self._lazy.flow

    @property
    def active(self) -> bool:
        """True from :meth:`open` until the user leaves (a cramp is being recorded)."""
        return self._lazy.active

    def attach_sound(self, cues: CueSink | None, speech: SpeechSink | None) -> None:
        """Add sound once it is ready: the app builds it after the first frame, so a cold
        ``--emergency`` start shows the first question without waiting for audio."""
        self._lazy.attach_sound(cues, speech)

    def attach_diary(self, diary: EpisodeRecorder | None) -> None:
        """Add the diary once it is open (after the first frame); a cramp already open is recorded then."""
        self._lazy.attach_diary(diary)

    def set_protocol(self, protocol: CrampProtocol) -> None:
        """Follow a catalog change without a restart.

        A cramp in progress keeps the steps it started with; the pages are rebuilt from
        ``protocol`` at once when none is, otherwise at the next :meth:`open`.
        """
        if protocol == self._protocol:
            return
        self._protocol = protocol
        self._opening = CrampOpening.of(protocol)
        self._lazy.set_protocol(protocol)
        if self.active:
            self._stale_pages = True
        else:
            self._rebuild_pages()

    # -- public commands ------------------------------------------------------------------------

    def open(self) -> None:
        """Record a new cramp and show the location picker (an unfinished one is recorded and ended)."""
        self._lazy.abandon()
        if self._not_recorded is not None:
            # Back for a real cramp: the bar must not cover its buttons (this one is recorded).
            self._not_recorded.hide()
        if self._stale_pages:
            self._rebuild_pages()
        self._return_page = None
        self._hide_urgent()
        self._refit()
        self.show_notice("")
        if self._pages is not None:
            self._pages.log.reset()
        self._lazy.open()
        self._show_page(self.locations_page)

    def choose_location(self, location: CrampLocation | None) -> None:
        """Start the steps for ``location`` (``None``: "not sure")."""
        self._lazy.start_pending()
        if self.controller.flow is None:
            self.controller.open()
        self._ensure_pages()
        self.controller.choose_location(location)

    def tick(self) -> None:
        """Advance the flow to the clock's now (the controller's timer; tests call it directly)."""
        self.controller.tick()

    def next(self) -> None:
        """Next step (from a step), or on to the log (from the closing card)."""
        if self._on_warnings():
            return
        if self._showing("closing"):
            self._to_log()
            return
        self.controller.next()

    def repeat(self) -> None:
        """Restart the current step and its timer."""
        if not self._on_warnings():
            self.controller.repeat()

    def eased(self) -> None:
        """The cramp has eased: straight to the closing card."""
        if not self._on_warnings():
            self.controller.eased()

    def stand_choice(self, can_stand: bool) -> None:
        """Answer "Can you stand safely?"."""
        self.controller.stand_choice(can_stand)

    def show_warnings(self) -> None:
        """Show the warning signs over the current page; the step timer keeps running."""
        if self._on_warnings():
            return
        self._return_page = self.stack.currentWidget()
        running = self.controller.running
        self.warnings_page.back_button.setText("←  Back to the steps" if running else "←  Back")
        self.warnings_page.set_emergency_number(self._emergency_number())
        self.warnings_page.scroller.verticalScrollBar().setValue(0)
        self._show_page(self.warnings_page)
        self._render()

    def hide_warnings(self) -> None:
        """Back to the page the warning signs were opened from."""
        if not self._on_warnings():
            return
        self._show_page(self._return_page or self.locations_page)
        self._render()

    def save_log(self) -> None:
        """Write the log page's answers to the episode (the duration exactly as shown), then leave."""
        if self.controller.can_log and not self.controller.save_log(self.log_page.answers()):
            return  # stay, so the notice is seen; Skip still leaves in one tap
        self._close_screen()

    def skip_log(self) -> None:
        """Leave without the log's answers (the episode's start and duration are already written)."""
        self._close_screen()

    def leave(self) -> None:
        """Leave to Home from any page, recording how far the episode got."""
        self._close_screen()

    # -- what the controller reports ------------------------------------------------------------

    def _on_step(self, event: StepStarted) -> None:
        self.step_page.card.show_step(event.step, standing=event.step.standing)
        self._show_page(self.step_page)

    def _on_urgent(self, message: str) -> None:
        self.urgent_banner.raise_warning(message, self._emergency_number())
        self._refit()

    def _on_closed(self, event: FlowClosed) -> None:
        if event.eased:
            # The warning asked to tap It's eased if it was easing: it has done its job.
            self._hide_urgent()
        self._refit()
        self.closing_page.show_closing(event.step, can_log=self.controller.can_log)
        self._show_page(self.closing_page)

    def _to_log(self) -> None:
        measured = self.controller.finish_steps()
        if not self.controller.can_log:
            self._close_screen()  # nothing could be saved: a log page would be a lie
            return
        self.log_page.prefill(self.controller.picked, measured)
        # The steps are over; the warning was seen and heard, and the log needs the room.
        self._hide_urgent()
        self._refit()
        self._show_page(self.log_page)

    def _offer_undo(self, deleted: object) -> None:
        from cramp_coach.ui.cramp.not_recorded import NotRecordedBar

        host = self.window()
        if self._not_recorded is None or self._not_recorded.parentWidget() is not host:
            self._not_recorded = NotRecordedBar(host)
        self._not_recorded.offer(lambda: self.controller.undo_not_recorded(deleted))

    # -- rendering --------------------------------------------------------------------------

    def _showing(self, name: str) -> bool:
        """Whether the late page ``name`` ("step", "gate", …) is current (without building it)."""
        return self._pages is not None and self.stack.currentWidget() is getattr(self._pages, name)

    def _on_warnings(self) -> bool:
        return self._showing("warnings")

    def _show_page(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        on_warnings = self._on_warnings()
        self._follow_keys()
        self.warnings_button.setVisible(not on_warnings)
        self._show_urgent_buttons()
        focus = self._default_focus(page)
        # MainWindow.show_screen() focuses the screen: the proxy hands that to the button
        # a half-awake user most likely wants, so Enter does the expected thing.
        self.setFocusProxy(focus)
        if self.isVisible():
            focus.setFocus()
        self._set_heading()

    def _banner_built(self, banner: UrgentBanner) -> None:
        banner.warnings_button.clicked.connect(self.show_warnings)
        self._show_urgent_buttons()

    def _compact_changed(self) -> None:
        self._set_heading()
        self._show_urgent_buttons()

    def _follow_keys(self) -> None:
        if self._keys is not None:
            self._keys.follow(
                on_step=self._showing("step"), on_gate=self._showing("gate"), on_warnings=self._on_warnings()
            )

    def _show_urgent_buttons(self) -> None:
        # In a small window the message needs the width more than a second "Warning signs"
        # button: the one in the top bar is still one tap away.
        if self._banner is not None:
            self._banner.warnings_button.setVisible(not self._on_warnings() and not self._compact)

    def _default_focus(self, page: QWidget | None) -> QWidget:
        late = None if self._pages is None else self._pages.default_focus(page)
        return late if late is not None else self.locations_page.default_button

    def _set_heading(self) -> None:
        if self._showing("step"):
            state = self.controller.snapshot()
            step = "" if state is None or state.index is None else f"Step {state.index + 1} of {state.count}"
            self.top_bar.set_heading(step, quiet=True)
            return
        heading = ""
        if self.stack.currentWidget() is self.locations_page:
            heading = "Where is the cramp?"
        elif self._on_warnings():
            heading = "Warning signs"
        elif self._showing("log"):
            heading = "Log this cramp?"
        self.top_bar.set_heading(heading)

    def _render(self) -> None:
        self._set_heading()
        if self._pages is None:
            return
        state = self.controller.snapshot()
        timer_line = ""
        if state is not None and state.step is not None and state.remaining is not None and state.step.timer_seconds:
            self._pages.step.show_timer(state)
            if state.timer_ended:
                timer_line = f"Your step timer has finished ({state.step.title})."
            else:
                timer_line = f"Your step timer keeps running: {clock_text(state.remaining - 1e-9)} left."
        self._pages.warnings.set_timer_line(timer_line)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        # Once the first question is on screen, build the other pages in the next turn of
        # the event loop (a zero timer started any earlier would run before this paint).
        if not self._late_scheduled:
            self._late_scheduled = True
            QTimer.singleShot(0, self, self._ensure_pages)

    # -- keys ----------------------------------------------------------------------------------

    def _on_escape(self) -> None:
        if self._on_warnings():
            self.hide_warnings()
        else:
            self.leave()

    # -- leaving ----------------------------------------------------------------------------

    def _close_screen(self) -> None:
        self._lazy.abandon()
        self.closed.emit()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        # The app may switch screens without going through leave() (another window, a
        # shortcut): the episode must still get its duration and the voice must stop.
        # A spontaneous hide is the window being minimised: the cramp goes on.
        if not event.spontaneous():
            self._lazy.abandon()
        super().hideEvent(event)
