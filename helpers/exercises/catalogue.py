"""Every exercise of the course, found by importing each module of solutions/, and the learner's table.

Notebooks 01 to 13 call `exercises_of("NN")` for their own exercises and `progress()` for the table.
"""

import importlib
import pkgutil
from types import SimpleNamespace

import helpers.exercises.solutions as solutions
from helpers.exercises.exercise import EXERCISES, Exercise
from helpers.exercises.progress_store import read_progress


def load_all() -> dict[tuple[str, str], Exercise]:
    """Import every module of solutions/ (each defines its notebook's exercises); {(notebook, name): Exercise}."""
    for info in pkgutil.iter_modules(solutions.__path__):
        importlib.import_module(f"{solutions.__name__}.{info.name}")
    return EXERCISES


def exercises_of(notebook: str) -> SimpleNamespace:
    """A notebook's exercises by name: `ex = exercises_of("02")`, then `ex.softmax.check(softmax)`.

    Introduced in notebook 01.
    """
    every = load_all()
    chosen = {name: e for (nb, name), e in every.items() if nb == notebook}
    if not chosen:
        raise ValueError(f"notebook {notebook!r} has no exercises; notebooks with some: "
                         f"{sorted({nb for nb, _ in every})}")
    return SimpleNamespace(**chosen)


def progress(notebook: str | None = None):
    """A table of exercises (all, or one notebook's): solved / attempted / not yet. Introduced in notebook 01."""
    import pandas as pd

    saved = read_progress()
    rows = [{"notebook": nb, "exercise": name, "status": saved.get(f"{nb}/{name}", "not yet")}
            for (nb, name) in sorted(load_all()) if notebook in (None, nb)]
    table = pd.DataFrame(rows).set_index(["notebook", "exercise"])
    solved = (table["status"] == "solved").sum()
    print(f"{solved} of {len(table)} solved" + (f" in notebook {notebook}" if notebook else ""))
    return table
