"""A routine bundle opened from the file manager (``cramp-coach --open FILE``): ask first,
then import it, all or nothing.

The desktop's file association (the ``cramp-coach-open.desktop`` entry, for routine bundles
and ``.zip`` files) runs ``cramp-coach --open FILE``. Nothing is ever added without a
yes: the person sees which routines the file brings, is told about any problem in plain
words (nothing is then changed), and is asked before anything in force is replaced: a
routine of the same name, or an exercise, routine or the Cramp-now steps, built in or
their own, each named with the routines it changes. The import itself is :mod:`cramp_coach.storage.bundle_plan` and
:mod:`cramp_coach.storage.bundle_import` (validated first, atomic, backups of replaced files).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from cramp_coach.domain.errors import Issue
from cramp_coach.domain.wording import plural
from cramp_coach.storage.bundle_import import apply_import
from cramp_coach.storage.bundle_plan import ImportPlan, describe_replacements, plan_import
from cramp_coach.storage.file_errors import BundleError, LibraryError
from cramp_coach.storage.library import RoutineLibrary

ADD = "Add it"
REPLACE = "Replace mine (a backup is kept)"
REPLACE_BUILT_INS = "Add it and replace them"
TITLE = "Add a routine to Cramp Coach"


class OpenPrompts(Protocol):
    """The questions opening a bundle may ask (``DialogPrompts`` answers them with dialogs)."""

    def choose(self, title: str, text: str, options: Sequence[str]) -> str | None: ...

    def show_issues(self, title: str, text: str, issues: Sequence[Issue]) -> None: ...

    def inform(self, title: str, text: str) -> None: ...


def _names(ids: Sequence[str]) -> str:
    quoted = [f"“{routine_id}”" for routine_id in ids]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def describe(plan: ImportPlan) -> str:
    """The confirmation question for a plan that passed its checks."""
    what = (
        f"the routine {_names(plan.routine_ids)}"
        if len(plan.routine_ids) == 1
        else f"the routines {_names(plan.routine_ids)}"
        if plan.routine_ids
        else f"{plural(len(plan.files), 'file')} for your routines"
    )
    text = f"{plan.source.name} holds {what}. It was checked and has no errors."
    if plan.replacements:
        listed = "\n".join(f"• {line}" for line in describe_replacements(plan))
        text += f"\n\nIt replaces:\n{listed}"
    if plan.clashes:
        text += f"\n\nYou already have: {', '.join(str(item.relative) for item in plan.clashes)}."
    return text + "\n\nAdd it to Cramp Coach?"


def open_bundle(source: Path, library: RoutineLibrary, prompts: OpenPrompts) -> list[Path]:
    """Ask, then import ``source``; returns the files written (empty when nothing was)."""
    try:
        plan = plan_import(source, library)
    except BundleError as error:
        prompts.inform(TITLE, f"{source.name} could not be opened: {error}. Nothing was changed.")
        return []
    if not plan.ok:
        prompts.show_issues(
            TITLE,
            f"{source.name} has {plural(len(plan.issues), 'problem')}, so nothing was added. "
            "Ask the person who sent it for a corrected file.",
            plan.issues,
        )
        return []
    replace = bool(plan.clashes or plan.replacements)  # built-in or the user's own: never without a yes
    if replace:
        option = REPLACE if all(not item.builtin for item in plan.replacements) else REPLACE_BUILT_INS
        if prompts.choose(TITLE, describe(plan), [option]) != option:
            return []
    elif prompts.choose(TITLE, describe(plan), [ADD]) != ADD:
        return []
    try:
        written = apply_import(plan, library, replace=replace, replace_builtins=replace)
    except LibraryError as error:
        prompts.inform(TITLE, f"Could not add {source.name}: {error}. Nothing was changed.")
        return []
    prompts.inform(TITLE, f"Added from {source.name}. You will find it on the Home screen.")
    return written


def run(source: Path, routines_dir: Path, settings_file: Path) -> int:
    """``cramp-coach --open FILE``: the dialogs, in the user's theme and text size; 0 when added."""
    import datetime

    from PySide6.QtWidgets import QApplication, QWidget

    from cramp_coach import paths
    from cramp_coach.ui import theme
    from cramp_coach.ui.dialogs.editor_dialogs import DialogPrompts
    from cramp_coach.ui.settings import AppSettings

    qt_app = QApplication.instance() or QApplication(["cramp-coach"])
    assert isinstance(qt_app, QApplication)
    settings = AppSettings(settings_file)
    palette = theme.palette_for(settings.theme, datetime.datetime.now().hour)
    theme.apply(qt_app, paths.builtin_assets_dir() / "style" / "app.qss", palette, settings.text_scale)
    anchor = QWidget()  # dialogs need a parent; this one is never shown
    written = open_bundle(source, RoutineLibrary(routines_dir), DialogPrompts(anchor))
    anchor.deleteLater()
    return 0 if written else 1
