"""Train the course's MLP (or LeNet) with MXNet's helpers.train.fit and PyTorch eager in one process.

PyTorch is not a dependency of the course: run this with the Python of a scratch environment, e.g.
    python3.11 -m venv /tmp/torch-env
    /tmp/torch-env/bin/pip install torch==2.13.0+cpu mxnet==1.9.1 numpy==1.23.5 ipython
    /tmp/torch-env/bin/python scripts/compare_with_pytorch.py
Both do the same work: MLP 784-512-256-10 (or LeNet 16/32, `--network lenet`), SGD with momentum 0.9,
shuffled batches of in-memory data, the summed loss and the right answers counted every step, the same
number of threads. The epochs alternate (MXNet, PyTorch, MXNet, ...) so that a noisy neighbour slows
both: each PyTorch epoch is compared with the mean of the MXNet epochs around it, and the ratio printed
is the median of those.
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import helpers  # noqa: E402,F401  (first: sets OMP_NUM_THREADS for both frameworks)
from helpers import models  # noqa: E402

import mxnet as mx  # noqa: E402
import numpy as np  # noqa: E402
from mxnet import nd  # noqa: E402

from helpers.support.machine import cpu_description  # noqa: E402
from helpers.train import fit  # noqa: E402

try:
    import torch
    from torch import nn
except ImportError:
    sys.exit("PyTorch is not installed in this Python: see the recipe at the top of " + __file__)


def torch_network(network: str) -> "nn.Module":
    """helpers.models.mlp() or helpers.models.lenet(), layer for layer, in PyTorch."""
    if network == "mlp":
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(),
                             nn.Linear(256, 10))
    return nn.Sequential(nn.Conv2d(1, 16, 5), nn.ReLU(), nn.MaxPool2d(2, 2), nn.Conv2d(16, 32, 5), nn.ReLU(),
                         nn.MaxPool2d(2, 2), nn.Flatten(), nn.Linear(512, 500), nn.ReLU(), nn.Linear(500, 10))


class TorchTraining:
    """The same network, optimizer and loop in PyTorch eager; `epoch()` trains one epoch, returns samples/s."""

    def __init__(self, network: str, X: np.ndarray, y: np.ndarray, batch_size: int):
        torch.manual_seed(0)
        self.X, self.y, self.batch_size = torch.from_numpy(X), torch.from_numpy(y).long(), batch_size
        self.net = torch_network(network)
        self.optimizer = torch.optim.SGD(self.net.parameters(), lr=0.01, momentum=0.9)
        self.loss_fn = nn.CrossEntropyLoss()

    def epoch(self) -> float:
        n, b = len(self.X), self.batch_size
        total, correct, order = torch.zeros(()), torch.zeros((), dtype=torch.long), torch.randperm(n)
        start = time.perf_counter()
        for first in range(0, n - b + 1, b):
            idx = order[first:first + b]
            xb, yb = self.X[idx], self.y[idx]
            self.optimizer.zero_grad()
            out = self.net(xb)
            loss = self.loss_fn(out, yb)
            loss.backward()
            self.optimizer.step()
            total += loss.detach()
            correct += (out.argmax(dim=1) == yb).sum()
        float(total), int(correct)
        return n // b * b / (time.perf_counter() - start)


def compare(network: str, batch_size: int, samples: int, epochs: int) -> tuple[list[float], list[float]]:
    """Samples/s of each MXNet epoch and of each PyTorch epoch run between them (warm-up epochs dropped)."""
    rng = np.random.default_rng(0)
    X = rng.random((samples, 1, 28, 28), dtype=np.float32)
    y = rng.integers(0, 10, samples).astype(np.float32)
    torch_training = TorchTraining(network, X, y, batch_size)
    torch_rates: list[float] = []
    net = getattr(models, network)()
    net.initialize(mx.init.Xavier())
    history = fit(net, (nd.array(X), nd.array(y)), epochs=epochs + 1, lr=0.01, momentum=0.9, batch_size=batch_size,
                  progress=False, on_epoch=lambda epoch, history: torch_rates.append(torch_training.epoch()))
    return history.samples_per_s[1:], torch_rates[1:]


def main(argv: list[str] | None = None) -> int:
    """Compare at each batch size and print the medians and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--network", choices=["mlp", "lenet"], default="mlp")
    parser.add_argument("--batch", type=int, nargs="+", default=[128, 256])
    parser.add_argument("--samples", type=int, help="samples per epoch (default: 25,600 for the MLP, 6,400 for LeNet)")
    parser.add_argument("--epochs", type=int, default=16, help="timed epochs of each, after one warm-up epoch")
    args = parser.parse_args(argv)
    samples = args.samples or (25_600 if args.network == "mlp" else 6_400)
    print(f"CPU: {cpu_description()}; threads: MXNet OMP_NUM_THREADS={os.environ['OMP_NUM_THREADS']}, "
          f"PyTorch {torch.get_num_threads()}; MXNet {mx.__version__}, PyTorch {torch.__version__}")
    print(f"{args.network}, {samples:,} samples per epoch, {args.epochs} epochs of each")
    print(f"{'batch':>5s} {'MXNet samples/s':>16s} {'PyTorch samples/s':>18s} {'MXNet/PyTorch':>14s} "
          f"{'(middle half of the epochs)':>28s}")
    for batch_size in args.batch:
        mxnet_rates, torch_rates = compare(args.network, batch_size, samples, args.epochs)
        # PyTorch epoch i ran between MXNet epochs i and i+1
        ratios = [(a + b) / 2 / t for a, b, t in zip(mxnet_rates, mxnet_rates[1:], torch_rates, strict=False)]
        low, high = np.percentile(ratios, [25, 75])
        print(f"{batch_size:5d} {np.median(mxnet_rates):16,.0f} {np.median(torch_rates):18,.0f} "
              f"{np.median(ratios):14.2f} {f'{low:.2f}-{high:.2f}':>28s}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
