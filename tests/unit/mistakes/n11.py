"""Notebook 11's exercises: mistakes learners make (each must be rejected every time) and right answers
written differently (each must be accepted every time); run by tests/unit/test_exercise_mistakes.py."""

import itertools
import math

import numpy as np
from mxnet import nd


# lstm_step(x, h, c, W_x, W_h, b) -> (h, c); MXNet's gate order: input, forget, candidate, output
def _gates(x, h, W_x, W_h, b, bias=True):
    z = nd.dot(x, W_x.T) + nd.dot(h, W_h.T) + (b if bias else 0)
    return nd.split(z, num_outputs=4, axis=1)


def lstm_input_and_forget_swapped(x, h, c, W_x, W_h, b):
    f, i, g, o = _gates(x, h, W_x, W_h, b)
    c = nd.sigmoid(f) * c + nd.sigmoid(i) * nd.tanh(g)
    return nd.sigmoid(o) * nd.tanh(c), c


def lstm_candidate_through_sigmoid(x, h, c, W_x, W_h, b):
    i, f, g, o = _gates(x, h, W_x, W_h, b)
    c = nd.sigmoid(f) * c + nd.sigmoid(i) * nd.sigmoid(g)
    return nd.sigmoid(o) * nd.tanh(c), c


def lstm_output_without_tanh(x, h, c, W_x, W_h, b):
    i, f, g, o = _gates(x, h, W_x, W_h, b)
    c = nd.sigmoid(f) * c + nd.sigmoid(i) * nd.tanh(g)
    return nd.sigmoid(o) * c, c


def lstm_no_input_gate(x, h, c, W_x, W_h, b):
    i, f, g, o = _gates(x, h, W_x, W_h, b)
    c = nd.sigmoid(f) * c + nd.tanh(g)
    return nd.sigmoid(o) * nd.tanh(c), c


def lstm_output_from_the_old_memory(x, h, c, W_x, W_h, b):
    i, f, g, o = _gates(x, h, W_x, W_h, b)
    new_c = nd.sigmoid(f) * c + nd.sigmoid(i) * nd.tanh(g)
    return nd.sigmoid(o) * nd.tanh(c), new_c


def lstm_returns_c_then_h(x, h, c, W_x, W_h, b):
    i, f, g, o = _gates(x, h, W_x, W_h, b)
    c = nd.sigmoid(f) * c + nd.sigmoid(i) * nd.tanh(g)
    return c, nd.sigmoid(o) * nd.tanh(c)


def lstm_no_bias(x, h, c, W_x, W_h, b):
    i, f, g, o = _gates(x, h, W_x, W_h, b, bias=False)
    c = nd.sigmoid(f) * c + nd.sigmoid(i) * nd.tanh(g)
    return nd.sigmoid(o) * nd.tanh(c), c


def lstm_tensorflow_order(x, h, c, W_x, W_h, b):
    i, g, f, o = _gates(x, h, W_x, W_h, b)            # TensorFlow's i, j (candidate), f, o
    c = nd.sigmoid(f) * c + nd.sigmoid(i) * nd.tanh(g)
    return nd.sigmoid(o) * nd.tanh(c), c


def lstm_output_gate_before_candidate(x, h, c, W_x, W_h, b):
    i, f, o, g = _gates(x, h, W_x, W_h, b)
    c = nd.sigmoid(f) * c + nd.sigmoid(i) * nd.tanh(g)
    return nd.sigmoid(o) * nd.tanh(c), c


def lstm_numpy_float64(x, h, c, W_x, W_h, b):
    x, h, c, W_x, W_h, b = (a.asnumpy().astype("float64") for a in (x, h, c, W_x, W_h, b))
    sigmoid = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    i, f, g, o = np.split(x @ W_x.T + h @ W_h.T + b, 4, axis=1)
    c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
    return sigmoid(o) * np.tanh(c), c


def lstm_gate_by_gate(x, h, c, W_x, W_h, b):
    n = W_h.shape[1]
    gate = lambda k: nd.dot(x, W_x[k * n:(k + 1) * n].T) + nd.dot(h, W_h[k * n:(k + 1) * n].T) + b[k * n:(k + 1) * n]  # noqa: E731
    c = nd.sigmoid(gate(1)) * c + nd.sigmoid(gate(0)) * nd.tanh(gate(2))
    return nd.sigmoid(gate(3)) * nd.tanh(c), c


def lstm_fully_connected(x, h, c, W_x, W_h, b):
    z = nd.FullyConnected(x, W_x, b, num_hidden=W_x.shape[0]) + nd.FullyConnected(h, W_h, no_bias=True,
                                                                                   num_hidden=W_h.shape[0])
    i, f, g, o = nd.split(z, num_outputs=4, axis=1)
    c = nd.Activation(f, act_type="sigmoid") * c + nd.Activation(i, act_type="sigmoid") * nd.tanh(g)
    return nd.Activation(o, act_type="sigmoid") * nd.tanh(c), c


# ctc_decode(best, blank)
def ctc_drops_blanks_then_merges(best, blank):
    kept = [c for c in best if c != blank]
    return [c for i, c in enumerate(kept) if i == 0 or c != kept[i - 1]]


def ctc_skips_the_first_column(best, blank):
    return [best[i] for i in range(1, len(best)) if best[i] != best[i - 1] and best[i] != blank]


def ctc_groupby(best, blank):
    return [c for c, _ in itertools.groupby(best) if c != blank]


def ctc_numpy(best, blank):
    a = np.asarray(best, dtype=np.int64)
    if a.size == 0:
        return a
    return a[np.r_[True, a[1:] != a[:-1]] & (a != blank)]


def ctc_previous_column(best, blank):
    out, previous = [], None
    for c in best:
        if c != previous and c != blank:
            out.append(c)
        previous = c
    return out


def ctc_as_a_string(best, blank):
    return "".join(str(c) for c in ctc_groupby(best, blank))


def ctc_as_an_ndarray(best, blank):
    out = ctc_groupby(best, blank)
    return nd.array(out) if out else []


WRONG = {
    "lstm_step": [
        (lstm_input_and_forget_swapped, "input and forget gates swapped"),
        (lstm_candidate_through_sigmoid, "the candidate through a sigmoid, not tanh"),
        (lstm_output_without_tanh, "h = o * c (no tanh)"),
        (lstm_no_input_gate, "c = f * c + g (no input gate)"),
        (lstm_output_from_the_old_memory, "h from the old c"),
        (lstm_returns_c_then_h, "returns (c, h)"),
        (lstm_no_bias, "forgot the bias"),
        (lstm_tensorflow_order, "TensorFlow's gate order i, candidate, f, o"),
        (lstm_output_gate_before_candidate, "gate order i, f, o, candidate"),
    ],
    "perplexity": [
        (lambda losses: float(np.exp(np.sum(losses))), "e to the sum"),
        (lambda losses: float(np.mean(losses)), "the mean loss, no exponential"),
        (lambda losses: float(2 ** np.mean(losses)), "2 to the mean (bits)"),
        (lambda losses: float(np.mean(np.exp(losses))), "the mean of e to each loss"),
        (lambda losses: float(np.exp(-np.mean(losses))), "e to minus the mean"),
        (lambda losses: float(10 ** np.mean(losses)), "10 to the mean"),
        (lambda losses: float(np.exp(np.median(losses))), "e to the median"),
        (lambda losses: float(1 / np.mean(np.exp(-np.asarray(losses)))), "1 / mean probability"),
    ],
    "ctc_decode": [
        (ctc_drops_blanks_then_merges, "drops the blanks, then merges"),
        (lambda best, blank: [c for c in best if c != blank], "drops blanks, never merges"),
        (lambda best, blank: [c for i, c in enumerate(best) if i == 0 or c != best[i - 1]], "merges, keeps blanks"),
        (lambda best, blank: [c for c in dict.fromkeys(best) if c != blank], "keeps each class once"),
        (ctc_skips_the_first_column, "skips the first column"),
        (lambda best, blank: ctc_groupby(best, 10), "blank hard-coded as 10"),
        (lambda best, blank: sorted(set(best) - {blank}), "sorted set of classes"),
        (ctc_as_a_string, "a string of digits, not a list (the review's D13)"),
    ],
}

RIGHT = {
    "lstm_step": [
        (lstm_numpy_float64, "numpy float64"),
        (lstm_gate_by_gate, "one weight slice per gate"),
        (lstm_fully_connected, "nd.FullyConnected and nd.Activation"),
    ],
    "perplexity": [
        (lambda losses: math.exp(sum(losses) / len(losses)), "math.exp of sum / len"),
        (lambda losses: nd.exp(nd.array(losses).mean()), "an NDArray, float32"),
        (lambda losses: np.prod(np.exp(-np.asarray(losses))) ** (-1 / len(losses)), "geometric mean of 1/p"),
    ],
    "ctc_decode": [
        (ctc_groupby, "itertools.groupby"),
        (ctc_numpy, "numpy masks, int64 array"),
        (ctc_previous_column, "a loop remembering the previous column"),
        (ctc_as_an_ndarray, "an NDArray, float32 (the review's D9)"),
    ],
}
