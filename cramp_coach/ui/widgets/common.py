"""Small helpers shared by the screens: labelled widgets with a style role."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QWidget

from cramp_coach.ui import first_frame


def label(text: str, role: str = "", *, wrap: bool = True, parent: QWidget | None = None) -> QLabel:
    widget = QLabel(text, parent)
    if role:
        widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    first_frame.later(lambda: plain_text(widget))
    return widget


def button(text: str, role: str = "", *, accessible: str | None = None, parent: QWidget | None = None) -> QPushButton:
    widget = QPushButton(text, parent)
    if role:
        widget.setProperty("role", role)
    widget.setAccessibleName(accessible or text.replace("&", ""))
    first_frame.later(lambda: pointing_hand(widget))
    return widget


def card(parent: QWidget | None = None) -> QFrame:
    frame = QFrame(parent)
    frame.setProperty("role", "card")
    return frame


def restyle(widget: QWidget) -> None:
    """Re-apply the stylesheet after a dynamic property (e.g. ``phase``) changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


# The Qt namespace is imported inside these, never at module level: see ui/first_frame.py.


def plain_text(widget: QLabel) -> None:
    """Show the text as it is: a title from a routine file is never read as HTML."""
    from PySide6.QtCore import Qt

    widget.setTextFormat(Qt.TextFormat.PlainText)


def pointing_hand(widget: QWidget) -> None:
    from PySide6.QtCore import Qt

    widget.setCursor(Qt.CursorShape.PointingHandCursor)
