"""Files changed by other programs (say, VS Code) while the editor is open.

A :class:`QFileSystemWatcher` follows the open file and the user's routines folder (the
folder also catches editors that save by replacing the file, which drops the watch on
the file). A change to the open file is compared with what was last read or written
here: our own save, or a touch, is ignored; otherwise the file is reloaded when there
are no unsaved changes, and the user chooses when there are. Folder changes are
debounced (:data:`FOLDER_DELAY_MS`) before the file list is re-read.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

from cramp_coach.storage.routine_library import LibraryError, read_text
from cramp_coach.ui.editor.document import EditorDocument
from cramp_coach.ui.editor.host import EditorHost

#: Quiet time after a change in the routines folder before the file list is re-read.
FOLDER_DELAY_MS = 400


class ExternalChanges(QObject):
    """Notices outside changes to the open file and the user's folder.

    Attributes:
        watcher: the underlying :class:`QFileSystemWatcher` (tests wait on its signals).
    """

    def __init__(self, document: EditorDocument, folder: Path, host: EditorHost, parent: QObject) -> None:
        super().__init__(parent)
        self._document = document
        self._folder = folder
        self._host = host
        self._folder_timer = QTimer(self)
        self._folder_timer.setObjectName("editor-folder")
        self._folder_timer.setSingleShot(True)
        self._folder_timer.setInterval(FOLDER_DELAY_MS)
        self._folder_timer.timeout.connect(self._on_folder_timer_timeout)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_watcher_file_changed)
        self.watcher.directoryChanged.connect(self._on_watcher_directory_changed)

    def follow(self) -> None:
        """Watch the folder and the open file (and stop watching a file no longer open)."""
        if self._folder.is_dir() and str(self._folder) not in self.watcher.directories():
            self.watcher.addPath(str(self._folder))
        path = self._document.path
        wanted = str(path) if path is not None and path.exists() else None
        stale = [watched for watched in self.watcher.files() if watched != wanted]
        if stale:
            self.watcher.removePaths(stale)
        if wanted is not None and wanted not in self.watcher.files():
            self.watcher.addPath(wanted)

    def stop(self) -> None:
        self._folder_timer.stop()

    def _on_watcher_directory_changed(self, _path: str) -> None:
        self._folder_timer.start()

    def _on_folder_timer_timeout(self) -> None:
        self._host.files_changed(outside=True)
        # An editor that saves by replacing the file drops the watch; pick it up again.
        if self._document.path is not None:
            self.file_changed(self._document.path)

    def _on_watcher_file_changed(self, changed: str) -> None:
        self.file_changed(Path(changed))

    def file_changed(self, changed: Path) -> None:
        """React to a change of ``changed`` on disk (ignored unless it is the open file)."""
        path = self._document.path
        if path is None or changed != path:
            return
        if not path.exists():
            self._host.offer(f"{path.name} was moved or deleted by another program. Save to write it again.", [])
            return
        self.follow()
        try:
            file = read_text(path)
        except LibraryError:
            return  # half-written by the other program: its next change brings us back here
        if self._document.is_disk_text(file):
            return  # our own save, or a touch
        if not self._document.dirty:
            self._host.show_loaded(path, file)
            self._host.say(f"{path.name} was changed by another program and has been reloaded.")
            return
        self._host.offer(
            f"{path.name} was changed by another program, and you have unsaved changes here.",
            [
                ("Reload theirs (lose mine)", lambda: self._host.show_loaded(path, read_text(path))),
                ("Keep mine", self._keep_mine),
            ],
        )

    def _keep_mine(self) -> None:
        # What is on disk now becomes the base: saving overwrites it (and keeps it as .bak).
        self._document.adopt_disk_version()
        self._host.say("Keeping your version; saving will replace the other program's (kept as .bak).")
