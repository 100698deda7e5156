"""The Cramp-now protocol compiled into the package: equal to the shipped file, and used when none loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from cramp_coach import paths
from cramp_coach.domain.cramp_now_builtin import BUILTIN_PROTOCOL
from cramp_coach.domain.protocol import CrampLocation
from cramp_coach.schema import protocol_fallback
from cramp_coach.storage.routine_library import load_catalog

REGENERATE = (
    "run: python -m cramp_coach.schema.protocol_fallback && ruff format cramp_coach/domain/cramp_now_builtin.py"
)


def test_the_compiled_copy_matches_the_shipped_protocol() -> None:
    shipped = protocol_fallback.load_shipped(paths.builtin_routines_dir(), paths.builtin_assets_dir())
    assert shipped == BUILTIN_PROTOCOL, REGENERATE


def test_the_generated_source_rebuilds_an_equal_protocol() -> None:
    namespace: dict[str, object] = {}
    exec(compile(protocol_fallback.python_source(BUILTIN_PROTOCOL), "<generated>", "exec"), namespace)
    assert namespace["BUILTIN_PROTOCOL"] == BUILTIN_PROTOCOL


def _copy_without_protocol(tmp_path: Path, broken: str | None) -> Path:
    folder = tmp_path / "routines"
    folder.mkdir()
    for source in paths.builtin_routines_dir().glob("*.yaml"):
        if source.name != protocol_fallback.SOURCE_NAME:
            (folder / source.name).write_bytes(source.read_bytes())
    if broken is not None:
        (folder / protocol_fallback.SOURCE_NAME).write_text(broken, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "broken",
    [
        "schema_version: 1\nkind: cramp_protocol\ndisclaimer: [\n",  # not even YAML
        "schema_version: 1\nkind: cramp_protocol\nurgent_after_minutes: soon\n",  # wrong fields
    ],
    ids=["yaml-error", "invalid-fields"],
)
def test_a_broken_protocol_file_falls_back_to_the_compiled_copy(tmp_path: Path, broken: str) -> None:
    catalog = load_catalog(builtin_dir=_copy_without_protocol(tmp_path, broken))
    assert catalog.protocol is BUILTIN_PROTOCOL
    # The file's problems are still reported, for whoever can fix them.
    assert any(issue.file.endswith(protocol_fallback.SOURCE_NAME) for issue in catalog.issues)
    assert catalog.protocol.plan(CrampLocation.CALF).steps  # and Cramp now has its steps


def test_a_missing_protocol_file_falls_back_too(tmp_path: Path) -> None:
    catalog = load_catalog(builtin_dir=_copy_without_protocol(tmp_path, None))
    assert catalog.protocol is BUILTIN_PROTOCOL


def test_a_valid_user_protocol_is_used_not_the_copy(tmp_path: Path) -> None:
    user = tmp_path / "mine"
    user.mkdir()
    text = (paths.builtin_routines_dir() / protocol_fallback.SOURCE_NAME).read_text(encoding="utf-8")
    changed = text.replace("urgent_after_minutes: 10", "urgent_after_minutes: 12")
    (user / protocol_fallback.SOURCE_NAME).write_text(changed, encoding="utf-8")
    catalog = load_catalog(user)
    assert catalog.protocol is not None
    assert catalog.protocol.urgent_after_minutes == 12
