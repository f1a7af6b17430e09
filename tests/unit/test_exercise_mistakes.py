"""Every exercise rejects each plausible mistake in its catalogue (tests/unit/mistakes/nNN.py) in 100 of
100 runs with fresh random cases, and accepts every right answer written differently, every time.

A quick variant (3 runs) is part of `make unit`; the 100-run variant is marked slow (`make test`) and
runs each notebook's catalogue in a process of its own with one MXNet thread: the checks' arrays are
tiny, and two busy-waiting OpenMP threads made them 4-7x slower on a loaded 2-core machine."""

import contextlib
import functools
import importlib.util
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from helpers.exercises.catalogue import load_all


def load_catalogue(path: Path):
    """Import tests/unit/mistakes/nNN.py by its path (the tests folder is not a package)."""
    spec = importlib.util.spec_from_file_location(f"mistakes_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


EXERCISES = load_all()
CATALOGUE = {path.stem[1:]: load_catalogue(path) for path in sorted((Path(__file__).parent / "mistakes").glob("n*.py"))}
WRONG = [(nb, name, answer, what) for nb, module in sorted(CATALOGUE.items())
         for name, answers in module.WRONG.items() for answer, what in answers]
RIGHT = [(nb, name, answer, how) for nb, module in sorted(CATALOGUE.items())
         for name, answers in module.RIGHT.items() for answer, how in answers]


def verdicts(notebook: str, name: str, answer, runs: int) -> list[tuple[bool, str]]:
    """`runs` checks of `answer`, each on fresh random cases: (accepted, what check printed)."""
    results = []
    for _ in range(runs):
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            accepted = EXERCISES[(notebook, name)].check(answer)
        results.append((accepted, printed.getvalue().strip()))
    return results


@pytest.fixture(autouse=True)
def private_progress(tmp_path, monkeypatch):
    """Checks record progress: keep it out of the learner's own file."""
    monkeypatch.setenv("DL_COURSE_PROGRESS", str(tmp_path / "progress.json"))


def test_every_exercise_has_five_mistakes_and_two_right_answers():
    short = [f"{nb}/{name}: {len(getattr(CATALOGUE.get(nb), 'WRONG', {}).get(name, []))} wrong, "
             f"{len(getattr(CATALOGUE.get(nb), 'RIGHT', {}).get(name, []))} right"
             for nb, name in sorted(EXERCISES)
             if nb not in CATALOGUE or len(CATALOGUE[nb].WRONG.get(name, [])) < 5
             or len(CATALOGUE[nb].RIGHT.get(name, [])) < 2]
    assert not short, short


def test_the_catalogue_names_only_real_exercises():
    unknown = [f"{nb}/{name}" for nb, module in CATALOGUE.items() for name in {*module.WRONG, *module.RIGHT}
               if (nb, name) not in EXERCISES]
    assert not unknown, unknown


def _rejected_every_time(nb, name, answer, what, runs):
    accepted = [printed for ok, printed in verdicts(nb, name, answer, runs) if ok]
    assert not accepted, f"{nb}/{name} accepted '{what}' in {len(accepted)} of {runs} runs"


def _accepted_every_time(nb, name, answer, how, runs):
    refused = [printed for ok, printed in verdicts(nb, name, answer, runs) if not ok]
    assert not refused, f"{nb}/{name} refused '{how}' in {len(refused)} of {runs} runs: {refused[0]}"
    assert "raised" not in "".join(refused)


@pytest.mark.parametrize("nb, name, answer, what", WRONG, ids=[f"n{n}.{e}: {w}" for n, e, _, w in WRONG])
def test_a_mistake_is_rejected_quick(nb, name, answer, what):
    _rejected_every_time(nb, name, answer, what, runs=3)


@pytest.mark.parametrize("nb, name, answer, how", RIGHT, ids=[f"n{n}.{e}: {h}" for n, e, _, h in RIGHT])
def test_a_right_answer_is_accepted_quick(nb, name, answer, how):
    _accepted_every_time(nb, name, answer, how, runs=3)


def accepted_counts(notebook: str, runs: int) -> dict[str, list[list]]:
    """For each exercise of the notebook's catalogue: [[accepted runs, first refusal], ...] of its WRONG, then
    RIGHT answers, each checked `runs` times (what a worker process prints as JSON)."""
    module, counts = CATALOGUE[notebook], {}
    for kind in ("WRONG", "RIGHT"):
        for name, answers in getattr(module, kind).items():
            for answer, _ in answers:
                results = verdicts(notebook, name, answer, runs)
                refusals = [printed for ok, printed in results if not ok]
                counts.setdefault(f"{kind} {name}", []).append([runs - len(refusals), refusals[0] if refusals else ""])
    return counts


@functools.cache
def counts_from_a_worker(notebook: str, runs: int) -> dict[str, list[list]]:
    """`accepted_counts` computed in a fresh process with OMP_NUM_THREADS=1 and a throw-away progress file."""
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "OMP_NUM_THREADS": "1", "DL_COURSE_PROGRESS": f"{folder}/progress.json",
               "PYTHONWARNINGS": "ignore"}
        done = subprocess.run([sys.executable, __file__, notebook, str(runs)], capture_output=True, text=True,
                              env=env, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _nth(kind: str, nb: str, name: str, answer) -> int:
    """The answer's place in its catalogue list (by identity: answers may be arrays)."""
    return next(i for i, (a, _) in enumerate(getattr(CATALOGUE[nb], kind)[name]) if a is answer)


@pytest.mark.slow
@pytest.mark.parametrize("nb, name, answer, what", WRONG, ids=[f"n{n}.{e}: {w}" for n, e, _, w in WRONG])
def test_a_mistake_is_rejected_in_100_of_100_runs(nb, name, answer, what):
    accepted, _ = counts_from_a_worker(nb, 100)[f"WRONG {name}"][_nth("WRONG", nb, name, answer)]
    assert accepted == 0, f"{nb}/{name} accepted '{what}' in {accepted} of 100 runs"


@pytest.mark.slow
@pytest.mark.parametrize("nb, name, answer, how", RIGHT, ids=[f"n{n}.{e}: {h}" for n, e, _, h in RIGHT])
def test_a_right_answer_is_accepted_in_100_of_100_runs(nb, name, answer, how):
    accepted, refusal = counts_from_a_worker(nb, 100)[f"RIGHT {name}"][_nth("RIGHT", nb, name, answer)]
    assert accepted == 100, f"{nb}/{name} refused '{how}' in {100 - accepted} of 100 runs: {refusal}"
    assert "raised" not in refusal


if __name__ == "__main__":      # the worker: python test_exercise_mistakes.py NN RUNS
    print(json.dumps(accepted_counts(sys.argv[1], int(sys.argv[2]))))
