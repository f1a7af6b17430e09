"""Find a Chromium for the browser tests the way Playwright users expect, on Linux and macOS.

Order: $DL_COURSE_BROWSER (a path to a Chromium or Chrome executable), Playwright's own browser
(`python -m playwright install chromium`), then a system Chromium or Chrome at the usual places.
With none: under CI (CI=true) the browser tests fail with one line saying how to get one; elsewhere
they are skipped and the end of the run says so. tests/conftest.py loads this module's fixture and hook.
"""

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

ENV_VAR = "DL_COURSE_BROWSER"
INSTALL_HINT = ("install one with `.venv/bin/python -m playwright install chromium` (or your system's chromium "
                f"package), or set {ENV_VAR}=/path/to/chrome")
COMMANDS = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"]
LOCATIONS = [
    "/usr/bin/chromium",  # Debian
    "/snap/bin/chromium",  # Ubuntu (the chromium package is a snap)
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "~/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "~/Applications/Chromium.app/Contents/MacOS/Chromium",
]


@dataclass(frozen=True)
class Browser:
    """Where the browser is: `executable` for Playwright's launch (None: Playwright's own), and from where."""

    executable: str | None
    found_by: str


def playwright_chromium() -> str | None:
    """The path of Playwright's installed Chromium, or None if `playwright install chromium` never ran."""
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            path = p.chromium.executable_path
    except Exception:  # no playwright, or its driver cannot start
        return None
    return path if path and os.access(path, os.X_OK) else None


def find_browser(environ=None, playwright=None, locations=None, commands=None) -> Browser | None:
    """The first browser found, or None. A $DL_COURSE_BROWSER that is not an executable raises ValueError.

    The arguments stand in for the machine (environment, Playwright's browser, locations) in tests."""
    environ = os.environ if environ is None else environ
    playwright, locations = playwright or playwright_chromium, LOCATIONS if locations is None else locations
    chosen = environ.get(ENV_VAR)
    if chosen:
        if not os.access(os.path.expanduser(chosen), os.X_OK):
            raise ValueError(f"{ENV_VAR}={chosen} is not an executable browser; {INSTALL_HINT}")
        return Browser(os.path.expanduser(chosen), f"${ENV_VAR}")
    own = playwright()
    if own:
        return Browser(None, f"Playwright's Chromium ({own})")
    for command in COMMANDS if commands is None else commands:
        path = shutil.which(command, path=environ.get("PATH", ""))
        if path:
            return Browser(path, f"`{command}` on PATH")
    for location in locations:
        path = Path(location).expanduser()
        if os.access(path, os.X_OK) and path.is_file():
            return Browser(str(path), str(location))
    return None


NO_BROWSER = f"no Chromium or Chrome for the browser tests: {INSTALL_HINT}"


@pytest.fixture(scope="session")
def browser_executable() -> Browser:
    """The browser the browser tests drive; missing: a failure under CI, a skip elsewhere."""
    try:
        found = find_browser()
    except ValueError as err:
        pytest.fail(str(err), pytrace=False)
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(NO_BROWSER, pytrace=False)
        pytest.skip(NO_BROWSER)
    return found


def pytest_terminal_summary(terminalreporter):
    """One line at the very end when browser tests were skipped for want of a browser."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if NO_BROWSER in str(r.longrepr)]
    if skipped:
        terminalreporter.write_line(f"NOTE: {len(skipped)} browser test(s) skipped: {NO_BROWSER}", yellow=True)
