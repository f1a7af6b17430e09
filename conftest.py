"""Test-session set-up shared by the unit tests and nbval: threads, data cache, duration report."""

import helpers  # noqa: F401  (sets OMP_NUM_THREADS before any kernel or mxnet starts)

from collections import defaultdict
from pathlib import Path

from helpers.cache import SHARED_DATA, seed_from_mirror

_notebook_seconds: dict[str, float] = defaultdict(float)


def pytest_sessionstart(session):
    """Pre-seed data/ from the offline mirror beside the project, when there is one."""
    if SHARED_DATA.is_dir():
        seed_from_mirror(SHARED_DATA)


def pytest_runtest_logreport(report):
    """Add up the time of each notebook's cells (nbval reports one test per cell)."""
    path = report.nodeid.split("::")[0]
    if path.endswith(".ipynb"):
        _notebook_seconds[path] += report.duration


def pytest_terminal_summary(terminalreporter):
    """Print one line per notebook with its total execution time."""
    if not _notebook_seconds:
        return
    terminalreporter.section("notebook durations")
    for path, seconds in sorted(_notebook_seconds.items()):
        terminalreporter.write_line(f"{seconds:8.1f} s  {Path(path).name}")
    terminalreporter.write_line(f"{sum(_notebook_seconds.values()):8.1f} s  all notebooks")
