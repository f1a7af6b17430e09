"""The pip route (requirements.txt) and the conda route (environment.yml) pin the same versions."""

import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^\s*-?\s*([A-Za-z0-9_.\-]+)==([^\s#]+)")


def pins(path: Path) -> dict[str, str]:
    """{package: version} of every `name==version` line in a requirements or environment file."""
    found = {}
    for line in path.read_text().splitlines():
        match = PIN.match(line)
        if match:
            found[match.group(1).lower()] = match.group(2)
    return found


def test_pip_and_conda_routes_pin_the_same_versions():
    pip_pins, conda_pins = pins(ROOT / "requirements.txt"), pins(ROOT / "environment.yml")
    assert pip_pins["mxnet"] == "1.9.1" and pip_pins["numpy"] == "1.23.5"
    assert pip_pins == conda_pins


def test_conda_route_uses_python_3_11():
    assert re.search(r"^\s*-\s*python=3\.11\s*$", (ROOT / "environment.yml").read_text(), re.M)


def test_installed_versions_are_the_pinned_ones():
    assert sys.version_info[:2] == (3, 11)
    for package, pinned in pins(ROOT / "requirements.txt").items():
        assert version(package) == pinned, package


def test_make_lab_serves_only_on_loopback_with_a_token():
    lab_rule = (ROOT / "Makefile").read_text().split("\nlab:", 1)[1].split("\n\n", 1)[0]
    assert "--ServerApp.ip=127.0.0.1" in lab_rule
    assert "token=''" not in lab_rule and 'token=""' not in lab_rule and "disable_check_xsrf" not in lab_rule


def test_make_lab_never_installs_a_browser():
    """`make -n lab` lists what `make lab` would run (running none of it): no browser step among them."""
    dry_run = subprocess.run(["make", "-n", "lab"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "jupyterlab" in dry_run and "chromium" not in dry_run.lower() and "apt-get" not in dry_run


def test_nothing_in_the_project_unpickles_but_the_restricted_weights_reader():
    """Only helpers/tools/torch_weights.py may unpickle, through an Unpickler whose find_class admits tensors only."""
    reader_path = ROOT / "helpers" / "tools" / "torch_weights.py"
    allowed = {reader_path, ROOT / "tests" / "unit" / "test_tools_torch_weights.py", Path(__file__).resolve()}
    sources = [*ROOT.glob("helpers/**/*.py"), *ROOT.glob("scripts/**/*.py"), *ROOT.glob("tests/**/*.py")]
    assert reader_path in sources and ROOT / "helpers" / "cache" / "download.py" in sources  # subfolders searched too
    assert not [str(p.relative_to(ROOT)) for p in sources if "pickle" in p.read_text() and p not in allowed]
    reader = reader_path.read_text()
    assert "def find_class" in reader and "pickle.load(" not in reader and "pickle.loads(" not in reader
