"""helpers.exercises.cli: `python -m helpers.exercises list [--json]`."""

import json
import os
import subprocess
import sys

import pytest

from helpers.exercises.catalogue import load_all

ALL = load_all()
pytestmark = pytest.mark.usefixtures("private_progress")


def test_the_listing_prints_every_exercise_with_its_notebook():
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    text = subprocess.run([sys.executable, "-m", "helpers.exercises", "list"], capture_output=True, text=True,
                          check=True, env=env).stdout
    assert f"{len(ALL)} exercises in" in text and "04  backprop" in text
    listed = json.loads(subprocess.run([sys.executable, "-m", "helpers.exercises", "list", "--json"],
                                       capture_output=True, text=True, check=True, env=env).stdout)
    assert {(e["notebook"], e["name"]) for e in listed} == set(ALL)
