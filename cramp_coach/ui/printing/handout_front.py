"""The top of the handout: title and facts, who it is for and from, the routine's note, the set-up.

The details (patient, physiotherapist, date, contact) sit to the right of the title, so
they cost no height; empty ones are printed as lines to write on. The routine's note is
headed "From your physiotherapist" only when a physiotherapist wrote it, never over the
built-in note.
"""

from __future__ import annotations

from cramp_coach.domain.handout_content import detail_lines, note_heading, routine_line
from cramp_coach.domain.handout_details import HandoutDetails
from cramp_coach.domain.routine import Routine
from cramp_coach.ui.printing.layout import Group, Item, Styles, beside, boxed


def details_column(details: HandoutDetails, styles: Styles, width: float) -> list[Item]:
    """Patient, physiotherapist, date and contact, one to a line (blank lines to write on)."""
    return [styles.text(styles.facts, styles.ink, width, f"{name}: {value}") for name, value in detail_lines(details)]


def front_groups(
    routine: Routine, details: HandoutDetails, styles: Styles, width: float, *, physio_note: bool
) -> list[Group]:
    """The header, then the note (if any) in a tinted box, then "Before you start" (if any)."""
    right_width = width * 0.4
    left_width = width - right_width - styles.mm(6)
    title = [
        styles.text(styles.title, styles.ink, left_width, routine.title),
        styles.space(styles.mm(1)),
        styles.text(styles.facts, styles.muted, left_width, routine_line(routine)),
    ]
    header = [
        beside(title, details_column(details, styles, right_width), left_width + styles.mm(6)),
        styles.space(styles.mm(2)),
        styles.text(styles.lead, styles.ink, width, routine.summary),
    ]
    groups = [Group(header, 0)]
    inner = width - styles.mm(8.2)
    if routine.note:
        note = [
            styles.text(
                styles.label, styles.accent, inner, note_heading(details, written_by_physiotherapist=physio_note)
            ),
            styles.space(styles.mm(1)),
            styles.text(styles.body, styles.ink, inner, routine.note),
        ]
        groups.append(Group([boxed(note, styles, width)], styles.mm(4)))
    if routine.intro:
        setup = [
            styles.text(styles.label, styles.muted, width, "Before you start"),
            styles.text(styles.body, styles.ink, width, routine.intro),
        ]
        groups.append(Group(setup, styles.mm(4)))
    return groups
