"""Every screen in every look, for reviewing the app as its users see it (not for the docs).

    QT_QPA_PLATFORM=offscreen python docs/screenshots/review_shots.py [folder] [--only NAME ...] [--looks LOOK ...]

Saves ``<screen>--<size>-<text>-<theme>.png`` into ``folder`` (default: a
``cramp-review`` folder in the system's temporary folder, never the repository): each
screen state below at 1024x600, 1366x768 and 1920x1080, the Normal and Largest text
sizes, the night and day themes, with sound and voice off. ``--only`` keeps the states
whose names start with one of the given words (``home``, ``cramp-``…); ``--looks``
keeps the looks named like ``1024x600-Largest-night``. It also prints every problem the
layout checks (tests/gui/layout_checks.py) find in each shot, so a reviewer knows where
to look first.

Run it under ``xvfb-run -a -s "-screen 0 1920x1080x24"`` with ``QT_QPA_PLATFORM=xcb`` to
see the screens with a real X server's fonts and metrics instead of the offscreen ones.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QScrollArea, QStackedWidget, QWidget

from cramp_coach import __version__, paths
from cramp_coach.domain.catalog import Catalog
from cramp_coach.domain.protocol import CrampLocation
from cramp_coach.domain.routine import DoseKind, Position, Routine, Sides
from cramp_coach.domain.timeline import PhaseKind
from cramp_coach.schema.assets import AssetResolver
from cramp_coach.storage.database import open_memory_database
from cramp_coach.storage.diary_sample import fill_sample
from cramp_coach.storage.diary_store import DiaryStore
from cramp_coach.storage.routine_library import RoutineLibrary, load_catalog
from cramp_coach.ui import theme
from cramp_coach.ui.player_controller import PlayerController, SessionSummary
from cramp_coach.ui.settings import AppSettings
from tests.gui.layout_checks import SIZES, layout_problems, set_look, settle
from tests.helpers.builders import make_dose, make_exercise, make_routine, make_step
from tests.helpers.fake_prompts import FakePrompts
from tests.helpers.fakes import AgreeingDiaryPrompts, FakeClock, FakeWallClock, QuietEpisodeDiary

TEXTS = ("Normal", "Largest")
THEMES = ("night", "day")
STYLE = paths.builtin_assets_dir() / "style" / "app.qss"
SCALES = {"Normal": 1.0, "Largest": 1.75}
DIARY_NOW = datetime(2026, 5, 25, 8, 30).astimezone()
DAMAGED = "The diary /home/ann/.local/share/cramp-coach/diary.sqlite3 is damaged (database disk image is malformed)."
# Routine titles may be 80 characters long (schema/spec.py): the longest a physiotherapist can give.
PHOTO = "clinic-photo.png"
LONG_TITLE = "Bedtime stretches for Margaret, as agreed with her physiotherapist at the clinic"


@dataclasses.dataclass
class Look:
    size: str
    text: str
    theme: str

    @property
    def name(self) -> str:
        return f"{self.size}-{self.text}-{self.theme}"

    @property
    def palette(self) -> theme.Palette:
        return theme.NIGHT if self.theme == "night" else theme.DAY


@dataclasses.dataclass
class World:
    """What the screens are built from; made once."""

    catalog: Catalog
    assets: AssetResolver
    store: DiaryStore
    tmp: Path
    library: RoutineLibrary


# A shot builds its widget, shows it at the look's size and returns it (and a clean-up).
Shot = Callable[[World, Look], tuple[QWidget, Callable[[], None]]]


def show(widget: QWidget, look: Look) -> QWidget:
    widget.resize(*SIZES[look.size])
    widget.show()
    settle(widget)
    return widget


def nothing() -> None:
    return None


# -- routines with a physiotherapist's long words ------------------------------------------------


def stress_routine() -> Routine:
    """Long names, a long note and cautions, every phase kind, a picture: the worst case on screen."""
    cautions = (
        "Always hold a firm support with both hands; stop straight away if your calf starts to cramp.",
        "Skip this one if you feel unsteady on your feet tonight.",
    )
    calf = dataclasses.replace(
        make_exercise(
            "Wall calf stretch with the back knee straight, holding a support",
            dose=make_dose(
                hold_seconds=20, reps=2, sets=2, rest_seconds=10, set_rest_seconds=15, sides=Sides.LEFT_THEN_RIGHT
            ),
            illustration="illustrations/wall-calf-stretch.svg",
        ),
        cautions=cautions,
    )
    pumps = make_exercise(
        "Ankle pumps, sitting on the edge of the bed with both feet flat",
        position=Position.SITTING,
        dose=make_dose(DoseKind.UNTIMED_REPS, reps=10),
    )
    step = dataclasses.replace(
        make_step(calf),
        note="Optional. If you are pregnant beyond about sixteen weeks, stay propped up on pillows rather than flat.",
    )
    return dataclasses.replace(
        make_routine(step, make_step(pumps), get_ready_seconds=10, change_seconds=5),
        title=LONG_TITLE,
        outro="Sleep well. If cramps keep waking you more than twice a week, mention it to your doctor.",
    )


def long_titled(routine: Routine, number: int) -> Routine:
    title = f"Margaret's bedtime stretches no. {number}, as agreed with the physiotherapist"
    return dataclasses.replace(routine, id=f"margaret-{number}", title=title if number else LONG_TITLE)


# -- the shots --------------------------------------------------------------------------------------


def home(count: int) -> Shot:
    def make(world: World, look: Look) -> tuple[QWidget, Callable[[], None]]:
        from cramp_coach.ui.screens.home_screen import HomeScreen

        bedtime = world.catalog.routines["bedtime"]
        routines = {"margaret-0": long_titled(bedtime, 0)}
        if count > 1:
            routines.update(world.catalog.routines)
            for number in range(1, count - len(world.catalog.routines)):
                copy = long_titled(bedtime, number)
                routines[copy.id] = copy
        return show(HomeScreen(routines, "margaret-0", lambda _id: None, problem_count=count // 20), look), nothing

    return make


def with_photo(routine: Routine) -> Routine:
    """``routine`` with a physiotherapist's bright photo (PNG) for its first exercise."""
    step = routine.steps[0]
    exercise = dataclasses.replace(step.exercise, illustration=PHOTO)
    return dataclasses.replace(routine, steps=(dataclasses.replace(step, exercise=exercise), *routine.steps[1:]))


def bright_photo(path: Path) -> None:
    """A stand-in for a photo taken in a bright clinic: a pale wall, a grey floor, a darker figure."""
    image = QImage(640, 480, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    painter.fillRect(0, 0, 640, 330, QColor("#f4f1ea"))
    painter.fillRect(0, 330, 640, 150, QColor("#c9c4ba"))
    painter.fillRect(280, 90, 90, 300, QColor("#5a6b7d"))
    painter.setBrush(QColor("#e0b49a"))
    painter.drawEllipse(290, 30, 70, 70)
    painter.end()
    image.save(str(path))


def player(phase: str) -> Shot:
    def make(world: World, look: Look) -> tuple[QWidget, Callable[[], None]]:
        from cramp_coach.ui.screens.player_screen import PlayerScreen

        clock = FakeClock()
        controller = PlayerController(clock, FakeWallClock(), diary=None, cues=None, speech=None)
        screen = PlayerScreen(controller, lambda: look.palette, world.assets)
        show(screen, look)
        controller.start(with_photo(world.catalog.routines["bedtime"]) if phase == "photo" else stress_routine())
        wanted = {
            "get-ready": PhaseKind.GET_READY,
            "work-cautions": PhaseKind.WORK,
            "rest": PhaseKind.REST,
            "photo": PhaseKind.WORK,
        }[phase]
        for _ in range(20000):
            snapshot = controller.snapshot()
            if snapshot is not None and snapshot.phase.kind is wanted:
                break
            clock.advance(0.1)
            controller.tick()
        clock.advance(3.2)
        controller.tick()
        if phase == "work-cautions":
            screen.toggle_cautions()
        settle(screen)
        return screen, controller.stop

    return make


def finish(world: World, look: Look) -> tuple[QWidget, Callable[[], None]]:
    from cramp_coach.ui.screens.finish_screen import FinishScreen

    screen = FinishScreen()
    screen.show_summary(SessionSummary(stress_routine(), True, 2, 2, 245.0, True))
    return show(screen, look), nothing


def settings_screen(world: World, look: Look) -> tuple[QWidget, Callable[[], None]]:
    from cramp_coach.ui.screens.settings_screen import SettingsScreen
    from cramp_coach.ui.sound_check_panel import SoundCheckPanel

    settings = AppSettings(world.tmp / f"settings-{look.name}.ini", country="GB")
    settings.voice = False
    screen = SettingsScreen(
        settings,
        sound_status="No sound device was found, so beeps and the voice are off.",
        reminder_note="The reminder can pop up only while Cramp Coach is running.",
        sound_check=SoundCheckPanel(lambda _parent: None),  # type: ignore[arg-type,return-value]
    )
    return show(screen, look), nothing


def settings_end(world: World, look: Look) -> tuple[QWidget, Callable[[], None]]:
    screen, close = settings_screen(world, look)
    scrolled_to_end(screen)
    return screen, close


def scrolled_to_end(widget: QWidget) -> None:
    for area in widget.findChildren(QScrollArea):
        bar = area.verticalScrollBar()
        bar.setValue(bar.maximum())
    settle(widget)


def first_run(end: bool) -> Shot:
    def make(world: World, look: Look) -> tuple[QWidget, Callable[[], None]]:
        from cramp_coach.ui.screens.first_run import FirstRunSheet

        host = QWidget()
        host.setObjectName("home")
        settings = AppSettings(world.tmp / f"first-run-{look.name}.ini", country="GB")
        assert world.catalog.protocol is not None
        FirstRunSheet(settings, world.catalog.protocol.disclaimer, host)
        show(host, look)
        if end:
            scrolled_to_end(host)
        return host, nothing

    return make


def diary(state: str) -> Shot:
    def make(world: World, look: Look) -> tuple[QWidget, Callable[[], None]]:
        from cramp_coach.ui.diary import DiaryScreen

        prompts = AgreeingDiaryPrompts()
        if state == "damaged":
            screen = DiaryScreen(
                None,
                wall_clock=FakeWallClock(DIARY_NOW),
                prompts=prompts,  # type: ignore[arg-type]
                problem=DAMAGED,
                damaged=True,
                repair=lambda: "",
            )
        else:
            store = DiaryStore(open_memory_database()) if state == "empty" else world.store
            screen = DiaryScreen(store, wall_clock=FakeWallClock(DIARY_NOW), prompts=prompts)  # type: ignore[arg-type]
        screen.follow_catalog(world.catalog)
        show(screen, look)
        if state == "entries":
            screen.show_page(screen.entries_page)
            screen.select(1)
            settle(screen)
        return screen, nothing

    return make


def help_screen(world: World, look: Look) -> tuple[QWidget, Callable[[], None]]:
    from cramp_coach.ui.screens.help_screen import HelpScreen, sections_for

    data = paths.DataPaths(Path("/home/pat/.local/share/cramp-coach"))
    sections = sections_for(world.catalog, version=__version__, emergency_number="999", data=data)
    return show(HelpScreen(sections), look), nothing


def editor(world: World, look: Look) -> tuple[QWidget, Callable[[], None]]:
    from cramp_coach.ui.editor.screen import EditorScreen

    prompts = FakePrompts()  # a question the script did not expect must not wait for a click
    screen = EditorScreen(world.library, lambda _routine, _speed: None, lambda: look.palette, prompts=prompts)
    show(screen, look)
    screen.open_file(world.library.user_path("bedtime-margaret"), ask=False)
    for asked in prompts.asked:
        print("editor asked:", *asked)
    settle(screen)
    return screen, nothing


class ReviewDiary(QuietEpisodeDiary):
    """Keeps nothing, and lets the screen be closed in the middle of an episode."""

    def delete_episode(self, episode_id: int) -> None:  # type: ignore[override]
        return None


class HandClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


def cramp(state: str) -> Shot:
    def make(world: World, look: Look) -> tuple[QWidget, Callable[[], None]]:
        from cramp_coach.ui.screens.cramp_screen import CrampScreen

        protocol = world.catalog.protocol
        assert protocol is not None
        clock = HandClock()
        host = QStackedWidget()
        screen = CrampScreen(
            protocol,
            lambda: False,
            clock,
            FakeWallClock(datetime(2026, 1, 15, 3, 0).astimezone()),
            diary=ReviewDiary(),
            cues=None,
            speech=None,
            resolve_asset=lambda relative: world.assets(relative),
            emergency_number=lambda: "999",
        )
        screen.setStyleSheet(theme.stylesheet(STYLE, theme.CRAMP, SCALES[look.text]))
        host.addWidget(screen)
        show(host, look)
        screen.open()
        if state != "locations":
            screen.choose_location(CrampLocation.CALF)
            clock.now += 12
            screen.tick()
        if state in ("stand-gate", "warning-signs", "closing", "log"):
            while not screen.gate_page.isVisible() and screen.flow is not None:
                screen.next()
                clock.now += 20
                screen.tick()
                settle(host)
        if state == "warning-signs":
            screen.show_warnings()
        elif state in ("closing", "log"):
            screen.eased()
            if state == "log":
                screen.next()
                buttons = screen.log_page.leg_buttons
                buttons[next(iter(buttons))].setChecked(True)
        screen.tick()
        settle(host)

        def close() -> None:
            screen.close()
            host.close()

        return host, close

    return make


SHOTS: dict[str, Shot] = {
    "home-1": home(1),
    "home-20": home(20),
    "player-get-ready": player("get-ready"),
    "player-work-cautions": player("work-cautions"),
    "player-rest": player("rest"),
    "player-photo": player("photo"),
    "finish": finish,
    "settings": settings_screen,
    "settings-end": settings_end,
    "first-run": first_run(end=False),
    "first-run-end": first_run(end=True),
    "diary-overview": diary("overview"),
    "diary-entries": diary("entries"),
    "diary-empty": diary("empty"),
    "diary-damaged": diary("damaged"),
    "help": help_screen,
    "editor": editor,
    "cramp-locations": cramp("locations"),
    "cramp-step": cramp("step"),
    "cramp-stand-gate": cramp("stand-gate"),
    "cramp-warning-signs": cramp("warning-signs"),
    "cramp-closing": cramp("closing"),
    "cramp-log": cramp("log"),
}


def looks(wanted: list[str]) -> Iterator[Look]:
    for size in SIZES:
        for text in TEXTS:
            for theme_name in THEMES:
                look = Look(size, text, theme_name)
                if not wanted or look.name in wanted:
                    yield look


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=Path(tempfile.gettempdir()) / "cramp-review")
    parser.add_argument("--only", nargs="*", default=[])
    parser.add_argument("--looks", nargs="*", default=[])
    args = parser.parse_args(argv[1:])
    args.folder.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as tmp:
        library = RoutineLibrary(Path(tmp) / "routines")
        bedtime = (paths.builtin_routines_dir() / "bedtime.yaml").read_text(encoding="utf-8")
        created = library.create("bedtime-margaret", bedtime.replace("title: ", f"title: {LONG_TITLE} # ", 1))
        assert not created.name.endswith(".draft.yaml"), "the long title is not a valid title"
        store = DiaryStore(open_memory_database())
        fill_sample(store, date(2026, 2, 23), 91)
        bright_photo(Path(tmp) / PHOTO)
        assets = AssetResolver([paths.builtin_assets_dir(), Path(tmp)])
        world = World(load_catalog(), assets, store, Path(tmp), library)
        shots = {name: shot for name, shot in SHOTS.items() if not args.only or name.startswith(tuple(args.only))}
        count = 0
        for look in looks(args.looks):
            set_look(app, text=look.text, theme_name=look.theme)
            for name, shot in shots.items():
                widget, close = shot(world, look)
                path = args.folder / f"{name}--{look.name}.png"
                widget.grab().save(str(path))
                count += 1
                for problem in layout_problems(widget):
                    print(f"{path.name}: {problem}")
                close()
                widget.close()
                widget.deleteLater()
                app.processEvents()
    print(f"{count} screenshots in {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
