"""Notebook 02 · one-hot and softmax: exercises, their checks and reference solutions."""

from mxnet import nd

from helpers.exercises.checking import Wrong, matches, same_values
from helpers.exercises.exercise import define


def one_hot(labels, classes):
    """Row i is all zeros except a 1 in column labels[i]."""
    return (nd.arange(classes).reshape((1, -1)) == labels.reshape((-1, 1))).astype("float32")


def label_cases(rng):
    return [(nd.array(rng.integers(0, k, size=n)), k) for n, k in ((5, 10), (8, 3), (1, 4))]


def softmax(z):
    """Softmax of each row, safe for huge logits: subtracting the row's maximum changes nothing."""
    e = nd.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def logit_cases(rng):
    return [(nd.array(rng.normal(size=(3, 10))),), (nd.array(rng.normal(size=(2, 4)) * 1000),),
            (nd.array(rng.normal(size=(4, 5)) + 5000),)]


def check_softmax(answer):
    for (z,) in logit_cases(__import__("numpy").random.default_rng()):
        got = answer(z)
        same_values(got, nd.softmax(z, axis=1), f"for logits of shape {z.shape} around {z.mean().asscalar():.0f}")
        sums = got.sum(axis=1) if hasattr(got, "sum") else None
        if sums is not None:
            same_values(sums, nd.ones(z.shape[0]), "each row must sum to 1")


def accuracy(probabilities, labels):
    """Share of rows whose most probable class is the label."""
    return (probabilities.argmax(axis=1) == labels).mean().asscalar()


def accuracy_cases(rng):
    cases = []
    for n, k in ((20, 10), (7, 3), (50, 5)):
        probs = nd.softmax(nd.array(rng.normal(size=(n, k)) * 3), axis=1)
        cases.append((probs, nd.array(rng.integers(0, k, size=n))))
    return cases


def true_accuracy(probabilities, labels):
    return float((probabilities.asnumpy().argmax(axis=1) == labels.asnumpy()).mean())


def check_accuracy(answer):
    for args in accuracy_cases(__import__("numpy").random.default_rng()):
        got = answer(*args)
        same_values(got, true_accuracy(*args), f"for {args[0].shape[0]} predictions of {args[0].shape[1]} classes")
        if float(got.asscalar() if hasattr(got, "asscalar") else got) > 1:
            raise Wrong("an accuracy is a share between 0 and 1; did you count instead of averaging?")


define("02", "one_hot", "Write one_hot(labels, classes) by hand (no nd.one_hot): an (N, classes) array of 0s and 1s.",
       matches(lambda labels, k: nd.one_hot(labels, k), label_cases),
       ("Compare each label with every class number 0 .. classes-1.",
        "nd.arange(classes).reshape((1, -1)) == labels.reshape((-1, 1)) broadcasts to (N, classes)."),
       one_hot, "each row is a probability distribution that puts 100% on the true class.")
define("02", "softmax", "Write softmax(z) for a batch of logits (N, K) that survives logits of 1000 or 5000.",
       check_softmax,
       ("e^z overflows float32 above z ≈ 88. Softmax doesn't change if you subtract the same number from a row.",
        "Subtract each row's maximum first: z - z.max(axis=1, keepdims=True)."),
       softmax, "the same as nd.softmax, even for huge logits: subtracting the maximum keeps e^z finite.")
define("02", "accuracy", "Write accuracy(probabilities, labels): the share of rows whose argmax is the label.",
       check_accuracy, ("The predicted class of a row is its argmax along axis 1.",
                        "Compare with the labels, then take the mean (not the sum)."),
       accuracy, "correct predictions divided by all predictions.")
