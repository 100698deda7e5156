"""The handout's last pages: what to do during a cramp, the warning signs, and the sources.

The safety page starts on a page of its own (it is the page to pin up by the bed; the
disclaimer closes it); the sources follow on another, for the reader's doctor: each
piece of advice with its evidence label and source numbers, then the numbered sources. Both repeat on paper what the app
shows under Cramp now and Help & Sources.
"""

from __future__ import annotations

from cramp_coach.domain.handout_content import emergency_line, numbered_references, source_entries
from cramp_coach.domain.protocol import CrampProtocol, Urgency
from cramp_coach.domain.routine import Routine
from cramp_coach.ui.printing.layout import Group, Styles


def first_aid_group(protocol: CrampProtocol, styles: Styles, width: float) -> Group:
    """ "If a cramp comes": the first aid in a few numbered lines."""
    indent = styles.mm(5.5)
    items = [
        styles.text(styles.title, styles.ink, width, "If a cramp comes"),
        styles.space(styles.mm(2)),
        styles.text(styles.heading, styles.ink, width, "During a cramp"),
        styles.space(styles.mm(1)),
    ]
    for number, line in enumerate(protocol.in_short, start=1):
        items += [
            styles.numbered(styles.lead, styles.ink, width, f"{number}.", line, indent),
            styles.space(styles.mm(0.8)),
        ]
    items.append(
        styles.text(
            styles.small,
            styles.muted,
            width,
            "In the app, the big Cramp now button (or Ctrl+E) guides you through each step, one at a time.",
        )
    )
    return Group(items, 0, new_page=True)


def warning_sign_groups(protocol: CrampProtocol, emergency_number: str, styles: Styles, width: float) -> list[Group]:
    """The three tiers, most urgent first, the emergency number under the first."""
    groups = [
        Group(
            [styles.text(styles.heading, styles.ink, width, "Warning signs"), styles.space(styles.mm(1))], styles.mm(5)
        )
    ]
    for tier in protocol.red_flags:
        colour = styles.danger if tier.urgency is not Urgency.ROUTINE else styles.ink
        items = [styles.text(styles.dose, colour, width, tier.title)]
        if tier.urgency is Urgency.EMERGENCY:
            items.append(styles.text(styles.heading, colour, width, emergency_line(emergency_number)))
        items += [styles.numbered(styles.lead, styles.ink, width, "•", sign, styles.mm(4.5)) for sign in tier.signs]
        groups.append(Group(items, styles.mm(3)))
    return groups


def sources_groups(routine: Routine, protocol: CrampProtocol, styles: Styles, width: float) -> list[Group]:
    """Each piece of advice with its evidence label and source numbers, then the numbered sources."""
    entries = source_entries(routine, protocol)
    references = numbered_references(entries)
    heading = [
        styles.text(styles.heading, styles.ink, width, "Where this advice comes from"),
        styles.text(
            styles.small,
            styles.muted,
            width,
            "Each piece of advice, how strong the support for it is, and its sources (numbered in the list "
            "below). The app lists the same under Help & Sources.",
        ),
        styles.space(styles.mm(1)),
    ]
    # The sources start a page of their own: the page before is the one to keep by the bed.
    groups = [Group(heading, 0, new_page=True)]
    for entry, numbers in zip(entries, references.numbers, strict=True):
        label = f"{entry.title}: {entry.evidence.lower()}" if entry.evidence else entry.title
        items = [styles.text(styles.label, styles.ink, width, label)]
        if numbers:
            cited = ", ".join(str(number) for number in sorted(numbers))
            items.append(styles.text(styles.small, styles.muted, width, f"Sources: {cited}"))
        groups.append(Group(items, styles.mm(2)))
    if references.sources:
        groups.append(Group([styles.text(styles.label, styles.muted, width, "Sources")], styles.mm(4)))
        indent = styles.mm(7)
        for number, source in enumerate(references.sources, start=1):
            line = styles.numbered(styles.small, styles.ink, width, f"{number}.", source, indent)
            groups.append(Group([line], styles.mm(0.5)))
    return groups


def safety_page_groups(protocol: CrampProtocol, emergency_number: str, styles: Styles, width: float) -> list[Group]:
    """The page to keep by the bed: during a cramp, then the warning signs."""
    return [first_aid_group(protocol, styles, width), *warning_sign_groups(protocol, emergency_number, styles, width)]
