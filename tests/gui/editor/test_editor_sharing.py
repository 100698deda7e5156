"""The editor's sharing: import and export of bundles, handouts to a PDF or a printer.

Dialogs are scripted through a fake :class:`Prompts`; nothing waits on a modal window.
"""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from cramp_coach import paths
from cramp_coach.domain.handout_details import HandoutDetails
from cramp_coach.storage.routine_library import RoutineLibrary
from cramp_coach.ui.dialogs.editor_dialogs import HandoutDetailsDialog
from cramp_coach.ui.editor.prompts import with_suffix_from
from cramp_coach.ui.editor.screen import EditorScreen
from cramp_coach.ui.editor.sharing import BUNDLE_SUFFIX, EXPORT_FILTERS
from cramp_coach.ui.theme import NIGHT
from tests.gui.editor_screen_helpers import Previews, duplicate_bedtime
from tests.helpers.fake_prompts import FakePrompts

# --- sharing and handouts ---------------------------------------------------------------------


def test_import_rejects_an_invalid_bundle_and_changes_nothing(
    library: RoutineLibrary, screen: EditorScreen, prompts: FakePrompts, tmp_path: Path
) -> None:
    archive = tmp_path / "from-physio.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr(
            "jane.yaml", "schema_version: 1\nkind: routine\ntitle: J\nsummary: S\nsteps:\n  - exercise: nope\n"
        )
    before = sorted(p.name for p in library.user_dir.rglob("*"))
    assert screen.sharing.import_from(archive) == []
    (issues,) = prompts.issues_shown
    assert [(issue.line, issue.column, issue.field) for issue in issues] == [(6, 15, "steps[0].exercise")]
    assert sorted(p.name for p in library.user_dir.rglob("*")) == before


def test_import_with_a_clash_can_use_a_new_id(screen: EditorScreen, prompts: FakePrompts, tmp_path: Path) -> None:
    path = duplicate_bedtime(screen, prompts)
    incoming = tmp_path / path.name
    incoming.write_text(path.read_text(encoding="utf-8").replace("Bedtime stretch", "From the physio", 1))
    prompts.script("choose", "Import it under a new id")
    prompts.script("ask_id", "bedtime-jane-2")
    written = screen.sharing.import_from(incoming)
    assert written == [path.with_name("bedtime-jane-2.yaml")]
    assert screen.document.path == path.with_name("bedtime-jane-2.yaml")
    assert "From the physio" in screen.text_pane.editor.toPlainText()


def test_export_then_import_on_another_machine(
    screen: EditorScreen, prompts: FakePrompts, tmp_path: Path, qtbot: QtBot, previews: Previews
) -> None:
    duplicate_bedtime(screen, prompts)
    dest = screen.sharing.export_to(tmp_path / "for-jane.zip")
    assert dest is not None
    other = EditorScreen(RoutineLibrary(tmp_path / "patient"), previews, lambda: NIGHT, prompts=prompts)
    qtbot.addWidget(other)
    assert other.sharing.import_from(dest) == [tmp_path / "patient" / "bedtime-jane.yaml"]
    assert other.document.result is not None
    assert other.document.result.ok


def test_export_suggests_a_name_the_patients_desktop_opens(
    screen: EditorScreen, prompts: FakePrompts, tmp_path: Path, qtbot: QtBot, previews: Previews
) -> None:
    duplicate_bedtime(screen, prompts)
    prompts.script("save_path", tmp_path / "for-jane")  # typed without an extension
    dest = screen.sharing.export_to(None)
    assert prompts.suggested[-1].name == "bedtime-jane.cramp.zip"
    assert dest == tmp_path / "for-jane.cramp.zip"
    assert zipfile.is_zipfile(dest)
    # The name the desktop's file type for bundles matches (double-click opens the app).
    mime = ElementTree.parse(paths.builtin_assets_dir() / "metainfo" / "cramp-coach-mime.xml")
    globs = [glob.get("pattern") for glob in mime.iter("{http://www.freedesktop.org/standards/shared-mime-info}glob")]
    assert globs == [f"*{BUNDLE_SUFFIX}"]
    patient = EditorScreen(RoutineLibrary(tmp_path / "patient"), previews, lambda: NIGHT, prompts=prompts)
    qtbot.addWidget(patient)
    assert patient.sharing.import_from(dest) == [tmp_path / "patient" / "bedtime-jane.yaml"]


def test_a_typed_name_gets_the_whole_extension_of_its_filter() -> None:
    assert with_suffix_from(Path("jane"), EXPORT_FILTERS) == Path("jane.cramp.zip")
    assert with_suffix_from(Path("jane"), "Routine file only (*.yaml)") == Path("jane.yaml")
    assert with_suffix_from(Path("jane.zip"), EXPORT_FILTERS) == Path("jane.zip")  # as typed


JANE = HandoutDetails(
    patient="Jane Doe", physiotherapist="Sam Lee", date=datetime.date(2026, 12, 2), contact="01632 960123"
)


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("needs poppler-utils (pdftotext)")
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_handout_pdf_from_the_editor_with_who_it_is_for(
    screen: EditorScreen, prompts: FakePrompts, tmp_path: Path
) -> None:
    duplicate_bedtime(screen, prompts)
    prompts.script("handout_details", JANE)
    prompts.script("save_path", tmp_path / "jane")
    written = screen.sharing.save_handout(None)
    assert written == tmp_path / "jane.pdf"
    assert "Handout saved" in screen.text_pane.status.text()
    text = pdf_text(written)
    for value in ("Jane Doe", "Sam Lee", "01632 960123"):
        assert value in text
    # The form is offered first with today's date, then as it was last filled in.
    assert prompts.details_offered[0] == HandoutDetails(date=datetime.date.today())
    prompts.script("handout_details", None)  # cancelled: nothing is asked or written after it
    assert screen.sharing.save_handout(None) is None
    assert prompts.details_offered[1] == replace(JANE, date=datetime.date.today())
    assert prompts.asked[-1] == ("handout_details", "Handout details")


def test_the_handout_form_gives_back_what_was_typed(qtbot: QtBot) -> None:
    dialog = HandoutDetailsDialog(HandoutDetails(date=datetime.date(2026, 12, 2)))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.patient, "  Jane Doe ")
    qtbot.keyClicks(dialog.contact, "01632 960123")
    assert dialog.details() == HandoutDetails("Jane Doe", "", datetime.date(2026, 12, 2), "01632 960123")
    dialog.with_date.setChecked(False)  # to be written in by hand
    assert not dialog.date.isEnabled()
    assert dialog.details().date is None


def test_print_goes_through_a_printer(screen: EditorScreen, prompts: FakePrompts, tmp_path: Path) -> None:
    duplicate_bedtime(screen, prompts)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # a "printer" that writes a file
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    prompts.script("handout_details", JANE)
    prompts.script("printer", printer)
    screen.top_bar.print_button.click()
    assert re.fullmatch(r"Sent \d+ pages to the printer\.", screen.text_pane.status.text())
    assert "Jane Doe" in pdf_text(tmp_path / "printed.pdf")
