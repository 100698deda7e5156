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

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QPageLayout, QPageSize, QPainter, QPdfWriter

from cramp_coach.domain.diary import CrampEpisode, Leg, RoutineSession, SessionStatus, night_bounds
from cramp_coach.domain.insights import (
    BeforeAfter,
    DiaryHistory,
    EpisodeSummary,
    PeriodStats,
    RoutineComparison,
    before_after,
    describe_before_after,
    flags_met,
    monthly,
    period_stats,
    summarise_episodes,
    weekly,
    with_and_without,
)
from cramp_coach.domain.protocol import CrampLocation, DiaryFlag
from cramp_coach.domain.wording import LEG_WORDS, LOCATION_WORDS, day_text, duration_text, plural
from cramp_coach.storage.diary_store import DiaryStore
from cramp_coach.ui.widgets.cramp_chart import PRINT_COLOURS, ChartBar, bars_from, paint_counts, paint_pain

EMPTY_CHART = "Nothing was recorded in this period."
RESOLUTION = 300  # dots per inch: vector text either way; this only sets the layout's unit
MARGIN_MM = 16
#: Periods longer than this many weeks are charted per month, so the bars stay readable.
WEEKLY_UP_TO_WEEKS = 26

ABOUT = (
    "About these figures. The patient recorded them with cramp-coach, a self-help app for night-time leg cramps "
    "that is not a medical device. A night runs from noon to noon, local time, so a cramp at 3 a.m. counts for the "
    "night before (the lists give each cramp's own date and time). Every cramp recorded counts, including ones "
    "where the details were not filled in. A routine night is a night on which the bedtime stretching routine was "
    "played to the end. Nights with nothing recorded count as nights without cramps."
)


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything the report shows, gathered from the diary (see :func:`gather`)."""

    first: date
    last: date
    made: datetime
    stats: PeriodStats
    per: str
    bars: list[ChartBar]
    summary: EpisodeSummary
    episodes: list[CrampEpisode]
    split: RoutineComparison
    comparison: BeforeAfter | None
    flags: tuple[DiaryFlag, ...]
    stopped_sessions: int
    location_words: Mapping[CrampLocation, str] = field(default_factory=lambda: dict(LOCATION_WORDS))


def gui_application() -> QGuiApplication | None:
    """A QGuiApplication for drawing the PDF from the command line (keep it while drawing); ``None`` in the app.

    On Linux the offscreen platform is used unless ``QT_QPA_PLATFORM`` says otherwise:
    a PDF needs fonts, not a display.
    """
    if QGuiApplication.instance() is not None:
        return None
    if sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication([sys.argv[0] if sys.argv else "cramp-coach"])


def gather(
    store: DiaryStore,
    first: date,
    last: date,
    flags: Sequence[DiaryFlag],
    *,
    now: datetime,
    location_labels: Mapping[CrampLocation, str] | None = None,
) -> ReportData:
    """Query the diary for the nights ``first``–``last`` and summarise them."""
    if last < first:
        raise ValueError(f"the report's last night {last} is before its first {first}")
    history = DiaryHistory(store.night_tallies())
    since, until = night_bounds(first, last)
    episodes = sorted(store.episodes(since=since, until=until), key=lambda episode: episode.started_at)
    sessions: list[RoutineSession] = store.sessions(since=since, until=until)
    per_month = (last - first).days + 1 > WEEKLY_UP_TO_WEEKS * 7
    buckets = monthly(history, first, last) if per_month else weekly(history, first, last)
    comparison = before_after(history, last)
    return ReportData(
        first=first,
        last=last,
        made=now,
        stats=period_stats(history, first, last),
        per="month" if per_month else "week",
        bars=bars_from(buckets, monthly=per_month),
        summary=summarise_episodes(episodes),
        episodes=episodes,
        split=with_and_without(history, first, last),
        comparison=comparison if comparison is not None and comparison.started <= last else None,
        flags=flags_met(history, flags, last),
        stopped_sessions=sum(1 for session in sessions if session.status is not SessionStatus.COMPLETED),
        location_words={**LOCATION_WORDS, **(location_labels or {})},
    )


# --- words --------------------------------------------------------------------------------


def _long_date(day: date) -> str:
    return f"{day.strftime('%a')} {day_text(day)} {day.year}"


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "–"


def summary_rows(data: ReportData) -> list[tuple[str, str]]:
    """The summary table: (what, value) in plain words."""
    stats, summary = data.stats, data.summary
    if not stats.cramps:
        rows = [("Cramps recorded", f"none in these {stats.nights} nights")]
        rows.append(("Bedtime stretching routine", _routine_text(data)))
        return rows
    rows = [
        (
            "Cramps recorded",
            f"{plural(stats.cramps, 'cramp')} on {stats.cramp_nights} of {stats.nights} nights "
            f"({_percent(stats.cramp_nights, stats.nights)}); {stats.cramps_per_night:.1f} a night",
        )
    ]
    if data.per == "week":
        full = [bar for bar in data.bars if not bar.partial]
        if full:
            counts = [bar.cramps for bar in full]
            rows.append(
                (
                    "Cramps per week",
                    f"{sum(counts) / len(counts):.1f} on average over {plural(len(full), 'full week')}; "
                    f"fewest {min(counts)}, most {max(counts)}",
                )
            )
    if stats.rated:
        assert stats.average_pain is not None
        rows.append(
            (
                "Pain (0 none – 10 worst)",
                f"average {stats.average_pain:.1f} ({stats.rated} of {plural(stats.cramps, 'cramp')} rated); "
                f"worst {stats.pain_max}",
            )
        )
    else:
        rows.append(("Pain (0 none – 10 worst)", "no pain scores recorded"))
    if summary.median_seconds is not None and summary.longest_seconds is not None:
        timed = sum(1 for episode in data.episodes if episode.duration_seconds is not None)
        rows.append(
            (
                "How long",
                f"median {duration_text(summary.median_seconds)}, longest {duration_text(summary.longest_seconds)} "
                f"({timed} with a duration)",
            )
        )
    rows.append(("Bedtime stretching routine", _routine_text(data)))
    split = data.split
    if split.with_nights and split.without_nights:
        rows.append(
            (
                "Cramps a night, with / without the routine",
                f"{split.with_rate:.1f} on routine nights ({split.with_nights}), "
                f"{split.without_rate:.1f} on other nights ({split.without_nights})",
            )
        )
    if data.comparison is not None:
        rows.append(("Before and after starting the routine", describe_before_after(data.comparison, data.last)))
    rows.append(("Where", _counts(summary.locations, data.location_words, summary.count)))
    rows.append(("Which leg", _counts(summary.legs, LEG_WORDS, summary.count)))
    return rows


def _routine_text(data: ReportData) -> str:
    stats = data.stats
    text = (
        f"played to the end on {stats.routine_nights} of {stats.nights} nights "
        f"({_percent(stats.routine_nights, stats.nights)})"
    )
    if data.stopped_sessions:
        text += f"; {data.stopped_sessions} more started but not finished"
    return text


def _counts(
    counts: Sequence[tuple[CrampLocation | Leg | None, int]],
    words: Mapping[CrampLocation, str] | Mapping[Leg, str],
    total: int,
) -> str:
    if not counts:
        return "–"
    parts = []
    for value, count in counts:
        name = "not recorded" if value is None else words[value].lower()  # type: ignore[index]
        parts.append(f"{name} {count} ({_percent(count, total)})")
    return ", ".join(parts)


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
        period = f"Leg cramp diary · nights of {day_text(self.data.first)} to {_long_date(self.data.last)[4:]}"
        painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), period)
        painter.drawText(
            box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom), f"Page {number} of {total}"
        )


def _compose(report: _Report) -> None:
    data, fonts, mm = report.data, report.fonts, report.mm
    nights = (data.last - data.first).days + 1
    weeks = f"{nights // 7} weeks, " if nights % 7 == 0 else ""
    report.paragraph("Night-time leg cramp diary", fonts.title)
    report.paragraph(
        f"Nights of {_long_date(data.first)} to {_long_date(data.last)} ({weeks}{nights} nights). "
        f"Made on {_long_date(data.made.astimezone().date())} with cramp-coach.",
        fonts.body,
        colour=PRINT_COLOURS.muted,
        space=2 * mm,
    )
    report.paragraph(
        "Name: ______________________________     Date of birth: ________________", fonts.body, space=5 * mm
    )

    if data.flags:
        report.heading("Flagged by the diary")
        for flag in data.flags:
            report.paragraph(f"•  {flag.message}", fonts.bold, colour=PRINT_COLOURS.cramps, space=1.5 * mm)

    report.heading("Summary")
    report.table(("", ""), summary_rows(data), (1.0, 2.3), first_column_bold=True, show_header=False)

    report.heading(f"Cramps and routine nights per {data.per}")
    report.chart(
        56,
        lambda painter, rect: paint_counts(
            painter, rect, data.bars, PRINT_COLOURS, unit=mm / 4, per=data.per, empty_text=EMPTY_CHART
        ),
    )
    report.paragraph(
        f"Lighter bars: a {data.per} not wholly inside the period." if any(bar.partial for bar in data.bars) else "",
        fonts.small,
        colour=PRINT_COLOURS.muted,
    )

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

    report.paragraph(ABOUT, fonts.small, colour=PRINT_COLOURS.muted, space=8 * mm)


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


__all__ = ["ReportData", "gather", "gui_application", "summary_rows", "write_report"]
