"""Every exercise rejects each plausible mistake in its catalogue (tests/unit/mistakes/nNN.py) in 100 of
100 runs with fresh random cases, and accepts every right answer written differently, every time.

A quick variant (3 runs) is part of `make unit`; the 100-run variant is marked slow (`make test`)."""

import contextlib
import importlib.util
import io
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


@pytest.mark.slow
@pytest.mark.parametrize("nb, name, answer, what", WRONG, ids=[f"n{n}.{e}: {w}" for n, e, _, w in WRONG])
def test_a_mistake_is_rejected_in_100_of_100_runs(nb, name, answer, what):
    _rejected_every_time(nb, name, answer, what, runs=100)


@pytest.mark.slow
@pytest.mark.parametrize("nb, name, answer, how", RIGHT, ids=[f"n{n}.{e}: {h}" for n, e, _, h in RIGHT])
def test_a_right_answer_is_accepted_in_100_of_100_runs(nb, name, answer, how):
    _accepted_every_time(nb, name, answer, how, runs=100)
