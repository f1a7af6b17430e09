"""Notebook 01 · the neuron: exercises, their checks and reference solutions."""

import numpy as np
from mxnet import autograd, nd

from helpers.exercises.checking import Wrong, matches
from helpers.exercises.exercise import define


def neuron_output(x, w, b):
    """A neuron: weighted sum of the inputs plus the bias, through a sigmoid."""
    z = (w * x).sum() + b
    return 1 / (1 + nd.exp(-z))


def neuron_cases(rng):
    return [(nd.array(rng.normal(size=n)), nd.array(rng.normal(size=n)), float(rng.normal()))
            for n in (1, 3, 5, 8)]


def relu_slope(z):
    """ReLU's derivative: 1 where z > 0, 0 where z < 0."""
    return (z > 0).astype("float32")


def autograd_relu_slope(z):
    z = z.copy()
    z.attach_grad()
    with autograd.record():
        a = nd.relu(z)
    a.backward()
    return z.grad


def slope_cases(rng):
    return [(nd.array(rng.choice([-1, 1], size=n) * rng.uniform(0.01, 5, size=n)),) for n in (4, 9, 20)]


AND_GATE = (10.0, 10.0, -15.0)


def check_and_gate(answer):
    w1, w2, b = (float(v) for v in answer)
    for x1 in (0, 1):
        for x2 in (0, 1):
            fire = 1 / (1 + np.exp(-(w1 * x1 + w2 * x2 + b)))
            wanted = x1 and x2
            if (fire > 0.9) != bool(wanted) or (not wanted and fire >= 0.1):
                raise Wrong(f"inputs ({x1}, {x2}): the neuron outputs {fire:.3f}, but AND wants "
                            f"{'more than 0.9' if wanted else 'less than 0.1'}")


define("01", "neuron_output", "Write neuron_output(x, w, b): sigmoid(w · x + b) for 1-D NDArrays x and w.",
       matches(neuron_output, neuron_cases),
       ("Multiply x and w element by element and add them up: (w * x).sum().",
        "The sigmoid of z is 1 / (1 + e^(-z)); nd.exp works element by element."),
       neuron_output, "a weighted sum, a bias and a squashing function: a neuron.")
define("01", "relu_slope", "Write relu_slope(z): ReLU's derivative at every z (z is never exactly 0).",
       matches(autograd_relu_slope, slope_cases), ("Where ReLU is the identity its slope is 1; where it is 0 ...",
                                          "A comparison like (z > 0) gives 1.0 or 0.0 per element."),
       relu_slope, "the same as autograd's: 1 for positive inputs, 0 for negative ones.")
define("01", "and_gate", "Pick (w1, w2, b) so a sigmoid neuron computes AND: > 0.9 for (1, 1), < 0.1 otherwise.",
       check_and_gate, ("Only x1 = x2 = 1 may push w1*x1 + w2*x2 + b well above 0.",
                        "Try equal weights and a bias between -2 and -1 times one weight, far from 0."),
       AND_GATE, "one neuron is a logic gate: its line separates (1, 1) from the other three corners.")
