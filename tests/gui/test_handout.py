"""The patient handout PDF: every exercise, dose and caution on one or two pages, dark on light.

The text is read back with ``pdftotext`` (poppler-utils), the way a screen reader or a
search would see it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QPageSize
from PySide6.QtWidgets import QApplication

from cramp_coach.domain.routine import DoseKind, Position, Sides
from cramp_coach.storage.routine_library import RoutineLibrary
from cramp_coach.ui import theme
from cramp_coach.ui.printing import handout, handout_exercise
from tests.gui.handout_helpers import write
from tests.helpers.builders import make_dose, make_exercise, make_routine, make_step

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")


def pdf_text(path: Path) -> str:
    """The PDF's text with whitespace collapsed (a long line may wrap anywhere)."""
    raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", raw)


def pdf_pages(path: Path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))  # type: ignore[union-attr]
    size = re.search(r"^Page size:\s+(.*)$", info, re.MULTILINE).group(1)  # type: ignore[union-attr]
    return pages, size


@pytest.fixture
def library(tmp_path: Path) -> RoutineLibrary:
    return RoutineLibrary(tmp_path / "routines")


@pytest.mark.parametrize("routine_id", ["bedtime", "bedtime-seated"])
def test_every_exercise_name_dose_step_and_caution_is_in_the_pdf(
    qapp: QApplication, library: RoutineLibrary, tmp_path: Path, routine_id: str
) -> None:
    routine = library.catalog.routines[routine_id]
    path = tmp_path / "handout.pdf"
    pages = write(library, routine, path)
    text = pdf_text(path)
    assert 1 <= pages <= 2
    assert pdf_pages(path) == (pages, "595 x 842 pts (A4)")
    assert routine.title in text
    assert routine.note is not None
    assert re.sub(r"\s+", " ", routine.note) in text
    for number, step in enumerate(routine.steps, start=1):
        assert f"{number}. {step.exercise.name}" in text
        assert step.dose.describe() in text
        for line in step.exercise.steps:
            assert line in text
        for caution in step.exercise.cautions:
            assert caution in text
    assert re.sub(r"\s+", " ", library.disclaimer()) in text
    assert f"Cramp Coach · {routine.title} · 23 Nov 2026" in text
    assert f"Page {pages} of {pages}" in text
    assert "ﬁ" not in text  # no ligatures: the text copies and searches as written


def test_every_kind_of_dose_is_described(qapp: QApplication, library: RoutineLibrary, tmp_path: Path) -> None:
    routine = make_routine(
        make_step(make_exercise("Held stretch", dose=make_dose(hold_seconds=30, reps=2, sets=2))),
        make_step(make_exercise("Timed reps", dose=make_dose(DoseKind.TIMED_REPS, reps=12, tempo_seconds=2.5))),
        make_step(make_exercise("Own pace", position=Position.LYING, dose=make_dose(DoseKind.UNTIMED_REPS, reps=8))),
        make_step(make_exercise("Cycling", dose=make_dose(DoseKind.CONTINUOUS, duration_seconds=300))),
        make_step(make_exercise("Each leg", dose=make_dose(hold_seconds=10, sides=Sides.LEFT_THEN_RIGHT))),
    )
    path = tmp_path / "doses.pdf"
    write(library, routine, path)
    text = pdf_text(path)
    for expected in (
        "1 × 10 s hold, left then right",
        "2 × 30 s hold, 2 sets",
        "12 reps, 2.5 s each",
        "8 reps at your own pace",
        "300 s continuous",
    ):
        assert expected in text
    # With untimed reps in the routine, every length is an estimate.
    assert re.search(r"Standing · about [\w ]+ in all · 10 s rests · Evidence", text)


def test_letter_paper(qapp: QApplication, library: RoutineLibrary, tmp_path: Path) -> None:
    path = tmp_path / "letter.pdf"
    write(library, library.catalog.routines["bedtime"], path, page_size=QPageSize.PageSizeId.Letter)
    assert pdf_pages(path)[1] == "612 x 792 pts (letter)"


def test_a_long_routine_is_scaled_to_fit_two_pages(qapp: QApplication, library: RoutineLibrary, tmp_path: Path) -> None:
    bedtime = library.catalog.routines["bedtime"]
    longer = make_routine(*bedtime.steps, *bedtime.steps[1:3])  # six exercises
    pages = write(library, longer, tmp_path / "long.pdf")
    assert pages == 2


def test_illustrations_are_drawn_dark_on_light(
    qapp: QApplication, library: RoutineLibrary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    palettes: list[theme.Palette] = []
    real = handout_exercise.recoloured

    def spy(path: Path, palette: theme.Palette) -> bytes:
        palettes.append(palette)
        return real(path, palette)

    monkeypatch.setattr(handout_exercise, "recoloured", spy)
    write(library, library.catalog.routines["bedtime"], tmp_path / "h.pdf")
    assert len(palettes) == 4
    assert set(palettes) == {theme.DAY}
    svg = real(Path(library.resolve_asset("illustrations/wall-calf-stretch.svg") or ""), theme.DAY).decode()
    assert theme.DAY.text in svg
    assert "#e8e2d0" not in svg.lower()  # the night figure colour never reaches paper


def test_an_unwritable_destination_is_a_clear_error(
    qapp: QApplication, library: RoutineLibrary, tmp_path: Path
) -> None:
    with pytest.raises(handout.HandoutError, match="could not write"):
        write(library, library.catalog.routines["bedtime"], tmp_path / "missing-folder" / "h.pdf")
    assert not (tmp_path / "missing-folder").exists()


def test_the_paper_size_follows_the_locale() -> None:
    from PySide6.QtCore import QLocale

    assert handout.default_page_size(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)) == (
        QPageSize.PageSizeId.Letter
    )
    assert handout.default_page_size(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)) == (
        QPageSize.PageSizeId.A4
    )
