"""Generate the JSON Schema for routine files from :mod:`.spec`.

The schema ships in the package (``routine.schema.json``) so editors such as VS Code's
YAML extension can complete and check files; ``tests/unit/schema/test_jsonschema.py``
fails when the committed file and this generator disagree. Regenerate with
``python -m cramp_coach.schema.jsonschema``.
"""

from __future__ import annotations

import json
from typing import Any

from cramp_coach import paths
from cramp_coach.schema import spec


def _type_schema(typ: spec.ValueType, defs: dict[str, Any]) -> dict[str, Any]:
    if isinstance(typ, spec.Text):
        return {"type": "string", "minLength": 1, "maxLength": typ.max_length}
    if isinstance(typ, spec.Identifier):
        return {"type": "string", "pattern": spec.ID_PATTERN}
    if isinstance(typ, spec.Number):
        return {
            "type": "integer" if typ.integer else "number",
            "minimum": typ.minimum,
            "maximum": typ.maximum,
        }
    if isinstance(typ, spec.Flag):
        return {"const": True} if typ.only_true else {"type": "boolean"}
    if isinstance(typ, spec.Choice):
        return {
            "enum": list(typ.values),
            "markdownEnumDescriptions": [description for _, description in typ.choices],
        }
    if isinstance(typ, spec.Date):
        return {"type": "string", "format": "date"}
    if isinstance(typ, spec.AssetPath):
        suffixes = "|".join(suffix.lstrip(".") for suffix in typ.suffixes)
        return {"type": "string", "pattern": rf"^(?!/)(?!.*\.\.)[^:]*\.({suffixes})$"}
    if isinstance(typ, spec.ListOf):
        return {
            "type": "array",
            "items": _type_schema(typ.item, defs),
            "minItems": typ.min_items,
            "maxItems": typ.max_items,
        }
    if isinstance(typ, spec.Either):
        return {"anyOf": [_type_schema(typ.reference, defs), _type_schema(typ.record, defs)]}
    return _record_ref(typ, defs)


def _record_ref(record: spec.Record, defs: dict[str, Any]) -> dict[str, Any]:
    name = record.title.replace(" ", "_").replace("-", "_")
    if name not in defs:
        defs[name] = {}  # placeholder first: records may nest
        defs[name] = _record_schema(record, defs)
    return {"$ref": f"#/$defs/{name}"}


def _record_schema(record: spec.Record, defs: dict[str, Any]) -> dict[str, Any]:
    properties = {}
    for field in record.fields:
        schema = _type_schema(field.type, defs)
        schema = {**schema, "description": field.help}
        if field.default is not None:
            schema["default"] = field.default
        properties[field.name] = schema
    result: dict[str, Any] = {
        "type": "object",
        "title": record.title,
        "properties": properties,
        "additionalProperties": False,
        "required": [field.name for field in record.fields if field.required],
    }
    if record.help:
        result["description"] = record.help
    all_of: list[dict[str, Any]] = []
    for rule in record.rules:
        if isinstance(rule, spec.ExactlyOne):
            result["oneOf"] = [{"required": [name]} for name in rule.names]
        elif isinstance(rule, spec.RequiredWhenMentioned):
            all_of.append({"if": _mentions(rule), "then": {"required": [rule.name]}})
        elif isinstance(rule, spec.Requires):
            all_of.append(
                {"if": {"required": [rule.name]}, "then": {"anyOf": [{"required": [o]} for o in rule.others]}}
            )
        else:
            all_of.append({"not": {"required": [rule.name, rule.other]}})
    if all_of:
        result["allOf"] = all_of
    return result


def _mentions(rule: spec.RequiredWhenMentioned) -> dict[str, Any]:
    # JSON Schema patterns have no ignore-case flag: spell each letter as [Xx].
    stems = "|".join("".join(f"[{c.upper()}{c.lower()}]" for c in stem) for stem in rule.stems)
    pattern = rf"(^|[^A-Za-z])({stems})"
    text = {"type": "string", "pattern": pattern}
    return {
        "anyOf": [
            {"required": [name], "properties": {name: {"anyOf": [text, {"type": "array", "contains": text}]}}}
            for name in rule.fields
        ]
    }


def generate() -> dict[str, Any]:
    defs: dict[str, Any] = {}
    kinds = []
    for kind, record in spec.KINDS.items():
        ref = _record_ref(record, defs)
        kinds.append({"if": {"properties": {"kind": {"const": kind}}}, "then": ref})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/cramp-coach/cramp-coach/routine.schema.json",
        "title": "cramp-coach routine format",
        "description": f"schema_version {spec.SCHEMA_VERSION}: an exercise library, a routine or the "
        "Cramp-now protocol. See docs/routine-format.md.",
        "type": "object",
        "required": ["schema_version", "kind"],
        "properties": {
            "schema_version": {"type": "integer", "maximum": spec.SCHEMA_VERSION, "minimum": 1},
            "kind": {"enum": list(spec.KINDS)},
        },
        "allOf": kinds,
        "$defs": defs,
    }


def render() -> str:
    return json.dumps(generate(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    paths.schema_file().write_text(render(), encoding="utf-8")
    print(f"wrote {paths.schema_file()}")
