"""New, duplicate, rename, delete (to the trash) and undo, for files in the user's folder.

Each action asks its questions through :class:`~.prompts.Prompts`, changes files only
through :class:`RoutineLibrary` (which never overwrites and keeps backups), and reports
through the :class:`~.host.EditorHost`. No Qt here.
"""

from __future__ import annotations

from pathlib import Path

from cramp_coach.schema.kinds import FileKind
from cramp_coach.schema.snippets import routine_template, with_title
from cramp_coach.storage.routine_library import (
    DeletedFile,
    IdClashError,
    LibraryError,
    RoutineLibrary,
    Source,
    TextFile,
    file_id,
    is_draft_file,
    is_valid_id,
    read_text,
)
from cramp_coach.ui.editor.document import EditorDocument
from cramp_coach.ui.editor.host import EditorHost
from cramp_coach.ui.editor.prompts import Prompts


def id_problem(library: RoutineLibrary, routine_id: str) -> str:
    """Why ``routine_id`` cannot name a new file in the user's folder, or ""."""
    if not is_valid_id(routine_id):
        return "Use lower-case words and digits joined by dashes, like 'bedtime-jane'."
    for candidate in (library.user_path(routine_id), library.user_path(routine_id, draft=True)):
        if candidate.exists():
            return f"'{routine_id}' is already taken ({candidate.name})."
    return ""


def unique_id(library: RoutineLibrary, base: str) -> str:
    """``base``, or ``base-2``, ``base-3``…: the first id not taken."""
    candidate = base
    number = 2
    while id_problem(library, candidate):
        candidate = f"{base}-{number}"
        number += 1
    return candidate


class FileActions:
    """The file buttons of the editor.

    Attributes:
        deleted: the last file moved to the trash, until it is restored.
    """

    def __init__(self, library: RoutineLibrary, document: EditorDocument, prompts: Prompts, host: EditorHost) -> None:
        self._library = library
        self._document = document
        self._prompts = prompts
        self._host = host
        self.deleted: DeletedFile | None = None

    def id_problem(self, routine_id: str) -> str:
        return id_problem(self._library, routine_id)

    def _created(self, path: Path) -> None:
        self._host.files_changed()
        self._host.open_file(path, ask=False)

    def new_routine(self) -> None:
        if not self._host.settle_unsaved("make a new routine"):
            return
        entries = self._library.entries()
        templates = [
            (entry.title, entry.path) for entry in entries if entry.kind is FileKind.ROUTINE and not entry.draft
        ]
        request = self._prompts.new_routine(templates, self._library.catalog.exercises, self.id_problem)
        if request is None:
            return
        try:
            if request.template is not None:
                text = with_title(read_text(request.template).text, request.title)
            else:
                exercises = [self._library.catalog.exercises[exercise_id] for exercise_id in request.exercises]
                text = routine_template(request.title, "Who this routine is for, in a sentence or two.", exercises)
            path = self._library.create(request.routine_id, text)
        except LibraryError as error:
            self._prompts.inform("Could not make the routine", str(error))
            return
        self._created(path)
        self._host.say(f"Made {path.name}.")

    def duplicate(self) -> None:
        path = self._document.path
        if path is None:
            return
        # Unsaved edits go with the copy (a "save as"); the original stays as saved on disk.
        source_text = self._document.text
        new_id = self._prompts.ask_id(
            "Duplicate",
            f"Id (file name) for your copy of {path.name}:",
            unique_id(self._library, f"{file_id(path)}-copy"),
            self.id_problem,
        )
        if new_id is None:
            return
        try:
            created = self._library.create(new_id, source_text)
        except LibraryError as error:
            self._prompts.inform("Could not duplicate", str(error))
            return
        self._created(created)
        draft = " as a draft (it has problems to fix)" if is_draft_file(created) else ""
        self._host.say(f"Copied {path.name} to {created.name}{draft}. This copy is yours to edit.")

    def rename(self) -> None:
        path = self._document.path
        if path is None or not self._document.editable:
            return
        new_id = self._prompts.ask_id(
            "Rename",
            "New id (the file name; routines are chosen by it):",
            file_id(path),
            lambda value: "" if value == file_id(path) else self.id_problem(value),
        )
        if new_id is None or new_id == file_id(path):
            return
        if self._library.find(new_id, Source.BUILTIN) is not None and not is_draft_file(path):
            choice = self._prompts.choose(
                "Replace a built-in routine?",
                f"A built-in file is called '{new_id}'. Your file will be used instead of it. Go on?",
                ["Rename and use mine"],
            )
            if choice is None:
                return
        try:
            target = self._library.rename(path, new_id)
        except IdClashError as error:
            self._prompts.inform("That id is taken", str(error))
            return
        except LibraryError as error:
            self._prompts.inform("Could not rename", str(error))
            return
        self._document.moved(target)
        self._host.files_changed()
        self._host.say(f"Renamed to {target.name}.")

    def delete(self) -> None:
        path = self._document.path
        if path is None or not self._document.editable:
            return
        if self._document.dirty:
            choice = self._prompts.choose(
                "Delete?", f"{path.name} has unsaved changes. Delete it anyway?", ["Delete with the changes"]
            )
            if choice is None:
                return
        try:
            self.deleted = self._library.delete(path)
        except LibraryError as error:
            self._prompts.inform("Could not delete", str(error))
            return
        self._host.show_loaded(None, TextFile(""))
        self._host.files_changed()
        self._host.say(f"Deleted {path.name}.", undo=True)

    def undo_delete(self) -> None:
        deleted = self.deleted
        if deleted is None:
            return
        try:
            restored = self._library.restore(deleted)
        except LibraryError as error:
            self._prompts.inform("Could not undo", str(error))
            return
        self.deleted = None
        self._created(restored)
        self._host.say(f"Restored {restored.name}.")
