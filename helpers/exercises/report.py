"""The instructor's view: `python -m helpers.exercises report PLACE... [--by-learner] [--csv]`.

Reads the learners' progress files, never writes: a PLACE is a progress file, a learner's home folder
(its .cache/dl-course/progress.json) or a folder of those (all learners' homes, or handed-in files).
Prints, per notebook and exercise, how many learners solved it, attempted it or have not started (or,
with --by-learner, each learner's status). A corrupt or foreign file is reported and skipped.
"""

import csv
import sys
from pathlib import Path

from helpers.exercises.catalogue import load_all
from helpers.exercises.progress_store import IN_CACHE_FOLDER, parse_progress

HOME_FILE = Path(".cache") / IN_CACHE_FOLDER
COLUMNS = ("solved", "attempted", "not started")


def progress_files(place: Path) -> list[tuple[str, Path]]:
    """(learner, progress file) pairs found at a place: a file, a home folder, or a folder of either."""
    if place.is_file():
        return [(place.parent.name if place.stem == "progress" else place.stem, place)]
    if (place / HOME_FILE).is_file():
        return [(place.name, place / HOME_FILE)]
    found = []
    for child in sorted(place.iterdir()) if place.is_dir() else []:
        if child.is_file() and child.suffix == ".json" or (child / HOME_FILE).is_file():
            found += progress_files(child)
    return found


def read_learners(places: list[Path]) -> tuple[dict[str, dict[str, str]], list[str]]:
    """{learner: {"NN/name": status}} from every place, and a line for each file skipped and why."""
    learners, problems = {}, []
    for place in places:
        found = progress_files(place)
        if not found:
            problems.append(f"{place}: no progress file found")
        for learner, path in found:
            try:
                entries = parse_progress(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, ValueError) as err:
                problems.append(f"{path}: skipped ({getattr(err, 'strerror', None) or err})")
                continue
            name = learner if learner not in learners else f"{learner} ({path})"
            learners[name] = entries
    return learners, problems


def report_rows(learners: dict[str, dict[str, str]], by_learner: bool) -> list[dict[str, object]]:
    """One row per exercise of the course: counts of each status, or each learner's status."""
    rows = []
    for notebook, name in sorted(load_all()):
        statuses = {learner: entries.get(f"{notebook}/{name}", "not started") for learner, entries in learners.items()}
        row = {"notebook": notebook, "exercise": name}
        row |= statuses if by_learner else {c: list(statuses.values()).count(c) for c in COLUMNS}
        rows.append(row)
    return rows


def print_report(rows: list[dict[str, object]], as_csv: bool) -> None:
    """The rows as CSV, or as a plain table with a blank line between notebooks."""
    if not rows:
        return
    if as_csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return
    widths = {key: max(len(str(key)), *(len(str(r[key])) for r in rows)) for key in rows[0]}
    print("  ".join(f"{key:{widths[key]}}" for key in rows[0]))
    for i, row in enumerate(rows):
        if i and rows[i - 1]["notebook"] != row["notebook"]:
            print()
        print("  ".join(f"{str(value):{widths[key]}}" for key, value in row.items()))


def report(places: list[Path], by_learner: bool = False, as_csv: bool = False) -> int:
    """`report`: read, print the table, then the skipped files on stderr; 1 if no learner could be read."""
    learners, problems = read_learners(places)
    if not as_csv:
        print(f"{len(learners)} learner{'s' * (len(learners) != 1)}: {', '.join(learners) or 'none'}")
    print_report(report_rows(learners, by_learner), as_csv)
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    return 0 if learners else 1
