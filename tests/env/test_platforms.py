"""The pinned requirements install, as binary wheels, on every platform the README claims.

For Linux x86-64, Linux aarch64 and macOS x86-64 with Python 3.11, pip resolves requirements.txt
(every dependency too) with `--only-binary=:all:` and `--dry-run`: it reads the package index and
installs nothing. Needs the package registry (marked `network`): skipped without it outside CI.
"""

import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GLIBC = range(17, 36)  # manylinux_2_17 (CentOS 7) up to 2_35 (Ubuntu 22.04); Debian 12 has 2.36
PLATFORMS = {
    "Linux x86-64": [f"manylinux_2_{v}_x86_64" for v in GLIBC] + ["manylinux2014_x86_64", "manylinux1_x86_64",
                                                                 "manylinux2010_x86_64"],
    "Linux aarch64": [f"manylinux_2_{v}_aarch64" for v in GLIBC] + ["manylinux2014_aarch64"],
    "macOS x86-64": ["macosx_13_0_x86_64"],  # opencv-python 4.11 needs macOS 13; pip adds older tags, universal2
}
UNREACHABLE = re.compile(r"NewConnectionError|Failed to establish|Temporary failure in name resolution|"
                         r"Network is unreachable|No route to host|ProxyError")


def resolve(platform_tags: list[str], target: Path) -> subprocess.CompletedProcess:
    """pip's resolution of requirements.txt for those platform tags and Python 3.11, binary wheels only."""
    tags = [arg for tag in platform_tags for arg in ("--platform", tag)]
    return subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed",
                           "--only-binary=:all:", "--python-version", "3.11", "--implementation", "cp", *tags,
                           "--target", str(target), "--report", str(target / "report.json"), "--quiet",
                           "--disable-pip-version-check", "-r", str(ROOT / "requirements.txt")],
                          capture_output=True, text=True, timeout=600)


def missing_package(stderr: str) -> str:
    """The package pip could not find a wheel for, from its error message."""
    found = re.search(r"(?:No matching distribution found for|satisfies the requirement) ([A-Za-z0-9_.\-]+)", stderr)
    return found.group(1) if found else "?"


@pytest.mark.network
@pytest.mark.slow
def test_every_pin_has_a_wheel_on_every_claimed_platform(tmp_path):
    folders = {name: tmp_path / re.sub(r"\W", "_", name) for name in PLATFORMS}
    for folder in folders.values():
        folder.mkdir()
    with ThreadPoolExecutor(len(PLATFORMS)) as pool:  # waiting on the network: run them side by side
        runs = dict(zip(PLATFORMS, pool.map(resolve, PLATFORMS.values(), folders.values()), strict=True))
    if any(UNREACHABLE.search(run.stderr) for run in runs.values()) and os.environ.get("CI") != "true":
        pytest.skip("the package registry is unreachable")
    problems = [f"{name}: no wheel for {missing_package(run.stderr)} ({run.stderr.strip().splitlines()[-1]})"
                for name, run in runs.items() if run.returncode != 0]
    assert not problems, "\n".join(problems)
    pins = [line.split("==")[0].lower() for line in (ROOT / "requirements.txt").read_text().splitlines()
            if "==" in line and not line.startswith("#")]
    for name, folder in folders.items():
        report = json.loads((folder / "report.json").read_text())["install"]
        resolved = {item["metadata"]["name"].lower(): item["download_info"]["url"] for item in report}
        assert set(pins) <= set(resolved), f"{name}: {set(pins) - set(resolved)} not resolved"
        assert all(url.endswith(".whl") for url in resolved.values()), name


def test_an_unknown_wheel_is_named_in_the_failure():
    assert missing_package("ERROR: No matching distribution found for mxnet==1.9.1") == "mxnet"
    assert missing_package("Could not find a version that satisfies the requirement numpy==1.23.5 (from") == "numpy"


@pytest.mark.network
@pytest.mark.slow
@pytest.mark.parametrize("platform_tag", ["win_amd64", "macosx_14_0_arm64"])
def test_native_windows_and_apple_silicon_have_no_mxnet_wheel(tmp_path, platform_tag):
    """What the README says does not work, and the error it quotes, stay true."""
    run = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--platform",
                          platform_tag, "--python-version", "3.11", "--implementation", "cp", "-d", str(tmp_path),
                          "--disable-pip-version-check", "mxnet==1.9.1"], capture_output=True, text=True, timeout=300)
    if UNREACHABLE.search(run.stderr) and os.environ.get("CI") != "true":
        pytest.skip("the package registry is unreachable")
    assert run.returncode != 0 and "No matching distribution found for mxnet==1.9.1" in run.stderr
