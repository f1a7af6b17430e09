"""The data cache `data/`: where files live, their checksums, and pre-seeding it offline.

`python -m helpers.cache seed` copies the files of ../shared/data (an offline mirror, see data/README.md)
into the cache; it never overwrites a file that is already there.
"""

import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"

# cache path -> (sha1, path inside the offline mirror ../shared/data)
KNOWN_FILES: dict[str, tuple[str, str]] = {
    "mnist/train-images-idx3-ubyte.gz": ("6c95f4b05d2bf285e1bfb0e7960c31bd3b3f8a7d", "mnist"),
    "mnist/train-labels-idx1-ubyte.gz": ("2a80914081dc54586dbdf242f9805a6b8d2a15fc", "mnist"),
    "mnist/t10k-images-idx3-ubyte.gz": ("c3a25af1f52dad7f726cce8cacb138654b760d48", "mnist"),
    "mnist/t10k-labels-idx1-ubyte.gz": ("763e7fa3757d93b0cdec073cef058b2004252c17", "mnist"),
    "fashion-mnist/train-images-idx3-ubyte.gz": ("f3b839f14745c4e79b8fd3c612c99de71320e861",
                                                 "fashion-mnist-current"),
    "fashion-mnist/train-labels-idx1-ubyte.gz": ("f4909103fbdc4fa0d25c24c0ef242affd5e6311d",
                                                 "fashion-mnist-current"),
    "fashion-mnist/t10k-images-idx3-ubyte.gz": ("5273a894aa97b4c0880e0d709e6afbdc770d05e3",
                                                "fashion-mnist-current"),
    "fashion-mnist/t10k-labels-idx1-ubyte.gz": ("9317cfa0b855692f9538dd9e8821f97222088aa9",
                                                "fashion-mnist-current"),
    "models/gluoncv-cifar10/cifar_resnet20_v1-symbol.json": ("66068d2c09509bc1e262bf178a6dc9561ec714f9",
                                                            "models/gluoncv-cifar10"),
    "models/gluoncv-cifar10/cifar_resnet20_v1-0000.params": ("81eb7735dbaba1a5ecfe71686f7f3ae3f260ffc1",
                                                            "models/gluoncv-cifar10"),
    "models/gluoncv-cifar10/cifar_resnet20_v2-symbol.json": ("4e7b0561c28fd672489cb4ffbde4630f41b6af58",
                                                            "models/gluoncv-cifar10"),
    "models/gluoncv-cifar10/cifar_resnet20_v2-0000.params": ("823c4fa048af4c5cf3410352f7b9ca86b199533e",
                                                            "models/gluoncv-cifar10"),
    "models/gluoncv-cifar10/cifar_resnet56_v1-symbol.json": ("f371b56d47ac0e7519b5e770f743a38d24699178",
                                                            "models/gluoncv-cifar10"),
    "models/gluoncv-cifar10/cifar_resnet56_v1-0000.params": ("716b115975489d3331ba98a8997bcebc280bb12b",
                                                            "models/gluoncv-cifar10"),
    "models/gluoncv-cifar10/cifar_resnet56_v2-symbol.json": ("33f1f65cef5c4dfc6f66e5a48f27e7094319a3cf",
                                                            "models/gluoncv-cifar10"),
    "models/gluoncv-cifar10/cifar_resnet56_v2-0000.params": ("81cb5161db020bdab26c5f9b0e7101f9df952da6",
                                                            "models/gluoncv-cifar10"),
    "models/efficientnet-lite0/efficientnet_lite0-symbol.json": ("5e4a69858b89ff45d5cceb3175bca28fc7ce101e",
                                                                "models/efficientnet-lite0"),
    "models/efficientnet-lite0/efficientnet_lite0-0000.params": ("531cf9e03d084d56846cfcb64ce851bb086bee8a",
                                                                "models/efficientnet-lite0"),
    "images/dog.jpg": ("5120e1125cd7ba2684284fc0e547a7c38dcfc473", "images"),
    "images/street_small.jpg": ("eae01f0c6c73f12ee30e5605e39a6d197c315381", "images"),
    "images/mt_baker.jpg": ("983e423ba6f578fb9c38b8b102ce2b349eb3a9a8", "images"),
    "images/plane-draw.jpeg": ("7063b549668982441d440665ee17f47049250d9c", "images"),
    "images/chelsea.png": ("df9eb3dbf4887aa5f75fdcbae5facea0522ca15f", "images"),
    "text/timemachine.txt": ("090b5e7e70c295757f55df93cb0a180b9691891a", "text"),
}


class DataUnavailableError(FileNotFoundError):
    """A data file is neither in the cache nor downloadable; the message says how to get it."""


class CorruptFileError(ValueError):
    """A cached file does not have the expected checksum; it is reported, never used."""


def data_root() -> Path:
    """The cache folder: $DL_COURSE_DATA if set, else the project's data/ folder."""
    return Path(os.environ.get("DL_COURSE_DATA", PROJECT_ROOT / "data")).expanduser()


def sha1_of(path: Path) -> str:
    """Hex sha1 of a file, read in 1 MiB chunks."""
    digest = hashlib.sha1()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def how_to_get(relpath: str) -> str:
    """Instructions for a learner whose cache lacks `relpath`."""
    mirror = KNOWN_FILES[relpath][1] if relpath in KNOWN_FILES else "..."
    return (f"Put the file at {data_root() / relpath}: connect to the internet and re-run, "
            f"or copy it from an offline mirror (../shared/data/{mirror}/) with "
            f"`python -m helpers.cache seed`. data/README.md lists sources and checksums.")


def cached_file(relpath: str, accepted_sha1: tuple[str, ...] = ()) -> Path:
    """Path of a verified cached file; raises DataUnavailableError or CorruptFileError otherwise."""
    path = data_root() / relpath
    if not path.is_file():
        raise DataUnavailableError(f"Missing data file {relpath}. {how_to_get(relpath)}")
    accepted = accepted_sha1 or (KNOWN_FILES[relpath][0],)
    actual = sha1_of(path)
    if actual not in accepted:
        raise CorruptFileError(f"{path} is corrupt or a different version (sha1 {actual}, expected "
                               f"{' or '.join(accepted)}); it was not used. Delete it and re-run to "
                               f"fetch it again. {how_to_get(relpath)}")
    return path


def _copy_atomically(src: Path, dst: Path) -> None:
    """Copy src to dst through a temporary file, so an interrupted copy never leaves half a file."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dst.parent, prefix=f".{dst.name}.")
    os.close(fd)
    try:
        shutil.copyfile(src, tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, dst)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def seed_from_mirror(mirror: Path = SHARED_DATA) -> dict[str, str]:
    """Copy each known file from the offline mirror into the cache unless it is already there.

    Returns {relpath: 'copied' | 'present' | 'not in mirror' | 'bad mirror copy'}; never overwrites.
    """
    report = {}
    for relpath, (sha1, folder) in KNOWN_FILES.items():
        src, dst = Path(mirror) / folder / Path(relpath).name, data_root() / relpath
        if dst.exists():
            report[relpath] = "present"
        elif not src.is_file():
            report[relpath] = "not in mirror"
        elif sha1_of(src) != sha1:
            report[relpath] = "bad mirror copy"
        else:
            _copy_atomically(src, dst)
            report[relpath] = "copied"
    return report


def main(argv: list[str]) -> int:
    """`python -m helpers.cache seed [MIRROR]`: pre-seed the cache from an offline mirror."""
    if not argv or argv[0] != "seed":
        print("usage: python -m helpers.cache seed [MIRROR_FOLDER]", file=sys.stderr)
        return 2
    mirror = Path(argv[1]) if len(argv) > 1 else SHARED_DATA
    if not mirror.is_dir():
        print(f"No offline mirror at {mirror}: the notebooks will download data on first use.")
        return 0
    report = seed_from_mirror(mirror)
    counts = {state: sum(v == state for v in report.values()) for state in sorted(set(report.values()))}
    print(f"Data cache {data_root()}: " + ", ".join(f"{n} {state}" for state, n in counts.items()))
    for relpath, state in report.items():
        if state == "bad mirror copy":
            print(f"warning: {mirror}/{relpath} has the wrong checksum and was not copied", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
