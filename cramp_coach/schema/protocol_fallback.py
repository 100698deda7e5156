"""Write the built-in Cramp-now protocol as Python, so Cramp now works even when no file loads.

``routines/cramp-now.yaml`` is the source. Its Python copy,
``cramp_coach/domain/cramp_now_builtin.py``, is generated from it by this module and
needs no YAML parser, no schema code and no file at run time: if every protocol file
fails to load (a broken override, a damaged install), :func:`cramp_coach.schema.catalog.assemble`
uses the copy instead of leaving the person mid-cramp with an error list.

Regenerate after changing the shipped protocol (a test fails until you do)::

    python -m cramp_coach.schema.protocol_fallback
"""

from __future__ import annotations

import dataclasses
import datetime
import sys
from enum import Enum
from pathlib import Path

from cramp_coach.domain.protocol import CrampProtocol
from cramp_coach.schema.build import build_protocol
from cramp_coach.schema.kinds import FileKind
from cramp_coach.schema.loader import parse_file

SOURCE_NAME = "cramp-now.yaml"
TARGET = Path(__file__).resolve().parent.parent / "domain" / "cramp_now_builtin.py"

_HEADER = '''"""The built-in Cramp-now protocol, compiled into the package: used when no protocol file loads.

GENERATED from routines/cramp-now.yaml by ``python -m cramp_coach.schema.protocol_fallback``;
do not edit by hand (a test checks that it matches the shipped file).
"""

# ruff: noqa: E501
from __future__ import annotations

from datetime import date

from cramp_coach.domain.protocol import (
    CrampLocation,
    CrampProtocol,
    DiaryFlag,
    LocationPlan,
    ProtocolStep,
    RedFlagTier,
    StandGate,
    Urgency,
)
from cramp_coach.domain.routine import Evidence

'''


def _python(value: object, indent: int) -> str:
    """``value`` as Python source that rebuilds an equal value."""
    pad = "    " * (indent + 1)
    if isinstance(value, Enum):
        return f"{type(value).__name__}.{value.name}"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = [
            f"{pad}{field.name}={_python(getattr(value, field.name), indent + 1)},"
            for field in dataclasses.fields(value)
        ]
        return f"{type(value).__name__}(\n" + "\n".join(fields) + "\n" + "    " * indent + ")"
    if isinstance(value, tuple):
        if not value:
            return "()"
        items = [f"{pad}{_python(item, indent + 1)}," for item in value]
        return "(\n" + "\n".join(items) + "\n" + "    " * indent + ")"
    if isinstance(value, datetime.date):
        return f"date({value.year}, {value.month}, {value.day})"
    if value is None or isinstance(value, (str, int, float, bool)):
        return repr(value)
    raise TypeError(f"cannot write {type(value).__name__} as Python")


def python_source(protocol: CrampProtocol) -> str:
    """The whole generated module for ``protocol``."""
    return _HEADER + "BUILTIN_PROTOCOL = " + _python(protocol, 0) + "\n"


def load_shipped(routines_dir: Path, assets_dir: Path) -> CrampProtocol:
    """The protocol in ``routines_dir/cramp-now.yaml``; ValueError naming the file if it is invalid."""
    parsed = parse_file(routines_dir / SOURCE_NAME, asset_roots=[assets_dir])
    if not parsed.ok or parsed.value is None or parsed.kind is not FileKind.CRAMP_PROTOCOL:
        first = parsed.issues[0] if parsed.issues else None
        where = f"{first.file}:{first.line}:{first.column}: {first.field}: {first.message}" if first else SOURCE_NAME
        raise ValueError(f"the shipped Cramp-now protocol is not valid: {where}")
    return build_protocol(parsed.stem, parsed.value)


def main(argv: list[str]) -> int:
    from cramp_coach import paths

    target = Path(argv[1]) if len(argv) > 1 else TARGET
    try:
        protocol = load_shipped(paths.builtin_routines_dir(), paths.builtin_assets_dir())
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    target.write_text(python_source(protocol), encoding="utf-8")
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
