"""Every Cramp-now page fits every look: no cut text, no overlaps, the controls never scroll away.

Checked with the generic helpers in :mod:`tests.gui.layout_checks`, in the looks of
:data:`~tests.gui.layout_checks.LOOKS`. The screen sits in a stack painted in the app's
theme, as in the main window, and carries the Cramp palette's own stylesheet, as the
app gives it. Each page is also checked for its main buttons: shown, inside the window
and outside any scroll area, so a person mid-cramp never has to scroll to reach them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QStackedWidget, QWidget
from pytestqt.qtbot import QtBot

from cramp_coach import paths
from cramp_coach.domain.protocol import CrampLocation
from cramp_coach.storage.routine_library import load_catalog
from cramp_coach.ui import theme
from cramp_coach.ui.screens.cramp_screen import CrampScreen
from tests.gui.layout_checks import (
    LOOK_IDS,
    LOOKS,
    TEXT_SIZES,
    assert_accessible,
    assert_fits,
    in_scroll_area,
    reset_look,
    set_look,
    settle,
    show_at,
)
from tests.helpers.fakes import FakeClock, FakeWallClock, QuietEpisodeDiary


def resolve_asset(relative: str) -> object:
    candidate = paths.builtin_assets_dir() / relative
    return candidate if candidate.is_file() else None


# Every page a person can reach, in the order of one cramp: (name, how to get there from
# the previous state, the buttons that must be in reach).
Step = tuple[str, Callable[[CrampScreen, FakeClock], None], Callable[[CrampScreen], list[QWidget]]]


def _wait(screen: CrampScreen, clock: FakeClock, seconds: float) -> None:
    clock.advance(seconds)
    screen.tick()


def _top(screen: CrampScreen) -> list[QWidget]:
    return [screen.home_button, screen.warnings_button]


def _step(screen: CrampScreen) -> list[QWidget]:
    page = screen.step_page
    return [*_top(screen), page.next_button, page.repeat_button, page.eased_button]


def _words(screen: CrampScreen) -> list[QWidget]:
    """What a step says: it must be on screen in full without scrolling."""
    card = screen.step_page.card
    return [widget for widget in (card.title, card.caution_card, card.lines) if widget.isVisible()]


WALK: list[Step] = [
    ("locations", lambda s, c: None, lambda s: [*_top(s), *s.locations_page.buttons.values()]),
    ("stretch", lambda s, c: (s.choose_location(CrampLocation.CALF), _wait(s, c, 12)), _step),
    ("massage", lambda s, c: (s.next(), _wait(s, c, 5)), _step),
    ("gate", lambda s, c: s.next(), lambda s: [*_top(s), s.gate_page.stay_button, s.gate_page.stand_button]),
    ("sit-first", lambda s, c: s.stand_choice(True), _step),
    ("standing", lambda s, c: s.next(), _step),
    ("warnings", lambda s, c: s.show_warnings(), lambda s: [s.home_button, s.warnings_page.back_button]),
    ("urgent", lambda s, c: (s.hide_warnings(), _wait(s, c, 600)), lambda s: [*_step(s), s.urgent_banner]),
    ("closing", lambda s, c: s.eased(), lambda s: [*_top(s), s.closing_page.next_button]),
    ("log", lambda s, c: s.next(), lambda s: [*_top(s), s.log_page.save_button, s.log_page.skip_button]),
]


def shipped_screen(clock: FakeClock) -> CrampScreen:
    """Cramp now with the shipped protocol, a quiet diary and no sound."""
    protocol = load_catalog().protocol
    assert protocol is not None
    return CrampScreen(
        protocol,
        lambda: False,
        clock,
        FakeWallClock(),
        diary=QuietEpisodeDiary(),
        cues=None,
        speech=None,
        resolve_asset=resolve_asset,  # type: ignore[arg-type]
        emergency_number=lambda: "112",
    )


@pytest.fixture
def look(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[tuple[str, str]]:
    size, text, theme_name = request.param
    set_look(qapp, text=text, theme_name=theme_name)
    yield size, text
    reset_look(qapp)


@pytest.mark.parametrize("look", LOOKS, ids=LOOK_IDS, indirect=True)
def test_every_page_fits_and_keeps_its_controls_in_reach(qtbot: QtBot, look: tuple[str, str]) -> None:
    size, text = look
    clock = FakeClock()
    host = QStackedWidget()  # the main window's stack, painted in the app's theme
    qtbot.addWidget(host)
    screen = shipped_screen(clock)
    sheet = paths.builtin_assets_dir() / "style" / "app.qss"
    screen.setStyleSheet(theme.stylesheet(sheet, theme.CRAMP, TEXT_SIZES[text]))
    host.addWidget(screen)
    show_at(host, size)
    size_px = (host.width(), host.height())
    screen.open()
    clock.advance(30)  # long enough that leaving is not a mis-tap
    for name, reach, controls in WALK:
        reach(screen, clock)
        settle(host)
        assert_fits(host)
        for widget in controls(screen):
            assert widget.isVisible(), (name, widget.accessibleName())
            assert in_scroll_area(widget, host) is None, (name, widget.accessibleName())
            corner = widget.mapTo(host, widget.rect().bottomRight())
            assert host.rect().contains(corner), (name, widget.accessibleName())
        if screen.stack.currentWidget() is screen.step_page:
            for widget in _words(screen):
                shown = widget.visibleRegion().boundingRect()
                assert shown == widget.rect(), (name, widget.accessibleName(), "needs scrolling")
        assert (host.width(), host.height()) == size_px, (name, "the window grew")
        assert _one_background(host), name
    assert_accessible(host)
    screen.leave()


def _one_background(host: QWidget) -> bool:
    """The screen's own black fills the window's corners and edges, whatever the app's theme."""
    image = host.grab().toImage()
    corners = [(2, 2), (image.width() - 3, 2), (2, image.height() - 3), (image.width() - 3, image.height() - 3)]
    return all(QColor(image.pixel(x, y)).name() == theme.CRAMP.bg for x, y in corners)


@pytest.mark.parametrize(("size", "roomy"), [((1920, 1080), True), ((1366, 768), False)])
def test_a_step_reads_larger_on_a_big_screen_at_the_normal_text_size(
    qtbot: QtBot, qapp: QApplication, size: tuple[int, int], roomy: bool
) -> None:
    set_look(qapp, text="Normal", theme_name="night")
    try:
        screen = shipped_screen(FakeClock())
        host = QStackedWidget()
        qtbot.addWidget(host)
        host.addWidget(screen)
        show_at(host, size)
        screen.open()
        screen.choose_location(CrampLocation.CALF)
        settle(host)
        body = screen.fontInfo().pixelSize()
        words = screen.step_page.card.lines.fontInfo().pixelSize()
        # Large print always; one size larger again where the screen is big for the text.
        assert words > body * (1.8 if roomy else 1.4), (words, body)
        assert (words > body * 1.8) == roomy
        assert_fits(host)
    finally:
        reset_look(qapp)  # a failed assertion must not leave the next test in this look
