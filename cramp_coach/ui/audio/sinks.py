"""What screens need from sound and speech, as Protocols.

Screens depend on these rather than on :mod:`.cues` and :mod:`.speech`, so tests can pass
recording fakes and a screen can be imported without loading QtMultimedia.
"""

from __future__ import annotations

from typing import Protocol


class CueSink(Protocol):
    """Plays a short named cue ("phase", "count", "tick", "finish")."""

    def play(self, name: str) -> None: ...


class SpeechSink(Protocol):
    """Speaks lines, ideally prepared ahead of time."""

    def prepare(self, texts: list[str]) -> None: ...

    def say(self, text: str) -> None: ...

    def stop(self) -> None: ...
