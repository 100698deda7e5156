"""Each tier of warning signs has its own ``sources:``: loaded, checked, and optional so old files still load."""

from __future__ import annotations

import re

from cramp_coach import paths
from cramp_coach.domain.protocol import Urgency
from cramp_coach.schema.build import build_protocol
from cramp_coach.schema.loader import ParsedFile, parse_text

PROTOCOL = paths.builtin_routines_dir() / "cramp-now.yaml"


def _parse(text: str) -> ParsedFile:
    return parse_text(text, "cramp-now.yaml", asset_roots=[paths.builtin_assets_dir()])


def _tier_sources_block(text: str, urgency: str) -> tuple[int, int]:
    """Line indexes [start, end) of the ``sources:`` block of the tier ``urgency``."""
    lines = text.splitlines()
    tier = lines.index(f"  - urgency: {urgency}")
    start = next(i for i in range(tier, len(lines)) if lines[i] == "    sources:")
    end = start + 1
    while end < len(lines) and lines[end].startswith("      "):
        end += 1
    return start, end


def test_the_shipped_tiers_load_with_their_sources_in_order() -> None:
    parsed = _parse(PROTOCOL.read_text(encoding="utf-8"))
    assert parsed.issues == []
    assert parsed.value is not None
    protocol = build_protocol("cramp-now", parsed.value)
    assert [tier.urgency for tier in protocol.red_flags] == list(Urgency)
    for tier in protocol.red_flags:
        assert len(tier.sources) >= 2, tier.urgency
        assert len(set(tier.sources)) == len(tier.sources), f"{tier.urgency} repeats a source"
    assert protocol.red_flags[0].sources[0].startswith("NHS – Deep vein thrombosis")


def test_a_tier_without_sources_still_loads() -> None:
    """Files written before tiers had sources keep loading (schema_version stays 1)."""
    text = PROTOCOL.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    start, end = _tier_sources_block(text, "urgent")
    parsed = _parse("".join(lines[:start] + lines[end:]))
    assert parsed.issues == []
    assert parsed.value is not None
    urgent = build_protocol("cramp-now", parsed.value).red_flags[1]
    assert urgent.urgency is Urgency.URGENT
    assert urgent.sources == ()


def test_bad_tier_sources_are_reported_with_their_place() -> None:
    text = PROTOCOL.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    start, end = _tier_sources_block(text, "routine")
    broken = [*lines[:start], "    sources: NHS\n", *lines[end:]]
    parsed = _parse("".join(broken))
    assert len(parsed.issues) == 1, parsed.issues
    issue = parsed.issues[0]
    assert (issue.line, issue.field) == (start + 1, "red_flags[2].sources")
    assert re.search(r"expected a list", issue.message), issue.message

    empty_entry = [*lines[:start], "    sources:\n", '      - ""\n', *lines[end:]]
    parsed = _parse("".join(empty_entry))
    assert [issue.field for issue in parsed.issues] == ["red_flags[2].sources[0]"]

    misspelt = text.replace("    sources:\n      - NHS – Deep vein", "    source:\n      - NHS – Deep vein", 1)
    parsed = _parse(misspelt)
    assert [issue.field for issue in parsed.issues] == ["red_flags[0].source"]
    assert "sources" in parsed.issues[0].message  # the nearest known key is suggested
