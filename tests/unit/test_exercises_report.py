"""helpers.exercises.report: the instructor's table of learners' progress, read-only, corrupt files skipped."""

import json
import os
import stat
import subprocess
import sys

import pytest

from helpers.exercises import report
from helpers.exercises.catalogue import load_all

ALL = load_all()


def home(tmp_path, learner, entries):
    """A learner's home folder holding a progress file with `entries`, made read-only like a learner's own."""
    path = tmp_path / "homes" / learner / ".cache" / "dl-course" / "progress.json"
    path.parent.mkdir(parents=True)
    path.write_text(entries if isinstance(entries, str) else json.dumps(entries))
    return path


def snapshot(folder):
    return {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.rglob("*") if p.is_file()}


def test_counts_per_exercise_from_every_home_and_nothing_written(tmp_path, capsys):
    home(tmp_path, "ada", {"02/softmax": "solved", "04/backprop": "attempted"})
    home(tmp_path, "bo", {"02/softmax": "attempted"})
    home(tmp_path, "cy", {})
    before = snapshot(tmp_path)
    assert report.report([tmp_path / "homes"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("3 learners: ada, bo, cy")
    rows = {tuple(line.split()[:2]): line.split()[2:] for line in out.splitlines()[2:] if line.strip()}
    assert rows[("02", "softmax")] == ["1", "1", "1"]          # solved, attempted, not started
    assert rows[("04", "backprop")] == ["0", "1", "2"]
    assert rows[("01", "and_gate")] == ["0", "0", "3"]
    assert len(rows) == len(ALL)
    assert snapshot(tmp_path) == before


def test_by_learner_as_csv(tmp_path, capsys):
    home(tmp_path, "ada", {"02/softmax": "solved"})
    handed_in = tmp_path / "handed-in"
    handed_in.mkdir()
    (handed_in / "bo.json").write_text(json.dumps({"02/softmax": "attempted"}))
    assert report.report([tmp_path / "homes" / "ada", handed_in / "bo.json"], by_learner=True, as_csv=True) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "notebook,exercise,ada,bo"
    assert "02,softmax,solved,attempted" in lines
    assert "01,and_gate,not started,not started" in lines


@pytest.mark.parametrize("content, why", [("{not json", "Expecting"), ('["02/softmax"]', "not an exercise progress"),
                                          ('{"name": "Ada"}', "not an exercise progress"),
                                          ('{"02/softmax": "done"}', "unknown status")])
def test_a_corrupt_or_foreign_file_is_reported_and_skipped(tmp_path, capsys, content, why):
    home(tmp_path, "ada", {"02/softmax": "solved"})
    bad = home(tmp_path, "eve", content)
    assert report.report([tmp_path / "homes"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("1 learner: ada")
    assert f"{bad}: skipped" in captured.err and why in captured.err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_is_reported(tmp_path, capsys):
    path = home(tmp_path, "ada", {"02/softmax": "solved"})
    path.chmod(0)
    assert report.report([tmp_path / "homes"]) == 1
    assert "skipped" in capsys.readouterr().err


def test_nothing_found_says_so_and_fails(tmp_path, capsys):
    assert report.report([tmp_path]) == 1
    assert "no progress file found" in capsys.readouterr().err


def test_the_command_line(tmp_path):
    path = home(tmp_path, "ada", {"13/binarize": "solved"})
    path.chmod(stat.S_IRUSR)
    out = subprocess.run([sys.executable, "-m", "helpers.exercises", "report", str(tmp_path / "homes"), "--csv"],
                         capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[0] == "notebook,exercise,solved,attempted,not started"
    assert "13,binarize,1,0,0" in out.splitlines()
