"""Work out what importing a bundle would do, before anything is written.

:func:`plan_import` reads and checks the bundle (:mod:`.bundle_reading`), decides where
each of its files goes in the user's folder, which of them clash with different files
already there, and what they replace (:mod:`.bundle_replacements`). Nothing in the
user's folder is touched; :func:`~cramp_coach.storage.bundle_import.apply_import` writes
a plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from cramp_coach.domain.errors import Issue
from cramp_coach.schema.kinds import FileKind
from cramp_coach.schema.yamlnodes import compose
from cramp_coach.storage.bundle_reading import read_bundle
from cramp_coach.storage.bundle_replacements import (
    HiddenExercise,
    Replacement,
    find_replacements,
    hidden_exercises,
    overridden_routines,
)
from cramp_coach.storage.library import RoutineLibrary


@dataclass(frozen=True, slots=True)
class PlannedFile:
    """One file an import would write.

    Attributes:
        relative: its path inside the routines folder, e.g. ``images/stretch.svg``.
        data: its bytes.
        target: where it goes.
        clash: a different file is already there (``identical`` files are not clashes).
        identical: the very same bytes are already there; nothing needs writing.
        document: it is a routine-format file (not an image).
    """

    relative: PurePosixPath
    data: bytes
    target: Path
    clash: bool
    identical: bool
    document: bool


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What importing a bundle would do; see :func:`plan_import`.

    Attributes:
        source: the file, folder or zip given.
        files: every file the bundle brings (each document, then the pictures it names).
        issues: every validation problem; a plan with issues cannot be applied.
        routine_ids: the ids of the routines it brings.
        overrides: ids of the bundle's routines that would replace a built-in routine.
        replacements: every exercise, routine or Cramp-now protocol in force that it
            would replace, built in or the user's own; applying such a plan needs consent.
    """

    source: Path
    files: tuple[PlannedFile, ...]
    issues: tuple[Issue, ...]
    routine_ids: tuple[str, ...]
    overrides: tuple[str, ...]
    replacements: tuple[Replacement, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def clashes(self) -> tuple[PlannedFile, ...]:
        return tuple(item for item in self.files if item.clash)

    @property
    def beyond_clashes(self) -> tuple[Replacement, ...]:
        """The replacements that a question about the clashing files would not name.

        That is all of them except the user's own routines whose file is among the
        clashes: a routine's file name is its id, so "you already have jane.yaml" names it.
        """
        clashing = {str(item.relative) for item in self.clashes}
        return tuple(
            item
            for item in self.replacements
            if item.builtin or item.kind is not FileKind.ROUTINE or f"{item.id}.yaml" not in clashing
        )


def plan_import(source: Path, library: RoutineLibrary, *, new_id: str | None = None) -> ImportPlan:
    """Validate a bundle and work out what importing it would write; changes nothing.

    ``new_id`` imports the bundle's one routine under another id.

    Raises:
        BundleError: the bundle cannot be read or is unsafe (e.g. a zip entry with ``..``).
    """
    bundle = read_bundle(source, library, new_id=new_id)
    files = tuple(_planned(file.relative, file.data, library.user_dir, document=file.document) for file in bundle.files)
    routine_ids = tuple(document.id for document in bundle.documents if document.kind is FileKind.ROUTINE)
    overrides = overridden_routines(library, bundle.documents)
    unchanged = {str(item.relative) for item in files if item.document and item.identical}
    replacements = find_replacements(library, bundle.documents, unchanged)
    issues = bundle.issues + tuple(_hidden_issue(item) for item in hidden_exercises(library, bundle.documents))
    return ImportPlan(source, files, issues, routine_ids, overrides, replacements)


def describe_replacements(plan: ImportPlan) -> list[str]:
    """One line per exercise, routine or protocol the plan replaces, for a confirmation prompt."""
    return [replacement.describe() for replacement in plan.replacements]


def _planned(relative: PurePosixPath, data: bytes, user_dir: Path, *, document: bool) -> PlannedFile:
    target = user_dir.joinpath(*relative.parts)
    identical = False
    clash = False
    if target.exists():
        try:
            identical = target.is_file() and target.read_bytes() == data
        except OSError:
            identical = False
        clash = not identical
    return PlannedFile(relative, data, target, clash, identical, document)


def _hidden_issue(hidden: HiddenExercise) -> Issue:
    """An exercise that would not be used, as a problem at its id (the import is refused)."""
    field = f"exercises[{hidden.index}].id"
    line, column = _position(hidden.document.text, "exercises", hidden.index, "id")
    return Issue(
        hidden.document.label,
        line,
        column,
        field,
        f"expected an id that your own {hidden.kept_by} does not define too (it loads after "
        f"{hidden.document.name}, so its version would still be used; rename one of the two files or "
        f"the exercise), found '{hidden.id}'",
    )


def _position(text: str, *path: str | int) -> tuple[int, int]:
    """Line and column (from 1) of the value at ``path`` in valid YAML text; (0, 0) if not found."""
    try:
        node = compose(text)
        for step in path:
            if node is None:
                return 0, 0
            if isinstance(step, int):
                node = node.value[step]
            else:
                node = next(value for key, value in node.value if key.value == step)
    except (yaml.YAMLError, StopIteration, IndexError, TypeError, AttributeError):
        return 0, 0
    if node is None:
        return 0, 0
    return node.start_mark.line + 1, node.start_mark.column + 1
