"""The packages of ``macros/`` import only from their own layer or the layers below it.

The order follows the data flow (ARCHITECTURE.md, "Packages"): a module that
imports a layer above its own fails here, with the line to move.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers import ROOT

#: Lowest first. A module may import its own layer and every layer before it.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("macros.clock", "macros.dutch", "macros.prose"),
    ("macros.model",),
    ("macros.data",),
    ("macros.rules",),
    ("macros.pipeline",),
    ("macros.site",),
    ("macros.outputs",),
    ("macros.history",),
    ("macros.views",),
    ("macros", "macros.hooks"),
    ("macros.dev",),
    ("macros.cli",),
)


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int:
    """The index of the most specific layer prefix that ``module`` falls under."""
    best, length = -1, -1
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > length:
                best, length = index, len(prefix)
    assert best >= 0, f"{module} valt onder geen laag in LAYERS"
    return best


def imports(path: Path) -> list[tuple[int, str]]:
    """Every ``macros`` module that ``path`` imports, with its line (also inside functions)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] if node.module != "macros" else [f"macros.{a.name}" for a in node.names]
            found += [(node.lineno, n) for n in names if n == "macros" or n.startswith("macros.")]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("macros")]
    return found


MODULES = sorted((ROOT / "macros").rglob("*.py"))


def test_every_module_belongs_to_a_layer():
    assert len(MODULES) > 30
    for path in MODULES:
        layer_of(module_name(path))


def test_no_module_imports_a_layer_above_its_own():
    wrong = []
    for path in MODULES:
        own = layer_of(module_name(path))
        for line, target in imports(path):
            if layer_of(target) > own:
                wrong.append(
                    f"{path.relative_to(ROOT)}:{line}: {target} ({LAYERS[layer_of(target)][0]}) "
                    f"staat boven {LAYERS[own][0]}"
                )
    assert not wrong, "\n".join(wrong)


def test_no_relative_imports():
    """Absolute imports only: MkDocs loads hooks.py by path, and one style reads the same everywhere."""
    relative = [
        f"{p.relative_to(ROOT)}:{n.lineno}"
        for p in MODULES
        for n in ast.walk(ast.parse(p.read_text()))
        if isinstance(n, ast.ImportFrom) and n.level > 0
    ]
    assert not relative


def test_the_layering_test_catches_an_upward_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from macros.views import VIEWS\n")
    assert imports(bad) == [(1, "macros.views")]
    assert layer_of("macros.views") > layer_of("macros.model.records")
