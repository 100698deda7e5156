"""Print the project's runtime and test requirements without Qt, for the Qt-free test run.

Read from pyproject.toml so the Qt-free venv cannot drift from what the project declares.
"""

from __future__ import annotations

import re
from pathlib import Path

import tomllib

QT = ("pyside6", "shiboken6", "pytest-qt")
TOOLS = ("ruff", "mypy")  # checks, not needed to run tests

project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())["project"]
wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
for requirement in wanted:
    name = re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower()
    if not name.startswith(QT) and name not in TOOLS:
        print(requirement)
