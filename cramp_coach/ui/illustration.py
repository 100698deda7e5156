"""Exercise illustrations drawn in the active theme's colours.

The shipped SVGs use four fixed colours (figure, far limb, props, accent; see
docs/content-sources.md). Swapping them for the palette's keeps the pictures readable
in the day theme and dimmer in the cramp theme without shipping three sets of files.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import QWidget

from cramp_coach.ui.theme import Palette

FIGURE, FAR_LIMB, PROP, ACCENT = "#e8e2d0", "#a49e90", "#7a8290", "#f0a050"


@lru_cache(maxsize=64)
def recoloured(path: Path, palette: Palette) -> bytes:
    text = path.read_text(encoding="utf-8")
    for source, target in (
        (FIGURE, palette.text),
        (FAR_LIMB, palette.muted),
        (PROP, palette.prop),
        (ACCENT, palette.accent),
    ):
        text = text.replace(source, target).replace(source.upper(), target)
    return text.encode("utf-8")


class Illustration(QSvgWidget):
    """An SVG view that keeps its aspect ratio and follows the palette."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self._shown: tuple[Path, Palette] | None = None

    def show_file(self, path: Path | None, palette: Palette, description: str = "") -> None:
        if path is None:
            self._shown = None
            self.hide()
            return
        if self._shown != (path, palette):
            self._shown = (path, palette)
            self.load(QByteArray(recoloured(path, palette)))
            self.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.setAccessibleDescription(description)
        self.show()
