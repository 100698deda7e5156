"""The routine editor, in small pieces (docs/editor.md, "For developers").

* :mod:`.document`: the file being edited, without Qt: text, check results, outline
  source, dirty state, saving.
* :mod:`.prompts`: every question the editor asks, behind one protocol
  (real dialogs in ``ui/dialogs/editor_dialogs.py``, a scripted fake in the tests).
* :mod:`.host`: the few things the actions below ask of the screen.
* :mod:`.file_actions`: new, duplicate, rename, delete and undo.
* :mod:`.sharing`: handouts, import and export bundles.
* :mod:`.watcher`: files changed by other programs.
* :mod:`.files_pane`, :mod:`.text_pane`, :mod:`.outline_pane`: the three columns;
  :mod:`.columns` puts them side by side with dividers that are remembered;
  :mod:`.top_bar`: Home, the title and the buttons for the open text.
* :mod:`.screen`: :class:`~.screen.EditorScreen`, which arranges them.

Nothing is imported here, so the Qt-free modules can be imported without Qt.
"""
