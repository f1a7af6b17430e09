"""`python -m helpers.exercises ...`: the exercises' command line (helpers/exercises/cli.py says what it does)."""

import sys

from helpers.exercises.cli import main

sys.exit(main(sys.argv[1:]))
