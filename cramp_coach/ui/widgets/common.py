"""Small helpers shared by the screens: labelled widgets with a style role."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QWidget

from cramp_coach.ui import first_frame


def label(text: str, role: str = "", *, wrap: bool = True, parent: QWidget | None = None) -> QLabel:
    widget = QLabel(text, parent)
    if role:
        widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    # A title from a routine file is shown as it is, never read as HTML.
    set_enum(widget, "textFormat", "PlainText")
    return widget


def button(text: str, role: str = "", *, accessible: str | None = None, parent: QWidget | None = None) -> QPushButton:
    # Not QPushButton(text, parent): choosing between that and the (icon, text) overload
    # makes PySide6 build the QIcon class, ~10 M instructions of a first frame that has no icon.
    widget = QPushButton(parent)
    widget.setText(text)
    if role:
        widget.setProperty("role", role)
    widget.setAccessibleName(accessible or text.replace("&", ""))
    first_frame.later(lambda: pointing_hand(widget))
    return widget


def card(parent: QWidget | None = None) -> QFrame:
    frame = QFrame(parent)
    frame.setProperty("role", "card")
    return frame


def set_role(widget: QWidget, role: str) -> None:
    """Give ``widget`` a stylesheet role (restyling only when it changes)."""
    if widget.property("role") != role:
        widget.setProperty("role", role)
        restyle(widget)


def restyle(widget: QWidget) -> None:
    """Re-apply the stylesheet after a dynamic property (e.g. ``phase``) changed."""
    if first_frame.before_show():
        # Nothing is polished yet: the new property applies when the window is shown. (And
        # QStyle.polish() would touch the Qt namespace before the first frame: first_frame.py.)
        return
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


# The Qt namespace is imported inside these, never at module level: see ui/first_frame.py.


def set_enum(widget: QWidget, name: str, key: str) -> None:
    """Set the enum property ``name`` to the value called ``key`` (e.g. "AlignCenter").

    For the widgets of the first frame: Qt converts the name itself, so the ``Qt``
    namespace (ui/first_frame.py) is never touched. Unknown names are a programming error.
    """
    if not widget.setProperty(name, key):
        raise ValueError(f"{type(widget).__name__} has no enum property {name} with a value {key}")


def pointing_hand(widget: QWidget) -> None:
    from PySide6.QtCore import Qt

    widget.setCursor(Qt.CursorShape.PointingHandCursor)
