"""Cramp now's keys; each one is also a focusable button with an accessible name.

========  =======================================================================
Enter     the focused button; otherwise the page's main action (Next on a step)
→         Next (on a step)
R         Repeat the step (restarts its timer)
E         It's eased (on a step or the stand gate)
W         Warning signs (from every page but the warning signs)
Esc       close the warning signs; otherwise leave to Home
arrows    move between the big buttons of the location picker and the gate
========  =======================================================================
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from cramp_coach.ui import first_frame


def _within(shortcut: QShortcut) -> None:
    """Only while the screen (or one of its children) has focus: other screens keep their keys."""
    from PySide6.QtCore import Qt  # after the first frame: see ui/first_frame.py

    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)


class CrampKeys:
    """The shortcuts of one screen, enabled page by page (a stray R at the gate does nothing)."""

    def __init__(
        self,
        screen: QWidget,
        *,
        next_step: Callable[[], None],
        repeat: Callable[[], None],
        eased: Callable[[], None],
        warnings: Callable[[], None],
        main_action: Callable[[], QWidget],
        escape: Callable[[], None],
    ) -> None:
        """``main_action`` gives the page's main button, which Enter presses when no button has focus."""
        self._screen = screen
        self._main_action = main_action
        enter = self._on_enter

        def shortcut(key: str, slot: Callable[[], None]) -> QShortcut:
            # Keys by name: Cramp now can be the first frame (ui/first_frame.py).
            item = QShortcut(QKeySequence(key), screen)
            first_frame.later(lambda: _within(item))
            item.activated.connect(slot)
            return item

        self._step = [shortcut("Right", next_step), shortcut("R", repeat)]
        self._eased = shortcut("E", eased)
        self._warnings = shortcut("W", warnings)
        self._always = [
            shortcut("Return", enter),
            shortcut("Enter", enter),
            shortcut("Escape", escape),
        ]

    def _on_enter(self) -> None:
        focused = QApplication.focusWidget()
        if isinstance(focused, QAbstractButton) and self._screen.isAncestorOf(focused) and focused.isVisible():
            target: QWidget = focused
        else:
            # Focus is in the note field, or nowhere: the page's main action.
            target = self._main_action()
        if isinstance(target, QAbstractButton):
            target.click()

    def follow(self, *, on_step: bool, on_gate: bool, on_warnings: bool) -> None:
        """Enable the keys that make sense on the page now showing."""
        for item in self._step:
            item.setEnabled(on_step)
        self._eased.setEnabled(on_step or on_gate)
        self._warnings.setEnabled(not on_warnings)
