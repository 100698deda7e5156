"""What the editor's actions (files, sharing, outside changes) ask of the screen.

The action modules decide and talk to the library; the screen owns the widgets. This
protocol is the whole of what they may ask it, so each module reads on its own and can
be driven by a fake.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from cramp_coach.domain.routine import Routine
from cramp_coach.storage.routine_library import TextFile

#: A caption and what pressing it does.
Action = tuple[str, Callable[[], None]]


class EditorHost(Protocol):
    def say(self, text: str, *, undo: bool = False) -> None:
        """Show ``text`` in the status line (with an Undo button for a delete)."""
        ...

    def offer(self, text: str, actions: Sequence[Action]) -> None:
        """Show ``text`` in the banner above the text, with up to two buttons."""
        ...

    def open_file(self, path: Path, *, ask: bool = True) -> bool:
        """Open ``path`` (asking first about unsaved changes unless ``ask`` is false)."""
        ...

    def show_loaded(self, path: Path | None, file: TextFile) -> None:
        """Put ``file`` (read from ``path``) in the editor without asking anything."""
        ...

    def settle_unsaved(self, doing: str) -> bool:
        """Save or discard unsaved changes, or stay; true to go on with ``doing``."""
        ...

    def save(self) -> bool: ...

    def files_changed(self, *, outside: bool = False) -> None:
        """Show the files as they are now.

        By default the change was made through the library (which has re-read its
        folders) and the app reloads its routines; with ``outside`` another program
        changed the folder, which is re-read first.
        """
        ...

    def playable(self) -> Routine | None:
        """The routine in the text, checked now, or ``None`` (after saying why)."""
        ...
