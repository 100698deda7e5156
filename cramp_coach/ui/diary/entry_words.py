"""How the diary's list says each entry: what, when, and the details, in plain words.

No Qt here: the item model and the undo bar ask these functions, and tests read them
without a window.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from cramp_coach.domain.diary import CrampEpisode, Leg, RoutineSession, SessionStatus
from cramp_coach.domain.protocol import CrampLocation
from cramp_coach.domain.wording import LEG_WORDS, LOCATION_WORDS, day_text, duration_text, plural
from cramp_coach.storage.diary_store import Entry

STATUS_WORDS = {
    SessionStatus.COMPLETED: "finished",
    SessionStatus.STOPPED: "stopped early",
    SessionStatus.INTERRUPTED: "interrupted",
    SessionStatus.IN_PROGRESS: "in progress",
}


def when_text(moment: datetime, now: datetime) -> str:
    """``Mon 30 Mar, 03:10`` in local time; the year only when it is not this year's."""
    local = moment.astimezone()
    year = "" if local.year == now.astimezone().year else f" {local.year}"
    return f"{local:%a} {day_text(local.date())}{year}, {local:%H:%M}"


def session_line(session: RoutineSession) -> str:
    """``Evening stretch: stopped early (7 of 18 steps), 1 min 36 s``."""
    status = STATUS_WORDS[session.status]
    progress = (
        ""
        if session.status is SessionStatus.COMPLETED
        else f" ({session.phases_done} of {plural(session.phases_total, 'step')})"
    )
    return f"{session.routine_title}: {status}{progress}, {duration_text(session.seconds_done)}"


def episode_line(episode: CrampEpisode, words: Mapping[CrampLocation, str] = LOCATION_WORDS) -> str:
    """``Calf, left leg · pain 7/10 · 2 min 10 s · “woke me up”``."""
    place = []
    if episode.location is not None:
        place.append(words[episode.location])
    if episode.leg is not None:
        leg = f"{LEG_WORDS[episode.leg]} leg{'s' if episode.leg is Leg.BOTH else ''}"
        place.append(leg.lower() if place else leg)
    parts = [", ".join(place)] if place else []
    if episode.pain is not None:
        parts.append(f"pain {episode.pain}/10")
    if episode.duration_seconds is not None:
        parts.append(duration_text(episode.duration_seconds))
    if episode.note:
        parts.append(f"“{episode.note}”")
    if not episode.logged and episode.leg is None and episode.location is None and episode.pain is None:
        parts.append("details not logged")
    elif not parts:
        parts.append("no details")
    return " · ".join(parts)


def entry_text(entry: Entry, now: datetime, words: Mapping[CrampLocation, str] = LOCATION_WORDS) -> str:
    """Two lines for the list: what and when, then the details."""
    if isinstance(entry, CrampEpisode):
        return f"Cramp · {when_text(entry.started_at, now)}\n{episode_line(entry, words)}"
    return f"Routine · {when_text(entry.started_at, now)}\n{session_line(entry)}"


def entry_name(entry: Entry, now: datetime) -> str:
    """``the cramp of Mon 30 Mar, 03:10``: how a question or the undo bar names an entry."""
    kind = "cramp" if isinstance(entry, CrampEpisode) else "routine"
    return f"the {kind} of {when_text(entry.started_at, now)}"
