"""One exercise (name, prompt, check, hints, reference solution) and the table `define` fills.

The exercise modules in solutions/ call `define`; `check` never raises, so a notebook whose exercises
are still blank (`____`) runs top to bottom, and records the learner's progress (progress_store).
"""

import inspect
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from helpers.exercises.checking import NotAttempted, Wrong, answer_or_blank, is_blank
from helpers.exercises.progress_store import record


@dataclass
class Exercise:
    """One exercise: `check(answer)`, `hint(n)`, `solution()`; notebooks reach it as `ex.NAME`."""

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
        record(f"{self.notebook}/{self.name}", "solved" if ok else "attempted")
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
    """Create an exercise and add it to EXERCISES (called by each module in solutions/)."""
    if not 1 <= len(hints) <= 3:
        raise ValueError(f"{name}: give 1 to 3 hints, not {len(hints)}")
    exercise = Exercise(notebook, name, prompt, test, tuple(hints), reference, success)
    EXERCISES[(notebook, name)] = exercise
    return exercise
