"""Fixtures shared by the data and model tests: a private cache folder and a machine without internet."""

import pytest
import requests


@pytest.fixture
def private_cache(tmp_path, monkeypatch):
    """An empty cache folder of our own (not created yet); the project's data/ is never touched."""
    monkeypatch.setenv("DL_COURSE_DATA", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def offline(monkeypatch):
    """Every HTTP request fails, as on a machine without internet."""
    def no_network(*args, **kwargs):
        raise requests.exceptions.ConnectionError("no network in this test")
    monkeypatch.setattr(requests, "get", no_network)
