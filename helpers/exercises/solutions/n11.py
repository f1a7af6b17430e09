"""Notebook 11 · LSTM: exercises, their checks and reference solutions."""

import numpy as np
from mxnet import nd

from helpers.exercises.checking import Wrong, as_ndarrays, as_numpy, call_answer, same_values
from helpers.exercises.exercise import define

RNG = np.random.default_rng()   # one generator, new draws at every check (seeding one costs ~0.3 ms)


def lstm_step(x, h, c, W_x, W_h, b):
    """One LSTM step by hand; W_x, W_h and b stack the gates in MXNet's order: input, forget, candidate, output."""
    gates = nd.dot(x, W_x.T) + nd.dot(h, W_h.T) + b
    i, f, g, o = nd.split(gates, num_outputs=4, axis=1)
    c = nd.sigmoid(f) * c + nd.sigmoid(i) * nd.tanh(g)
    h = nd.sigmoid(o) * nd.tanh(c)
    return h, c


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def numpy_lstm_step(x, h, c, W_x, W_h, b):
    """gluon.rnn.LSTMCell's step in float64 numpy: gates in MXNet's order input, forget, candidate, output."""
    i, f, g, o = np.split(x @ W_x.T + h @ W_h.T + b, 4, axis=1)
    c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
    return sigmoid(o) * np.tanh(c), c


def check_lstm_step(answer):
    rng = RNG
    cases = []
    for batch, inputs, hidden in ((2, 3, 4), (1, 5, 2)):
        shapes = ((batch, inputs), (batch, hidden), (batch, hidden), (4 * hidden, inputs), (4 * hidden, hidden),
                  (4 * hidden,))
        cases.append(tuple(rng.normal(size=shape).astype("float32") for shape in shapes))   # x, h, c, W_x, W_h, b
    for arrays, given in zip(cases, as_ndarrays(cases), strict=True):
        batch, hidden = arrays[1].shape
        h_true, c_true = numpy_lstm_step(*(a.astype("float64") for a in arrays))
        got = call_answer(answer, *given)
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            raise Wrong("return the pair (h, c)")
        values = [as_numpy(v) for v in got]
        if all(v.shape == c_true.shape for v in values) and np.allclose(values[0], c_true, atol=1e-5) and \
                np.allclose(values[1], h_true, atol=1e-5):
            raise Wrong("you returned (c, h): return (h, c), in that order")
        same_values(got[1], c_true, f"the new memory c ({batch} x {hidden} units)")
        same_values(got[0], h_true, f"the new output h ({batch} x {hidden} units)")


def perplexity(losses):
    """Perplexity: e to the mean cross-entropy (natural log) per predicted character."""
    return float(np.exp(np.mean(losses)))


def check_perplexity(answer):
    rng = RNG
    cases = [([float(np.log(27))] * 4, "a model that guesses among 27 characters"),
             ([0.5, 2.0, 3.5], "losses 0.5, 2.0 and 3.5")]
    for n in (5, 50):
        losses = [float(v) for v in np.round(rng.uniform(0.5, 3, n), 3)]
        cases.append((losses, f"{n} per-character losses {losses[:5]}..."))
    for losses, what in cases:
        same_values(call_answer(answer, list(losses)), perplexity(losses), what)


def ctc_decode(best, blank):
    """Greedy CTC decoding of one best-class-per-column sequence: merge repeats, then drop blanks."""
    merged = [c for i, c in enumerate(best) if i == 0 or c != best[i - 1]]
    return [c for c in merged if c != blank]


def check_ctc_decode(answer):
    rng = RNG
    cases = [([10, 3, 3, 10, 3, 10, 10, 7], 10), ([1, 1, 1, 10, 1], 10), ([5, 5, 10, 5], 10), ([10, 10], 10),
             ([], 10), ([0, 1, 1, 0, 0, 2, 2, 1], 0)]
    cases += [([int(c) for c in rng.choice([10, 10, 10, 2, 5, 8], size=12)], 10) for _ in range(3)]
    for best, blank in cases:
        got, wanted = call_answer(answer, list(best), blank), ctc_decode(best, blank)
        try:
            if isinstance(got, str):
                raise ValueError
            values = list(got.asnumpy() if hasattr(got, "asnumpy") else got)   # an NDArray will do; a generator too
            if not all(float(c) == int(c) for c in values):
                raise ValueError
            got = [int(c) for c in values]
        except (TypeError, ValueError):
            shown = repr(got) if len(repr(got)) < 60 and "\n" not in repr(got) else type(got).__name__
            raise Wrong(f"columns {best} (blank = {blank}): return a list of class numbers (ints, or an array of "
                        f"them), got {shown}") from None
        if got != wanted:
            raise Wrong(f"columns {best} (blank = {blank}) read as {wanted}, you gave {got}")


LSTM_RULE = ("Checked on random inputs, states and weights for two sizes: c and h within 1e-5 of "
             "gluon.rnn.LSTMCell's (NDArray or numpy results both work).")
PERPLEXITY_RULE = ("Perplexity is e to the mean loss (natural log, not base 2); checked to 1e-5 on fixed losses "
                   "(log 27 four times gives 27) and random lists of 5 and 50.")
CTC_RULE = ("Merge repeats first, then drop blanks; use the blank you are given (it is 10 or 0 in the checks); "
            "checked on fixed sequences (repeats split by a blank, only blanks, an empty list) and random ones.")


define("11", "lstm_step",
       "Write lstm_step(x, h, c, W_x, W_h, b) -> (h, c): one step of gluon.rnn.LSTMCell by hand.\n" + LSTM_RULE,
       check_lstm_step,
       ("Compute all four gate pre-activations at once: x W_xᵀ + h W_hᵀ + b, then split into 4 along axis 1.",
        "MXNet's order is input, forget, candidate (tanh), output; the others go through a sigmoid.",
        "c = f * c + i * g, then h = o * tanh(c)."),
       lstm_step, "equal to gluon.rnn.LSTMCell: four gates, one memory.")
define("11", "perplexity",
       "Write perplexity(losses): from per-character cross-entropies (natural log).\n" + PERPLEXITY_RULE,
       check_perplexity,
       ("Average the losses first.", "Then take e to that power: np.exp."),
       perplexity, "27 means 'guessing among 27 characters'; lower is better.")
define("11", "ctc_decode", "Write ctc_decode(best, blank): merge repeated classes, then drop the blanks.\n" + CTC_RULE,
       check_ctc_decode,
       ("Order matters: merging after dropping blanks would turn 3, blank, 3 into a single 3.",),
       ctc_decode, "that is how one network output reads lines of any length.")
