"""The training loop every notebook after 04 uses (notebook 04 writes it out by hand first).

`fit` is notebook 04's loop: shuffled mini-batches, a step (forward, loss, backward, update), the
epoch's loss and accuracy, then validation. What makes it fast on a small CPU sits behind one seam,
`TrainingStep` (helpers/support/fast_step.py); the data stays in memory on the training device, and
the loss/accuracy are read back only every `log_every` batches (each read waits for the device).
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import mxnet as mx
import numpy as np
from mxnet import gluon, nd

from helpers.context import device_of
from helpers.data import batches
from helpers.support.arguments import int_in_range, number_in_interval, positive_number
from helpers.support.fast_step import TrainingStep, loss_and_correct
from helpers.support.status_line import StatusLine

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


def fit(net: gluon.Block, train: Data, val: Data | None = None, *, epochs: int = 5, lr: float = 0.1,
        batch_size: int = 128, optimizer: str = "sgd", momentum: float = 0.0, optimizer_params: dict | None = None,
        ctx: mx.Context | None = None, seed: int = 0, hybridize: bool = True, log_every: int = 50,
        progress: bool | Callable[[str], None] = True, on_epoch: Callable[[int, History], None] | None = None,
        stop: Callable[[], bool] | None = None) -> History:
    """Train `net` with mini-batch gradient descent on (X, y) and return the per-epoch History.

    Notebook 04 writes this loop by hand first; `momentum` is explained in notebook 07. The last
    incomplete batch of each epoch is dropped. `progress` may be a function that receives the progress
    text; `stop()` is asked before every step and ends training early when it returns True.
    """
    ctx = ctx or device_of(net)
    X, y = train[0].as_in_context(ctx), train[1].as_in_context(ctx)
    settings = _checked_settings(X.shape[0], epochs, lr, batch_size, optimizer, momentum, optimizer_params)
    step = TrainingStep(net, optimizer, settings, hybridize)       # forward, loss, backward, update
    rng, history = np.random.default_rng(seed), History()
    steps, line = X.shape[0] // batch_size, StatusLine(progress)

    for epoch in range(epochs):
        start = time.perf_counter()
        total_loss, correct = nd.zeros(1, ctx=ctx), nd.zeros(1, ctx=ctx)
        for i, (xb, yb) in enumerate(batches(X, y, batch_size=batch_size, rng=rng)):
            if stop is not None and stop():
                history.stopped = True
                line.show(f"stopped in epoch {epoch + 1}/{epochs} after {i} batches", final=True)
                return history
            loss, right = step(xb, yb)
            total_loss += loss
            correct += right
            if (i + 1) % log_every == 0 or i + 1 == steps:      # one sync every log_every batches
                seen = (i + 1) * batch_size
                line.show(f"epoch {epoch + 1}/{epochs}: {i + 1}/{steps} batches, "
                          f"loss {total_loss.asscalar() / seen:.3f}, accuracy {correct.asscalar() / seen:.3f}")
        _record_epoch(history, net, total_loss, correct, steps * batch_size, time.perf_counter() - start, val)
        if on_epoch is not None:
            on_epoch(epoch, history)
    line.show(f"trained {epochs} epoch{'s' * (epochs > 1)} of {steps} batches in {sum(history.seconds):.1f} s: "
              f"training loss {history.train_loss[-1]:.3f}, accuracy {history.train_acc[-1]:.3f}", final=True)
    return history


def _checked_settings(n: int, epochs: int, lr: float, batch_size: int, optimizer: str, momentum: float,
                      optimizer_params: dict | None) -> dict:
    """fit's arguments checked (a clear error for a negative rate or a batch of 0), as optimizer settings."""
    lr = positive_number("learning rate", lr)
    int_in_range("epochs", epochs, 1, 10_000)
    int_in_range("batch size", batch_size, 1, n)
    momentum = number_in_interval("momentum", momentum, 0, 1)
    if momentum and optimizer not in ("sgd", "nag"):
        raise ValueError(f"momentum is a setting of 'sgd' and 'nag', not of {optimizer!r}")
    return {"learning_rate": lr, **({"momentum": momentum} if momentum else {}), **(optimizer_params or {})}


def _record_epoch(history: History, net: gluon.Block, total_loss: nd.NDArray, correct: nd.NDArray, seen: int,
                  seconds: float, val: Data | None) -> None:
    """Append one epoch's training loss, accuracy, time and (with `val`) validation figures to `history`."""
    history.train_loss.append(total_loss.asscalar() / seen)
    history.train_acc.append(correct.asscalar() / seen)
    history.seconds.append(seconds)
    history.samples_per_s.append(seen / seconds)
    if val is not None:
        val_loss, val_acc = evaluate(net, val)
        history.val_loss.append(val_loss)
        history.val_acc.append(val_acc)
    if not np.isfinite(history.train_loss[-1]):
        print(f"Training diverged in epoch {len(history.train_loss)} (loss is {history.train_loss[-1]}): "
              "try a smaller learning rate.")


def evaluate(net: gluon.Block, data: Data, batch_size: int = 1000) -> tuple[float, float]:
    """Mean cross-entropy loss and accuracy of `net` on (X, y), in batches, without autograd.

    Introduced in notebook 04.
    """
    X, y = data
    loss_fn, ctx = gluon.loss.SoftmaxCrossEntropyLoss(), device_of(net)
    total_loss, correct = nd.zeros(1, ctx=ctx), nd.zeros(1, ctx=ctx)
    for start in range(0, X.shape[0], batch_size):
        batch_loss, batch_correct = loss_and_correct(net, loss_fn, X[start:start + batch_size].as_in_context(ctx),
                                                     y[start:start + batch_size].as_in_context(ctx))
        total_loss += batch_loss
        correct += batch_correct
    return total_loss.asscalar() / X.shape[0], correct.asscalar() / X.shape[0]
