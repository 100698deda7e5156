"""Cramp now's frame: one dark background, the top bar, the urgent banner, the pages, a notice.

The frame fits all of it to the window (``screen_fit.py``): compact or roomy, the big
buttons' height, the banner's share. It knows nothing of the flow; the screen
(``ui/screens/cramp_screen.py``) puts the pages in its stack and runs the cramp.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from cramp_coach.ui import first_frame
from cramp_coach.ui.cramp import screen_fit
from cramp_coach.ui.cramp.screen_fit import ScreenParts
from cramp_coach.ui.cramp.top_bar import TopBar
from cramp_coach.ui.main_window import Screen
from cramp_coach.ui.theme import CRAMP, qt_palette
from cramp_coach.ui.widgets.common import label

if TYPE_CHECKING:
    from cramp_coach.ui.cramp.locations_page import LocationsPage
    from cramp_coach.ui.cramp.pages import LatePages
    from cramp_coach.ui.cramp.urgent_banner import UrgentBanner


class CrampFrame(Screen):
    """The parts around the pages; a subclass sets ``locations_page`` and the late ``_pages``."""

    locations_page: LocationsPage

    def __init__(self, urgent_message: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._urgent_message = urgent_message
        self._compact = False
        self._fit_when_shown = False
        self._pages: LatePages | None = None
        self._banner: UrgentBanner | None = None  # built when first needed (it is rarely)
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
        self.stack = QStackedWidget()
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

    def show_notice(self, text: str) -> None:
        """Show a small line that must not interrupt anything (e.g. the diary failed)."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    # -- the urgent banner --------------------------------------------------------------------

    @property
    def urgent_banner(self) -> UrgentBanner:
        """The red-outlined banner over every page once a cramp has lasted too long (built on first use)."""
        if self._banner is None:
            from cramp_coach.ui.cramp.urgent_banner import UrgentBanner

            banner = self._banner = UrgentBanner(self._urgent_message())
            banner.hide_button.clicked.connect(self._refit)
            self._layout.insertWidget(1, banner)  # under the top bar
            self._banner_built(banner)
            self._refit()
        return self._banner

    def _banner_built(self, banner: UrgentBanner) -> None:
        """Wire a new banner's buttons (the screen knows where they lead)."""

    def _hide_urgent(self) -> None:
        if self._banner is not None:
            self._banner.hide()

    # -- fitting --------------------------------------------------------------------------------

    def fit_window(self, size: QSize, body_px: int) -> None:
        """Fit the pages to a window of ``size`` with body text of ``body_px`` before it is shown.

        The first frame then needs no second polish of the widgets whose text steps down
        in a small window (``ui/cramp/screen_fit.py``).
        """
        self._fit(size, body_px)

    def _refit(self) -> None:
        # A hidden screen has no size of its own yet (or an old one): it is fitted when shown.
        if self.isVisible():
            self._fit(self.size())
        else:
            self._fit_when_shown = True

    def _fit(self, size: QSize, body_px: int | None = None) -> None:
        if body_px is None:
            # The first resize comes as the window is shown, before Qt polishes the screen:
            # the stylesheet's text size must be in place to decide what fits.
            self.ensurePolished()
            body_px = self.fontInfo().pixelSize()
        parts = ScreenParts(self._layout, self.top_bar, self.locations_page, self._pages, self._banner)
        banner_shown = self._banner is not None and self._banner.isVisibleTo(self)
        was = self._compact
        self._compact = screen_fit.fit(parts, size, body_px, compact_now=was, banner_shown=banner_shown)
        if self._compact != was:
            self._compact_changed()

    def _compact_changed(self) -> None:
        """The text stepped up or down a size (the screen updates its heading)."""

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
