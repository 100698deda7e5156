"""Palettes and the stylesheet: night (default after dark), day, and the cramp theme.

All colours live here and in ``assets/style/app.qss``; widgets only set a ``role``
property. The night palette keeps blue light and contrast glare low while staying
readable (warm off-white on near-black); the cramp palette is darker still.

Contrast: at night (night and cramp palettes) every text colour, muted included, is at
least 7:1 against the page and card backgrounds (WCAG 2 level AAA), because the people
reading are often older, half-awake, in a dim room; the day palette is at least 4.5:1
(AA). tests/gui/test_contrast.py checks every text rule of the stylesheet.
"""

from __future__ import annotations

import gc
from pathlib import Path
from string import Template
from typing import NamedTuple

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication


class Palette(NamedTuple):
    """A theme's colours. A NamedTuple rather than a frozen dataclass: it is needed before
    the first frame, where the dataclasses machinery would cost more than this whole module."""

    name: str
    bg: str
    surface: str
    border: str
    text: str
    muted: str
    accent: str
    on_accent: str
    rest: str
    switch: str
    focus: str
    danger: str
    cramp: str
    on_cramp: str
    cramp_border: str
    prop: str  # walls, chairs and beds in the illustrations


NIGHT = Palette(
    name="night",
    bg="#0c0e11",
    surface="#181c22",
    border="#2c333c",
    text="#e9e2cf",
    muted="#aea89b",
    accent="#e89a4c",
    on_accent="#1a1208",
    rest="#75b3aa",
    switch="#ae9fdb",
    focus="#f3c27a",
    danger="#ff8a70",
    cramp="#5a1f1a",
    on_cramp="#ffd9c8",
    cramp_border="#8a3a30",
    prop="#7a8290",
)
DAY = Palette(
    name="day",
    bg="#f5f2ea",
    surface="#ffffff",
    border="#cfc8b8",
    text="#1e1b16",
    muted="#5f584c",
    accent="#ac5419",
    on_accent="#ffffff",
    rest="#1f6f65",
    switch="#5a4a9a",
    focus="#1f5fbf",
    danger="#a8321f",
    cramp="#9b2c22",
    on_cramp="#ffffff",
    cramp_border="#6e1d16",
    prop="#9a948a",
)
# Cramp now: the darkest screen in the app, so opening it at 3 a.m. never dazzles.
CRAMP = Palette(
    name="cramp",
    bg="#000000",
    surface="#101214",
    border="#24282d",
    text="#e6dcc6",
    muted="#a6a194",
    accent="#dc8f4c",
    on_accent="#120c05",
    rest="#75aaa2",
    switch="#a49acd",
    focus="#e8b46a",
    danger="#ff7a5c",
    cramp="#3e1511",
    on_cramp="#f6cdb9",
    cramp_border="#6a2a22",
    prop="#5c636c",
)

BASE_BODY_PX = 18
INDICATOR_BORDER_PX = 3  # check boxes and radio buttons, in every state


def is_after_dark(hour: int) -> bool:
    """Night theme hours for "auto": from 7 p.m. to 7 a.m. local time."""
    return hour >= 19 or hour < 7


def palette_for(theme: str, local_hour: int) -> Palette:
    """The palette for the ``theme`` setting; "auto" follows the local hour (0-23)."""
    if theme == "night":
        return NIGHT
    if theme == "day":
        return DAY
    return NIGHT if is_after_dark(local_hour) else DAY


def body_px(scale: float) -> int:
    """The body text's size in pixels at the text-size ``scale``."""
    return round(BASE_BODY_PX * scale)


#: app.qss holds every rule a first frame (Home, or Cramp now) can show above this line.
FIRST_FRAME_END = "/* ==== end of the first frame's rules ===="


def stylesheet(template_path: Path, palette: Palette, scale: float, *, first_frame: bool = False) -> str:
    """The app's stylesheet; with ``first_frame``, only the part a first frame can show.

    Qt matches every rule against every widget it polishes: the first frame is styled by
    the part of the sheet it can show, and the whole sheet follows once it is painted.
    """
    template = template_path.read_text(encoding="utf-8")
    if first_frame:
        template = template.partition(FIRST_FRAME_END)[0]
    body = body_px(scale)
    indicator = round(body * 1.3)
    values = {
        **palette._asdict(),
        "body": body,
        "small": round(body * 0.8),
        "heading": round(body * 1.5),
        "title": round(body * 2.1),
        "button": round(body * 2.2),
        "indicator": indicator,
        "indicator_border": INDICATOR_BORDER_PX,
        # Half the whole width, border included: a round radio button, checked or not.
        "indicator_radius": (indicator + 2 * INDICATOR_BORDER_PX) // 2,
        "style_dir": template_path.parent.as_posix(),  # the sheet's pictures lie beside it
    }
    return Template(template).substitute(values)


def qt_palette(base: QPalette, palette: Palette) -> QPalette:
    """``base`` with the palette's colours: what Qt paints before any stylesheet applies.

    ``base`` is changed and returned: pass the copy that ``palette()`` gives. (Copying it
    with ``QPalette(base)`` would make PySide6 build its whole ``Qt`` namespace to choose
    a constructor, which the first frame cannot afford: see ui/first_frame.py.)
    """
    result = base
    for role, colour in (
        (QPalette.ColorRole.Window, palette.bg),
        (QPalette.ColorRole.Base, palette.surface),
        (QPalette.ColorRole.WindowText, palette.text),
        (QPalette.ColorRole.Text, palette.text),
        (QPalette.ColorRole.Button, palette.surface),
        (QPalette.ColorRole.ButtonText, palette.text),
        (QPalette.ColorRole.Highlight, palette.accent),
        (QPalette.ColorRole.PlaceholderText, palette.muted),
    ):
        result.setColor(role, QColor.fromString(colour))
    return result


def apply(app: QApplication, template_path: Path, palette: Palette, scale: float, *, first_frame: bool = False) -> None:
    """Style the whole application; the QPalette matters for the first frame (no white flash)."""
    # A restyle sends an event to every widget, and Python code handling one may start the
    # garbage collector; a window it freed then would leave Qt walking a deleted widget (a
    # crash). So: collect first (only on a restyle: at start-up there is nothing to free),
    # and keep the collector paused while Qt walks its widgets.
    if app.styleSheet():
        gc.collect()
    paused = gc.isenabled()
    gc.disable()
    try:
        app.setPalette(qt_palette(app.palette(), palette))
        app.setStyleSheet(stylesheet(template_path, palette, scale, first_frame=first_frame))
    finally:
        if paused:
            gc.enable()
