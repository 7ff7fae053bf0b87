"""The layout holds: Qt only in claimdesk/ui, config at the bottom, no import cycles.

Reads every module's imports with ``ast``, including those inside functions (a cycle hidden in a
function body is still a cycle); imports under ``if TYPE_CHECKING:`` are left out, since they
never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import claimdesk

ROOT = Path(claimdesk.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in ROOT.rglob("*.py")}


def _runtime_imports(path: Path) -> set[str]:
    """Names imported when the module's code runs (not under ``if TYPE_CHECKING:``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    package = (
        _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    )
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            for alias in node.names:
                # ``from package import module`` imports that module; a name from a module
                # imports the module it is defined in.
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in MODULES else base)
    return found


def _internal(name: str) -> str | None:
    """The claimdesk module ``name`` refers to (a name imported from a module is that module)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


GRAPH = {
    module: {
        target
        for name in _runtime_imports(path)
        if name.startswith("claimdesk") and (target := _internal(name)) not in (None, module)
    }
    for module, path in MODULES.items()
}


def test_only_the_ui_package_imports_qt():
    offenders = sorted(
        module
        for module, path in MODULES.items()
        if not module.startswith("claimdesk.ui")
        and module not in ("claimdesk.commands.gui", "claimdesk.commands.selftest")
        and any(n.startswith(("PySide6", "claimdesk.ui")) for n in _runtime_imports(path))
    )
    assert offenders == []


def test_the_qt_free_layers_do_not_import_qt_even_in_functions():
    # The two commands that open windows import ui/ (and so Qt) inside the function that does.
    below_ui = [m for m in MODULES if not m.startswith(("claimdesk.ui", "claimdesk.commands"))]
    assert below_ui and not any(GRAPH[m] & {x for x in MODULES if x.startswith("claimdesk.ui")}
                                for m in below_ui)  # fmt: skip


def test_config_imports_nothing_above_it():
    bottom = {
        "claimdesk",
        "claimdesk.errors",
        "claimdesk.urls",
        "claimdesk.environments",
        "claimdesk.config_files",
    }
    for module in ("claimdesk.config", "claimdesk.config_files", "claimdesk.environments"):
        assert GRAPH[module] <= bottom, f"{module} imports {sorted(GRAPH[module] - bottom)}"


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles_not_even_in_function_bodies():
    assert _cycles() == []
