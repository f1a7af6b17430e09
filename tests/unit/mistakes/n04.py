"""Notebook 04's exercises: plausible wrong answers (each must be rejected every time) and right answers
written differently (each must be accepted every time); tests/unit/test_exercise_mistakes.py runs them."""

import numpy as np
from mxnet import autograd, gluon, nd


# sgd_step -----------------------------------------------------------------------------------------------
def forgot_the_batch_size(w, gradient, lr, batch_size):
    return w - lr * gradient


def uphill(w, gradient, lr, batch_size):
    return w + lr * gradient / batch_size


def multiplied_by_the_batch_size(w, gradient, lr, batch_size):
    return w - lr * gradient * batch_size


def returned_the_update(w, gradient, lr, batch_size):
    return -lr * gradient / batch_size


def averaged_the_gradient_entries(w, gradient, lr, batch_size):
    return w - lr * gradient.mean()


def divided_the_weights_too(w, gradient, lr, batch_size):
    return (w - lr * gradient) / batch_size


def in_place(w, gradient, lr, batch_size):
    w -= lr / batch_size * gradient
    return w


def numpy_float64(w, gradient, lr, batch_size):
    return w.asnumpy().astype("float64") - (lr / batch_size) * gradient.asnumpy()


def by_the_trainer(w, gradient, lr, batch_size):
    param = gluon.Parameter("w", shape=w.shape)
    param.initialize()
    param.set_data(w)
    with autograd.record():
        loss = (param.data() * gradient).sum()
    loss.backward()
    gluon.Trainer([param], "sgd", {"learning_rate": lr}).step(batch_size)
    return param.data()


# backprop -----------------------------------------------------------------------------------------------
def _forward(x, W1, b1, W2, b2):
    h = nd.tanh(nd.dot(x, W1.T) + b1)
    return h, nd.softmax(nd.dot(h, W2.T) + b2)


def _backward(x, h, dz, W2, slope):
    dW2, db2 = nd.dot(dz.T, h), dz.sum(axis=0)
    da = nd.dot(dz, W2) * slope
    return nd.dot(da.T, x), da.sum(axis=0), dW2, db2


def forgot_tanh(x, y, W1, b1, W2, b2):
    h, p = _forward(x, W1, b1, W2, b2)
    return _backward(x, h, p - nd.one_hot(y, W2.shape[0], dtype=x.dtype), W2, 1)


def one_hot_minus_p(x, y, W1, b1, W2, b2):
    h, p = _forward(x, W1, b1, W2, b2)
    return _backward(x, h, nd.one_hot(y, W2.shape[0], dtype=x.dtype) - p, W2, 1 - h ** 2)


def sigmoid_slope(x, y, W1, b1, W2, b2):
    h, p = _forward(x, W1, b1, W2, b2)
    return _backward(x, h, p - nd.one_hot(y, W2.shape[0], dtype=x.dtype), W2, h * (1 - h))


def slope_of_the_pre_activation(x, y, W1, b1, W2, b2):
    h, p = _forward(x, W1, b1, W2, b2)
    a = nd.dot(x, W1.T) + b1
    return _backward(x, h, p - nd.one_hot(y, W2.shape[0], dtype=x.dtype), W2, 1 - a ** 2)


def bias_gradients_averaged(x, y, W1, b1, W2, b2):
    h, p = _forward(x, W1, b1, W2, b2)
    dz = p - nd.one_hot(y, W2.shape[0], dtype=x.dtype)
    da = nd.dot(dz, W2) * (1 - h ** 2)
    return nd.dot(da.T, x), da.mean(axis=0), nd.dot(dz.T, h), dz.mean(axis=0)


def gradient_of_the_mean_loss(x, y, W1, b1, W2, b2):
    h, p = _forward(x, W1, b1, W2, b2)
    dz = (p - nd.one_hot(y, W2.shape[0], dtype=x.dtype)) / x.shape[0]
    return _backward(x, h, dz, W2, 1 - h ** 2)


def dW2_transposed(x, y, W1, b1, W2, b2):
    h, p = _forward(x, W1, b1, W2, b2)
    dz = p - nd.one_hot(y, W2.shape[0], dtype=x.dtype)
    da = nd.dot(dz, W2) * (1 - h ** 2)
    return nd.dot(da.T, x), da.sum(axis=0), nd.dot(h.T, dz), dz.sum(axis=0)


def everything_in_float32(x, y, W1, b1, W2, b2):
    x, y, W1, b1, W2, b2 = (a.astype("float32") for a in (x, y, W1, b1, W2, b2))
    h, p = _forward(x, W1, b1, W2, b2)
    return _backward(x, h, p - nd.one_hot(y, p.shape[1]), W2, 1 - h ** 2)


def one_hot_in_float32(x, y, W1, b1, W2, b2):
    h, p = _forward(x, W1, b1, W2, b2)
    return _backward(x, h, p - nd.one_hot(y, p.shape[1]), W2, 1 - h ** 2)


def slope_from_the_pre_activation(x, y, W1, b1, W2, b2):
    a = nd.dot(x, W1.T) + b1
    h = nd.tanh(a)
    p = nd.softmax(nd.dot(h, W2.T) + b2)
    one_hot = (nd.arange(W2.shape[0], dtype=x.dtype).reshape((1, -1)) == y.reshape((-1, 1)))
    return _backward(x, h, p - one_hot, W2, 1 - nd.tanh(a) ** 2)


def numpy_backprop(x, y, W1, b1, W2, b2):
    x, W1, b1, W2, b2 = (a.asnumpy() for a in (x, W1, b1, W2, b2))
    h = np.tanh(x @ W1.T + b1)
    z = h @ W2.T + b2
    p = np.exp(z - z.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    p[np.arange(len(x)), y.asnumpy().astype(int)] -= 1
    da = p @ W2 * (1 - h ** 2)
    return [da.T @ x, da.sum(axis=0), p.T @ h, p.sum(axis=0)]


# numerical_gradient -------------------------------------------------------------------------------------
def forward_differences(f, w, eps=1e-5):
    gradient = np.zeros_like(w)
    for i in np.ndindex(w.shape):
        base = f(w)
        w[i] += eps
        gradient[i] = (f(w) - base) / eps
        w[i] -= eps
    return gradient


def forgot_to_put_the_weight_back(f, w, eps=1e-5):
    gradient = np.zeros_like(w)
    for i in np.ndindex(w.shape):
        old = w[i]
        w[i] = old + eps
        up = f(w)
        w[i] = old - eps
        down = f(w)
        gradient[i] = (up - down) / (2 * eps)
    return gradient


def subtracted_eps_once(f, w, eps=1e-5):
    gradient = np.zeros_like(w)
    for i in np.ndindex(w.shape):
        w[i] += eps
        up = f(w)
        w[i] -= eps
        down = f(w)
        gradient[i] = (up - down) / (2 * eps)
    return gradient


def divided_by_eps(f, w, eps=1e-5):
    gradient = np.zeros_like(w)
    for i in np.ndindex(w.shape):
        step = np.zeros_like(w)
        step[i] = eps
        gradient[i] = (f(w + step) - f(w - step)) / eps
    return gradient


def nudged_all_weights_at_once(f, w, eps=1e-5):
    return np.full_like(w, (f(w + eps) - f(w - eps)) / (2 * eps))


def ignored_eps(f, w, eps=1e-5):
    gradient = np.zeros_like(w)
    for i in np.ndindex(w.shape):
        step = np.zeros_like(w)
        step[i] = 1e-5
        gradient[i] = (f(w + step) - f(w - step)) / 2e-5
    return gradient


def forgot_the_denominator(f, w, eps=1e-5):
    gradient = np.zeros_like(w)
    for i in np.ndindex(w.shape):
        step = np.zeros_like(w)
        step[i] = eps
        gradient[i] = f(w + step) - f(w - step)
    return gradient


def float32_copy(f, w, eps=1e-5):
    w = w.astype("float32")
    gradient = np.zeros_like(w)
    for i in np.ndindex(w.shape):
        step = np.zeros_like(w)
        step[i] = eps
        gradient[i] = (f(w + step) - f(w - step)) / (2 * eps)
    return gradient


def on_a_copy(f, w, eps=1e-5):
    gradient = np.zeros(w.shape)
    for i in np.ndindex(w.shape):
        up, down = w.copy(), w.copy()
        up[i] += eps
        down[i] -= eps
        gradient[i] = (f(up) - f(down)) / (2 * eps)
    return gradient


def rows_of_the_identity(f, w, eps=1e-5):
    steps = np.eye(w.size).reshape((w.size, *w.shape)) * eps
    return np.array([(f(w + step) - f(w - step)) / (2 * eps) for step in steps]).reshape(w.shape)


def put_back_by_arithmetic(f, w, eps=1e-5):
    gradient = np.zeros_like(w)
    for i in np.ndindex(w.shape):
        w[i] += eps
        up = f(w)
        w[i] -= 2 * eps
        down = f(w)
        w[i] += eps          # back to w[i], up to a rounding error of 1e-16
        gradient[i] = (up - down) / (2 * eps)
    return gradient


def list_of_slopes(f, w, eps=1e-5):
    flat, slopes = w.reshape(-1), []
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + eps
        up = f(w)
        flat[i] = old - eps
        down = f(w)
        flat[i] = old
        slopes.append((up - down) / (2 * eps))
    return np.array(slopes).reshape(w.shape).tolist()


WRONG = {
    "sgd_step": [
        (forgot_the_batch_size, "forgot to divide by the batch size"),
        (uphill, "+ instead of -: a step uphill"),
        (multiplied_by_the_batch_size, "multiplied by the batch size"),
        (returned_the_update, "returned the update, not the new weights"),
        (averaged_the_gradient_entries, "gradient.mean() instead of dividing by the batch size"),
        (divided_the_weights_too, "(w - lr * gradient) / batch_size"),
    ],
    "backprop": [
        (forgot_tanh, "forgot tanh's slope"),
        (one_hot_minus_p, "dz = one_hot - p"),
        (sigmoid_slope, "the sigmoid's slope h (1 - h) for tanh"),
        (slope_of_the_pre_activation, "1 - a² with the pre-activation a instead of h"),
        (bias_gradients_averaged, "bias gradients averaged over the batch"),
        (gradient_of_the_mean_loss, "divided by the batch size (the mean loss, not the summed one)"),
        (dW2_transposed, "dW2 = hᵀ dz, transposed"),
        (everything_in_float32, "every input converted to float32: 7 digits where 1e-8 is asked (the review's D10)"),
    ],
    "numerical_gradient": [
        (forward_differences, "forward differences (f(w + eps) - f(w)) / eps"),
        (forgot_to_put_the_weight_back, "forgot to put the weight back"),
        (subtracted_eps_once, "w[i] += eps, then -= eps once: 'down' is f(w)"),
        (divided_by_eps, "divided by eps instead of 2 eps"),
        (nudged_all_weights_at_once, "nudged all weights at once"),
        (ignored_eps, "ignored the eps argument (always 1e-5)"),
        (forgot_the_denominator, "forgot to divide at all"),
        (float32_copy, "worked on a float32 copy of w"),
    ],
}

RIGHT = {
    "sgd_step": [
        (in_place, "w -= lr / batch_size * gradient, in place"),
        (numpy_float64, "numpy in float64"),
        (by_the_trainer, "gluon.Trainer itself"),
    ],
    "backprop": [
        (one_hot_in_float32, "nd.one_hot(y, k) without dtype: float32 (accepted, checked in float32)"),
        (slope_from_the_pre_activation, "1 - tanh(a)², one-hot from a comparison"),
        (numpy_backprop, "numpy in float64, returning a list"),
    ],
    "numerical_gradient": [
        (on_a_copy, "nudges copies of w"),
        (rows_of_the_identity, "steps from the rows of np.eye"),
        (list_of_slopes, "a flat view of w, returning a nested list"),
        (put_back_by_arithmetic, "+eps, -2 eps, +eps: w back up to a rounding error (the review's D5)"),
    ],
}
