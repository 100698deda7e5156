"""PyYAML's syntax errors in the validator's words: where the construct began, and where it broke.

PyYAML reports two places: the *context mark* (where the construct it was reading
began: the opening quote, the ``[``) and the *problem mark* (where it noticed something
was wrong, often the end of the file). A person looks for the opening quote, so the
issue is placed at the context mark and the message names the place of the problem too:

    r.yaml:4:10: yaml: expected the quoted text that starts here to be closed,
    found the end of the file at line 7, column 1

PyYAML's own phrases are reworded (they start with "found", which would double up
after the validator's "found", and say "stream", "scalar" and "block mapping").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

_CONTEXTS = {
    "while scanning a quoted scalar": "the quoted text",
    "while scanning a plain scalar": "the text",
    "while scanning a block scalar": "the block of text",
    "while scanning a simple key": "the field name",
    "while parsing a block mapping": "the fields",
    "while parsing a block collection": "the list",
    "while parsing a flow sequence": "the [ ] list",
    "while parsing a flow mapping": "the { } group",
    "while parsing a flow node": "the value",
    "while parsing a block node": "the value",
    "while parsing a node": "the value",
    "while scanning an anchor": "the anchor",
    "while scanning an alias": "the alias",
    "while scanning a tag": "the tag",
    "while scanning a directive": "the directive",
    "while scanning for the next token": "the next value",
}

_PROBLEMS = (
    (re.compile(r"^(?:found )?unexpected end of stream$"), "the end of the file"),
    (re.compile(r"^did not find expected key$"), "something that is not a field name (check the indentation)"),
    (
        re.compile(r"^(?:found )?a tab character that violates indentation$"),
        "a tab character (indent with spaces, not tabs)",
    ),
    (
        re.compile(r"^mapping values are not allowed (?:here|in this context)$"),
        "a ':' where none may be (put text that holds ': ' in quotes)",
    ),
    (re.compile(r"^did not find expected node content$"), "nothing where a value was expected"),
    (re.compile(r"^did not find expected (.+)$"), r"something other than the expected \1"),
    (re.compile(r"^found (.+)$"), r"\1"),
)


@dataclass(frozen=True, slots=True)
class Placed:
    """A syntax error as an issue: 1-based position and the message."""

    line: int
    column: int
    message: str


def _problem_words(problem: str | None) -> str:
    text = (problem or "invalid YAML").strip()
    for pattern, replacement in _PROBLEMS:
        if pattern.match(text):
            text = pattern.sub(replacement, text)
            break
    return text.replace("end of stream", "end of the file").replace("scalar", "text")


def _context_words(context: str | None) -> str | None:
    if not context:
        return None
    text = context.strip()
    if text in _CONTEXTS:
        return _CONTEXTS[text]
    text = re.sub(r"^while (?:scanning|parsing|composing|constructing) (?:an? )?", "the ", text)
    for word, plain in (("quoted scalar", "quoted text"), ("block scalar", "block of text"), ("scalar", "text")):
        text = text.replace(word, plain)
    return text.replace("stream", "file")


#: Constructs that are opened and must be closed: reported where they were opened.
_OPENED = {
    "the quoted text": "closed",
    "the [ ] list": "closed",
    "the { } group": "closed",
    "the field name": "complete",
}


def describe(error: yaml.MarkedYAMLError, text: str = "") -> Placed:
    """Where and how to report ``error`` (see the module docstring); ``text`` is what was parsed."""
    problem_mark, context_mark = error.problem_mark, error.context_mark
    mark = problem_mark or context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    special = _special(error, context_mark)
    if special is not None:
        return Placed(line, column, special)
    problem = _problem_words(error.problem)
    character = _character_at(text, mark)
    if "cannot start any token" in (error.problem or "") and character:
        # libyaml does not say which character; the text does.
        problem = (
            "a tab character (indent with spaces, not tabs)"
            if character == "\t"
            else f"the character {character!r}, which cannot start a value (put the text in quotes)"
        )
    context = _context_words(error.context)
    if context is not None and context_mark is not None and problem_mark is not None:
        start = f"line {context_mark.line + 1}, column {context_mark.column + 1}"
        if (context_mark.line, context_mark.column) != (problem_mark.line, problem_mark.column):
            if context in _OPENED:
                return Placed(
                    context_mark.line + 1,
                    context_mark.column + 1,
                    f"expected {context} starting here to be {_OPENED[context]}, found {problem} "
                    f"at line {line}, column {column}",
                )
            return Placed(line, column, f"expected valid YAML, found {problem} (in {context} starting at {start})")
    where = f" in {context}" if context else ""
    return Placed(line, column, f"expected valid YAML{where}, found {problem}")


def _character_at(text: str, mark: yaml.Mark | None) -> str:
    if mark is None:
        return ""
    line: int = mark.line
    column: int = mark.column
    lines = text.split("\n")
    if not 0 <= line < len(lines) or not 0 <= column < len(lines[line]):
        return ""
    return lines[line][column]


def _special(error: yaml.MarkedYAMLError, context_mark: yaml.Mark | None) -> str | None:
    """Errors PyYAML words as a sentence across its two parts."""
    context = (error.context or "").strip()
    first = f"line {context_mark.line + 1}, column {context_mark.column + 1}" if context_mark else "earlier"
    duplicate = re.match(r"^found duplicate anchor (.+); first occurrence$", context)
    if duplicate:
        return f"expected each anchor name once, found {duplicate.group(1)} again (first at {first})"
    if context.startswith("expected a single document"):
        return "expected one document in the file, found a second one (after a '---' line)"
    return None


def describe_reader_error(error: yaml.reader.ReaderError, text: str) -> Placed:
    """A character YAML does not allow (a control character, say), placed by line and column."""
    before = text[: max(0, error.position)]
    line = before.count("\n") + 1
    column = error.position - (before.rfind("\n") + 1) + 1
    character = error.character
    shown = f"U+{character:04X}" if isinstance(character, int) else repr(character)
    return Placed(line, column, f"expected text YAML allows, found the control character {shown}")
