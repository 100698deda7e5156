"""Render the field tables of ``docs/routine-format.md`` from :mod:`.spec`.

The tables sit between two marker comments in the document; ``python -m
cramp_coach.schema.docgen`` rewrites them, and a test fails when they are stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cramp_coach.schema import spec

BEGIN = "<!-- BEGIN GENERATED FIELD TABLES (python -m cramp_coach.schema.docgen) -->"
END = "<!-- END GENERATED FIELD TABLES -->"


def _type_text(typ: spec.ValueType) -> str:
    if isinstance(typ, spec.Record):
        return f"[{typ.title}](#{_anchor(typ)})"
    if isinstance(typ, spec.ListOf):
        return f"list of {_type_text(typ.item)} ({typ.min_items}–{typ.max_items})"
    if isinstance(typ, spec.Either):
        return f"{_type_text(typ.reference)} or {_type_text(typ.record)}"
    if isinstance(typ, spec.Choice):
        return " / ".join(f"`{value}`" for value in typ.values)
    return typ.describe()


def _anchor(record: spec.Record) -> str:
    return record.title.replace(" ", "-").lower()


def _records() -> list[spec.Record]:
    found: list[spec.Record] = []

    def visit(typ: spec.ValueType) -> None:
        if isinstance(typ, spec.Record):
            if typ in found:
                return
            found.append(typ)
            for field in typ.fields:
                visit(field.type)
        elif isinstance(typ, spec.ListOf):
            visit(typ.item)
        elif isinstance(typ, spec.Either):
            visit(typ.record)

    for record in spec.KINDS.values():
        visit(record)
    return found


def render_tables() -> str:
    parts = []
    for record in _records():
        parts.append(f"### {record.title}\n")
        if record.help:
            parts.append(f"{record.help}\n")
        parts.append("| field | type | required / default | meaning |\n| --- | --- | --- | --- |")
        for field in record.fields:
            need = "**required**" if field.required else ("" if field.default is None else f"`{field.default}`")
            parts.append(f"| `{field.name}` | {_type_text(field.type)} | {need} | {field.help} |")
        for rule in record.rules:
            if isinstance(rule, spec.ExactlyOne):
                parts.append(f"\nExactly one of {', '.join(f'`{n}`' for n in rule.names)}.")
            elif isinstance(rule, spec.Requires):
                parts.append(f"\n`{rule.name}` only together with {' or '.join(f'`{o}`' for o in rule.others)}.")
            elif isinstance(rule, spec.RequiredWhenMentioned):
                stems = ", ".join(f"“{stem}…”" for stem in rule.stems)
                where = ", ".join(f"`{name}`" for name in rule.fields)
                parts.append(f"\n`{rule.name}` is **required** when {where} has a word starting with {stems}.")
            else:
                parts.append(f"\n`{rule.name}` never together with `{rule.other}`.")
        parts.append("")
    return "\n".join(parts)


def rewrite(document: str) -> str:
    start, end = document.index(BEGIN) + len(BEGIN), document.index(END)
    return document[:start] + "\n\n" + render_tables() + "\n" + document[end:]


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/routine-format.md")
    target.write_text(rewrite(target.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"rewrote the field tables in {target}")
