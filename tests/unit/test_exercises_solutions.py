"""helpers.exercises.solutions: every exercise's reference solution passes, a plausible wrong answer fails
with its specific reason, and the placeholder reports "not attempted"."""

from collections import Counter

import numpy as np
import pytest
from mxnet import nd

from helpers.exercises import ____
from helpers.exercises.catalogue import load_all
from helpers.exercises.solutions import n01, n02, n03, n04, n05, n06, n07, n08, n09, n10, n11, n12, n13

ALL = load_all()


def wrong_lstm_gate_order(x, h, c, W_x, W_h, b):
    f, i, g, o = nd.split(nd.dot(x, W_x.T) + nd.dot(h, W_h.T) + b, num_outputs=4, axis=1)   # i and f swapped
    c = nd.sigmoid(f) * c + nd.sigmoid(i) * nd.tanh(g)
    return nd.sigmoid(o) * nd.tanh(c), c


def wrong_backprop_forgets_tanh(x, y, W1, b1, W2, b2):
    dW1, db1, dW2, db2 = n04.backprop(x, y, W1, b1, W2, b2)
    h = nd.tanh(nd.dot(x, W1.T) + b1)
    dz = nd.softmax(nd.dot(h, W2.T) + b2) - nd.one_hot(y, W2.shape[0], dtype=x.dtype)
    return nd.dot(nd.dot(dz, W2).T, x), db1, dW2, db2


# (notebook, name) -> a plausible wrong answer and words its message must contain
WRONG = {
    ("01", "neuron_output"): (lambda x, w, b: (w * x).sum() + b, "expected"),
    ("01", "relu_slope"): (lambda z: nd.relu(z), "the slope is 1, you gave"),
    ("01", "and_gate"): ((1, 1, -1.5), "AND wants less than 0.1"),
    ("02", "one_hot"): (lambda labels, k: nd.arange(k + 1).reshape((1, -1)) == labels.reshape((-1, 1)), "shape"),
    ("02", "softmax"): (lambda z: nd.exp(z) / nd.exp(z).sum(axis=1, keepdims=True), "NaN or infinity"),
    ("02", "accuracy"): (lambda p, labels: (p.argmax(axis=1) == labels).sum(), "predictions"),
    ("03", "cross_entropy"): (lambda p, labels: -nd.log(nd.pick(p, labels, axis=1)).sum(), "expected"),
    ("03", "l2_loss"): (lambda p, t: ((p - t) ** 2).mean(axis=1), "expected"),
    ("03", "logits_gradient"): (lambda z, labels: nd.one_hot(labels, z.shape[1]) - nd.softmax(z), "expected"),
    ("04", "sgd_step"): (lambda w, g, lr, batch: w - lr * g, "expected"),
    ("04", "backprop"): (wrong_backprop_forgets_tanh, "dW1"),
    ("04", "numerical_gradient"): (lambda f, w, eps=1e-5: np.array([(f(w + eps) - f(w)) / eps] * len(w)), "central"),
    ("05", "best_epoch"): (lambda losses: int(np.argmin(losses)), "one too few"),
    ("05", "stopping_epoch"): (lambda losses, patience: len(losses), "training stops after epoch"),
    ("05", "split_indices"): (lambda n, v, s: (np.arange(v, n), np.arange(v)), "shuffle first"),
    ("06", "gradient_descent"): (lambda g, s, lr, n: n06.gradient_descent(g, s, lr, n)[1:], "expected shape"),
    ("06", "critical_point_kind"): (lambda a, b, c: "minimum" if a > 0 and c > 0 else
                                    "maximum" if a < 0 and c < 0 else "saddle", "saddle at (0, 0)"),
    ("06", "interpolate"): (lambda t0, t1, a: [a * x + (1 - a) * y for x, y in zip(t0, t1, strict=True)], "alpha"),
    ("07", "momentum_pytorch_form"): (lambda w, g, buf, lr, mu=0.9: (w - lr * (mu * buf + g), buf), "step 2"),
    ("07", "adam_textbook"): (lambda w, g, s, lr, *betas: n07.adam_textbook(w, g, (s[0], s[1], 0), lr, *betas),
                              "step 2"),
    ("07", "sgd_weight_decay"): (lambda w, g, s, lr, wd=0.01: (w - lr * g - wd * w, s), "step 1"),
    ("08", "diagonal_lines"): ([[1, 0, -1], [0, 0, 0], [-1, 0, 1]], "as strongly as the ↘ diagonal"),
    ("08", "output_size"): (lambda s, k, p=0, st=1: (s + 2 * p - k) // st, "MXNet's output is"),
    ("08", "conv_parameters"): (lambda c_in, c_out, k: c_in * c_out * k * k, "expected"),
    ("09", "top5"): (lambda logits, classes: n09.top5(logits, classes)[::-1], "most probable first"),
    ("09", "normalize"): (lambda img: ((img.astype("float32") - nd.array(n09.MEAN)) / nd.array(n09.STD))
                          .transpose((2, 0, 1)).expand_dims(0), "photo"),
    ("09", "freeze"): (lambda net, k: n09.freeze(net, k + 1), "expected ['write']"),
    ("10", "box_iou"): (lambda a, b: 0.9 * n10.box_iou(a, b), "expected 1.0, got 0.9"),
    ("10", "nms"): (lambda b, s, t: sorted(n10.nms(b, s, t)), "best score first"),
    ("10", "class_iou"): (lambda p, t, c: ((p == c) & (t == c)).sum() / (t == c).sum(), "class 1"),
    ("11", "lstm_step"): (wrong_lstm_gate_order, "the new memory c"),
    ("11", "perplexity"): (lambda losses: float(np.exp(np.sum(losses))), "27 characters"),
    ("11", "ctc_decode"): (lambda best, blank: n11.ctc_decode([c for c in best if c != blank], blank), "read as"),
    ("12", "discriminator_loss"): (lambda real, fake: n12.discriminator_loss(fake, real), "swapped"),
    ("12", "generator_loss"): (lambda fake: nd.log(1 - nd.sigmoid(fake)), "saturating"),
    ("12", "class_entropy"): (lambda predicted: float(len(set(predicted))), "mode collapse"),
    ("13", "quantize_int8"): (lambda x, m: nd.round(x * 127 / m), "must saturate"),
    ("13", "binarize"): (lambda w: nd.sign(w), "expected"),
    ("13", "prune_neurons"): (lambda W1, b1, W2, keep: (W1[keep], b1[keep], W2[keep]), "column j of W2"),
}
SOLUTIONS = {key: exercise.reference for key, exercise in ALL.items()}
_ = (n01, n02, n03, n05, n08, n13)   # imported so each module's exercises are registered even if listed below
pytestmark = pytest.mark.usefixtures("private_progress")


def test_at_least_three_exercises_in_each_notebook_from_01_to_12():
    per_notebook = Counter(nb for nb, _ in ALL)
    assert all(per_notebook[f"{n:02d}"] >= 3 for n in range(1, 13)), per_notebook
    assert sum(per_notebook.values()) >= 36
    assert set(WRONG) == set(ALL), "every exercise needs a plausible wrong answer below"


@pytest.mark.parametrize("key", sorted(ALL), ids="/".join)
def test_the_reference_solution_passes(key, capsys):
    assert ALL[key].check(SOLUTIONS[key]) is True
    assert capsys.readouterr().out.startswith("✔")


@pytest.mark.parametrize("key", sorted(ALL), ids="/".join)
def test_a_plausible_wrong_answer_fails_with_its_reason(key, capsys):
    answer, words = WRONG[key]
    assert ALL[key].check(answer) is False
    out = capsys.readouterr().out
    assert out.startswith("✘") and words in out, out


@pytest.mark.parametrize("key", sorted(ALL), ids="/".join)
def test_the_placeholder_is_not_attempted(key, capsys, private_progress):
    blank = (lambda *args, **kwargs: ____) if callable(SOLUTIONS[key]) else ____
    assert ALL[key].check(blank) is False
    assert "not attempted yet" in capsys.readouterr().out
    assert not private_progress.exists()           # nothing recorded for a blank


@pytest.mark.parametrize("key", sorted(ALL), ids="/".join)
def test_hints_and_solution_are_there(key, capsys):
    exercise = ALL[key]
    assert 1 <= len(exercise.hints) <= 3 and exercise.prompt
    exercise.hint()
    exercise.hint(len(exercise.hints))
    exercise.solution()
    out = capsys.readouterr().out
    assert "Hint 1/" in out and (f"def {exercise.reference.__name__}" in out if callable(exercise.reference)
                                 else f"{exercise.name} = " in out)
