"""Notebook 13's exercises: mistakes learners make (each must be rejected every time) and right answers
written differently (each must be accepted every time); run by tests/unit/test_exercise_mistakes.py."""

import numpy as np
from mxnet import nd


# quantize_int8(x, max_abs) -> the INT8 values as floats
def quantize_textbook(x, max_abs):
    return nd.clip(nd.round(x * 127 / max_abs), -127, 127)


def quantize_mxnet_library(x, max_abs):
    q, _, _ = nd.contrib.quantize_v2(x, out_type="int8", min_calib_range=-max_abs, max_calib_range=max_abs)
    return q.astype("float32")


def quantize_numpy_float64(x, max_abs):
    return np.clip(np.round(x.asnumpy().astype("float64") * 127.5 / max_abs), -128, 127)


def quantize_clip_before_scaling(x, max_abs):
    return nd.round(nd.clip(x, -max_abs, max_abs) * 127 / max_abs)


# binarize(w)
def binarize_per_row(w):
    return nd.sign(w) * nd.abs(w).mean(axis=1, keepdims=True)


def binarize_numpy_float64(w):
    w = w.asnumpy().astype("float64")
    return np.where(w >= 0, 1.0, -1.0) * np.abs(w).mean()


def binarize_per_row_numpy(w):
    w = w.asnumpy()
    return np.sign(w) * np.mean(np.abs(w), axis=1)[:, None]


# prune_neurons(W1, b1, W2, keep)
def prune_boolean_mask(W1, b1, W2, keep):
    mask = np.zeros(len(b1), dtype=bool)
    mask[keep] = True                       # sorted order: fine, as long as W1, b1 and W2 agree
    return W1[mask], b1[mask], W2[:, mask]


def prune_mixes_orders(W1, b1, W2, keep):
    return W1[keep], b1[keep], W2[:, np.sort(keep)]


def prune_zeroes_instead(W1, b1, W2, keep):
    mask = np.zeros(len(b1))
    mask[keep] = 1
    return W1 * mask[:, None], b1 * mask, W2 * mask


WRONG = {
    "quantize_int8": [
        (lambda x, m: nd.round(x * 127 / m), "no clipping"),
        (lambda x, m: (x * 127 / m).astype("int8").astype("float32"), "astype('int8'): truncates and wraps"),
        (lambda x, m: nd.clip(nd.floor(x * 127.5 / m), -128, 127), "floor instead of round"),
        (lambda x, m: nd.clip(nd.round(x * 128 / m), -128, 127), "scale 128 / max_abs"),
        (lambda x, m: nd.round(x * m / 127), "scale upside down: max_abs / 127"),
        (lambda x, m: nd.clip(nd.round(x * 127 / nd.abs(x).max()), -127, 127), "max |x| instead of max_abs"),
        (lambda x, m: nd.clip(nd.round(x * 127 / m), -127, 127) * m / 127, "returns the dequantized values"),
        (lambda x, m: nd.clip(nd.round(x * 127.5 / m), -127, 127), "conventions mixed: 127.5 with clip ±127"),
        (lambda x, m: nd.clip(nd.round((x + m) * 255 / (2 * m)), 0, 255), "asymmetric uint8 with a zero point"),
        (lambda x, m: nd.clip(nd.round(x * 255 / m), -128, 127), "scale 255 / max_abs"),
        (lambda x, m: nd.contrib.quantize(x, nd.array([-m]), nd.array([m]), out_type="int8")[0].astype("float32"),
         "MXNet's older nd.contrib.quantize: 127 with clipping to [-128, 127] (the review's D13)"),
    ],
    "binarize": [
        (lambda w: nd.sign(w), "the sign alone, no scale"),
        (lambda w: nd.sign(w) * nd.abs(w).max(), "α = max |w|"),
        (lambda w: nd.sign(w) * w.mean(), "α = mean of w (no abs)"),
        (lambda w: nd.sign(w) * nd.abs(w), "sign(w)·|w| = w: nothing binary"),
        (lambda w: nd.sign(w) * nd.abs(w).mean(axis=0, keepdims=True), "one α per column (input) instead of row"),
        (lambda w: nd.sign(w) * nd.sqrt((w ** 2).mean()), "α = root mean square"),
        (lambda w: nd.sign(w) * nd.abs(w).sum(), "α = sum of |w|"),
        (lambda w: nd.sign(w - w.mean()) * nd.abs(w).mean(), "signs of w minus its mean"),
    ],
    "prune_neurons": [
        (lambda W1, b1, W2, keep: (W1[keep], b1[keep], W2[keep]), "rows of W2 instead of columns"),
        (lambda W1, b1, W2, keep: (np.delete(W1, keep, 0), np.delete(b1, keep), np.delete(W2, keep, 1)),
         "removes the neurons in keep"),
        (lambda W1, b1, W2, keep: (W1[:, keep], b1[keep], W2[:, keep]), "columns of W1 (inputs) instead of rows"),
        (lambda W1, b1, W2, keep: (W1[keep], b1, W2[:, keep]), "b1 not pruned"),
        (prune_zeroes_instead, "zeroes the neurons instead of removing them"),
        (lambda W1, b1, W2, keep: (W1[keep], b1[keep], W2.T[keep]), "W2 transposed"),
        (lambda W1, b1, W2, keep: (lambda top: (W1[top], b1[top], W2[:, top]))(
            np.argsort(-np.abs(W1).sum(axis=1))[:len(keep)]), "keeps the largest rows of W1, ignoring keep"),
        (prune_mixes_orders, "W2's columns in sorted order, W1's rows in keep's order"),
    ],
}

RIGHT = {
    "quantize_int8": [
        (quantize_textbook, "the textbook: 127 / max_abs, clipped to ±127"),
        (quantize_mxnet_library, "MXNet's own nd.contrib.quantize_v2"),
        (quantize_numpy_float64, "numpy float64, MXNet's 127.5 form"),
        (quantize_clip_before_scaling, "the textbook, clipping x to ±max_abs first"),
    ],
    "binarize": [
        (binarize_per_row, "one α per output row (BWN per filter)"),
        (binarize_numpy_float64, "numpy float64, np.where for the sign"),
        (binarize_per_row_numpy, "per row, numpy"),
    ],
    "prune_neurons": [
        (lambda W1, b1, W2, keep: (np.take(W1, keep, 0), np.take(b1, keep), np.take(W2, keep, 1)), "np.take"),
        (prune_boolean_mask, "a boolean mask (sorted order)"),
        (lambda W1, b1, W2, keep: (np.array([W1[j] for j in keep]), np.array([b1[j] for j in keep]),
                                   np.array([W2[:, j] for j in keep]).T), "lists of rows and columns"),
    ],
}
