"""The shared training loop learns, reports per epoch, and rejects impossible settings."""

from helpers import models, train

import mxnet as mx
import numpy as np
import pytest
from mxnet import nd


def blobs(n=600, seed=0):
    """Two well separated Gaussian blobs in 2-D, labels 0 and 1."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    X = rng.normal(size=(n, 2)) + 3 * y[:, None]
    return nd.array(X), nd.array(y)


def test_fit_learns_and_records_each_epoch():
    mx.random.seed(0)
    net = models.mlp(hidden=(16,), classes=2)
    net.initialize(mx.init.Xavier())
    data = blobs()
    history = train.fit(net, data, blobs(200, seed=1), epochs=4, lr=0.5, batch_size=32, progress=False)
    assert len(history.train_loss) == len(history.val_acc) == len(history.seconds) == 4
    assert history.train_loss[-1] < history.train_loss[0]
    assert history.val_acc[-1] > 0.95
    assert train.evaluate(net, data)[1] > 0.95


def test_fit_is_reproducible_with_a_seed():
    results = []
    for _ in range(2):
        mx.random.seed(1)
        net = models.mlp(hidden=(8,), classes=2)
        net.initialize(mx.init.Xavier())
        results.append(train.fit(net, blobs(), epochs=2, lr=0.1, batch_size=50, progress=False).train_loss)
    assert results[0] == results[1]


@pytest.mark.parametrize("kwargs, message", [
    ({"lr": 0}, "learning rate must be a positive number"),
    ({"lr": -0.1}, "learning rate must be a positive number"),
    ({"lr": float("nan")}, "learning rate must be a positive number"),
    ({"batch_size": 0}, "batch size must be an integer from 1 to 600"),
    ({"batch_size": 601}, "batch size must be an integer from 1 to 600"),
    ({"epochs": 0}, "epochs must be an integer from 1"),
    ({"epochs": 1.5}, "epochs must be an integer from 1"),
    ({"momentum": -0.1}, "momentum must be a number from 0 up to"),
    ({"momentum": 1.0}, "momentum must be a number from 0 up to"),
    ({"momentum": 0.9, "optimizer": "adam"}, "momentum is a setting of 'sgd' and 'nag'"),
])
def test_fit_rejects_impossible_settings(kwargs, message):
    net = models.mlp(hidden=(4,), classes=2)
    net.initialize()
    with pytest.raises(ValueError, match=message):
        train.fit(net, blobs(), progress=False, **kwargs)


def test_momentum_reaches_the_optimizer():
    def losses(**kwargs):
        mx.random.seed(3)
        net = models.mlp(hidden=(8,), classes=2)
        net.initialize(mx.init.Xavier())
        return train.fit(net, blobs(), epochs=3, lr=0.05, batch_size=50, progress=False, **kwargs).train_loss

    with_momentum = losses(momentum=0.9)
    assert with_momentum == losses(optimizer_params={"momentum": 0.9})    # the same as MXNet's own setting
    assert with_momentum != losses()                                       # and not ignored


def test_divergence_is_reported_not_hidden(capsys):
    net = models.mlp(hidden=(16,), classes=2)
    net.initialize(mx.init.Xavier())
    X, y = blobs()
    train.fit(net, (X * 1e3, y), epochs=2, lr=1e3, batch_size=32, progress=False)
    assert "diverged" in capsys.readouterr().out


def test_progress_ends_as_a_summary_line(capsys):
    """Outside Jupyter the progress line is rewritten with carriage returns and ends with the summary
    (in a notebook the same text replaces one display, so a saved page shows the summary, not a 0% bar)."""
    net = models.mlp(hidden=(8,), classes=2)
    net.initialize(mx.init.Xavier())
    train.fit(net, blobs(), epochs=2, lr=0.5, batch_size=50, log_every=4)
    err = capsys.readouterr().err
    assert "epoch 1/2: 4/12 batches" in err and "epoch 2/2: 12/12 batches" in err
    assert err.endswith("\n") and err.rstrip("\n").split("\r")[-1].startswith("trained 2 epochs of 12 batches in ")


def test_stop_ends_training_early_and_says_so():
    net = models.mlp(hidden=(4,), classes=2)
    net.initialize()
    asked, lines = [], []

    def stop():
        asked.append(1)
        return len(asked) > 15                              # 12 steps per epoch: stop during the second epoch

    history = train.fit(net, blobs(), epochs=5, lr=0.1, batch_size=50, stop=stop, progress=lines.append)
    assert history.stopped and len(history.train_loss) == 1
    assert lines[-1] == "stopped in epoch 2/5 after 3 batches"


def test_fit_trains_a_plain_block_operator_by_operator():
    """A gluon.Block (not hybridizable) can't join one graph with its loss: fit runs its step op by op."""
    class Plain(mx.gluon.Block):
        def __init__(self):
            super().__init__()
            self.hidden, self.out = mx.gluon.nn.Dense(16, activation="relu"), mx.gluon.nn.Dense(2)

        def forward(self, x):
            return self.out(self.hidden(x))

    mx.random.seed(0)
    net = Plain()
    net.initialize(mx.init.Xavier())
    history = train.fit(net, blobs(), epochs=3, lr=0.5, batch_size=32, progress=False)
    assert history.train_loss[-1] < history.train_loss[0] and history.train_acc[-1] > 0.95
