"""`make setup` and a browser test as an ordinary user, the way an instructor runs them on a laptop.

When the suite runs as root (CI, containers) this makes a temporary user with its own copy of the
checkout and of the existing environment's packages (hard links where possible: no download, no
second install), runs the set-up and one browser test as that user, and removes the user again.
Run as an ordinary user already, the whole suite is this check, and this test is skipped.
"""

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
USER = "dlcourse-check"
SYSTEM_PYTHON = "/usr/bin/python3.11"  # readable by every user, unlike a root-owned pyenv or conda
pytestmark = [pytest.mark.browser, pytest.mark.slow]


def link_or_copy_tree(src: Path, dst: Path) -> None:
    """Hard-link a tree (instant, no extra space; files keep their read-only owner), or copy it."""
    if subprocess.run(["cp", "-al", str(src), str(dst)], capture_output=True).returncode != 0:
        shutil.rmtree(dst, ignore_errors=True)
        shutil.copytree(src, dst, symlinks=True)


def copy_checkout(dst: Path) -> None:
    """The tracked files, as in a fresh clone, plus the data cache."""
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True)
    for name in filter(None, tracked.stdout.split("\0")):
        target = dst / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if (ROOT / name).is_file():
            shutil.copy2(ROOT / name, target)
    link_or_copy_tree(ROOT / "data", dst / "data.tmp")
    shutil.rmtree(dst / "data")
    (dst / "data.tmp").rename(dst / "data")


def user_environment(checkout: Path, packages: Path) -> None:
    """checkout/.venv: a venv of the system's Python 3.11 that sees the existing environment's packages
    (and its share/ and etc/, where JupyterLab keeps its pages and extension settings)."""
    venv = checkout / ".venv"
    subprocess.run([SYSTEM_PYTHON, "-m", "venv", "--without-pip", str(venv)], check=True)
    # the copy's own `helpers` first (as `pip install -e .` would), then the packages with their .pth files
    next((venv / "lib").glob("python3.11/site-packages")).joinpath("existing.pth").write_text(
        f"{checkout}\nimport site; site.addsitedir({str(packages)!r})\n")
    for folder in ("share", "etc"):
        if (Path(sys.prefix) / folder).is_dir():
            link_or_copy_tree(Path(sys.prefix) / folder, venv / folder)
    (checkout / ".venv" / ".installed").touch()  # make: the environment is ready


def as_user(command: list[str], cwd: Path, home: Path, timeout: int) -> subprocess.CompletedProcess:
    env = ["env", "-i", f"HOME={home}", "PATH=/usr/local/bin:/usr/bin:/bin", f"TMPDIR={home}",
           f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', '2')}"]
    return subprocess.run(["runuser", "-u", USER, "--", *env, *command], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)


@pytest.mark.skipif(os.geteuid() != 0, reason="already running as an ordinary user: the whole suite is the check")
@pytest.mark.skipif(not (shutil.which("useradd") and shutil.which("runuser") and Path(SYSTEM_PYTHON).exists()),
                    reason="needs useradd, runuser and the system's Python 3.11")
def test_setup_and_a_browser_test_run_as_an_unprivileged_user(browser_executable):
    created = subprocess.run(["useradd", "--system", "--no-create-home", USER], capture_output=True).returncode == 0
    home = Path(tempfile.mkdtemp(prefix="dlcourse-user-"))
    try:
        home.chmod(0o755)
        checkout = home / "course"
        copy_checkout(checkout)
        link_or_copy_tree(Path(sysconfig.get_paths()["purelib"]), home / "packages")
        user_environment(checkout, home / "packages")
        subprocess.run(["chown", "-R", USER, str(checkout)], check=True)  # not data/ or packages: links stay root's
        subprocess.run(["chown", USER, str(home)], check=True)

        setup = as_user(["make", "setup", "browser", f"PYTHON={SYSTEM_PYTHON}"], checkout, home, timeout=120)
        assert setup.returncode == 0, setup.stdout + setup.stderr
        assert "Installing" not in setup.stdout and "apt-get" not in setup.stdout + setup.stderr
        assert "0.0 kB fetched, 0 files missing" in setup.stdout

        one = "tests/browser/test_00_getting_started.py::test_getting_started_runs_in_the_browser"
        run = as_user([".venv/bin/python", "-m", "pytest", one, "-q"], checkout, home, timeout=240)
        assert run.returncode == 0 and "1 passed" in run.stdout, run.stdout[-3000:] + run.stderr[-2000:]
    finally:
        shutil.rmtree(home, ignore_errors=True)
        if created:
            subprocess.run(["userdel", USER], capture_output=True)
