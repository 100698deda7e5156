"""The first frame's index: read back only while every routine, asset and domain file is unchanged."""

from __future__ import annotations

from pathlib import Path

from cramp_coach.domain.cramp_location import CrampLocation
from cramp_coach.domain.cramp_opening import CrampOpening, LocationChoice
from cramp_coach.domain.routine_card import RoutineCard
from cramp_coach.storage import first_frame_index
from cramp_coach.storage.catalog_cache import fingerprint

CARDS = (RoutineCard("bedtime", "Bedtime", "Four stretches", "about 7 min · standing"),)
OPENING = CrampOpening(
    (LocationChoice(CrampLocation.CALF, "Calf", "back of the lower leg"),),
    CrampLocation.CALF,
    "start with the calf steps",
    "Not a diagnosis.",
)


def test_the_index_reads_back_for_the_same_fingerprint_only(tmp_path: Path) -> None:
    index = tmp_path / "cache" / "first-frame.marshal"
    first_frame_index.write(index, "key-1", CARDS, 2, OPENING)
    read = first_frame_index.read(index, "key-1")
    assert read is not None
    assert (read.cards, read.problem_count, read.opening) == (CARDS, 2, OPENING)
    assert first_frame_index.read(index, "key-2") is None
    assert not index.with_name("first-frame.marshal.partial").exists()


def test_an_index_without_a_protocol_has_no_opening(tmp_path: Path) -> None:
    index = tmp_path / "first-frame.marshal"
    first_frame_index.write(index, "key", CARDS, 0, None)
    read = first_frame_index.read(index, "key")
    assert read is not None
    assert read.opening is None


def test_a_damaged_or_missing_index_is_only_a_miss(tmp_path: Path) -> None:
    index = tmp_path / "first-frame.marshal"
    assert first_frame_index.read(index, "key") is None
    index.write_bytes(b"\x00garbage")
    assert first_frame_index.read(index, "key") is None


def test_writing_bytecode_does_not_change_the_fingerprint(tmp_path: Path) -> None:
    (tmp_path / "routine.yaml").write_text("title: x\n")
    before = fingerprint([tmp_path])
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "m.cpython-311.pyc").write_bytes(b"x")
    assert fingerprint([tmp_path]) == before
    (tmp_path / "routine.yaml").write_text("title: changed\n")
    assert fingerprint([tmp_path]) != before
