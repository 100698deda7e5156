"""Screenshots of the bedtime screens in both themes, from the built-in content.

    QT_QPA_PLATFORM=offscreen python docs/screenshots/routine_shots.py

Writes home-*.png, player-work-*.png, player-rest-*.png, player-switch-*.png,
player-untimed-*.png, finish-*.png and settings-*.png (night and day) at the window's
default size and the default text size, then the Largest text size on a 1366x768 and a
1024x600 screen: home-largest-*.png, player-largest-*.png (the first stretch) and
player-cautions-largest-*.png (the same, with its cautions asked for), and
player-photo-night.png: a physiotherapist's bright photo (PNG) in the night theme,
dimmed as the app dims photos at night. The player is driven by a fake clock, exactly as
the tests do.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter, QPen
from PySide6.QtWidgets import QApplication, QWidget

from cramp_coach import paths
from cramp_coach.domain.player import PlayerStatus
from cramp_coach.domain.routine import Position
from cramp_coach.domain.timeline import PhaseKind
from cramp_coach.schema.assets import AssetResolver
from cramp_coach.storage.routine_library import load_catalog
from cramp_coach.ui import theme
from cramp_coach.ui.player_controller import PlayerController, SessionSummary
from cramp_coach.ui.screens.finish_screen import FinishScreen
from cramp_coach.ui.screens.home_screen import HomeScreen
from cramp_coach.ui.screens.player_screen import PlayerScreen
from cramp_coach.ui.screens.settings_screen import SettingsScreen
from cramp_coach.ui.settings import AppSettings
from tests.helpers.builders import make_exercise, make_routine, make_step
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


def bright_photo(path: Path) -> None:
    """A stand-in for a physiotherapist's photo: a pale clinic wall and a figure on a towel."""
    image = QImage(400, 300, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    wall = QLinearGradient(0, 0, 0, 300)
    wall.setColorAt(0, QColor("#e3eaf1"))
    wall.setColorAt(1, QColor("#a3b4c4"))
    painter.fillRect(image.rect(), wall)
    painter.setPen(QPen(QColor("#2a3442"), 7))
    painter.drawEllipse(QPointF(150, 75), 24, 24)
    painter.drawPolyline([QPointF(150, 99), QPointF(160, 190), QPointF(290, 212), QPointF(170, 130)])
    painter.setPen(QPen(QColor("#c8402e"), 4))
    painter.drawLine(QPointF(270, 205), QPointF(305, 215))
    painter.setPen(QColor("#2a3442"))
    painter.drawText(10, 290, "photo (PNG)")
    painter.end()
    image.save(str(path))


def photo(palette: theme.Palette) -> None:
    """The player with a photo, at night: dimmed so it is not the brightest thing in the room."""
    with tempfile.TemporaryDirectory() as folder:
        bright_photo(Path(folder) / "towel.png")
        towel = make_exercise(
            "Jane's towel stretch", cue="Pull the towel gently.", illustration="towel.png", position=Position.SITTING
        )
        clock = FakeClock()
        controller = PlayerController(clock, FakeWallClock(), diary=None, cues=None, speech=None)
        player = PlayerScreen(controller, lambda: palette, AssetResolver([Path(folder)]))
        player.resize(1366, 768)
        player.show()
        controller.start(make_routine(make_step(towel, hold_seconds=20, reps=2), get_ready_seconds=5))
        run_to(controller, clock, lambda s: s.phase.kind is PhaseKind.WORK)
        clock.advance(3.2)
        controller.tick()
        shoot(player, f"player-photo-{palette.name}.png", (1366, 768))
        controller.stop()


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

            if palette is theme.NIGHT:
                photo(palette)
            finish = FinishScreen()
            finish.show_summary(SessionSummary(catalog.routines["bedtime"], True, 4, 4, 245.0, True))
            shoot(finish, f"finish-{suffix}.png")
            shoot(SettingsScreen(settings), f"settings-{suffix}.png")
        largest(app, catalog, assets)


if __name__ == "__main__":
    main()
