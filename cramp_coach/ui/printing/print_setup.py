"""What printing needs from the computer: a Qt application to paint with, the paper, the emergency number."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtGui import QGuiApplication, QPageSize

PAGE_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
# Letter paper is the norm in these countries; everywhere else A4.
_LETTER_TERRITORIES = {
    QLocale.Country.UnitedStates,
    QLocale.Country.Canada,
    QLocale.Country.Mexico,
    QLocale.Country.Philippines,
    QLocale.Country.Chile,
    QLocale.Country.Colombia,
}


def gui_application() -> QGuiApplication | None:
    """A QGuiApplication for painting from the command line; keep the result while painting.

    Returns ``None`` when one already exists (inside the app). On Linux the offscreen
    platform is used unless ``QT_QPA_PLATFORM`` says otherwise: writing a PDF needs
    fonts, not a display, and a machine without one must still make handouts.
    """
    if QGuiApplication.instance() is not None:
        return None
    if sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication([sys.argv[0] if sys.argv else "cramp-coach"])


def default_page_size(locale: QLocale | None = None) -> QPageSize.PageSizeId:
    """Letter where that is the paper people have, A4 elsewhere."""
    territory = (locale or QLocale.system()).territory()
    return QPageSize.PageSizeId.Letter if territory in _LETTER_TERRITORIES else QPageSize.PageSizeId.A4


def emergency_number(data_root: Path) -> str:
    """The number set in the app's Settings in ``data_root``, else the default for this computer's country."""
    from cramp_coach.ui.settings import AppSettings

    settings_file = data_root / "settings.ini"
    if settings_file.is_file():
        return AppSettings(settings_file).emergency_number
    from cramp_coach.domain.emergency import default_emergency_number

    territory = QLocale.system().name()
    return default_emergency_number(territory.split("_")[1] if "_" in territory else "")
