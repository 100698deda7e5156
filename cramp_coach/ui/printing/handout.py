"""The patient handout: a routine on one or two pages, for paper or a PDF.

What it shows, top to bottom: the routine's title and facts, who it is for and from,
the routine's note and set-up (:mod:`.handout_front`); each exercise with its picture,
dose, evidence label, steps and cautions (:mod:`.handout_exercise`). Given the Cramp-now
protocol, a safety page follows: the first aid in a few lines and the three tiers of
warning signs with the emergency number, closed by the disclaimer; then a page saying
where each piece of advice comes from (:mod:`.handout_safety`). Without the protocol the
disclaimer closes the routine's pages. Every page has a
plain footer with the app's name, the routine and the page number: no QR code, no web
address. What the words are is decided Qt-free in :mod:`cramp_coach.domain.handout_content`.

It is painted with QPainter, so the same code writes a PDF (``QPdfWriter``, headless:
the ``cramp-coach handout`` command) and prints (``QPrinter``, the editor's Print
button).

Layout is measured first, painted second (:mod:`.layout`): that way the footer knows
the page count, and if the routine does not fit on two pages the type and pictures are
scaled down a little (to 88 % at most) and measured again; a routine still too long
takes a third page rather than becoming hard to read. The safety page starts on a page
of its own and is not counted in that fitting: it is the page to pin up by the bed.
"""

from __future__ import annotations

import datetime
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPainter, QPdfWriter

from cramp_coach.domain.errors import CrampCoachError
from cramp_coach.domain.handout_details import HandoutDetails
from cramp_coach.domain.protocol import CrampProtocol
from cramp_coach.domain.routine import Routine
from cramp_coach.domain.timeline import compile_routine
from cramp_coach.domain.wording import date_text
from cramp_coach.ui.printing.handout_exercise import exercise_group
from cramp_coach.ui.printing.handout_front import front_groups
from cramp_coach.ui.printing.handout_safety import safety_page_groups, sources_groups
from cramp_coach.ui.printing.layout import Group, Page, Styles, hairline, paginate
from cramp_coach.ui.printing.print_setup import PAGE_SIZES, default_page_size, emergency_number, gui_application

__all__ = [
    "APP_NAME",
    "PAGE_SIZES",
    "HandoutError",
    "default_page_size",
    "emergency_number",
    "gui_application",
    "render",
    "write_pdf",
    "written_by_physiotherapist",
]

APP_NAME = "Cramp Coach"
# Successive type scales tried until the handout fits on MAX_PAGES. Never smaller than
# 88 % (8.8 pt steps): many readers are older, and a third page beats squinting.
SCALES = (1.0, 0.94, 0.88)
MAX_PAGES = 2


class HandoutError(CrampCoachError):
    """The handout could not be written (no permission, disk full, bad folder)."""


def written_by_physiotherapist(routine: Routine) -> bool:
    """Whether the routine's note is someone's own: not the note of a built-in routine."""
    from cramp_coach.storage.builtin_content import builtin_routine_notes

    return bool(routine.note) and routine.note not in builtin_routine_notes()


@dataclass(frozen=True, slots=True)
class _Extras:
    """What the handout says beyond the routine: who it is for, and the safety page."""

    details: HandoutDetails
    protocol: CrampProtocol | None
    emergency_number: str
    physio_note: bool


def _groups(
    routine: Routine,
    disclaimer: str,
    resolve_asset: Callable[[str], Path | None],
    styles: Styles,
    width: float,
    extras: _Extras,
) -> list[Group]:
    timeline = compile_routine(routine)
    groups = front_groups(routine, extras.details, styles, width, physio_note=extras.physio_note)
    for index, step in enumerate(routine.steps):
        path = resolve_asset(step.exercise.illustration) if step.exercise.illustration else None
        groups.append(exercise_group(index + 1, step, timeline, index, styles, width, path))
    if extras.protocol is not None:
        groups += safety_page_groups(extras.protocol, extras.emergency_number, styles, width)
    if disclaimer:
        # After the warning signs when there are any: it ends with what to do in an emergency.
        closing = [
            styles.text(styles.label, styles.muted, width, "Important"),
            styles.text(styles.small, styles.ink, width, disclaimer),  # grey small print is hard to read
        ]
        groups.append(Group(closing, styles.mm(7)))
    if extras.protocol is not None:
        groups += sources_groups(routine, extras.protocol, styles, width)
    return groups


@dataclass(frozen=True, slots=True)
class _Plan:
    pages: list[Page]
    styles: Styles
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
        styles = Styles(device, scale)
        left = styles.mm(16)
        width = device.width() - 2 * left
        top = styles.mm(14)
        footer_y = device.height() - styles.mm(12)
        bottom = footer_y - styles.mm(4)
        groups = _groups(routine, disclaimer, resolve_asset, styles, width, extras)
        pages = paginate(groups, top, bottom, left, styles)
        plan = _Plan(pages, styles, left, footer_y, width)
        # Only the routine's own pages count towards the fit; the safety page is extra.
        safety = next((index for index, group in enumerate(groups) if group.new_page), len(groups))
        if len(paginate(groups[:safety], top, bottom, left, styles)) <= MAX_PAGES:
            break
    assert plan is not None
    return plan


def _paint_footer(painter: QPainter, plan: _Plan, routine: Routine, number: int, today: datetime.date) -> None:
    styles = plan.styles
    y = plan.footer_y
    hairline(styles, plan.width).paint(painter, plan.left, y)
    painter.save()
    painter.setFont(styles.footer)
    painter.setPen(styles.muted)
    box = QRectF(plan.left, y + styles.mm(1.5), plan.width, styles.mm(6))
    painter.drawText(
        box,
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
        f"{APP_NAME} · {routine.title} · {date_text(today)}",  # written as the date at the top is
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
