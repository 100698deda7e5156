"""One exercise on the handout: its picture at the left, then name, dose, facts, steps and cautions.

Illustrations are drawn with ``QSvgRenderer`` as vectors, recoloured dark-on-light with
the day palette: the shipped SVGs draw a light figure for the night screen, which would
vanish on white paper. Photos (PNG, JPEG) are drawn as they are.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from cramp_coach.domain.handout_content import exercise_facts
from cramp_coach.domain.routine import RoutineStep
from cramp_coach.domain.timeline import Timeline
from cramp_coach.ui.illustration import recoloured
from cramp_coach.ui.printing.layout import PAPER, Group, Item, Styles, shifted

#: The picture column's width at full scale, in millimetres.
PICTURE_MM = 42


def illustration(path: Path | None, width: float) -> Item | None:
    """The exercise's picture, dark on light, at ``width`` (height from its aspect ratio)."""
    if path is None:
        return None
    if path.suffix.lower() == ".svg":
        renderer = QSvgRenderer(QByteArray(recoloured(path, PAPER)))
        if not renderer.isValid():
            return None
        renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        box = renderer.viewBoxF()
        aspect = box.height() / box.width() if box.width() > 0 else 0.75
        height = min(width * aspect, width * 1.2)

        def paint_svg(painter: QPainter, x: float, y: float) -> None:
            renderer.render(painter, QRectF(x, y, width, height))

        return Item(height, paint_svg)
    image = QImage(str(path))
    if image.isNull():
        return None
    height = min(width * image.height() / max(1, image.width()), width * 1.2)

    def paint_image(painter: QPainter, x: float, y: float) -> None:
        target = QSizeF(image.width(), image.height()).scaled(QSizeF(width, height), Qt.AspectRatioMode.KeepAspectRatio)
        painter.drawImage(QRectF(x, y, target.width(), target.height()), image)

    return Item(height, paint_image)


def exercise_group(
    number: int,
    step: RoutineStep,
    timeline: Timeline,
    step_index: int,
    styles: Styles,
    width: float,
    picture: Path | None,
) -> Group:
    """Exercise ``number`` of the routine (``step_index`` in ``timeline``), kept on one page."""
    side_width = styles.mm(PICTURE_MM * styles.scale)
    gap = styles.mm(5)
    column = width - side_width - gap
    exercise = step.exercise
    seconds, rest = timeline.step_times()[step_index]
    facts = exercise_facts(exercise, seconds, rest, approximate=timeline.has_untimed)
    items = [
        styles.text(styles.heading, styles.ink, column, f"{number}. {exercise.name}"),
        styles.space(styles.mm(0.8)),
        styles.text(styles.dose, styles.accent, column, step.dose.describe()),
        styles.text(styles.facts, styles.muted, column, facts),
    ]
    if step.note:
        items += [styles.space(styles.mm(1.2)), styles.text(styles.note, styles.ink, column, step.note)]
    items.append(styles.space(styles.mm(1.5)))
    indent = styles.mm(5.5)
    for index, line in enumerate(exercise.steps, start=1):
        items.append(styles.numbered(styles.body, styles.ink, column, f"{index}.", line, indent))
        items.append(styles.space(styles.mm(0.6)))
    if exercise.cautions:
        items += [styles.space(styles.mm(1)), styles.text(styles.label, styles.danger, column, "Take care")]
        for caution in exercise.cautions:
            items.append(styles.numbered(styles.small, styles.ink, column, "•", caution, styles.mm(4)))
    side = illustration(picture, side_width)
    return Group([shifted(item, side_width + gap) for item in items], styles.mm(6), side, side_width)
