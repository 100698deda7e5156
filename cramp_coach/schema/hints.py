"""Which field of the routine format a text cursor is on, for the editor's hints.

The answer comes from the raw text, by indentation, rather than from a parse: the hint
matters most while the physiotherapist is typing, which is exactly when the file does
not parse. Block mappings, block lists (``- key: value``) and one-line flow mappings
(``dose: {hold_seconds: 10, reps: 3}``) are understood; that covers how routine files
are written. The field found is looked up in :mod:`.spec`, whose ``help`` texts are the
same ones the docs and the JSON Schema show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cramp_coach.schema import spec
from cramp_coach.schema.loader import suggest

_KEY_RE = re.compile(r"([A-Za-z_][\w-]*)\s*:(?=\s|$)")
_FLOW_KEY_RE = re.compile(r"\s*([A-Za-z_][\w-]*)\s*(:)?")
_KIND_RE = re.compile(r"^kind:\s*([a-z_]+)", re.MULTILINE)
ITEM = "[]"


@dataclass(frozen=True, slots=True)
class Hint:
    """What the cursor is on.

    Attributes:
        path: the field path, lists shown as ``[]``, e.g. ``steps[].dose.hold_seconds``.
        field: the field at the cursor, if the cursor is on a known key (or its value).
        record: the record whose fields may be written at the cursor.
        unknown: a key at the cursor that ``record`` does not have.
    """

    path: str
    field: spec.Field | None
    record: spec.Record | None
    unknown: str | None = None

    def text(self) -> str:
        """One or two plain sentences for the hint line."""
        if self.unknown is not None and self.record is not None:
            return (
                f"'{self.unknown}' is not a field of {self.record.title}"
                f"{suggest(self.unknown, self.record.names)}. Fields here: {_field_list(self.record)}."
            )
        if self.field is not None:
            return _describe_field(self.path, self.field)
        if self.record is not None:
            intro = f"{self.record.help} " if self.record.help else ""
            return f"{intro}Fields of {self.record.describe()}: {_field_list(self.record)}."
        return ""


def _field_list(record: spec.Record) -> str:
    return ", ".join(f"{field.name}{' (required)' if field.required else ''}" for field in record.fields)


def _describe_field(path: str, field: spec.Field) -> str:
    typ = field.type
    parts = [f"{path}: {field.help}"]
    if isinstance(typ, spec.Record):
        if typ.help:
            parts.append(typ.help)
        parts.append(f"Fields: {_field_list(typ)}.")
    elif isinstance(typ, spec.Choice):
        choices = "; ".join(f"{value} ({meaning})" if meaning else value for value, meaning in typ.choices)
        parts.append(f"One of: {choices}.")
    else:
        parts.append(f"Expected: {typ.describe()}.")
    if field.required:
        parts.append("Required.")
    elif field.default is not None:
        default = str(field.default).lower() if isinstance(field.default, bool) else str(field.default)
        parts.append(f"Default: {default}.")
    return " ".join(parts)


@dataclass(frozen=True, slots=True)
class _Line:
    dash: int | None  # column of the list dash, if the line is a list item
    key: str | None
    key_column: int  # column of the key (or of the content when there is no key)


def _strip_comment(raw: str) -> str:
    if raw.lstrip().startswith("#"):
        return ""
    match = re.search(r"\s#", raw)
    return raw[: match.start()] if match else raw


def _scan(raw: str) -> _Line | None:
    text = _strip_comment(raw).rstrip()
    if not text.strip():
        return None
    column = len(text) - len(text.lstrip(" "))
    dash = None
    while text[column:].startswith("- ") or text[column:] == "-":
        dash = column if dash is None else dash
        column += 1
        while column < len(text) and text[column] == " ":
            column += 1
    match = _KEY_RE.match(text, column)
    return _Line(dash, match.group(1) if match else None, column)


def _parents(lines: list[str], index: int, indent: int, chain: list[str]) -> list[str]:
    """Extend ``chain`` (leaf first) with the keys and list items enclosing column ``indent``."""
    for raw in reversed(lines[:index]):
        if indent <= 0:
            break
        line = _scan(raw)
        if line is None:
            continue
        if line.key is not None and line.key_column < indent:
            chain.append(line.key)
            indent = line.key_column
        if line.dash is not None and line.dash < indent:
            chain.append(ITEM)
            indent = line.dash
    return chain


def _root(text: str) -> spec.Record:
    match = _KIND_RE.search(text)
    return spec.KINDS.get(match.group(1), spec.ROUTINE) if match else spec.ROUTINE


def _as_record(typ: spec.ValueType) -> spec.Record | None:
    if isinstance(typ, spec.Record):
        return typ
    if isinstance(typ, spec.Either):
        return typ.record
    return None


def _resolve(root: spec.Record, chain: list[str]) -> Hint:
    typ: spec.ValueType = root
    field: spec.Field | None = None
    path = ""
    for token in reversed(chain):
        if token == ITEM:
            if not isinstance(typ, spec.ListOf):
                return Hint(path, None, None)
            typ = typ.item
            path += ITEM
            continue
        record = _as_record(typ)
        if record is None:
            return Hint(path, field, None)
        declared = record.get(token)
        if declared is None:
            return Hint(f"{path}.{token}" if path else token, None, record, unknown=token)
        field = declared
        typ = declared.type
        path = f"{path}.{token}" if path else token
    if chain and chain[0] != ITEM:
        # The cursor is on a key: its field, within the record that holds it.
        holder = _holder(root, chain[1:])
        return Hint(path, field, holder)
    record = _as_record(typ)
    if record is None and isinstance(typ, spec.ListOf):
        record = _as_record(typ.item)
    return Hint(path, field if record is None else None, record)


def _holder(root: spec.Record, chain: list[str]) -> spec.Record | None:
    typ: spec.ValueType = root
    for token in reversed(chain):
        if token == ITEM:
            if not isinstance(typ, spec.ListOf):
                return None
            typ = typ.item
            continue
        record = _as_record(typ)
        declared = record.get(token) if record is not None else None
        if declared is None:
            return None
        typ = declared.type
    return _as_record(typ)


def hint_at(text: str, line: int, column: int) -> Hint | None:
    """The hint for the cursor at 0-based ``line`` and ``column`` of ``text``; ``None`` outside any field."""
    lines = text.split("\n")
    if not 0 <= line < len(lines):
        return None
    raw = lines[line]
    root = _root(text)
    chain: list[str] = []
    current = _scan(raw)
    before = _strip_comment(raw[:column])
    brace = before.rfind("{")
    if current is not None and current.key is not None and brace > before.rfind("}") and brace >= 0:
        # Inside a one-line flow mapping: the key typed last before the cursor.
        segment = before[brace + 1 :].rsplit(",", 1)[-1]
        match = _FLOW_KEY_RE.match(segment)
        if match and match.group(2):
            chain.append(match.group(1))
        chain.append(current.key)
        indent = current.key_column
    elif current is not None and current.key is not None:
        chain.append(current.key)
        indent = current.key_column
    elif current is not None:
        indent = current.key_column
    else:
        indent = min(column, len(raw))
    if current is not None and current.dash is not None and current.dash < indent:
        chain.append(ITEM)
        indent = current.dash
    _parents(lines, line, indent, chain)
    if not chain and current is None:
        return Hint("", None, root)
    return _resolve(root, chain)
