"""The doctor report: an A4 PDF of the diary for one period, written headless with QPdfWriter.

What a doctor asks ("how often, since when, how bad, does the stretching help?") on
page 1: the period, a summary table, any frequency warnings the diary meets, the
cramps-per-week chart with routine nights beside it, and the pain trend. Then the
user's notes and every cramp in a table (its header repeated on each page), and a
paragraph saying how the figures were counted. Every page has a footer with the
period and "page N of M".

Layout is two passes: every block (a paragraph, a table row, a chart) is measured on
the PDF device and placed on pages first, then drawn, so the page count is known for
the footers and a heading never ends a page alone. Charts are the same painting code
as the diary screen (:mod:`cramp_coach.ui.widgets.cramp_chart`), in print colours.

Needs a ``QGuiApplication`` (fonts); the ``report`` command makes one on the
offscreen platform, so no display is needed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QPageLayout, QPageSize, QPainter, QPdfWriter

from cramp_coach.domain.diary import CrampEpisode
from cramp_coach.domain.protocol import CrampLocation
from cramp_coach.domain.report import (
    ABOUT,
    CAVEAT,
    ReportData,
    coverage_text,
    flags_note,
    long_date,
    period_text,
    summary_rows,
)
from cramp_coach.domain.wording import LEG_WORDS, day_text, duration_text
from cramp_coach.ui.printing.print_setup import gui_application
from cramp_coach.ui.widgets.cramp_chart import PRINT_COLOURS, paint_counts, paint_pain

EMPTY_CHART = "Nothing was recorded in this period."
RESOLUTION = 300  # dots per inch: vector text either way; this only sets the layout's unit
MARGIN_MM = 16


# --- layout ---------------------------------------------------------------------------------


@dataclass
class _Block:
    height: float
    draw: Callable[[QPainter, float], None]
    keep_with_next: bool = False
    space_before: float = 0.0
    repeat_header: _Block | None = None  # a table row: this header goes on top of a continuation page


@dataclass
class _Fonts:
    title: QFont
    heading: QFont
    body: QFont
    bold: QFont
    small: QFont


class _Report:
    def __init__(self, writer: QPdfWriter, data: ReportData) -> None:
        self.writer = writer
        self.data = data
        self.width = float(writer.width())
        self.height = float(writer.height())
        self.mm = writer.resolution() / 25.4
        family = QGuiApplication.font().family()
        self.fonts = _Fonts(
            title=self._font(family, 19, bold=True),
            heading=self._font(family, 12.5, bold=True),
            body=self._font(family, 10),
            bold=self._font(family, 10, bold=True),
            small=self._font(family, 8.5),
        )
        self.footer_height = QFontMetricsF(self.fonts.small, writer).height() * 1.8
        self.blocks: list[_Block] = []

    @staticmethod
    def _font(family: str, points: float, *, bold: bool = False) -> QFont:
        font = QFont(family)
        font.setPointSizeF(points)
        font.setBold(bold)
        return font

    # -- blocks ------------------------------------------------------------------------------

    def text_height(self, text: str, font: QFont, width: float) -> float:
        metrics = QFontMetricsF(font, self.writer)
        flags = int(Qt.TextFlag.TextWordWrap)
        return metrics.boundingRect(QRectF(0, 0, width, 1e6), flags, text).height()

    def paragraph(
        self, text: str, font: QFont, *, colour: str = PRINT_COLOURS.text, space: float = 0.0, keep: bool = False
    ) -> None:
        height = self.text_height(text, font, self.width)

        def draw(painter: QPainter, y: float) -> None:
            painter.setFont(font)
            painter.setPen(QColor(colour))
            painter.drawText(QRectF(0, y, self.width, height), int(Qt.TextFlag.TextWordWrap), text)

        self.blocks.append(_Block(height, draw, keep_with_next=keep, space_before=space))

    def heading(self, text: str) -> None:
        self.paragraph(text, self.fonts.heading, space=6 * self.mm, keep=True)
        self.blocks.append(_Block(2 * self.mm, lambda painter, y: None, keep_with_next=True))

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        shares: Sequence[float],
        *,
        header_font: QFont | None = None,
        first_column_bold: bool = False,
        show_header: bool = True,
    ) -> None:
        widths = [self.width * share / sum(shares) for share in shares]
        pad = 1.2 * self.mm

        def row_block(cells: Sequence[str], font: QFont, *, shaded: bool, rule: bool) -> _Block:
            fonts = [self.fonts.bold if first_column_bold and i == 0 else font for i in range(len(cells))]
            heights = [
                self.text_height(cell, cell_font, width - 2 * pad)
                for cell, cell_font, width in zip(cells, fonts, widths, strict=True)
            ]
            height = max(heights) + 2 * pad

            def draw(painter: QPainter, y: float) -> None:
                if shaded:
                    painter.fillRect(QRectF(0, y, self.width, height), QColor("#f3f0e8"))
                x = 0.0
                for cell, cell_font, width in zip(cells, fonts, widths, strict=True):
                    painter.setFont(cell_font)
                    painter.setPen(QColor(PRINT_COLOURS.text))
                    box = QRectF(x + pad, y + pad, width - 2 * pad, height - 2 * pad)
                    painter.drawText(box, int(Qt.TextFlag.TextWordWrap), cell)
                    x += width
                if rule:
                    painter.setPen(QColor(PRINT_COLOURS.grid))
                    painter.drawLine(0, round(y + height), round(self.width), round(y + height))

            return _Block(height, draw)

        head = row_block(header, header_font or self.fonts.bold, shaded=True, rule=True) if show_header else None
        if head is not None:
            head.keep_with_next = True
            self.blocks.append(head)
        for index, cells in enumerate(rows):
            block = row_block(cells, self.fonts.body, shaded=False, rule=index < len(rows) - 1)
            block.repeat_header = head
            self.blocks.append(block)

    def chart(self, height_mm: float, paint: Callable[[QPainter, QRectF], None]) -> None:
        height = height_mm * self.mm

        def draw(painter: QPainter, y: float) -> None:
            painter.setFont(self.fonts.body)
            paint(painter, QRectF(0, y, self.width, height))

        self.blocks.append(_Block(height, draw))

    # -- pages -------------------------------------------------------------------------------

    def paginate(self) -> list[list[tuple[_Block, float]]]:
        bottom = self.height - self.footer_height
        pages: list[list[tuple[_Block, float]]] = [[]]
        y = 0.0
        index = 0
        while index < len(self.blocks):
            block = self.blocks[index]
            space = block.space_before if pages[-1] else 0.0
            # A heading (keep_with_next) moves with what follows it.
            run = [block]
            while run[-1].keep_with_next and index + len(run) < len(self.blocks):
                run.append(self.blocks[index + len(run)])
            needed = space + sum(item.height for item in run)
            if pages[-1] and y + needed > bottom:
                pages.append([])
                y = 0.0
                space = 0.0
                if block.repeat_header is not None:
                    pages[-1].append((block.repeat_header, y))
                    y += block.repeat_header.height
            y += space
            pages[-1].append((block, y))
            y += block.height
            index += 1
        return pages

    def render(self) -> int:
        pages = self.paginate()
        painter = QPainter(self.writer)
        try:
            for number, page in enumerate(pages, 1):
                if number > 1:
                    self.writer.newPage()
                for block, y in page:
                    block.draw(painter, y)
                self._footer(painter, number, len(pages))
        finally:
            painter.end()
        return len(pages)

    def _footer(self, painter: QPainter, number: int, total: int) -> None:
        painter.setFont(self.fonts.small)
        painter.setPen(QColor(PRINT_COLOURS.muted))
        box = QRectF(0, self.height - self.footer_height * 0.7, self.width, self.footer_height * 0.7)
        period = f"Leg cramp diary · nights of {day_text(self.data.first)} to {long_date(self.data.last)[4:]}"
        painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), period)
        painter.drawText(
            box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom), f"Page {number} of {total}"
        )


def _compose(report: _Report) -> None:
    data, fonts, mm = report.data, report.fonts, report.mm
    report.paragraph("Night-time leg cramp diary", fonts.title)
    report.paragraph(
        f"{period_text(data)} Made on {long_date(data.made.astimezone().date())} with cramp-coach.",
        fonts.body,
        colour=PRINT_COLOURS.muted,
        space=2 * mm,
    )
    report.paragraph(
        "Name: ______________________________     Date of birth: ________________", fonts.body, space=5 * mm
    )
    # Which nights are known comes first: every figure below is over those nights only.
    report.paragraph(coverage_text(data), fonts.bold, space=5 * mm)

    if data.flags:
        report.heading("Flagged by the diary")
        report.paragraph(flags_note(data), fonts.small, colour=PRINT_COLOURS.muted, keep=True)
        for flag in data.flags:
            report.paragraph(f"•  {flag.message}", fonts.bold, colour=PRINT_COLOURS.cramps, space=1.5 * mm)

    report.heading("Summary")
    report.table(("", ""), summary_rows(data), (1.0, 2.3), first_column_bold=True, show_header=False)

    if data.covered is not None and not data.averaged:
        report.heading(f"Cramps and routine nights per {data.per}")
        report.paragraph(
            "Not charted: under two weeks of diary would make a chart of one or two bars.",
            fonts.body,
            colour=PRINT_COLOURS.muted,
        )
    elif data.covered is not None:
        report.heading(f"Cramps and routine nights per {data.per}, on the nights the diary covers")
        report.chart(
            56,
            lambda painter, rect: paint_counts(
                painter, rect, data.bars, PRINT_COLOURS, unit=mm / 4, per=data.per, empty_text=EMPTY_CHART
            ),
        )
        if any(bar.partial for bar in data.bars):
            report.paragraph(
                f"Lighter bars: a {data.per} only partly covered by the diary or by the period.",
                fonts.small,
                colour=PRINT_COLOURS.muted,
            )
        if data.averaged:
            report.heading(f"Pain: average score per {data.per} (0 none – 10 worst)")
            if data.stats.rated:
                report.chart(32, lambda painter, rect: paint_pain(painter, rect, data.bars, PRINT_COLOURS, unit=mm / 4))
            else:
                report.paragraph("No pain scores were recorded in this period.", fonts.body, colour=PRINT_COLOURS.muted)

    # Listings give the cramp's own date and time (a 3 a.m. cramp shows Tuesday's date);
    # only the counts above are per night.
    with_year = data.first.year != data.last.year
    report.heading("The patient's notes")
    notes = data.summary.notes
    if notes:
        report.table(("When", "Note"), [(_when(e.started_at, with_year), e.note) for e in notes], (1.5, 4.0))
    else:
        report.paragraph("No notes in this period.", fonts.body, colour=PRINT_COLOURS.muted)

    report.heading("Every cramp recorded")
    if data.episodes:
        rows = [_episode_cells(episode, data.location_words, with_year) for episode in data.episodes]
        report.table(
            ("Date", "Time", "Leg", "Where", "Pain", "How long", "Note"), rows, (1.2, 0.7, 0.8, 1.4, 0.6, 1.2, 2.4)
        )
    else:
        report.paragraph("No cramps were recorded in this period.", fonts.body, colour=PRINT_COLOURS.muted)

    report.heading("About these figures")
    report.paragraph(f"{ABOUT} {CAVEAT}", fonts.small, colour=PRINT_COLOURS.muted)
    report.paragraph(
        f"What the app tells its users: {data.disclaimer}", fonts.small, colour=PRINT_COLOURS.muted, space=3 * mm
    )


def _when(moment: datetime, with_year: bool) -> str:
    local = moment.astimezone()
    year = f" {local.year}" if with_year else ""
    return f"{local:%a} {day_text(local.date())}{year}, {local:%H:%M}"


def _episode_cells(episode: CrampEpisode, words: Mapping[CrampLocation, str], with_year: bool) -> tuple[str, ...]:
    local = episode.started_at.astimezone()
    return (
        f"{local:%a} {day_text(local.date())}" + (f" {local.year}" if with_year else ""),
        f"{local:%H:%M}",
        "–" if episode.leg is None else LEG_WORDS[episode.leg],
        "–" if episode.location is None else words[episode.location],
        "–" if episode.pain is None else f"{episode.pain}/10",
        "–" if episode.duration_seconds is None else duration_text(episode.duration_seconds),
        episode.note,
    )


def _render(writer: QPdfWriter, data: ReportData) -> int:
    report = _Report(writer, data)
    _compose(report)
    return report.render()


def write_report(path: Path, data: ReportData) -> int:
    """Write the report to ``path`` (replacing it whole) and return its number of pages."""
    partial = path.with_name(path.name + ".partial")
    writer = QPdfWriter(str(partial))
    writer.setTitle(f"Leg cramp diary, {data.first.isoformat()} to {data.last.isoformat()}")
    writer.setCreator("cramp-coach")
    writer.setResolution(RESOLUTION)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter)
    try:
        pages = _render(writer, data)
        del writer  # the PDF is complete once the writer is gone
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return pages


__all__ = ["gui_application", "write_report"]
