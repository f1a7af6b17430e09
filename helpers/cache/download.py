"""Getting a missing file into the cache: download it (or build it), verify it, then move it into place.

Sources are tried in order: $DL_COURSE_MIRROR_URL (a classroom's copy, files at <base>/<cache path>),
then the registry's public sources, official first (for a GluonCV zoo model: GluonCV's own download),
then the file's build script. A failed, short or corrupt download leaves nothing behind.
Used by `python -m helpers.cache fetch` and, for a file still missing, by every notebook's first load.
"""

import contextlib
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

import requests
from tqdm.auto import tqdm

from helpers.cache.registry import FILES, DataFile
from helpers.cache.store import (
    PROJECT_ROOT,
    DataUnavailableError,
    cache_path,
    data_root,
    how_to_get,
    install,
    is_valid,
    sha1_of,
    temporary_beside,
)

TIMEOUT = (10, 60)  # seconds to connect, and between two reads of a download


def download(url: str, item: DataFile) -> str:
    """Download url into the cache as item.path if it verifies; returns '' on success, else what went wrong."""
    dst = cache_path(item)
    tmp = temporary_beside(dst)
    try:
        with requests.get(url, stream=True, timeout=TIMEOUT) as answer:
            if answer.status_code != 200:
                return f"HTTP {answer.status_code} {answer.reason}"
            expected = int(answer.headers.get("Content-Length") or item.size or 0)
            with open(tmp, "wb") as f, tqdm(total=expected or None, unit="B", unit_scale=True,
                                            desc=Path(item.path).name, leave=False) as bar:
                for chunk in answer.iter_content(1 << 16):
                    f.write(chunk)
                    bar.update(len(chunk))
        got = tmp.stat().st_size
        if "Content-Length" in answer.headers and got != int(answer.headers["Content-Length"]):
            return f"cut short: {got} of {answer.headers['Content-Length']} bytes"
        if not is_valid(tmp, item):
            return f"wrong checksum (sha1 {sha1_of(tmp)}, {got} bytes): not used"
        install(tmp, dst)
        return ""
    except requests.RequestException as err:  # keep the root cause, not urllib3's wrapping
        return f"{type(err).__name__}: {str(err).split('(Caused by ')[-1][:200]}"
    finally:
        tmp.unlink(missing_ok=True)


def build(item: DataFile) -> str:
    """Make item's files with its project script, into a temporary folder; install those that verify."""
    out = temporary_beside(cache_path(item), folder=True)
    try:
        prefix = out / Path(item.path).name.rsplit("-", 1)[0]
        done = subprocess.run([sys.executable, str(PROJECT_ROOT / item.build), "--out", str(prefix)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            last_line = ((done.stderr or done.stdout).strip().splitlines() or ["no output"])[-1]
            return f"{item.build} failed ({last_line})"
        made = {other: out / Path(other.path).name for other in FILES if other.build == item.build}
        for other, path in made.items():  # one build makes several files of the registry
            if not path.is_file() or not is_valid(path, other):
                return f"{item.build} made no known version of {path.name}"
        for other, path in made.items():
            if not cache_path(other).exists():
                install(path, cache_path(other))
        return ""
    finally:
        shutil.rmtree(out, ignore_errors=True)


def zoo_download(item: DataFile) -> str:
    """GluonCV's own download of a model-zoo file (it fetches a zip and checks the sha1); '' on success."""
    from gluoncv.model_zoo import model_store

    root = cache_path(item).parent
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # GluonCV prints the full local path; its bar stays
            model_store.get_model_file(item.zoo, root=str(root))
        return ""
    except Exception as err:  # requests' errors, a bad zip, GluonCV's checksum error alike
        return f"GluonCV's download failed ({type(err).__name__}: {err})"
    finally:
        for leftover in [*root.glob(f"{item.zoo}-*.zip"), *root.glob(f"{item.zoo}-*.lock")]:
            leftover.unlink(missing_ok=True)


def attempts(item: DataFile) -> list[tuple[str, Callable[[], str]]]:
    """Where to look, in order, as (where, try it): the classroom mirror if $DL_COURSE_MIRROR_URL is set,
    the public sources (for a zoo model: GluonCV's own download), then a build. A try returns '' or a problem."""
    mirror = os.environ.get("DL_COURSE_MIRROR_URL", "").rstrip("/")
    found = [(f"{mirror}/{item.path}", partial(download, f"{mirror}/{item.path}", item))] if mirror else []
    if item.zoo:
        found.append((item.sources[0] if item.sources else "GluonCV's model zoo", partial(zoo_download, item)))
    else:
        found += [(url, partial(download, url, item)) for url in item.sources]
    if item.build:
        found.append((f"built with {item.build}", partial(build, item)))
    return found


def obtain(item: DataFile) -> str:
    """Put a missing file into the cache; returns where it came from, or raises with every attempt listed."""
    tried = []
    for where, attempt in attempts(item):
        problem = attempt()
        if not problem and cache_path(item).exists():
            return where
        tried.append(f"  {where}: {problem}")
    raise DataUnavailableError(f"Could not get {item.path}. Tried:\n" + "\n".join(tried) +
                               f"\n{how_to_get(item.path)}")


def fetch(item: DataFile) -> Path:
    """The cached file of `item`, downloaded (or built) first if it is missing."""
    if not cache_path(item).exists():
        obtain(item)
    return cache_path(item)
