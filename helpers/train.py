"""The training loop every notebook after 04 uses (notebook 04 writes it out by hand first).

Fast by design on a small CPU: the data set stays in memory on the training device, batches are
taken by shuffled index, the network and its loss run as one hybridized graph with static memory,
SGD updates one weight at a time (helpers/fast_step.py says why), and the loss/accuracy are
read back from the device only every `log_every` batches (each read forces a sync).
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import mxnet as mx
import numpy as np
from mxnet import autograd, gluon, nd

from helpers.checks import int_in_range, number_in_interval, positive_number
from helpers.data import batches
from helpers.fast_step import LossAndCorrect, PerTensorSGD, loss_and_correct
from helpers.progress import ProgressLine

Data = tuple[nd.NDArray, nd.NDArray]


@dataclass
class History:
    """What happened in each epoch of `fit` (lists indexed by epoch). Introduced in notebook 04."""

    train_loss: list[float] = field(default_factory=list)
    train_acc: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_acc: list[float] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    samples_per_s: list[float] = field(default_factory=list)
    stopped: bool = False          # True when `stop()` ended training early (the lists hold whole epochs only)


def evaluate(net: gluon.Block, data: Data, batch_size: int = 1000) -> tuple[float, float]:
    """Mean cross-entropy loss and accuracy of `net` on (X, y), in batches, without autograd.

    Introduced in notebook 04.
    """
    X, y = data
    loss_fn = gluon.loss.SoftmaxCrossEntropyLoss()
    ctx = next(iter(net.collect_params().values())).list_ctx()[0]
    total_loss, correct = nd.zeros(1, ctx=ctx), nd.zeros(1, ctx=ctx)
    for start in range(0, X.shape[0], batch_size):
        xb = X[start:start + batch_size].as_in_context(ctx)
        yb = y[start:start + batch_size].as_in_context(ctx)
        batch_loss, batch_correct = loss_and_correct(net, loss_fn, xb, yb)
        total_loss += batch_loss
        correct += batch_correct
    n = X.shape[0]
    return total_loss.asscalar() / n, correct.asscalar() / n


def fit(net: gluon.Block, train: Data, val: Data | None = None, *, epochs: int = 5, lr: float = 0.1,
        batch_size: int = 128, optimizer: str = "sgd", momentum: float = 0.0, optimizer_params: dict | None = None,
        ctx: mx.Context | None = None, seed: int = 0, hybridize: bool = True, log_every: int = 50,
        progress: bool | Callable[[str], None] = True, on_epoch: Callable[[int, History], None] | None = None,
        stop: Callable[[], bool] | None = None) -> History:
    """Train `net` with mini-batch gradient descent on (X, y) and return the per-epoch History.

    Notebook 04 writes this loop by hand first. `momentum` applies to "sgd" (notebook 07 explains it);
    other optimizer settings go in `optimizer_params`. The last incomplete batch of each epoch is dropped.
    `progress` may be a function that receives the progress text; `stop()` is asked before every step and
    ends training early when it returns True (notebook 04's playground: a new setting stops the old run).
    """
    X, y = train
    n = X.shape[0]
    lr = positive_number("learning rate", lr)
    epochs = int_in_range("epochs", epochs, 1, 10_000)
    batch_size = int_in_range("batch size", batch_size, 1, n)
    momentum = number_in_interval("momentum", momentum, 0, 1)
    if momentum and optimizer not in ("sgd", "nag"):
        raise ValueError(f"momentum is a setting of 'sgd' and 'nag', not of {optimizer!r}")
    settings = {"learning_rate": lr, **({"momentum": momentum} if momentum else {}), **(optimizer_params or {})}
    ctx = ctx or mx.cpu()
    X, y = X.as_in_context(ctx), y.as_in_context(ctx)
    loss_fn = gluon.loss.SoftmaxCrossEntropyLoss()
    step_graph = LossAndCorrect(net, loss_fn) if isinstance(net, gluon.HybridBlock) else None
    if hybridize and step_graph is not None:
        step_graph.hybridize(static_alloc=True, static_shape=True)       # hybridizes `net` too
    if optimizer == "sgd":
        trainer = gluon.Trainer(net.collect_params(), PerTensorSGD(**settings))
    else:
        trainer = gluon.Trainer(net.collect_params(), optimizer, settings)
    rng, steps, history = np.random.default_rng(seed), n // batch_size, History()
    line = ProgressLine(progress)

    for epoch in range(epochs):
        total_loss, correct = nd.zeros(1, ctx=ctx), nd.zeros(1, ctx=ctx)
        start = time.perf_counter()
        for step, (xb, yb) in enumerate(batches(X, y, batch_size=batch_size, rng=rng)):
            if stop is not None and stop():
                history.stopped = True
                line.show(f"stopped in epoch {epoch + 1}/{epochs} after {step} batches", final=True)
                return history
            with autograd.record():
                loss, right = step_graph(xb, yb) if step_graph else loss_and_correct(net, loss_fn, xb, yb)
            loss.backward()
            trainer.step(batch_size)
            total_loss += loss
            correct += right
            if (step + 1) % log_every == 0 or step + 1 == steps:  # one sync every log_every batches
                seen = (step + 1) * batch_size
                line.show(f"epoch {epoch + 1}/{epochs}: {step + 1}/{steps} batches, "
                          f"loss {total_loss.asscalar() / seen:.3f}, accuracy {correct.asscalar() / seen:.3f}")
        seen = steps * batch_size
        history.train_loss.append(total_loss.asscalar() / seen)
        history.train_acc.append(correct.asscalar() / seen)
        history.seconds.append(time.perf_counter() - start)
        history.samples_per_s.append(seen / history.seconds[-1])
        if val is not None:
            val_loss, val_acc = evaluate(net, val)
            history.val_loss.append(val_loss)
            history.val_acc.append(val_acc)
        if not np.isfinite(history.train_loss[-1]):
            print(f"Training diverged in epoch {epoch + 1} (loss is {history.train_loss[-1]}): "
                  "try a smaller learning rate.")
        if on_epoch is not None:
            on_epoch(epoch, history)
    line.show(f"trained {epochs} epoch{'s' * (epochs > 1)} of {steps} batches in {sum(history.seconds):.1f} s: "
              f"training loss {history.train_loss[-1]:.3f}, accuracy {history.train_acc[-1]:.3f}", final=True)
    return history
