"""The patient handout: a routine on one or two pages, for paper or a PDF.

What it shows, top to bottom: the routine's title and facts (length, the positions in
order), who it is for and from (patient, physiotherapist, date, contact: lines to write
on when left empty), the routine's note (headed "From your physiotherapist" only when a
physiotherapist wrote it, never over the built-in note), the set-up, then each exercise
with its illustration, dose (hold, reps, sets, sides, rest), evidence label, numbered
steps, the step's note and cautions. Given the Cramp-now protocol, a safety page
follows: the first aid during a cramp in a few lines, the three tiers of warning signs
with the emergency number, and where each piece of advice comes from, with its evidence
label (the same as the app's Help & Sources). The disclaimer closes the handout. Every
page has a plain footer with the app's name, the routine and the page number: no QR
code, no web address.

It is painted with QPainter, so the same code writes a PDF (``QPdfWriter``, headless:
the ``cramp-coach handout`` command) and prints (``QPrinter``, the editor's Print
button). Illustrations are drawn with ``QSvgRenderer`` as vectors, recoloured
dark-on-light with the day palette: the shipped SVGs draw a light figure for the night
screen, which would vanish on white paper.

Layout is measured first, painted second: that way the footer knows the page count, and
if the routine does not fit on two pages the type and pictures are scaled down a little
(to 88 % at most) and measured again; a routine still too long takes a third page
rather than becoming hard to read. The safety page starts on a page of its own and is
not counted in that fitting: it is the page to pin up by the bed.
"""

from __future__ import annotations

import datetime
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QByteArray, QLocale, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)
from PySide6.QtSvg import QSvgRenderer

from cramp_coach.domain.errors import CrampCoachError
from cramp_coach.domain.handout_content import detail_lines, emergency_line, note_heading, source_entries
from cramp_coach.domain.handout_details import HandoutDetails
from cramp_coach.domain.protocol import CrampProtocol, Urgency
from cramp_coach.domain.routine import Routine, RoutineStep
from cramp_coach.domain.routine_card import routine_facts
from cramp_coach.domain.timeline import Timeline, compile_routine
from cramp_coach.domain.wording import EVIDENCE_WORDS, POSITION_WORDS, duration_text
from cramp_coach.ui import theme
from cramp_coach.ui.illustration import recoloured

APP_NAME = "Cramp Coach"
PAPER = theme.DAY  # dark ink on light paper
PAGE_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
# Letter paper is the norm in these countries; everywhere else A4.
_LETTER_TERRITORIES = {
    QLocale.Country.UnitedStates,
    QLocale.Country.Canada,
    QLocale.Country.Mexico,
    QLocale.Country.Philippines,
    QLocale.Country.Chile,
    QLocale.Country.Colombia,
}
# Successive type scales tried until the handout fits on MAX_PAGES. Never smaller than
# 88 % (8.8 pt steps): many readers are older, and a third page beats squinting.
SCALES = (1.0, 0.94, 0.88)
MAX_PAGES = 2
_FAMILY = "DejaVu Sans"
_WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


class HandoutError(CrampCoachError):
    """The handout could not be written (no permission, disk full, bad folder)."""


def gui_application() -> QGuiApplication | None:
    """A QGuiApplication for painting from the command line; keep the result while painting.

    Returns ``None`` when one already exists (inside the app). On Linux the offscreen
    platform is used unless ``QT_QPA_PLATFORM`` says otherwise: writing a PDF needs
    fonts, not a display, and a machine without one must still make handouts.
    """
    if QGuiApplication.instance() is not None:
        return None
    if sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication([sys.argv[0] if sys.argv else "cramp-coach"])


def emergency_number(data_root: Path) -> str:
    """The number set in the app's Settings in ``data_root``, else the default for this computer's country."""
    from cramp_coach.ui.settings import AppSettings

    settings_file = data_root / "settings.ini"
    if settings_file.is_file():
        return AppSettings(settings_file).emergency_number
    from cramp_coach.domain.emergency import default_emergency_number

    territory = QLocale.system().name()
    return default_emergency_number(territory.split("_")[1] if "_" in territory else "")


def written_by_physiotherapist(routine: Routine) -> bool:
    """Whether the routine's note is someone's own: not the note of a built-in routine."""
    from cramp_coach.storage.builtin_content import builtin_routine_notes

    return bool(routine.note) and routine.note not in builtin_routine_notes()


def default_page_size(locale: QLocale | None = None) -> QPageSize.PageSizeId:
    """Letter where that is the paper people have, A4 elsewhere."""
    territory = (locale or QLocale.system()).territory()
    return QPageSize.PageSizeId.Letter if territory in _LETTER_TERRITORIES else QPageSize.PageSizeId.A4


# --- measuring and painting ------------------------------------------------------------


@dataclass(slots=True)
class _Item:
    """Something of known height that paints itself at (x, y)."""

    height: float
    paint: Callable[[QPainter, float, float], None]


@dataclass(slots=True)
class _Group:
    """Items kept together on one page when they fit; ``side`` is drawn to their left."""

    items: list[_Item]
    gap_before: float
    side: _Item | None = None
    side_width: float = 0.0
    new_page: bool = False  # start on a fresh page (the safety page)


@dataclass(slots=True)
class _Page:
    placed: list[tuple[_Item, float, float]] = field(default_factory=list)


class _Styles:
    """Fonts, colours and lengths at one scale, in the device's pixels."""

    def __init__(self, device: QPagedPaintDevice, scale: float) -> None:
        self.device = device
        self.scale = scale
        self.dpi = device.logicalDpiY()
        self.title = self._font(19, bold=True)
        self.lead = self._font(10.5)
        self.facts = self._font(9.5)
        self.label = self._font(9, bold=True)
        self.body = self._font(10)
        self.heading = self._font(13, bold=True)
        self.dose = self._font(10.5, bold=True)
        self.note = self._font(9.5, italic=True)
        self.small = self._font(9)
        self.footer = self._font(8)
        self.ink = QColor(PAPER.text)
        self.muted = QColor(PAPER.muted)
        self.accent = QColor(PAPER.accent)
        self.danger = QColor(PAPER.danger)
        self.rule = QColor(PAPER.border)
        self.tint = QColor(PAPER.bg)

    def _font(self, points: float, *, bold: bool = False, italic: bool = False) -> QFont:
        font = QFont(_FAMILY)
        font.setStyleHint(QFont.StyleHint.SansSerif)
        font.setPointSizeF(points * self.scale)
        font.setBold(bold)
        font.setItalic(italic)
        # No "fi"/"fl" ligatures: the PDF's text must copy, search and read aloud as typed.
        for tag in ("liga", "clig"):
            font.setFeature(QFont.Tag(tag), 0)
        return font

    def mm(self, value: float) -> float:
        return value * self.dpi / 25.4

    def height(self, font: QFont, width: float, text: str) -> float:
        metrics = QFontMetricsF(font, self.device)
        return metrics.boundingRect(QRectF(0, 0, width, 1e7), int(_WRAP), text).height()

    def text(self, font: QFont, colour: QColor, width: float, text: str) -> _Item:
        height = self.height(font, width, text)

        def paint(painter: QPainter, x: float, y: float) -> None:
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawText(QRectF(x, y, width, height + 2), int(_WRAP), text)

        return _Item(height, paint)

    def numbered(self, font: QFont, colour: QColor, width: float, marker: str, text: str, indent: float) -> _Item:
        """A paragraph with a hanging marker (``1.`` or ``•``)."""
        body = self.text(font, colour, width - indent, text)

        def paint(painter: QPainter, x: float, y: float) -> None:
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawText(QRectF(x, y, indent, body.height), int(_WRAP), marker)
            body.paint(painter, x + indent, y)

        return _Item(body.height, paint)

    def space(self, height: float) -> _Item:
        return _Item(height, lambda _painter, _x, _y: None)


def _illustration(path: Path | None, width: float, styles: _Styles) -> _Item | None:
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

        return _Item(height, paint_svg)
    image = QImage(str(path))
    if image.isNull():
        return None
    height = min(width * image.height() / max(1, image.width()), width * 1.2)

    def paint_image(painter: QPainter, x: float, y: float) -> None:
        target = QSizeF(image.width(), image.height()).scaled(QSizeF(width, height), Qt.AspectRatioMode.KeepAspectRatio)
        painter.drawImage(QRectF(x, y, target.width(), target.height()), image)

    return _Item(height, paint_image)


def _exercise_group(
    number: int,
    step: RoutineStep,
    timeline: Timeline,
    step_index: int,
    styles: _Styles,
    width: float,
    picture: Path | None,
) -> _Group:
    side_width = styles.mm(42 * styles.scale)
    gap = styles.mm(5)
    column = width - side_width - gap
    exercise = step.exercise
    seconds, rest = timeline.step_times()[step_index]
    timing = [POSITION_WORDS[exercise.position].capitalize()]
    if rest:
        timing.append(f"rest {duration_text(rest)} between holds")
    timing.append(f"about {duration_text(seconds)} in all" if timeline.has_untimed else duration_text(seconds))
    timing.append(f"Evidence: {EVIDENCE_WORDS[exercise.evidence].lower()}")
    items = [
        styles.text(styles.heading, styles.ink, column, f"{number}. {exercise.name}"),
        styles.space(styles.mm(0.8)),
        styles.text(styles.dose, styles.accent, column, step.dose.describe()),
        styles.text(styles.facts, styles.muted, column, " · ".join(timing)),
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
    side = _illustration(picture, side_width, styles)
    shifted = [_shift(item, side_width + gap) for item in items]
    return _Group(shifted, styles.mm(6), side, side_width)


def _shift(item: _Item, dx: float) -> _Item:
    return _Item(item.height, lambda painter, x, y: item.paint(painter, x + dx, y))


def _boxed(items: Sequence[_Item], styles: _Styles, width: float) -> _Item:
    """Items in a light tinted box with an accent bar (the therapist's note)."""
    pad = styles.mm(3.5)
    inner = sum(item.height for item in items)
    height = inner + 2 * pad

    def paint(painter: QPainter, x: float, y: float) -> None:
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(styles.tint)
        painter.drawRect(QRectF(x, y, width, height))
        painter.setBrush(styles.accent)
        painter.drawRect(QRectF(x, y, styles.mm(1.2), height))
        painter.restore()
        top = y + pad
        for item in items:
            item.paint(painter, x + pad + styles.mm(1.2), top)
            top += item.height

    return _Item(height, paint)


@dataclass(frozen=True, slots=True)
class _Extras:
    """What the handout says beyond the routine: who it is for, and the safety page."""

    details: HandoutDetails
    protocol: CrampProtocol | None
    emergency_number: str
    physio_note: bool


def _beside(left: Sequence[_Item], right: Sequence[_Item], right_x: float) -> _Item:
    """Two columns of items side by side, as tall as the taller one."""
    height = max(sum(item.height for item in left), sum(item.height for item in right))

    def paint(painter: QPainter, x: float, y: float) -> None:
        for items, dx in ((left, 0.0), (right, right_x)):
            top = y
            for item in items:
                item.paint(painter, x + dx, top)
                top += item.height

    return _Item(height, paint)


def _details(details: HandoutDetails, styles: _Styles, width: float) -> list[_Item]:
    """Patient, physiotherapist, date and contact, one to a line (blank lines to write on)."""
    return [styles.text(styles.facts, styles.ink, width, f"{name}: {value}") for name, value in detail_lines(details)]


def _safety_groups(routine: Routine, extras: _Extras, styles: _Styles, width: float) -> list[_Group]:
    """The safety page: during a cramp, the warning signs, the sources."""
    protocol = extras.protocol
    assert protocol is not None
    indent = styles.mm(5.5)
    cramp = [
        styles.text(styles.title, styles.ink, width, "If a cramp comes"),
        styles.space(styles.mm(2)),
        styles.text(styles.heading, styles.ink, width, "During a cramp"),
        styles.space(styles.mm(1)),
    ]
    for number, line in enumerate(protocol.in_short, start=1):
        cramp += [
            styles.numbered(styles.lead, styles.ink, width, f"{number}.", line, indent),
            styles.space(styles.mm(0.8)),
        ]
    cramp.append(
        styles.text(
            styles.small,
            styles.muted,
            width,
            "In the app, the big Cramp now button (or Ctrl+E) guides you through each step, one at a time.",
        )
    )
    groups = [_Group(cramp, 0, new_page=True)]
    signs = [styles.text(styles.heading, styles.ink, width, "Warning signs"), styles.space(styles.mm(1))]
    groups.append(_Group(signs, styles.mm(5)))
    for tier in protocol.red_flags:
        colour = styles.danger if tier.urgency is not Urgency.ROUTINE else styles.ink
        items = [styles.text(styles.dose, colour, width, tier.title)]
        if tier.urgency is Urgency.EMERGENCY:
            items.append(styles.text(styles.heading, colour, width, emergency_line(extras.emergency_number)))
        items += [styles.numbered(styles.body, styles.ink, width, "•", sign, styles.mm(4)) for sign in tier.signs]
        groups.append(_Group(items, styles.mm(3)))
    sources = [
        styles.text(styles.heading, styles.ink, width, "Where this advice comes from"),
        styles.text(
            styles.small,
            styles.muted,
            width,
            "Each piece of advice and how strong the support for it is. The app lists the same under Help & Sources.",
        ),
        styles.space(styles.mm(1)),
    ]
    # The sources start a page of their own: the page before is the one to keep by the bed.
    groups.append(_Group(sources, 0, new_page=True))
    for entry in source_entries(routine, protocol):
        label = f"{entry.title}: {entry.evidence.lower()}" if entry.evidence else entry.title
        items = [
            styles.text(styles.label, styles.ink, width, label),
            styles.text(styles.small, styles.ink, width, " · ".join(entry.sources)),
        ]
        groups.append(_Group(items, styles.mm(2.5)))
    return groups


def _groups(
    routine: Routine,
    disclaimer: str,
    resolve_asset: Callable[[str], Path | None],
    styles: _Styles,
    width: float,
    extras: _Extras,
) -> list[_Group]:
    timeline = compile_routine(routine)
    count = len(routine.steps)
    # Title and facts on the left, who it is for and from on the right: no extra height.
    right_width = width * 0.4
    left_width = width - right_width - styles.mm(6)
    title = [
        styles.text(styles.title, styles.ink, left_width, routine.title),
        styles.space(styles.mm(1)),
        styles.text(
            styles.facts,
            styles.muted,
            left_width,
            f"{count} exercise{'s' if count != 1 else ''} · {routine_facts(routine)}",
        ),
    ]
    header = [
        _beside(title, _details(extras.details, styles, right_width), left_width + styles.mm(6)),
        styles.space(styles.mm(2)),
        styles.text(styles.lead, styles.ink, width, routine.summary),
    ]
    groups = [_Group(header, 0)]
    inner = width - styles.mm(8.2)
    if routine.note:
        heading = note_heading(extras.details, written_by_physiotherapist=extras.physio_note)
        note = [
            styles.text(styles.label, styles.accent, inner, heading),
            styles.space(styles.mm(1)),
            styles.text(styles.body, styles.ink, inner, routine.note),
        ]
        groups.append(_Group([_boxed(note, styles, width)], styles.mm(4)))
    if routine.intro:
        setup = [
            styles.text(styles.label, styles.muted, width, "Before you start"),
            styles.text(styles.body, styles.ink, width, routine.intro),
        ]
        groups.append(_Group(setup, styles.mm(4)))
    for index, step in enumerate(routine.steps):
        path = resolve_asset(step.exercise.illustration) if step.exercise.illustration else None
        groups.append(_exercise_group(index + 1, step, timeline, index, styles, width, path))
    if extras.protocol is not None:
        groups += _safety_groups(routine, extras, styles, width)
    if disclaimer:
        closing = [
            styles.text(styles.label, styles.muted, width, "Important"),
            styles.text(styles.small, styles.muted, width, disclaimer),
        ]
        groups.append(_Group(closing, styles.mm(7)))
    return groups


def _paginate(groups: Sequence[_Group], top: float, bottom: float, left: float, styles: _Styles) -> list[_Page]:
    pages = [_Page()]
    y = top

    def new_page() -> None:
        nonlocal y
        pages.append(_Page())
        y = top

    for group in groups:
        if group.new_page and y > top:
            new_page()
        items_height = sum(item.height for item in group.items)
        height = max(items_height, group.side.height if group.side else 0.0)
        gap = group.gap_before if y > top else 0.0
        if y + gap + height > bottom and y > top and height <= bottom - top:
            new_page()
            gap = 0.0
        y += gap
        if group.side is not None and gap > 0:
            # A hairline between exercises, in the middle of the gap above.
            pages[-1].placed.append((_Item(0, _rule(styles, left)), left, y - gap / 2))
        start = y
        if group.side is not None:
            pages[-1].placed.append((group.side, left, y))
        for item in group.items:
            if y + item.height > bottom and y > top:
                new_page()
            pages[-1].placed.append((item, left, y))
            y += item.height
        if group.side is not None and y - start < group.side.height:
            y = start + group.side.height
    return pages


def _rule(styles: _Styles, left: float) -> Callable[[QPainter, float, float], None]:
    def paint(painter: QPainter, x: float, y: float) -> None:
        painter.save()
        painter.setPen(QPen(styles.rule, styles.mm(0.25)))
        width = styles.device.width() - 2 * left
        painter.drawLine(int(x), int(y), int(x + width), int(y))
        painter.restore()

    return paint


@dataclass(frozen=True, slots=True)
class _Plan:
    pages: list[_Page]
    styles: _Styles
    left: float
    footer_y: float
    width: float


def _plan(
    device: QPagedPaintDevice,
    routine: Routine,
    disclaimer: str,
    resolve_asset: Callable[[str], Path | None],
    extras: _Extras,
) -> _Plan:
    plan: _Plan | None = None
    for scale in SCALES:
        styles = _Styles(device, scale)
        left = styles.mm(16)
        width = device.width() - 2 * left
        top = styles.mm(14)
        footer_y = device.height() - styles.mm(12)
        bottom = footer_y - styles.mm(4)
        groups = _groups(routine, disclaimer, resolve_asset, styles, width, extras)
        pages = _paginate(groups, top, bottom, left, styles)
        plan = _Plan(pages, styles, left, footer_y, width)
        # Only the routine's own pages count towards the fit; the safety page is extra.
        safety = next((index for index, group in enumerate(groups) if group.new_page), len(groups))
        if len(_paginate(groups[:safety], top, bottom, left, styles)) <= MAX_PAGES:
            break
    assert plan is not None
    return plan


def _paint_footer(painter: QPainter, plan: _Plan, routine: Routine, number: int, today: datetime.date) -> None:
    styles = plan.styles
    painter.save()
    painter.setPen(QPen(styles.rule, styles.mm(0.25)))
    y = plan.footer_y
    painter.drawLine(int(plan.left), int(y), int(plan.left + plan.width), int(y))
    painter.setFont(styles.footer)
    painter.setPen(styles.muted)
    box = QRectF(plan.left, y + styles.mm(1.5), plan.width, styles.mm(6))
    painter.drawText(
        box,
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
        f"{APP_NAME} · {routine.title} · {today.isoformat()}",
    )
    painter.drawText(
        box,
        int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
        f"Page {number} of {len(plan.pages)}",
    )
    painter.restore()


def render(
    device: QPagedPaintDevice,
    routine: Routine,
    *,
    disclaimer: str,
    resolve_asset: Callable[[str], Path | None],
    today: datetime.date | None = None,
    details: HandoutDetails | None = None,
    protocol: CrampProtocol | None = None,
    emergency_number: str = "",
    physio_note: bool | None = None,
) -> int:
    """Paint the handout onto ``device`` (a PDF writer or a printer); returns the page count.

    ``details`` fills the patient, physiotherapist, date and contact lines (empty ones are
    printed as lines to write on; the date defaults to ``today``). With ``protocol`` the
    safety page is added, naming ``emergency_number`` on the emergency tier.
    ``physio_note`` says whether a physiotherapist wrote the routine's note; by default it
    is decided from the text (the built-in routines' notes are not a physiotherapist's).

    Raises:
        HandoutError: the device could not be painted on (e.g. the file cannot be created).
    """
    day = today or datetime.date.today()
    extras = _Extras(
        details=details or HandoutDetails(date=day),
        protocol=protocol,
        emergency_number=emergency_number,
        physio_note=written_by_physiotherapist(routine) if physio_note is None else physio_note,
    )
    plan = _plan(device, routine, disclaimer, resolve_asset, extras)
    painter = QPainter()
    if not painter.begin(device):
        raise HandoutError("could not start painting the handout (is the file or printer writable?)")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for number, page in enumerate(plan.pages, start=1):
            if number > 1:
                device.newPage()
            for item, x, y in page.placed:
                item.paint(painter, x, y)
            _paint_footer(painter, plan, routine, number, day)
    finally:
        painter.end()
    return len(plan.pages)


def write_pdf(
    path: Path,
    routine: Routine,
    *,
    disclaimer: str,
    resolve_asset: Callable[[str], Path | None],
    page_size: QPageSize.PageSizeId = QPageSize.PageSizeId.A4,
    today: datetime.date | None = None,
    details: HandoutDetails | None = None,
    protocol: CrampProtocol | None = None,
    emergency_number: str = "",
    physio_note: bool | None = None,
) -> int:
    """Write the handout as a PDF at ``path`` (replaced at once, never half-written); returns pages.

    Raises:
        HandoutError: the folder does not exist or is not writable, or the disk is full.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, raw = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise HandoutError(f"could not write {path}: {error.strerror}") from error
    os.close(fd)
    temp = Path(raw)
    try:
        writer = QPdfWriter(str(temp))
        writer.setResolution(300)
        writer.setPageSize(QPageSize(page_size))
        writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
        writer.setTitle(f"{routine.title}: exercise handout")
        writer.setCreator(APP_NAME)
        pages = render(
            writer,
            routine,
            disclaimer=disclaimer,
            resolve_asset=resolve_asset,
            today=today,
            details=details,
            protocol=protocol,
            emergency_number=emergency_number,
            physio_note=physio_note,
        )
        del writer  # flushes and closes the file
        with open(temp, "rb") as stream:
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except OSError as error:
        raise HandoutError(f"could not write {path}: {error.strerror or error}") from error
    finally:
        if temp.exists():
            temp.unlink()
    return pages
