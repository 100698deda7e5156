"""The routine editor screen: arranges the three columns and wires them to the document.

Layout: a top row (Home, Save, Preview, handouts) that wraps when narrow; under it the
files (yours, built-in, the exercise library) on the left, the text in the middle with
its problems under it, and the hint and outline on the right, with dividers the user
can drag (:mod:`.columns`).

How it stays responsive: typing only restarts a parented single-shot timer
(:data:`CHECK_DELAY_MS`); when it fires, the whole text is checked once by the storage
layer (a few milliseconds for a long routine; ``benchmarks/editor_validation.py``), and
the problems, underlines and outline are redrawn. The decisions live in
:class:`~.document.EditorDocument` (no Qt), :class:`~.file_actions.FileActions`,
:class:`~.sharing.Sharing` and :class:`~.watcher.ExternalChanges`; this class only
arranges widgets and passes events on.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QMenu, QVBoxLayout, QWidget

from cramp_coach.domain.routine import Routine
from cramp_coach.domain.wording import POSITION_WORDS
from cramp_coach.schema.hints import hint_at
from cramp_coach.schema.kinds import FileKind
from cramp_coach.storage.routine_library import (
    CheckResult,
    InvalidFileError,
    LibraryError,
    RoutineLibrary,
    TextFile,
    file_id,
)
from cramp_coach.ui.dialogs.editor_dialogs import DialogPrompts
from cramp_coach.ui.editor.columns import Columns
from cramp_coach.ui.editor.document import EditorDocument
from cramp_coach.ui.editor.file_actions import FileActions
from cramp_coach.ui.editor.files_pane import FilesPane
from cramp_coach.ui.editor.host import Action
from cramp_coach.ui.editor.outline_pane import OutlinePane
from cramp_coach.ui.editor.prompts import Prompts
from cramp_coach.ui.editor.sharing import Sharing
from cramp_coach.ui.editor.text_pane import TextPane
from cramp_coach.ui.editor.top_bar import TopBar
from cramp_coach.ui.editor.watcher import ExternalChanges
from cramp_coach.ui.main_window import Screen
from cramp_coach.ui.settings import AppSettings
from cramp_coach.ui.theme import Palette

#: Quiet time after the last key press before the text is checked again.
CHECK_DELAY_MS = 300


class EditorScreen(Screen):
    """Edit, check, preview, print and share routine files.

    Args:
        library: the routine files (checked, saved and listed by the storage layer).
        preview: plays a routine at a speed (the app shows the player).
        palette: the current colours (the text's syntax colours follow them).
        prompts: answers the editor's questions; real dialogs unless given (tests
            pass a scripted fake).
        today: the date printed on handouts.
        settings: where the divider positions are remembered (none: not remembered).

    Attributes:
        document: the open file, its last check and what the outline shows (no Qt).
        top_bar: Home and the buttons for the open text.
        files_pane: the file tree, Add to routine and the file buttons.
        text_pane: the file's name, the banner, the text, its problems and the status line.
        outline_pane: the hint at the cursor and the outline.
        columns: the three panes side by side, with the remembered dividers.
        file_actions, sharing, changes: new/rename/delete, handouts and bundles, and
            files changed by other programs.
        prompts: where the questions go.

    Signals:
        back_requested(): Back was pressed and nothing unsaved is left behind.
        routines_changed(): a file in the user's folder was saved, created, renamed,
            deleted, restored or imported: the app should reload its routines.
        checked(CheckResult): the text was checked (after typing stops, or at once on
            open, save, preview and print).
    """

    back_requested = Signal()
    routines_changed = Signal()
    checked = Signal(object)

    def __init__(
        self,
        library: RoutineLibrary,
        preview: Callable[[Routine, float], None],
        palette: Callable[[], Palette],
        *,
        prompts: Prompts | None = None,
        today: Callable[[], datetime.date] = datetime.date.today,
        settings: AppSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("editor")
        self.setAccessibleName("Routine editor")
        self._library = library
        self._settings = settings
        self._preview = preview
        self._loading = False
        self._asking = False
        self._announcing = False
        self.document = EditorDocument(library)
        self.prompts: Prompts = prompts or DialogPrompts(self)
        self.file_actions = FileActions(library, self.document, self.prompts, self)
        self.sharing = Sharing(
            library,
            self.document,
            self.prompts,
            self,
            today,
            emergency_number=lambda: settings.emergency_number if settings is not None else "",
        )
        self.changes = ExternalChanges(self.document, library.user_dir, self, self)

        self._check_timer = QTimer(self)
        self._check_timer.setObjectName("editor-check")
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self._on_check_timer_timeout)

        self._build(palette)
        self.refresh_files()
        self._show_document_state()

    # -- construction -------------------------------------------------------------------

    def _build(self, palette: Callable[[], Palette]) -> None:
        self.top_bar = TopBar()
        top = self.top_bar
        top.back_button.clicked.connect(self.request_back)
        top.save_button.clicked.connect(self.save)
        top.preview_button.clicked.connect(lambda: self.play_preview(1.0))
        top.fast_button.clicked.connect(lambda: self.play_preview(10.0))
        top.handout_button.clicked.connect(lambda: self.sharing.save_handout(None))
        top.print_button.clicked.connect(self.sharing.print_handout)

        self.files_pane = FilesPane()
        files = self.files_pane
        files.file_chosen.connect(self._on_files_pane_file_chosen)
        files.exercise_chosen.connect(self._on_files_pane_exercise_chosen)
        files.add_button.clicked.connect(self.add_selected_exercise)
        import_menu = QMenu(files.import_button)
        import_menu.addAction("A routine file or zip…", lambda: self.sharing.import_from(None, folder=False))
        import_menu.addAction("A folder…", lambda: self.sharing.import_from(None, folder=True))
        files.import_button.setMenu(import_menu)
        files.new_button.clicked.connect(self.file_actions.new_routine)
        files.duplicate_button.clicked.connect(self.file_actions.duplicate)
        files.rename_button.clicked.connect(self.file_actions.rename)
        files.delete_button.clicked.connect(self.file_actions.delete)
        files.export_button.clicked.connect(lambda: self.sharing.export_to(None))

        self.text_pane = TextPane(palette)
        text = self.text_pane
        text.editor.textChanged.connect(self._on_editor_text_changed)
        text.editor.cursorPositionChanged.connect(self._on_editor_cursor_moved)
        text.undo_button.clicked.connect(self.file_actions.undo_delete)

        self.outline_pane = OutlinePane()
        self.columns = Columns(self.files_pane, self.text_pane, self.outline_pane, self._settings, self)

        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(6)
        layout.addWidget(top)
        layout.addWidget(self.columns, 1)

        save = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save)

    # -- the file list ------------------------------------------------------------------

    def refresh_files(self, *, reread: bool = True) -> None:
        """Re-read the folders (unless just done) and rebuild the list, keeping the open file selected."""
        if reread:
            self._library.refresh()
        self.changes.follow()
        self.files_pane.show_library(self._library, self.document.path)

    def follow_catalog(self, _catalog: object = None) -> None:
        """Follow a change of the app's routines (saved elsewhere, imported, reloaded).

        The app calls this when its catalog changes. While hidden nothing is done (the
        files are re-read when the screen is shown); a change this screen announced
        itself has already been read.
        """
        if self._announcing or not self.isVisible():
            return
        self.refresh_files()
        if self.document.path is not None:
            self.revalidate()  # an exercise library this text uses may have changed

    def files_changed(self, *, outside: bool = False) -> None:
        self.refresh_files(reread=outside)
        self.files_pane.select(self.document.path)
        if self.document.path is not None:
            self.changes.follow()
            self.revalidate()
        self._show_document_state()
        if not outside:
            self._announcing = True
            try:
                self.routines_changed.emit()
            finally:
                self._announcing = False

    def _on_files_pane_file_chosen(self, path: Path) -> None:
        if self._asking or path == self.document.path:  # a click and an activation: ask once
            return
        self._asking = True
        try:
            self.open_file(path)
        finally:
            self._asking = False
        self._show_document_state()

    def _on_files_pane_exercise_chosen(self, exercise_id: str) -> None:
        exercise = self._library.catalog.exercises.get(exercise_id)
        if exercise is not None:
            self.outline_pane.show_hint(
                f"{exercise.name} ({exercise.id}): {POSITION_WORDS[exercise.position]}, "
                f"{exercise.dose.describe()}. {exercise.cue}  Use “Add to routine” to append it."
            )
        self._show_document_state()

    # -- opening ------------------------------------------------------------------------

    def open_file(self, path: Path, *, ask: bool = True) -> bool:
        """Open ``path``; with unsaved changes the user is asked first. Returns whether it opened."""
        if ask and not self.settle_unsaved("open another file"):
            self.files_pane.select(self.document.path)
            return False
        try:
            self.document.open(path)
        except LibraryError as error:
            self.prompts.inform("Could not open the file", str(error))
            return False
        self._show_loaded_document()
        return True

    def show_loaded(self, path: Path | None, file: TextFile) -> None:
        """Show ``file`` (a reload keeps the cursor on its line)."""
        same = path is not None and path == self.document.path
        editor = self.text_pane.editor
        line, column = editor.cursor_position()
        self.document.load(path, file)
        self._show_loaded_document()
        if same:
            editor.go_to(line + 1, column + 1)

    def _show_loaded_document(self) -> None:
        editor = self.text_pane.editor
        self._loading = True
        try:
            editor.setPlainText(self.document.text)
        finally:
            self._loading = False
        self.changes.follow()
        editor.setReadOnly(not self.document.editable)
        self.text_pane.hide_banner()
        self.revalidate()
        self.files_pane.select(self.document.path)
        self._show_document_state()
        draft = self.document.newer_draft()
        if draft is not None:
            self.offer(
                "There is a draft of this routine with unfinished changes.",
                [("Open the draft", lambda: self._open_quietly(draft))],
            )

    def _open_quietly(self, path: Path) -> None:
        self.open_file(path)

    # -- checking -----------------------------------------------------------------------

    def _on_editor_text_changed(self) -> None:
        if self._loading:
            return
        self.document.set_text(self.text_pane.editor.toPlainText())
        self._check_timer.start()  # restarts: the check runs once typing pauses
        self._show_document_state()

    def _on_check_timer_timeout(self) -> None:
        self.revalidate()

    def revalidate(self) -> CheckResult | None:
        """Check the text now and redraw the problems and the outline."""
        self._check_timer.stop()
        result = self.document.check()
        self.text_pane.show_problems(result.issues if result is not None else (), has_document=result is not None)
        self.outline_pane.show_source(self.document.outline)
        self._show_document_state()
        if result is not None:
            self.checked.emit(result)
        return result

    def _on_editor_cursor_moved(self) -> None:
        line, column = self.text_pane.editor.cursor_position()
        hint = hint_at(self.document.text, line, column)
        self.outline_pane.show_hint(hint.text() if hint is not None else "")

    # -- state shown --------------------------------------------------------------------

    def _show_document_state(self) -> None:
        document = self.document
        entry = document.entry
        path = document.path
        editable = document.editable
        if path is None:
            title = "Routine editor: choose a file on the left, or make a new routine"
        else:
            state = []
            if entry is not None and not entry.editable:
                state.append(f"{entry.source.value}, read-only")
            if document.is_draft:
                state.append("DRAFT: not used until saved without problems")
            if document.dirty:
                state.append("unsaved changes")
            title = " · ".join([path.name, *state])
        self.text_pane.document_title.setText(title)
        if path is not None and not editable and self.text_pane.banner.isHidden():
            self.offer(
                "Built-in files are read-only. Duplicate this one to make your own version to edit.",
                [("Duplicate to edit", self.file_actions.duplicate)],
            )
        result = document.result
        self.top_bar.enable(editable=editable, playable=document.routine is not None)
        self.files_pane.enable(
            editable=editable,
            open_file=path is not None,
            exportable=path is not None and not document.is_draft,
            routine=editable and result is not None and result.kind is FileKind.ROUTINE,
        )

    def offer(self, text: str, actions: Sequence[Action]) -> None:
        self.text_pane.show_banner(text, actions, self._show_document_state)

    def say(self, text: str, *, undo: bool = False) -> None:
        self.text_pane.say(text, undo=undo)

    # -- saving -------------------------------------------------------------------------

    def save(self) -> bool:
        """Save the open file: as active when it has no problems, else (if the user agrees) as a draft."""
        document = self.document
        path = document.path
        if path is None:
            return False
        if not document.editable:
            self.say("Built-in files are read-only: duplicate this one to edit it.")
            return False
        result = self.revalidate()
        try:
            if result is not None and result.ok:
                saved = document.save()
                backup = " (the previous version is kept as a .bak file)" if saved.replaced else ""
                message = f"Saved {saved.path.name}{backup}."
            else:
                count = len(result.issues) if result is not None else 0
                choice = self.prompts.choose(
                    "Keep as a draft?",
                    f"This file has {count} problem{'s' if count != 1 else ''}, so it cannot be used as a routine "
                    f"yet. Keep your work as a draft ({file_id(path)}.draft.yaml)? Drafts are "
                    "never loaded; the saved routine stays as it was until the problems are fixed.",
                    ["Save as draft"],
                )
                if choice is None:
                    return False
                saved = document.save_draft()
                message = f"Kept as a draft: {saved.path.name}. It is not used until it is saved without problems."
        except InvalidFileError as error:  # changed on disk between the check and the save
            self.text_pane.show_problems(error.issues, has_document=True)
            self.say(str(error))
            return False
        except LibraryError as error:
            self.prompts.inform("Could not save", str(error))
            return False
        self.files_changed()
        self.say(message)
        return True

    def settle_unsaved(self, doing: str) -> bool:
        """Before leaving the text: save or discard unsaved changes, or stay. True to go on."""
        if not self.document.dirty:
            return True
        name = self.document.path.name if self.document.path is not None else "This file"
        choice = self.prompts.choose(
            "Unsaved changes",
            f"{name} has unsaved changes. Save them before you {doing}?",
            ["Save", "Discard changes"],
        )
        if choice == "Save":
            return self.save()
        return choice == "Discard changes"

    def request_back(self) -> None:
        if self.settle_unsaved("leave the editor"):
            self._check_timer.stop()
            self.back_requested.emit()

    # -- adding exercises, preview ----------------------------------------------------------

    def add_selected_exercise(self) -> None:
        exercise_id = self.files_pane.current_exercise()
        if exercise_id is None:
            self.say("Choose an exercise under “Library exercises” first.")
            return
        self.add_exercise(exercise_id)

    def add_exercise(self, exercise_id: str) -> bool:
        """Append a step for a library exercise (with its default dose written out)."""
        exercise = self._library.catalog.exercises.get(exercise_id)
        if exercise is None or not self.document.editable:
            return False
        if not self.text_pane.append_step(exercise):
            self.say("No block-style “steps:” list found to add to.")
            return False
        self.say(f"Added {exercise.name} at the end of the steps, with its usual dose.")
        return True

    def playable(self) -> Routine | None:
        self.revalidate()
        routine = self.document.routine
        if routine is None:
            self.say("Fix the problems first: only a routine without problems can be played or printed.")
        return routine

    def play_preview(self, speed: float) -> None:
        """Play the text as it is now (saved or not) in the Player."""
        routine = self.playable()
        if routine is not None:
            self._preview(routine, speed)

    # -- lifecycle ----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        margins = self._layout.contentsMargins()
        self.columns.place(self.width() - margins.left() - margins.right())
        self.refresh_files()
        if self.document.path is not None:
            self.revalidate()  # other files (the library) may have changed meanwhile

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        # Nothing runs while hidden; the text is checked again when it next changes or opens.
        self._check_timer.stop()
        self.changes.stop()
        self.columns.flush()
        super().hideEvent(event)

    def set_palette(self, palette: Palette) -> None:
        """Re-colour the text after a theme change."""
        self.text_pane.editor.set_palette(palette)
