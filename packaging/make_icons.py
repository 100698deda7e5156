"""Render the app icon (assets/icons/cramp-coach.svg) to the PNG sizes desktops use, and to
.ico (Windows) and .icns (macOS), with Qt itself: no image tools needed at build time.

    python packaging/make_icons.py OUT_DIR

Writes ``OUT_DIR/hicolor/<n>x<n>/apps/cramp-coach.png`` for each size,
``OUT_DIR/hicolor/scalable/apps/cramp-coach.svg``, ``OUT_DIR/cramp-coach.ico`` and
``OUT_DIR/cramp-coach.icns``.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# A build tool, not part of the app's layers: Qt renders the icons.
from PySide6.QtCore import Qt  # noqa: TID251
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter  # noqa: TID251
from PySide6.QtSvg import QSvgRenderer  # noqa: TID251

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "assets" / "icons" / "cramp-coach.svg"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def main(out: Path) -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"make_icons: {SOURCE}: not a valid SVG", file=sys.stderr)
        return 1
    for size in SIZES:
        target = out / "hicolor" / f"{size}x{size}" / "apps" / "cramp-coach.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render(renderer, size).save(str(target), "PNG"):
            print(f"make_icons: could not write {target}", file=sys.stderr)
            return 1
    scalable = out / "hicolor" / "scalable" / "apps" / "cramp-coach.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable)
    # Qt's image plugins write both container formats (one image each: Windows and macOS
    # scale the largest down well enough for a launcher icon).
    for name, fmt, size in (("cramp-coach.ico", b"ico", 256), ("cramp-coach.icns", b"icns", 512)):
        writer = QImageWriter(str(out / name), fmt)
        if not writer.write(render(renderer, size)):
            print(f"make_icons: could not write {out / name}: {writer.errorString()}", file=sys.stderr)
            return 1
    print(f"icons written to {out}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: python packaging/make_icons.py OUT_DIR", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(Path(sys.argv[1])))
