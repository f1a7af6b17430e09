"""Notebook 02 · one-hot and softmax: exercises, their checks and reference solutions.

Each check runs fixed tricky cases first (they catch the usual mistakes every time), then new random
ones (so copying an output can't pass); tests/unit/mistakes/n02.py lists the mistakes it must catch.
"""

import numpy as np
from mxnet import nd

from helpers.exercises.checking import Wrong, as_ndarrays, as_numpy, forbidden_attribute, run_cases, same_values
from helpers.exercises.exercise import define


def one_hot(labels, classes):
    """Row i is all zeros except a 1 in column labels[i]."""
    return (nd.arange(classes).reshape((1, -1)) == labels.reshape((-1, 1))).astype("float32")


def numpy_one_hot(labels, classes):
    return np.eye(classes)[as_numpy(labels).astype(int)]


FIXED_LABELS = [([2, 0, 1, 2], 3)]      # a repeated label; the first and the last class; 4 rows, 3 columns


def label_cases(rng):
    """(labels, classes); the learner gets the labels as a float32 NDArray."""
    fixed = [(np.array(labels, dtype="float64"), k) for labels, k in FIXED_LABELS]
    return fixed + [(rng.integers(0, k, size=n).astype("float64"), k) for n, k in ((5, 10), (8, 3))]


def check_one_hot(answer):
    if forbidden_attribute(answer, ("one_hot",)):
        raise Wrong("this exercise builds one-hot by hand, without nd.one_hot (the check compares with it): "
                    "compare the labels with nd.arange(classes)")
    run_cases(answer, label_cases(np.random.default_rng()), numpy_one_hot, given=as_ndarrays)


def softmax(z):
    """Softmax of each row, safe for huge logits: subtracting the row's maximum changes nothing."""
    e = nd.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def numpy_softmax(z):
    z = as_numpy(z)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


FIXED_LOGITS = [[1000.0, 999.0, 0.0],     # rows whose maxima differ by 1000 ...
                [1.0, 2.0, 3.0],
                [1000.0, 0.0, -1000.0],   # ... a row whose mean and minimum lie far below its maximum
                [-5.0, 5.0, 0.0],
                [5000.5, 5001.0, 4999.0]]


def logit_cases(rng):
    """Logits in float32 (what the learner gets: around 5000, float32 keeps only 3 decimals): the fixed
    rows, then random ones around 0 and around 5000 spread by 1000."""
    cases = [np.array(FIXED_LOGITS), rng.normal(size=(3, 10)), rng.normal(size=(4, 5)) * 1000 + 5000]
    return [(z.astype("float32"),) for z in cases]


def check_softmax(answer):
    used = forbidden_attribute(answer, ("softmax", "log_softmax", "SoftmaxActivation"))
    if used:
        raise Wrong(f"this exercise writes softmax by hand, and your code calls .{used} (the check compares with "
                    "nd.softmax): exponentiate, then divide by the row's sum")
    run_cases(answer, logit_cases(np.random.default_rng()), numpy_softmax,
              what=lambda args: f"for logits {as_numpy(args[0]).round(1).tolist() if args[0].size <= 12 else ''}"
                                f" of shape {args[0].shape} around {as_numpy(args[0]).mean():.0f}",
              given=as_ndarrays)


def accuracy(probabilities, labels):
    """Share of rows whose most probable class is the label."""
    return (probabilities.argmax(axis=1) == labels).mean().asscalar()


FIXED_PREDICTIONS = [([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.2, 0.5, 0.3], [0.3, 0.4, 0.3], [0.5, 0.1, 0.4]],
                      [0, 2, 2, 0, 0])]       # 3 of 5 right: count 3, error rate 0.4, count / classes 1


def accuracy_cases(rng):
    """(probabilities, labels) as numpy arrays; the learner gets float32 NDArrays."""
    cases = [(np.array(p), np.array(labels, dtype="float64")) for p, labels in FIXED_PREDICTIONS]
    for n, k in ((20, 10), (7, 3)):
        probabilities = numpy_softmax(rng.normal(size=(n, k)) * 3).astype("float32")   # what the learner gets
        cases.append((probabilities, rng.integers(0, k, size=n).astype("float64")))
    return cases


def true_accuracy(probabilities, labels):
    right = as_numpy(probabilities).argmax(axis=1) == as_numpy(labels)
    return float(right.mean()), len(right)


def compare_accuracy(got, truth, what, tol):
    share, n = truth
    value = as_numpy(got)
    if value.size == 1 and abs(float(value.ravel()[0]) - share * n) < tol and share * n > 1:
        raise Wrong(f"{what}: you returned {float(value.ravel()[0]):g}, the number of right predictions; "
                    f"did you count instead of averaging? An accuracy is a share between 0 and 1")
    if value.size == 1 and abs(float(value.ravel()[0]) - 100 * share) < 1e-3 and share > 0.01:
        raise Wrong(f"{what}: you returned a percentage ({float(value.ravel()[0]):g}); give the share between 0 and 1")
    same_values(got, share, what, tol)


def check_accuracy(answer):
    run_cases(answer, accuracy_cases(np.random.default_rng()), true_accuracy, compare=compare_accuracy,
              what=lambda args: f"for {args[0].shape[0]} predictions of {args[0].shape[1]} classes", given=as_ndarrays)


ONE_HOT_RULE = ("Any dtype, NDArray or numpy; the check compares it with nd.one_hot on fixed and new random "
                "labels.")
SOFTMAX_RULE = ("Write it by hand (not nd.softmax); NDArray or numpy, any float dtype; the check compares it "
                "with nd.softmax to within 1e-5, including rows around 1,000 and 5,000 and rows whose "
                "maxima differ by 1,000.")
ACCURACY_RULE = "Return a number or a one-element array; the check compares it to within 1e-5."

define("02", "one_hot",
       f"Write one_hot(labels, classes) by hand (no nd.one_hot): an (N, classes) array of 0s and 1s. {ONE_HOT_RULE}",
       check_one_hot,
       ("Compare each label with every class number 0 .. classes-1.",
        "nd.arange(classes).reshape((1, -1)) == labels.reshape((-1, 1)) broadcasts to (N, classes)."),
       one_hot, "each row is a probability distribution that puts 100% on the true class.")
define("02", "softmax",
       f"Write softmax(z) for a batch of logits (N, K) that survives logits of 1000 or 5000. {SOFTMAX_RULE}",
       check_softmax,
       ("e^z overflows float32 above z ≈ 88. Softmax doesn't change if you subtract the same number from a row.",
        "Subtract each row's maximum first: z - z.max(axis=1, keepdims=True)."),
       softmax, "the same as nd.softmax, even for huge logits: subtracting the maximum keeps e^z finite.")
define("02", "accuracy",
       f"Write accuracy(probabilities, labels): the share of rows whose argmax is the label. {ACCURACY_RULE}",
       check_accuracy, ("The predicted class of a row is its argmax along axis 1.",
                        "Compare with the labels, then take the mean (not the sum)."),
       accuracy, "correct predictions divided by all predictions.")
