"""Exercise illustrations: SVG drawn in the active theme's colours, PNG and JPEG dimmed at night.

The shipped SVGs use four fixed colours (figure, far limb, props, accent; see
docs/content-sources.md). Swapping them for the palette's keeps the pictures readable
in the day theme and dimmer in the cramp theme without shipping three sets of files.
A physiotherapist's own photo or drawing (PNG or JPEG) is scaled to fit with its
proportions kept, as the handout prints it; in the dark palettes it is drawn at reduced
opacity over the dark page, because a photo taken in a bright clinic is otherwise the
brightest thing in a dark bedroom, brighter than any text (``PHOTO_OPACITY``).

Pictures were checked by the validator (``cramp_coach.schema.images``), but a file can
change after that: one that no longer reads or decodes is hidden, never drawn as an
empty box, and never raises.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QWidget

from cramp_coach.ui.theme import Palette

log = logging.getLogger(__name__)

FIGURE, FAR_LIMB, PROP, ACCENT = "#e8e2d0", "#a49e90", "#7a8290", "#f0a050"

#: How opaque a photo (PNG, JPEG) is drawn in each palette; the page shows through the
#: rest. At these values a white wall in a photo comes out darker than the palette's
#: text (tests/gui/test_illustration.py checks it), while the photo stays recognisable.
PHOTO_OPACITY: dict[str, float] = {"night": 0.55, "cramp": 0.45}


@lru_cache(maxsize=64)
def recoloured(path: Path, palette: Palette) -> bytes:
    """The SVG at ``path`` with the drawing colours swapped for ``palette``'s; empty if unreadable."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        log.warning("could not read the picture %s: %s", path, error)
        return b""
    for source, target in (
        (FIGURE, palette.text),
        (FAR_LIMB, palette.muted),
        (PROP, palette.prop),
        (ACCENT, palette.accent),
    ):
        text = text.replace(source, target).replace(source.upper(), target)
    return text.encode("utf-8")


def load_picture(path: Path, palette: Palette) -> QSvgRenderer | QImage | None:
    """The picture at ``path`` ready to paint (an SVG renderer or an image), or ``None``."""
    if path.suffix.lower() == ".svg":
        renderer = QSvgRenderer(QByteArray(recoloured(path, palette)))
        if not renderer.isValid():
            return None
        renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        return renderer
    try:
        data = path.read_bytes()
    except OSError as error:
        log.warning("could not read the picture %s: %s", path, error)
        return None
    image = QImage.fromData(data)  # by content, whatever the file's suffix says
    return None if image.isNull() else dimmed(image, palette)


def dimmed(image: QImage, palette: Palette) -> QImage:
    """``image`` as drawn in ``palette``: at the palette's photo opacity (unchanged by day)."""
    opacity = PHOTO_OPACITY.get(palette.name, 1.0)
    if opacity >= 1.0:
        return image
    # Baked once when the picture is loaded, not at every paint: the player repaints
    # ten times a second. Transparent parts stay transparent.
    result = QImage(image.size(), QImage.Format.Format_ARGB32_Premultiplied)
    result.fill(QColor(0, 0, 0, 0))
    painter = QPainter(result)
    try:
        painter.setOpacity(opacity)
        painter.drawImage(0, 0, image)
    finally:
        painter.end()
    return result


def picture_size(picture: QSvgRenderer | QImage) -> QSizeF:
    """The picture's natural size (its proportions are what matter)."""
    if isinstance(picture, QImage):
        return QSizeF(picture.size())
    box = picture.viewBoxF()
    return box.size() if box.width() > 0 and box.height() > 0 else QSizeF(picture.defaultSize())


def paint_picture(painter: QPainter, picture: QSvgRenderer | QImage, area: QRectF) -> None:
    """Draw ``picture`` as large as fits in ``area``, proportions kept, centred."""
    size = picture_size(picture)
    if size.isEmpty() or area.isEmpty():
        return
    fitted = size.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    target = QRectF(
        area.x() + (area.width() - fitted.width()) / 2,
        area.y() + (area.height() - fitted.height()) / 2,
        fitted.width(),
        fitted.height(),
    )
    if isinstance(picture, QImage):
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, picture)
    else:
        picture.render(painter, target)


class Illustration(QWidget):
    """A picture (SVG, PNG or JPEG) that keeps its proportions and follows the palette."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shown: tuple[Path, Palette] | None = None
        self._picture: QSvgRenderer | QImage | None = None

    @property
    def picture(self) -> QSvgRenderer | QImage | None:
        """What is drawn now (``None`` when hidden)."""
        return self._picture

    def show_file(self, path: Path | None, palette: Palette, description: str = "") -> None:
        if path is None:
            self._shown = None
            self._picture = None
            self.hide()
            return
        if self._shown != (path, palette):
            self._shown = (path, palette)
            self._picture = load_picture(path, palette)
            self.update()
        self.setAccessibleDescription(description)
        self.setVisible(self._picture is not None)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(240, 180)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        if self._picture is None:
            return
        painter = QPainter(self)
        try:
            paint_picture(painter, self._picture, QRectF(self.contentsRect()))
        finally:
            painter.end()
