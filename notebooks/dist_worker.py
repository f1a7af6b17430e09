"""One process of notebook 14's training job. Every process of the job runs this same file.

MXNet reads DMLC_ROLE when it is imported: a scheduler or a server never gets past `import mxnet`
(it serves the job, then exits); a worker runs `main()`. Each worker trains the course's MLP on its
share of every global batch of MNIST and prints one line of JSON with what it measured.

    python dist_worker.py --kvstore dist_sync --batch 256 --steps 200
"""

import helpers  # noqa: F401  (first: sets the thread count before mxnet starts)

import argparse
import json
import os
import time
import traceback

import mxnet as mx
import numpy as np
from mxnet import autograd, gluon, nd

from helpers.data import load_arrays
from helpers.models import mlp
from helpers.train import evaluate


def fingerprint(net: gluon.Block) -> list[float]:
    """Sum and sum of squares of every weight (float64): equal fingerprints mean equal weights."""
    values = np.concatenate([p.data().asnumpy().ravel() for p in net.collect_params().values()]).astype("float64")
    return [float(values.sum()), float((values ** 2).sum())]


def train(kv, batch: int = 256, steps: int = 200, lr: float = 0.1, seed: int = 0, crash_at: int = -1) -> dict:
    """Train the MLP for `steps` global batches; `kv` is a distributed kvstore, or None for one process.

    Every worker walks through the same shuffled order and takes every W-th sample of each global batch,
    so W workers together see exactly the batches one process would."""
    rank, workers = (kv.rank, kv.num_workers) if kv else (0, 1)
    X, y = load_arrays("mnist", train=True)
    mx.random.seed(seed)
    net = mlp(hidden=(512, 256))
    net.initialize(mx.init.Xavier())
    net(X[:1])
    trainer = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": lr, "momentum": 0.9}, kvstore=kv)
    loss_fn = gluon.loss.SoftmaxCrossEntropyLoss()
    order = np.random.default_rng(seed).permutation(X.shape[0])
    log = {"rank": rank, "losses": [], "fingerprints": [], "compute_s": 0.0, "communicate_s": 0.0}
    for step in range(steps):
        if step == crash_at and rank == 1:
            raise RuntimeError(f"worker {rank} crashes on purpose at step {step}")
        start = step * batch % (X.shape[0] - batch)
        mine = nd.array(order[start:start + batch][rank::workers], dtype="int64")
        tic = time.perf_counter()
        with autograd.record():
            loss = loss_fn(net(X.take(mine)), y.take(mine))
        loss.backward()
        nd.waitall()
        toc = time.perf_counter()
        trainer.step(batch)  # gradients of the whole global batch are summed (by the servers), then / batch
        for p in net.collect_params().values():
            p.data().wait_to_read()  # the updated weights are back from the servers
        log["compute_s"] += toc - tic
        log["communicate_s"] += time.perf_counter() - toc
        log["losses"].append(float(loss.mean().asscalar()))
        log["fingerprints"].append(fingerprint(net))
    log["accuracy"] = evaluate(net, load_arrays("mnist", train=False))
    log["parameters"] = int(sum(p.data().size for p in net.collect_params().values()))
    return log


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kvstore", default="dist_sync", choices=["dist_sync", "dist_async"])
    parser.add_argument("--batch", type=int, default=256, help="the global batch, shared by all workers")
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--crash-at", type=int, default=-1, help="worker 1 fails at this step (a test)")
    args = parser.parse_args()
    kv = mx.kv.create(args.kvstore)
    try:
        print(json.dumps(train(kv, args.batch, args.steps, args.lr, crash_at=args.crash_at)), flush=True)
    except Exception:
        here = os.path.dirname(os.path.abspath(__file__)) + os.sep
        print(traceback.format_exc().replace(here, ""), flush=True)  # paths relative to this folder
        os._exit(1)  # at once: MXNet's clean shutdown would wait for the other workers, forever


if __name__ == "__main__":
    main()
