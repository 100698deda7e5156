"""Help & Sources: the disclaimer, the warning signs, and every exercise and step with its evidence and sources."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFrame, QLabel
from pytestqt.qtbot import QtBot

from cramp_coach import __version__, paths
from cramp_coach.domain import help_content
from cramp_coach.domain.catalog import Catalog
from cramp_coach.domain.help_content import HelpSection
from cramp_coach.domain.wording import EVIDENCE_WORDS
from cramp_coach.storage.routine_library import load_catalog
from cramp_coach.ui import theme
from cramp_coach.ui.screens.help_screen import HelpScreen, sections_for


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def _sections(catalog: Catalog, data_dir: Path, number: str = "999") -> tuple[HelpSection, ...]:
    return sections_for(catalog, version=__version__, emergency_number=number, data=paths.DataPaths(data_dir))


def _card_text(screen: HelpScreen, title: str) -> str:
    """The text of the card whose first line is ``title``."""
    cards = [block for block in screen.text().split("\n\n") if block.startswith(title + "\n")]
    assert cards, f"no card titled {title!r}"
    return cards[0]


@pytest.fixture
def screen(qtbot: QtBot, catalog: Catalog, tmp_path: Path) -> HelpScreen:
    widget = HelpScreen(_sections(catalog, tmp_path))
    qtbot.addWidget(widget)
    return widget


def test_every_exercise_appears_with_its_evidence_and_every_source(screen: HelpScreen, catalog: Catalog) -> None:
    assert catalog.exercises
    for exercise in catalog.exercises.values():
        card = _card_text(screen, exercise.name)
        assert f"Evidence: {EVIDENCE_WORDS[exercise.evidence]}" in card
        assert exercise.evidence_note is not None
        assert exercise.evidence_note in card
        for source in exercise.sources:
            assert f"• {source}" in card


def test_every_cramp_now_step_appears_with_its_evidence_and_every_source(screen: HelpScreen, catalog: Catalog) -> None:
    protocol = catalog.protocol
    assert protocol is not None
    steps = [("Before standing", protocol.sit_first_check), ("Afterwards", protocol.closing)]
    steps += [(plan.label, step) for plan in protocol.locations for step in plan.steps]
    assert len(steps) > 20
    for where, step in steps:
        card = _card_text(screen, f"{where} · {step.title}")
        assert f"Evidence: {EVIDENCE_WORDS[step.evidence]}" in card
        assert step.sources
        for source in step.sources:
            assert f"• {source}" in card


def test_the_disclaimer_warning_signs_number_review_date_version_and_data_folder(
    screen: HelpScreen, catalog: Catalog, tmp_path: Path
) -> None:
    text = screen.text()
    assert catalog.protocol is not None
    assert catalog.protocol.disclaimer in text
    for tier in catalog.protocol.red_flags:
        assert tier.title in text
        for sign in tier.signs:
            assert sign in text
    assert "Your emergency number: 999." in text
    assert "Content last reviewed against its sources: 23 Nov 2026." in text
    assert f"Cramp Coach version {__version__}." in text
    assert f"Data folder: {tmp_path}" in text
    assert f"Diary: {tmp_path / paths.DIARY_FILE}" in text


def test_every_routine_appears_with_its_sources(screen: HelpScreen, catalog: Catalog) -> None:
    for routine in catalog.routines.values():
        card = _card_text(screen, routine.title)
        for source in routine.sources:
            assert f"• {source}" in card


def test_a_section_button_scrolls_to_its_section(qtbot: QtBot, screen: HelpScreen) -> None:
    screen.resize(1024, 600)
    screen.show()
    qtbot.waitExposed(screen)
    bar = screen.scroll_area.verticalScrollBar()
    assert bar.value() == 0
    screen.jump_buttons[help_content.CRAMP_NOW].click()
    assert bar.value() > 0
    heading = screen.section_heading(help_content.CRAMP_NOW)
    assert heading.mapTo(screen.scroll_area.widget(), heading.rect().topLeft()).y() == bar.value()


def test_escape_and_back_ask_to_go_back(qtbot: QtBot, screen: HelpScreen) -> None:
    with qtbot.waitSignal(screen.back_requested):
        qtbot.keyClick(screen, Qt.Key.Key_Escape)
    with qtbot.waitSignal(screen.back_requested):
        screen.back_button.click()


@pytest.mark.parametrize("size", [(1024, 600), (1366, 768)])
def test_at_largest_text_nothing_is_clipped(
    qtbot: QtBot, catalog: Catalog, tmp_path: Path, size: tuple[int, int]
) -> None:
    widget = HelpScreen(_sections(catalog, tmp_path))
    qtbot.addWidget(widget)
    # The screen's own sheet at Largest (restyling the whole test app would be slow).
    widget.setStyleSheet(theme.stylesheet(paths.builtin_assets_dir() / "style" / "app.qss", theme.NIGHT, 1.75))
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    QApplication.processEvents()  # the layout requests posted by the restyle
    page = widget.scroll_area.widget()
    assert page.width() <= widget.scroll_area.viewport().width()
    assert not widget.scroll_area.horizontalScrollBar().isVisible()
    labels = [label for label in page.findChildren(QLabel) if label.isVisible()]
    assert len(labels) > 100
    for label in labels:
        # A wrapped label has the height its text needs at its width, inside the page: nothing cut off.
        assert label.height() >= label.heightForWidth(label.width()) - 1, label.text()[:60]
        assert label.mapTo(page, label.rect().topRight()).x() <= page.width(), label.text()[:60]


def test_every_tier_of_warning_signs_appears_with_its_sources(screen: HelpScreen, catalog: Catalog) -> None:
    assert catalog.protocol is not None
    for tier in catalog.protocol.red_flags:
        assert tier.sources
        card = _card_text(screen, tier.title)
        for sign in tier.signs:
            assert f"• {sign}" in card
        # The sources come after the signs, under their own heading, one to a line.
        listed = card.split("\nSources:\n", 1)[1]
        assert listed.splitlines() == [f"• {source}" for source in tier.sources]
    # The tiers that need help now or today are drawn with a red border; the routine tier is not.
    tones = {
        frame.findChildren(QLabel)[0].text(): frame.property("tone")
        for frame in screen.findChildren(QFrame)
        if frame.property("role") == "card"
    }
    assert [tones[tier.title] for tier in catalog.protocol.red_flags] == ["warning", "warning", None]
