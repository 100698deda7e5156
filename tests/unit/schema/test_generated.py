"""The JSON Schema and the docs' field tables are generated from the spec and kept in step."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from cramp_coach import paths
from cramp_coach.schema import docgen
from cramp_coach.schema import jsonschema as generator

REPO = Path(__file__).resolve().parents[3]


def test_shipped_json_schema_matches_the_spec() -> None:
    assert paths.schema_file().read_text(encoding="utf-8") == generator.render(), (
        "run: python -m cramp_coach.schema.jsonschema"
    )


def test_docs_field_tables_match_the_spec() -> None:
    document = (REPO / "docs" / "routine-format.md").read_text(encoding="utf-8")
    assert docgen.rewrite(document) == document, "run: python -m cramp_coach.schema.docgen"


def test_json_schema_is_a_valid_draft_2020_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(generator.generate())


@pytest.mark.parametrize("path", sorted(paths.builtin_routines_dir().glob("*.yaml")), ids=lambda p: p.name)
def test_shipped_files_satisfy_the_json_schema(path: Path) -> None:
    document = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
    jsonschema.Draft202012Validator(generator.generate()).validate(document)


def test_json_schema_rejects_what_the_loader_rejects() -> None:
    validator = jsonschema.Draft202012Validator(generator.generate())
    base = {
        "schema_version": 1,
        "kind": "routine",
        "title": "T",
        "summary": "S",
        "steps": [{"exercise": "x"}],
    }
    assert validator.is_valid(base)
    two_timings = {**base, "steps": [{"exercise": "x", "dose": {"hold_seconds": 5, "tempo_seconds": 2}}]}
    unknown_key = {**base, "colour": "blue"}
    newer = {**base, "schema_version": 2}
    for document in (two_timings, unknown_key, newer):
        assert not validator.is_valid(document)
