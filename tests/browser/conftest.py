"""The browser tests' JupyterLab and Chromium, shared by every file here (one of each for the folder),
and their markers: every test in this folder is `browser` and `slow`.

How a Chromium is found (or why the tests skip) is tests/browsers.py's job; its `browser_executable`
fixture comes through tests/conftest.py.
"""

import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items):
    """Mark every test in this folder `browser` and `slow`."""
    for item in items:
        if HERE in item.path.resolve().parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api_ready(base: str, token: str) -> bool:
    request = urllib.request.Request(f"{base}/api/status", headers={"Authorization": f"token {token}"})
    try:
        with urllib.request.urlopen(request, timeout=2) as reply:
            return reply.status == 200
    except OSError:
        return False


@pytest.fixture(scope="package")
def lab(tmp_path_factory):
    """JupyterLab on 127.0.0.1 with a token and isolated config, serving copies of the notebooks."""
    home = tmp_path_factory.mktemp("lab")
    work = home / "notebooks"
    shutil.copytree(ROOT / "notebooks", work, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    config = home / "config"
    (config / "labconfig").mkdir(parents=True)
    (config / "labconfig" / "page_config.json").write_text(json.dumps(
        {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}))
    ipython = home / "ipython" / "profile_default"
    ipython.mkdir(parents=True)
    # SVG figures with real text, so a test can read a plot's title
    (ipython / "ipython_kernel_config.py").write_text(
        "c.InlineBackend.figure_formats = {'svg'}\nc.InlineBackend.rc = {'svg.fonttype': 'none'}\n")
    kernels = home / "data" / "kernels" / "python3"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (ipykernel)", "language": "python"}))
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(config), JUPYTER_DATA_DIR=str(home / "data"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"), IPYTHONDIR=str(home / "ipython"),
               MPLCONFIGDIR=str(home / "mpl"))
    port, token = free_port(), hashlib.sha1(os.urandom(16)).hexdigest()
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={work}", "--ServerApp.terminals_enabled=False"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = open(home / "lab.log", "w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while not api_ready(base, token):
        if server.poll() is not None or time.time() > deadline:
            server.kill()
            pytest.fail(f"JupyterLab did not start; log: {(home / 'lab.log').read_text()[-2000:]}")
        time.sleep(0.5)
    yield {"base": base, "token": token}
    request = urllib.request.Request(f"{base}/api/shutdown", method="POST",
                                     headers={"Authorization": f"token {token}"})
    try:
        urllib.request.urlopen(request, timeout=5)
        server.wait(timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
            if server.poll() is None:
                server.send_signal(sig)
                try:
                    server.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    continue
    log.close()


@pytest.fixture(scope="package")
def browser(browser_executable):
    """Chromium (found as tests/browsers.py says) driven by Playwright; fails clearly when it can't start."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        try:
            chromium = p.chromium.launch(executable_path=browser_executable.executable, headless=True,
                                         args=CHROMIUM_ARGS)
        except Exception as err:  # playwright raises its own Error type
            pytest.fail(f"Chromium ({browser_executable.found_by}) could not start: {err}")
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, lab):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1")
                  else route.abort())
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda err: page.errors.append(str(err)))
    yield page
    context.close()
    shut_down_kernels(lab)


def shut_down_kernels(lab) -> None:
    """Stop the kernels a test started, so the next notebook has both cores to itself."""
    headers = {"Authorization": f"token {lab['token']}"}
    with urllib.request.urlopen(urllib.request.Request(f"{lab['base']}/api/kernels", headers=headers)) as reply:
        kernels = json.load(reply)
    for kernel in kernels:
        request = urllib.request.Request(f"{lab['base']}/api/kernels/{kernel['id']}", method="DELETE", headers=headers)
        urllib.request.urlopen(request, timeout=10)
