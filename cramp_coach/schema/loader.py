"""Validate a routine-format file against :mod:`.spec`, collecting every error.

The file is composed into YAML nodes (which keep their marks), then walked alongside
the spec. Each problem becomes an :class:`~cramp_coach.domain.errors.Issue` that reads
``file:line:column: field.path: expected …, found …``; the walk carries on after an
error so one run shows them all. The result is plain Python values (dicts, lists,
numbers, text) ready for :mod:`.build`, plus the exercise references still to be
resolved against the library.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from cramp_coach.domain.errors import Issue
from cramp_coach.schema import spec, yaml_errors
from cramp_coach.schema.assets import AssetResolver, leaves_folder
from cramp_coach.schema.images import image_problem
from cramp_coach.schema.kinds import RESERVED_IDS, FileKind
from cramp_coach.schema.names import MAX_ID_LENGTH, relative_path_problem, shorten
from cramp_coach.schema.yamlnodes import TooDeepError, compose, describe_node

_ID_RE = re.compile(spec.ID_PATTERN)
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


@dataclass(frozen=True, slots=True)
class Reference:
    """An id in one file that must name something defined elsewhere (e.g. an exercise)."""

    kind: str
    id: str
    path: str
    line: int
    column: int


@dataclass(slots=True)
class ParsedFile:
    """The outcome of validating one file.

    ``value`` is ``None`` when the file could not be read or parsed at all; otherwise it
    holds whatever validated, and ``issues`` says what did not.
    """

    file: str
    kind: FileKind | None
    value: dict[str, Any] | None
    issues: list[Issue] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.issues and self.value is not None

    @property
    def stem(self) -> str:
        return Path(self.file).stem


class _Invalid:
    """Marks a value that failed validation (its issue is already recorded)."""


INVALID = _Invalid()


class _BudgetExceededError(Exception):
    pass


def suggest(word: str, known: Sequence[str]) -> str:
    """``" (did you mean 'x'?)"`` for the nearest known word, or nothing."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _mentioning_field(rule: spec.RequiredWhenMentioned, values: dict[str, Any]) -> str | None:
    """The first of the rule's fields whose text triggers it, if any."""
    for name in rule.fields:
        value = values.get(name)
        texts = value if isinstance(value, list) else [value]
        if any(isinstance(text, str) and rule.matches(text) for text in texts):
            return name
    return None


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


class _Walker:
    def __init__(self, file: str, base_dir: Path | None, asset_roots: Sequence[Path]) -> None:
        self.file = file
        self.base_dir = base_dir
        self.asset_roots = tuple(asset_roots)
        self.issues: list[Issue] = []
        self.references: list[Reference] = []
        self._visited = 0
        self._constructor = yaml.constructor.SafeConstructor()

    # -- reporting ------------------------------------------------------------------

    def report(self, node: yaml.Node | None, path: str, message: str) -> _Invalid:
        line, column = (node.start_mark.line + 1, node.start_mark.column + 1) if node else (1, 1)
        self.issues.append(Issue(self.file, line, column, path, message))
        return INVALID

    def expected(self, node: yaml.Node, path: str, what: str) -> _Invalid:
        return self.report(node, path, f"expected {what}, found {describe_node(node)}")

    # -- dispatch -------------------------------------------------------------------

    def check(self, node: yaml.Node, typ: spec.ValueType, path: str) -> Any:
        self._visited += 1
        if self._visited > spec.MAX_NODES:
            # Aliases can make a small file expand enormously; stop rather than walk it.
            self.report(node, path, f"expected at most {spec.MAX_NODES} values, found more (aliases?)")
            raise _BudgetExceededError
        if isinstance(typ, spec.Record):
            return self.record(node, typ, path)
        if isinstance(typ, spec.ListOf):
            return self.list_of(node, typ, path)
        if isinstance(typ, spec.Either):
            if isinstance(node, yaml.ScalarNode):
                return self.check(node, typ.reference, path)
            if isinstance(node, yaml.MappingNode):
                return self.check(node, typ.record, path)
            return self.expected(node, path, typ.describe())
        if not isinstance(node, yaml.ScalarNode):
            return self.expected(node, path, typ.describe())
        if isinstance(typ, spec.Text):
            return self.text(node, typ, path)
        if isinstance(typ, spec.Identifier):
            return self.identifier(node, typ, path)
        if isinstance(typ, spec.Number):
            return self.number(node, typ, path)
        if isinstance(typ, spec.Flag):
            return self.flag(node, typ, path)
        if isinstance(typ, spec.Choice):
            return self.choice(node, typ, path)
        if isinstance(typ, spec.Date):
            return self.date(node, path)
        return self.asset(node, typ, path)

    # -- containers -----------------------------------------------------------------

    def record(self, node: yaml.Node, typ: spec.Record, path: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            return self.expected(node, path, typ.describe())
        result: dict[str, Any] = {}
        seen: dict[str, yaml.Node] = {}
        suggested: set[str] = set()  # a typo already reported with "did you mean"
        valid = True
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                self.expected(key_node, path, "a field name")
                valid = False
                continue
            name = key_node.value
            where = _join(path, name)
            if name in seen:
                first = seen[name].start_mark.line + 1
                self.report(key_node, where, f"expected each field once, found '{name}' again (first on line {first})")
                valid = False
                continue
            seen[name] = key_node
            declared = typ.get(name)
            if declared is None:
                suggested.update(difflib.get_close_matches(name, typ.names, n=1, cutoff=0.6))
                self.report(
                    key_node,
                    where,
                    f"expected a field of {typ.title}{suggest(name, typ.names)}, found unknown field '{name}'",
                )
                valid = False
                continue
            value = self.check(value_node, declared.type, where)
            if value is INVALID:
                valid = False
            else:
                result[name] = value
        for declared in typ.fields:
            if declared.name in seen:
                continue
            if declared.required and declared.name not in suggested:
                self.report(
                    node,
                    _join(path, declared.name),
                    f"expected {declared.type.describe()} (required), found nothing",
                )
                valid = False
            elif declared.required:
                valid = False
            elif declared.default is not None:
                result[declared.name] = declared.default
        valid = self.rules(node, typ, path, seen, result) and valid
        return result if valid else INVALID

    def rules(
        self, node: yaml.Node, typ: spec.Record, path: str, seen: dict[str, yaml.Node], values: dict[str, Any]
    ) -> bool:
        valid = True
        for rule in typ.rules:
            if isinstance(rule, spec.RequiredWhenMentioned):
                if rule.name not in seen and (trigger := _mentioning_field(rule, values)):
                    words = ", ".join(rule.stems)
                    self.report(
                        node,
                        _join(path, rule.name),
                        f"expected a {rule.name} (required because {trigger} mentions one of: {words}), found nothing",
                    )
                    valid = False
            elif isinstance(rule, spec.ExactlyOne):
                present = [name for name in rule.names if name in seen]
                options = ", ".join(rule.names)
                if not present:
                    self.report(node, path, f"expected exactly one of {options}, found none of them")
                    valid = False
                elif len(present) > 1:
                    found = " and ".join(present)
                    self.report(
                        seen[present[1]],
                        _join(path, present[1]),
                        f"expected only one of {options}, found {found}",
                    )
                    valid = False
            elif isinstance(rule, spec.Requires):
                if rule.name in seen and not any(other in seen for other in rule.others):
                    others = " or ".join(rule.others)
                    self.report(
                        seen[rule.name],
                        _join(path, rule.name),
                        f"expected only together with {others}, found it without",
                    )
                    valid = False
            elif rule.name in seen and rule.other in seen:
                self.report(
                    seen[rule.name],
                    _join(path, rule.name),
                    f"expected not together with {rule.other}, found both",
                )
                valid = False
        return valid

    def list_of(self, node: yaml.Node, typ: spec.ListOf, path: str) -> Any:
        if not isinstance(node, yaml.SequenceNode):
            return self.expected(node, path, typ.describe())
        count = len(node.value)
        if count < typ.min_items or count > typ.max_items:
            bounds = (
                f"exactly {typ.min_items}"
                if typ.min_items == typ.max_items
                else f"at least {typ.min_items}"
                if count < typ.min_items
                else f"at most {typ.max_items}"
            )
            noun = "item" if typ.min_items == 1 and count < 1 else "items"
            return self.report(node, path, f"expected {bounds} {noun}, found {count}")
        items = [self.check(item, typ.item, f"{path}[{index}]") for index, item in enumerate(node.value)]
        return INVALID if any(item is INVALID for item in items) else items

    # -- scalars --------------------------------------------------------------------

    def text(self, node: yaml.ScalarNode, typ: spec.Text, path: str) -> Any:
        if node.tag == "tag:yaml.org,2002:null":
            return self.expected(node, path, "text")
        value = node.value.strip()
        if not value:
            return self.expected(node, path, "non-empty text")
        if len(value) > typ.max_length:
            return self.report(node, path, f"expected at most {typ.max_length} characters, found {len(value)}")
        return value

    def identifier(self, node: yaml.ScalarNode, typ: spec.Identifier, path: str) -> Any:
        if node.tag != "tag:yaml.org,2002:str" or not _ID_RE.match(node.value):
            return self.expected(node, path, "a kebab-case id like 'wall-calf-stretch'")
        if len(node.value) > MAX_ID_LENGTH:
            return self.report(
                node, path, f"expected an id of at most {MAX_ID_LENGTH} characters, found {len(node.value)}"
            )
        if typ.ref:
            mark = node.start_mark
            self.references.append(Reference(typ.ref, node.value, path, mark.line + 1, mark.column + 1))
        return node.value

    def number(self, node: yaml.ScalarNode, typ: spec.Number, path: str) -> Any:
        if node.tag not in _NUMBER_TAGS:
            return self.expected(node, path, typ.describe())
        value = self._constructor.construct_object(node)
        if value != value or value in (float("inf"), float("-inf")):  # NaN or infinity
            return self.expected(node, path, typ.describe())
        if typ.integer and value != int(value):
            return self.expected(node, path, typ.describe())
        if not typ.minimum <= value <= typ.maximum:
            return self.expected(node, path, typ.describe())
        return int(value) if typ.integer else value

    def flag(self, node: yaml.ScalarNode, typ: spec.Flag, path: str) -> Any:
        if node.tag != "tag:yaml.org,2002:bool":
            return self.expected(node, path, typ.describe())
        value = self._constructor.construct_object(node)
        if typ.only_true and not value:
            return self.report(node, path, "expected true (leave the field out otherwise), found false")
        return bool(value)

    def choice(self, node: yaml.ScalarNode, typ: spec.Choice, path: str) -> Any:
        if node.value not in typ.values or node.tag != "tag:yaml.org,2002:str":
            hint = suggest(node.value, typ.values) if node.tag == "tag:yaml.org,2002:str" else ""
            return self.expected(node, path, typ.describe() + hint)
        return node.value

    def date(self, node: yaml.ScalarNode, path: str) -> Any:
        if _DATE_RE.match(node.value):
            try:
                return datetime.date.fromisoformat(node.value)
            except ValueError:
                pass
        return self.expected(node, path, "a date like 2026-11-23")

    def asset(self, node: yaml.ScalarNode, typ: spec.AssetPath, path: str) -> Any:
        raw = node.value
        if node.tag != "tag:yaml.org,2002:str" or not raw:
            return self.expected(node, path, typ.describe())
        problem = relative_path_problem(raw) or ("points outside its folder" if ":" in raw else None)
        if problem is not None:
            return self.report(
                node,
                path,
                f"expected a path inside the routine's folder or the built-in assets, "
                f"found text '{shorten(raw)}', which {problem}",
            )
        if PurePosixPath(raw.replace("\\", "/")).suffix.lower() not in typ.suffixes:
            return self.expected(node, path, typ.describe())
        roots = ([self.base_dir] if self.base_dir else []) + list(self.asset_roots)
        if not roots:
            return raw  # checking text alone: where the file will live is not known
        found = AssetResolver(roots)(raw)
        if found is None and self.base_dir is not None and leaves_folder(self.base_dir, raw):
            return self.report(
                node,
                path,
                f"expected a picture inside the routine's folder, found '{raw}', a link to a file outside it",
            )
        if found is None:
            return self.report(
                node,
                path,
                f"expected an existing image file, found '{raw}' (looked next to this file and in the built-in assets)",
            )
        problem = image_problem(found)
        if problem is not None:
            return self.report(node, path, f"expected a PNG, JPEG or SVG picture that can be shown, found {problem}")
        return raw


def parse_text(
    text: str,
    file: str,
    *,
    base_dir: Path | None = None,
    asset_roots: Sequence[Path] = (),
) -> ParsedFile:
    """Validate one document given as text; ``file`` is the name used in messages."""
    walker = _Walker(file, base_dir, asset_roots)
    parsed = ParsedFile(file, None, None, walker.issues, walker.references)
    try:
        root = compose(text)
    except yaml.MarkedYAMLError as error:
        placed = yaml_errors.describe(error, text)
        walker.issues.append(Issue(file, placed.line, placed.column, "yaml", placed.message))
        return parsed
    except TooDeepError as error:
        walker.issues.append(
            Issue(
                file,
                error.mark.line + 1,
                error.mark.column + 1,
                "yaml",
                f"expected at most {spec.MAX_DEPTH} levels of nesting, found more",
            )
        )
        return parsed
    except yaml.reader.ReaderError as error:  # a control character, say
        placed = yaml_errors.describe_reader_error(error, text)
        walker.issues.append(Issue(file, placed.line, placed.column, "yaml", placed.message))
        return parsed
    except yaml.YAMLError as error:
        walker.issues.append(Issue(file, 1, 1, "yaml", f"expected valid YAML, found {error}"))
        return parsed
    if root is None:
        walker.issues.append(Issue(file, 1, 1, "schema_version", "expected a routine-format file, found an empty file"))
        return parsed
    if not isinstance(root, yaml.MappingNode):
        walker.expected(root, "", "a mapping with schema_version and kind")
        return parsed
    record = _header(walker, root)
    if record is None:
        return parsed
    parsed.kind = record_kind = FileKind(next(kind for kind, rec in spec.KINDS.items() if rec is record))
    try:
        value = walker.check(root, record, "")
    except _BudgetExceededError:
        return parsed
    if value is not INVALID:
        parsed.value = value
        _SEMANTIC_CHECKS[record_kind](walker, root, value)
    walker.issues.sort(key=lambda issue: (issue.line, issue.column))
    name_problem = None if record_kind is FileKind.EXERCISE_LIBRARY else _file_name_problem(Path(file), record_kind)
    if name_problem is not None:
        walker.issues.insert(0, Issue(file, 1, 1, "id", name_problem))
    return parsed


def _file_name_problem(path: Path, kind: FileKind) -> str | None:
    """What is wrong with the file's name as an id (the file name is the id), if anything."""
    stem = path.stem
    if len(stem) > MAX_ID_LENGTH:
        return (
            f"expected a file name of at most {MAX_ID_LENGTH} characters before .yaml (the file name is the id), "
            f"found {len(stem)}"
        )
    if not _ID_RE.match(stem):
        return f"expected a kebab-case file name like 'bedtime.yaml' (the file name is the id), found '{path.name}'"
    owner = RESERVED_IDS.get(stem)
    if owner is not None and owner is not kind:
        return (
            f"expected another file name (the file name is the id), found '{path.name}', "
            f"the name of the {owner.label.lower()}"
        )
    return None


def _header(walker: _Walker, root: yaml.MappingNode) -> spec.Record | None:
    """Check schema_version and kind first: without them nothing else can be judged."""
    fields = {key.value: value for key, value in root.value if isinstance(key, yaml.ScalarNode)}
    version_node = fields.get("schema_version")
    if version_node is None:
        walker.report(root, "schema_version", f"expected {spec.SCHEMA_VERSION} (required), found nothing")
        return None
    version = walker.check(version_node, spec.Number(1, 1_000_000, integer=True), "schema_version")
    if version is INVALID:
        return None
    if version > spec.SCHEMA_VERSION:
        walker.report(
            version_node,
            "schema_version",
            f"expected {spec.SCHEMA_VERSION} or lower, found {version}: "
            "this file was written for a newer cramp-coach; update the app to use it",
        )
        return None
    kind_node = fields.get("kind")
    kinds = spec.Choice(tuple((kind, "") for kind in spec.KINDS))
    if kind_node is None:
        walker.report(root, "kind", f"expected {kinds.describe()} (required), found nothing")
        return None
    if not isinstance(kind_node, yaml.ScalarNode):
        walker.expected(kind_node, "kind", kinds.describe())
        return None
    kind = walker.check(kind_node, kinds, "kind")
    return None if kind is INVALID else spec.KINDS[kind]


def _node_at(root: yaml.Node, *path: str | int) -> yaml.Node:
    """The node at a path of keys and indexes (used to place semantic errors)."""
    node = root
    for step in path:
        if isinstance(step, int):
            node = node.value[step]
        else:
            node = next(value for key, value in node.value if key.value == step)
    return node


def _check_library(walker: _Walker, root: yaml.Node, value: dict[str, Any]) -> None:
    first: dict[str, int] = {}
    for index, exercise in enumerate(value["exercises"]):
        node = _node_at(root, "exercises", index, "id")
        if exercise["id"] in first:
            walker.report(
                node,
                f"exercises[{index}].id",
                f"expected a unique id, found '{exercise['id']}' again (first on line {first[exercise['id']]})",
            )
        else:
            first[exercise["id"]] = node.start_mark.line + 1


def _check_routine(walker: _Walker, root: yaml.Node, value: dict[str, Any]) -> None:
    """Routine-level checks that the spec cannot express: nothing yet beyond the walk."""


def _check_protocol(walker: _Walker, root: yaml.Node, value: dict[str, Any]) -> None:
    # Safety: someone woken by a cramp must never be told to stand as the first thing.
    for name in spec.LOCATION_NAMES:
        if value["locations"][name]["steps"][0]["standing"]:
            walker.report(
                _node_at(root, "locations", name, "steps", 0, "standing"),
                f"locations.{name}.steps[0].standing",
                "expected a seated or lying first step (false), found true",
            )
    if value["sit_first_check"]["standing"]:
        walker.report(
            _node_at(root, "sit_first_check", "standing"),
            "sit_first_check.standing",
            "expected false (the check is done sitting), found true",
        )
    seen: set[str] = set()
    for index, tier in enumerate(value["red_flags"]):
        if tier["urgency"] in seen:
            walker.report(
                _node_at(root, "red_flags", index, "urgency"),
                f"red_flags[{index}].urgency",
                f"expected each of emergency, urgent, routine once, found '{tier['urgency']}' again",
            )
        seen.add(tier["urgency"])


_SEMANTIC_CHECKS = {
    FileKind.EXERCISE_LIBRARY: _check_library,
    FileKind.ROUTINE: _check_routine,
    FileKind.CRAMP_PROTOCOL: _check_protocol,
}


def parse_file(path: Path, *, display: str | None = None, asset_roots: Sequence[Path] = ()) -> ParsedFile:
    """Read and validate one file; unreadable, oversized or non-UTF-8 files become issues."""
    name = display or str(path)
    try:
        size = path.stat().st_size
        if size > spec.MAX_FILE_BYTES:
            return ParsedFile(
                name,
                None,
                None,
                [
                    Issue(
                        name,
                        1,
                        1,
                        "file",
                        f"expected at most {spec.MAX_FILE_BYTES // 1024} KiB, found {size // 1024} KiB",
                    )
                ],
            )
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return ParsedFile(
            name,
            None,
            None,
            [
                Issue(
                    name,
                    1,
                    1,
                    "file",
                    f"expected UTF-8 text, found byte 0x{error.object[error.start]:02x} at offset {error.start}",
                )
            ],
        )
    except OSError as error:
        return ParsedFile(name, None, None, [Issue(name, 0, 0, "file", f"could not be read: {error.strerror}")])
    return parse_text(text, name, base_dir=path.parent, asset_roots=asset_roots)
