"""helpers.exercises.catalogue: each notebook's exercises, as the notebooks ask them, and the progress table."""

import json
from pathlib import Path

import numpy as np
import pytest
from mxnet import nd

from helpers.exercises import catalogue

ALL = catalogue.load_all()
pytestmark = pytest.mark.usefixtures("private_progress")


def test_a_notebook_without_exercises_is_a_clear_error():
    with pytest.raises(ValueError, match="notebook '15' has no exercises"):
        catalogue.exercises_of("15")


NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("[01][0-9]_*.ipynb"))


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.name[:2] in {nb for nb, _ in ALL}], ids=lambda p: p.name)
def test_each_notebook_asks_all_its_exercises_and_its_blanks_report_not_attempted(path, capsys):
    """The notebook as learners get it: every exercise of its module is there, blank, and checks quietly."""
    notebook = path.name[:2]
    cells = ["".join(c["source"]) for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]
    namespace = {"nd": nd, "np": np}
    exec(next(c for c in cells if "exercises_of(" in c), namespace)   # noqa: S102 - the course's own notebook
    asked = [c for c in cells if ".check(" in c and "ex." in c]
    assert {c.split("ex.")[-1].split(".check")[0] for c in asked} == {name for nb, name in ALL if nb == notebook}
    for cell in asked:
        exec(cell, namespace)   # noqa: S102
    out = capsys.readouterr().out
    assert out.count("not attempted yet") == len(asked) and "✘" not in out, out
    assert any(c.strip() == f'progress("{notebook}")' for c in cells), "the notebook ends with its progress row"


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.name[:2] in {nb for nb, _ in ALL}], ids=lambda p: p.name)
def test_the_saved_page_shows_no_ones_progress(path):
    """The committed notebook was run with its blanks in place and an empty progress file: a reader on
    GitHub must not see a developer's own solved exercises."""
    cells = [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]
    saved = "".join("".join(o.get("text", "")) for c in cells if "".join(c["source"]).startswith("progress(")
                    for o in c["outputs"])
    assert f"0 of 3 solved in notebook {path.name[:2]}" in saved, saved
