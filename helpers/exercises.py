"""Checked exercises (notebooks 01 to 13): write an answer, call `ex.check(answer)`, get ✔ or a reason.

An exercise has a name, its notebook, a prompt, a check, 1-3 hints and a reference solution; each
notebook's exercises live in `helpers/solutions/nNN.py`. `check` never raises, so a notebook whose
exercises are still blank (`____`) runs top to bottom. `python -m helpers.exercises list [--json]`.
"""

import argparse
import importlib
import inspect
import json
import os
import pkgutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np


class Blank:
    """The placeholder `____` a learner replaces with an answer (introduced in notebook 01)."""

    def __repr__(self) -> str:
        return "____"


____ = Blank()


class NotAttempted(Exception):
    """The answer (or what the answer function returned) is still the placeholder.

    Behind the scenes from notebook 01 on.
    """


class Wrong(Exception):
    """A check's verdict on a wrong answer; the message says which case failed and how.

    Behind the scenes from notebook 01 on.
    """


def is_blank(value: Any) -> bool:
    """True for `____`, or a tuple/list holding one (notebook 01)."""
    return value is ____ or (isinstance(value, (tuple, list)) and any(v is ____ for v in value))


def as_numpy(value: Any) -> np.ndarray:
    """An NDArray, number or nested list as a float64 numpy array, for comparisons (notebook 01)."""
    if is_blank(value):
        raise NotAttempted
    if hasattr(value, "asnumpy"):
        value = value.asnumpy()
    return np.asarray(value, dtype="float64")


def same_values(got: Any, expected: Any, what: str, tol: float = 1e-5) -> None:
    """Raise Wrong unless `got` has the shape and (within `tol`) the values of `expected` (notebook 01)."""
    got, expected = as_numpy(got), as_numpy(expected)
    if got.size == expected.size == 1:   # a number: 0.5, [0.5] and nd.array([0.5]) are the same answer
        got, expected = got.reshape(()), expected.reshape(())
    if got.shape != expected.shape:
        raise Wrong(f"{what}: expected shape {expected.shape}, got {got.shape}")
    if not np.all(np.isfinite(got)):
        raise Wrong(f"{what}: your result contains NaN or infinity: {np.round(got, 4)}")
    if not np.allclose(got, expected, rtol=tol, atol=tol):
        error = np.abs(got - expected)
        if expected.size <= 8:
            shown = f"expected {np.round(expected, 4).tolist()}, got {np.round(got, 4).tolist()}"
        else:   # a big array: show the worst element only
            at = np.unravel_index(error.argmax(), error.shape)
            shown = f"at index {tuple(int(i) for i in at)} expected {expected[at]:.4g}, got {got[at]:.4g}"
        raise Wrong(f"{what}: {shown} (off by up to {error.max():.3g}, tolerance {tol:g})")


def describe(args: tuple) -> str:
    """Short text of a test case's inputs for a message (arrays by shape and first values).

    Behind the scenes from notebook 01 on.
    """
    parts = []
    for a in args:
        if hasattr(a, "shape") and getattr(a, "size", 0) > 6:
            parts.append(f"array of shape {tuple(a.shape)}")
        else:
            parts.append(repr(np.round(as_numpy(a), 3).tolist()) if hasattr(a, "shape")
                         else f"{a:.4g}" if isinstance(a, float) else repr(a))
    return ", ".join(parts)


def matches(reference: Callable, cases: Callable[[np.random.Generator], list[tuple]], tol: float = 1e-5,
            compare: Callable[[Any, Any, str, float], None] = same_values) -> Callable[[Callable], None]:
    """A check: the learner's function must give what `reference` gives on fresh random cases (notebook 01)."""
    def check(answer: Callable) -> None:
        if not callable(answer):
            raise Wrong(f"expected a function, got {type(answer).__name__}")
        for args in cases(np.random.default_rng()):   # fresh cases every time: copying an output can't pass
            got = answer(*args)
            if is_blank(got):
                raise NotAttempted
            compare(got, reference(*args), f"for input ({describe(args)})", tol)
    return check


def answer_or_blank(function: Callable) -> Callable:
    """The learner's function, raising NotAttempted when it still returns the placeholder `____`.

    Behind the scenes from notebook 01 on.
    """
    def answer(*args, **kwargs):
        result = function(*args, **kwargs)
        if is_blank(result):
            raise NotAttempted
        return result
    return answer


@dataclass
class Exercise:
    """One exercise: `check(answer)`, `hint(n)`, `solution()` (introduced in notebook 01)."""

    notebook: str
    name: str
    prompt: str
    test: Callable[[Any], None]          # raises Wrong (or NotAttempted); returns normally when right
    hints: tuple[str, ...]
    reference: Any                       # the reference solution: a function or a value
    success: str = "correct."

    def check(self, answer: Any) -> bool:
        """Print ✔ and why, ✘ and which case failed, or "not attempted yet"; never raises."""
        try:
            if is_blank(answer):
                raise NotAttempted
            self.test(answer_or_blank(answer) if callable(answer) else answer)
        except NotAttempted:
            print(f"… {self.name}: not attempted yet. Replace ____ with your answer; "
                  f"ex.{self.name}.hint() gives a hint, ex.{self.name}.solution() the answer.")
            return False
        except Wrong as wrong:
            verdict, ok = f"✘ {self.name}: {wrong}", False
        except Exception as error:   # the learner's code crashed: report it, don't stop the notebook
            verdict, ok = f"✘ {self.name}: your answer raised {type(error).__name__}: {error}", False
        else:
            verdict, ok = f"✔ {self.name}: {self.success}", True
        print(verdict)
        record(self, "solved" if ok else "attempted")
        return ok

    def hint(self, n: int = 1) -> None:
        """Print hint `n` (1 = gentlest)."""
        if not 1 <= n <= len(self.hints):
            print(f"{self.name} has hints 1 to {len(self.hints)}.")
            return
        print(f"Hint {n}/{len(self.hints)}: {self.hints[n - 1]}")

    def solution(self) -> None:
        """Show the reference solution as highlighted Python (in a notebook) or plain text."""
        code = inspect.getsource(self.reference) if callable(self.reference) else f"{self.name} = {self.reference!r}"
        if "ipykernel" in sys.modules:
            from IPython.display import Code, display
            display(Code(code, language="python"))
        else:
            print(code)


EXERCISES: dict[tuple[str, str], Exercise] = {}


def define(notebook: str, name: str, prompt: str, test: Callable, hints: tuple[str, ...], reference: Any,
           success: str = "correct.") -> Exercise:
    """Create and register an exercise (used by helpers/solutions/nNN.py). Behind the scenes from notebook 01 on."""
    if not 1 <= len(hints) <= 3:
        raise ValueError(f"{name}: give 1 to 3 hints, not {len(hints)}")
    exercise = Exercise(notebook, name, prompt, test, tuple(hints), reference, success)
    EXERCISES[(notebook, name)] = exercise
    return exercise


def load_all() -> dict[tuple[str, str], Exercise]:
    """Import every helpers/solutions module, which registers its exercises. Behind the scenes from notebook 01 on."""
    import helpers.exercises as registry  # the same registry when run as `python -m helpers.exercises`
    import helpers.solutions as package

    for info in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"helpers.solutions.{info.name}")
    return registry.EXERCISES


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


# ---- progress: a small JSON file in the user's cache folder, never in the repository --------------

def progress_file() -> Path:
    """$DL_COURSE_PROGRESS, else $XDG_CACHE_HOME/dl-course/progress.json, else ~/.cache/dl-course/.

    Behind the scenes from notebook 01 on.
    """
    if os.environ.get("DL_COURSE_PROGRESS"):
        return Path(os.environ["DL_COURSE_PROGRESS"])
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "dl-course" / "progress.json"


def read_progress() -> dict[str, str]:
    """{"02/softmax": "solved", ...}; an unreadable file counts as empty (and is left alone).

    Behind the scenes from notebook 01 on.
    """
    try:
        data = json.loads(progress_file().read_text())
        return {k: v for k, v in data.items() if v in ("solved", "attempted")} if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


_warned = False


def record(exercise: Exercise, status: str) -> None:
    """Save `status` for the exercise; "solved" is never downgraded. A read-only home gives a note, not an error.

    Behind the scenes from notebook 01 on.
    """
    global _warned
    path, key = progress_file(), f"{exercise.notebook}/{exercise.name}"
    saved = read_progress()
    if saved.get(key) == "solved" or saved.get(key) == status:
        return
    saved[key] = status
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, suffix=".tmp") as tmp:
            json.dump(saved, tmp, indent=1, sort_keys=True)
        os.replace(tmp.name, path)
    except OSError as error:
        if not _warned:
            print(f"(progress not saved: {error.strerror or error} for {path}; set DL_COURSE_PROGRESS to a "
                  "writable file to keep it)")
            _warned = True


def progress(notebook: str | None = None):
    """A table of exercises (all, or one notebook's): solved / attempted / not yet (notebook 01 on)."""
    import pandas as pd

    saved = read_progress()
    rows = [{"notebook": nb, "exercise": name, "status": saved.get(f"{nb}/{name}", "not yet")}
            for (nb, name) in sorted(load_all()) if notebook in (None, nb)]
    table = pd.DataFrame(rows).set_index(["notebook", "exercise"])
    solved = (table["status"] == "solved").sum()
    print(f"{solved} of {len(table)} solved" + (f" in notebook {notebook}" if notebook else ""))
    return table


def main(argv: list[str] | None = None) -> int:
    """`python -m helpers.exercises list [--json]`: every exercise with its notebook and prompt.

    Behind the scenes from notebook 01 on.
    """
    parser = argparse.ArgumentParser(description="The course's exercises")
    parser.add_argument("command", choices=["list"])
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args(argv)
    exercises = sorted(load_all().values(), key=lambda e: (e.notebook, e.name))
    if args.json:
        print(json.dumps([{"notebook": e.notebook, "name": e.name, "prompt": e.prompt, "hints": len(e.hints)}
                          for e in exercises], indent=1))
    else:
        for e in exercises:
            print(f"{e.notebook}  {e.name:28s} {e.prompt.splitlines()[0]}")
        print(f"{len(exercises)} exercises in {len({e.notebook for e in exercises})} notebooks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
