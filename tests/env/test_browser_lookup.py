"""How the browser tests find a browser, and what happens without one (CI: fail; elsewhere: skip + note)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from browsers import ENV_VAR, find_browser

TESTS = Path(__file__).resolve().parents[1]  # where browsers.py is


def fake_executable(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def no_playwright() -> None:
    return None


def test_the_environment_variable_comes_first(tmp_path):
    chrome = fake_executable(tmp_path / "my chrome")
    found = find_browser({ENV_VAR: str(chrome), "PATH": ""}, playwright=lambda: "/pw/chrome")
    assert found.executable == str(chrome) and found.found_by == f"${ENV_VAR}"
    with pytest.raises(ValueError, match=f"{ENV_VAR}=.*nowhere is not an executable browser.*playwright install"):
        find_browser({ENV_VAR: str(tmp_path / "nowhere")})


def test_playwrights_own_browser_before_the_systems(tmp_path):
    fake_executable(tmp_path / "bin" / "chromium")
    found = find_browser({"PATH": str(tmp_path / "bin")}, playwright=lambda: "/pw/chrome-linux/chrome")
    assert found.executable is None and "Playwright's Chromium" in found.found_by  # launch() picks its own


def test_commands_on_path_then_the_usual_locations(tmp_path):
    chrome = fake_executable(tmp_path / "bin" / "google-chrome")
    found = find_browser({"PATH": str(tmp_path / "bin")}, playwright=no_playwright, locations=[])
    assert found.executable == str(chrome) and found.found_by == "`google-chrome` on PATH"
    mac = fake_executable(tmp_path / "Applications" / "Chromium.app" / "Contents" / "MacOS" / "Chromium")
    snap = tmp_path / "snap" / "bin" / "chromium"  # listed first, but missing
    found = find_browser({"PATH": ""}, playwright=no_playwright, locations=[str(snap), str(mac)])
    assert found.executable == str(mac)
    assert find_browser({"PATH": str(tmp_path / "empty")}, playwright=no_playwright, locations=[str(snap)]) is None


def test_the_usual_locations_cover_debian_ubuntu_and_macos():
    from browsers import LOCATIONS

    assert {"/usr/bin/chromium", "/snap/bin/chromium",
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"} <= set(LOCATIONS)


def run_without_any_browser(tmp_path: Path, ci: bool) -> subprocess.CompletedProcess:
    """A child pytest run of one test that needs a browser, on a machine where none can be found."""
    (tmp_path / "conftest.py").write_text(
        "import browsers\nbrowsers.LOCATIONS[:] = []\nbrowsers.COMMANDS[:] = []\n"
        "browsers.playwright_chromium = lambda: None\n"
        "from browsers import browser_executable, pytest_terminal_summary  # noqa: F401\n")
    (tmp_path / "test_needs_browser.py").write_text("def test_needs_a_browser(browser_executable):\n    pass\n")
    env = {k: v for k, v in os.environ.items() if k not in (ENV_VAR, "CI")}
    env.update(PYTHONPATH=str(TESTS), **({"CI": "true"} if ci else {}))
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)


def test_without_a_browser_outside_ci_the_tests_skip_and_the_summary_says_how_to_get_one(tmp_path):
    run = run_without_any_browser(tmp_path, ci=False)
    assert run.returncode == 0, run.stdout
    last_lines = run.stdout.strip().splitlines()[-3:]
    assert any(line.startswith("NOTE: 1 browser test(s) skipped") and "playwright install chromium" in line
               for line in last_lines), run.stdout
    assert "1 skipped" in run.stdout


def test_without_a_browser_under_ci_they_fail_with_one_line(tmp_path):
    run = run_without_any_browser(tmp_path, ci=True)
    assert run.returncode == 1 and "1 error" in run.stdout, run.stdout
    assert "Failed: no Chromium or Chrome for the browser tests: install one with" in run.stdout
    assert "Traceback" not in run.stdout
