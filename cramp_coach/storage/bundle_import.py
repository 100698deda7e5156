"""Write a checked import plan into the user's folder, all or nothing.

The files go through :func:`~cramp_coach.storage.atomic.atomic_write_many`: each is
written and flushed beside its target first, replaced files keep a ``.bak``, and a
failure half-way puts back everything already swapped in. A plan with problems, or one
that would replace something without the user's consent (built-in content, or the user's
own files, exercises, routines or protocol), writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cramp_coach.domain.wording import plural
from cramp_coach.storage.atomic import atomic_write_many
from cramp_coach.storage.bundle_plan import ImportPlan, PlannedFile
from cramp_coach.storage.bundle_replacements import ReplacesBuiltInError, ReplacesYoursError
from cramp_coach.storage.file_errors import BundleError, LibraryError
from cramp_coach.storage.library import RoutineLibrary


class ImportClashError(LibraryError):
    """Files in the bundle would replace different files already in the user's folder.

    Attributes:
        clashes: the planned files that clash.
    """

    def __init__(self, clashes: Sequence[PlannedFile]) -> None:
        self.clashes = tuple(clashes)
        names = ", ".join(str(item.relative) for item in self.clashes)
        super().__init__(f"already in your routines folder: {names}")


def apply_import(
    plan: ImportPlan, library: RoutineLibrary, *, replace: bool = False, replace_builtins: bool = False
) -> list[Path]:
    """Write a clean plan into the user's folder; returns the files written.

    ``replace`` is the user's consent to replacing what is theirs: their files (each
    keeps a ``.bak``) and their exercises, routines or protocol among
    :attr:`ImportPlan.replacements`; ``replace_builtins`` is the consent to replacing
    the built-in ones.

    Raises:
        BundleError: the plan has validation issues (nothing written).
        ReplacesBuiltInError: it replaces built-in content without consent (nothing written).
        ImportClashError: files clash and ``replace`` is false (nothing written).
        ReplacesYoursError: it replaces the user's own content without consent (nothing written).
        LibraryError: writing failed; everything was put back.
    """
    if not plan.ok:
        raise BundleError(f"{plural(len(plan.issues), 'problem')} in {plan.source}; nothing was imported")
    builtin = [item for item in plan.replacements if item.builtin]
    if builtin and not replace_builtins:
        raise ReplacesBuiltInError(builtin)
    if plan.clashes and not replace:
        raise ImportClashError(plan.clashes)
    yours = [item for item in plan.replacements if not item.builtin]
    if yours and not replace:
        raise ReplacesYoursError(yours)
    writes = [(item.target, item.data) for item in plan.files if not item.identical]
    if writes:
        atomic_write_many(writes)
    library.refresh()
    return [target for target, _data in writes]
