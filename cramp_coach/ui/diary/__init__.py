"""The diary screen, in small pieces: overview and entries pages, the entries model, prompts, export/import.

Import :class:`~cramp_coach.ui.diary.screen.DiaryScreen` from here.
"""

from cramp_coach.ui.diary.screen import DiaryScreen

__all__ = ["DiaryScreen"]
