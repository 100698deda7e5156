"""The diary's chart, drawn with QPainter: cramps per week as bars, routine nights beside them.

Why QPainter and not a charting library: QtCharts is deprecated since Qt 6.10, QtGraphs
is Qt Quick (a QML scene inside a widget app, a second rendering stack to load),
and matplotlib adds about 80 MB and a slow import. The chart is two bar series and
a line; about 200 lines of painting do it, import in no time, follow the app's
palette and text size, and draw the very same picture into the doctor report's PDF
(:func:`paint_counts` and :func:`paint_pain` take any QPainter and a rectangle).

The data is Qt-free: :func:`cramp_coach.domain.report.bars_from` turns the domain's
:class:`~cramp_coach.domain.insights.PeriodStats` (one per week or month) into
:class:`~cramp_coach.domain.report.ChartBar` values, which tests read back from the widget.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from cramp_coach.domain.report import ChartBar
from cramp_coach.domain.wording import plural
from cramp_coach.ui.theme import DAY, NIGHT, Palette


@dataclass(frozen=True, slots=True)
class ChartColours:
    """The chart's colours; on screen from the active palette, on paper :data:`PRINT_COLOURS`."""

    background: str
    text: str
    muted: str
    grid: str
    cramps: str
    routines: str

    @classmethod
    def from_palette(cls, palette: Palette) -> ChartColours:
        # Orange cramps and teal routine nights: apart in hue and in lightness, so they
        # stay distinct for the common colour-vision differences and in a dim room.
        return cls(palette.bg, palette.text, palette.muted, palette.border, palette.accent, palette.rest)


PRINT_COLOURS = ChartColours(
    background="#ffffff",
    text="#1e1b16",
    muted="#5f584c",
    grid="#d8d2c4",
    cramps=DAY.accent,
    routines=DAY.rest,
)


def _nice_step(top: float, max_ticks: int = 5) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        if top / step <= max_ticks:
            return step
    return int(10 ** math.ceil(math.log10(top)))


def _smaller(font: QFont, factor: float) -> QFont:
    smaller = QFont(font)
    if font.pixelSize() > 0:  # the app's stylesheet sizes fonts in pixels
        smaller.setPixelSize(max(1, round(font.pixelSize() * factor)))
    else:
        smaller.setPointSizeF(max(1.0, font.pointSizeF() * factor))
    return smaller


def _colour(name: str, alpha: float = 1.0) -> QColor:
    colour = QColor(name)
    colour.setAlphaF(alpha)
    return colour


#: How tall the bars may be at the least, in lines of the chart's text or pixels, whichever
#: is more (see :meth:`CrampChart.minimumSizeHint`).
PLOT_LINES = 3.5
PLOT_PIXELS = 140


@dataclass(frozen=True, slots=True)
class _Layout:
    plot: QRectF
    slot: float
    top: int
    step: int


def _layout(
    rect: QRectF, bars: Sequence[ChartBar], metrics: QFontMetricsF, unit: float, *, legend: bool = True
) -> _Layout:
    highest = max([1, *(bar.cramps for bar in bars), *(bar.routine_nights for bar in bars)])
    step = _nice_step(highest)
    top = step * math.ceil(highest / step)
    gutter = metrics.horizontalAdvance(str(top)) + 10 * unit
    # Room for the legend, or (without one) for the value printed above the tallest bar.
    above = metrics.height() * (1.6 if legend else 0.9)
    plot = QRectF(rect.left() + gutter, rect.top() + above, rect.width() - gutter, rect.height() - above)
    plot.setBottom(rect.bottom() - metrics.height() * 1.5)
    slot = plot.width() / max(1, len(bars))
    return _Layout(plot, slot, top, step)


def _legend(painter: QPainter, rect: QRectF, colours: ChartColours, unit: float, per: str) -> None:
    metrics = QFontMetricsF(painter.font())
    size = metrics.height() * 0.7
    x = rect.left()
    y = rect.top() + metrics.ascent() * 0.15
    for colour, text in ((colours.cramps, f"Cramps per {per}"), (colours.routines, f"Routine nights per {per}")):
        painter.fillRect(QRectF(x, y + (metrics.height() - size) / 2, size, size), QColor(colour))
        x += size + 6 * unit
        painter.setPen(QColor(colours.text))
        painter.drawText(QPointF(x, y + metrics.ascent()), text)
        x += metrics.horizontalAdvance(text) + 24 * unit


def paint_counts(
    painter: QPainter,
    rect: QRectF,
    bars: Sequence[ChartBar],
    colours: ChartColours,
    *,
    unit: float = 1.0,
    per: str = "week",
    empty_text: str = "Nothing logged in this period yet.",
    legend: bool = True,
) -> None:
    """Draw the two bar series into ``rect`` with ``painter``'s font; ``unit`` is device pixels per point of line.

    ``legend=False`` leaves out the legend line (the diary screen shows it beside its range buttons).
    """
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    metrics = QFontMetricsF(painter.font())
    if legend:
        _legend(painter, rect, colours, unit, per)
    layout = _layout(rect, bars, metrics, unit, legend=legend)
    plot = layout.plot

    # Grid lines and the y-axis labels.
    for value in range(0, layout.top + 1, layout.step):
        y = plot.bottom() - plot.height() * value / layout.top
        painter.setPen(QPen(QColor(colours.grid), max(1.0, unit * (1.5 if value == 0 else 0.8))))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(QColor(colours.muted))
        label = QRectF(rect.left(), y - metrics.height() / 2, plot.left() - rect.left() - 6 * unit, metrics.height())
        painter.drawText(label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(value))

    if any(bar.unknown for bar in bars) and not all(bar.unknown for bar in bars):
        _paint_unknown(painter, plot, layout.slot, bars, colours, unit)
    elif not any(bar.cramps or bar.routine_nights for bar in bars):
        painter.setPen(QColor(colours.muted))
        painter.drawText(plot, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, empty_text)

    # The bars: cramps then routine nights, side by side in each slot, with the values on top when they fit.
    width = layout.slot * 0.36
    gap = layout.slot * 0.06
    value_font = _smaller(painter.font(), 0.8)
    value_metrics = QFontMetricsF(value_font)
    show_values = width >= value_metrics.horizontalAdvance("88") + 2 * unit
    label_every = max(1, math.ceil((metrics.horizontalAdvance("28 Mar") + 12 * unit) / max(layout.slot, 1e-6)))
    for index, bar in enumerate(bars):
        left = plot.left() + index * layout.slot + (layout.slot - 2 * width - gap) / 2
        alpha = 0.45 if bar.partial else 1.0
        for offset, value, colour in (
            (0.0, bar.cramps, colours.cramps),
            (width + gap, bar.routine_nights, colours.routines),
        ):
            height = plot.height() * value / layout.top
            box = QRectF(left + offset, plot.bottom() - height, width, height)
            painter.fillRect(box, _colour(colour, alpha))
            if bar.partial and value:
                painter.setPen(QPen(QColor(colour), max(1.0, unit), Qt.PenStyle.DashLine))
                painter.drawRect(box)
            if show_values and value:
                painter.save()
                painter.setFont(value_font)
                painter.setPen(QColor(colours.text))
                above = QRectF(
                    box.left() - gap, box.top() - value_metrics.height(), width + 2 * gap, value_metrics.height()
                )
                painter.drawText(above, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, str(value))
                painter.restore()
        if (len(bars) - 1 - index) % label_every == 0:  # counted from the newest, which is always named
            painter.setPen(QColor(colours.muted))
            centre = plot.left() + (index + 0.5) * layout.slot
            text = bar.label
            half = metrics.horizontalAdvance(text) / 2
            x = min(max(centre - half, rect.left()), rect.right() - 2 * half)
            painter.drawText(QPointF(x, plot.bottom() + metrics.ascent() + 4 * unit), text)
    painter.restore()


def paint_pain(
    painter: QPainter, rect: QRectF, bars: Sequence[ChartBar], colours: ChartColours, *, unit: float = 1.0
) -> None:
    """Draw the average pain per period (0–10) as a line with dots; periods with no score leave a gap."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    metrics = QFontMetricsF(painter.font())
    gutter = metrics.horizontalAdvance("10") + 10 * unit
    plot = QRectF(rect.left() + gutter, rect.top() + metrics.height() / 2, rect.width() - gutter, 0)
    plot.setBottom(rect.bottom() - metrics.height() * 1.5)
    for value in (0, 5, 10):
        y = plot.bottom() - plot.height() * value / 10
        painter.setPen(QPen(QColor(colours.grid), max(1.0, unit * 0.8)))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(QColor(colours.muted))
        box = QRectF(rect.left(), y - metrics.height() / 2, gutter - 6 * unit, metrics.height())
        painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(value))
    slot = plot.width() / max(1, len(bars))
    points: list[QPointF | None] = []
    for index, bar in enumerate(bars):
        if bar.pain is None:
            points.append(None)
            continue
        points.append(QPointF(plot.left() + (index + 0.5) * slot, plot.bottom() - plot.height() * bar.pain / 10))
    painter.setPen(QPen(QColor(colours.cramps), 2 * unit))
    for first, second in itertools.pairwise(points):
        if first is not None and second is not None:
            painter.drawLine(first, second)
    painter.setBrush(QBrush(QColor(colours.cramps)))
    for point in points:
        if point is not None:
            painter.drawEllipse(point, 3.5 * unit, 3.5 * unit)
    if not any(points):
        painter.setPen(QColor(colours.muted))
        painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, "No pain scores in this period.")
    label_every = max(1, math.ceil((metrics.horizontalAdvance("28 Mar") + 12 * unit) / max(slot, 1e-6)))
    painter.setPen(QColor(colours.muted))
    for index, bar in enumerate(bars):
        if (len(bars) - 1 - index) % label_every == 0:  # counted from the newest, which is always named
            centre = plot.left() + (index + 0.5) * slot
            half = metrics.horizontalAdvance(bar.label) / 2
            x = min(max(centre - half, rect.left()), rect.right() - 2 * half)
            painter.drawText(QPointF(x, plot.bottom() + metrics.ascent() + 4 * unit), bar.label)
    painter.restore()


def _paint_unknown(
    painter: QPainter, plot: QRectF, slot: float, bars: Sequence[ChartBar], colours: ChartColours, unit: float
) -> None:
    """Each run of unknown weeks: a faint band saying nothing was recorded (a bar of 0 would claim no cramps)."""
    index = 0
    for unknown, run in itertools.groupby(bars, key=lambda bar: bar.unknown):
        count = len(list(run))
        if unknown:
            band = QRectF(plot.left() + index * slot, plot.top(), count * slot, plot.height())
            painter.fillRect(band.adjusted(2 * unit, 0, -2 * unit, 0), _colour(colours.grid, 0.35))
            painter.setPen(QColor(colours.muted))
            text = band.adjusted(6 * unit, 0, -6 * unit, 0)
            painter.drawText(text, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, UNKNOWN_TEXT)
        index += count


def describe(bars: Sequence[ChartBar], per: str = "week") -> str:
    """The chart in words, for screen readers and tooltips."""
    if not bars:
        return "No data."
    parts = [
        f"{bar.label}: {UNKNOWN_TEXT.lower()}"
        if bar.unknown
        else f"{bar.label}: {plural(bar.cramps, 'cramp')}, {plural(bar.routine_nights, 'routine night')}"
        for bar in bars
    ]
    return f"Cramps and routine nights per {per}, oldest first. " + "; ".join(parts) + "."


#: What a period with no known night shows (before the first entry, after the last).
UNKNOWN_TEXT = "Nothing recorded"


class CrampChart(QWidget):
    """The chart on the diary screen.

    Attributes:
        bars: what is drawn, oldest first.
        per: ``"week"`` or ``"month"``, for the legend.
        legend: whether the chart draws its own legend line.
    """

    def __init__(
        self,
        colours: Callable[[], ChartColours] | None = None,
        *,
        legend: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        """A layout may give the chart more room than it asks for, never less (:meth:`minimumSizeHint`)."""
        super().__init__(parent)
        self.setObjectName("cramp-chart")
        # Its axis labels belong to it: a page should show it whole or scroll to it, never cut it
        # mid-way (tests/gui/reading_checks.py reads this property).
        self.setProperty("keep_whole", True)
        self.bars: list[ChartBar] = []
        self.per = "week"
        self.legend = legend
        self._colours = colours
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Chart of cramps and routine nights")

    def set_bars(self, bars: Sequence[ChartBar], per: str = "week") -> None:
        self.bars = list(bars)
        self.per = per
        self.setAccessibleDescription(describe(self.bars, per))
        self.update()

    def set_legend(self, shown: bool) -> None:
        """Draw the legend line in the chart (its minimum height grows by it), or leave it out."""
        if shown != self.legend:
            self.legend = shown
            self.updateGeometry()
            self.update()

    def colours(self) -> ChartColours:
        if self._colours is not None:
            return self._colours()
        # Follow the app's theme without being told: a dark window means the night palette.
        dark = self.palette().window().color().lightness() < 128
        return ChartColours.from_palette(NIGHT if dark else DAY)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # The useful minimum: room for the labels above and below the bars (about 2.5 lines
        # of its own text, 3.1 with the legend, so it grows with the text size) and bars
        # tall enough to tell 3 cramps from 6 (bars need not grow with the text).
        line = self.fontMetrics().height()
        labels = line * (3.1 if self.legend else 2.5)
        return QSize(320, math.ceil(labels + max(PLOT_LINES * line, PLOT_PIXELS)) + 8)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # No more than the minimum: a page that has room gives the chart the rest (it expands),
        # and a page that scrolls decides how tall it is (the diary's overview: to the fold).
        return QSize(720, self.minimumSizeHint().height())

    def plot_rect(self) -> QRectF:
        """Where the bars go (inside the axis labels), in widget pixels."""
        metrics = QFontMetricsF(self.font())
        return _layout(QRectF(self.rect()).adjusted(4, 4, -4, -4), self.bars, metrics, 1.0, legend=self.legend).plot

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setFont(self.font())
        rect = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        paint_counts(painter, rect, self.bars, self.colours(), per=self.per, legend=self.legend)
        painter.end()

    def bar_at(self, x: float) -> ChartBar | None:
        """The bar under the x position ``x`` (widget pixels), if any."""
        if not self.bars:
            return None
        metrics = QFontMetricsF(self.font())
        layout = _layout(QRectF(self.rect()).adjusted(4, 4, -4, -4), self.bars, metrics, 1.0, legend=self.legend)
        index = math.floor((x - layout.plot.left()) / layout.slot)
        return self.bars[index] if 0 <= index < len(self.bars) else None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        bar = self.bar_at(event.position().x())
        if bar is None:
            QToolTip.hideText()
            return
        if bar.unknown:
            QToolTip.showText(
                event.globalPosition().toPoint(),
                f"{self.per.capitalize()} of {bar.label}: {UNKNOWN_TEXT.lower()}",
                self,
            )
            return
        so_far = " so far" if bar.partial else ""
        pain = "" if bar.pain is None else f", average pain {bar.pain:.1f}"
        text = f"{self.per.capitalize()} of {bar.label}{so_far}: {plural(bar.cramps, 'cramp')}{pain}, "
        text += f"routine on {bar.routine_nights} of {plural(bar.nights, 'night')}"
        QToolTip.showText(event.globalPosition().toPoint(), text, self)
