"""Cramp now: the emergency screen for someone mid-cramp, at night, maybe with one hand free.

One thing at a time, huge and dark: where is it? → one first-aid step per screen →
(only when asked) "Can you stand safely?" → a closing card → an optional one-screen log.
The order, the words, the timers and the warning signs all come from the
:class:`~cramp_coach.domain.protocol.CrampProtocol`; the rules (seated first, the stand
gate, the 10-minute warning) live in the pure :class:`~cramp_coach.domain.cramp_flow.CrampFlow`.
This screen only renders its snapshots, turns its events into speech and sound, and
keeps the diary's episode row up to date.

Keys (all also reachable as focusable buttons with accessible names):

========  =======================================================================
Enter     the focused button; otherwise the page's main action (Next on a step)
→         Next (on a step)
R         Repeat the step (restarts its timer)
E         It's eased (on a step or the stand gate)
W         Warning signs (from every page but the log's note field)
Esc       close the warning signs; otherwise leave to Home
arrows    move between the big buttons of the location picker, the gate and the log
========  =======================================================================

Safety choices worth knowing before changing anything here:

- the warning signs are a page of the stack that the user opens and closes; the flow's
  timer keeps ticking underneath, so they never pause, block or reset a step;
- the stand gate's default focus is "Stay sitting or lying", and no key but a
  deliberate press of "I can stand safely" shows a standing step;
- a failing diary never stops the flow: the first StorageError shows a small notice and
  the rest of the episode is not written.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Protocol, TypeVar

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QHideEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QBoxLayout,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cramp_coach.domain.clock import Clock, WallClock
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
from cramp_coach.domain.diary import MAX_PAIN, Leg
from cramp_coach.domain.protocol import CrampLocation, CrampProtocol, ProtocolStep, RedFlagTier, Urgency
from cramp_coach.domain.wording import LEG_WORDS
from cramp_coach.storage.database import StorageError
from cramp_coach.ui.audio.sinks import CueSink, SpeechSink
from cramp_coach.ui.theme import CRAMP, qt_palette
from cramp_coach.ui.widgets.common import button, card, label, restyle
from cramp_coach.ui.widgets.countdown_ring import CountdownRing

log = logging.getLogger(__name__)

_T = TypeVar("_T")

#: How often the flow is advanced. 200 ms keeps the ring's seconds on time to the eye
#: while costing nothing; the flow's deadlines make a late tick harmless.
TICK_MS = 200

#: The share of the window's height every big button gets on a laptop-size window.
BIG_BUTTON_SHARE = 0.2
#: Below this window height the big buttons shrink to a smaller share, so every page
#: still fits (a small window is a deliberate choice, not someone in pain at night).
BIG_BUTTON_MIN_WINDOW = 600
SMALL_WINDOW_SHARE = 0.14
#: Below either of these (pixels), the largest text steps down one size (see _set_compact).
COMPACT_HEIGHT = 600
COMPACT_WIDTH = 860

#: How often the episode's duration is written while a long step runs (seconds).
DIARY_UPDATE_SECONDS = 30.0

# What the screen says in its own words: a prompt, never first-aid content (that, and the
# stand-gate question, come from the protocol file).
TIME_UP = "Time's up. Tap Next when you're ready."

TIER_KICKERS = {Urgency.EMERGENCY: "Emergency", Urgency.URGENT: "Today", Urgency.ROUTINE: "When you can"}


class EpisodeRecorder(Protocol):
    """The part of the diary this screen writes (see ``storage/diary_store.py``)."""

    def start_episode(self, started_at: datetime) -> int: ...

    def finish_episode(self, episode_id: int, *, duration_seconds: float, eased: bool | None) -> None: ...

    def log_episode(
        self,
        episode_id: int,
        *,
        leg: Leg | None,
        location: CrampLocation | None,
        pain: int | None,
        note: str = "",
        duration_seconds: float | None = None,
    ) -> None: ...


def timer_text(seconds: float, timer: float) -> str:
    """The ring's digits: plain seconds for short holds, ``m:ss`` for timers over a minute."""
    whole = max(0, math.ceil(seconds - 1e-9))
    if timer <= 60:
        return str(whole)
    return f"{whole // 60}:{whole % 60:02d}"


def _transparent(widget: QWidget) -> QWidget:
    # The app stylesheet gives every QWidget the page background; a label drawn on a
    # button (or a custom card) must let the button's own colour show through.
    widget.setStyleSheet("background: transparent;")
    widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return widget


def _scrolled(content: QWidget) -> QScrollArea:
    """``content`` in a frameless vertical scroll area.

    On a laptop or full screen the content simply fills the area; in a small window it
    scrolls instead of being squashed or clipped, while the page's main buttons stay
    outside the scroll, always in reach.
    """
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    return area


def _set_role(widget: QWidget, role: str) -> None:
    if widget.property("role") != role:
        widget.setProperty("role", role)
        restyle(widget)


class TextArea(QScrollArea):
    """A wrapped label that asks for all the height its text needs, and scrolls when it can't have it.

    The urgent message is long; in a big window it shows in full, in a small one it
    scrolls inside its banner instead of being cut off mid-sentence.
    """

    def __init__(self, text: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Let the card's colour show through (the app stylesheet paints every widget).
        self.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }")
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setWidget(text)
        self._text = text

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._text.heightForWidth(width)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = max(self.width(), 300)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(120, self._text.fontMetrics().lineSpacing() * 2)


class OutlinedCard(QFrame):
    """A card with a coloured outline: the emergency tier and the urgent banner stand out.

    The stylesheet has no role for an outlined card, so the outline is painted here, in
    a colour from the palette the owner passes (like :class:`CountdownRing`).
    """

    def __init__(self, outline: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self._outline = QColor(outline)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self._outline, 4)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(2, 2, -2, -2), 18, 18)
        painter.end()


class TwoLineButton(QPushButton):
    """A huge button with a big name and a smaller hint under it ("Calf / back of the lower leg").

    The stylesheet sizes a plain button's text for a desk, not a dark bedroom; the name
    here is a label with a large text role instead.
    """

    def __init__(
        self,
        name: str,
        hint: str,
        *,
        accessible: str,
        name_role: str = "title",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.name = label(name, name_role, wrap=True)
        self.hint = label(hint, "muted", wrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 10, 18, 10)
        layout.setSpacing(2)
        layout.addStretch(1)
        for part in (self.name, self.hint):
            part.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(_transparent(part))
        layout.addStretch(1)
        self._name_role = name_role
        self._has_hint = bool(hint)
        self.hint.setVisible(self._has_hint)

    def set_compact(self, compact: bool) -> None:
        """In a small window: a smaller name and no hint, so the words still fit the button."""
        smaller = {"title": "heading", "heading": ""}
        _set_role(self.name, smaller.get(self._name_role, self._name_role) if compact else self._name_role)
        self.hint.setVisible(self._has_hint and not compact)


class CrampScreen(QWidget):
    """The Cramp-now screen: location picker, steps, stand gate, warning signs, closing card, log.

    Call :meth:`open` each time the screen is shown: it resets to the location picker.
    While a flow is running, one parented QTimer advances it every :data:`TICK_MS`.

    Signals:
        closed(): the user left (Home, Esc, or Save/Skip on the log page). The episode
            has already been written as far as the diary allows.
    """

    closed = Signal()

    def __init__(
        self,
        protocol: CrampProtocol,
        cannot_stand: Callable[[], bool],
        clock: Clock,
        wall_clock: WallClock,
        *,
        diary: EpisodeRecorder | None,
        cues: CueSink | None,
        speech: SpeechSink | None,
        resolve_asset: Callable[[str], Path | None],
        keep_awake: Callable[[bool], None] = lambda _on: None,
        parent: QWidget | None = None,
    ) -> None:
        """Build every page; nothing is spoken, timed or written until a location is chosen.

        Args:
            protocol: the validated Cramp-now protocol (the app falls back to the built-in one).
            cannot_stand: reads the setting "I can't stand safely at night" when a location
                is chosen, so a change in the settings applies to the next cramp.
            clock: the monotonic clock the flow runs on.
            wall_clock: stamps the diary's episode start.
            diary: where episodes go; ``None`` when the diary could not be opened.
            cues: short sounds ("phase", "count", "finish"); ``None`` for silence.
            speech: spoken guidance; ``None`` for silence.
            resolve_asset: finds an illustration named in the protocol, or ``None``.
            keep_awake: called with True while the steps run and False after, so the
                display does not blank in the middle of a 5-minute step.
            parent: the owning widget.
        """
        super().__init__(parent)
        self.setObjectName("cramp")
        self._protocol = protocol
        self._cannot_stand = cannot_stand
        self._clock = clock
        self._wall = wall_clock
        self._diary = diary
        self._cues = cues
        self._speech = speech
        self._resolve_asset = resolve_asset
        self._keep_awake = keep_awake
        self.flow: CrampFlow | None = None
        self._picked: CrampLocation | None = None  # None: "not sure" (or nothing yet)
        self._episode_id: int | None = None
        self._diary_failed = False
        self._last_diary_write = 0.0
        self._prefilled_minutes = 0
        self._return_page: QWidget | None = None
        self._big_buttons: list[QAbstractButton] = []
        self._compact = False
        self._shown_illustration: dict[QSvgWidget, str | None] = {}

        self._timer = QTimer(self)
        self._timer.setObjectName("cramp-tick")
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick)
        self._refit_timer = QTimer(self)
        self._refit_timer.setObjectName("cramp-refit")
        self._refit_timer.setSingleShot(True)
        self._refit_timer.setInterval(0)
        self._refit_timer.timeout.connect(lambda: self._fit(self.size()))
        self._paint_dark()

        self._build_top_bar()
        self._build_urgent_banner()
        self.stack = QStackedWidget()
        self.locations_page = self._build_locations_page()
        self.stack.addWidget(self.locations_page)
        # The first question must be on screen fast (a cold --emergency start): the pages
        # needed only later are built just after, or at once if something needs them first.
        self.step_page: QWidget | None = None
        self.gate_page: QWidget | None = None
        self.closing_page: QWidget | None = None
        self.log_page: QWidget | None = None
        self.warnings_page: QWidget | None = None
        self._late_scheduled = False
        self.notice = label("", "notice")
        self.notice.setAccessibleName("Notice")
        self.notice.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        layout.addLayout(self._top_bar)
        layout.addWidget(self.urgent_banner)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.notice)

        self._build_shortcuts()
        self._show_page(self.locations_page)

    # -- construction ---------------------------------------------------------------------

    def _ensure_pages(self) -> None:
        """Build every page after the location picker (once)."""
        if self.warnings_page is not None:
            return
        self.step_page = self._build_step_page()
        self.gate_page = self._build_gate_page()
        self.closing_page = self._build_closing_page()
        self.log_page = self._build_log_page()
        self.warnings_page = self._build_warnings_page()
        for page in (self.step_page, self.gate_page, self.closing_page, self.log_page, self.warnings_page):
            self.stack.addWidget(page)
        for page in (self.step_page, self.gate_page, self.closing_page, self.log_page, self.warnings_page):
            # Polish first: the stylesheet's min-height would otherwise replace the big
            # buttons' fifth-of-the-window minimum when the page is first shown.
            page.ensurePolished()
            for child in page.findChildren(QWidget):
                child.ensurePolished()
        self._reset_log()
        if self._compact:
            self._compact = False
            self._set_compact(True)
        self._fit(self.size())
        # Settle the new pages' geometry now: one may be shown in this same call.
        for page in (self.step_page, self.gate_page, self.closing_page, self.log_page, self.warnings_page):
            page.setGeometry(self.stack.contentsRect())
            page.layout().activate()
        self._render()

    def _paint_dark(self) -> None:
        # Black from the very first frame even before the app switches its palette to
        # CRAMP (the stylesheet, once switched, paints the same colours).
        self.setAutoFillBackground(True)
        self.setPalette(qt_palette(self.palette(), CRAMP))

    def _big(self, widget: QAbstractButton) -> QAbstractButton:
        """Register a button that must stay at least a fifth of the window's height."""
        widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._big_buttons.append(widget)
        return widget

    def _build_top_bar(self) -> None:
        self.home_button = button("✕  Home", "quiet", accessible="Leave Cramp now and go to the home screen (Esc)")
        self.home_button.clicked.connect(self.leave)
        self.heading = label("", "title", wrap=True)
        self.heading.setAccessibleName("Where you are")
        # The heading wraps rather than widening the window past the app's 640 px minimum.
        self.heading.setMinimumWidth(1)
        self.warnings_button = button("⚠  Warning signs", accessible="Warning signs: when to get help (W)")
        self.warnings_button.clicked.connect(self.show_warnings)
        self._top_bar = QHBoxLayout()
        self._top_bar.setSpacing(16)
        self._top_bar.addWidget(self.home_button)
        self._top_bar.addWidget(self.heading, 1)
        self._top_bar.addWidget(self.warnings_button)

    def _build_urgent_banner(self) -> None:
        self.urgent_banner = OutlinedCard(CRAMP.danger)
        self.urgent_banner.setAccessibleName("Urgent warning")
        # One line in the danger colour; the message itself in the normal text colour, so
        # five lines of bright red do not glare in a dark room.
        kicker = label("⚠  Urgent", "warning", wrap=False)
        self.urgent_label = label(self._protocol.urgent_message)
        self.urgent_label.setAccessibleName("Urgent warning")
        message = QVBoxLayout()
        message.setSpacing(4)
        message.addWidget(kicker)
        message.addWidget(TextArea(self.urgent_label), 1)
        self.urgent_warnings_button = button("See warning signs", accessible="See the warning signs")
        self.urgent_warnings_button.clicked.connect(self.show_warnings)
        self.urgent_hide_button = button("Hide", "quiet", accessible="Hide this warning")
        self.urgent_hide_button.clicked.connect(self.urgent_banner.hide)
        banner = QHBoxLayout(self.urgent_banner)
        banner.setContentsMargins(22, 14, 22, 14)
        banner.setSpacing(16)
        banner.addLayout(message, 1)
        banner.addWidget(self.urgent_warnings_button)
        banner.addWidget(self.urgent_hide_button)
        self.urgent_banner.hide()

    def _build_locations_page(self) -> QWidget:
        page = QWidget()
        self.location_buttons: dict[CrampLocation | None, QPushButton] = {}
        self._location_group = QButtonGroup(self)
        self._location_group.setExclusive(False)
        grid = QGridLayout()
        grid.setSpacing(14)
        for position, plan in enumerate(self._protocol.locations):
            widget = TwoLineButton(plan.label, plan.hint, accessible=f"{plan.label}: {plan.hint}")
            self._add_location_button(plan.location, widget)
            grid.addWidget(widget, position // 2, position % 2)
        default = self._protocol.plan(self._protocol.default_location)
        not_sure_hint = f"start with the {default.label.lower()} steps"
        not_sure = TwoLineButton("Not sure", not_sure_hint, accessible=f"Not sure: {not_sure_hint}")
        self._add_location_button(None, not_sure)
        grid.addWidget(not_sure, (len(self._protocol.locations) + 1) // 2, 0, 1, 2)
        self.disclaimer = label(self._protocol.disclaimer, "notice")
        self.disclaimer.setAccessibleName("Disclaimer")
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        column.addLayout(grid, 1)
        column.addWidget(self.disclaimer)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_scrolled(content))
        return page

    def _add_location_button(self, location: CrampLocation | None, widget: QPushButton) -> None:
        self.location_buttons[location] = widget
        # A button group gives the arrow keys spatial navigation between the big buttons.
        self._location_group.addButton(widget)
        self._big(widget)
        widget.clicked.connect(lambda: self.choose_location(location))

    def _build_step_page(self) -> QWidget:
        page = QWidget()
        self.step_title = label("", "title")
        self.step_title.setAccessibleName("Step")
        # Standing steps say so beside the title: the one moment a fall is possible.
        self.standing_badge = label("Standing: keep holding on", "badge", wrap=False)
        self.standing_badge.hide()
        self.step_lines = label("", "big")
        self.step_lines.setAccessibleName("What to do")
        self.step_lines.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.step_illustration = self._illustration()
        self.ring = CountdownRing()
        self.ring.setMinimumSize(150, 150)
        self.ring.setMaximumWidth(320)
        # Its height is whatever the words leave (never less than the minimum): a 320 px
        # preferred height would make the page scroll under an urgent banner.
        self.ring.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.ring.set_colours(CRAMP.accent, CRAMP.border, CRAMP.text)
        self.repeat_button = self._big(
            TwoLineButton("↻  Repeat", "this step again", accessible="Repeat this step (R)", name_role="heading")
        )
        self.eased_button = self._big(
            TwoLineButton(
                "It's eased", "the cramp has gone", accessible="It's eased: the cramp has gone (E)", name_role="heading"
            )
        )
        self.next_button = self._big(button("Next  →", "primary", accessible="Next step (Enter)"))
        self.repeat_button.clicked.connect(self.repeat)
        self.eased_button.clicked.connect(self.eased)
        self.next_button.clicked.connect(self.next)

        # The words get the full width left of the ring, so the large print rarely wraps;
        # the drawing fills what is left under them.
        words = QVBoxLayout()
        words.setSpacing(12)
        words.addWidget(self.step_lines)
        words.addWidget(self.step_illustration, 1)
        middle = QHBoxLayout()
        middle.setSpacing(20)
        middle.addLayout(words, 1)
        middle.addWidget(self.ring)
        controls = QHBoxLayout()
        controls.setSpacing(14)
        controls.addWidget(self.repeat_button, 3)
        controls.addWidget(self.eased_button, 3)
        controls.addWidget(self.next_button, 4)
        title_row = QHBoxLayout()
        title_row.setSpacing(16)
        title_row.addWidget(self.step_title, 1)
        title_row.addWidget(self.standing_badge, 0, Qt.AlignmentFlag.AlignVCenter)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        column.addLayout(title_row)
        column.addLayout(middle, 1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(_scrolled(content), 1)
        layout.addLayout(controls)
        return page

    def _illustration(self) -> QSvgWidget:
        widget = QSvgWidget()
        # The drawing only takes the room the words leave: a clipped instruction is far
        # worse than a smaller picture.
        widget.setMinimumSize(0, 0)
        widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        widget.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        widget.setAccessibleName("Illustration of the step")
        widget.hide()
        self._shown_illustration[widget] = None
        return widget

    def _build_gate_page(self) -> QWidget:
        page = QWidget()
        gate = self._protocol.stand_gate
        self.gate_title = label(gate.title, "title")
        self.gate_lines = label("\n".join(gate.lines), "big")
        self.stay_button = self._big(
            button("Stay sitting or lying", "primary", accessible="Stay sitting or lying: skip the standing steps")
        )
        self.stand_button = self._big(
            TwoLineButton(
                "I can stand safely",
                "with something firm to hold",
                accessible="I can stand safely: show the standing steps",
                name_role="heading",
            )
        )
        self.stay_button.clicked.connect(lambda: self.stand_choice(False))
        self.stand_button.clicked.connect(lambda: self.stand_choice(True))
        self._gate_group = QButtonGroup(self)
        self._gate_group.setExclusive(False)
        for widget in (self.stay_button, self.stand_button):
            self._gate_group.addButton(widget)
        row = QHBoxLayout()
        row.setSpacing(14)
        row.addWidget(self.stay_button, 3)
        row.addWidget(self.stand_button, 2)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        column.addWidget(self.gate_title)
        column.addWidget(self.gate_lines)
        column.addStretch(1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(_scrolled(content), 1)
        layout.addLayout(row)
        return page

    def _build_closing_page(self) -> QWidget:
        page = QWidget()
        closing = self._protocol.closing
        self.closing_title = label(closing.title, "title")
        self.closing_lines = label("\n".join(closing.lines), "big")
        self.closing_lines.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.closing_illustration = self._illustration()
        self.closing_next_button = self._big(button("Next  →", "primary", accessible="Next: log this cramp (Enter)"))
        self.closing_next_button.clicked.connect(self.next)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        column.addWidget(self.closing_title)
        column.addWidget(self.closing_lines)
        column.addWidget(self.closing_illustration, 1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(_scrolled(content), 1)
        # Where Next sits on every step (bottom right), and not a full-width orange bar.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.closing_next_button, 2)
        layout.addLayout(row)
        return page

    def _choice_grid(self, group: QButtonGroup, choices: Iterable[tuple[object, str, str]]) -> QGridLayout:
        """A row of toggle buttons; the chosen one takes the primary role so it is plainly lit."""
        grid = QGridLayout()
        grid.setSpacing(10)
        group.setExclusive(True)
        for column, (value, text, accessible) in enumerate(choices):
            widget = button(text, accessible=accessible)
            widget.setCheckable(True)
            widget.setProperty("value", value)
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            group.addButton(widget)
            grid.addWidget(widget, 0, column)
        group.buttonToggled.connect(self._on_choice_toggled)
        return grid

    def _on_choice_toggled(self, widget: QAbstractButton, checked: bool) -> None:
        _set_role(widget, "primary" if checked else "")

    def _build_log_page(self) -> QWidget:
        page = QWidget()
        self.leg_group = QButtonGroup(self)
        self.where_group = QButtonGroup(self)
        self.pain_group = QButtonGroup(self)
        legs = self._choice_grid(self.leg_group, ((leg, LEG_WORDS[leg], f"{LEG_WORDS[leg]} leg") for leg in Leg))
        self._where_grid = self._choice_grid(
            self.where_group, ((plan.location, plan.label, plan.label) for plan in self._protocol.locations)
        )
        pains = self._choice_grid(
            self.pain_group, ((n, str(n), f"Pain {n} of {MAX_PAIN}") for n in range(MAX_PAIN + 1))
        )
        pains.setSpacing(6)
        self.leg_buttons = {widget.property("value"): widget for widget in self.leg_group.buttons()}
        self.where_buttons = {widget.property("value"): widget for widget in self.where_group.buttons()}
        self.pain_buttons = [widget for widget in self.pain_group.buttons()]
        for widget in self.pain_buttons:
            # Eleven buttons share the row: a slimmer padding, and they may narrow in a
            # small window rather than push the page sideways.
            widget.setMinimumWidth(1)
            widget.setStyleSheet("padding: 12px 4px;")
            restyle(widget)

        self.minutes = QSpinBox()
        self.minutes.setRange(0, 24 * 60)
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleName("How long, in minutes")
        self.minutes.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.minutes.setMinimumWidth(140)
        self.minutes.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
        self.less_button = button("−", accessible="One minute less")
        self.more_button = button("+", accessible="One minute more")
        self.less_button.clicked.connect(lambda: self.minutes.stepBy(-1))
        self.more_button.clicked.connect(lambda: self.minutes.stepBy(1))
        minutes_card = card()
        minutes_layout = QHBoxLayout(minutes_card)
        minutes_layout.setContentsMargins(6, 6, 6, 6)
        minutes_layout.addWidget(self.minutes)
        how_long = QHBoxLayout()
        how_long.setSpacing(10)
        how_long.addWidget(self.less_button)
        how_long.addWidget(minutes_card)
        how_long.addWidget(self.more_button)
        how_long.addStretch(1)

        self.note = QLineEdit()
        self.note.setPlaceholderText("A note, if you like")
        self.note.setAccessibleName("Note")
        note_card = card()
        note_layout = QHBoxLayout(note_card)
        note_layout.setContentsMargins(6, 6, 6, 6)
        note_layout.addWidget(self.note)
        note = QHBoxLayout()
        note.addWidget(note_card)

        self.save_button = button("Save", "primary", accessible="Save this cramp in the diary")
        self.skip_button = TwoLineButton(
            "Skip", "back to rest, nothing more saved", accessible="Skip: don't log the details", name_role="heading"
        )
        self.save_button.clicked.connect(self.save_log)
        self.skip_button.clicked.connect(self.skip_log)
        for widget in (self.save_button, self.skip_button):
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            widget.setMinimumHeight(90)

        fields = QWidget()
        fields_layout = QVBoxLayout(fields)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        fields_layout.setSpacing(14)
        fields_layout.addWidget(label("All optional: 0 means no pain, 10 the worst.", "muted"))
        # Each answer is a row: its name on the left on a laptop, above it in a small window.
        self._log_rows: list[QBoxLayout] = []
        self._log_names: list[QLabel] = []
        for text, content in (
            ("Which leg", legs),
            ("Where", self._where_grid),
            ("How bad", pains),
            ("How long", how_long),
            ("Note", note),
        ):
            name = label(text, "heading", wrap=False)
            row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
            row.setSpacing(20)
            row.addWidget(name, 0, Qt.AlignmentFlag.AlignVCenter)
            row.addLayout(content, 1)
            fields_layout.addLayout(row)
            self._log_rows.append(row)
            self._log_names.append(name)
        width = max(name.sizeHint().width() for name in self._log_names)
        for name in self._log_names:
            name.setMinimumWidth(width)
        fields_layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.setSpacing(14)
        buttons.addWidget(self.save_button, 3)
        buttons.addWidget(self.skip_button, 2)
        # In a short window the answers scroll; Save and Skip stay outside, always in reach.
        self.log_scroll = _scrolled(fields)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(self.log_scroll, 4)
        layout.addLayout(buttons, 1)
        return page

    def _set_log_compact(self, compact: bool) -> None:
        for row, name in zip(self._log_rows, self._log_names, strict=True):
            row.setDirection(QBoxLayout.Direction.TopToBottom if compact else QBoxLayout.Direction.LeftToRight)
            row.setAlignment(name, Qt.AlignmentFlag.AlignLeft if compact else Qt.AlignmentFlag.AlignVCenter)
            name.setMinimumWidth(0 if compact else max(n.sizeHint().width() for n in self._log_names))
        # Four places fit one row on a laptop; two by two in a narrow window.
        columns = 2 if compact else len(self.where_buttons)
        for index, widget in enumerate(self.where_buttons.values()):
            self._where_grid.addWidget(widget, index // columns, index % columns)

    def _build_warnings_page(self) -> QWidget:
        page = QWidget()
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(16)
        tiers = sorted(self._protocol.red_flags, key=lambda tier: list(Urgency).index(tier.urgency))
        self.tier_cards: list[QFrame] = [self._tier_card(tier) for tier in tiers]
        for tier_card in self.tier_cards:
            column.addWidget(tier_card)
        column.addStretch(1)
        self.warnings_scroll = QScrollArea()
        self.warnings_scroll.setWidgetResizable(True)
        self.warnings_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.warnings_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.warnings_scroll.setWidget(content)
        self.warnings_timer_line = label("", "muted")
        self.warnings_timer_line.setAccessibleName("Your step timer")
        self.warnings_back_button = button("←  Back to the steps", "primary", accessible="Back to the steps (Esc)")
        self.warnings_back_button.clicked.connect(self.hide_warnings)
        self.warnings_back_button.setMinimumHeight(90)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.warnings_scroll, 1)
        layout.addWidget(self.warnings_timer_line)
        layout.addWidget(self.warnings_back_button)
        return page

    def _tier_card(self, tier: RedFlagTier) -> QFrame:
        emergency = tier.urgency is Urgency.EMERGENCY
        # The emergency tier comes first and is the strongest: danger outline, the biggest
        # title and large signs; the later tiers are calmer cards.
        frame: QFrame = OutlinedCard(CRAMP.danger) if emergency else card()
        frame.setAccessibleName(tier.title)
        kicker = label(TIER_KICKERS[tier.urgency], "warning" if emergency else "muted", wrap=False)
        title = label(tier.title, "title" if emergency else "heading")
        signs = label("\n".join(f"•  {sign}" for sign in tier.signs), "big" if emergency else "")
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(26, 18, 26, 20)
        layout.setSpacing(8)
        for part in (kicker, title, signs):
            layout.addWidget(part)
        return frame

    def _build_shortcuts(self) -> None:
        def shortcut(key: Qt.Key | str, slot: Callable[[], None]) -> QShortcut:
            item = QShortcut(QKeySequence(key), self)
            # Only while the screen (or one of its children) has focus: the app's other
            # screens keep their own keys.
            item.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            item.activated.connect(slot)
            return item

        self._step_keys = [shortcut(Qt.Key.Key_Right, self.next), shortcut("R", self.repeat)]
        self._eased_key = shortcut("E", self.eased)
        self._warnings_key = shortcut("W", self.show_warnings)
        self._enter_keys = [shortcut(Qt.Key.Key_Return, self._on_enter), shortcut(Qt.Key.Key_Enter, self._on_enter)]
        self._escape_key = shortcut(Qt.Key.Key_Escape, self._on_escape)

    # -- public commands ------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        """True while a location was chosen and the flow has not been left."""
        return self.flow is not None and self.flow.stage is not FlowStage.DONE

    def attach_sound(self, cues: CueSink | None, speech: SpeechSink | None) -> None:
        """Add sound once it is ready: the app builds it after the first frame, so a cold
        ``--emergency`` start shows the first question without waiting for audio."""
        self._cues = cues
        self._speech = speech

    def attach_diary(self, diary: EpisodeRecorder | None) -> None:
        """Add the diary once it is open (after the first frame, like sound)."""
        self._diary = diary

    def open(self) -> None:
        """Show the location picker, ready for a new cramp (an unfinished one is recorded and ended)."""
        self._abandon()
        self.flow = None
        self._picked = None
        self._episode_id = None
        self._diary_failed = False
        self._return_page = None
        self.urgent_banner.hide()
        self.show_notice("")
        self._reset_log()
        self._show_page(self.locations_page)
        if self._speech is not None:
            self._speech.stop()
            # Render the first line of every location now, while the user decides.
            self._speech.prepare(
                [plan.steps[0].say for plan in self._protocol.locations if plan.steps]
                + [self._protocol.stand_gate.say, TIME_UP]
            )

    def choose_location(self, location: CrampLocation | None) -> None:
        """Start the steps for ``location`` (``None``: "not sure")."""
        if self.flow is not None:
            return
        self.flow = CrampFlow(self._protocol, cannot_stand_at_night=self._cannot_stand())
        self._picked = location
        now = self._clock.monotonic()
        # The episode is written first, so even a flow abandoned at once leaves its start.
        self._episode_id = self._record(lambda diary: diary.start_episode(self._wall.now()))
        self._last_diary_write = now
        if self._speech is not None:
            chosen = self._protocol.default_location if location is None else location
            steps = self._protocol.steps_for(chosen, can_stand=True)
            self._speech.prepare(
                [step.say for step in steps] + [self._protocol.closing.say, self._protocol.urgent_message]
            )
        self._run_timer(True)
        self._handle(self.flow.choose_location(location, now))

    def tick(self) -> None:
        """Advance the flow to the clock's now (the QTimer's slot; tests call it directly)."""
        if self.flow is None:
            return
        now = self._clock.monotonic()
        self._handle(self.flow.advance(now))
        if self.active and now - self._last_diary_write >= DIARY_UPDATE_SECONDS:
            self._finish_episode()

    def next(self) -> None:
        """Next step (from a step), or on to the log (from the closing card)."""
        if self.flow is None:
            return
        if self.flow.stage is FlowStage.CLOSING:
            self._handle(self.flow.next(self._clock.monotonic()))
            self._finish_episode()
            if self._can_log():
                self._show_log()
            else:
                self._close_screen()  # nothing could be saved: a log page would be a lie
            return
        self._command(CrampFlow.next)

    def repeat(self) -> None:
        """Restart the current step and its timer."""
        self._command(CrampFlow.repeat)

    def eased(self) -> None:
        """The cramp has eased: straight to the closing card."""
        self._command(CrampFlow.eased)

    def stand_choice(self, can_stand: bool) -> None:
        """Answer "Can you stand safely?"."""
        if self.flow is not None:
            self._handle(self.flow.stand_choice(can_stand, self._clock.monotonic()))

    def show_warnings(self) -> None:
        """Show the warning signs over the current page; the step timer keeps running."""
        self._ensure_pages()
        if self.stack.currentWidget() is self.warnings_page:
            return
        self._return_page = self.stack.currentWidget()
        self.warnings_back_button.setText("←  Back to the steps" if self.active else "←  Back")
        self.warnings_scroll.verticalScrollBar().setValue(0)
        self._show_page(self.warnings_page)
        self._render()

    def hide_warnings(self) -> None:
        """Back to the page the warning signs were opened from."""
        if self.stack.currentWidget() is not self.warnings_page:
            return
        self._show_page(self._return_page or self.locations_page)
        self._render()

    def save_log(self) -> None:
        """Write the log page's answers to the episode, then leave."""
        if self._can_log() and self._episode_id is not None:
            episode_id = self._episode_id
            leg = self.leg_group.checkedButton()
            where = self.where_group.checkedButton()
            pain = self.pain_group.checkedButton()
            minutes = self.minutes.value()
            # Unchanged, the measured seconds stay; the user's own figure wins when edited
            # (the cramp may have started well before the app was opened).
            duration = None if minutes == self._prefilled_minutes else minutes * 60.0

            def write(diary: EpisodeRecorder) -> bool:
                diary.log_episode(
                    episode_id,
                    leg=None if leg is None else leg.property("value"),
                    location=None if where is None else where.property("value"),
                    pain=None if pain is None else int(pain.property("value")),
                    note=self.note.text().strip(),
                    duration_seconds=duration,
                )
                return True

            saved = self._record(write)
            if saved is None:
                return  # stay, so the notice is seen; Skip still leaves in one tap
        self._close_screen()

    def skip_log(self) -> None:
        """Leave without the log's answers (the episode's start and duration are already written)."""
        self._close_screen()

    def leave(self) -> None:
        """Leave to Home from any page, recording how far the episode got."""
        self._abandon()
        self._close_screen()

    def show_notice(self, text: str) -> None:
        """Show a small line that must not interrupt anything (e.g. the diary failed)."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    # -- events -----------------------------------------------------------------------------

    def _command(self, action: Callable[[CrampFlow, float], list[FlowEvent]]) -> None:
        if self.flow is None or self.stack.currentWidget() is self.warnings_page:
            return
        self._handle(action(self.flow, self._clock.monotonic()))

    def _handle(self, events: list[FlowEvent]) -> None:
        self._ensure_pages()
        for event in events:
            if isinstance(event, StepStarted):
                self._show_step(event)
                self._cue("phase")
                self._say(event.step.say)
                self._finish_episode()
            elif isinstance(event, Countdown):
                self._cue("count")
            elif isinstance(event, TimerEnded):
                self._cue("finish")
                self._say(TIME_UP)
                self._finish_episode()
            elif isinstance(event, StandGateReached):
                self._show_page(self.gate_page)
                self._say(self._protocol.stand_gate.say)
                self._finish_episode()
            elif isinstance(event, UrgentWarning):
                self.urgent_label.setText(event.message)
                self.urgent_banner.show()
                self._cue("phase")
                self._say(event.message)
            elif isinstance(event, FlowClosed):
                if event.eased:
                    # The warning asked to tap It's eased if it was easing: it has done its job.
                    self.urgent_banner.hide()
                self._show_closing(event.step)
                self._say(event.step.say)
                self._finish_episode()
        self._render()

    def _show_step(self, event: StepStarted) -> None:
        step = event.step
        self.step_title.setText(step.title)
        self.step_lines.setText("\n".join(step.lines))
        self._show_illustration(self.step_illustration, step)
        self.standing_badge.setVisible(step.standing)
        self.ring.setVisible(step.timer_seconds is not None and step.timer_seconds > 0)
        self._show_page(self.step_page)

    def _can_log(self) -> bool:
        return self._diary is not None and self._episode_id is not None and not self._diary_failed

    def _show_closing(self, step: ProtocolStep) -> None:
        self._ensure_pages()
        can_log = self._can_log()
        self.closing_next_button.setText("Next: log it  →" if can_log else "Done")
        self.closing_next_button.setAccessibleName("Next: log this cramp (Enter)" if can_log else "Done (Enter)")
        self.closing_title.setText(step.title)
        self.closing_lines.setText("\n".join(step.lines))
        self._show_illustration(self.closing_illustration, step)
        self._show_page(self.closing_page)

    def _show_illustration(self, widget: QSvgWidget, step: ProtocolStep) -> None:
        path = self._resolve_asset(step.illustration) if step.illustration else None
        name = None if path is None else str(path)
        if name != self._shown_illustration[widget] and name is not None:
            widget.load(name)
            widget.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
            widget.setAccessibleDescription(step.title)
        self._shown_illustration[widget] = name
        widget.setVisible(name is not None)

    def _show_log(self) -> None:
        self._ensure_pages()
        self._run_timer(False)
        state = self.flow.snapshot(self._clock.monotonic()) if self.flow is not None else None
        elapsed = state.elapsed if state is not None else 0.0
        self._prefilled_minutes = max(1, round(elapsed / 60))
        self.minutes.setValue(self._prefilled_minutes)
        if self._picked is not None:
            self.where_buttons[self._picked].setChecked(True)
        # The steps are over; the warning was seen and heard, and the log needs the room.
        self.urgent_banner.hide()
        self._show_page(self.log_page)

    def _reset_log(self) -> None:
        if self.log_page is None:
            return
        for group in (self.leg_group, self.where_group, self.pain_group):
            # An exclusive group refuses to uncheck its last button, so release it first.
            group.setExclusive(False)
            for widget in group.buttons():
                widget.setChecked(False)
            group.setExclusive(True)
        self.note.clear()
        self.minutes.setValue(0)
        self._prefilled_minutes = 0

    # -- rendering --------------------------------------------------------------------------

    def _show_page(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        on_step = page is self.step_page
        for item in self._step_keys:
            item.setEnabled(on_step)
        self._eased_key.setEnabled(page in (self.step_page, self.gate_page))
        self._warnings_key.setEnabled(page is not self.warnings_page)
        self.warnings_button.setVisible(page is not self.warnings_page)
        self._show_urgent_buttons()
        focus = self._default_focus(page)
        # MainWindow.show_screen() focuses the screen: the proxy hands that to the button
        # a half-awake user most likely wants, so Enter does the expected thing.
        self.setFocusProxy(focus)
        if self.isVisible():
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self._set_heading()

    def _show_urgent_buttons(self) -> None:
        # In a small window the message needs the width more than a second "Warning signs"
        # button: the one in the top bar is still one tap away.
        page = self.stack.currentWidget()
        self.urgent_warnings_button.setVisible(page is not self.warnings_page and not self._compact)

    def _default_focus(self, page: QWidget | None) -> QWidget:
        if page is self.locations_page:
            return self.location_buttons[self._protocol.default_location]
        if page is self.step_page:
            return self.next_button
        if page is self.gate_page:
            return self.stay_button  # the safe answer is the easy one
        if page is self.closing_page:
            return self.closing_next_button
        if page is self.log_page:
            return self.save_button
        return self.warnings_back_button

    def _set_heading(self) -> None:
        page = self.stack.currentWidget()
        role = "title"
        text = ""
        if page is self.locations_page:
            text = "Where is the cramp?"
        elif page is self.warnings_page:
            text = "Warning signs"
        elif page is self.log_page:
            text = "Log this cramp?"
        elif page is self.step_page and self.flow is not None:
            state = self.flow.snapshot(self._clock.monotonic())
            if state.index is not None:
                text, role = f"Step {state.index + 1} of {state.count}", "muted"
        if role == "title" and self._compact:
            role = "heading"
        self.heading.setText(text)
        _set_role(self.heading, role)

    def _render(self) -> None:
        if self.warnings_page is None:  # nothing to show beyond the first pages yet
            return
        if self.flow is None:
            self.warnings_timer_line.setText("")
            return
        state = self.flow.snapshot(self._clock.monotonic())
        self._set_heading()
        timer_line = ""
        if state.step is not None and state.remaining is not None and state.step.timer_seconds:
            timer = state.step.timer_seconds
            if state.timer_ended:
                self.ring.set_colours(CRAMP.rest, CRAMP.border, CRAMP.text)
                self.ring.set_state(0.0, "0", "time's up")
                timer_line = f"Your step timer has finished ({state.step.title})."
            else:
                self.ring.set_colours(CRAMP.accent, CRAMP.border, CRAMP.text)
                caption = "seconds" if timer <= 60 else "left"
                self.ring.set_state(state.remaining / timer, timer_text(state.remaining, timer), caption)
                timer_line = f"Your step timer keeps running: {timer_text(state.remaining, max(timer, 61))} left."
        self.warnings_timer_line.setText(timer_line)
        self.warnings_timer_line.setVisible(bool(timer_line))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        # Once the first question is on screen, build the other pages in the next turn of
        # the event loop (a zero timer started any earlier would run before this paint).
        if not self._late_scheduled:
            self._late_scheduled = True
            QTimer.singleShot(0, self, self._ensure_pages)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self._fit(event.size())
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        # Switching the app's stylesheet (e.g. to the CRAMP palette as this screen opens)
        # re-polishes every button, and the sheet's min-height replaces ours: put it back.
        # The children are re-polished in no set order, so refit once they all are.
        if event.type() == QEvent.Type.StyleChange:
            self._refit_timer.start()
        super().changeEvent(event)

    def _fit(self, size: QSize) -> None:
        # Sized from the window, not the text: a fifth of the height on a laptop screen, so
        # a shaky hand in the dark cannot miss.
        height = size.height()
        share = BIG_BUTTON_SHARE if height >= BIG_BUTTON_MIN_WINDOW else SMALL_WINDOW_SHARE
        minimum = math.ceil(height * share) + 1
        for widget in self._big_buttons:
            widget.setMinimumHeight(minimum)
        # Bigger digits on a bigger screen (fullscreen), never crowding out the words.
        if self.warnings_page is not None:
            self.ring.setMaximumWidth(max(320, size.width() // 4))
        self._set_compact(height < COMPACT_HEIGHT or size.width() < COMPACT_WIDTH)

    def _set_compact(self, compact: bool) -> None:
        """Step the largest text down one size in a small window, so nothing is clipped."""
        if compact == self._compact:
            return
        self._compact = compact
        late = self.warnings_page is not None
        for widget in (*self._big_buttons, *([self.skip_button] if late else [])):
            if isinstance(widget, TwoLineButton):
                widget.set_compact(compact)
        if late:
            for title in (self.step_title, self.gate_title, self.closing_title):
                _set_role(title, "heading" if compact else "title")
            for lines in (self.step_lines, self.gate_lines, self.closing_lines):
                _set_role(lines, "" if compact else "big")
        self.home_button.setText("✕" if compact else "✕  Home")
        if late:
            self._set_log_compact(compact)
        self._set_heading()
        self._show_urgent_buttons()

    # -- keys ----------------------------------------------------------------------------------

    def _on_enter(self) -> None:
        focused = QApplication.focusWidget()
        if isinstance(focused, QAbstractButton) and self.isAncestorOf(focused) and focused.isVisible():
            target: QWidget = focused
        else:
            # Focus is in the note or the minutes field, or nowhere: the page's main action.
            target = self._default_focus(self.stack.currentWidget())
        if isinstance(target, QAbstractButton):
            target.click()

    def _on_escape(self) -> None:
        if self.stack.currentWidget() is self.warnings_page:
            self.hide_warnings()
        else:
            self.leave()

    # -- leaving ----------------------------------------------------------------------------

    def _abandon(self) -> None:
        """Stop everything of a flow the user walked away from, recording its duration."""
        self._run_timer(False)
        if self.flow is not None and self.flow.stage is not FlowStage.DONE:
            self.flow.leave(self._clock.monotonic())
            self._finish_episode()
        if self._speech is not None:
            self._speech.stop()

    def _run_timer(self, on: bool) -> None:
        if on == self._timer.isActive():
            return
        if on:
            self._timer.start()
        else:
            self._timer.stop()
        self._keep_awake(on)

    def _close_screen(self) -> None:
        self._run_timer(False)
        if self._speech is not None:
            self._speech.stop()
        self.closed.emit()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        # The app may switch screens without going through leave() (another window, a
        # shortcut): the episode must still get its duration and the voice must stop.
        # A spontaneous hide is the window being minimised: the cramp goes on.
        if not event.spontaneous():
            self._abandon()
        super().hideEvent(event)

    # -- diary, sound ----------------------------------------------------------------------------

    def _finish_episode(self) -> None:
        if self.flow is None or self._episode_id is None:
            return
        episode_id = self._episode_id
        state = self.flow.snapshot(self._clock.monotonic())
        self._last_diary_write = self._clock.monotonic()
        # eased stays unknown (None) rather than False until the user says so.
        eased = True if state.eased else None
        self._record(lambda diary: diary.finish_episode(episode_id, duration_seconds=state.elapsed, eased=eased))

    def _record(self, write: Callable[[EpisodeRecorder], _T]) -> _T | None:
        """Write to the diary; a StorageError is shown once and never stops the flow."""
        if self._diary is None or self._diary_failed:
            return None
        try:
            return write(self._diary)
        except StorageError as error:
            log.warning("diary write failed: %s", error)
            self._diary_failed = True
            self.show_notice(f"This cramp could not be saved in the diary. {error}")
            return None

    def _cue(self, name: str) -> None:
        if self._cues is not None:
            self._cues.play(name)

    def _say(self, text: str) -> None:
        if self._speech is not None and text:
            self._speech.say(text)
