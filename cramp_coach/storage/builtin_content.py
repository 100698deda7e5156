"""Facts about the content shipped with the app, for callers that must tell it apart from a user's own."""

from __future__ import annotations

import functools

from cramp_coach import paths


@functools.cache
def builtin_routine_notes() -> frozenset[str]:
    """The notes of the built-in routines: text no physiotherapist wrote for this patient."""
    from cramp_coach.storage.routine_library import load_catalog

    catalog = load_catalog(builtin_dir=paths.builtin_routines_dir())
    return frozenset(routine.note for routine in catalog.routines.values() if routine.note)
