"""Timing MXNet code the way it needs it: warm up first, wait for the result, take the median
(notebooks 08, 09 and 13; the speed benchmark `python -m helpers.tools.bench` uses the same timers)."""

import time
from collections.abc import Callable

import mxnet as mx
import numpy as np
from mxnet import gluon, nd

from helpers.support.arguments import int_in_range
from helpers.train import fit


def each_run_seconds(call: Callable[[], object], repeats: int,
                     prepare: Callable[[], object] | None = None) -> list[float]:
    """Wall time of each of `repeats` runs of `call()` after one warm-up run; `prepare()`, when given,
    runs untimed before every run (to set up what `call` consumes)."""
    repeats = int_in_range("repeats", repeats, 1, 1_000_000)
    times = []
    for run in range(repeats + 1):                  # run 0 is the warm-up
        if prepare is not None:
            prepare()
        start = time.perf_counter()
        call()
        if run:
            times.append(time.perf_counter() - start)
    return times


def median_seconds(call: Callable[[], object], repeats: int, prepare: Callable[[], object] | None = None) -> float:
    """Median wall time of `call()` over `repeats` runs after one warm-up run (introduced in notebook 09).

    `call` must wait for its result (e.g. `lambda: net(x).wait_to_read()`): MXNet computes asynchronously.
    `prepare()`, when given, runs untimed before every run.
    """
    return float(np.median(each_run_seconds(call, repeats, prepare)))


def samples_per_second(make_net: Callable[[], gluon.Block], batch_size: int, hybridize: bool, samples: int,
                       epochs: int, ctx: mx.Context | None = None) -> float:
    """Median training samples/s of `fit` (SGD with momentum 0.9, shuffled in-memory batches of random
    28x28 images) over `epochs` timed epochs after one warm-up epoch (notebook 08 on the CPU beside a GPU)."""
    ctx = ctx or mx.cpu()
    X = nd.random.uniform(shape=(samples, 1, 28, 28), ctx=ctx)
    y = nd.array(np.random.default_rng(0).integers(0, 10, samples), ctx=ctx)
    net = make_net()
    net.initialize(mx.init.Xavier(), ctx=ctx)
    history = fit(net, (X, y), epochs=epochs + 1, lr=0.01, momentum=0.9, batch_size=batch_size, ctx=ctx,
                  hybridize=hybridize, progress=False)
    return float(np.median(history.samples_per_s[1:]))   # epoch 1 is the warm-up (memory, graph building)
