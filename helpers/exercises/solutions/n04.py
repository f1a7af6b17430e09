"""Notebook 04 · the training loop: exercises, their checks and reference solutions.

Each check runs fixed tricky cases first (they catch the usual mistakes every time), then new random
ones (so copying an output can't pass); tests/unit/mistakes/n04.py lists the mistakes it must catch.
"""

import numpy as np
from mxnet import nd

from helpers.exercises.checking import NotAttempted, Wrong, as_ndarrays, as_numpy, is_blank, run_cases, same_values
from helpers.exercises.exercise import define


def sgd_step(w, gradient, lr, batch_size):
    """What trainer.step(batch_size) does with plain SGD: the gradient of the summed loss, averaged."""
    return w - lr * gradient / batch_size


def numpy_sgd_step(w, gradient, lr, batch_size):
    """What gluon.Trainer([w], "sgd", {"learning_rate": lr}).step(batch_size) leaves in w after a backward pass
    that gave `gradient` (the two agree to 3e-7 on these cases), computed without MXNet."""
    return as_numpy(w) - lr * as_numpy(gradient) / batch_size


FIXED_STEPS = [(0.1, 32)]   # neither the batch size nor the learning rate is 1


def step_cases(rng):
    """(w, gradient, lr, batch_size); the learner gets w and the gradient as float32 NDArrays."""
    def arrays():
        return rng.normal(size=(3, 4)).astype("float32"), (rng.normal(size=(3, 4)) * 10).astype("float32")
    fixed = [(*arrays(), lr, batch) for lr, batch in FIXED_STEPS]
    return fixed + [(*arrays(), float(rng.uniform(0.01, 1)), int(rng.integers(1, 256))) for _ in range(2)]


def check_sgd_step(answer):
    run_cases(answer, step_cases(np.random.default_rng()), numpy_sgd_step,
              what=lambda args: f"for lr = {args[2]:.3g}, batch_size = {args[3]}", given=as_ndarrays)


def backprop(x, y, W1, b1, W2, b2):
    """Gradients of the summed softmax cross-entropy of h = tanh(x W1ᵀ + b1), z = h W2ᵀ + b2, output layer first."""
    h = nd.tanh(nd.dot(x, W1.T) + b1)
    p = nd.softmax(nd.dot(h, W2.T) + b2)
    dz = p - nd.one_hot(y, W2.shape[0], dtype=x.dtype)    # the output layer
    dW2, db2 = nd.dot(dz.T, h), dz.sum(axis=0)
    da = nd.dot(dz, W2) * (1 - h ** 2)                    # back through W2, then through tanh
    dW1, db1 = nd.dot(da.T, x), da.sum(axis=0)
    return dW1, db1, dW2, db2


def network_case(rng, batch=5, inputs=6, hidden=4, classes=3, dtype="float64"):
    """(x, y, W1, b1, W2, b2) as numpy arrays of `dtype` (y holds class numbers)."""
    def array(*shape):
        return (rng.normal(size=shape) * 0.7).astype(dtype)
    return (array(batch, inputs), rng.integers(0, classes, batch).astype(dtype),
            array(hidden, inputs), array(hidden), array(classes, hidden), array(classes))


def exact_backprop(x, y, W1, b1, W2, b2):
    """What autograd gives for the summed SoftmaxCrossEntropyLoss of this network, in numpy float64."""
    x, W1, b1, W2, b2 = (as_numpy(a) for a in (x, W1, b1, W2, b2))
    h = np.tanh(x @ W1.T + b1)
    z = h @ W2.T + b2
    dz = np.exp(z - z.max(axis=1, keepdims=True))
    dz /= dz.sum(axis=1, keepdims=True)
    dz[np.arange(len(x)), as_numpy(y).astype(int)] -= 1
    da = dz @ W2 * (1 - h ** 2)
    return [da.T @ x, da.sum(axis=0), dz.T @ h, dz.sum(axis=0)]


FIXED_NETWORK = (4, 3, 5, 2)   # a fixed network (seed 30): batch, inputs, hidden and classes all differ
RANDOM_NETWORKS = [(5, 6, 4, 3), (2, 3, 5, 4), (3, 4, 2, 5)]   # one of these, random


def compare_gradients(got, truth, what, tol):
    if not isinstance(got, (tuple, list)) or len(got) != 4:
        raise Wrong("return four gradients: (dW1, db1, dW2, db2)")
    for name, mine, right in zip(("dW1", "db1", "dW2", "db2"), got, truth, strict=True):
        if is_blank(mine):
            raise NotAttempted
        try:
            same_values(mine, right, f"{name} ({what})", tol)
        except Wrong as wrong:
            dtype = np.dtype(mine.dtype).name if hasattr(mine, "dtype") else ""
            if tol < 1e-6 and dtype not in ("", "float64") and np.allclose(as_numpy(mine), right, rtol=1e-4,
                                                                             atol=1e-4):
                raise Wrong(f"{wrong}: your {name} is {dtype}, which keeps only about 7 digits; the inputs are "
                            "float64, so keep every array float64 (no astype('float32'); dtype=x.dtype where you "
                            "make one)") from None
            raise


def backprop_cases(rng, dtype):
    shape = RANDOM_NETWORKS[int(rng.integers(len(RANDOM_NETWORKS)))]
    return [network_case(np.random.default_rng(30), *FIXED_NETWORK, dtype=dtype),
            network_case(rng, *shape, dtype=dtype)]


def describe_network(case):
    x, _, W1, _, W2, _ = case
    return f"batch {x.shape[0]}, {x.shape[1]} inputs, {W1.shape[0]} hidden, {W2.shape[0]} classes"


def check_backprop(answer):
    rng = np.random.default_rng()
    try:
        run_cases(answer, backprop_cases(rng, "float64"), exact_backprop, 1e-8, describe_network,
                  compare_gradients, given=lambda cases: as_ndarrays(cases, "float64"))
    except Wrong as wrong:
        if not all(words in str(wrong) for words in ("can't mix", "float32", "float64")):   # MXNet refused the mix
            raise
        # the maths may well be right, with an array made in float32 (nd.one_hot's default): check it in float32
        try:
            run_cases(answer, backprop_cases(rng, "float32"), exact_backprop, 1e-4, describe_network,
                      compare_gradients, given=as_ndarrays)
        except Wrong as in_float32:
            raise Wrong(f"{in_float32} (checked on float32 inputs, as your code makes float32 arrays; with "
                        "dtype=x.dtype it would run in float64)") from None
        print("note: your backprop mixes float32 arrays (nd.one_hot's default dtype) with the float64 inputs, "
              "so it was checked on float32 inputs, to 1e-4; pass dtype=x.dtype to work in float64.")


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


FIXED_A = np.array([[2.0, 1.5, -1.0], [0.5, -1.0, 2.0], [1.0, 3.0, 0.5]])   # not symmetric: the w's mix
FIXED_M = np.array([[1.0, -2.0], [0.5, 3.0], [-1.5, 1.0]])


def gradient_cases(rng):
    """(name of f, f, w, eps): fixed functions where every weight's nudge changes the other slopes, large eps
    (where forward and central differences differ a lot), a matrix w; then the random ones."""
    A, c = rng.normal(size=(3, 3)), rng.normal(size=3)
    return [("wᵀAw + w₀", lambda w: float(w @ FIXED_A @ w + w[0]), np.array([0.5, -1.2, 2.0]), 0.1),
            ("sum(w³)", lambda w: float(np.sum(w ** 3)), np.array([0.8, -0.3, 1.5, 2.0]), 1e-2),
            ("sum(M ⊙ sin W) + W₀₀ W₁₁", lambda w: float(np.sum(FIXED_M * np.sin(w)) + w[0, 0] * w[1, 1]),
             np.array([[1.0, -0.5], [2.0, 0.3], [-1.0, 0.7]]), 0.05),
            ("sum(w³)", lambda w: float(np.sum(w ** 3)), rng.normal(size=3), 1e-5),
            ("wᵀAw + c·w", lambda w: float(w @ A @ w + c @ w), rng.normal(size=3), 1e-5)]


def check_numerical_gradient(answer):
    for name, f, w, eps in gradient_cases(np.random.default_rng()):
        given = w.copy()
        got = answer(f, given, eps)
        if is_blank(got):
            raise NotAttempted
        where = f"{name} at w = {np.round(w, 3).tolist()}, eps = {eps:g}"
        if given.shape != w.shape or not np.allclose(given, w, rtol=1e-12, atol=1e-12):
            # (adding eps back after subtracting it may leave a rounding error of 1e-16: that is fine)
            raise Wrong(f"{where}: your function changed w (to {np.round(given, 6).tolist()}): put each weight "
                        "back after nudging it, or nudge a copy")
        try:
            same_values(got, numerical_gradient(f, w.copy(), eps), f"{where}, compared with central differences", 1e-6)
        except Wrong as wrong:
            if np.asarray(got).dtype.itemsize < 8:
                raise Wrong(f"{wrong}; your result is {np.asarray(got).dtype}: keep w's float64, or the "
                            "difference of two nearly equal numbers loses its digits") from None
            raise


SGD_RULE = "NDArray or numpy of w's shape; the check compares it with gluon.Trainer's step to within 1e-5."
BACKPROP_RULE = ("The inputs are float64 NDArrays (y holds class numbers), so make your own arrays float64 too "
                 "(dtype=x.dtype); return NDArrays or numpy arrays; the check compares them with the gradients "
                 "autograd finds, to within 1e-8.")
NUMERICAL_RULE = ("Here w is a float64 numpy vector or matrix and must hold its old values (to 1e-12) when you "
                  "return; the check calls it with eps from 1e-5 to 0.1 and compares with central differences at "
                  "that eps to within 1e-6.")

define("04", "sgd_step",
       "Write sgd_step(w, gradient, lr, batch_size): the new weights after trainer.step(batch_size), plain SGD. "
       f"{SGD_RULE}",
       check_sgd_step,
       ("The loss was summed over the batch, so its gradient is a sum too.",
        "Move against the average gradient: lr times gradient divided by batch_size."),
       sgd_step, "w - lr * gradient / batch_size, exactly what gluon.Trainer did.")
define("04", "backprop",
       f"Write backprop(x, y, W1, b1, W2, b2) -> (dW1, db1, dW2, db2) by the chain rule, output layer first. "
       f"{BACKPROP_RULE}",
       check_backprop,
       ("Start at the output: d loss / d z = softmax(z) - one_hot(y).",
        "dW2 = dzᵀ h; going back through W2 gives dz W2; tanh's slope is 1 - h².",
        "da = (dz W2) * (1 - h²), then dW1 = daᵀ x; each bias gradient is its layer's d summed over the batch."),
       backprop, "equal to autograd: backpropagation is the chain rule, one layer at a time.")
define("04", "numerical_gradient",
       "Write numerical_gradient(f, w, eps=1e-5): the gradient of f at the numpy array w by central differences. "
       f"{NUMERICAL_RULE}",
       check_numerical_gradient,
       ("Change one weight at a time, by +eps and by -eps, and evaluate f each time.",
        "(f(w + eps) - f(w - eps)) / (2 eps); put the weight back afterwards."),
       numerical_gradient, "two evaluations per weight: fine for checking, far too slow for training.")
