"""Every public helper says what it is for; a helper a notebook uses names that notebook (d2l's
"Defined in" habit), and a docstring names a notebook only where that notebook really uses it.
Plumbing (the cache/, exercises/, support/ and tools/ folders) says what it is for instead."""

import helpers

import importlib
import inspect
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLUMBING = ("cache", "exercises", "support", "tools")     # whole folders: no notebook tag needed
NOTEBOOK = re.compile(r"\bnotebooks? (\d\d)\b", re.IGNORECASE)
INTRODUCED = re.compile(r"introduced in notebook (\d\d)", re.IGNORECASE)


def modules():
    for path in sorted((ROOT / "helpers").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] != "__main__":
            yield importlib.import_module(".".join(parts[:-1] if parts[-1] == "__init__" else parts))


def is_plumbing(module) -> bool:
    return module.__name__.split(".")[1:2] and module.__name__.split(".")[1] in PLUMBING


def public_helpers():
    for module in modules():
        for name, value in vars(module).items():
            if (not name.startswith("_") and (inspect.isfunction(value) or inspect.isclass(value))
                    and value.__module__ == module.__name__):
                yield module, name, value


def notebook_uses() -> dict[str, set[int]]:
    """'04' -> ids of the helpers objects notebooks/04_*.ipynb imports (`from helpers.x import a`) or
    names (`helpers.x.a`), resolved to the objects themselves (so a re-export counts for its origin)."""
    uses = {}
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(path.read_text())["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        imports = re.findall(r"^\s*from (helpers[\w.]*) import ([\w, ]+)", code, re.MULTILINE)
        pairs = [(module, name.strip().split(" as ")[0]) for module, names in imports for name in names.split(",")]
        pairs += re.findall(r"\b(helpers(?:\.\w+)*)\.(\w+)\b", code)
        found = set()
        for module, name in pairs:
            try:
                found.add(id(getattr(importlib.import_module(module), name)))
            except (ImportError, AttributeError):
                pass
        uses[path.name[:2]] = found
    return uses


USES = notebook_uses()


def used_by_notebooks(value) -> list[str]:
    return [nb for nb, ids in USES.items() if id(value) in ids]


def test_every_public_helper_has_a_docstring():
    """Reference solutions (exercises/solutions/) are exempt: the exercise's prompt says what each computes."""
    missing = [f"{module.__name__}.{name}" for module, name, value in public_helpers()
               if not inspect.getdoc(value) and not module.__name__.startswith("helpers.exercises.solutions")]
    assert not missing, missing


def test_every_module_has_a_docstring():
    assert not [m.__name__ for m in modules() if not (m.__doc__ or "").strip()]


def test_teaching_helpers_that_notebooks_use_name_a_notebook():
    unnamed = [f"{module.__name__}.{name} (used in {', '.join(used_by_notebooks(value))})"
               for module, name, value in public_helpers()
               if used_by_notebooks(value)
               and not NOTEBOOK.search(inspect.getdoc(value) or "")]
    assert not unnamed, unnamed


def test_introduced_in_names_a_notebook_that_uses_the_helper():
    wrong = [f"{module.__name__}.{name}: says notebook {nb}, used in {used_by_notebooks(value) or 'none'}"
             for module, name, value in public_helpers()
             for nb in INTRODUCED.findall(inspect.getdoc(value) or "")
             if nb not in used_by_notebooks(value)]
    assert not wrong, wrong


@pytest.mark.parametrize("module", [m for m in modules() if not is_plumbing(m)], ids=lambda m: m.__name__)
def test_teaching_modules_name_their_notebooks(module):
    assert NOTEBOOK.search(module.__doc__ or ""), module.__name__


def test_no_empty_tag_is_left_for_plumbing():
    """The old "Behind the scenes from notebook NN on." said nothing a learner could use."""
    tagged = [f"{module.__name__}.{name}" for module, name, value in public_helpers()
              if "behind the scenes" in (inspect.getdoc(value) or "").lower()]
    assert not tagged, tagged


def test_a_notebook_named_by_a_teaching_helper_uses_it():
    """Beyond "Introduced in": a teaching helper that names notebooks names at least one that uses it."""
    wrong = [f"{module.__name__}.{name}: names {sorted(named)}, used in {used_by_notebooks(value) or 'none'}"
             for module, name, value in public_helpers() if not is_plumbing(module)
             for named in [set(NOTEBOOK.findall(inspect.getdoc(value) or ""))]
             if named and not named & set(used_by_notebooks(value))]
    assert not wrong, wrong
