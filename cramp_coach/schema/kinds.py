"""The three kinds of routine-format file, as one enum instead of loose strings.

Each file says what it holds in its ``kind:`` field. :class:`FileKind` is a ``str``
enum, so ``FileKind.ROUTINE == "routine"`` and a kind read from a file compares equal
to the text written in it.
"""

from __future__ import annotations

from enum import Enum


class FileKind(str, Enum):
    """What a routine-format file holds (its ``kind:`` field)."""

    EXERCISE_LIBRARY = "exercise_library"
    ROUTINE = "routine"
    CRAMP_PROTOCOL = "cramp_protocol"

    def __str__(self) -> str:
        # The text as written in files, also in f-strings on every Python version.
        return self.value

    @property
    def label(self) -> str:
        """How the file is named for people when it has no title of its own."""
        return _TITLES[self]

    @property
    def shipped_id(self) -> str | None:
        """The id (file name) of the built-in file of this kind, reserved for it.

        Routines have many files and no reserved name.
        """
        return _SHIPPED_IDS.get(self)

    @classmethod
    def parse(cls, text: str | None) -> FileKind | None:
        """The kind written as ``text``, or ``None`` for anything else."""
        try:
            return cls(text)
        except ValueError:
            return None


_TITLES = {
    FileKind.EXERCISE_LIBRARY: "Exercise library",
    FileKind.ROUTINE: "Routine",
    FileKind.CRAMP_PROTOCOL: "Cramp-now protocol",
}

_SHIPPED_IDS = {
    FileKind.EXERCISE_LIBRARY: "exercises",
    FileKind.CRAMP_PROTOCOL: "cramp-now",
}

#: Ids that only a file of the matching kind may use (``--as exercises`` is not a routine name).
RESERVED_IDS: dict[str, FileKind] = {shipped: kind for kind, shipped in _SHIPPED_IDS.items()}
