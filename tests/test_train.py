"""The shared training loop learns, reports per epoch, and rejects impossible settings."""

from helpers import fast_step, models, train

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


def test_networks_have_the_expected_shapes():
    x = nd.zeros((2, 1, 28, 28))
    for net in (models.mlp(), models.lenet()):
        net.initialize()
        assert net(x).shape == (2, 10)


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


@pytest.mark.parametrize("settings", [{"momentum": 0.9}, {"momentum": 0.0}, {"momentum": 0.9, "wd": 1e-3},
                                      {"momentum": 0.5, "clip_gradient": 0.01}])
def test_per_tensor_sgd_gives_the_same_weights_as_mxnets_sgd(settings, monkeypatch):
    """fit's faster SGD (one weight at a time) computes exactly what MXNet's multi-tensor SGD computes."""
    def weights_after_training(optimizer):
        mx.random.seed(5)
        net = models.mlp(hidden=(32, 16), classes=2)
        net.initialize(mx.init.Xavier())
        trainer = mx.gluon.Trainer(net.collect_params(), optimizer)
        X, y = blobs()
        for start in range(0, 600, 50):
            with mx.autograd.record():
                loss = mx.gluon.loss.SoftmaxCrossEntropyLoss()(net(X[start:start + 50]), y[start:start + 50])
            loss.backward()
            trainer.step(50)
        return [p.data().asnumpy() for p in net.collect_params().values()]

    single_calls = []
    for name in ("sgd_update", "sgd_mom_update"):
        original = getattr(fast_step.nd, name)
        monkeypatch.setattr(fast_step.nd, name,
                            lambda *a, _op=original, **k: (single_calls.append(a[0].shape), _op(*a, **k)))
    ours = weights_after_training(fast_step.PerTensorSGD(learning_rate=0.1, **settings))
    assert len(single_calls) == 12 * 6 and (16, 32) in single_calls          # one call per weight and step
    monkeypatch.undo()
    mxnets = weights_after_training(mx.optimizer.SGD(learning_rate=0.1, **settings))
    assert len(ours) == 6
    for a, b in zip(ours, mxnets, strict=True):
        np.testing.assert_array_equal(a, b)                    # bit for bit: the same formula, in the same order
    assert not np.allclose(ours[0], weights_after_training(mx.optimizer.SGD(learning_rate=0.05, **settings))[0])


def test_per_tensor_sgd_leaves_float16_weights_to_mxnets_multi_precision_path():
    def update_once(optimizer):
        weight, grad = nd.ones((4, 4), dtype="float16"), nd.full((4, 4), 0.5, dtype="float16")
        state = optimizer.create_state_multi_precision(0, weight)
        optimizer.update_multi_precision(0, weight, grad, state)
        return weight.asnumpy(), state[1].asnumpy()                   # the float16 weight and its float32 copy

    ours = update_once(fast_step.PerTensorSGD(learning_rate=0.1, momentum=0.9, multi_precision=True))
    mxnets = update_once(mx.optimizer.SGD(learning_rate=0.1, momentum=0.9, multi_precision=True))
    assert ours[1].dtype == np.float32 and ours[1][0, 0] == pytest.approx(0.95)
    np.testing.assert_array_equal(ours[0], mxnets[0])
    np.testing.assert_array_equal(ours[1], mxnets[1])


def test_the_one_graph_step_gives_the_same_loss_and_gradients_as_the_step_op_by_op():
    """LossAndCorrect (what fit hybridizes) returns the summed loss, the right answers and the same gradients."""
    X, y = blobs(64)
    results = []
    for one_graph in (True, False):
        mx.random.seed(2)
        net = models.mlp(hidden=(8,), classes=2)
        net.initialize(mx.init.Xavier())
        loss_fn = mx.gluon.loss.SoftmaxCrossEntropyLoss()
        step = fast_step.LossAndCorrect(net, loss_fn)
        if one_graph:
            step.hybridize(static_alloc=True, static_shape=True)
        with mx.autograd.record():
            loss, right = step(X, y) if one_graph else fast_step.loss_and_correct(net, loss_fn, X, y)
        loss.backward()
        results.append((loss.asscalar(), right.asscalar(), [p.grad().asnumpy() for p in net.collect_params().values()]))
    (loss_a, right_a, grads_a), (loss_b, right_b, grads_b) = results
    assert loss_a == pytest.approx(loss_b, rel=1e-6) and loss_a > 0
    assert right_a == right_b and 0 < right_a <= 64
    for a, b in zip(grads_a, grads_b, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-7)


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
