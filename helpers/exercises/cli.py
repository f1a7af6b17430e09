"""`python -m helpers.exercises list [--json]`: every exercise with its notebook and prompt."""

import argparse
import json

from helpers.exercises.catalogue import load_all


def main(argv: list[str] | None = None) -> int:
    """The command line described in the module docstring."""
    parser = argparse.ArgumentParser(prog="python -m helpers.exercises", description="The course's exercises")
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
