"""Train notebook 12's conditional GAN for longer and save its generator (checkpoints/README.md).

Runs the notebook's own cells tagged "definitions" (imports, gan_step, Generator, Discriminator, ready,
train_gan), so the checkpoint has exactly the notebook's architecture and training step; the device is
chosen here (helpers.context.try_gpu), not taken from the notebook.
Usage: .venv/bin/python scripts/train_gan_checkpoint.py [--epochs 8]
"""

import argparse
import json
import time
from pathlib import Path

from helpers.context import try_gpu
from helpers.data import load_arrays
from helpers.support.arguments import int_in_range

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "12_gan.ipynb"
CHECKPOINT = ROOT / "checkpoints" / "cgan_generator.params"


def notebook_definitions() -> dict:
    """Execute the notebook's code cells tagged "definitions" and return their namespace."""
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    namespace: dict = {}
    for cell in cells:
        if cell["cell_type"] == "code" and "definitions" in cell["metadata"].get("tags", []):
            exec("".join(cell["source"]), namespace)  # noqa: S102 - the project's own notebook
    return namespace


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=8, help="passes over all 60,000 MNIST digits")
    args = parser.parse_args()
    epochs = int_in_range("--epochs", args.epochs, 1, 1000)   # 0 would save an untrained generator
    nb = notebook_definitions()
    mx, nd, ctx = nb["mx"], nb["nd"], try_gpu()
    X, y = load_arrays("mnist", train=True, ctx=ctx)
    mx.random.seed(2)
    G, D = nb["ready"](nb["Generator"](classes=10), ctx), nb["ready"](nb["Discriminator"](classes=10), ctx)
    started = time.time()
    nb["train_gan"](G, D, X * 2 - 1, y, epochs=epochs)
    nd.waitall()
    CHECKPOINT.parent.mkdir(exist_ok=True)
    G.save_parameters(str(CHECKPOINT))
    print(f"saved {CHECKPOINT.relative_to(ROOT)} ({CHECKPOINT.stat().st_size / 1024:.0f} KB) after "
          f"{epochs} epochs in {(time.time() - started) / 60:.1f} min")


if __name__ == "__main__":
    main()
