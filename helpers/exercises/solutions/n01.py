"""Notebook 01 · the neuron: exercises, their checks and reference solutions.

Each check runs fixed tricky cases first (they catch the usual mistakes every time), then new random
ones (so copying an output can't pass); tests/unit/mistakes/n01.py lists the mistakes it must catch.
"""

import numpy as np
from mxnet import nd

from helpers.exercises.checking import Wrong, as_ndarrays, as_numpy, describe, run_cases, same_values
from helpers.exercises.exercise import define


def neuron_output(x, w, b):
    """A neuron: weighted sum of the inputs plus the bias, through a sigmoid."""
    z = (w * x).sum() + b
    return 1 / (1 + nd.exp(-z))


def numpy_neuron(x, w, b):
    return 1 / (1 + np.exp(-(np.dot(as_numpy(w), as_numpy(x)) + b)))


FIXED_NEURON = ([1.0, 2.0, 3.0], [0.5, -1.0, 0.25], 1.5)   # sum ≠ mean; the bias counts once, not per input


def neuron_cases(rng):
    """(x, w, b) as numpy arrays and a float (the learner gets x and w as float32 NDArrays): the fixed case,
    then a random single input and a random 5 inputs."""
    x, w, b = FIXED_NEURON
    return [(np.array(x), np.array(w), b)] + [(rng.normal(size=n), rng.normal(size=n), float(rng.normal()))
                                              for n in (1, 5)]


def check_neuron_output(answer):
    run_cases(answer, neuron_cases(np.random.default_rng()), numpy_neuron, given=as_ndarrays)


def relu_slope(z):
    """ReLU's derivative: 1 where z > 0, 0 where z < 0."""
    return (z > 0).astype("float32")


def exact_relu_slope(z):
    """What autograd gives for nd.relu at z ≠ 0, and z itself (for the message)."""
    z = as_numpy(z)
    return (z > 0).astype("float64"), z


# 1.0: where ReLU itself is also 1; ±1e-3 and ±1e-4: a steep smooth step (sigmoid(1000 z)) or a threshold
# a little above 0 (z > 0.1) gives something else there
FIXED_SLOPES = [-2.0, -0.5, 0.25, 1.0, 3.0, 0.7, -1.3, 1e-3, -1e-3, 1e-4, -1e-4]


def slope_cases(rng):
    return [(np.array(FIXED_SLOPES),)] + [(rng.choice([-1, 1], size=n) * rng.uniform(0.01, 5, size=n),)
                                          for n in (4, 20)]


def compare_slopes(got, truth, what, tol):
    """same_values, but a wrong slope is reported with the z it belongs to."""
    expected, z = truth
    values = as_numpy(got)
    if values.shape == expected.shape and np.all(np.isfinite(values)):
        error = np.abs(values - expected)
        if error.max() > tol:
            at = int(error.argmax())
            z, expected, values = z.reshape(-1), expected.reshape(-1), values.reshape(-1)
            near = (" (ReLU's slope jumps from 0 to 1 right at z = 0, however close to 0 z is: no smooth step, "
                    "no threshold other than 0)" if abs(z[at]) < 0.2 else "")
            raise Wrong(f"{what}: at z = {z[at]:.4g} the slope is {expected[at]:g}, you gave {values[at]:.4g}{near}")
    same_values(got, expected, what, tol)


def check_relu_slope(answer):
    run_cases(answer, slope_cases(np.random.default_rng()), exact_relu_slope,
              what=lambda args: f"for z = {describe(args)}", compare=compare_slopes, given=as_ndarrays)


AND_GATE = (10.0, 10.0, -15.0)


def check_and_gate(answer):
    try:
        values = as_numpy(answer).ravel()
    except (TypeError, ValueError):
        raise Wrong(f"give three numbers (w1, w2, b), not {answer!r}") from None
    if values.size != 3:
        raise Wrong(f"give three numbers (w1, w2, b), not {values.size}")
    w1, w2, b = values
    for x1 in (0, 1):
        for x2 in (0, 1):
            fire = 1 / (1 + np.exp(-np.clip(w1 * x1 + w2 * x2 + b, -500, 500)))   # (no overflow for huge weights)
            wanted = x1 and x2
            if (fire > 0.9) != bool(wanted) or (not wanted and fire >= 0.1):
                raise Wrong(f"inputs ({x1}, {x2}): the neuron outputs {fire:.3f}, but AND wants "
                            f"{'more than 0.9' if wanted else 'less than 0.1'}")


NEURON_RULE = ("A number or a one-element array (NDArray or numpy) will do; the check compares it "
               "with σ(w · x + b) to within 1e-5 on fixed and new random inputs.")
SLOPE_RULE = ("Return an array of z's shape holding 1.0 and 0.0 (NDArray or numpy, any dtype); the check "
              "compares it with the slope autograd finds, to within 1e-5, on z as close to 0 as ±1e-4 too.")
AND_RULE = ("Give three numbers (a tuple, list or array); the check computes σ(w1·x1 + w2·x2 + b) for the four "
            "inputs.")

define("01", "neuron_output",
       f"Write neuron_output(x, w, b): sigmoid(w · x + b) for 1-D NDArrays x and w. {NEURON_RULE}",
       check_neuron_output,
       ("Multiply x and w element by element and add them up: (w * x).sum().",
        "The sigmoid of z is 1 / (1 + e^(-z)); nd.exp works element by element."),
       neuron_output, "a weighted sum, a bias and a squashing function: a neuron.")
define("01", "relu_slope", f"Write relu_slope(z): ReLU's derivative at every z (z is never exactly 0). {SLOPE_RULE}",
       check_relu_slope, ("Where ReLU is the identity its slope is 1; where it is 0 ...",
                          "A comparison like (z > 0) gives 1.0 or 0.0 per element."),
       relu_slope, "the same as autograd's: 1 for positive inputs, 0 for negative ones.")
define("01", "and_gate",
       f"Pick (w1, w2, b) so a sigmoid neuron computes AND: > 0.9 for (1, 1), < 0.1 otherwise. {AND_RULE}",
       check_and_gate, ("Only x1 = x2 = 1 may push w1*x1 + w2*x2 + b well above 0.",
                        "Try equal weights and a bias between -2 and -1 times one weight, far from 0."),
       AND_GATE, "one neuron is a logic gate: its line separates (1, 1) from the other three corners.")
