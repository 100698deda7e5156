"""Screenshots of the bedtime screens in both themes, from the built-in content.

    QT_QPA_PLATFORM=offscreen python docs/screenshots/routine_shots.py

Writes home-*.png, player-work-*.png, player-rest-*.png, player-switch-*.png,
player-untimed-*.png, finish-*.png and settings-*.png (night and day) next to this file.
The player is driven by a fake clock, exactly as the tests do.
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

OUT = Path(__file__).resolve().parent
SIZE = (1100, 780)


def shoot(widget: QWidget, name: str) -> None:
    widget.resize(*SIZE)
    widget.show()
    QApplication.processEvents()
    widget.grab().save(str(OUT / name))
    print("wrote", OUT / name)


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

            def run_to(condition: object, clock: FakeClock = clock, controller: PlayerController = controller) -> None:
                for _ in range(20000):
                    snapshot = controller.snapshot()
                    if condition(snapshot):  # type: ignore[operator]
                        return
                    clock.advance(0.1)
                    controller.tick()
                raise RuntimeError("state never reached")

            run_to(lambda s: s.phase.kind is PhaseKind.WORK and s.phase.exercise_name == "Wall calf stretch")
            clock.advance(3.2)
            controller.tick()
            shoot(player, f"player-work-{suffix}.png")
            run_to(lambda s: s.phase.kind is PhaseKind.REST)
            clock.advance(2.5)
            controller.tick()
            shoot(player, f"player-rest-{suffix}.png")
            run_to(lambda s: s.phase.kind is PhaseKind.SWITCH_SIDES)
            clock.advance(1.2)
            controller.tick()
            shoot(player, f"player-switch-{suffix}.png")
            if palette is theme.NIGHT:
                seated = PlayerController(clock, FakeWallClock(), diary=None, cues=None, speech=None)
                seated_screen = PlayerScreen(seated, lambda p=palette: p, assets)
                seated.start(catalog.routines["bedtime-seated"])
                run_to(lambda s: s.status is PlayerStatus.WAITING, controller=seated)
                shoot(seated_screen, f"player-untimed-{suffix}.png")
                seated.stop()
            controller.stop()

            finish = FinishScreen()
            finish.show_summary(SessionSummary(catalog.routines["bedtime"], True, 4, 4, 245.0, True))
            shoot(finish, f"finish-{suffix}.png")
            shoot(SettingsScreen(settings), f"settings-{suffix}.png")


if __name__ == "__main__":
    main()
