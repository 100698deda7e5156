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

from PySide6.QtCore import QEvent, QSize, QTimer, Signal
from PySide6.QtGui import QHideEvent, QPaintEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cramp_coach.domain.clock import Clock, WallClock
from cramp_coach.domain.cramp_location import CrampLocation
from cramp_coach.domain.cramp_opening import CrampOpening
from cramp_coach.domain.wording import clock_text
from cramp_coach.ui import first_frame
from cramp_coach.ui.audio.sinks import CueSink, SpeechSink
from cramp_coach.ui.cramp.fitting import big_button_height, is_compact
from cramp_coach.ui.cramp.keys import CrampKeys
from cramp_coach.ui.cramp.locations_page import LocationsPage
from cramp_coach.ui.cramp.top_bar import TopBar
from cramp_coach.ui.cramp.widgets import tighten
from cramp_coach.ui.theme import CRAMP, qt_palette
from cramp_coach.ui.widgets.common import label

if TYPE_CHECKING:  # built after the first paint
    from datetime import datetime

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


class CrampScreen(QWidget):
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
        super().__init__(parent)
        self.setObjectName("cramp")
        self._protocol: CrampProtocol | None = None
        if callable(protocol):
            self._load_protocol = protocol
        else:
            self._protocol = protocol
        self._resolve_asset = resolve_asset
        self._emergency_number = emergency_number
        self._cannot_stand = cannot_stand
        self._clock = clock
        self._wall_clock = wall_clock
        self._diary, self._cues, self._speech, self._keep_awake = diary, cues, speech, keep_awake
        self._controller: CrampController | None = None
        self._opened_at: tuple[float, datetime] | None = None  # opened, controller not built yet
        self._opening = opening or CrampOpening.of(self.protocol)
        self._compact = False
        self._fit_when_shown = False
        self._return_page: QWidget | None = None
        self._stale_pages = False
        self._not_recorded: NotRecordedBar | None = None
        self._refit_timer = QTimer(self)
        self._refit_timer.setObjectName("cramp-refit")
        self._refit_timer.setSingleShot(True)
        self._refit_timer.setInterval(0)
        self._refit_timer.timeout.connect(self._refit)
        self._paint_dark()

        self.top_bar = TopBar()
        self.home_button = self.top_bar.home_button
        self.heading = self.top_bar.heading
        self.warnings_button = self.top_bar.warnings_button
        self.home_button.clicked.connect(self.leave)
        self.warnings_button.clicked.connect(self.show_warnings)
        self._banner: UrgentBanner | None = None  # built when first needed (it is rarely)
        self.stack = QStackedWidget()
        self.locations_page = self._new_locations_page()
        self.stack.addWidget(self.locations_page)
        # The first question must be on screen fast (a cold --emergency start): the pages
        # needed only later are built just after, or at once if something needs them first.
        self._pages: LatePages | None = None
        self._late_scheduled = False
        self.notice = label("", "notice")
        self.notice.setAccessibleName("Notice")
        self.notice.setMinimumWidth(1)
        self.notice.hide()

        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(self.top_bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.notice)

        self._keys = CrampKeys(
            self,
            next_step=self.next,
            repeat=self.repeat,
            eased=self.eased,
            warnings=self.show_warnings,
            main_action=lambda: self._default_focus(self.stack.currentWidget()),
            escape=self._on_escape,
        )
        self._show_page(self.locations_page)

    # -- construction ---------------------------------------------------------------------

    def _paint_dark(self) -> None:
        # Black from the very first frame even before the app switches its palette to
        # CRAMP, and one background for the whole screen: a plain QWidget ignores the
        # stylesheet's background unless asked, and would show the page behind it.
        self.setAutoFillBackground(True)
        first_frame.later(self._styled_background)
        self.setPalette(qt_palette(self.palette(), CRAMP))

    def _styled_background(self) -> None:
        from PySide6.QtCore import Qt  # after the first frame, which the palette paints: ui/first_frame.py

        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

    @property
    def protocol(self) -> CrampProtocol:
        """The protocol the next cramp follows (loaded on first use)."""
        if self._protocol is None:
            self._protocol = self._load_protocol()
        return self._protocol

    @property
    def controller(self) -> CrampController:
        """The timer, sound and diary of the flow (built on first use: after the first frame of a cold start)."""
        if self._controller is None:
            from cramp_coach.ui.cramp.controller import CrampController

            controller = self._controller = CrampController(
                self.protocol,
                self._cannot_stand,
                self._clock,
                self._wall_clock,
                diary=self._diary,
                cues=self._cues,
                speech=self._speech,
                keep_awake=self._keep_awake,
                parent=self,
            )
            controller.step_started.connect(self._on_step)
            controller.gate_reached.connect(lambda: self._show_page(self.gate_page))
            controller.urgent.connect(self._on_urgent)
            controller.flow_closed.connect(self._on_closed)
            controller.changed.connect(self._render)
            controller.notice.connect(self.show_notice)
            controller.not_recorded.connect(self._offer_undo)
        return self._controller

    def _open_controller(self) -> None:
        """Start the flow :meth:`open` asked for, from the moment it was asked."""
        if self._opened_at is not None:
            at, self._opened_at = self._opened_at, None
            self.controller.open(at=at)

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
        self._open_controller()
        return None if self._controller is None else self._controller.flow

    @property
    def active(self) -> bool:
        """True from :meth:`open` until the user leaves (a cramp is being recorded)."""
        if self._opened_at is not None:
            return True
        return self._controller is not None and self._controller.active

    def attach_sound(self, cues: CueSink | None, speech: SpeechSink | None) -> None:
        """Add sound once it is ready: the app builds it after the first frame, so a cold
        ``--emergency`` start shows the first question without waiting for audio."""
        self._cues, self._speech = cues, speech
        if self._controller is not None:
            self._controller.attach_sound(cues, speech)

    def attach_diary(self, diary: EpisodeRecorder | None) -> None:
        """Add the diary once it is open (after the first frame); a cramp already open is recorded then."""
        self._diary = diary
        self._open_controller()
        if self._controller is not None:
            self._controller.attach_diary(diary)

    def set_protocol(self, protocol: CrampProtocol) -> None:
        """Follow a catalog change without a restart.

        A cramp in progress keeps the steps it started with; the pages are rebuilt from
        ``protocol`` at once when none is, otherwise at the next :meth:`open`.
        """
        if protocol == self._protocol:
            return
        self._protocol = protocol
        self._opening = CrampOpening.of(protocol)
        if self._controller is not None:
            self._controller.set_protocol(protocol)
        if self.active:
            self._stale_pages = True
        else:
            self._rebuild_pages()

    # -- public commands ------------------------------------------------------------------------

    def open(self) -> None:
        """Record a new cramp and show the location picker (an unfinished one is recorded and ended)."""
        self._abandon()
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
        # The moment counts from now; while the app starts (a cold --emergency start) the
        # controller, the flow and their dataclasses are loaded after the first frame.
        self._opened_at = (self._clock.monotonic(), self._wall_clock.now())
        first_frame.later(self._open_controller)
        self._show_page(self.locations_page)

    def choose_location(self, location: CrampLocation | None) -> None:
        """Start the steps for ``location`` (``None``: "not sure")."""
        self._open_controller()
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

    def show_notice(self, text: str) -> None:
        """Show a small line that must not interrupt anything (e.g. the diary failed)."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    # -- what the controller reports ------------------------------------------------------------

    def _on_step(self, event: StepStarted) -> None:
        self.step_page.card.show_step(event.step, standing=event.step.standing)
        self._show_page(self.step_page)

    def _on_urgent(self, message: str) -> None:
        self.urgent_banner.raise_warning(message, self._emergency_number())
        self._refit()

    @property
    def urgent_banner(self) -> UrgentBanner:
        """The red-outlined banner over every page once a cramp has lasted too long (built on first use)."""
        if self._banner is None:
            from cramp_coach.ui.cramp.urgent_banner import UrgentBanner

            banner = self._banner = UrgentBanner(self.protocol.urgent_message)
            banner.warnings_button.clicked.connect(self.show_warnings)
            banner.hide_button.clicked.connect(self._refit)
            self._layout.insertWidget(1, banner)  # under the top bar
            self._show_urgent_buttons()
            self._refit()
        return self._banner

    def _hide_urgent(self) -> None:
        if self._banner is not None:
            self._banner.hide()

    def _refit(self) -> None:
        # A hidden screen has no size of its own yet (or an old one): it is fitted when shown.
        if self.isVisible():
            self._fit(self.size())
        else:
            self._fit_when_shown = True

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
        self._keys.follow(on_step=self._showing("step"), on_gate=self._showing("gate"), on_warnings=on_warnings)
        self.warnings_button.setVisible(not on_warnings)
        self._show_urgent_buttons()
        focus = self._default_focus(page)
        # MainWindow.show_screen() focuses the screen: the proxy hands that to the button
        # a half-awake user most likely wants, so Enter does the expected thing.
        self.setFocusProxy(focus)
        if self.isVisible():
            focus.setFocus()
        self._set_heading()

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

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if self._fit_when_shown:
            self._fit_when_shown = False
            self._fit(self.size())
        super().showEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self._fit(event.size())
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        # Switching the app's stylesheet (e.g. to the CRAMP palette as this screen opens)
        # re-polishes every button, and the sheet's min-height replaces ours: put it back.
        # The children are re-polished in no set order, so refit once they all are.
        # A new text size changes what "compact" means, too.
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._refit_timer.start()
        super().changeEvent(event)

    def _big_buttons(self) -> list[QAbstractButton]:
        late = [] if self._pages is None else self._pages.big_buttons()
        return [*self.locations_page.big_buttons, *late]

    def fit_window(self, size: QSize, body_px: int) -> None:
        """Fit the pages to a window of ``size`` with body text of ``body_px`` before it is shown.

        The first frame then needs no second polish of the widgets whose text steps down
        in a small window (see :meth:`_set_compact`).
        """
        self._fit(size, body_px)

    def _fit(self, size: QSize, body_px: int | None = None) -> None:
        height = size.height()
        banner = self._banner is not None and self._banner.isVisibleTo(self)
        if body_px is None:
            # The first resize comes as the window is shown, before Qt polishes the screen:
            # the stylesheet's text size must be in place to decide what fits.
            self.ensurePolished()
            body_px = self.fontInfo().pixelSize()
        body = body_px
        self._set_compact(is_compact(size.width(), height, body_px=body, banner_shown=banner))
        minimum = big_button_height(height, compact=self._compact)
        for widget in self._big_buttons():
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            tighten(widget, self._compact)
            widget.setMinimumHeight(minimum)
        if self._banner is not None:
            self._banner.fit(height, compact=self._compact)
        # Bigger digits on a bigger screen (full screen), never crowding out the words.
        if self._pages is not None:
            self._pages.step.ring.setMaximumWidth(max(320, size.width() // 4))

    def _set_compact(self, compact: bool) -> None:
        """Step the largest text down one size in a small window, so nothing is clipped."""
        if compact == self._compact:
            return
        self._compact = compact
        self.locations_page.set_compact(compact)
        for page in () if self._pages is None else self._pages.all():
            page.set_compact(compact)
        self.top_bar.set_compact(compact)
        self._layout.setContentsMargins(*((16, 8, 16, 8) if compact else (24, 16, 24, 16)))
        self._layout.setSpacing(8 if compact else 12)
        self._set_heading()
        self._show_urgent_buttons()

    # -- keys ----------------------------------------------------------------------------------

    def _on_escape(self) -> None:
        if self._on_warnings():
            self.hide_warnings()
        else:
            self.leave()

    # -- leaving ----------------------------------------------------------------------------

    def _close_screen(self) -> None:
        self._abandon()
        self.closed.emit()

    def _abandon(self) -> None:
        """Record how far the episode got and stop its timer and voice (if one is open)."""
        self._open_controller()
        if self._controller is not None:
            self._controller.abandon()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        # The app may switch screens without going through leave() (another window, a
        # shortcut): the episode must still get its duration and the voice must stop.
        # A spontaneous hide is the window being minimised: the cramp goes on.
        if not event.spontaneous():
            self._abandon()
        super().hideEvent(event)
