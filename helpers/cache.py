"""The data cache `data/`: where each file of the course lives, and whether it is the right file.

`cached_file(path)` returns a verified file, fetching it first if it is missing (helpers.download:
$DL_COURSE_MIRROR_URL, then the public sources in helpers.registry). A file already in the cache is
never overwritten; a corrupt one is reported, never used. `python -m helpers.cache` fetches, verifies
and seeds the cache from the command line (helpers.cache_cli).
"""

import gzip
import hashlib
import os
import shutil
import tempfile
import zlib
from pathlib import Path

from helpers.registry import FILES, DataFile, entry

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"
MIRROR_ALIASES = {"fashion-mnist/": "fashion-mnist-current/"}  # folder names used by some offline copies


class DataUnavailableError(FileNotFoundError):
    """A data file is neither in the cache nor obtainable; the message says what was tried and what to do.

    Behind the scenes from notebook 02 on.
    """


class CorruptFileError(ValueError):
    """A cached file does not have the expected checksum; it is reported, never used or overwritten.

    Behind the scenes from notebook 02 on.
    """


def data_root() -> Path:
    """The cache folder: $DL_COURSE_DATA if set, else the project's data/ folder.

    Behind the scenes from notebook 02 on.
    """
    return Path(os.environ.get("DL_COURSE_DATA", PROJECT_ROOT / "data")).expanduser()


def sha1_of(path: Path, gunzip: bool = False) -> str:
    """Hex sha1 of a file (of its decompressed content with gunzip=True), read in 1 MiB chunks.

    Behind the scenes from notebook 02 on.
    """
    digest = hashlib.sha1()
    with (gzip.open if gunzip else open)(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def is_valid(path: Path, item: DataFile) -> bool:
    """True if the file is one of the accepted versions (for gzip data: or has the expected content).

    Behind the scenes from notebook 02 on.
    """
    if sha1_of(path) in item.sha1:
        return True
    try:
        return item.content_sha1 is not None and sha1_of(path, gunzip=True) == item.content_sha1
    except (OSError, EOFError, zlib.error):  # not gzip, or cut short
        return False


def shown(path: Path) -> str:
    """A path as messages print it: relative to the project when inside it (saved notebooks show no
    machine's folders), else as it is.
    Introduced in notebook 05.
    """
    path = Path(path)
    return str(path.relative_to(PROJECT_ROOT)) if path.is_relative_to(PROJECT_ROOT) else str(path)


def how_to_get(relpath: str) -> str:
    """What a learner can do about a missing file. Behind the scenes from notebook 02 on."""
    return (f"With internet, run `python -m helpers.cache fetch {relpath}`; without, copy the file to "
            f"{shown(data_root() / relpath)} (for example from a classroom's copy of data/). data/README.md lists "
            f"every file, its sources and checksum.")


def temporary_beside(dst: Path, folder: bool = False) -> Path:
    """A new temporary file (or folder) beside dst: same file system, so the final rename is atomic.

    Behind the scenes from notebook 02 on.
    """
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
    """Move a verified temporary file into place, atomically, never over an existing file.

    Behind the scenes from notebook 02 on.
    """
    os.chmod(tmp, 0o644)
    try:
        os.link(tmp, dst)  # fails if dst exists: someone else's copy wins, ours is dropped
    except FileExistsError:
        pass
    except OSError:  # a file system without hard links
        if not dst.exists():
            os.replace(tmp, dst)
    tmp.unlink(missing_ok=True)


def cached_file(relpath: str, accepted_sha1: tuple[str, ...] = ()) -> Path:
    """Path of a verified cached file, fetched first if missing; a corrupt file raises CorruptFileError.

    Introduced in notebook 08.
    """
    path = data_root() / relpath
    if not path.is_file():
        from helpers.download import fetch  # (downloading builds on this module)

        fetch(entry(relpath))
    item = entry(relpath) if not accepted_sha1 else DataFile(relpath, "", None, accepted_sha1, "")
    if not is_valid(path, item):
        raise CorruptFileError(f"{shown(path)} is corrupt or a different version (sha1 {sha1_of(path)}, expected "
                               f"{' or '.join(item.sha1)}); it was not used. Delete it and re-run to "
                               f"fetch it again. {how_to_get(relpath)}")
    return path


def seed_from_mirror(mirror: Path = SHARED_DATA) -> dict[str, str]:
    """Copy each file from a folder laid out like data/ into the cache unless it is already there.

    Returns {relpath: 'copied' | 'present' | 'not in mirror' | 'bad mirror copy'}; never overwrites.
    Run by `make lab` and `make test` before notebook 00 opens.
    """
    report = {}
    for item in FILES:
        src, dst = Path(mirror) / item.path, data_root() / item.path
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


if __name__ == "__main__":
    import sys

    from helpers.cache_cli import main

    sys.exit(main(sys.argv[1:]))
