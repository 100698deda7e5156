"""Every question the routine editor may ask, behind one small protocol.

The editor never opens a dialog itself: it calls a :class:`Prompts` object given to the
screen. ``ui/dialogs/editor_dialogs.py`` answers with real (modal) dialogs; tests pass
a scripted fake (``tests/helpers/fake_prompts.py``), so no test waits on a modal window.
This module needs no Qt at run time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from cramp_coach.domain.errors import Issue
from cramp_coach.domain.handout_details import HandoutDetails
from cramp_coach.domain.routine import Exercise

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

#: Returns why an id cannot be used, or "" when it can.
IdCheck = Callable[[str], str]


def with_suffix_from(path: Path, filters: str) -> Path:
    """The path a save dialog gives back for ``path`` typed with ``filters`` chosen.

    A name typed without an extension gets the chosen filter's, all of it: ``jane`` with
    the bundle filter is ``jane.cramp.zip`` (not a folder called jane, nor ``jane.cramp``).
    """
    suffix = re.search(r"\*((?:\.\w+)+)", filters)
    if path.suffix or suffix is None:
        return path
    return path.with_name(path.name + suffix.group(1))


@dataclass(frozen=True, slots=True)
class NewRoutineRequest:
    """What the New routine dialog asked for.

    Attributes:
        routine_id: the new file's id.
        title: the routine's title.
        template: a routine file to start from, or ``None`` to build from ``exercises``.
        exercises: library exercise ids, in order, when not starting from a template.
    """

    routine_id: str
    title: str
    template: Path | None
    exercises: tuple[str, ...]


class Prompts(Protocol):
    """Every question the editor may ask the user."""

    def choose(self, title: str, text: str, options: Sequence[str]) -> str | None:
        """One of ``options`` (the first is the default), or ``None`` when cancelled."""
        ...

    def ask_id(self, title: str, text: str, suggested: str, check: IdCheck) -> str | None:
        """An id that passes ``check``, or ``None`` when cancelled."""
        ...

    def new_routine(
        self, templates: Sequence[tuple[str, Path]], exercises: Mapping[str, Exercise], check: IdCheck
    ) -> NewRoutineRequest | None: ...

    def open_path(self, title: str, *, folder: bool) -> Path | None: ...

    def save_path(self, title: str, suggested: Path, filters: str) -> Path | None:
        """Where to write, suggesting ``suggested``; a name typed without an extension gets
        the chosen filter's (:func:`with_suffix_from`). ``None`` when cancelled."""
        ...

    def show_issues(self, title: str, text: str, issues: Sequence[Issue]) -> None: ...

    def inform(self, title: str, text: str) -> None: ...

    def handout_details(self, current: HandoutDetails) -> HandoutDetails | None:
        """Who the handout is for and from, starting from ``current``; ``None`` when cancelled."""
        ...

    def printer(self) -> QPrinter | None: ...
