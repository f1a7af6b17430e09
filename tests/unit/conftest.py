"""Fixtures of the unit tests (the fixtures they share with the other folders are in tests/conftest.py)."""

import pytest


@pytest.fixture
def private_progress(tmp_path, monkeypatch):
    """The exercises' progress goes to a file of the test's own, never to the learner's cache folder
    (the exercises' tests use it for every test: `pytestmark = pytest.mark.usefixtures("private_progress")`)."""
    monkeypatch.setenv("DL_COURSE_PROGRESS", str(tmp_path / "progress.json"))
    return tmp_path / "progress.json"
