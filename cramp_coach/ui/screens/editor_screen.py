"""Where ``app.py`` finds the routine editor until it imports ``ui/editor/screen.py`` itself."""

from cramp_coach.ui.editor.screen import CHECK_DELAY_MS, EditorScreen

__all__ = ["CHECK_DELAY_MS", "EditorScreen"]
