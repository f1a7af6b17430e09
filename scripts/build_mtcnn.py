"""Build MTCNN's three Gluon weight files from the PyPI package facenet-pytorch (MIT license).

    python scripts/build_mtcnn.py --out PREFIX [--wheel WHEEL]

Downloads the wheel with pip (no install, no dependencies: it would want PyTorch), checks its sha1 and
that of pnet.pt, rnet.pt and onet.pt inside, reads them without PyTorch (helpers.tools.torch_weights), fills
the networks of helpers.faces.networks and saves PREFIX-pnet.params, PREFIX-rnet.params and PREFIX-onet.params.
helpers.cache runs it when the files are in no cache or mirror.
"""

import argparse
import tempfile
from pathlib import Path

from helpers.cache.registry import MTCNN_PT_SHA1, MTCNN_WHEEL_SHA1
from helpers.tools.mtcnn_weights import from_torch_state
from helpers.tools.torch_weights import load_state_dict
from helpers.tools.wheel_files import check_wheel, download_wheel, extract_verified

PACKAGE = "facenet-pytorch==2.6.0"


def build(out_prefix: Path, wheel: Path | None = None) -> None:
    """Download (unless given), verify, convert and save the three networks."""
    with tempfile.TemporaryDirectory() as tmp:
        wheel = check_wheel(wheel or download_wheel(PACKAGE, Path(tmp)), MTCNN_WHEEL_SHA1)
        for name, sha1 in MTCNN_PT_SHA1.items():
            pt = extract_verified(wheel, f"facenet_pytorch/data/{name}.pt", sha1, Path(tmp) / f"{name}.pt")
            net = from_torch_state(name, load_state_dict(pt))
            out_prefix.parent.mkdir(parents=True, exist_ok=True)
            net.save_parameters(f"{out_prefix}-{name}.params")
            print(f"wrote {out_prefix}-{name}.params")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="prefix of the three files to write")
    parser.add_argument("--wheel", type=Path, help="an already downloaded wheel")
    args = parser.parse_args()
    build(args.out, args.wheel)
