"""Screenshots of every state of the Cramp-now screen, for judging it as someone in pain at night would.

Run from the repository root (no display needed)::

    .venv/bin/python docs/screenshots/cramp_shots.py [output-folder]

It builds the screen with the built-in protocol at 1100×780, styles the application
exactly as the app does with the CRAMP palette, drives a hand-moved clock through
every state (nothing waits for real time), and saves ``cramp-*.png`` beside this
script unless another folder is given.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtWidgets import QApplication

from cramp_coach import paths
from cramp_coach.domain.protocol import CrampLocation
from cramp_coach.storage.diary_store import DeletedEntry
from cramp_coach.storage.routine_library import load_catalog
from cramp_coach.ui import theme
from cramp_coach.ui.screens.cramp_screen import CrampScreen

SIZE = (1100, 780)
TEXT_SCALE = 1.25


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


def resolve_asset(relative: str) -> Path | None:
    candidate = paths.builtin_assets_dir() / relative
    return candidate if candidate.is_file() else None


class StubDiary:
    """Stands in for the diary so the closing card offers the log page, without touching a file."""

    def start_episode(self, started_at: datetime) -> int:
        return 1

    def finish_episode(self, episode_id: int, *, duration_seconds: float, eased: bool | None) -> None:
        pass

    def log_episode(self, episode_id: int, **answers: object) -> None:
        pass

    def delete_episode(self, episode_id: int) -> DeletedEntry:
        raise AssertionError("the shots never leave the picker at once")

    def restore(self, deleted: DeletedEntry) -> int:
        return 1


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    out.mkdir(parents=True, exist_ok=True)
    # Read when the QApplication is created: no display is needed.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    theme.apply(app, paths.builtin_assets_dir() / "style" / "app.qss", theme.CRAMP, TEXT_SCALE)
    protocol = load_catalog().protocol
    if protocol is None:
        print("the built-in Cramp-now protocol did not load", file=sys.stderr)
        return 1
    clock = HandClock()
    screen = CrampScreen(
        protocol,
        lambda: False,
        clock,
        HandWallClock(),
        diary=StubDiary(),
        cues=None,
        speech=None,
        resolve_asset=resolve_asset,
    )
    screen.resize(*SIZE)
    screen.show()
    screen.open()

    def shot(name: str) -> None:
        screen.tick()
        app.processEvents()
        path = out / f"cramp-{name}.png"
        screen.grab().save(str(path))
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
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
