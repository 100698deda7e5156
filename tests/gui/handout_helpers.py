"""Writing a patient handout in the tests: one date, so every PDF reads the same."""

from __future__ import annotations

import datetime
from pathlib import Path

from cramp_coach.domain.routine import Routine
from cramp_coach.storage.routine_library import RoutineLibrary
from cramp_coach.ui.printing import handout

DAY = datetime.date(2026, 11, 23)


def write(library: RoutineLibrary, routine: Routine, path: Path, **options: object) -> int:
    """The handout for ``routine`` as a PDF at ``path``; the number of pages."""
    return handout.write_pdf(
        path,
        routine,
        disclaimer=library.disclaimer(),
        resolve_asset=library.resolve_asset,
        today=DAY,
        **options,  # type: ignore[arg-type]
    )
