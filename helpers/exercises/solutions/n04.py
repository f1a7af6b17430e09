"""Notebook 04 · the training loop: exercises, their checks and reference solutions."""

import numpy as np
from mxnet import autograd, gluon, nd

from helpers.exercises.checking import Wrong, matches, same_values
from helpers.exercises.exercise import define


def sgd_step(w, gradient, lr, batch_size):
    """What trainer.step(batch_size) does with plain SGD: the gradient of the summed loss, averaged."""
    return w - lr * gradient / batch_size


def trainer_sgd_step(w, gradient, lr, batch_size):
    param = gluon.Parameter("w", shape=w.shape)
    param.initialize()
    param.set_data(w)
    with autograd.record():
        loss = (param.data() * gradient).sum()   # a loss whose gradient is `gradient`
    loss.backward()
    gluon.Trainer([param], "sgd", {"learning_rate": lr}).step(batch_size)
    return param.data()


def step_cases(rng):
    return [(nd.array(rng.normal(size=(3, 4))), nd.array(rng.normal(size=(3, 4)) * 10), float(rng.uniform(0.01, 1)),
             int(rng.integers(1, 256))) for _ in range(3)]


def backprop(x, y, W1, b1, W2, b2):
    """Gradients of the summed softmax cross-entropy of h = tanh(x W1ᵀ + b1), z = h W2ᵀ + b2, output layer first."""
    h = nd.tanh(nd.dot(x, W1.T) + b1)
    p = nd.softmax(nd.dot(h, W2.T) + b2)
    dz = p - nd.one_hot(y, W2.shape[0], dtype=x.dtype)    # the output layer
    dW2, db2 = nd.dot(dz.T, h), dz.sum(axis=0)
    da = nd.dot(dz, W2) * (1 - h ** 2)                    # back through W2, then through tanh
    dW1, db1 = nd.dot(da.T, x), da.sum(axis=0)
    return dW1, db1, dW2, db2


def network_case(rng, batch=5, inputs=6, hidden=4, classes=3):
    def array(*shape):
        return nd.array(rng.normal(size=shape) * 0.7, dtype="float64")
    return (array(batch, inputs), nd.array(rng.integers(0, classes, batch), dtype="float64"),
            array(hidden, inputs), array(hidden), array(classes, hidden), array(classes))


def autograd_backprop(x, y, W1, b1, W2, b2):
    params = [p.copy() for p in (W1, b1, W2, b2)]
    for p in params:
        p.attach_grad()
    with autograd.record():
        h = nd.tanh(nd.dot(x, params[0].T) + params[1])
        loss = gluon.loss.SoftmaxCrossEntropyLoss()(nd.dot(h, params[2].T) + params[3], y).sum()
    loss.backward()
    return [p.grad for p in params]


def check_backprop(answer):
    rng = np.random.default_rng()
    for shape in ((5, 6, 4, 3), (2, 3, 5, 4)):
        case = network_case(rng, *shape)
        got = answer(*case)
        if not isinstance(got, (tuple, list)) or len(got) != 4:
            raise Wrong("return four gradients: (dW1, db1, dW2, db2)")
        for name, mine, truth in zip(("dW1", "db1", "dW2", "db2"), got, autograd_backprop(*case), strict=True):
            same_values(mine, truth, f"{name} (batch {shape[0]}, {shape[1]} inputs, {shape[2]} hidden)", 1e-8)


def numerical_gradient(f, w, eps=1e-5):
    """Central differences: nudge each weight up and down by eps and watch f."""
    gradient = np.zeros_like(w)
    for i in np.ndindex(w.shape):
        old = w[i]
        w[i] = old + eps
        up = f(w)
        w[i] = old - eps
        down = f(w)
        w[i] = old
        gradient[i] = (up - down) / (2 * eps)
    return gradient


def check_numerical_gradient(answer):
    rng = np.random.default_rng()
    A, c = rng.normal(size=(3, 3)), rng.normal(size=3)
    functions = {"sum(w³)": (lambda w: float(np.sum(w ** 3)), lambda w: 3 * w ** 2),
                 "wᵀAw + c·w": (lambda w: float(w @ A @ w + c @ w), lambda w: (A + A.T) @ w + c)}
    for name, (f, slope) in functions.items():
        w = rng.normal(size=3)
        same_values(answer(f, w.copy()), slope(w), f"{name} at w = {np.round(w, 3).tolist()}", 1e-4)


define("04", "sgd_step",
       "Write sgd_step(w, gradient, lr, batch_size): the new weights after trainer.step(batch_size), plain SGD.",
       matches(trainer_sgd_step, step_cases),
       ("The loss was summed over the batch, so its gradient is a sum too.",
        "Move against the average gradient: lr times gradient divided by batch_size."),
       sgd_step, "w - lr * gradient / batch_size, exactly what gluon.Trainer did.")
define("04", "backprop",
       "Write backprop(x, y, W1, b1, W2, b2) -> (dW1, db1, dW2, db2) by the chain rule, output layer first.",
       check_backprop,
       ("Start at the output: d loss / d z = softmax(z) - one_hot(y).",
        "dW2 = dzᵀ h; going back through W2 gives dz W2; tanh's slope is 1 - h².",
        "da = (dz W2) * (1 - h²), then dW1 = daᵀ x; each bias gradient is its layer's d summed over the batch."),
       backprop, "equal to autograd to 1e-8: backpropagation is the chain rule, one layer at a time.")
define("04", "numerical_gradient",
       "Write numerical_gradient(f, w, eps=1e-5): the gradient of f at the numpy array w by central differences.",
       check_numerical_gradient,
       ("Change one weight at a time, by +eps and by -eps, and evaluate f each time.",
        "(f(w + eps) - f(w - eps)) / (2 eps); put the weight back afterwards."),
       numerical_gradient, "two evaluations per weight: fine for checking, far too slow for training.")
