"""The user's preferences, stored in one place: an INI file in the data folder.

QSettings in INI format (not the platform registry) so ``--data-dir`` moves the
settings with the diary and tests never touch the real ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QLocale, QObject, QSettings, Signal

from cramp_coach.domain.emergency import clean_emergency_number, default_emergency_number

if TYPE_CHECKING:
    import datetime

THEMES = ("auto", "night", "day")
DEFAULT_REMINDER_TIME = "22:00"
TEXT_SCALES = (1.0, 1.25, 1.5, 1.75)


class AppSettings(QObject):
    """Typed access to the settings file.

    Signals:
        changed(str): a setting was changed; carries its key.
    """

    changed = Signal(str)

    def __init__(self, path: Path, parent: QObject | None = None, *, country: str | None = None) -> None:
        """``country`` (two letters, e.g. ``GB``) picks the default emergency number; the system's by default."""
        super().__init__(parent)
        self._country = _system_country() if country is None else country
        path.parent.mkdir(parents=True, exist_ok=True)
        self._store = QSettings(str(path), QSettings.Format.IniFormat, self)

    def _get(self, key: str, default: object) -> object:
        return self._store.value(key, default)

    def _set(self, key: str, value: object) -> None:
        if self._store.value(key) == value:
            return
        self._store.setValue(key, value)
        self._store.sync()
        self.changed.emit(key)

    def _bool(self, key: str, default: bool) -> bool:
        value = self._get(key, default)
        return value if isinstance(value, bool) else str(value).lower() in ("true", "1", "yes")

    @property
    def voice(self) -> bool:
        return self._bool("sound/voice", True)

    @voice.setter
    def voice(self, on: bool) -> None:
        self._set("sound/voice", on)

    @property
    def sounds(self) -> bool:
        return self._bool("sound/cues", True)

    @sounds.setter
    def sounds(self, on: bool) -> None:
        self._set("sound/cues", on)

    @property
    def volume(self) -> int:
        try:
            return max(0, min(100, int(str(self._get("sound/volume", 70)))))
        except ValueError:
            return 70

    @volume.setter
    def volume(self, percent: int) -> None:
        self._set("sound/volume", max(0, min(100, int(percent))))

    @property
    def theme(self) -> str:
        value = str(self._get("display/theme", "auto"))
        return value if value in THEMES else "auto"

    @theme.setter
    def theme(self, name: str) -> None:
        if name not in THEMES:
            raise ValueError(name)
        self._set("display/theme", name)

    @property
    def text_scale(self) -> float:
        try:
            value = float(str(self._get("display/text_scale", 1.25)))
        except ValueError:
            return 1.25
        return value if value in TEXT_SCALES else 1.25

    @text_scale.setter
    def text_scale(self, scale: float) -> None:
        if scale not in TEXT_SCALES:
            raise ValueError(scale)
        self._set("display/text_scale", scale)

    @property
    def tonight_routine(self) -> str:
        return str(self._get("routine/tonight", "bedtime"))

    @tonight_routine.setter
    def tonight_routine(self, routine_id: str) -> None:
        self._set("routine/tonight", routine_id)

    @property
    def cannot_stand_at_night(self) -> bool:
        return self._bool("safety/cannot_stand_at_night", False)

    @cannot_stand_at_night.setter
    def cannot_stand_at_night(self, value: bool) -> None:
        self._set("safety/cannot_stand_at_night", value)

    @property
    def first_run_done(self) -> bool:
        """The first-run sheet was answered or skipped: it is not shown again."""
        return self._bool("app/first_run_done", False)

    @first_run_done.setter
    def first_run_done(self, done: bool) -> None:
        self._set("app/first_run_done", bool(done))

    @property
    def emergency_number(self) -> str:
        """The number shown on the warning signs: the user's own, or the default for their country."""
        stored = str(self._get("safety/emergency_number", ""))
        try:
            return clean_emergency_number(stored)
        except ValueError:  # unset or hand-edited into nonsense: fall back to the locale's number
            return default_emergency_number(self._country)

    @emergency_number.setter
    def emergency_number(self, number: str) -> None:
        """Store ``number`` (spaces removed); ``ValueError`` if it is not 2 to 6 digits."""
        self._set("safety/emergency_number", clean_emergency_number(number))

    # The bedtime reminder (ui/reminder.py): off by default.

    @property
    def reminder_enabled(self) -> bool:
        return self._bool("reminder/enabled", False)

    @reminder_enabled.setter
    def reminder_enabled(self, on: bool) -> None:
        self._set("reminder/enabled", bool(on))

    @property
    def reminder_time(self) -> datetime.time:
        """The local time of the reminder; 22:00 unless set (an unreadable value also reads as 22:00)."""
        import datetime  # not before the first frame: see domain/clock.py

        try:
            return datetime.time.fromisoformat(str(self._get("reminder/time", DEFAULT_REMINDER_TIME)))
        except ValueError:
            return datetime.time.fromisoformat(DEFAULT_REMINDER_TIME)

    @reminder_time.setter
    def reminder_time(self, at: datetime.time) -> None:
        self._set("reminder/time", f"{at.hour:02d}:{at.minute:02d}")

    # The main window's place (ui/main_window.py): "x,y,width,height" of its normal geometry.

    @property
    def window_geometry(self) -> str:
        return str(self._get("window/geometry", ""))

    @window_geometry.setter
    def window_geometry(self, value: str) -> None:
        self._set("window/geometry", value)

    @property
    def window_fullscreen(self) -> bool:
        return self._bool("window/fullscreen", False)

    @window_fullscreen.setter
    def window_fullscreen(self, on: bool) -> None:
        self._set("window/fullscreen", bool(on))

    @property
    def window_maximized(self) -> bool:
        return self._bool("window/maximized", False)

    @window_maximized.setter
    def window_maximized(self, on: bool) -> None:
        self._set("window/maximized", bool(on))

    # Where the routine editor's column dividers were left (QSplitter.saveState).

    @property
    def editor_panes(self) -> bytes:
        """The editor's divider positions, or ``b""`` when never moved."""
        value = self._get("editor/panes", QByteArray())
        return bytes(value.data()) if isinstance(value, QByteArray) else b""

    @editor_panes.setter
    def editor_panes(self, state: bytes) -> None:
        self._set("editor/panes", QByteArray(state))


def _system_country() -> str:
    """The two-letter country of the system locale, e.g. ``GB`` for ``en_GB``; empty for "C"."""
    name = QLocale.system().name()  # "en_GB", or "C" when no locale is set
    return name.split("_")[1] if "_" in name else ""
