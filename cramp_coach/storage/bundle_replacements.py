"""What an import would replace: built-in exercises, routines and the Cramp-now protocol.

A bundle may replace built-in content on purpose (a physiotherapist's own version of a
stretch), but never silently: each replacement is named, with the installed routines it
changes, and applying the import needs the user's consent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cramp_coach.schema.kinds import FileKind
from cramp_coach.storage.bundle_reading import BundleDocument
from cramp_coach.storage.file_errors import LibraryError
from cramp_coach.storage.library import RoutineLibrary, Source


@dataclass(frozen=True, slots=True)
class Replacement:
    """Built-in content that an import would replace, and the routines that would change.

    Attributes:
        kind: what is replaced: an exercise (from an exercise library), a routine, or
            the Cramp-now protocol.
        id: the exercise or routine id, or the protocol file's id.
        routines: ids of routines already installed that would change (for an exercise:
            those that use it; for a routine: itself).
    """

    kind: FileKind
    id: str
    routines: tuple[str, ...] = ()

    def describe(self) -> str:
        """One line for people, e.g. "the built-in exercise 'toe-pulls', used by bedtime and bedtime-seated"."""
        if self.kind is FileKind.CRAMP_PROTOCOL:
            return "the Cramp-now first-aid steps (the built-in protocol)"
        if self.kind is FileKind.ROUTINE:
            return f"the built-in routine '{self.id}'"
        used = f", used by {_and(self.routines)}" if self.routines else ", not used by any routine yet"
        return f"the built-in exercise '{self.id}'{used}"


def _and(names: Sequence[str]) -> str:
    quoted = [f"'{name}'" for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


class ReplacesBuiltInError(LibraryError):
    """The import would replace built-in content and that was not confirmed.

    Attributes:
        replacements: what would be replaced.
    """

    def __init__(self, replacements: Sequence[Replacement]) -> None:
        self.replacements = tuple(replacements)
        super().__init__("it would replace " + "; ".join(item.describe() for item in self.replacements))


def overridden_routines(library: RoutineLibrary, documents: Sequence[BundleDocument]) -> tuple[str, ...]:
    """Ids of the bundle's routines that would replace a built-in routine."""
    return tuple(
        document.id
        for document in documents
        if document.kind is FileKind.ROUTINE and library.find(document.id, Source.BUILTIN) is not None
    )


def find_replacements(
    library: RoutineLibrary, documents: Sequence[BundleDocument], overrides: Sequence[str]
) -> tuple[Replacement, ...]:
    """The built-in exercises, routines and protocol that the bundle's files would replace."""
    builtin_exercises: dict[str, Any] = {}  # id -> its validated value
    users: dict[str, list[str]] = {}  # exercise id -> installed routines that refer to it
    incoming_routines = {document.id for document in documents}
    for source, other, path in library.parsed_files():
        if source is Source.BUILTIN and other.kind is FileKind.EXERCISE_LIBRARY and other.value is not None:
            builtin_exercises.update((exercise["id"], exercise) for exercise in other.value["exercises"])
        if other.kind is FileKind.ROUTINE and path.stem not in incoming_routines:
            for reference in other.references:
                if reference.kind == "exercise" and path.stem not in users.setdefault(reference.id, []):
                    users[reference.id].append(path.stem)
    found: list[Replacement] = []
    for document in documents:
        item = document.parsed
        if item.kind is FileKind.EXERCISE_LIBRARY and item.value is not None:
            for exercise in item.value["exercises"]:
                # The very same exercise (a bundle carrying a copy of the built-ins) changes nothing.
                if exercise["id"] in builtin_exercises and builtin_exercises[exercise["id"]] != exercise:
                    routines = tuple(sorted(users.get(exercise["id"], [])))
                    found.append(Replacement(FileKind.EXERCISE_LIBRARY, exercise["id"], routines))
        elif item.kind is FileKind.CRAMP_PROTOCOL:
            found.append(Replacement(FileKind.CRAMP_PROTOCOL, item.stem))
    found += [Replacement(FileKind.ROUTINE, routine_id, (routine_id,)) for routine_id in overrides]
    return tuple(found)
