"""Which palette the app wears, and when it changes.

The choice follows the settings (night, day or auto) and, for auto, the local hour read
from the injected wall clock, so tests can stand at 3 a.m. without patching time.
Cramp now keeps its own darkest palette (see ``cramp_stylesheet``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from cramp_coach.domain.clock import WallClock
from cramp_coach.ui import first_frame, theme
from cramp_coach.ui.settings import AppSettings

#: How often "auto" looks at the clock again (the switch at 7 p.m./7 a.m. may lag this much).
AUTO_RECHECK_MS = 5 * 60 * 1000


class ThemeController(QObject):
    """Applies the palette app-wide and tells the screens that paint their own colours.

    Signals:
        changed(object): the palette (a :class:`theme.Palette`) or text size changed.
    """

    changed = Signal(object)

    def __init__(
        self,
        qt_app: QApplication,
        settings: AppSettings,
        wall_clock: WallClock,
        style_template: Path,
        *,
        emergency: bool = False,
    ) -> None:
        super().__init__(qt_app)
        self._app = qt_app
        self._settings = settings
        self._clock = wall_clock
        self._template = style_template
        # A cold --emergency start styles everything in the Cramp-now palette at once,
        # rather than the usual theme plus a second, screen-level sheet for Cramp now.
        self._emergency = emergency
        self._palette = theme.CRAMP if emergency else self.chosen()
        self._timer: QTimer | None = None
        settings.changed.connect(self._on_setting)

    @property
    def palette(self) -> theme.Palette:
        return self._palette

    @property
    def emergency(self) -> bool:
        """True while the whole app wears the Cramp-now palette (a cold ``--emergency`` start)."""
        return self._emergency

    def chosen(self) -> theme.Palette:
        """The palette the settings ask for at this moment (local time)."""
        return theme.palette_for(self._settings.theme, self._clock.local_hour())

    @property
    def body_px(self) -> int:
        """The body text's size in pixels at the text size the settings ask for."""
        return theme.body_px(self._settings.text_scale)

    def apply(self) -> None:
        theme.apply(self._app, self._template, self._palette, self._settings.text_scale)

    def apply_first_frame(self) -> None:
        """Style the app for its first frame now, and wholly once that frame is painted."""
        theme.apply(self._app, self._template, self._palette, self._settings.text_scale, first_frame=True)
        first_frame.later(self.apply)

    def stylesheet(self, palette: theme.Palette) -> str:
        return theme.stylesheet(self._template, palette, self._settings.text_scale)

    def cramp_stylesheet(self) -> str:
        """Cramp now's own sheet; empty while the whole app already wears that palette."""
        return "" if self._emergency else self.stylesheet(theme.CRAMP)

    def leave_emergency(self) -> None:
        """After a cold ``--emergency`` start: back to the usual theme."""
        if self._emergency:
            self._emergency = False
            self._refresh(force=True)

    def follow_clock(self) -> None:
        """Look at the clock now and then so "auto" turns to night at dusk (call after first paint)."""
        if self._timer is None:
            self._timer = QTimer(self)
            self._timer.setInterval(AUTO_RECHECK_MS)
            self._timer.timeout.connect(self._refresh)
            self._timer.start()

    def _on_setting(self, key: str) -> None:
        if key.startswith("display/"):
            self._refresh(force=True)

    def _refresh(self, *, force: bool = False) -> None:
        if self._emergency:
            return
        palette = self.chosen()
        if force or palette is not self._palette:
            self._palette = palette
            self.apply()
            self.changed.emit(palette)
