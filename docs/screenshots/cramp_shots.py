"""Screenshots of every state of the Cramp-now screen, for judging it as someone in pain at night would.

Run from the repository root (no display needed)::

    .venv/bin/python docs/screenshots/cramp_shots.py [output-folder]

It builds the screen with the built-in protocol at 1366×768 in the window's stack,
styled exactly as the app does (the night theme around it, the Cramp palette on it),
drives a hand-moved clock through every state (nothing waits for real time), adds one
step at the Largest text size on 1366×768 and 1024×600, and saves ``cramp-*.png``
beside this script unless another folder is given.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtWidgets import QApplication, QStackedWidget, QWidget

from cramp_coach import paths
from cramp_coach.domain.protocol import CrampLocation, CrampProtocol
from cramp_coach.storage.routine_library import load_catalog
from cramp_coach.ui import theme
from cramp_coach.ui.screens.cramp_screen import CrampScreen
from tests.helpers.fakes import QuietEpisodeDiary

SIZE = (1366, 768)
TEXT_SCALE = 1.25  # the app's default text size ("Large")
LARGEST = 1.75
LARGEST_SIZES = ((1366, 768), (1024, 600))


class HandClock:
    """A monotonic clock moved by hand, so every shot shows a chosen moment."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


class HandWallClock:
    """3 a.m., for the diary's timestamps."""

    def now(self) -> datetime:
        return datetime(2026, 1, 15, 3, 0, tzinfo=timezone.utc)

    def local_hour(self) -> int:
        return 3


def resolve_asset(relative: str) -> Path | None:
    candidate = paths.builtin_assets_dir() / relative
    return candidate if candidate.is_file() else None


def build(protocol: CrampProtocol, clock: HandClock, size: tuple[int, int], scale: float) -> QStackedWidget:
    """The screen as the app shows it: in the window's stack (painted in the night theme,
    as when opened from Home), with the Cramp palette's own stylesheet."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    template = paths.builtin_assets_dir() / "style" / "app.qss"
    theme.apply(app, template, theme.NIGHT, scale)
    host = QStackedWidget()
    screen = CrampScreen(
        protocol,
        lambda: False,
        clock,
        HandWallClock(),
        diary=QuietEpisodeDiary(),
        cues=None,
        speech=None,
        resolve_asset=resolve_asset,
        emergency_number=lambda: "999",
    )
    screen.setStyleSheet(theme.stylesheet(template, theme.CRAMP, scale))
    host.addWidget(screen)
    host.resize(*size)
    host.show()
    screen.open()
    return host


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    out.mkdir(parents=True, exist_ok=True)
    # Read when the QApplication is created: no display is needed.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    protocol = load_catalog().protocol
    if protocol is None:
        print("the built-in Cramp-now protocol did not load", file=sys.stderr)
        return 1
    clock = HandClock()
    host = build(protocol, clock, SIZE, TEXT_SCALE)
    screen = host.currentWidget()
    assert isinstance(screen, CrampScreen)

    def shot(name: str, widget: QWidget = host) -> None:
        screen.tick()
        app.processEvents()
        path = out / f"cramp-{name}.png"
        widget.grab().save(str(path))
        print(path)

    def wait(seconds: float) -> None:
        clock.now += seconds
        screen.tick()

    shot("locations")
    screen.choose_location(CrampLocation.CALF)
    wait(12)
    shot("step-stretch")
    wait(20)
    screen.next()
    wait(22)
    shot("step-massage")
    screen.next()
    shot("stand-gate")
    screen.stand_choice(True)
    wait(9)
    shot("sit-first")
    screen.next()
    wait(5)
    shot("step-standing")
    screen.show_warnings()
    shot("warning-signs")
    screen.hide_warnings()
    screen.next()
    clock.now = 1000.0 + protocol.urgent_after_minutes * 60
    shot("urgent")
    screen.eased()
    shot("closing")
    screen.next()
    screen.log_page.leg_buttons[next(iter(screen.log_page.leg_buttons))].setChecked(True)
    shot("log")
    screen.close()
    host.close()

    # The Largest text size on a laptop and on a small screen: the massage step, whose
    # caution must stay on screen with the words and the buttons.
    for size in LARGEST_SIZES:
        clock.now = 1000.0
        large = build(protocol, clock, size, LARGEST)
        step_screen = large.currentWidget()
        assert isinstance(step_screen, CrampScreen)
        step_screen.choose_location(CrampLocation.CALF)
        clock.now += 30
        step_screen.next()
        clock.now += 22
        step_screen.tick()
        app.processEvents()
        path = out / f"cramp-step-largest-{size[0]}x{size[1]}.png"
        large.grab().save(str(path))
        print(path)
        step_screen.close()
        large.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
