"""The built-in warning signs say where they come from, and the project's content page lists the same."""

from __future__ import annotations

from pathlib import Path

from cramp_coach.domain.protocol import Urgency
from cramp_coach.storage.routine_library import load_catalog

CONTENT_PAGE = Path(__file__).resolve().parents[3] / "docs" / "content-sources.md"


def test_every_tier_has_sources_and_the_content_page_lists_each_one() -> None:
    protocol = load_catalog().protocol
    assert protocol is not None
    page = CONTENT_PAGE.read_text(encoding="utf-8")
    rows = {line for line in page.splitlines() if line.lstrip().startswith("|")}
    for tier in protocol.red_flags:
        assert tier.sources, f"the {tier.urgency.value} tier has no sources"
        for source in tier.sources:
            assert any(f"| {source} |" in row for row in rows), f"{source!r} is not listed in {CONTENT_PAGE.name}"


def test_clot_signs_cite_the_dvt_page_and_the_quinine_review_cites_the_regulators() -> None:
    protocol = load_catalog().protocol
    assert protocol is not None
    tiers = {tier.urgency: tier for tier in protocol.red_flags}
    dvt = "NHS – Deep vein thrombosis (nhs.uk/conditions/deep-vein-thrombosis-dvt)"
    assert dvt in tiers[Urgency.EMERGENCY].sources
    assert dvt in tiers[Urgency.URGENT].sources
    assert any("quinine" in sign for sign in tiers[Urgency.ROUTINE].signs)
    assert any(source.startswith("FDA") and "MHRA" in source for source in tiers[Urgency.ROUTINE].sources)
