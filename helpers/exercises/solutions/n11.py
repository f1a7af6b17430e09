"""Notebook 11 · LSTM: exercises, their checks and reference solutions."""

import numpy as np
from mxnet import gluon, nd

from helpers.exercises.checking import Wrong, same_values
from helpers.exercises.exercise import define


def lstm_step(x, h, c, W_x, W_h, b):
    """One LSTM step by hand; W_x, W_h and b stack the gates in MXNet's order: input, forget, candidate, output."""
    gates = nd.dot(x, W_x.T) + nd.dot(h, W_h.T) + b
    i, f, g, o = nd.split(gates, num_outputs=4, axis=1)
    c = nd.sigmoid(f) * c + nd.sigmoid(i) * nd.tanh(g)
    h = nd.sigmoid(o) * nd.tanh(c)
    return h, c


def check_lstm_step(answer):
    rng = np.random.default_rng()
    for batch, inputs, hidden in ((2, 3, 4), (1, 5, 2)):
        cell = gluon.rnn.LSTMCell(hidden, input_size=inputs)
        cell.initialize()
        x, h, c = (nd.array(rng.normal(size=shape)) for shape in ((batch, inputs), (batch, hidden), (batch, hidden)))
        _, (h_true, c_true) = cell(x, [h, c])
        b = cell.i2h_bias.data() + cell.h2h_bias.data()
        got = answer(x, h, c, cell.i2h_weight.data(), cell.h2h_weight.data(), b)
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            raise Wrong("return the pair (h, c)")
        same_values(got[1], c_true, f"the new memory c ({batch} x {hidden} units)")
        same_values(got[0], h_true, f"the new output h ({batch} x {hidden} units)")


def perplexity(losses):
    """Perplexity: e to the mean cross-entropy (natural log) per predicted character."""
    return float(np.exp(np.mean(losses)))


def check_perplexity(answer):
    rng = np.random.default_rng()
    for n in (5, 50):
        losses = list(np.round(rng.uniform(0.5, 3, n), 3))
        same_values(answer(losses), perplexity(losses), f"per-character losses {losses[:5]}...")
    same_values(answer([np.log(27)] * 4), 27, "a model that guesses among 27 characters")


def ctc_decode(best, blank):
    """Greedy CTC decoding of one best-class-per-column sequence: merge repeats, then drop blanks."""
    merged = [c for i, c in enumerate(best) if i == 0 or c != best[i - 1]]
    return [c for c in merged if c != blank]


def check_ctc_decode(answer):
    rng = np.random.default_rng()
    cases = [[10, 3, 3, 10, 3, 10, 10, 7], [1, 1, 1, 10, 1]]
    cases += [list(rng.choice([10, 10, 10, 2, 5, 8], size=12)) for _ in range(3)]
    for best in cases:
        got, wanted = [int(c) for c in answer(best, 10)], ctc_decode(best, 10)
        if got != wanted:
            raise Wrong(f"columns {best} (blank = 10) read as {wanted}, you gave {got}")


define("11", "lstm_step",
       "Write lstm_step(x, h, c, W_x, W_h, b) -> (h, c): one step of gluon.rnn.LSTMCell by hand.",
       check_lstm_step,
       ("Compute all four gate pre-activations at once: x W_xᵀ + h W_hᵀ + b, then split into 4 along axis 1.",
        "MXNet's order is input, forget, candidate (tanh), output; the others go through a sigmoid.",
        "c = f * c + i * g, then h = o * tanh(c)."),
       lstm_step, "equal to gluon.rnn.LSTMCell: four gates, one memory.")
define("11", "perplexity", "Write perplexity(losses): from per-character cross-entropies (natural log).",
       check_perplexity,
       ("Average the losses first.", "Then take e to that power: np.exp."),
       perplexity, "27 means 'guessing among 27 characters'; lower is better.")
define("11", "ctc_decode", "Write ctc_decode(best, blank): merge repeated classes, then drop the blanks.",
       check_ctc_decode,
       ("Order matters: merging after dropping blanks would turn 3, blank, 3 into a single 3.",),
       ctc_decode, "that is how one network output reads lines of any length.")
