"""helpers.exercises.exercise: nothing a learner types makes `check` raise."""

import pytest

from helpers.exercises.catalogue import load_all

ALL = load_all()
pytestmark = pytest.mark.usefixtures("private_progress")


@pytest.mark.parametrize("answer", [lambda *a: 1 / 0, "a string", 42, None, lambda *a: "nonsense"])
def test_check_never_raises_whatever_the_answer(answer, capsys):
    for exercise in ALL.values():
        assert exercise.check(answer) is False
    assert "Traceback" not in capsys.readouterr().out
