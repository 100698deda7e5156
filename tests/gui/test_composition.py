"""The composition root's parts: the navigator, the theme controller and the catalog model."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from cramp_coach import paths
from cramp_coach.domain.catalog import Catalog
from cramp_coach.ui import theme
from cramp_coach.ui.catalog_model import CatalogModel
from cramp_coach.ui.main_window import MainWindow
from cramp_coach.ui.navigator import Navigator
from cramp_coach.ui.service_builder import picture_finder
from cramp_coach.ui.settings import AppSettings
from cramp_coach.ui.theme_controller import ThemeController
from tests.helpers.fakes import FakeWallClock

pytestmark = pytest.mark.usefixtures("london", "restore_app_style")


def test_navigator_builds_a_screen_once_and_only_when_asked(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    navigator = Navigator(window)
    builds: list[str] = []

    def build() -> QLabel:
        builds.append("diary")
        return QLabel("diary")

    navigator.register("diary", build)
    assert navigator.built("diary") is None
    assert builds == []
    shown = navigator.show("diary")
    assert window.current is shown
    assert shown.objectName() == "diary"
    assert navigator.screen("diary") is shown
    assert builds == ["diary"]
    assert navigator.is_showing("diary")


def _settings(tmp_path: Path, qapp: QApplication, name: str) -> AppSettings:
    settings = AppSettings(tmp_path / "settings.ini", qapp)
    settings.theme = name
    return settings


def test_auto_theme_follows_the_injected_clock_in_local_time(qapp: QApplication, tmp_path: Path) -> None:
    # 06:30 UTC in July is 07:30 in London (BST): day. The same UTC hour in January is 06:30: night.
    style = paths.builtin_assets_dir() / "style" / "app.qss"
    clock = FakeWallClock(datetime(2026, 7, 1, 6, 30, tzinfo=timezone.utc))
    themes = ThemeController(qapp, _settings(tmp_path, qapp, "auto"), clock, style)
    assert themes.palette is theme.DAY
    clock.set(datetime(2026, 1, 5, 6, 30, tzinfo=timezone.utc))
    assert themes.chosen() is theme.NIGHT


def test_changing_the_theme_setting_restyles_and_tells_the_screens(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    settings = _settings(tmp_path, qapp, "night")
    themes = ThemeController(qapp, settings, FakeWallClock(), paths.builtin_assets_dir() / "style" / "app.qss")
    with qtbot.waitSignal(themes.changed) as changed:
        settings.theme = "day"
    assert changed.args == [theme.DAY]
    assert themes.palette is theme.DAY
    assert theme.DAY.bg.lower() in qapp.styleSheet().lower()


def test_an_emergency_start_wears_the_cramp_palette_until_it_is_left(qapp: QApplication, tmp_path: Path) -> None:
    settings = _settings(tmp_path, qapp, "day")
    themes = ThemeController(
        qapp, settings, FakeWallClock(), paths.builtin_assets_dir() / "style" / "app.qss", emergency=True
    )
    assert themes.palette is theme.CRAMP
    assert themes.cramp_stylesheet() == ""  # the whole app already wears it
    settings.theme = "night"
    assert themes.palette is theme.CRAMP  # a setting change does not undress Cramp now
    themes.leave_emergency()
    assert themes.palette is theme.NIGHT
    assert themes.cramp_stylesheet() != ""


def test_catalog_model_reloads_and_announces_the_new_catalog(qtbot: QtBot) -> None:
    loads = [Catalog({}, {}, None, (), ()), Catalog({}, {}, None, (), ("broken.yaml",))]
    model = CatalogModel(lambda: loads.pop(0))
    assert model.catalog.files_with_issues == ()
    with qtbot.waitSignal(model.changed) as changed:
        model.reload()
    assert changed.args[0].files_with_issues == ("broken.yaml",)
    assert model.catalog is changed.args[0]


def test_pictures_are_found_in_the_first_folder_that_has_them(tmp_path: Path) -> None:
    own, shipped = tmp_path / "own", tmp_path / "shipped"
    for folder in (own, shipped):
        (folder / "images").mkdir(parents=True)
    (own / "images" / "towel.svg").write_text("<svg/>", encoding="utf-8")
    (shipped / "images" / "towel.svg").write_text("<svg/>", encoding="utf-8")
    (shipped / "images" / "wall.svg").write_text("<svg/>", encoding="utf-8")
    find = picture_finder([own, shipped])
    assert find("images/towel.svg") == own / "images" / "towel.svg"
    assert find("images/wall.svg") == shipped / "images" / "wall.svg"
    assert find("images/missing.svg") is None
