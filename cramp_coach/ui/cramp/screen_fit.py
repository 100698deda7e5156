"""Fitting Cramp now's parts to the window: compact or roomy, and how big the big buttons are.

The arithmetic is in :mod:`cramp_coach.ui.fitting`; this applies it to the screen's
parts on every resize (and when the urgent banner comes or goes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout

from cramp_coach.ui.cramp.locations_page import LocationsPage
from cramp_coach.ui.cramp.top_bar import TopBar
from cramp_coach.ui.cramp.widgets import tighten
from cramp_coach.ui.fitting import big_button_height, is_compact, is_roomy

if TYPE_CHECKING:
    from cramp_coach.ui.cramp.pages import LatePages
    from cramp_coach.ui.cramp.urgent_banner import UrgentBanner


class ScreenParts(NamedTuple):
    """What the fit changes (the late pages and the banner only once they exist)."""

    layout: QVBoxLayout
    top_bar: TopBar
    locations: LocationsPage
    pages: LatePages | None
    banner: UrgentBanner | None


def fit(parts: ScreenParts, size: QSize, body_px: int, *, compact_now: bool, banner_shown: bool) -> bool:
    """Fit ``parts`` to a screen of ``size`` with body text of ``body_px``; returns whether it is compact."""
    height = size.height()
    compact = is_compact(size.width(), height, body_px=body_px, banner_shown=banner_shown)
    if compact != compact_now:
        set_compact(parts, compact)
    minimum = big_button_height(height, compact=compact)
    late = [] if parts.pages is None else parts.pages.big_buttons()
    for widget in [*parts.locations.big_buttons, *late]:
        widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        tighten(widget, compact)
        widget.setMinimumHeight(minimum)
    parts.locations.fit_disclaimer(compact)
    if parts.banner is not None:
        parts.banner.fit(height, compact=compact)
    # Bigger digits on a bigger screen (full screen), never crowding out the words; and
    # bigger words too, when the screen is big for the text size (a monitor at Normal).
    if parts.pages is not None:
        parts.pages.step.ring.setMaximumWidth(max(320, size.width() // 4))
        roomy = is_roomy(size.width(), height, body_px=body_px)
        for card in (parts.pages.step.card, parts.pages.closing.card):
            card.set_roomy(roomy)
        parts.pages.gate.set_roomy(roomy)
    return compact


def set_compact(parts: ScreenParts, compact: bool) -> None:
    """Step the largest text down one size in a small window, so nothing is clipped."""
    parts.locations.set_compact(compact)
    for page in () if parts.pages is None else parts.pages.all():
        page.set_compact(compact)
    parts.top_bar.set_compact(compact)
    parts.layout.setContentsMargins(*((16, 8, 16, 8) if compact else (24, 16, 24, 16)))
    parts.layout.setSpacing(8 if compact else 12)
