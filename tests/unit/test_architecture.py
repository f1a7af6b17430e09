"""The layout ARCHITECTURE.md draws holds: every import goes down a floor or stays in its room, no
import circle, and notebooks import only what teaches (never the build/benchmark tools or plumbing)."""

import ast
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HELPERS = ROOT / "helpers"
# floor of each room: a module may import from a lower floor or from its own room, never upwards
FLOORS = {"support": 0, "cache": 1, "teaching": 2, "exercises": 3, "tools": 3}
PLUMBING_NOTEBOOKS_MAY_USE = {"helpers.cache", "helpers.exercises"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def room(module: str) -> str:
    """helpers.cache.store -> 'cache'; helpers.train and helpers.faces.cascade -> 'teaching'."""
    parts = module.split(".")
    if len(parts) == 1:
        return "package"
    return parts[1] if parts[1] in FLOORS else "teaching"


def imported_modules(path: Path) -> set[str]:
    """Every helpers module a file imports, at its top or inside a function (`from helpers.x import y`
    counts as helpers.x.y when that is a module, else helpers.x)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("helpers")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("helpers"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in MODULES else node.module)
    return found


MODULES = {module_name(p): p for p in HELPERS.rglob("*.py")}
GRAPH = {name: imported_modules(path) - {name} for name, path in MODULES.items()}


def test_every_import_goes_down_a_floor_or_stays_in_its_room():
    upward = []
    for source, targets in GRAPH.items():
        for target in targets:
            if source == "helpers":
                ok = room(target) == "support"              # `import helpers` only sets up the threads
            elif room(target) == "package":
                ok = True                                   # importing `helpers` itself sets up the threads
            else:
                ok = room(source) == room(target) or FLOORS[room(target)] < FLOORS[room(source)]
            if not ok:
                upward.append(f"{source} ({room(source)}) imports {target} ({room(target)})")
    assert not upward, "\n".join(upward)


def test_no_import_circle():
    def visit(node, path):
        if node in path:
            return path[path.index(node):] + [node]
        for target in sorted(GRAPH.get(node, ())):
            if target.startswith("helpers.") or target == "helpers":
                circle = visit(target, path + [node])
                if circle:
                    return circle
        return None

    for start in GRAPH:
        circle = visit(start, [])
        assert circle is None, " -> ".join(circle)


@pytest.mark.parametrize("notebook", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.name)
def test_notebooks_import_teaching_modules_not_tools_or_plumbing(notebook):
    cells = json.loads(notebook.read_text())["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    imported = set(re.findall(r"^\s*(?:from|import) (helpers[\w.]*)", code, re.MULTILINE))
    wrong = {m for m in imported if room(m) not in ("teaching", "package") and m not in PLUMBING_NOTEBOOKS_MAY_USE}
    assert not wrong, f"{notebook.name} imports plumbing or tools: {sorted(wrong)}"


def test_the_tools_are_used_by_no_teaching_module_and_by_no_notebook():
    users = {source for source, targets in GRAPH.items() for t in targets if room(t) == "tools"}
    assert all(room(u) == "tools" for u in users), users


def test_the_graph_is_read_from_real_imports():
    """Guards the tests above against passing on an empty graph."""
    assert GRAPH["helpers.train"] >= {"helpers.data", "helpers.support.fast_step"}
    assert "helpers.cache.store" in GRAPH["helpers.cache.download"]
    assert room("helpers.faces.cascade") == "teaching" and room("helpers.cache.cli") == "cache"
