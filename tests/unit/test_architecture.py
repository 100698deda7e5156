"""Layering rules: the core never imports Qt, and validation works without it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "cramp_coach"
QT_FREE = ("domain", "schema", "storage")
STDLIB_ONLY = ("domain",)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", QT_FREE)
def test_core_layers_never_import_qt(layer: str) -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): name
        for path in _modules(layer)
        for name in _imports(path)
        if name.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6")
    }
    assert offenders == {}


def test_domain_imports_only_the_standard_library_and_itself() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): name
        for layer in STDLIB_ONLY
        for path in _modules(layer)
        for name in _imports(path)
        if name.split(".")[0] not in sys.stdlib_module_names and not name.startswith("cramp_coach.domain")
    }
    assert offenders == {}


def test_layers_point_one_way() -> None:
    # domain <- schema <- storage <- ui <- app: a lower layer never imports a higher one
    order = ["domain", "schema", "storage", "ui"]
    offenders = []
    for index, layer in enumerate(order):
        higher = [f"cramp_coach.{name}" for name in order[index + 1 :]] + ["cramp_coach.app"]
        for path in _modules(layer):
            offenders += [(path.name, name) for name in _imports(path) if name.startswith(tuple(higher))]
    assert offenders == []


def test_validation_runs_with_qt_unimportable(tmp_path: Path) -> None:
    # A meta-path finder that refuses PySide6 proves the CLI path never needs it.
    script = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6'):\n"
        "            raise ImportError('Qt is blocked in this test')\n"
        "sys.meta_path.insert(0, Block())\n"
        "from cramp_coach import cli, paths\n"
        "code = cli.main(['validate', str(paths.builtin_routines_dir())])\n"
        "assert 'PySide6' not in sys.modules\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
