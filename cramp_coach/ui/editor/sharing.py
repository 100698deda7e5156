"""Giving a routine to a patient: the handout (PDF or printer), and bundles in and out.

Imports are checked before anything is written and are all or nothing
(``storage/bundle_*.py``); a clash is settled by asking, never by overwriting silently.
The handout is drawn by ``ui/printing/handout.py``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from cramp_coach.domain.handout_details import HandoutDetails
from cramp_coach.domain.wording import plural
from cramp_coach.storage.bundle_export import export_bundle
from cramp_coach.storage.bundle_import import apply_import
from cramp_coach.storage.bundle_plan import ImportPlan, plan_import
from cramp_coach.storage.bundle_replacements import Replacement
from cramp_coach.storage.file_errors import BundleError
from cramp_coach.storage.routine_library import LibraryError, RoutineLibrary, file_id
from cramp_coach.ui.editor.document import EditorDocument
from cramp_coach.ui.editor.file_actions import id_problem, unique_id
from cramp_coach.ui.editor.host import EditorHost
from cramp_coach.ui.editor.prompts import Prompts
from cramp_coach.ui.printing import handout

REPLACE_BUILT_INS = "Import and replace them"
REPLACE_YOURS_TITLE = "Replace what you already have?"
#: What an exported bundle is called: the desktop knows ``*.cramp.zip`` as a Cramp Coach
#: bundle (assets/metainfo/cramp-coach-mime.xml), so the patient's double-click opens it.
#: Importing accepts any ``.zip``.
BUNDLE_SUFFIX = ".cramp.zip"
EXPORT_FILTERS = f"Routine bundle with images (*{BUNDLE_SUFFIX});;Routine file only (*.yaml)"


def _files(count: int) -> str:
    return f"{count} file{'s' if count != 1 else ''}"


def _pages(count: int) -> str:
    return f"{count} page{'s' if count != 1 else ''}"


class Sharing:
    """The Handout PDF…, Print…, Import… and Export… buttons.

    Attributes:
        details: the names, date and contact last printed on a handout, offered again for
            the next one (for as long as the app runs).
    """

    def __init__(
        self,
        library: RoutineLibrary,
        document: EditorDocument,
        prompts: Prompts,
        host: EditorHost,
        today: Callable[[], datetime.date],
        emergency_number: Callable[[], str] = lambda: "",
    ) -> None:
        self._library = library
        self._document = document
        self._prompts = prompts
        self._host = host
        self._today = today
        self._emergency_number = emergency_number
        self.details: HandoutDetails | None = None

    # -- handouts -----------------------------------------------------------------------

    def _ask_details(self) -> HandoutDetails | None:
        """The form for the top of the handout, filled in as last time (a date given is today's)."""
        last = self.details
        today = self._today()
        current = HandoutDetails(date=today) if last is None else replace(last, date=today if last.date else None)
        answer = self._prompts.handout_details(current)
        if answer is not None:
            self.details = answer
        return answer

    def save_handout(self, dest: Path | None) -> Path | None:
        """Write the patient handout PDF (asking where, unless ``dest`` is given)."""
        routine = self._host.playable()
        if routine is None:
            return None
        details = self._ask_details()
        if details is None:
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
                resolve_asset=self._document.resolve_asset,
                page_size=handout.default_page_size(),
                today=self._today(),
                details=details,
                protocol=self._library.catalog.protocol,
                emergency_number=self._emergency_number(),
            )
        except handout.HandoutError as error:
            self._prompts.inform("Could not save the handout", str(error))
            return None
        self._host.say(f"Handout saved: {dest} ({_pages(pages)}).")
        return dest

    def print_handout(self) -> None:
        routine = self._host.playable()
        if routine is None:
            return
        details = self._ask_details()
        if details is None:
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
                resolve_asset=self._document.resolve_asset,
                today=self._today(),
                details=details,
                protocol=self._library.catalog.protocol,
                emergency_number=self._emergency_number(),
            )
        except handout.HandoutError as error:
            self._prompts.inform("Could not print", str(error))
            return
        self._host.say(f"Sent {_pages(pages)} to the printer.")

    # -- import -------------------------------------------------------------------------

    def import_from(self, source: Path | None, *, folder: bool = False) -> list[Path]:
        """Import a routine file, folder or zip into the user's folder: checked first, all or nothing."""
        if source is None:
            source = self._prompts.open_path("Import a routine", folder=folder)
            if source is None:
                return []
        new_id: str | None = None
        agreed: set[Replacement] = set()  # asked once, not again after choosing a new id
        while True:
            try:
                plan = plan_import(source, self._library, new_id=new_id)
            except BundleError as error:
                self._prompts.inform("Could not import", str(error))
                return []
            if not plan.ok:
                self._prompts.show_issues(
                    "Nothing was imported",
                    f"{source.name} has {plural(len(plan.issues), 'problem')}. Nothing was changed; "
                    "ask the sender for a corrected file.",
                    plan.issues,
                )
                return []
            asked = [item for item in plan.beyond_clashes if item not in agreed]
            if asked and not self._replacing_is_fine(plan, asked):
                return []
            agreed.update(asked)
            if not plan.clashes:
                return self._apply_import(plan, replace=bool(agreed))
            names = ", ".join(str(item.relative) for item in plan.clashes)
            options = ["Replace mine (a backup is kept)"]
            if len(plan.routine_ids) == 1:
                options.append("Import it under a new id")
            choice = self._prompts.choose("Already in your routines", f"You already have: {names}.", options)
            if choice is None:
                return []
            if choice.startswith("Replace"):
                return self._apply_import(plan, replace=True)
            new_id = self._prompts.ask_id(
                "Import under a new id",
                "Id (file name) for the imported routine:",
                unique_id(self._library, plan.routine_ids[0]),
                lambda value: id_problem(self._library, value),
            )
            if new_id is None:
                return []

    def _replacing_is_fine(self, plan: ImportPlan, replacements: list[Replacement]) -> bool:
        """Ask before exercises, routines or the Cramp-now steps in force (built-in or the user's) are replaced."""
        listed = "\n".join(f"• {item.describe()}" for item in replacements)
        choice = self._prompts.choose(
            "Replace built-in content?" if all(item.builtin for item in replacements) else REPLACE_YOURS_TITLE,
            f"{plan.source.name} replaces:\n{listed}\n\nDelete the imported files later to go back.",
            [REPLACE_BUILT_INS],
        )
        return choice == REPLACE_BUILT_INS

    def _apply_import(self, plan: ImportPlan, *, replace: bool) -> list[Path]:
        try:
            # Replacements were confirmed by _replacing_is_fine (or, for the user's own
            # routines, by the clash question naming their files) before we got here.
            written = apply_import(plan, self._library, replace=replace, replace_builtins=True)
        except LibraryError as error:
            self._prompts.inform("Could not import", str(error))
            return []
        self._host.files_changed()
        opened = next(
            (self._library.user_path(routine_id) for routine_id in plan.routine_ids),
            next((item.target for item in plan.files if item.document), None),
        )
        if opened is not None and opened.exists() and self._host.settle_unsaved("open the imported file"):
            self._host.open_file(opened, ask=False)
        note = f" It replaces the built-in {', '.join(plan.overrides)}." if plan.overrides else ""
        self._host.say(f"Imported {_files(len(written))} from {plan.source.name}.{note}")
        return written

    # -- export -------------------------------------------------------------------------

    def export_to(self, dest: Path | None) -> Path | None:
        """Export the open routine with what it needs (a .zip, a folder, or one .yaml)."""
        if self._document.path is None:
            return None
        if self._document.dirty:
            choice = self._prompts.choose(
                "Save first?", "The export uses the saved file. Save your changes first?", ["Save and export"]
            )
            if choice is None or not self._host.save() or self._document.is_draft:
                return None
        path = self._document.path
        if path is None:
            return None
        if dest is None:
            dest = self._prompts.save_path(
                "Export the routine",
                Path.home() / f"{file_id(path)}{BUNDLE_SUFFIX}",
                EXPORT_FILTERS,
            )
            if dest is None:
                return None
        try:
            exported = export_bundle(self._library, path, dest)
        except LibraryError as error:
            self._prompts.inform("Could not export", str(error))
            return None
        self._host.say(f"Exported {_files(len(exported.files))} to {dest}.")
        return dest
