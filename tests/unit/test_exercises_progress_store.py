"""helpers.exercises.progress_store: the learner's progress file: solved is never downgraded, a read-only
or corrupt file never stops a notebook."""

import json
import os

import pytest

from helpers.exercises import catalogue, progress_store
from helpers.exercises.solutions import n01, n02

ALL = catalogue.load_all()
pytestmark = pytest.mark.usefixtures("private_progress")


def wrong_neuron_output(x, w, b):
    """A plausible wrong answer to notebook 01's first exercise (it forgets the sigmoid)."""
    return (w * x).sum() + b


def test_progress_records_solved_and_attempted_and_never_downgrades(private_progress, capsys):
    neuron = ALL[("01", "neuron_output")]
    neuron.check(wrong_neuron_output)
    assert json.loads(private_progress.read_text()) == {"01/neuron_output": "attempted"}
    neuron.check(n01.neuron_output)
    neuron.check(wrong_neuron_output)
    assert json.loads(private_progress.read_text()) == {"01/neuron_output": "solved"}
    table = catalogue.progress("01")
    assert table.loc[("01", "neuron_output"), "status"] == "solved"
    assert set(table["status"]) <= {"solved", "attempted", "not yet"} and len(table) == 3
    assert "1 of 3 solved in notebook 01" in capsys.readouterr().out
    assert len(catalogue.progress()) == len(ALL)


def test_a_read_only_progress_folder_gives_a_note_not_an_error(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    monkeypatch.setenv("DL_COURSE_PROGRESS", str(folder / "sub" / "progress.json"))
    monkeypatch.setattr(progress_store, "_warned", False)
    try:
        if os.geteuid() == 0:   # root ignores permissions: make the folder a file instead
            folder.chmod(0o700)
            folder.rmdir()
            folder.write_text("not a folder")
        assert ALL[("02", "softmax")].check(n02.softmax) is True
    finally:
        if folder.is_dir():
            folder.chmod(0o700)
    out = capsys.readouterr().out
    assert out.startswith("✔") and "progress not saved" in out


def test_a_corrupt_progress_file_is_read_as_empty_and_left_alone(private_progress):
    private_progress.write_text("{not json")
    assert progress_store.read_progress() == {}
    assert catalogue.progress()["status"].eq("not yet").all()
    assert private_progress.read_text() == "{not json"
