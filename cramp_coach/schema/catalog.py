"""Assemble validated files into the routines, exercises and protocol the app uses.

Files come in precedence order, lowest first (built-ins, then the user's folder, then
``--routines``): a later exercise or routine with the same id replaces an earlier one.
A file with any issue is left out whole, with its issues kept for the user; it never
stops the others loading. Routine references to exercises are resolved here, against
every exercise library that loaded.

Cramp now is never disabled: when no protocol file loads (a broken override, a damaged
install), the protocol compiled into the package is used, and the files' issues are
still reported for whoever can fix them.
"""

from __future__ import annotations

from collections.abc import Sequence

from cramp_coach.domain.catalog import Catalog
from cramp_coach.domain.cramp_now_builtin import BUILTIN_PROTOCOL
from cramp_coach.domain.errors import Issue
from cramp_coach.domain.protocol import CrampProtocol
from cramp_coach.domain.routine import Exercise, Routine
from cramp_coach.schema.build import build_library, build_protocol, build_routine
from cramp_coach.schema.kinds import FileKind
from cramp_coach.schema.loader import ParsedFile, suggest

__all__ = ["Catalog", "assemble"]


def assemble(files: Sequence[ParsedFile]) -> Catalog:
    exercises: dict[str, Exercise] = {}
    for parsed in files:
        if parsed.ok and parsed.kind is FileKind.EXERCISE_LIBRARY:
            assert parsed.value is not None
            exercises.update(build_library(parsed.value))

    routines: dict[str, Routine] = {}
    protocol: CrampProtocol | None = None
    for parsed in files:
        if parsed.kind is FileKind.ROUTINE:
            known = sorted(exercises)
            for reference in parsed.references:
                if reference.id not in exercises:
                    parsed.issues.append(
                        Issue(
                            parsed.file,
                            reference.line,
                            reference.column,
                            reference.path,
                            f"expected a known exercise id{suggest(reference.id, known)}, found '{reference.id}'",
                        )
                    )
            parsed.issues.sort(key=lambda issue: (issue.line, issue.column))
            if parsed.ok and parsed.value is not None:
                routines[parsed.stem] = build_routine(parsed.stem, parsed.value, exercises)
        elif parsed.kind is FileKind.CRAMP_PROTOCOL and parsed.ok:
            assert parsed.value is not None
            protocol = build_protocol(parsed.stem, parsed.value)

    issues = tuple(issue for parsed in files for issue in parsed.issues)
    return Catalog(
        exercises=exercises,
        routines=routines,
        protocol=protocol if protocol is not None else BUILTIN_PROTOCOL,
        issues=issues,
        files_with_issues=tuple(parsed.file for parsed in files if parsed.issues),
    )
