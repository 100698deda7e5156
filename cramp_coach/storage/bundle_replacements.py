"""What an import would replace: exercises, routines and the Cramp-now protocol in force now.

A bundle may replace content on purpose (a physiotherapist's own version of a stretch,
an updated routine), but never silently, whether the content is built in or the user's
own (from an earlier bundle or the editor): each replaced id is named, with the
installed routines it changes, and applying the import needs the user's consent.

What counts is what is in force now (built-ins, then the user's folder, later files
winning) against what the bundle brings. The same exercise again, or a file already
there byte for byte, changes nothing and is not a replacement.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from cramp_coach.schema.kinds import FileKind
from cramp_coach.storage.bundle_reading import BundleDocument
from cramp_coach.storage.file_errors import LibraryError
from cramp_coach.storage.library import RoutineLibrary, Source


@dataclass(frozen=True, slots=True)
class Replacement:
    """Content in force that an import would replace, and the routines that would change.

    Attributes:
        kind: what is replaced: an exercise (from an exercise library), a routine, or
            the Cramp-now protocol.
        id: the exercise or routine id, or the protocol file's id.
        routines: ids of routines already installed that would change (for an exercise:
            those that use it; for a routine: itself).
        source: whose it is now: built in, or the user's own (``Source.USER``).
    """

    kind: FileKind
    id: str
    routines: tuple[str, ...] = ()
    source: Source = Source.BUILTIN

    @property
    def builtin(self) -> bool:
        return self.source is Source.BUILTIN

    def describe(self) -> str:
        """One line for people, e.g. "the built-in exercise 'toe-pulls', used by 'bedtime' and 'bedtime-seated'"."""
        if self.kind is FileKind.CRAMP_PROTOCOL:
            if self.builtin:
                return "the Cramp-now first-aid steps (the built-in protocol)"
            return "your own Cramp-now first-aid steps"
        whose = "the built-in" if self.builtin else "your"
        if self.kind is FileKind.ROUTINE:
            return f"{whose} routine '{self.id}'"
        used = f", used by {_and(self.routines)}" if self.routines else ", not used by any routine yet"
        return f"{whose} exercise '{self.id}'{used}"


def _and(names: Sequence[str]) -> str:
    quoted = [f"'{name}'" for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


class ReplacesContentError(LibraryError):
    """The import would replace content in force and that was not confirmed.

    Attributes:
        replacements: what would be replaced without consent.
    """

    def __init__(self, replacements: Sequence[Replacement]) -> None:
        self.replacements = tuple(replacements)
        super().__init__("it would replace " + "; ".join(item.describe() for item in self.replacements))


class ReplacesBuiltInError(ReplacesContentError):
    """Built-in content would be replaced without consent (``replace_builtins``)."""


class ReplacesYoursError(ReplacesContentError):
    """The user's own exercises, routines or protocol would be replaced without consent (``replace``)."""


def overridden_routines(library: RoutineLibrary, documents: Sequence[BundleDocument]) -> tuple[str, ...]:
    """Ids of the bundle's routines that would replace a built-in routine."""
    return tuple(
        document.id
        for document in documents
        if document.kind is FileKind.ROUTINE and library.find(document.id, Source.BUILTIN) is not None
    )


@dataclass(frozen=True, slots=True)
class _InForce:
    """Who defines what now, from the built-ins and the user's folder (later files win)."""

    exercises: dict[str, tuple[Source, Any, str]]  # id -> (source, validated value, file name)
    routines: dict[str, Source]  # id -> source of the file that has it
    protocol: Source
    users: dict[str, list[str]]  # exercise id -> installed routines that refer to it (any folder)


def _in_force(library: RoutineLibrary) -> _InForce:
    exercises: dict[str, tuple[Source, Any, str]] = {}
    routines: dict[str, Source] = {}
    protocol = Source.BUILTIN  # the compiled-in protocol stands in when no file loads
    users: dict[str, list[str]] = {}
    for source, parsed, path in library.parsed_files():
        if parsed.kind is FileKind.ROUTINE:  # one the bundle replaces too is named twice: both change it
            for reference in parsed.references:
                if reference.kind == "exercise" and path.stem not in users.setdefault(reference.id, []):
                    users[reference.id].append(path.stem)
        if source not in (Source.BUILTIN, Source.USER):
            continue  # an import goes into the user's folder; a --routines folder is not replaced
        if parsed.kind is FileKind.EXERCISE_LIBRARY and parsed.ok and parsed.value is not None:
            exercises.update((exercise["id"], (source, exercise, path.name)) for exercise in parsed.value["exercises"])
        elif parsed.kind is FileKind.ROUTINE:
            routines[path.stem] = source  # even a broken file of the user's is theirs to keep
        elif parsed.kind is FileKind.CRAMP_PROTOCOL and parsed.ok:
            protocol = source
    return _InForce(exercises, routines, protocol, users)


@dataclass(frozen=True, slots=True)
class HiddenExercise:
    """An exercise the bundle brings that would not be used: the user's own file keeps its version.

    Files in one folder load in name order and the later one wins, so a bundle's
    ``exercises-v2.yaml`` cannot replace what the user's ``physio-exercises.yaml``
    defines. Importing it anyway would drop the new version silently.

    Attributes:
        document: the bundle's exercise library.
        index: the exercise's place in its ``exercises`` list.
        id: the exercise id.
        kept_by: the name of the user's file whose version would stay in force.
    """

    document: BundleDocument
    index: int
    id: str
    kept_by: str


def hidden_exercises(library: RoutineLibrary, documents: Sequence[BundleDocument]) -> tuple[HiddenExercise, ...]:
    """The exercises of the bundle that a later-loading file of the user's would hide."""
    now = _in_force(library)
    targets = {document.name for document in documents}
    found: list[HiddenExercise] = []
    for document in documents:
        item = document.parsed
        if item.kind is not FileKind.EXERCISE_LIBRARY or item.value is None:
            continue
        for index, exercise in enumerate(item.value["exercises"]):
            current = now.exercises.get(exercise["id"])
            if current is None:
                continue
            source, value, file_name = current
            if source is Source.USER and file_name not in targets and file_name > document.name and value != exercise:
                found.append(HiddenExercise(document, index, exercise["id"], file_name))
    return tuple(found)


def find_replacements(
    library: RoutineLibrary, documents: Sequence[BundleDocument], unchanged: Collection[str] = ()
) -> tuple[Replacement, ...]:
    """The exercises, routines and protocol in force that the bundle's documents would replace.

    ``unchanged`` names the documents already in the user's folder byte for byte: they
    replace nothing.
    """
    now = _in_force(library)
    targets = {document.name for document in documents}
    found: list[Replacement] = []
    for document in documents:
        if document.name in unchanged:
            continue
        item = document.parsed
        if item.kind is FileKind.EXERCISE_LIBRARY and item.value is not None:
            for exercise in item.value["exercises"]:
                current = now.exercises.get(exercise["id"])
                if current is None:
                    continue
                source, value, file_name = current
                if value == exercise:
                    continue  # the very same exercise (e.g. a copy of the built-ins) changes nothing
                if source is Source.USER and file_name not in targets and file_name > document.name:
                    continue  # the user's own file loads later and stays in force: a HiddenExercise
                routines = tuple(sorted(now.users.get(exercise["id"], [])))
                found.append(Replacement(FileKind.EXERCISE_LIBRARY, exercise["id"], routines, source))
        elif item.kind is FileKind.CRAMP_PROTOCOL:
            found.append(Replacement(FileKind.CRAMP_PROTOCOL, item.stem, (), now.protocol))
    for document in documents:
        if document.kind is FileKind.ROUTINE and document.id in now.routines and document.name not in unchanged:
            found.append(Replacement(FileKind.ROUTINE, document.id, (document.id,), now.routines[document.id]))
    return tuple(found)
