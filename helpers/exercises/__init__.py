"""Checked exercises (notebooks 01 to 13): write an answer, call `ex.NAME.check(answer)`, get ✔ or a reason.

    checking        the blank `____`, `Wrong`, comparing values and functions on fresh random cases
    exercise        one exercise (prompt, check, hints, reference) and `define`
    progress_store  the learner's solved/attempted file, in their own cache folder
    catalogue       every exercise (`exercises_of("NN")`) and the learner's table (`progress()`)
    report          the instructor's table of learners' progress, read from their files
    cli             `python -m helpers.exercises list [--json]` and `... report PLACE...`
    solutions/      one module per notebook: its exercises, their checks and reference solutions
"""

from helpers.exercises.catalogue import exercises_of, progress
from helpers.exercises.checking import ____

__all__ = ["____", "exercises_of", "progress"]
