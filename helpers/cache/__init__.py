"""The data cache `data/`: every file the notebooks read, fetched from its public sources and verified.

    registry  every file: its place in the cache, checksum, license and sources (official first)
    store     verified files in the cache folder (checksums, atomic installs, seeding from a copy)
    download  getting a missing file: the classroom mirror, the public sources, or a build script
    cli       `python -m helpers.cache fetch | verify | seed | readme`

`cached_file(path)` is what the rest of the course calls: a verified file, fetched first if missing.
"""

from pathlib import Path

from helpers.cache.download import fetch
from helpers.cache.registry import DataFile, entry
from helpers.cache.store import (
    PROJECT_ROOT,
    SHARED_DATA,
    CorruptFileError,
    DataUnavailableError,
    cache_path,
    data_root,
    how_to_get,
    is_valid,
    seed_from_mirror,
    sha1_of,
    shown,
)

__all__ = ["PROJECT_ROOT", "SHARED_DATA", "CorruptFileError", "DataUnavailableError", "cache_path", "cached_file",
           "data_root", "how_to_get", "is_valid", "seed_from_mirror", "sha1_of", "shown"]


def cached_file(relpath: str, accepted_sha1: tuple[str, ...] = ()) -> Path:
    """Path of a verified cached file, fetched first if missing; a corrupt file raises CorruptFileError.

    Introduced in notebook 08.
    """
    path = cache_path(relpath)
    if not path.is_file():
        fetch(entry(relpath))
    item = entry(relpath) if not accepted_sha1 else DataFile(relpath, "", None, accepted_sha1, "")
    if not is_valid(path, item):
        raise CorruptFileError(f"{shown(path)} is corrupt or a different version (sha1 {sha1_of(path)}, expected "
                               f"{' or '.join(item.sha1)}); it was not used. Delete it and re-run to "
                               f"fetch it again. {how_to_get(relpath)}")
    return path
