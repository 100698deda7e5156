"""A realistic, reproducible diary for screenshots, benchmarks and tests (never used by the app itself).

:func:`sample_entries` invents someone with night cramps who starts the bedtime routine
after a few weeks: cramps most nights at first, fewer once the routine is a habit
(it is made-up data, shaped like the trial the built-in routine follows, not evidence
of anything), mostly in the calf, between 1 and 6 a.m., the routine at 21:30–23:00 on
most nights with the odd one stopped early, and a note now and then. The same seed
always gives the same diary.
"""

from __future__ import annotations

import math
import random
from datetime import date, datetime, time, timedelta, timezone

from cramp_coach.domain.diary import CrampEpisode, Leg, RoutineSession, SessionStatus
from cramp_coach.domain.protocol import CrampLocation
from cramp_coach.storage.diary_rows import Entry, new_uid
from cramp_coach.storage.diary_store import DiaryStore
from cramp_coach.storage.diary_transfer import ImportResult

NOTES = (
    "after a long walk",
    "hot day, didn't drink much",
    "woke twice",
    "new shoes today",
    "eased quickly with the stretch",
    "stayed tight in the morning",
    "long drive today",
    "forgot the routine, went to bed late",
    "toes curled under",
    "cold bedroom",
)
ROUTINES = (("bedtime", "Evening stretch", 28, 245.0), ("bedtime-seated", "Evening stretch – seated", 24, 230.0))


def _local(night: date, hour: float) -> datetime:
    """``hour`` hours after midnight at the start of ``night`` (24.5 = 00:30 the next day), as aware UTC."""
    naive = datetime.combine(night, time()) + timedelta(hours=hour)
    return naive.astimezone().astimezone(timezone.utc)  # naive -> system local time -> UTC


def _poisson(rng: random.Random, rate: float) -> int:
    limit, count, product = math.exp(-rate), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def sample_entries(
    first_night: date,
    nights: int,
    *,
    seed: int = 7,
    routine_from: int = 28,
    cramps_before: float = 2.4,
    cramps_after: float = 0.8,
    adherence: float = 0.85,
    episodes: int | None = None,
) -> list[Entry]:
    """Entries for ``nights`` nights from ``first_night``, oldest first.

    Args:
        first_night: the first night of the diary.
        nights: how many nights.
        seed: the random seed; the same arguments always give the same entries.
        routine_from: the night (counted from 0) the routine starts.
        cramps_before: cramps a night before the routine.
        cramps_after: cramps a night once the routine is a habit (reached over four weeks).
        adherence: the share of nights with the routine once started.
        episodes: if given, exactly this many cramps (extra ones dropped or added at random).
    """
    rng = random.Random(seed)
    per_night: list[int] = []
    routine_nights: list[bool] = []
    for index in range(nights):
        started = index >= routine_from
        habit = min(1.0, max(0.0, (index - routine_from) / 28)) if started else 0.0
        rate = cramps_before + (cramps_after - cramps_before) * habit
        per_night.append(_poisson(rng, rate))
        routine_nights.append(started and rng.random() < adherence)
    if episodes is not None:
        while sum(per_night) > episodes:
            index = rng.randrange(nights)
            if per_night[index]:
                per_night[index] -= 1
        while sum(per_night) < episodes:
            per_night[rng.randrange(nights)] += 1

    entries: list[Entry] = []
    for index in range(nights):
        night = first_night + timedelta(days=index)
        if routine_nights[index] or (index >= routine_from and rng.random() < 0.04):
            entries.append(_session(rng, night, completed=routine_nights[index]))
        hours = sorted(rng.uniform(25.0, 30.0) for _ in range(per_night[index]))  # 01:00–06:00
        for hour in hours:
            entries.append(_episode(rng, night, hour, calmer=routine_nights[index]))
    entries.sort(key=lambda entry: entry.started_at)
    return entries


def _session(rng: random.Random, night: date, *, completed: bool) -> RoutineSession:
    routine_id, title, phases, seconds = ROUTINES[0] if rng.random() < 0.8 else ROUTINES[1]
    started = _local(night, rng.uniform(21.5, 23.0))
    if completed:
        done, played, status = phases, seconds + rng.uniform(-5, 20), SessionStatus.COMPLETED
    else:
        done = rng.randrange(2, phases - 2)
        played, status = seconds * done / phases, SessionStatus.STOPPED
    return RoutineSession(
        id=None,
        routine_id=routine_id,
        routine_title=title,
        started_at=started,
        ended_at=started + timedelta(seconds=played + rng.uniform(5, 40)),
        status=status,
        phases_done=done,
        phases_total=phases,
        seconds_done=round(played, 1),
    )


def _episode(rng: random.Random, night: date, hour: float, *, calmer: bool) -> CrampEpisode:
    place = rng.choices(list(CrampLocation), weights=(70, 18, 5, 7))[0]
    leg = rng.choices(list(Leg), weights=(45, 40, 15))[0]
    logged = rng.random() < 0.9
    pain = min(10, max(1, round(rng.gauss(4.5 if calmer else 6.5, 1.6))))
    seconds = min(900.0, math.exp(rng.gauss(4.4, 0.7)))  # median about 80 s
    return CrampEpisode(
        id=None,
        started_at=_local(night, hour),
        duration_seconds=round(seconds),
        leg=leg if logged else None,
        location=place if logged else None,
        pain=pain if logged and rng.random() < 0.95 else None,
        note=rng.choice(NOTES) if logged and rng.random() < 0.12 else "",
        eased=True if rng.random() < 0.85 else None,
        logged=logged,
    )


def fill_sample(
    store: DiaryStore,
    first_night: date,
    nights: int,
    *,
    seed: int = 7,
    routine_from: int = 28,
    episodes: int | None = None,
) -> ImportResult:
    """Add :func:`sample_entries` to ``store`` in one transaction."""
    entries = sample_entries(first_night, nights, seed=seed, routine_from=routine_from, episodes=episodes)
    return store.import_entries([(new_uid(), entry) for entry in entries])
