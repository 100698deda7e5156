"""Safe YAML composition with limits, keeping every node's line and column.

PyYAML's C parser (libyaml) produces the events; PyYAML's own composer turns them into
nodes so we can count nesting as it goes. Nothing is ever constructed into Python
objects here, so no tag can run code, and a deeply nested file is refused before it
can exhaust the stack.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import Composer
from yaml.resolver import Resolver

from cramp_coach.schema.spec import MAX_DEPTH

try:  # libyaml is linked into the PyYAML wheels; the pure-Python parser is the fallback
    from yaml.cyaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser):  # type: ignore[no-redef, misc]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)


class TooDeepError(Exception):
    """The document nests deeper than :data:`MAX_DEPTH`."""

    def __init__(self, mark: Any) -> None:
        super().__init__(f"nesting deeper than {MAX_DEPTH} levels")
        self.mark = mark


class _GuardedComposer(Composer):  # type: ignore[misc]
    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise TooDeepError(self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _Loader(_GuardedComposer, _Parser, Resolver):  # type: ignore[misc]
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        Composer.__init__(self)
        Resolver.__init__(self)


def compose(text: str) -> yaml.Node | None:
    """Parse ``text`` into a node tree (``None`` for an empty document).

    Raises:
        yaml.MarkedYAMLError: on a syntax error (with its mark).
        TooDeepError: when nesting exceeds the limit.
    """
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


SCALAR_TAGS = {
    "tag:yaml.org,2002:str": "text",
    "tag:yaml.org,2002:int": "number",
    "tag:yaml.org,2002:float": "number",
    "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:null": "nothing",
    "tag:yaml.org,2002:timestamp": "date",
}


def describe_node(node: yaml.Node) -> str:
    """How a node reads in an error message's 'found …' part."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    kind = SCALAR_TAGS.get(node.tag, "a value")
    if kind == "nothing":
        return "nothing"
    shown: str = node.value if len(node.value) <= 40 else node.value[:37] + "..."
    if kind == "text":
        return f"text '{shown}'" if shown else "empty text"
    if kind == "number":
        return f"the number {shown}"
    if kind == "true/false":
        return shown
    return f"'{shown}'"
