"""Home's index: read back only while every routine, asset and domain file is unchanged."""

from __future__ import annotations

from pathlib import Path

from cramp_coach.domain.routine_card import RoutineCard
from cramp_coach.storage import home_index
from cramp_coach.storage.catalog_cache import fingerprint

CARDS = (RoutineCard("bedtime", "Bedtime", "Four stretches", "about 7 min · standing"),)


def test_the_index_reads_back_for_the_same_fingerprint_only(tmp_path: Path) -> None:
    index = tmp_path / "cache" / "home.marshal"
    home_index.write(index, "key-1", CARDS, 2)
    read = home_index.read(index, "key-1")
    assert read is not None
    assert (read.cards, read.problem_count) == (CARDS, 2)
    assert home_index.read(index, "key-2") is None
    assert not index.with_name("home.marshal.partial").exists()


def test_a_damaged_or_missing_index_is_only_a_miss(tmp_path: Path) -> None:
    index = tmp_path / "home.marshal"
    assert home_index.read(index, "key") is None
    index.write_bytes(b"\x00garbage")
    assert home_index.read(index, "key") is None


def test_writing_bytecode_does_not_change_the_fingerprint(tmp_path: Path) -> None:
    (tmp_path / "routine.yaml").write_text("title: x\n")
    before = fingerprint([tmp_path])
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "m.cpython-311.pyc").write_bytes(b"x")
    assert fingerprint([tmp_path]) == before
    (tmp_path / "routine.yaml").write_text("title: changed\n")
    assert fingerprint([tmp_path]) != before
