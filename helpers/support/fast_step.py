"""`TrainingStep`: one step of `fit` (forward, loss, backward, update), made cheap on a small CPU without
changing what it computes.

Two tricks, measured in the README's "Speed on a small CPU" (together 1.2-1.4x on a 2-core CPU):
the network and its loss run as ONE hybridized graph (`LossAndCorrect`), and SGD updates one weight
at a time with MXNet's single-tensor kernel (`PerTensorSGD`). Notebook 04 writes the plain step out.
"""

import mxnet as mx
import numpy as np
from mxnet import autograd, gluon, nd


def loss_and_correct(net: gluon.Block, loss_fn: gluon.loss.Loss, x, y):
    """The batch's summed loss and number of right answers (NDArrays, or Symbols inside a graph).

    `TrainingStep` and `helpers.train.evaluate` use it directly for a plain Block.
    """
    out = net(x)
    return loss_fn(out, y).sum(), (out.argmax(axis=1) == y).sum()


class LossAndCorrect(gluon.HybridBlock):
    """The network, its loss summed over the batch, and the number of right answers, as ONE graph.

    Hybridized, forward + loss is then one call into MXNet instead of one per operator (and one per
    operator of the backward pass).
    """

    def __init__(self, net: gluon.HybridBlock, loss_fn: gluon.loss.Loss):
        super().__init__()
        self.net, self.loss_fn = net, loss_fn

    def hybrid_forward(self, F, x, y):
        return loss_and_correct(self.net, self.loss_fn, x, y)


class PerTensorSGD(mx.optimizer.SGD):
    """MXNet's SGD, updating one weight at a time with `sgd_mom_update` (or `sgd_update`).

    MXNet 1.9.1's SGD always calls its multi-tensor kernel `multi_sgd_mom_update`, which runs ~1.8x
    slower on a CPU than the single-tensor kernel of the same formula (the update was a third of the
    MLP's step). Same weights as `"sgd"`, bit for bit (tests/unit/test_support_fast_step.py).
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.aggregate_num = 0                 # the Trainer then hands over one weight per call

    def update(self, index, weight, grad, state):
        self._update_count(index)
        settings = {"lr": self._get_lr(index), "wd": self._get_wd(index), "rescale_grad": self.rescale_grad,
                    "clip_gradient": self.clip_gradient or -1, "lazy_update": self.lazy_update}
        if state is None:
            nd.sgd_update(weight, grad, out=weight, **settings)
        else:
            nd.sgd_mom_update(weight, grad, state, out=weight, momentum=self.momentum, **settings)

    def update_multi_precision(self, index, weight, grad, state):
        if self.multi_precision and np.dtype(weight.dtype) == np.float16:    # float16 weights keep MXNet's own path
            super().update_multi_precision(index, weight, grad, state)
        else:
            self.update(index, weight, grad, state)


class TrainingStep:
    """`step(xb, yb)` records the forward pass and loss, back-propagates, updates the weights, and returns
    the batch's summed loss and number of right answers (NDArrays, not yet read back from the device).

    The same step as notebook 04's loop; for a HybridBlock the forward pass and loss run as one graph,
    and "sgd" is `PerTensorSGD` (same weights, bit for bit).
    """

    def __init__(self, net: gluon.Block, optimizer: str, settings: dict, hybridize: bool = True):
        self.net, self.loss_fn = net, gluon.loss.SoftmaxCrossEntropyLoss()
        self.graph = LossAndCorrect(net, self.loss_fn) if isinstance(net, gluon.HybridBlock) else None
        if hybridize and self.graph is not None:
            self.graph.hybridize(static_alloc=True, static_shape=True)     # hybridizes `net` too
        if optimizer == "sgd":
            self.trainer = gluon.Trainer(net.collect_params(), PerTensorSGD(**settings))
        else:
            self.trainer = gluon.Trainer(net.collect_params(), optimizer, settings)

    def __call__(self, xb: nd.NDArray, yb: nd.NDArray) -> tuple[nd.NDArray, nd.NDArray]:
        with autograd.record():
            if self.graph is not None:
                loss, right = self.graph(xb, yb)
            else:
                loss, right = loss_and_correct(self.net, self.loss_fn, xb, yb)
        loss.backward()
        self.trainer.step(xb.shape[0])
        return loss, right
