"""Two ways `fit` makes one training step cheaper on a small CPU without changing what it computes.

Measured in the README's "Speed on a small CPU": together they make the MLP's training step 1.2-1.4x
faster on a 2-core CPU. Behind the scenes from notebook 04 on.
"""

import mxnet as mx
import numpy as np
from mxnet import gluon, nd


class LossAndCorrect(gluon.HybridBlock):
    """The network, its loss summed over the batch, and the number of right answers, as ONE graph.

    Hybridized, forward + loss is then one call into MXNet instead of one per operator (and one per
    operator of the backward pass). Behind the scenes from notebook 04 on: `fit` trains through it.
    """

    def __init__(self, net: gluon.HybridBlock, loss_fn: gluon.loss.Loss):
        super().__init__()
        self.net, self.loss_fn = net, loss_fn

    def hybrid_forward(self, F, x, y):
        return loss_and_correct(self.net, self.loss_fn, x, y)


def loss_and_correct(net: gluon.Block, loss_fn: gluon.loss.Loss, x, y):
    """The batch's summed loss and number of right answers (NDArrays, or Symbols inside a graph).

    `fit` and `evaluate` use it directly for a plain Block; notebook 04 writes this step out.
    """
    out = net(x)
    return loss_fn(out, y).sum(), (out.argmax(axis=1) == y).sum()


class PerTensorSGD(mx.optimizer.SGD):
    """MXNet's SGD, updating one weight at a time with `sgd_mom_update` (or `sgd_update`).

    MXNet 1.9.1's SGD always calls its multi-tensor kernel `multi_sgd_mom_update`, which runs ~1.8x
    slower on a CPU than the single-tensor kernel of the same formula (the update was a third of the
    MLP's step). Same weights as `"sgd"`, bit for bit (tests/test_train.py). Behind the scenes from notebook 04 on.
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
