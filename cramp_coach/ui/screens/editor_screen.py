"""The routine editor: YAML text with live checking, an outline, preview, handouts and sharing.

Layout: the files (yours, built-in, the exercise library) on the left; the text in the
middle with the hint for the key at the cursor and the list of problems under it; the
outline (exercises, doses, total time) on the right.

How it stays responsive: typing only restarts a parented single-shot timer
(:data:`CHECK_DELAY_MS`); when it fires, the whole text is checked once by the storage
layer (a few milliseconds for a long routine; ``benchmarks/editor_validation.py``), and
the problems, underlines and outline are redrawn. The screen never parses YAML, writes
files or computes durations itself: it asks :class:`RoutineLibrary`, the bundle
functions, the timeline compiler and the handout renderer.

Safety: built-in and ``--routines`` files open read-only ("Duplicate to edit"); only a
file without problems is saved as active (atomically, keeping a ``.bak``), otherwise it
can be kept as a clearly marked draft that never loads; a file changed by another
program is reloaded, or the user is asked when there are unsaved changes here.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cramp_coach.domain.errors import Issue
from cramp_coach.domain.routine import Routine
from cramp_coach.domain.timeline import compile_routine
from cramp_coach.domain.wording import POSITION_WORDS, clock_text, minutes_text
from cramp_coach.schema.hints import hint_at
from cramp_coach.schema.snippets import routine_template, step_text, steps_insert_line, with_title
from cramp_coach.storage.bundles import BundleError, ImportPlan, apply_import, export_bundle, plan_import
from cramp_coach.storage.routine_library import (
    CheckResult,
    DeletedFile,
    IdClashError,
    InvalidFileError,
    LibraryEntry,
    LibraryError,
    RoutineLibrary,
    Source,
    TextFile,
    file_id,
    is_draft_file,
    is_valid_id,
    read_text,
)
from cramp_coach.ui.dialogs.editor_dialogs import DialogPrompts, Prompts
from cramp_coach.ui.printing import handout
from cramp_coach.ui.theme import Palette
from cramp_coach.ui.widgets.common import button, card, label, restyle
from cramp_coach.ui.widgets.yaml_editor import YamlEditor

#: Quiet time after the last key press before the text is checked again.
CHECK_DELAY_MS = 300
#: Quiet time after a change in the routines folder before the file list is re-read.
FOLDER_DELAY_MS = 400

ISSUE_ROLE = Qt.ItemDataRole.UserRole
ENTRY_ROLE = Qt.ItemDataRole.UserRole
EXERCISE_ROLE = Qt.ItemDataRole.UserRole + 1

SOURCE_GROUPS = {
    Source.USER: "Your routines",
    Source.EXTRA: "From the --routines folder (read-only)",
    Source.BUILTIN: "Built-in (read-only)",
}


def issue_text(issue: Issue) -> str:
    """How a problem reads in the list: ``line:column: field: message``."""
    where = f"{issue.line}:{issue.column}"
    return f"{where}: {issue.field}: {issue.message}" if issue.field else f"{where}: {issue.message}"


class EditorScreen(QWidget):
    """Edit, check, preview, print and share routine files.

    Attributes:
        editor: the text editor.
        problems: the list of problems under it (click one to jump there).
        outline: the exercises of the last version without problems.

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
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("editor")
        self._library = library
        self._preview = preview
        self._palette = palette
        self._prompts: Prompts = prompts or DialogPrompts(self)
        self._today = today
        self._path: Path | None = None
        self._file = TextFile("")
        self._disk_text = ""
        self._result: CheckResult | None = None
        self._last_good: CheckResult | None = None
        self._outlined: object = None  # what the outline shows, to skip redrawing the same
        self._deleted: DeletedFile | None = None
        self._loading = False
        self._asking = False

        self._check_timer = QTimer(self)
        self._check_timer.setObjectName("editor-check")
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self._on_check_timer_timeout)
        self._folder_timer = QTimer(self)
        self._folder_timer.setObjectName("editor-folder")
        self._folder_timer.setSingleShot(True)
        self._folder_timer.setInterval(FOLDER_DELAY_MS)
        self._folder_timer.timeout.connect(self._on_folder_timer_timeout)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_watcher_file_changed)
        self.watcher.directoryChanged.connect(self._on_watcher_directory_changed)

        self._build()
        self.refresh_files()
        self._show_document_state()

    # -- construction -------------------------------------------------------------------

    def _build(self) -> None:
        self.back_button = button("← Home", "quiet", accessible="Back to Home")
        self.new_button = button("New…", accessible="New routine")
        self.duplicate_button = button("Duplicate…", accessible="Duplicate this file to edit it")
        self.rename_button = button("Rename…", accessible="Rename this file (its id)")
        self.delete_button = button("Delete", accessible="Delete this file (you can undo)")
        self.import_button = button("Import…", accessible="Import a routine file, folder or zip")
        self.export_button = button("Export…", accessible="Export this routine with its images")
        import_menu = QMenu(self.import_button)
        import_menu.addAction("A routine file or zip…", lambda: self.import_from(None, folder=False))
        import_menu.addAction("A folder…", lambda: self.import_from(None, folder=True))
        self.import_button.setMenu(import_menu)
        self.back_button.clicked.connect(self.request_back)
        self.new_button.clicked.connect(self.new_routine)
        self.duplicate_button.clicked.connect(self.duplicate)
        self.rename_button.clicked.connect(self.rename)
        self.delete_button.clicked.connect(self.delete)
        self.export_button.clicked.connect(lambda: self.export_to(None))

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(label("Routine editor", "heading", wrap=False))
        top.addStretch(1)
        for widget in (
            self.new_button,
            self.duplicate_button,
            self.rename_button,
            self.delete_button,
            self.import_button,
            self.export_button,
        ):
            top.addWidget(widget)

        # Left: the files and the exercise library.
        self.files = QTreeWidget()
        self.files.setHeaderHidden(True)
        self.files.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.files.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.files.setAccessibleName("Routine files and library exercises")
        self.files.itemActivated.connect(self._on_files_item_activated)
        self.files.itemClicked.connect(self._on_files_item_activated)
        self.add_button = button("Add to routine", accessible="Add the selected exercise to this routine")
        self.add_button.clicked.connect(self.add_selected_exercise)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.files, 1)
        left_layout.addWidget(self.add_button)

        # Middle: the text, the hint and the problems.
        self.document_title = label("", "heading", wrap=False)
        self.document_title.setAccessibleName("Open file")
        self.banner = card()
        self.banner.setProperty("role", "banner")
        self.banner_text = label("")
        self.banner_primary = button("", "quiet")
        self.banner_secondary = button("", "quiet")
        self.banner_primary.clicked.connect(lambda: self._on_banner_clicked(0))
        self.banner_secondary.clicked.connect(lambda: self._on_banner_clicked(1))
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(14, 8, 14, 8)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.banner_primary)
        banner_layout.addWidget(self.banner_secondary)
        self._banner_actions: list[Callable[[], None]] = []
        self.banner.hide()
        self.editor = YamlEditor(self._palette)
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self.editor.cursorPositionChanged.connect(self._on_editor_cursor_moved)
        self.hint = label("", "hint")
        self.hint.setAccessibleName("Hint for the field at the cursor")
        self.problems_title = label("", "muted", wrap=False)
        self.problems = QListWidget()
        self.problems.setProperty("role", "problems")
        self.problems.setAccessibleName("Problems in this file: activate one to go there")
        self.problems.itemClicked.connect(self._on_problems_item_clicked)
        self.problems.itemActivated.connect(self._on_problems_item_clicked)
        self.problems.setWordWrap(True)
        self.problems.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Fixed, so the text does not jump when problems come and go while typing.
        self.problems.setFixedHeight(118)
        self.save_button = button("Save", "primary", accessible="Save (Ctrl+S)")
        self.preview_button = button("▶ Preview", accessible="Play this routine now, without saving")
        self.fast_button = button("▶ 10×", accessible="Play this routine at ten times the speed")
        self.handout_button = button("Handout PDF…", accessible="Save a patient handout as a PDF")
        self.print_button = button("Print…", accessible="Print a patient handout")
        self.save_button.clicked.connect(self.save)
        self.preview_button.clicked.connect(lambda: self.play_preview(1.0))
        self.fast_button.clicked.connect(lambda: self.play_preview(10.0))
        self.handout_button.clicked.connect(lambda: self.save_handout(None))
        self.print_button.clicked.connect(self.print_handout)
        actions = QHBoxLayout()
        for widget in (self.save_button, self.preview_button, self.fast_button, self.handout_button, self.print_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        self.status = label("", "notice")
        self.status.setAccessibleName("Status")
        self.undo_button = button("Undo", "quiet", accessible="Undo the delete")
        self.undo_button.clicked.connect(self.undo_delete)
        self.undo_button.hide()
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.undo_button)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.setSpacing(6)
        middle_layout.addWidget(self.document_title)
        middle_layout.addWidget(self.banner)
        middle_layout.addWidget(self.editor, 1)
        middle_layout.addWidget(self.hint)
        middle_layout.addWidget(self.problems_title)
        middle_layout.addWidget(self.problems)
        middle_layout.addLayout(actions)
        middle_layout.addLayout(status_row)

        # Right: the outline.
        self.outline_title = label("", "heading")
        self.outline_facts = label("", "muted")
        self.outline_facts.setAccessibleName("Total time")
        self.outline_stale = label("", "notice")
        self.outline = QListWidget()
        self.outline.setProperty("role", "outline")
        self.outline.setAccessibleName("Outline: exercises and doses")
        self.outline.setWordWrap(True)
        self.outline.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        right = QFrame()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(label("Outline", "muted", wrap=False))
        right_layout.addWidget(self.outline_title)
        right_layout.addWidget(self.outline_facts)
        right_layout.addWidget(self.outline_stale)
        right_layout.addWidget(self.outline, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([280, 680, 300])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        save = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save)

    # -- the file list ------------------------------------------------------------------

    def refresh_files(self) -> None:
        """Re-read the folders and rebuild the list, keeping the open file selected."""
        self._library.refresh()
        self._watch_folder()
        blocker = QSignalBlocker(self.files)
        self.files.clear()
        groups: dict[Source, QTreeWidgetItem] = {}
        for source in (Source.USER, Source.EXTRA, Source.BUILTIN):
            if source is Source.EXTRA and self._library.extra_dir is None:
                continue
            group = QTreeWidgetItem([SOURCE_GROUPS[source]])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.files.addTopLevelItem(group)
            groups[source] = group
        for entry in self._library.entries():
            item = QTreeWidgetItem([self._entry_text(entry)])
            item.setData(0, ENTRY_ROLE, str(entry.path))
            item.setToolTip(0, str(entry.path))
            groups[entry.source].addChild(item)
            if entry.path == self._path:
                self.files.setCurrentItem(item)
        if not groups[Source.USER].childCount():
            empty = QTreeWidgetItem(["(none yet: New… or Duplicate…)"])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            groups[Source.USER].addChild(empty)
        exercises = QTreeWidgetItem(["Library exercises"])
        exercises.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.files.addTopLevelItem(exercises)
        for exercise in self._library.catalog.exercises.values():
            item = QTreeWidgetItem([exercise.name])
            item.setData(0, EXERCISE_ROLE, exercise.id)
            item.setToolTip(0, f"{exercise.id} · {exercise.dose.describe()}")
            exercises.addChild(item)
        self.files.expandAll()
        del blocker

    @staticmethod
    def _entry_text(entry: LibraryEntry) -> str:
        # Two lines: what it is, then the file name (the id), which is what Rename changes.
        if entry.draft:
            text = f"✎ Draft of {entry.id}\n{entry.path.name}"
        elif entry.kind is None:
            text = entry.path.name
        else:
            text = f"{entry.title}\n{entry.path.name}"
        if entry.problems:
            text += f"  ⚠ {entry.problems} problem{'s' if entry.problems != 1 else ''}"
        return text

    def item_for(self, path: Path) -> QTreeWidgetItem | None:
        for group in range(self.files.topLevelItemCount()):
            parent = self.files.topLevelItem(group)
            for index in range(parent.childCount() if parent is not None else 0):
                child = parent.child(index) if parent is not None else None
                if child is not None and child.data(0, ENTRY_ROLE) == str(path):
                    return child
        return None

    def _on_files_item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        if self._asking:  # a click and an activation of the same item: ask only once
            return
        raw = item.data(0, ENTRY_ROLE)
        exercise_id = item.data(0, EXERCISE_ROLE)
        if raw:
            if Path(raw) != self._path:
                self._asking = True
                try:
                    self.open_file(Path(raw))
                finally:
                    self._asking = False
        elif exercise_id:
            exercise = self._library.catalog.exercises.get(str(exercise_id))
            if exercise is not None:
                self.hint.setText(
                    f"{exercise.name} ({exercise.id}): {POSITION_WORDS[exercise.position]}, "
                    f"{exercise.dose.describe()}. {exercise.cue}  Use “Add to routine” to append it."
                )
        self._show_document_state()

    # -- opening ------------------------------------------------------------------------

    @property
    def path(self) -> Path | None:
        """The open file."""
        return self._path

    @property
    def result(self) -> CheckResult | None:
        """What the last check found."""
        return self._result

    @property
    def dirty(self) -> bool:
        """Whether the text differs from the file on disk."""
        return self._path is not None and self.editor.toPlainText() != self._disk_text

    def _entry(self) -> LibraryEntry | None:
        return self._library.entry(self._path) if self._path is not None else None

    @property
    def editable(self) -> bool:
        entry = self._entry()
        return entry is not None and entry.editable

    def open_file(self, path: Path, *, ask: bool = True) -> bool:
        """Open ``path``; with unsaved changes the user is asked first. Returns whether it opened."""
        if ask and not self._settle_unsaved("open another file"):
            self._select_current()
            return False
        try:
            file = read_text(path)
        except LibraryError as error:
            self._prompts.inform("Could not open the file", str(error))
            return False
        self._set_document(path, file)
        return True

    def _set_document(self, path: Path | None, file: TextFile) -> None:
        if self._path is not None and str(self._path) in self.watcher.files():
            self.watcher.removePath(str(self._path))
        self._path = path
        self._file = file
        self._disk_text = file.text
        self._loading = True
        try:
            self.editor.setPlainText(file.text)
        finally:
            self._loading = False
        self._last_good = None
        self._watch_file()
        entry = self._entry()
        self.editor.setReadOnly(entry is None or not entry.editable)
        self._hide_banner()
        self.revalidate()
        self._select_current()
        self._show_document_state()
        self._offer_newer_draft()

    def _open_quietly(self, path: Path) -> None:
        self.open_file(path)

    def _select_current(self) -> None:
        item = self.item_for(self._path) if self._path is not None else None
        blocker = QSignalBlocker(self.files)
        if item is not None:
            self.files.setCurrentItem(item)
        del blocker

    def _offer_newer_draft(self) -> None:
        if self._path is None or is_draft_file(self._path) or not self.editable:
            return
        draft = self._library.user_path(file_id(self._path), draft=True)
        if draft.exists():
            self._show_banner(
                "There is a draft of this routine with unfinished changes.",
                [("Open the draft", lambda: self._open_quietly(draft))],
            )

    # -- checking -----------------------------------------------------------------------

    def _on_editor_text_changed(self) -> None:
        if self._loading:
            return
        self._check_timer.start()  # restarts: the check runs once typing pauses
        self._show_document_state()

    def _on_check_timer_timeout(self) -> None:
        self.revalidate()

    def revalidate(self) -> CheckResult | None:
        """Check the text now and redraw the problems and the outline."""
        self._check_timer.stop()
        if self._path is None:
            self._result = None
            self._render_problems(())
            self._render_outline()
            return None
        result = self._library.check(self.editor.toPlainText(), self._path)
        self._result = result
        if result.ok:
            self._last_good = result
        self._render_problems(result.issues)
        self._render_outline()
        self._show_document_state()
        self.checked.emit(result)
        return result

    def _render_problems(self, issues: tuple[Issue, ...] | list[Issue]) -> None:
        self.problems.clear()
        for issue in issues:
            item = QListWidgetItem(issue_text(issue))
            item.setData(ISSUE_ROLE, (issue.line, issue.column))
            item.setToolTip(str(issue.message))
            self.problems.addItem(item)
        count = len(issues)
        if self._path is None:
            self.problems_title.setText("")
        elif count:
            self.problems_title.setText(f"⚠ {count} problem{'s' if count != 1 else ''} (click one to go there)")
        else:
            self.problems_title.setText("✓ No problems")
        self.problems_title.setProperty("role", "warning" if count else "muted")
        restyle(self.problems_title)
        self.editor.show_problems(issues)

    def _on_problems_item_clicked(self, item: QListWidgetItem) -> None:
        line, column = item.data(ISSUE_ROLE)
        self.editor.go_to(max(1, int(line)), max(1, int(column)))

    def _on_editor_cursor_moved(self) -> None:
        line, column = self.editor.cursor_position()
        hint = hint_at(self.editor.toPlainText(), line, column)
        self.hint.setText(hint.text() if hint is not None else "")

    def _render_outline(self) -> None:
        result = self._result
        shown = result if result is not None and result.ok else self._last_good
        stale = shown is not None and shown is not result
        self.outline_stale.setText("Showing the last version without problems." if stale else "")
        # Most checks while typing leave the outline as it was (a typo, or a comment):
        # values compare equal, so the timeline is not compiled again for nothing.
        key = (shown.routine, shown.exercises, shown.protocol) if shown is not None else None
        if key == self._outlined and self.outline.count():
            return
        self._outlined = key
        self.outline.clear()
        if shown is None:
            self.outline_title.setText("")
            self.outline_facts.setText("Fix the problems to see the exercises and the total time." if result else "")
            return
        if shown.routine is not None:
            self._outline_routine(shown.routine)
        elif shown.exercises:
            self.outline_title.setText("Exercise library")
            self.outline_facts.setText(f"{len(shown.exercises)} exercises")
            for exercise in shown.exercises.values():
                self.outline.addItem(
                    f"{exercise.name}\n{exercise.dose.describe()} · {POSITION_WORDS[exercise.position]}"
                )
        elif shown.protocol is not None:
            self.outline_title.setText("Cramp-now protocol")
            self.outline_facts.setText(f"Urgent warning after {shown.protocol.urgent_after_minutes:g} min")
            for plan in shown.protocol.locations:
                self.outline.addItem(f"{plan.label}: {len(plan.steps)} steps")

    def _outline_routine(self, routine: Routine) -> None:
        timeline = compile_routine(routine)
        total = timeline.total_seconds
        count = len(routine.steps)
        self.outline_title.setText(routine.title)
        estimate = " (an estimate: some reps go at the user's pace)" if timeline.has_untimed else ""
        self.outline_facts.setText(
            f"{count} exercise{'s' if count != 1 else ''} · total {clock_text(total)} ({minutes_text(total)}){estimate}"
        )
        for index, (step, (seconds, _rest)) in enumerate(zip(routine.steps, handout.step_times(timeline), strict=True)):
            item = QListWidgetItem(
                f"{index + 1}. {step.exercise.name}\n"
                f"{step.dose.describe()} · {POSITION_WORDS[step.exercise.position]} · {clock_text(seconds)}"
            )
            item.setToolTip(step.note or step.exercise.cue)
            self.outline.addItem(item)

    # -- state shown --------------------------------------------------------------------

    def _show_document_state(self) -> None:
        entry = self._entry()
        path = self._path
        result = self._result
        has_doc = path is not None
        editable = entry is not None and entry.editable
        if path is None:
            self.document_title.setText("Choose a file on the left, or make a new routine")
        else:
            state = []
            if entry is not None and not entry.editable:
                state.append(f"{entry.source.value}, read-only")
            if is_draft_file(path):
                state.append("DRAFT: not used until saved without problems")
            if self.dirty:
                state.append("unsaved changes")
            self.document_title.setText(path.name + (f"  ·  {' · '.join(state)}" if state else ""))
        if has_doc and not editable and self.banner.isHidden():
            self._show_banner(
                "Built-in files are read-only. Duplicate this one to make your own version to edit.",
                [("Duplicate to edit", self.duplicate)],
            )
        playable = result is not None and result.ok and result.routine is not None
        self.save_button.setEnabled(editable)
        self.rename_button.setEnabled(editable)
        self.delete_button.setEnabled(editable)
        self.duplicate_button.setEnabled(has_doc)
        self.export_button.setEnabled(has_doc and not (path is not None and is_draft_file(path)))
        for widget in (self.preview_button, self.fast_button, self.handout_button, self.print_button):
            widget.setEnabled(playable)
        kind_is_routine = result is not None and result.kind == "routine"
        self.add_button.setEnabled(editable and kind_is_routine)

    def _show_banner(self, text: str, actions: list[tuple[str, Callable[[], None]]]) -> None:
        self.banner_text.setText(text)
        self._banner_actions = [action for _caption, action in actions]
        for widget, index in ((self.banner_primary, 0), (self.banner_secondary, 1)):
            if index < len(actions):
                widget.setText(actions[index][0])
                widget.setAccessibleName(actions[index][0])
                widget.show()
            else:
                widget.hide()
        self.banner.show()

    def _hide_banner(self) -> None:
        self._banner_actions = []
        self.banner.hide()

    def _on_banner_clicked(self, index: int) -> None:
        if index < len(self._banner_actions):
            action = self._banner_actions[index]
            self._hide_banner()
            action()
            self._show_document_state()

    def _say(self, text: str, *, undo: bool = False) -> None:
        self.status.setText(text)
        self.undo_button.setVisible(undo)

    # -- saving -------------------------------------------------------------------------

    def save(self) -> bool:
        """Save the open file: as active when it has no problems, else (if the user agrees) as a draft."""
        path = self._path
        if path is None:
            return False
        if not self.editable:
            self._say("Built-in files are read-only: duplicate this one to edit it.")
            return False
        text = self.editor.toPlainText()
        result = self.revalidate()
        routine_id = file_id(path)
        try:
            if result is not None and result.ok:
                target = self._library.save(routine_id, text, file=self._file, replaces_draft=is_draft_file(path))
                self._after_write(target, text)
                backup = " (the previous version is kept as a .bak file)" if target == path else ""
                self._say(f"Saved {target.name}{backup}.")
                return True
            count = len(result.issues) if result is not None else 0
            choice = self._prompts.choose(
                "Keep as a draft?",
                f"This file has {count} problem{'s' if count != 1 else ''}, so it cannot be used as a routine yet. "
                f"Keep your work as a draft ({routine_id}.draft.yaml)? Drafts are never loaded; "
                "the saved routine stays as it was until the problems are fixed.",
                ["Save as draft"],
            )
            if choice is None:
                return False
            target = self._library.save_draft(routine_id, text, file=self._file)
            self._after_write(target, text)
            self._say(f"Kept as a draft: {target.name}. It is not used until it is saved without problems.")
            return True
        except InvalidFileError as error:  # changed on disk between the check and the save
            self._render_problems(error.issues)
            self._say(str(error))
        except LibraryError as error:
            self._prompts.inform("Could not save", str(error))
        return False

    def _after_write(self, target: Path, text: str) -> None:
        moved = target != self._path
        if moved and self._path is not None and str(self._path) in self.watcher.files():
            self.watcher.removePath(str(self._path))
        self._path = target
        self._disk_text = text
        self._watch_file()
        self.refresh_files()
        self._select_current()
        self.revalidate()
        self.routines_changed.emit()

    def _settle_unsaved(self, doing: str) -> bool:
        """Before leaving the text: save or discard unsaved changes, or stay. True to go on."""
        if not self.dirty:
            return True
        choice = self._prompts.choose(
            "Unsaved changes",
            f"{self._path.name if self._path else 'This file'} has unsaved changes. Save them before you {doing}?",
            ["Save", "Discard changes"],
        )
        if choice == "Save":
            return self.save()
        return choice == "Discard changes"

    def request_back(self) -> None:
        if self._settle_unsaved("leave the editor"):
            self._check_timer.stop()
            self.back_requested.emit()

    # -- new, duplicate, rename, delete ------------------------------------------------------

    def _id_problem(self, routine_id: str) -> str:
        if not is_valid_id(routine_id):
            return "Use lower-case words and digits joined by dashes, like 'bedtime-jane'."
        for candidate in (self._library.user_path(routine_id), self._library.user_path(routine_id, draft=True)):
            if candidate.exists():
                return f"'{routine_id}' is already taken ({candidate.name})."
        return ""

    def _unique_id(self, base: str) -> str:
        candidate = base
        number = 2
        while self._id_problem(candidate):
            candidate = f"{base}-{number}"
            number += 1
        return candidate

    def _created(self, path: Path) -> None:
        self.refresh_files()
        self.open_file(path, ask=False)
        self.routines_changed.emit()

    def new_routine(self) -> None:
        if not self._settle_unsaved("make a new routine"):
            return
        entries = self._library.entries()
        templates = [(entry.title, entry.path) for entry in entries if entry.kind == "routine" and not entry.draft]
        request = self._prompts.new_routine(templates, self._library.catalog.exercises, self._id_problem)
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
        self._say(f"Made {path.name}.")

    def duplicate(self) -> None:
        path = self._path
        if path is None:
            return
        source_text = self.editor.toPlainText()
        routine_id = file_id(path)
        suggested = self._unique_id(f"{routine_id}-copy")
        new_id = self._prompts.ask_id(
            "Duplicate",
            f"Id (file name) for your copy of {path.name}:",
            suggested,
            self._id_problem,
        )
        if new_id is None:
            return
        # Unsaved edits go with the copy (a "save as"); the original stays as saved on disk.
        try:
            created = self._library.create(new_id, source_text)
        except LibraryError as error:
            self._prompts.inform("Could not duplicate", str(error))
            return
        self._created(created)
        draft = " as a draft (it has problems to fix)" if is_draft_file(created) else ""
        self._say(f"Copied {path.name} to {created.name}{draft}. This copy is yours to edit.")

    def rename(self) -> None:
        path = self._path
        if path is None or not self.editable:
            return
        new_id = self._prompts.ask_id(
            "Rename",
            "New id (the file name; routines are chosen by it):",
            file_id(path),
            lambda value: "" if value == file_id(path) else self._id_problem(value),
        )
        if new_id is None or new_id == file_id(path):
            return
        overridden = self._library.find(new_id, Source.BUILTIN)
        if overridden is not None and not is_draft_file(path):
            choice = self._prompts.choose(
                "Replace a built-in routine?",
                f"A built-in file is called '{new_id}'. Your file will be used instead of it. Go on?",
                ["Rename and use mine"],
            )
            if choice is None:
                return
        try:
            self.watcher.removePath(str(path))
            target = self._library.rename(path, new_id)
        except IdClashError as error:
            self._watch_file()
            self._prompts.inform("That id is taken", str(error))
            return
        except LibraryError as error:
            self._watch_file()
            self._prompts.inform("Could not rename", str(error))
            return
        self._path = target
        self._watch_file()
        self.refresh_files()
        self.revalidate()
        self.routines_changed.emit()
        self._say(f"Renamed to {target.name}.")

    def delete(self) -> None:
        path = self._path
        if path is None or not self.editable:
            return
        if self.dirty:
            choice = self._prompts.choose(
                "Delete?", f"{path.name} has unsaved changes. Delete it anyway?", ["Delete with the changes"]
            )
            if choice is None:
                return
        try:
            self.watcher.removePath(str(path))
            self._deleted = self._library.delete(path)
        except LibraryError as error:
            self._watch_file()
            self._prompts.inform("Could not delete", str(error))
            return
        self._set_document(None, TextFile(""))
        self.refresh_files()
        self.routines_changed.emit()
        self._say(f"Deleted {path.name}.", undo=True)

    def undo_delete(self) -> None:
        deleted = self._deleted
        if deleted is None:
            return
        try:
            restored = self._library.restore(deleted)
        except LibraryError as error:
            self._prompts.inform("Could not undo", str(error))
            return
        self._deleted = None
        self._created(restored)
        self._say(f"Restored {restored.name}.")

    def add_selected_exercise(self) -> None:
        item = self.files.currentItem()
        exercise_id = item.data(0, EXERCISE_ROLE) if item is not None else None
        if not exercise_id:
            self._say("Choose an exercise under “Library exercises” first.")
            return
        self.add_exercise(str(exercise_id))

    def add_exercise(self, exercise_id: str) -> bool:
        """Append a step for a library exercise (with its default dose written out)."""
        exercise = self._library.catalog.exercises.get(exercise_id)
        if exercise is None or not self.editable:
            return False
        where = steps_insert_line(self.editor.toPlainText())
        if where is None:
            self._say("No block-style “steps:” list found to add to.")
            return False
        line, indent = where
        block = self.editor.document().findBlockByNumber(line)
        cursor = self.editor.textCursor()
        snippet = step_text(exercise, indent)
        if block.isValid():
            cursor.setPosition(block.position())
        else:  # after the last line
            cursor.movePosition(cursor.MoveOperation.End)
            if not self.editor.toPlainText().endswith("\n"):
                snippet = "\n" + snippet
        # One edit through the cursor, so Ctrl+Z takes it back.
        cursor.insertText(snippet)
        self.editor.setTextCursor(cursor)
        self._say(f"Added {exercise.name} at the end of the steps, with its usual dose.")
        return True

    # -- preview and handouts -----------------------------------------------------------

    def _playable(self) -> Routine | None:
        result = self.revalidate()
        if result is None or not result.ok or result.routine is None:
            self._say("Fix the problems first: only a routine without problems can be played or printed.")
            return None
        return result.routine

    def play_preview(self, speed: float) -> None:
        """Play the text as it is now (saved or not) in the Player."""
        routine = self._playable()
        if routine is not None:
            self._preview(routine, speed)

    def _resolve_asset(self, relative: str) -> Path | None:
        base = self._path.parent if self._path is not None else None
        return self._library.resolve_asset(relative, base)

    def save_handout(self, dest: Path | None) -> Path | None:
        """Write the patient handout PDF (asking where, unless ``dest`` is given)."""
        routine = self._playable()
        if routine is None:
            return None
        if dest is None:
            dest = self._prompts.save_path(
                "Save the patient handout", Path.home() / f"{routine.id}-handout.pdf", "PDF (*.pdf)"
            )
            if dest is None:
                return None
        if not dest.suffix:
            dest = dest.with_suffix(".pdf")
        try:
            pages = handout.write_pdf(
                dest,
                routine,
                disclaimer=self._library.disclaimer(),
                resolve_asset=self._resolve_asset,
                page_size=handout.default_page_size(),
                today=self._today(),
            )
        except handout.HandoutError as error:
            self._prompts.inform("Could not save the handout", str(error))
            return None
        self._say(f"Handout saved: {dest} ({pages} page{'s' if pages != 1 else ''}).")
        return dest

    def print_handout(self) -> None:
        routine = self._playable()
        if routine is None:
            return
        printer = self._prompts.printer()
        if printer is None:
            return
        printer.setFullPage(True)  # the handout sets its own margins
        try:
            pages = handout.render(
                printer,
                routine,
                disclaimer=self._library.disclaimer(),
                resolve_asset=self._resolve_asset,
                today=self._today(),
            )
        except handout.HandoutError as error:
            self._prompts.inform("Could not print", str(error))
            return
        self._say(f"Sent {pages} page{'s' if pages != 1 else ''} to the printer.")

    # -- sharing ------------------------------------------------------------------------

    def import_from(self, source: Path | None, *, folder: bool = False) -> list[Path]:
        """Import a routine file, folder or zip into your folder: checked first, all or nothing."""
        if source is None:
            source = self._prompts.open_path("Import a routine", folder=folder)
            if source is None:
                return []
        new_id: str | None = None
        replace = False
        while True:
            try:
                plan = plan_import(source, self._library, new_id=new_id)
            except BundleError as error:
                self._prompts.inform("Could not import", str(error))
                return []
            if not plan.ok:
                self._prompts.show_issues(
                    "Nothing was imported",
                    f"{source.name} has {len(plan.issues)} problem(s). Nothing was changed; "
                    "ask the sender for a corrected file.",
                    plan.issues,
                )
                return []
            if not plan.clashes:
                break
            names = ", ".join(str(item.relative) for item in plan.clashes)
            options = ["Replace mine (a backup is kept)"]
            if len(plan.routine_ids) == 1:
                options.append("Import it under a new id")
            choice = self._prompts.choose("Already in your routines", f"You already have: {names}.", options)
            if choice is None:
                return []
            if choice.startswith("Replace"):
                replace = True
                break
            new_id = self._prompts.ask_id(
                "Import under a new id",
                "Id (file name) for the imported routine:",
                self._unique_id(plan.routine_ids[0]),
                self._id_problem,
            )
            if new_id is None:
                return []
        return self._apply_import(plan, replace)

    def _apply_import(self, plan: ImportPlan, replace: bool) -> list[Path]:
        try:
            written = apply_import(plan, self._library, replace=replace)
        except LibraryError as error:
            self._prompts.inform("Could not import", str(error))
            return []
        self.refresh_files()
        self.routines_changed.emit()
        opened = next(
            (self._library.user_path(routine_id) for routine_id in plan.routine_ids),
            next((item.target for item in plan.files if item.document), None),
        )
        if opened is not None and opened.exists() and self._settle_unsaved("open the imported file"):
            self.open_file(opened, ask=False)
        count = len(written)
        note = f" It replaces the built-in {', '.join(plan.overrides)}." if plan.overrides else ""
        self._say(f"Imported {count} file{'s' if count != 1 else ''} from {plan.source.name}.{note}")
        return written

    def export_to(self, dest: Path | None) -> Path | None:
        """Export the open routine with what it needs (a .zip, a folder, or one .yaml)."""
        path = self._path
        if path is None:
            return None
        if self.dirty:
            choice = self._prompts.choose(
                "Save first?", "The export uses the saved file. Save your changes first?", ["Save and export"]
            )
            if choice is None or not self.save() or self._path is None or is_draft_file(self._path):
                return None
            path = self._path
        if dest is None:
            dest = self._prompts.save_path(
                "Export the routine",
                Path.home() / f"{file_id(path)}.zip",
                "Zip bundle with images (*.zip);;Routine file only (*.yaml)",
            )
            if dest is None:
                return None
        try:
            exported = export_bundle(self._library, path, dest)
        except LibraryError as error:
            self._prompts.inform("Could not export", str(error))
            return None
        count = len(exported.files)
        self._say(f"Exported {count} file{'s' if count != 1 else ''} to {dest}.")
        return dest

    # -- files changed by other programs ------------------------------------------------

    def _watch_file(self) -> None:
        if self._path is not None and self._path.exists() and str(self._path) not in self.watcher.files():
            self.watcher.addPath(str(self._path))

    def _watch_folder(self) -> None:
        folder = self._library.user_dir
        if folder.is_dir() and str(folder) not in self.watcher.directories():
            self.watcher.addPath(str(folder))

    def _on_watcher_directory_changed(self, _path: str) -> None:
        self._folder_timer.start()

    def _on_folder_timer_timeout(self) -> None:
        self.refresh_files()
        self._select_current()
        # An editor that saves by replacing the file drops the watch; pick it up again.
        if self._path is not None:
            self._on_watcher_file_changed(str(self._path))

    def _on_watcher_file_changed(self, changed: str) -> None:
        path = self._path
        if path is None or Path(changed) != path:
            return
        if not path.exists():
            self._show_banner(
                f"{path.name} was moved or deleted by another program. Save to write it again.",
                [],
            )
            return
        self._watch_file()
        try:
            file = read_text(path)
        except LibraryError:
            return  # half-written by the other program: its next change brings us back here
        if file.text == self._disk_text:
            return  # our own save, or a touch
        if not self.dirty:
            self._reload(file)
            self._say(f"{path.name} was changed by another program and has been reloaded.")
            return
        self._show_banner(
            f"{path.name} was changed by another program, and you have unsaved changes here.",
            [
                ("Reload theirs (lose mine)", lambda: self._reload(read_text(path))),
                ("Keep mine", self._keep_mine),
            ],
        )

    def _reload(self, file: TextFile) -> None:
        line, column = self.editor.cursor_position()
        self._set_document(self._path, file)
        self.editor.go_to(line + 1, column + 1)

    def _keep_mine(self) -> None:
        # What is on disk now becomes the base: saving overwrites it (and keeps it as .bak).
        if self._path is not None and self._path.exists():
            self._disk_text = read_text(self._path).text
        self._say("Keeping your version; saving will replace the other program's (kept as .bak).")

    # -- lifecycle ----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh_files()
        self._select_current()
        if self._path is not None:
            self.revalidate()  # other files (the library) may have changed meanwhile

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        # Nothing runs while hidden; the text is checked again when it next changes or opens.
        self._check_timer.stop()
        self._folder_timer.stop()
        super().hideEvent(event)

    def set_palette(self, palette: Palette) -> None:
        """Re-colour the text after a theme change."""
        self.editor.set_palette(palette)
