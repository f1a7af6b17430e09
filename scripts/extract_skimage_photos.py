"""Take the course's scikit-image photos (CC0 / public domain) out of scikit-image's wheel on PyPI.

    python scripts/extract_skimage_photos.py --out PREFIX [--wheel WHEEL]

The photos' first source is scikit-image's GitHub repository; this is the fallback when it can't be
reached: pip downloads one fixed wheel (nothing is installed), and each photo is checked by its sha1
before it is written into PREFIX's folder under its own name.
"""

import argparse
import tempfile
from pathlib import Path

from helpers.cache.registry import FILES
from helpers.tools.wheel_files import check_wheel, download_wheel, extract_verified

PACKAGE = "scikit-image==0.24.0"
PLATFORM = "manylinux2014_x86_64"  # the same wheel on every machine: only its data files are used
WHEEL_SHA1 = "164d12eb9e153cef6924e7e38f89390325dacdc7"


def extract(out_prefix: Path, wheel: Path | None = None) -> None:
    """Download (unless given) and verify the wheel, then write every photo the registry builds with it."""
    photos = [f for f in FILES if f.build == "scripts/extract_skimage_photos.py"]
    with tempfile.TemporaryDirectory() as tmp:
        wheel = check_wheel(wheel or download_wheel(PACKAGE, Path(tmp), PLATFORM), WHEEL_SHA1)
        for photo in photos:
            name = Path(photo.path).name
            extract_verified(wheel, f"skimage/data/{name}", photo.sha1[0], out_prefix.parent / name)
            print(f"wrote {out_prefix.parent / name}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="a path in the folder to write the photos to")
    parser.add_argument("--wheel", type=Path, help="an already downloaded wheel")
    args = parser.parse_args()
    extract(args.out, args.wheel)
