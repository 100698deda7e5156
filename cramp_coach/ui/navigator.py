"""Which screen is showing, and building each one the first time it is asked for.

Screens are registered by name with a factory; a screen that is never opened is never
built (the editor brings printing and SVG; the diary brings its chart). Only
``app.py`` registers screens and decides where each signal leads.
"""

from __future__ import annotations

from collections.abc import Callable

from cramp_coach.ui.main_window import MainWindow, Screen


class Navigator:
    """Switches the main window between named screens, building them on first use."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self._factories: dict[str, Callable[[], Screen]] = {}
        self._built: dict[str, Screen] = {}

    def register(self, name: str, build: Callable[[], Screen]) -> None:
        self._factories[name] = build

    def add(self, name: str, screen: Screen) -> Screen:
        """Register an already built screen; its object name becomes ``name`` (start-up traces print it)."""
        screen.setObjectName(name)
        self._built[name] = screen
        self._window.add_screen(screen)
        return screen

    def screen(self, name: str) -> Screen:
        """The screen called ``name``, built now if it was not yet."""
        built = self._built.get(name)
        if built is None:
            built = self.add(name, self._factories[name]())
        return built

    def built(self, name: str) -> Screen | None:
        """The screen if it exists already; never builds it."""
        return self._built.get(name)

    def show(self, name: str) -> Screen:
        screen = self.screen(name)
        self._window.show_screen(screen)
        return screen

    def is_showing(self, name: str) -> bool:
        return self._built.get(name) is not None and self._window.current is self._built[name]
