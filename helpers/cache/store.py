"""Verified files in the cache folder: where each file of the course lives, and whether it is the right file.

A file is only ever put in place whole and checked (written beside its destination, then linked or
renamed); one already in the cache is never overwritten; a corrupt one is reported, never used.
"""

import gzip
import hashlib
import os
import shutil
import tempfile
import zlib
from pathlib import Path

from helpers.cache.registry import FILES, DataFile

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"
MIRROR_ALIASES = {"fashion-mnist/": "fashion-mnist-current/"}  # folder names used by some offline copies


class DataUnavailableError(FileNotFoundError):
    """A data file is neither in the cache nor obtainable; the message says what was tried and what to do."""


class CorruptFileError(ValueError):
    """A cached file does not have the expected checksum; it is reported, never used or overwritten."""


def data_root() -> Path:
    """The cache folder: $DL_COURSE_DATA if set, else the project's data/ folder."""
    return Path(os.environ.get("DL_COURSE_DATA", PROJECT_ROOT / "data")).expanduser()


def cache_path(item: DataFile | str) -> Path:
    """Where a registry entry (or a cache-relative path such as 'mnist/...') lives in the cache."""
    return data_root() / (item if isinstance(item, str) else item.path)


def sha1_of(path: Path, gunzip: bool = False) -> str:
    """Hex sha1 of a file (of its decompressed content with gunzip=True), read in 1 MiB chunks."""
    digest = hashlib.sha1()
    with (gzip.open if gunzip else open)(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def is_valid(path: Path, item: DataFile) -> bool:
    """True if the file is one of the accepted versions (for gzip data: or has the expected content)."""
    if sha1_of(path) in item.sha1:
        return True
    try:
        return item.content_sha1 is not None and sha1_of(path, gunzip=True) == item.content_sha1
    except (OSError, EOFError, zlib.error):  # not gzip, or cut short
        return False


def shown(path: Path) -> str:
    """A path as messages print it: relative to the project when inside it (saved notebooks show no
    machine's folders), else as it is."""
    path = Path(path)
    return str(path.relative_to(PROJECT_ROOT)) if path.is_relative_to(PROJECT_ROOT) else str(path)


def how_to_get(relpath: str) -> str:
    """What a learner can do about a missing file."""
    return (f"With internet, run `python -m helpers.cache fetch {relpath}`; without, copy the file to "
            f"{shown(cache_path(relpath))} (for example from a classroom's copy of data/). data/README.md lists "
            f"every file, its sources and checksum.")


def temporary_beside(dst: Path, folder: bool = False) -> Path:
    """A new temporary file (or folder) beside dst: same file system, so the final rename is atomic."""
    try:
        dst.parent.mkdir(parents=True, exist_ok=True)
        if folder:
            return Path(tempfile.mkdtemp(dir=dst.parent, prefix=f".{dst.name}.build."))
        fd, tmp = tempfile.mkstemp(dir=dst.parent, prefix=f".{dst.name}.", suffix=".part")
    except OSError as err:
        raise DataUnavailableError(f"Cannot write to the cache folder {shown(dst.parent)} ({err.strerror}). Make it "
                                   f"writable, or set DL_COURSE_DATA to a folder you can write to.") from err
    os.close(fd)
    return Path(tmp)


def install(tmp: Path, dst: Path) -> None:
    """Move a verified temporary file into place, atomically, never over an existing file."""
    os.chmod(tmp, 0o644)
    try:
        os.link(tmp, dst)  # fails if dst exists: someone else's copy wins, ours is dropped
    except FileExistsError:
        pass
    except OSError:  # a file system without hard links
        if not dst.exists():
            os.replace(tmp, dst)
    tmp.unlink(missing_ok=True)


def seed_from_mirror(mirror: Path = SHARED_DATA) -> dict[str, str]:
    """Copy each file from a folder laid out like data/ into the cache unless it is already there.

    Returns {relpath: 'copied' | 'present' | 'not in mirror' | 'bad mirror copy'}; never overwrites.
    Run by `make lab` and `make test` (`python -m helpers.cache seed`) before the notebooks open.
    """
    report = {}
    for item in FILES:
        src, dst = Path(mirror) / item.path, cache_path(item)
        for folder, alias in MIRROR_ALIASES.items():
            if not src.is_file() and item.path.startswith(folder):
                src = Path(mirror) / item.path.replace(folder, alias, 1)
        if dst.exists():
            report[item.path] = "present"
        elif not src.is_file():
            report[item.path] = "not in mirror"
        elif not is_valid(src, item):
            report[item.path] = "bad mirror copy"
        else:
            tmp = temporary_beside(dst)
            shutil.copyfile(src, tmp)
            install(tmp, dst)
            report[item.path] = "copied"
    return report
