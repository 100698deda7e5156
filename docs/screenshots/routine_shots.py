"""Screenshots of the bedtime screens in both themes, from the built-in content.

    QT_QPA_PLATFORM=offscreen python docs/screenshots/routine_shots.py

Writes home-*.png, player-work-*.png, player-rest-*.png, player-switch-*.png,
player-untimed-*.png, finish-*.png and settings-*.png (night and day) at the window's
default size and the default text size, then the Largest text size on a 1366x768 and a
1024x600 screen: home-largest-*.png, player-largest-*.png (the first stretch) and
player-cautions-largest-*.png (the same, with its cautions asked for). The player is driven by a fake
clock, exactly as the tests do.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtWidgets import QApplication, QWidget

from cramp_coach import paths
from cramp_coach.app import AssetResolver
from cramp_coach.domain.player import PlayerStatus
from cramp_coach.domain.timeline import PhaseKind
from cramp_coach.storage.routine_library import load_catalog
from cramp_coach.ui import theme
from cramp_coach.ui.player_controller import PlayerController, SessionSummary
from cramp_coach.ui.screens.finish_screen import FinishScreen
from cramp_coach.ui.screens.home_screen import HomeScreen
from cramp_coach.ui.screens.player_screen import PlayerScreen
from cramp_coach.ui.screens.settings_screen import SettingsScreen
from cramp_coach.ui.settings import AppSettings
from tests.helpers.fakes import FakeClock, FakeWallClock

# Beside this script, or in the folder given as the first argument (to compare before replacing).
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
SIZE = (1100, 780)
LARGEST = 1.75


def shoot(widget: QWidget, name: str, size: tuple[int, int] = SIZE) -> None:
    widget.resize(*size)
    widget.show()
    for _ in range(3):  # wrapped text settles in a second layout pass
        QApplication.processEvents()
    widget.grab().save(str(OUT / name))
    print("wrote", OUT / name)


def run_to(controller: PlayerController, clock: FakeClock, condition: object) -> None:
    for _ in range(20000):
        snapshot = controller.snapshot()
        if condition(snapshot):  # type: ignore[operator]
            return
        clock.advance(0.1)
        controller.tick()
    raise RuntimeError("state never reached")


def largest(app: QApplication, catalog: object, assets: AssetResolver) -> None:
    """Home and the player at the Largest text size on the two small screens."""
    palette = theme.NIGHT
    theme.apply(app, paths.builtin_assets_dir() / "style" / "app.qss", palette, LARGEST)
    routines = catalog.routines  # type: ignore[attr-defined]
    for size in ((1366, 768), (1024, 600)):
        name = f"{size[0]}x{size[1]}"
        shoot(HomeScreen(routines, "bedtime", lambda _id: None), f"home-largest-{name}.png", size)
        clock = FakeClock()
        controller = PlayerController(clock, FakeWallClock(), diary=None, cues=None, speech=None)
        player = PlayerScreen(controller, lambda p=palette: p, assets)
        player.resize(*size)
        player.show()
        controller.start(routines["bedtime"])
        run_to(controller, clock, lambda s: s.phase.kind is PhaseKind.WORK)
        clock.advance(3.2)
        controller.tick()
        shoot(player, f"player-largest-{name}.png", size)
        player.toggle_cautions()
        shoot(player, f"player-cautions-largest-{name}.png", size)
        controller.stop()


def main() -> None:
    app = QApplication([])
    catalog = load_catalog()
    assets = AssetResolver([paths.builtin_assets_dir()])
    with tempfile.TemporaryDirectory() as tmp:
        settings = AppSettings(Path(tmp) / "settings.ini")
        for palette in (theme.NIGHT, theme.DAY):
            theme.apply(app, paths.builtin_assets_dir() / "style" / "app.qss", palette, 1.25)
            suffix = palette.name
            shoot(HomeScreen(catalog.routines, "bedtime", lambda _id: None), f"home-{suffix}.png")

            clock = FakeClock()
            controller = PlayerController(clock, FakeWallClock(), diary=None, cues=None, speech=None)
            player = PlayerScreen(controller, lambda p=palette: p, assets)
            player.resize(*SIZE)
            player.show()
            controller.start(catalog.routines["bedtime"])

            run_to(
                controller,
                clock,
                lambda s: s.phase.kind is PhaseKind.WORK and s.phase.exercise_name == "Wall calf stretch",
            )
            clock.advance(3.2)
            controller.tick()
            shoot(player, f"player-work-{suffix}.png")
            run_to(controller, clock, lambda s: s.phase.kind is PhaseKind.REST)
            clock.advance(2.5)
            controller.tick()
            shoot(player, f"player-rest-{suffix}.png")
            run_to(controller, clock, lambda s: s.phase.kind is PhaseKind.SWITCH_SIDES)
            clock.advance(1.2)
            controller.tick()
            shoot(player, f"player-switch-{suffix}.png")
            if palette is theme.NIGHT:
                seated = PlayerController(clock, FakeWallClock(), diary=None, cues=None, speech=None)
                seated_screen = PlayerScreen(seated, lambda p=palette: p, assets)
                seated.start(catalog.routines["bedtime-seated"])
                run_to(seated, clock, lambda s: s.status is PlayerStatus.WAITING)
                shoot(seated_screen, f"player-untimed-{suffix}.png")
                seated.stop()
            controller.stop()

            finish = FinishScreen()
            finish.show_summary(SessionSummary(catalog.routines["bedtime"], True, 4, 4, 245.0, True))
            shoot(finish, f"finish-{suffix}.png")
            shoot(SettingsScreen(settings), f"settings-{suffix}.png")
        largest(app, catalog, assets)


if __name__ == "__main__":
    main()
