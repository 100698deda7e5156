"""A Cramp-now step about rubbing or warming a leg must carry a visible ``caution``.

The loader and the shipped JSON Schema enforce the same rule, so an editor with the
schema and ``cramp-coach validate`` agree.
"""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from cramp_coach import paths
from cramp_coach.domain.protocol import CrampLocation
from cramp_coach.schema import jsonschema as generator
from cramp_coach.schema.build import build_protocol
from cramp_coach.schema.loader import parse_text

PROTOCOL = paths.builtin_routines_dir() / "cramp-now.yaml"


def _without_caution(text: str, title: str) -> str:
    """The protocol text with the ``caution:`` line of the step titled ``title`` removed."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- title: {title}")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("- title:"))
    kept = [line for line in lines[start:end] if not line.lstrip().startswith("caution:")]
    assert len(kept) == end - start - 1, f"step {title!r} had no caution to remove"
    return "".join(lines[:start] + kept + lines[end:])


@pytest.mark.parametrize("title", ["Rub the calf", "Rub the sole", "Rub the thigh", "Warmth, if you like"])
def test_loader_refuses_a_rub_or_warmth_step_without_caution(title: str) -> None:
    text = _without_caution(PROTOCOL.read_text(encoding="utf-8"), title)
    parsed = parse_text(text, "cramp-now.yaml", asset_roots=[paths.builtin_assets_dir()])
    messages = [f"{issue.field}: {issue.message}" for issue in parsed.issues]
    assert len(messages) == 1, messages
    assert messages[0].endswith(
        ".caution: expected a caution (required because title mentions one of: "
        "rub, massag, knead, warm, heat, hot), found nothing"
    )


def test_a_step_that_only_speaks_of_rubbing_still_needs_a_caution() -> None:
    text = PROTOCOL.read_text(encoding="utf-8").replace(
        "title: Rub the calf\n        lines:\n          - Keep a light stretch on the foot.\n"
        "          - Rub the calf firmly, up and down.",
        "title: Calf\n        lines:\n          - Keep a light stretch on the foot.\n          - Work the muscle.",
    )
    text = _without_caution(text, "Calf")
    parsed = parse_text(text, "cramp-now.yaml", asset_roots=[paths.builtin_assets_dir()])
    assert [issue.message.split(" (")[1] for issue in parsed.issues] == [
        "required because say mentions one of: rub, massag, knead, warm, heat, hot), found nothing"
    ]


def test_json_schema_asks_for_the_same_caution() -> None:
    validator = jsonschema.Draft202012Validator(generator.generate())
    for title in ("Rub the calf", "Warmth, if you like"):
        text = _without_caution(PROTOCOL.read_text(encoding="utf-8"), title)
        document = json.loads(json.dumps(yaml.safe_load(text), default=str))
        assert not validator.is_valid(document), title
    document = json.loads(json.dumps(yaml.safe_load(PROTOCOL.read_text(encoding="utf-8")), default=str))
    assert validator.is_valid(document)


def test_caution_reaches_the_domain_step() -> None:
    text = PROTOCOL.read_text(encoding="utf-8")
    parsed = parse_text(text, "cramp-now.yaml", asset_roots=[paths.builtin_assets_dir()])
    assert parsed.ok
    assert parsed.value is not None
    protocol = build_protocol("cramp-now", parsed.value)
    rub = protocol.plan(CrampLocation.CALF).steps[1]
    assert rub.title == "Rub the calf"
    assert "Don't rub it" in rub.caution
