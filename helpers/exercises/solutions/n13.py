"""Notebook 13 · edge models: exercises, their checks and reference solutions."""

import numpy as np
from mxnet import nd

from helpers.exercises.checking import Wrong, same_values
from helpers.exercises.exercise import define


def quantize_int8(x, max_abs):
    """Symmetric INT8 as MXNet 1.9's CPU quantize_v2 does it: x · 127.5 / max_abs, rounded, clipped to [-128, 127]."""
    return nd.clip(nd.round(x * 127.5 / max_abs), -128, 127)


def check_quantize_int8(answer):
    rng = np.random.default_rng()
    for scale in (0.1, 3.0):
        x = nd.array(rng.normal(size=(4, 5)) * scale)
        max_abs = float(nd.abs(x).max().asscalar()) * 0.8          # some values beyond the range: they clip
        truth, _, _ = nd.contrib.quantize_v2(x, out_type="int8", min_calib_range=-max_abs, max_calib_range=max_abs)
        same_values(answer(x, max_abs), truth.astype("float32"), f"values of size ~{scale}, range ±{max_abs:.3g}", 0)


def binarize(w):
    """Binary weights as in BWN: the sign of each weight times the layer's mean absolute weight."""
    return nd.sign(w) * nd.abs(w).mean()


def check_binarize(answer):
    rng = np.random.default_rng()
    w = nd.array(rng.normal(size=(6, 4)))
    got = answer(w)
    if len(np.unique(np.round(np.abs(np.asarray(got.asnumpy() if hasattr(got, "asnumpy") else got)), 6))) != 1:
        raise Wrong("a binary layer has one magnitude: every weight is +scale or -scale")
    same_values(got, binarize(w), "a random 6x4 weight matrix")


def prune_neurons(W1, b1, W2, keep):
    """Remove the hidden neurons not in `keep`: their rows of W1 and b1 and their columns of W2."""
    return W1[keep], b1[keep], W2[:, keep]


def check_prune_neurons(answer):
    rng = np.random.default_rng()
    W1, b1, W2 = rng.normal(size=(8, 5)), rng.normal(size=8), rng.normal(size=(3, 8))
    keep = np.sort(rng.choice(8, 5, replace=False))
    got = answer(W1, b1, W2, keep)
    if len(got) != 3:
        raise Wrong("return (W1, b1, W2), smaller")
    W1s, b1s, W2s = (np.asarray(a) for a in got)
    if W1s.shape != (5, 5) or b1s.shape != (5,) or W2s.shape != (3, 5):
        raise Wrong(f"keeping 5 of 8 neurons: W1 (5, 5), b1 (5,), W2 (3, 5); got {W1s.shape}, {b1s.shape}, "
                    f"{W2s.shape}")
    mask = np.zeros(8)
    mask[keep] = 1
    x = rng.normal(size=(4, 5))
    masked = (np.maximum(x @ W1.T + b1, 0) * mask) @ W2.T
    same_values(np.maximum(x @ W1s.T + b1s, 0) @ W2s.T, masked, "the smaller network's output vs the masked one's")


define("13", "quantize_int8",
       "Write quantize_int8(x, max_abs): x as INT8 values (kept as floats), equal to MXNet's quantize_v2.",
       check_quantize_int8,
       ("One scale maps the range ±max_abs onto the 256 integers -128 .. 127.",
        "MXNet's CPU kernel multiplies by 127.5 / max_abs, rounds, and clips to [-128, 127]: values beyond "
        "the range saturate."),
       quantize_int8, "the same integers as MXNet's quantize_v2: a quarter of the memory of float32.")
define("13", "binarize", "Write binarize(w): each weight's sign times the mean absolute weight (BWN).",
       check_binarize, ("nd.sign gives ±1; nd.abs(w).mean() is the scale.",),
       binarize, "1 bit per weight plus one float for the layer.")
define("13", "prune_neurons",
       "Write prune_neurons(W1, b1, W2, keep): a smaller network without the hidden neurons not in `keep`.",
       check_prune_neurons,
       ("Neuron j of the hidden layer is row j of W1, entry j of b1, and column j of W2.",
        "Index with the list: W1[keep], b1[keep], W2[:, keep]."),
       prune_neurons, "smaller matrices compute the same outputs faster: this is the pruning that speeds up.")
