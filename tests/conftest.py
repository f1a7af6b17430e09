"""Fixtures shared by every folder of tests: a private cache folder, a machine without internet, a
loopback HTTP server that plays the internet for the download code, and the browser the browser tests
drive (found as browsers.py says; used by browser/ and env/test_unprivileged.py).

    unit/     tests of helpers/, one file per module (test_<subpackage>_<module>.py for a subpackage's)
    env/      the installation: pinned versions, platforms, containers, builds from the package registry,
              the set-up as an ordinary user, how a browser is found
    browser/  the notebooks in JupyterLab in headless Chromium, one file per notebook
    data/     reference outputs the tests compare with

Markers (pyproject.toml): `slow` (left out by `make unit`), `browser`, `network`; every test in
browser/ is marked `browser` and `slow` by browser/conftest.py. The project's conftest.py (one folder
up) seeds data/ and sums up each notebook's time for nbval.
"""

import http.server
import threading
from urllib.parse import urlparse

import pytest
import requests
from browsers import browser_executable, pytest_terminal_summary  # noqa: F401  (the browser tests' fixture and note)

_real_get = requests.get


@pytest.fixture
def private_cache(tmp_path, monkeypatch):
    """An empty cache folder of our own (not created yet); the project's data/ is never touched."""
    monkeypatch.setenv("DL_COURSE_DATA", str(tmp_path / "cache"))
    monkeypatch.delenv("DL_COURSE_MIRROR_URL", raising=False)
    return tmp_path / "cache"


@pytest.fixture
def offline(monkeypatch):
    """Every HTTP request fails, as on a machine without internet; only 127.0.0.1 (the test server) answers."""
    def loopback_only(url, *args, **kwargs):
        if urlparse(url).hostname != "127.0.0.1":
            raise requests.exceptions.ConnectionError(f"no network in this test ({url})")
        return _real_get(url, *args, **kwargs)
    monkeypatch.setattr(requests, "get", loopback_only)
    monkeypatch.setenv("PIP_NO_INDEX", "1")  # a build step's `pip download` finds no package index either


class _Handler(http.server.BaseHTTPRequestHandler):
    """Serves server.files: path -> bytes, or (bytes, n) to send the headers of all but cut after n bytes."""

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        self.server.requests.append(self.path)
        body = self.server.files.get(self.path)
        if body is None:
            self.send_error(404)
            return
        body, cut = body if isinstance(body, tuple) else (body, None)
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[:cut])
        if cut is not None:
            self.close_connection = True

    def log_message(self, *args):
        pass


@pytest.fixture
def web(offline):
    """A loopback HTTP server (127.0.0.1, a free port, stopped after the test): set `.files`, read `.requests`."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.files, server.requests = {}, []
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)
