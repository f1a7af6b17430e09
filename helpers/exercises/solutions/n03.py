"""Notebook 03 · loss: exercises, their checks and reference solutions.

Each check runs fixed tricky cases first (they catch the usual mistakes every time), then new random
ones (so copying an output can't pass); tests/unit/mistakes/n03.py lists the mistakes it must catch.
"""

import numpy as np
from mxnet import nd

from helpers.exercises.checking import Wrong, as_ndarrays, as_numpy, forbidden_attribute, run_cases
from helpers.exercises.exercise import define


def cross_entropy(probabilities, labels):
    """Mean over the batch of -log(probability given to the true class)."""
    return -nd.log(nd.pick(probabilities, labels, axis=1)).mean()


def numpy_cross_entropy(probabilities, labels):
    p, y = as_numpy(probabilities), as_numpy(labels).astype(int)
    return -np.log(p[np.arange(len(y)), y]).mean()


FIXED_PROBABILITIES = [([[0.7, 0.2, 0.1], [0.1, 0.6, 0.3], [0.25, 0.25, 0.5]], [1, 2, 2])]   # true class ≠ argmax


def numpy_softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def probability_cases(rng):
    """(probabilities, labels) as numpy arrays; the learner gets float32 NDArrays."""
    cases = [(np.array(p), np.array(y, dtype="float64")) for p, y in FIXED_PROBABILITIES]
    for n, k in ((6, 10), (10, 2)):
        cases.append((numpy_softmax(rng.normal(size=(n, k)) * 2), rng.integers(0, k, n).astype("float64")))
    return cases


def describe_case(args):
    """'for probabilities [[...]] and labels [...]' (small arrays shown in full, bigger ones by shape)."""
    values, labels = as_numpy(args[0]), as_numpy(args[1]).astype(int).tolist()
    shown = np.round(values, 3).tolist() if values.size <= 9 else f"of shape {values.shape}"
    return f"for {'probabilities' if np.allclose(values.sum(axis=1), 1) else 'logits'} {shown} and labels {labels}"


def check_cross_entropy(answer):
    used = forbidden_attribute(answer, ("SoftmaxCrossEntropyLoss", "softmax_cross_entropy"))
    if used:
        raise Wrong(f"this exercise computes the cross-entropy by hand, and your code calls .{used} (the check "
                    "compares with it): pick each row's probability of the true class, then -log, then the mean")
    run_cases(answer, probability_cases(np.random.default_rng()), numpy_cross_entropy, what=describe_case,
              given=as_ndarrays)


def l2_loss(predictions, targets):
    """Gluon's L2Loss per sample: half the mean squared difference over each row."""
    return 0.5 * ((predictions - targets) ** 2).mean(axis=1)


def numpy_l2_loss(predictions, targets):
    return 0.5 * ((as_numpy(predictions) - as_numpy(targets)) ** 2).mean(axis=1)


FIXED_REGRESSION = [([[1.0, 2.0, 3.0, 4.0], [0.0, -1.0, 0.5, 2.0], [3.0, 3.0, -2.0, 0.0]],
                     [[0.5, 2.5, 1.0, 4.0], [1.0, 1.0, 0.0, 0.0], [0.0, 3.0, -1.5, 2.0]])]   # differences of 0.5 to 3


def regression_cases(rng):
    cases = [(np.array(p), np.array(t)) for p, t in FIXED_REGRESSION]
    return cases + [(rng.normal(size=(n, k)), rng.normal(size=(n, k))) for n, k in ((4, 3), (2, 1))]


def check_l2_loss(answer):
    used = forbidden_attribute(answer, ("L2Loss",))
    if used:
        raise Wrong("this exercise writes L2Loss out, without calling it (the check compares with it): half the "
                    "squared difference, averaged over each row")
    run_cases(answer, regression_cases(np.random.default_rng()), numpy_l2_loss,
              what=lambda args: f"for predictions and targets of shape {args[0].shape}", given=as_ndarrays)


def logits_gradient(logits, labels):
    """Gradient of the summed softmax cross-entropy with respect to the logits: softmax - one-hot."""
    return nd.softmax(logits, axis=1) - nd.one_hot(labels, logits.shape[1])


def exact_logits_gradient(logits, labels):
    """What autograd gives for gluon's SoftmaxCrossEntropyLoss summed over the batch, in numpy."""
    gradient = numpy_softmax(as_numpy(logits))
    gradient[np.arange(len(gradient)), as_numpy(labels).astype(int)] -= 1
    return gradient


FIXED_LOGITS = [([[2.0, 1.0, -1.0, 0.5], [0.0, 3.0, 1.0, -2.0], [1.0, 1.5, 0.5, 0.0]], [1, 3, 0])]


def logit_label_cases(rng):
    cases = [(np.array(z), np.array(y, dtype="float64")) for z, y in FIXED_LOGITS]
    return cases + [(rng.normal(size=(n, k)) * 2, rng.integers(0, k, n).astype("float64"))
                    for n, k in ((4, 10), (3, 3))]


def check_logits_gradient(answer):
    used = forbidden_attribute(answer, ("backward", "attach_grad", "record", "grad"))
    if used:
        raise Wrong(f"this exercise works the gradient out without autograd (you used .{used}; the check "
                    "compares with autograd): what is d loss / d logits for softmax cross-entropy?")
    run_cases(answer, logit_label_cases(np.random.default_rng()), exact_logits_gradient, what=describe_case,
              given=as_ndarrays)


CROSS_ENTROPY_RULE = ("By hand (not gluon's SoftmaxCrossEntropyLoss); the natural log; return a number or a "
                      "one-element array, checked to within 1e-5.")
L2_RULE = "NDArray or numpy of shape (N,); the check compares it to within 1e-5."
GRADIENT_RULE = ("Without autograd; the labels are class numbers (a float NDArray); return NDArray or numpy of "
                 "the logits' shape, checked against the gradient autograd finds, to within 1e-5.")

define("03", "cross_entropy",
       f"Write cross_entropy(probabilities, labels): the batch's mean cross-entropy. {CROSS_ENTROPY_RULE}",
       check_cross_entropy,
       ("Each image contributes -log of the probability it gives its true class.",
        "nd.pick(probabilities, labels, axis=1) picks one probability per row; then -log, then mean."),
       cross_entropy, "the same as Gluon's SoftmaxCrossEntropyLoss averaged over the batch.")
define("03", "l2_loss",
       f"Write l2_loss(predictions, targets): one number per sample, equal to gluon.loss.L2Loss. {L2_RULE}",
       check_l2_loss,
       ("Gluon's L2Loss is half the squared difference, averaged over each sample's values.",
        "0.5 * ((predictions - targets) ** 2).mean(axis=1)"),
       l2_loss, "half the mean squared error per sample (the 1/2 makes the gradient just the difference).")
define("03", "logits_gradient",
       f"Write logits_gradient(logits, labels): d(summed cross-entropy)/d(logits), without autograd. {GRADIENT_RULE}",
       check_logits_gradient,
       ("Softmax and cross-entropy together have a famously simple gradient.",
        "It is the predicted probabilities minus the one-hot labels."),
       logits_gradient, "softmax - one-hot: a confidently wrong prediction gets a gradient near -1, so it keeps "
       "being pushed (squared error's gradient would vanish there).")
