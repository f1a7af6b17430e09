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


FIXED_LABELS = [([2, 0, 1, 2], 3),      # a repeated label; the first and the last class; 4 rows, 3 columns
                ([1, 0, 1], 4)]         # the last classes never occur: still 4 columns


def label_cases(rng):
    """(labels, classes); the learner gets the labels as a float32 NDArray."""
    fixed = [(np.array(labels, dtype="float64"), k) for labels, k in FIXED_LABELS]
    return fixed + [(rng.integers(0, k, size=n).astype("float64"), k) for n, k in ((5, 10), (8, 3))]


def compare_one_hot(got, expected, what, tol):
    """same_values, with advice when the number of columns comes from the labels instead of `classes`."""
    shape = as_numpy(got).shape
    if len(shape) == 2 and shape[0] == expected.shape[0] and shape[1] != expected.shape[1]:
        raise Wrong(f"{what}: expected shape {expected.shape}, got {shape}: make `classes` columns "
                    f"({expected.shape[1]} here), even when the last classes don't occur among the labels")
    same_values(got, expected, what, tol)


def check_one_hot(answer):
    if forbidden_attribute(answer, ("one_hot",)):
        raise Wrong("this exercise builds one-hot by hand, without nd.one_hot (the check compares with it): "
                    "compare the labels with nd.arange(classes)")
    run_cases(answer, label_cases(np.random.default_rng()), numpy_one_hot, compare=compare_one_hot,
              given=as_ndarrays)


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
    run_cases(answer, logit_cases(np.random.default_rng()), numpy_softmax, what=describe_logits,
              compare=compare_softmax, given=as_ndarrays)


def compare_softmax(got, expected, what, tol):
    """same_values, naming a float16 result (it keeps about 3 digits) as the cause."""
    try:
        same_values(got, expected, what, tol)
    except Wrong as wrong:
        if hasattr(got, "dtype") and np.dtype(got.dtype).name == "float16":
            raise Wrong(f"{wrong}: your result is float16, which keeps only about 3 digits (and overflows above "
                        "65504): keep float32 or float64") from None
        raise


def describe_logits(args):
    """The logits of a case for a message: all of them when they are few, else their shape and mean."""
    z = as_numpy(args[0])
    if z.size <= 15:
        return f"for logits {z.round(1).tolist()}"
    return f"for logits of shape {z.shape} around {z.mean():.0f}"


def accuracy(probabilities, labels):
    """Share of rows whose most probable class is the label."""
    return (probabilities.argmax(axis=1) == labels).mean().asscalar()


# 6 of 9 right: count 6, error rate 0.333, count / classes 2; two rows are right by argmax with a true-class
# probability below 0.4 ([0.38, ...], [0.34, ...]) and one is wrong with 0.45, so a threshold on the true class's
# probability (>= 0.5 or > 0.4) gives 4/9 or 5/9
FIXED_PREDICTIONS = [([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.2, 0.5, 0.3], [0.3, 0.4, 0.3], [0.55, 0.05, 0.4],
                       [0.38, 0.35, 0.27], [0.45, 0.5, 0.05], [0.34, 0.33, 0.33], [0.1, 0.8, 0.1]],
                      [0, 2, 2, 0, 0, 0, 0, 0, 1])]


def accuracy_cases(rng):
    """(probabilities, labels) as numpy arrays; the learner gets float32 NDArrays."""
    cases = [(np.array(p), np.array(labels, dtype="float64")) for p, labels in FIXED_PREDICTIONS]
    for n, k in ((20, 10), (7, 3)):
        probabilities = numpy_softmax(rng.normal(size=(n, k)) * 3).astype("float32")   # what the learner gets
        cases.append((probabilities, rng.integers(0, k, size=n).astype("float64")))
    return cases


def true_accuracy(probabilities, labels):
    """The accuracy, the number of rows, and on the fixed case the shares a threshold on the true class's
    probability gives instead (>= 0.5, > 0.5, >= 0.4, > 0.4), for advice."""
    probabilities, labels = as_numpy(probabilities), as_numpy(labels)
    right = probabilities.argmax(axis=1) == labels
    thresholded = set()
    fixed, _ = FIXED_PREDICTIONS[0]
    if probabilities.shape == np.shape(fixed) and np.allclose(probabilities, fixed, atol=1e-6):
        true_class = probabilities[np.arange(len(labels)), labels.astype(int)]
        thresholded = {float(np.mean(true_class >= t)) for t in (0.5, 0.4)} | \
                      {float(np.mean(true_class > t)) for t in (0.5, 0.4)}
    return float(right.mean()), len(right), thresholded


def compare_accuracy(got, truth, what, tol):
    share, n, thresholded = truth
    value = as_numpy(got)
    if value.size == 1 and any(abs(float(value.ravel()[0]) - t) < tol for t in thresholded):
        raise Wrong(f"{what}: expected {share:.4g}, got {float(value.ravel()[0]):.4g}: did you count the rows whose "
                    "true class has a high probability? A row is right when its largest probability is at the "
                    "label, however small: [0.38, 0.35, 0.27] with label 0 is right, [0.45, 0.5, 0.05] is not")
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
SOFTMAX_RULE = ("Write it by hand (not nd.softmax); NDArray or numpy, float32 or float64; the check compares it "
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
