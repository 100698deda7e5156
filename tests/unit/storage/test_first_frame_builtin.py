"""A fresh install's first frame comes from the built-in routines' generated index."""

from __future__ import annotations

import shutil
from pathlib import Path

from cramp_coach import paths
from cramp_coach.domain.cramp_opening import CrampOpening
from cramp_coach.domain.routine_card import RoutineCard
from cramp_coach.storage import first_frame_builtin
from cramp_coach.storage.library import load_catalog

REGENERATE = "run: python -m cramp_coach.storage.first_frame_builtin"


def test_the_generated_index_matches_the_built_in_routines() -> None:
    assert first_frame_builtin.render() == first_frame_builtin.TARGET.read_text(encoding="utf-8"), REGENERATE
    index = first_frame_builtin.builtin_index()
    assert index is not None
    assert not index.stored
    catalog = load_catalog()
    assert index.cards == tuple(RoutineCard.of(routine) for routine in catalog.routines.values())
    assert catalog.protocol is not None
    assert index.opening == CrampOpening.of(catalog.protocol)
    assert index.problem_count == 0


def test_changed_built_in_files_are_never_shown_from_an_old_index(tmp_path: Path) -> None:
    routines = tmp_path / "routines"
    shutil.copytree(paths.builtin_routines_dir(), routines)
    assert first_frame_builtin.builtin_index(routines) is not None
    bedtime = routines / "bedtime.yaml"
    bedtime.write_text(bedtime.read_text(encoding="utf-8").replace("title:", "title: Changed", 1), encoding="utf-8")
    assert first_frame_builtin.builtin_index(routines) is None


def test_only_visible_files_count_as_the_users_own_routines(tmp_path: Path) -> None:
    folder = tmp_path / "routines"
    assert not first_frame_builtin.has_own_routines(folder)  # not made yet
    (folder / ".trash").mkdir(parents=True)
    (folder / ".routine.yaml.tmp").write_text("")
    assert not first_frame_builtin.has_own_routines(folder)
    (folder / "mine.yaml").write_text("")
    assert first_frame_builtin.has_own_routines(folder)
