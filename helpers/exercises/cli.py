"""`python -m helpers.exercises list [--json]`: every exercise with its notebook and prompt;
`python -m helpers.exercises report PLACE... [--by-learner] [--csv]`: the learners' progress (report.py)."""

import argparse
import json
from pathlib import Path

from helpers.exercises.catalogue import load_all
from helpers.exercises.report import report


def list_exercises(as_json: bool) -> int:
    """`list`: every exercise with its notebook and the first line of its prompt (or all of it as JSON)."""
    exercises = sorted(load_all().values(), key=lambda e: (e.notebook, e.name))
    if as_json:
        print(json.dumps([{"notebook": e.notebook, "name": e.name, "prompt": e.prompt, "hints": len(e.hints)}
                          for e in exercises], indent=1))
    else:
        for e in exercises:
            print(f"{e.notebook}  {e.name:28s} {e.prompt.splitlines()[0]}")
        print(f"{len(exercises)} exercises in {len({e.notebook for e in exercises})} notebooks")
    return 0


def main(argv: list[str] | None = None) -> int:
    """The command line described in the module docstring."""
    parser = argparse.ArgumentParser(prog="python -m helpers.exercises", description="The course's exercises")
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list", help="every exercise with its notebook and prompt")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    reporting = commands.add_parser("report", help="the learners' progress, read from their files (never written)")
    reporting.add_argument("places", nargs="+", type=Path,
                           help="progress files, learners' home folders, or folders holding either")
    reporting.add_argument("--by-learner", action="store_true", help="each learner's status instead of counts")
    reporting.add_argument("--csv", action="store_true", help="comma-separated values")
    args = parser.parse_args(argv)
    if args.command == "list":
        return list_exercises(args.json)
    return report(args.places, args.by_learner, args.csv)
