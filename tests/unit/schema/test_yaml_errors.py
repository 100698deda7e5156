"""YAML syntax errors point where the construct began and where it broke, in plain words."""

from __future__ import annotations

import re

import pytest

from cramp_coach.schema.loader import parse_text

HEAD = "schema_version: 1\nkind: routine\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            HEAD + 'title: x\nsummary: "unclosed\nsteps:\n  - a\n',
            "4:10: yaml: expected the quoted text starting here to be closed, found the end of the file "
            "at line 7, column 1",
            id="unclosed-double-quote",
        ),
        pytest.param(
            HEAD + "title: 'it''s\n",
            "3:8: yaml: expected the quoted text starting here to be closed, found the end of the file "
            "at line 4, column 1",
            id="unclosed-single-quote",
        ),
        pytest.param(
            HEAD + "steps: [a, b\ntitle: x\n",
            "3:8: yaml: expected the [ ] list starting here to be closed, found something other than the expected "
            "',' or ']' at line 4, column 6",
            id="unclosed-list",
        ),
        pytest.param(
            HEAD + "dose: {hold_seconds: 5\ntitle: x\n",
            "3:7: yaml: expected the { } group starting here to be closed, found something other than the expected "
            "',' or '}' at line 4, column 6",
            id="unclosed-group",
        ),
        pytest.param(
            HEAD + "steps:\n  - a\n - b\n",
            "5:2: yaml: expected valid YAML, found something that is not a field name (check the indentation) "
            "(in the fields starting at line 1, column 1)",
            id="indentation",
        ),
        pytest.param(
            HEAD + "steps:\n\t- a\n",
            "4:1: yaml: expected valid YAML in the next value, found a tab character (indent with spaces, not tabs)",
            id="tab",
        ),
        pytest.param(
            HEAD + "title: Calf: stretch\n",
            "3:12: yaml: expected valid YAML, found a ':' where none may be (put text that holds ': ' in quotes)",
            id="colon-in-text",
        ),
        pytest.param(
            HEAD + "title: &t A\nsummary: &t B\n",
            "4:10: yaml: expected each anchor name once, found 't' again (first at line 3, column 8)",
            id="duplicate-anchor",
        ),
        pytest.param(
            HEAD + "title: *nothing\n", "3:8: yaml: expected valid YAML, found undefined alias 'nothing'", id="alias"
        ),
        pytest.param(
            HEAD + "---\ntitle: x\n",
            "3:1: yaml: expected one document in the file, found a second one (after a '---' line)",
            id="two-documents",
        ),
        pytest.param(
            HEAD + "title: bell\x07\n",
            "3:12: yaml: expected text YAML allows, found the control character U+0007",
            id="control-character",
        ),
    ],
)
def test_syntax_errors_read_well(text: str, expected: str) -> None:
    (issue,) = parse_text(text, "r.yaml").issues
    assert str(issue) == f"r.yaml:{expected}"


DOUBLED = re.compile(r"\b(\w+) \1\b", re.IGNORECASE)


@pytest.mark.parametrize(
    "text",
    [
        "a: 'x\n",
        "a: [\n",
        "a: {\n",
        "a:\n - b\n c\n",
        "a: b: c\n",
        "? [\n",
        "a: !!binary x\n  b\n",
        "- a\nb: c\n",
        "a: |\n x\n  y\n z: 1\n",
        "%YAML 1.1\n%YAML 1.1\n---\na: 1\n",
        "a: &x\n  - *y\n",
        "a: @\n",
        '"\\q"\n',
    ],
)
def test_no_message_repeats_a_word(text: str) -> None:
    for issue in parse_text(text, "r.yaml").issues:
        assert not DOUBLED.search(issue.message), issue.message
        assert "stream" not in issue.message, issue.message
        assert "scalar" not in issue.message, issue.message
