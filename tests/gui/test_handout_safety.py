"""The handout's details, safety page and sources, read back with pdftotext (as a screen reader would)."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from cramp_coach.domain.handout_details import HandoutDetails
from cramp_coach.domain.protocol import CrampProtocol
from cramp_coach.domain.wording import EVIDENCE_WORDS
from cramp_coach.storage.routine_library import RoutineLibrary
from tests.gui.handout_helpers import DAY, write

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")

DETAILS = HandoutDetails("Jane Doe", "Sam Lee", DAY, "Clinic 01234 567890")


def pdf_text(path: Path, *, page: int | None = None) -> str:
    """The text with whitespace collapsed (a long line may wrap anywhere); one page if asked."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    raw = subprocess.run(["pdftotext", *pages, str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", raw).strip()


@pytest.fixture
def library(tmp_path: Path) -> RoutineLibrary:
    return RoutineLibrary(tmp_path / "routines")


@pytest.fixture
def protocol(library: RoutineLibrary) -> CrampProtocol:
    assert library.catalog.protocol is not None
    return library.catalog.protocol


def test_details_warning_signs_first_aid_sources_and_evidence(
    qapp: QApplication, library: RoutineLibrary, protocol: CrampProtocol, tmp_path: Path
) -> None:
    routine = library.catalog.routines["bedtime"]
    path = tmp_path / "bedtime.pdf"
    pages = write(library, routine, path, details=DETAILS, protocol=protocol, emergency_number="999")
    text = pdf_text(path)
    for line in (
        "For: Jane Doe",
        "From: Sam Lee, physiotherapist",
        "Date: 23 Nov 2026",
        "Contact: Clinic 01234 567890",
    ):
        assert line in text
    assert "During a cramp" in text
    assert len(protocol.in_short) == 5
    for line in protocol.in_short:
        assert line in text
    for tier in protocol.red_flags:
        assert tier.title in text
        for sign in tier.signs:
            assert sign in text
    assert "Your emergency number: 999" in text
    for step in routine.steps:
        exercise = step.exercise
        assert f"Evidence: {EVIDENCE_WORDS[exercise.evidence].lower()}" in text
        assert f"{exercise.name}: {EVIDENCE_WORDS[exercise.evidence].lower()}" in text
        for source in exercise.sources:
            assert source in text
    for source in routine.sources:
        assert source in text
    assert protocol.closing.sources[0] in text
    assert protocol.disclaimer in text
    # The safety page starts a page of its own, after the routine's pages, and ends with the disclaimer;
    # the sources follow on another.
    safety = pdf_text(path, page=pages - 1)
    assert safety.startswith("If a cramp comes During a cramp")
    assert safety.split(" Cramp Coach · ")[0].endswith(protocol.disclaimer)
    assert pdf_text(path, page=pages).startswith("Where this advice comes from")


def _cited(sources_page: str, title: str) -> list[str]:
    """The sources an entry titled ``title`` cites, looked up in the page's numbered list."""
    numbers = re.search(re.escape(title) + r"(?:: [a-z ]+)? Sources: (\d+(?:, \d+)*)", sources_page)
    assert numbers, f"no entry {title!r}"
    listed = "1. " + sources_page.split(" Sources 1. ", 1)[1].split(" Cramp Coach · ", 1)[0]
    found = []
    for number in numbers.group(1).split(", "):
        after = re.search(rf"(?:^| ){number}\. (.*?)(?= {int(number) + 1}\. |$)", listed)
        assert after, f"source {number} is not in the list"
        found.append(after.group(1))
    return found


def test_each_tier_of_warning_signs_has_its_sources_on_the_sources_page(
    qapp: QApplication, library: RoutineLibrary, protocol: CrampProtocol, tmp_path: Path
) -> None:
    path = tmp_path / "tiers.pdf"
    pages = write(library, library.catalog.routines["bedtime"], path, protocol=protocol, emergency_number="999")
    sources_page = pdf_text(path, page=pages)
    for tier in protocol.red_flags:
        assert tier.sources
        assert sorted(_cited(sources_page, f"Warning signs: {tier.title}")) == sorted(tier.sources)
    # A source cited by several entries is listed once.
    assert sources_page.count("NHS – Leg cramps (nhs.uk/conditions/leg-cramps)") == 1
    wall = library.catalog.exercises["wall-calf-stretch"]
    assert sorted(_cited(sources_page, wall.name)) == sorted(wall.sources)


def test_the_routine_still_fits_two_pages_before_the_safety_pages(
    qapp: QApplication, library: RoutineLibrary, protocol: CrampProtocol, tmp_path: Path
) -> None:
    for routine_id in ("bedtime", "bedtime-seated"):
        path = tmp_path / f"{routine_id}.pdf"
        with_safety = write(library, library.catalog.routines[routine_id], path, protocol=protocol)
        without = write(library, library.catalog.routines[routine_id], tmp_path / "plain.pdf")
        assert without <= 2
        assert with_safety == without + 2


def test_empty_details_leave_lines_to_write_on(qapp: QApplication, library: RoutineLibrary, tmp_path: Path) -> None:
    path = tmp_path / "blank.pdf"
    write(library, library.catalog.routines["bedtime"], path, details=HandoutDetails())
    text = pdf_text(path)
    for name in ("For", "From", "Date", "Contact"):
        assert f"{name}: ____" in text


def test_the_builtin_note_is_not_presented_as_a_physiotherapists(
    qapp: QApplication, library: RoutineLibrary, tmp_path: Path
) -> None:
    bedtime = library.catalog.routines["bedtime"]
    path = tmp_path / "builtin.pdf"
    write(library, bedtime, path, details=DETAILS)
    text = pdf_text(path)
    assert "From your physiotherapist" not in text
    assert "About this routine" in text

    own = dataclasses.replace(bedtime, note="Two weeks of this, then come and see me again.")
    write(library, own, path, details=DETAILS)
    assert "From your physiotherapist, Sam Lee Two weeks of this" in pdf_text(path)


def test_the_position_label_is_true_for_a_routine_that_ends_in_bed(
    qapp: QApplication, library: RoutineLibrary, tmp_path: Path
) -> None:
    path = tmp_path / "positions.pdf"
    write(library, library.catalog.routines["bedtime"], path)
    assert "· standing, then seated" in pdf_text(path, page=1)
    write(library, library.catalog.routines["bedtime-seated"], path)
    assert "· seated, then lying down" in pdf_text(path, page=1)
