"""The main window: a stack of screens and the shortcuts that work from all of them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

CRAMP_NOW_KEYS = ("Ctrl+E",)


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
        self.setMinimumSize(640, 480)
        self.resize(1100, 780)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self._painted = False
        #: Asked when the window is closed: True keeps the app running in the tray.
        self.hide_on_close: Callable[[], bool] = lambda: False
        self._armed = True
        for keys in CRAMP_NOW_KEYS:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
            shortcut.activated.connect(self.cramp_now_requested)
        fullscreen = QShortcut(QKeySequence(Qt.Key.Key_F11), self)
        fullscreen.setContext(Qt.ShortcutContext.ApplicationShortcut)
        fullscreen.activated.connect(self.toggle_fullscreen)
        self.stack.installEventFilter(self)

    def add_screen(self, screen: QWidget) -> None:
        self.stack.addWidget(screen)
        screen.installEventFilter(self)

    def show_screen(self, screen: QWidget) -> None:
        self._armed = True
        self.stack.setCurrentWidget(screen)
        screen.setFocus(Qt.FocusReason.OtherFocusReason)

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
        self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if self._armed and event.type() == QEvent.Type.Paint and watched is self.stack.currentWidget():
            self._armed = False
            self.screen_painted.emit(watched.objectName())
            if not self._painted:
                self._painted = True
                self.first_paint.emit()
        return super().eventFilter(watched, event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.hide_on_close():
            # The bedtime reminder lives in the tray: closing the window only hides it.
            event.ignore()
            self.hide()
            return
        self.closing.emit()
        super().closeEvent(event)
