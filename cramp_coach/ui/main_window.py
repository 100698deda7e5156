"""The main window: a stack of screens and the shortcuts that work from all of them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QRect, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QPaintEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from cramp_coach.ui import first_frame, window_geometry
from cramp_coach.ui.window_geometry import Rect

if TYPE_CHECKING:
    from PySide6.QtGui import QShortcut

CRAMP_NOW_KEYS = ("Ctrl+E",)


class GeometryStore(Protocol):
    """Where the window remembers its place (AppSettings: the settings file in the data folder)."""

    window_geometry: str
    window_fullscreen: bool
    window_maximized: bool


def system_screens() -> tuple[list[Rect], Rect]:
    """The available geometry (without panels and docks) of every screen, and of the primary one."""

    def rect(r: QRect) -> Rect:
        return (r.x(), r.y(), r.width(), r.height())

    primary = QGuiApplication.primaryScreen()
    screens = [rect(screen.availableGeometry()) for screen in QGuiApplication.screens()]
    main = rect(primary.availableGeometry()) if primary is not None else (0, 0, 1024, 600)
    return screens or [main], main


def _application_wide(shortcut: QShortcut) -> None:
    from PySide6.QtCore import Qt

    shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)


class MainWindow(QMainWindow):
    """Holds the screens; ``app.py`` adds them and wires their signals.

    Signals:
        cramp_now_requested(): Ctrl+E from any screen (the app pauses a routine first).
        closing(): the window is about to close (stop a routine so the diary is right).
        first_paint(): the first frame was painted (start-up benchmarks hook onto this).
        screen_painted(str): a screen was painted for the first time since it was shown;
            carries its object name (benchmarks measure hand-over time with it).
    """

    cramp_now_requested = Signal()
    closing = Signal()
    first_paint = Signal()
    screen_painted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Cramp Coach")
        self.setMinimumSize(*window_geometry.MINIMUM_SIZE)
        self.resize(*window_geometry.DEFAULT_SIZE)
        #: Asked for the screens' available geometries (tests give fake screens).
        self.screens: Callable[[], tuple[list[Rect], Rect]] = system_screens
        self._store: GeometryStore | None = None
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self._painted = False
        #: Asked when the window is closed: True keeps the app running in the tray.
        self.hide_on_close: Callable[[], bool] = lambda: False
        self._armed = True
        # No key can reach a window before it is on screen: the shortcuts (and their Qt
        # classes) wait for the first frame while the app starts (ui/first_frame.py).
        first_frame.later(self._add_shortcuts)

    def _add_shortcuts(self) -> None:
        from PySide6.QtGui import QKeySequence, QShortcut

        for keys in CRAMP_NOW_KEYS:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self.cramp_now_requested)
            # From every window of the app, dialogs too.
            _application_wide(shortcut)
        # Every screen of this window (not its dialogs, which are windows of their own): the default scope.
        fullscreen = QShortcut(QKeySequence("F11"), self)
        fullscreen.activated.connect(self.toggle_fullscreen)

    def add_screen(self, screen: Screen) -> None:
        self.stack.addWidget(screen)

    def show_screen(self, screen: QWidget) -> None:
        self._armed = True
        self.stack.setCurrentWidget(screen)
        screen.setFocus()

    @property
    def current(self) -> QWidget | None:
        return self.stack.currentWidget()

    def bring_to_front(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def toggle_fullscreen(self) -> None:
        from PySide6.QtCore import Qt  # not at module level: see ui/first_frame.py

        self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)
        self.remember_geometry()

    def restore_geometry(self, store: GeometryStore) -> None:
        """Open where the window was last time, repaired to fit today's screens; remember it from now on."""
        self._store = store
        screens, primary = self.screens()
        rect = window_geometry.fit(window_geometry.parse(store.window_geometry), screens, primary)
        self.setMinimumSize(*window_geometry.minimum_for(window_geometry.screen_of(rect, screens, primary)))
        self.setGeometry(QRect(*rect))
        if not (store.window_fullscreen or store.window_maximized):
            return  # the usual case: no window state to set, and no Qt namespace before the first frame
        from PySide6.QtCore import Qt

        state = self.windowState() & ~(Qt.WindowState.WindowFullScreen | Qt.WindowState.WindowMaximized)
        if store.window_fullscreen:
            state |= Qt.WindowState.WindowFullScreen
        elif store.window_maximized:
            state |= Qt.WindowState.WindowMaximized
        self.setWindowState(state)

    def remember_geometry(self) -> None:
        if self._store is None:
            return
        normal = self.normalGeometry() if self.isVisible() else self.geometry()
        if normal.width() > 0 and normal.height() > 0:
            self._store.window_geometry = window_geometry.format_rect(
                (normal.x(), normal.y(), normal.width(), normal.height())
            )
        self._store.window_fullscreen = self.isFullScreen()
        self._store.window_maximized = self.isMaximized() and not self.isFullScreen()

    def report_paint(self, screen: QWidget) -> None:
        """``screen`` has just painted itself (from :meth:`Screen.paintEvent`)."""
        if self._armed and screen is self.stack.currentWidget():
            self._armed = False
            self.screen_painted.emit(screen.objectName())
            if not self._painted:
                self._painted = True
                self.first_paint.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.remember_geometry()
        if self.hide_on_close():
            # The bedtime reminder lives in the tray: closing the window only hides it.
            event.ignore()
            self.hide()
            return
        self.closing.emit()
        super().closeEvent(event)


class Screen(QWidget):
    """A whole screen of the main window; it tells the window when it has painted.

    The window learns of a screen's paint from the screen's own ``paintEvent``, not from an
    event filter: a Python event filter (or ``event()``/``changeEvent()`` override) is handed
    every event as a plain ``QEvent``, and the first such event makes PySide6 build the
    Python class of every QEvent subclass it might be: about 50 classes, some 8 million
    instructions, spent before the first frame.
    """

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        window = self.window()
        if isinstance(window, MainWindow):
            window.report_paint(self)
