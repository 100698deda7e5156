"""Test doubles: clocks that move only when told to, and quiet stand-ins for the diary and its prompts."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cramp_coach.domain.protocol import CrampLocation
    from cramp_coach.storage.diary_store import DeletedEntry


class FakeClock:
    """A monotonic clock that only moves when told to.

    It starts well away from 0 so code that wrongly treats 0 as "unset" is caught.
    """

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start

    def monotonic(self) -> float:
        """Return the current fake time."""
        return self._now

    def advance(self, seconds: float) -> float:
        """Move time forward by ``seconds`` and return the new time."""
        if seconds < 0:
            raise ValueError("a monotonic clock cannot go back")
        self._now += seconds
        return self._now

    def set(self, t: float) -> float:
        """Jump to ``t`` (not earlier than now) and return it."""
        if t < self._now:
            raise ValueError("a monotonic clock cannot go back")
        self._now = t
        return self._now


class FakeWallClock:
    """A UTC wall clock that only moves when told to."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2024, 1, 15, 22, 30, tzinfo=timezone.utc)
        if self._now.tzinfo is None:
            raise ValueError("FakeWallClock needs an aware datetime")

    def now(self) -> datetime:
        """Return the current fake time."""
        return self._now

    def local_hour(self) -> int:
        """Return the fake time's hour in the computer's time zone."""
        return self._now.astimezone().hour

    def advance(self, seconds: float) -> datetime:
        """Move time forward by ``seconds`` and return the new time."""
        self._now += timedelta(seconds=seconds)
        return self._now

    def set(self, when: datetime) -> datetime:
        """Jump to ``when`` (aware) and return it."""
        if when.tzinfo is None:
            raise ValueError("FakeWallClock needs an aware datetime")
        self._now = when
        return self._now


class RecordingCues:
    """Stands in for the cue player: remembers which cues were played."""

    def __init__(self) -> None:
        self.played: list[str] = []

    def play(self, name: str) -> None:
        self.played.append(name)


class RecordingSpeech:
    """Stands in for the speaker: remembers what was prepared, said and how often stopped."""

    def __init__(self) -> None:
        self.said: list[str] = []
        self.prepared: list[str] = []
        self.stops = 0

    def prepare(self, texts: list[str]) -> None:
        self.prepared.extend(texts)

    def say(self, text: str) -> None:
        self.said.append(text)

    def stop(self) -> None:
        self.stops += 1


class QuietEpisodeDiary:
    """A Cramp-now diary that accepts every write and keeps nothing (layout tests, screenshots)."""

    def start_episode(self, started_at: datetime) -> int:
        return 1

    def finish_episode(self, episode_id: int, *, duration_seconds: float, eased: bool | None) -> None:
        pass

    def log_episode(self, episode_id: int, **answers: object) -> None:
        pass

    def note_episode_location(self, episode_id: int, location: CrampLocation) -> None:
        pass

    def delete_episode(self, episode_id: int) -> DeletedEntry:
        raise AssertionError("nothing here leaves Cramp now at once")

    def restore(self, deleted: DeletedEntry) -> int:
        return 1


class AgreeingDiaryPrompts:
    """Diary prompts that say yes and open no dialog or file chooser."""

    def ask_episode(self, *_args: object) -> None:
        return None

    def confirm(self, *_args: object) -> bool:
        return True

    def save_path(self, *_args: object) -> None:
        return None

    def open_path(self, *_args: object) -> None:
        return None
