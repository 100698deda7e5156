"""Everything that loaded from the routine files, and everything that did not (with why)."""

from __future__ import annotations

from dataclasses import dataclass

from cramp_coach.domain.errors import Issue
from cramp_coach.domain.protocol import CrampProtocol
from cramp_coach.domain.routine import Exercise, Routine


@dataclass(frozen=True, slots=True)
class Catalog:
    """The exercises, routines and Cramp-now protocol in effect, plus every file's issues.

    Built by :func:`cramp_coach.schema.catalog.assemble`; kept here, free of YAML, so a
    cached catalog can be read back without loading the parser.
    """

    exercises: dict[str, Exercise]
    routines: dict[str, Routine]
    protocol: CrampProtocol | None
    issues: tuple[Issue, ...]
    files_with_issues: tuple[str, ...]

    def issues_for(self, file: str) -> tuple[Issue, ...]:
        return tuple(issue for issue in self.issues if issue.file == file)
