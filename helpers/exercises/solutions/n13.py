"""Notebook 13 · edge models: exercises, their checks and reference solutions."""

import numpy as np
from mxnet import nd

from helpers.exercises.checking import Wrong, as_ndarrays, as_numpy, call_answer, same_values
from helpers.exercises.exercise import define

RNG = np.random.default_rng()   # one generator, new draws at every check (seeding one costs ~0.3 ms)


def quantize_int8(x, max_abs):
    """Symmetric INT8 as MXNet 1.9's CPU quantize_v2 does it: x · 127.5 / max_abs, rounded, clipped to [-128, 127]."""
    return nd.clip(nd.round(x * 127.5 / max_abs), -128, 127)


def textbook_int8(x, max_abs):
    """Symmetric INT8 as textbooks write it: x · 127 / max_abs, rounded, clipped to [-127, 127]."""
    return nd.clip(nd.round(x * 127 / max_abs), -127, 127)


FIXED_FRACTIONS = [0.1, -0.1, 0.3, 0.7, -0.7, 0.9, -0.9, 0.998, -0.998, 1.3, -1.3, 0.02, -0.45]   # of max_abs


def rounded_either_way(scaled, low, high):
    """The integers a correct answer may give: round(scaled) clipped, or, within 1e-4 of a .5 (where float32 and
    float64 arithmetic may round apart), the other neighbour too."""
    nearest = np.clip(np.round(scaled), low, high)
    tie = np.abs(np.abs(scaled - np.floor(scaled)) - 0.5) < 1e-4
    other = np.clip(np.where(np.round(scaled) == np.floor(scaled), np.ceil(scaled), np.floor(scaled)), low, high)
    return nearest, np.where(tie, other, nearest)


CONVENTIONS = {"MXNet's (x · 127.5 / max_abs, rounded, clipped to [-128, 127])": (127.5, -128),
               "the textbook's (x · 127 / max_abs, rounded, clipped to [-127, 127])": (127, -127)}


def quantize_advice(got, x, max_abs):
    """What a wrong INT8 answer most likely did, as advice (or '')."""
    if not np.allclose(got, np.round(got)):
        return ("return the INT8 values themselves (whole numbers, as floats), not values converted back "
                "(dequantized)")
    if got.max() > 127 or got.min() < -128:
        return "values beyond ±max_abs must saturate: clip to the INT8 range"
    for scale, low, mixed in ((127.5, -127, "127.5 goes with clipping to [-128, 127]"),
                              (127, -128, "127 goes with clipping to [-127, 127] (MXNet's older "
                                          "nd.contrib.quantize mixes them so: use nd.contrib.quantize_v2, whose "
                                          "output is MXNet's convention, or write it by hand)")):
        if np.array_equal(got, np.clip(np.round(x * scale / max_abs), low, 127)):
            return f"you mixed the two conventions: the scale {mixed}"
    return ""


def check_quantize_int8(answer):
    rng = RNG
    cases = [((np.array(FIXED_FRACTIONS) * 2.0).astype("float32"), 2.0,
              "fixed values inside the range, at its edge and beyond it on both sides, range ±2")]
    for scale in (rng.uniform(0.1, 3.0),):
        x = (rng.normal(size=(4, 5)) * scale).astype("float32")
        max_abs = float(np.abs(x).max()) * 0.8                     # some values beyond the range: they clip
        cases.append((x, max_abs, f"values of size ~{scale:.2g}, range ±{max_abs:.3g}"))
    for (x, max_abs, what), (given, _, _) in zip(cases, as_ndarrays(cases), strict=True):
        got = as_numpy(call_answer(answer, given, max_abs))
        if got.shape != x.shape:
            raise Wrong(f"{what}: expected shape {x.shape}, got {got.shape}")
        x64, closest = x.astype("float64"), None
        for name, (scale, low) in CONVENTIONS.items():
            nearest, alternative = rounded_either_way(x64 * scale / max_abs, low, 127)
            if np.all((got == nearest) | (got == alternative)):
                break
            wrong = int(np.sum((got != nearest) & (got != alternative)))
            if closest is None or wrong < closest[0]:
                closest = (wrong, name, nearest)
        else:
            wrong, name, nearest = closest
            at = np.flatnonzero((got != nearest).reshape(-1))[0]
            advice = quantize_advice(got, x64, max_abs)
            raise Wrong(f"{what}: {wrong} of {x.size} values differ from {name}, e.g. x = {x.reshape(-1)[at]:.4g} "
                        f"gives {nearest.reshape(-1)[at]:.0f}, you gave {got.reshape(-1)[at]:.4g}"
                        + (f": {advice}" if advice else ""))


def binarize(w):
    """Binary weights as in BWN: the sign of each weight times the layer's mean absolute weight."""
    return nd.sign(w) * nd.abs(w).mean()


def binarize_per_row(w):
    """BWN with one scale per output row (per filter, as in the paper): sign(w) times each row's mean |w|."""
    return nd.sign(w) * nd.abs(w).mean(axis=1, keepdims=True)


def check_binarize(answer):
    rng = RNG
    # rows of unequal size; the mean weight is 0.0875, so the weight 0.05 lies between 0 and the mean
    rows = np.array([[0.5, -1.0, 1.5, -2.0], [-0.1, 0.3, 0.05, -0.2], [4.0, 1.0, -6.0, 3.0]])
    cases = [(rows.astype("float32"), "a 3x4 matrix whose rows differ in size"),
             ((rng.normal(size=(6, 4)) * rng.uniform(0.2, 3, (6, 1))).astype("float32"), "a random 6x4 weight matrix")]
    for (w, what), (given, _) in zip(cases, as_ndarrays(cases), strict=True):
        got = as_numpy(call_answer(answer, given))
        if got.shape != w.shape:
            raise Wrong(f"{what}: expected shape {w.shape}, got {got.shape}")
        per_layer = np.sign(w) * np.abs(w).mean()
        per_row = np.sign(w) * np.abs(w).mean(axis=1, keepdims=True)
        if any(np.allclose(got, wanted, rtol=1e-5, atol=1e-6) for wanted in (per_layer, per_row)):
            continue
        if np.any(np.sign(got) != np.sign(w)):
            raise Wrong(f"{what}: each binary weight has the sign of its weight: sign(w) times a positive scale")
        if any(len(np.unique(np.round(np.abs(row), 5))) != 1 for row in got):
            raise Wrong(f"{what}: a binary weight is +α or -α: one α for the whole matrix, or one per output row "
                        "(per filter); your magnitudes differ within a row")
        same_values(got, per_layer, f"{what} (α = the mean absolute weight, of the matrix or of each row)")


def prune_neurons(W1, b1, W2, keep):
    """Remove the hidden neurons not in `keep`: their rows of W1 and b1 and their columns of W2."""
    return W1[keep], b1[keep], W2[:, keep]


def check_prune_neurons(answer):
    rng = RNG
    W1 = rng.normal(size=(6, 4))
    W1 *= np.where(np.isin(np.arange(6), [4, 1, 3]), 3, 9)[:, None] / np.abs(W1).sum(axis=1, keepdims=True)
    cases = [(W1, rng.normal(size=6), rng.normal(size=(6, 6)), [4, 1, 3],   # the kept rows are the smallest ones
              "6 hidden neurons of which 3 kept in the order [4, 1, 3], 6 outputs"),
             (rng.normal(size=(8, 5)), rng.normal(size=8), rng.normal(size=(3, 8)),
              np.sort(rng.choice(8, 5, replace=False)), "8 hidden neurons, 5 kept, 3 outputs")]
    for W1, b1, W2, keep, what in cases:
        got = call_answer(answer, W1.copy(), b1.copy(), W2.copy(), keep.copy())
        if not isinstance(got, (tuple, list)) or len(got) != 3:
            raise Wrong("return (W1, b1, W2), smaller")
        W1s, b1s, W2s = (as_numpy(a) for a in got)
        n, inputs, outputs = len(keep), W1.shape[1], W2.shape[0]
        if W1s.shape != (n, inputs) or b1s.shape != (n,) or W2s.shape != (outputs, n):
            raise Wrong(f"{what}: keeping {n} neurons: W1 {(n, inputs)}, b1 {(n,)}, W2 {(outputs, n)}; got "
                        f"{W1s.shape}, {b1s.shape}, {W2s.shape} (neuron j is row j of W1, entry j of b1, column j "
                        "of W2)")
        mask = np.zeros(len(b1))
        mask[keep] = 1
        x = rng.normal(size=(32, inputs))      # 32 inputs: every hidden neuron is active for some of them
        masked = (np.maximum(x @ W1.T + b1, 0) * mask) @ W2.T
        same_values(np.maximum(x @ W1s.T + b1s, 0) @ W2s.T, masked,
                    f"{what}: the smaller network's output vs the masked one's")


QUANTIZE_RULE = ("Two conventions are accepted, used consistently: MXNet's CPU kernel (x · 127.5 / max_abs, "
                 "rounded, clipped to [-128, 127]) and the textbook's symmetric one (x · 127 / max_abs, rounded, "
                 "clipped to [-127, 127]). Checked exactly on fixed values (inside the range, at its edge, beyond "
                 "it on both sides) and random ones.")
BINARIZE_RULE = ("Each weight becomes sign(w) · α, α the mean absolute weight: one α for the whole matrix (the "
                 "notebook's BinaryDense) or one per output row (per filter, as in the BWN paper); both are "
                 "accepted, within 1e-5. No weight is exactly 0 in the checks.")
PRUNE_RULE = ("Keep the neurons in the order given by keep (any order works if W1, b1 and W2 agree); checked by "
              "comparing the smaller network's output with the masked one's, within 1e-5, on a fixed unsorted keep "
              "and a random one.")


define("13", "quantize_int8",
       "Write quantize_int8(x, max_abs): x as INT8 values (kept as floats), as MXNet's quantize_v2 or the textbook.\n"
       + QUANTIZE_RULE,
       check_quantize_int8,
       ("One scale maps the range ±max_abs onto the 256 integers -128 .. 127.",
        "MXNet's CPU kernel multiplies by 127.5 / max_abs, rounds, and clips to [-128, 127]: values beyond "
        "the range saturate (the textbook's 127 / max_abs with clipping to [-127, 127] is accepted too)."),
       quantize_int8, "8-bit integers: a quarter of the memory of float32.")
define("13", "binarize",
       "Write binarize(w): each weight's sign times the mean absolute weight (BWN).\n" + BINARIZE_RULE,
       check_binarize, ("nd.sign gives ±1; nd.abs(w).mean() is the scale.",),
       binarize, "1 bit per weight plus one float for the layer (or one per row).")
define("13", "prune_neurons",
       "Write prune_neurons(W1, b1, W2, keep): a smaller network without the hidden neurons not in `keep`.\n"
       + PRUNE_RULE,
       check_prune_neurons,
       ("Neuron j of the hidden layer is row j of W1, entry j of b1, and column j of W2.",
        "Index with the list: W1[keep], b1[keep], W2[:, keep]."),
       prune_neurons, "smaller matrices compute the same outputs faster: this is the pruning that speeds up.")
