"""Notebook 01's exercises: plausible wrong answers (each must be rejected every time) and right answers
written differently (each must be accepted every time); tests/unit/test_exercise_mistakes.py runs them."""

import numpy as np
from mxnet import autograd, nd


# neuron_output ------------------------------------------------------------------------------------------
def forgot_sigmoid(x, w, b):
    return (w * x).sum() + b


def forgot_bias(x, w, b):
    return nd.sigmoid((w * x).sum())


def bias_added_to_every_input(x, w, b):
    return nd.sigmoid((w * x + b).sum())


def sigmoid_sign_flipped(x, w, b):
    return 1 / (1 + nd.exp((w * x).sum() + b))


def no_sum(x, w, b):
    return nd.sigmoid(w * x + b)


def tanh_instead_of_sigmoid(x, w, b):
    return nd.tanh(nd.dot(w, x) + b)


def bias_outside_sigmoid(x, w, b):
    return nd.sigmoid(nd.dot(w, x)) + b


def mean_instead_of_sum(x, w, b):
    return nd.sigmoid((w * x).mean() + b)


def sigmoid_of_dot(x, w, b):
    return nd.sigmoid(nd.dot(w, x) + b)


def numpy_neuron(x, w, b):
    return float(1 / (1 + np.exp(-(w.asnumpy().astype("float64") @ x.asnumpy() + b))))


def tanh_form(x, w, b):
    return 0.5 * (1 + nd.tanh(((w * x).sum() + b) / 2))


# relu_slope ---------------------------------------------------------------------------------------------
def relu_itself(z):
    return nd.relu(z)


def inverted(z):
    return (z < 0).astype("float32")


def sigmoid_slope(z):
    s = nd.sigmoid(z)
    return s * (1 - s)


def sign(z):
    return nd.sign(z)


def always_one(z):
    return nd.ones_like(z)


def leaky_slope(z):
    return nd.where(z > 0, nd.ones_like(z), 0.01 * nd.ones_like(z))


def one_number(z):
    return float((z > 0).mean().asscalar() > 0.5)


def steep_sigmoid(z):
    return nd.sigmoid(1000 * z)


def less_steep_sigmoid(z):
    return nd.sigmoid(100 * z)


def threshold_above_0(z):
    return (z > 0.1).astype("float32")


def comparison(z):
    return z > 0


def numpy_heaviside(z):
    return np.heaviside(z.asnumpy(), 0.0).astype("float64")


def relu_over_z(z):
    return nd.relu(z) / z


def by_autograd(z):
    z = z.copy()
    z.attach_grad()
    with autograd.record():
        a = nd.relu(z)
    a.backward()
    return z.grad


WRONG = {
    "neuron_output": [
        (forgot_sigmoid, "forgot the sigmoid: returned w · x + b"),
        (forgot_bias, "forgot the bias"),
        (bias_added_to_every_input, "added the bias to every input before summing"),
        (sigmoid_sign_flipped, "1 / (1 + e^z): the sign in the sigmoid flipped"),
        (no_sum, "no sum: one sigmoid per input"),
        (tanh_instead_of_sigmoid, "tanh instead of the sigmoid"),
        (bias_outside_sigmoid, "added the bias after the sigmoid"),
        (mean_instead_of_sum, "mean of w * x instead of its sum"),
    ],
    "relu_slope": [
        (relu_itself, "returned ReLU itself, not its slope"),
        (inverted, "z < 0: the slope where ReLU is flat"),
        (sigmoid_slope, "the sigmoid's slope σ(1 - σ)"),
        (sign, "the sign of z (-1 for negative inputs)"),
        (always_one, "slope 1 everywhere, as for a linear unit"),
        (leaky_slope, "leaky ReLU's slope (0.01 for negative inputs)"),
        (one_number, "one number for the whole array"),
        (steep_sigmoid, "a steep smooth step, sigmoid(1000 z) (the review's D7)"),
        (less_steep_sigmoid, "a smooth step, sigmoid(100 z) (the review's D7)"),
        (threshold_above_0, "a threshold a little above 0: z > 0.1 (the review's D7)"),
    ],
    "and_gate": [
        ((1, 1, -1.5), "the right line, but weights too small to saturate the sigmoid"),
        ((10, 10, -5), "OR: the bias lets one input fire"),
        ((10, 10, 15), "a positive bias: fires always"),
        ((-10, -10, 15), "NAND: the signs flipped"),
        ((10, 10, -10), "the bias equal to one weight: one input gives exactly 0.5"),
        ((20, 5, -15), "unequal weights: x1 alone fires"),
        ((10, 10, -25), "the bias too negative: (1, 1) doesn't fire"),
        ((10, 10), "forgot the bias"),
    ],
}

RIGHT = {
    "neuron_output": [
        (sigmoid_of_dot, "nd.sigmoid(nd.dot(w, x) + b)"),
        (numpy_neuron, "numpy in float64, returning a Python float"),
        (tanh_form, "σ(z) written as (1 + tanh(z/2)) / 2"),
    ],
    "relu_slope": [
        (comparison, "z > 0 without astype"),
        (numpy_heaviside, "np.heaviside in float64"),
        (relu_over_z, "relu(z) / z"),
        (by_autograd, "autograd itself"),
    ],
    "and_gate": [
        ((10, 10, -15), "the course's weights"),
        ([20.0, 20.0, -30.0], "a list of floats, steeper"),
        (np.array([6, 6, -9]), "a numpy array of integers"),
        (nd.array([10, 10, -15]), "an NDArray"),
        ((1000, 1000, -1500), "huge weights (no overflow warning: the review's D14)"),
    ],
}
