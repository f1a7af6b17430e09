"""helpers.support.fast_step: fit's faster step computes exactly what the plain step computes."""

from helpers import models

import mxnet as mx
import numpy as np
import pytest
from mxnet import nd

from helpers.support import fast_step


def blobs(n=600, seed=0):
    """Two well separated Gaussian blobs in 2-D, labels 0 and 1."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    X = rng.normal(size=(n, 2)) + 3 * y[:, None]
    return nd.array(X), nd.array(y)


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
